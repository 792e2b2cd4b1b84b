// Ordinary English prose (common word frequencies, sentences, commas, line breaks) for the guard
// and classifier benchmarks; deterministic for a seed. Shared so both measure the same text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>

namespace aigis::bench {

inline constexpr const char* kEnglishWords[] = {
    "the",         "of",          "and",     "to",         "in",       "a",        "is",
    "that",        "for",         "it",      "as",         "was",      "with",     "be",
    "by",          "on",          "not",     "he",         "this",     "are",      "or",
    "his",         "from",        "at",      "which",      "but",      "have",     "an",
    "had",         "they",        "you",     "were",       "their",    "one",      "all",
    "we",          "can",         "her",     "has",        "there",    "been",     "if",
    "more",        "when",        "will",    "would",      "who",      "so",       "no",
    "model",       "language",    "city",    "data",       "river",    "market",   "because",
    "people",      "time",        "year",    "government", "company",  "number",   "world",
    "information", "development", "example", "important",  "research", "children", "between",
    "under",       "water",       "history", "music",      "school"};

inline std::string EnglishProse(size_t bytes, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s;
  s.reserve(bytes + 64);
  size_t n = sizeof(kEnglishWords) / sizeof(kEnglishWords[0]);
  int in_sentence = 0;
  while (s.size() < bytes) {
    std::string w = kEnglishWords[rng() % n];
    if (in_sentence == 0) w[0] = static_cast<char>(w[0] - 32);
    s += w;
    if (++in_sentence > 8 + static_cast<int>(rng() % 12)) {
      s += rng() % 5 == 0 ? ".\n" : ". ";
      in_sentence = 0;
    } else {
      s += rng() % 11 == 0 ? ", " : " ";
    }
  }
  return s;
}

// classifier_bench's prose: 30 words, with words attack rules contain ("you", "please",
// "write", "email"), which cost the signatures more than EnglishProse does.
inline constexpr const char* kVocabularyWords[] = {
    "the",     "of",     "and",     "to",     "in",       "a",        "is",     "that",
    "for",     "it",     "with",    "you",    "model",    "language", "please", "summary",
    "explain", "write",  "email",   "report", "customer", "function", "data",   "because",
    "river",   "market", "history", "school", "between",  "important"};

inline std::string VocabularyProse(size_t bytes, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s;
  while (s.size() < bytes) {
    s += kVocabularyWords[rng() % (sizeof(kVocabularyWords) / sizeof(kVocabularyWords[0]))];
    s += rng() % 12 == 0 ? ". " : " ";
  }
  s.resize(bytes);
  return s;
}

}  // namespace aigis::bench
