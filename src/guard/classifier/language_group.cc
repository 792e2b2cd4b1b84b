#include "guard/classifier/language_group.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>

namespace aigis::guard::classifier {
namespace {

// Packs an ASCII word of 1..8 bytes into an integer (first byte lowest) for the table search.
constexpr uint64_t Pack(std::string_view w) {
  uint64_t v = 0;
  for (size_t i = 0; i < w.size(); ++i) v |= uint64_t(static_cast<unsigned char>(w[i])) << (8 * i);
  return v;
}

// Common English function words (at most 8 letters). Words frequent in other Latin-script
// languages as well ("de", "la", "die", "en", "un") are left out; a few shared ones ("a", "in",
// "is", "to") stay because English uses them far more densely than 20% of tokens.
constexpr std::string_view kFunctionWordList[] = {
    "a",     "about", "all",    "an",     "and",   "any",  "are",   "as",   "at",   "be",
    "been",  "but",   "can",    "could",  "for",   "from", "has",   "have", "how",  "i",
    "if",    "in",    "is",     "it",     "its",   "me",   "my",    "not",  "of",   "on",
    "or",    "our",   "please", "should", "that",  "the",  "their", "them", "then", "there",
    "these", "they",  "this",   "to",     "was",   "we",   "were",  "what", "when", "where",
    "which", "who",   "will",   "with",   "would", "you",  "your"};

// An open-addressing table of the packed words, built at compile time: a lookup is a multiply
// and usually one compare (a binary search mispredicted a branch per step and cost as much as
// the classifier itself on English text).
constexpr size_t kTableBits = 8;
constexpr size_t TableSlot(uint64_t packed) {
  return static_cast<size_t>((packed * 0x9E3779B97F4A7C15ULL) >> (64 - kTableBits));
}
constexpr auto kFunctionWords = [] {
  std::array<uint64_t, size_t{1} << kTableBits> t{};
  for (std::string_view w : kFunctionWordList) {
    size_t i = TableSlot(Pack(w));
    while (t[i] != 0) i = (i + 1) & (t.size() - 1);
    t[i] = Pack(w);
  }
  return t;
}();

// `w` is a run of ASCII letters; OR-ing 0x20 lower-cases them.
bool IsFunctionWord(std::string_view w) {
  if (w.empty() || w.size() > 8) return false;
  const uint64_t v = Pack(w) | (0x2020202020202020ULL >> (8 * (8 - w.size())));
  for (size_t i = TableSlot(v);; i = (i + 1) & (kFunctionWords.size() - 1)) {
    if (kFunctionWords[i] == v) return true;
    if (kFunctionWords[i] == 0) return false;
  }
}

// Latin-script letters outside ASCII: Latin-1 Supplement and Extended-A/B, IPA, Extended
// Additional, Extended-C/D/E, fullwidth forms.
bool IsLatinCodePoint(int32_t cp) {
  return (cp >= 0xC0 && cp <= 0x2AF) || (cp >= 0x1D00 && cp <= 0x1DBF) ||
         (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2C60 && cp <= 0x2C7F) ||
         (cp >= 0xA720 && cp <= 0xA7FF) || (cp >= 0xAB30 && cp <= 0xAB6F) ||
         (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A);
}

// CompactText lower-cased ASCII; upper case is accepted too so any caller may use this.
bool IsAsciiLetter(unsigned char b) { return static_cast<unsigned char>((b | 0x20) - 'a') < 26; }

bool IsLetterCategory(utf8proc_category_t c) {
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
         c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_LO;
}

bool IsMarkCategory(utf8proc_category_t c) {
  return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

}  // namespace

LanguageGroup GroupOfCompact(std::string_view text) {
  text = text.substr(0, std::min(text.size(), kLanguageGroupScanBytes));
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  // Letters are counted by word: a word with any non-Latin letter counts wholly as non-Latin,
  // because the guard's folding maps Cyrillic and Greek look-alikes (а, е, о, р, с, ...) to
  // Latin, which leaves a Russian word such as "промпт" as "пpomпt".
  size_t latin = 0, other = 0, words = 0, function_words = 0;
  size_t i = 0;
  while (i < n) {
    if (p[i] < 0x80 && !IsAsciiLetter(p[i])) {
      ++i;
      continue;
    }
    // A word: runs of ASCII letters (the tight inner loop) and decoded non-ASCII letters or
    // combining marks, until anything else.
    const size_t start = i;
    size_t letters = 0;
    bool ascii = true, non_latin = false;
    while (i < n) {
      const size_t run = i;
      while (i < n && IsAsciiLetter(p[i])) ++i;
      letters += i - run;
      if (i == n || p[i] < 0x80) break;
      utf8proc_int32_t cp = -1;
      const utf8proc_ssize_t len =
          utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(n - i), &cp);
      if (len <= 0) break;  // invalid UTF-8 (a prefix cut may split a sequence): ends the word
      const utf8proc_category_t cat = utf8proc_category(cp);
      if (IsLetterCategory(cat)) {
        ++letters;
        ascii = false;
        non_latin = non_latin || !IsLatinCodePoint(cp);
      } else if (!IsMarkCategory(cat) || i == start) {  // combining marks continue a word
        break;
      }
      i += static_cast<size_t>(len);
    }
    if (i == start) {  // a non-letter code point (skipped whole) or an invalid byte
      utf8proc_int32_t cp = -1;
      const utf8proc_ssize_t len =
          utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(n - i), &cp);
      i += len > 0 ? static_cast<size_t>(len) : 1;
      continue;
    }
    ++words;
    (non_latin ? other : latin) += letters;
    if (ascii && IsFunctionWord(text.substr(start, i - start))) ++function_words;
  }
  if (other > latin) return LanguageGroup::kNonLatin;
  if (words == 0) return LanguageGroup::kEnglish;
  return function_words * kEnglishShareDen >= words * kEnglishShareNum ? LanguageGroup::kEnglish
                                                                       : LanguageGroup::kOtherLatin;
}

std::string_view LanguageGroupName(LanguageGroup g) {
  switch (g) {
    case LanguageGroup::kEnglish:
      return "english";
    case LanguageGroup::kOtherLatin:
      return "other-latin";
    case LanguageGroup::kNonLatin:
      return "non-latin";
  }
  return "unknown";
}

}  // namespace aigis::guard::classifier
