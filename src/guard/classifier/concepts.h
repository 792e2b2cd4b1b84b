// The cross-lingual concept lexicon (rules/classifier/concepts.tsv): words and stems of about 90
// languages mapped to 18 language-independent concepts (IGNORE, PREVIOUS, INSTRUCTION, REVEAL,
// ...). A model trained with concept features (FeatureConfig::concept_copies > 0) also sees one
// feature per concept hit and one per pair of neighbouring hits, so the weight it learns for
// "ignore ... previous instructions" in the languages it has data for carries over to
// "ignoruj ... predchádzajúce pokyny" in a language it has none for (docs/classifier.md).
//
// Entries are folded like the text (FoldForMatching, then CompactText) when the lexicon is built,
// and found with one Vectorscan literal database. Match kinds: `prefix` (at the start of a word:
// stems cover inflection), `word` (a whole word), `any` (anywhere: scripts written without
// spaces). The digest (SHA-256 of the file) is stored in a model, which refuses to load under a
// different lexicon: its concept weights would mean something else.
// Thread safety: a ConceptLexicon is immutable and shared; ForEachHit uses per-thread scratch.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

struct hs_database;

namespace aigis::guard::classifier {

enum class ConceptMatch : uint8_t { kPrefix, kWord, kAny };

struct ConceptHit {
  uint32_t concept_id;  // index into concept_names()
  uint32_t start;       // byte offset in the compacted text
};

class ConceptLexicon {
 public:
  // Parses the TSV (lines "CONCEPT<TAB>lang<TAB>prefix|word|any<TAB>entry"; '#' comments and
  // blank lines skipped) and compiles it. Errors name the line. With a cache_dir, the compiled
  // database is loaded from or stored in it (PatternSet's cache, pattern_set.h).
  static Result<std::shared_ptr<const ConceptLexicon>> Parse(std::string_view tsv,
                                                             const std::string& cache_dir = "");
  // The lexicon built into this binary (cached in PatternSet::DefaultCacheDir()); fails only if
  // the embedded file is broken (tested).
  static Result<std::shared_ptr<const ConceptLexicon>> Builtin();

  ~ConceptLexicon();
  ConceptLexicon(const ConceptLexicon&) = delete;
  ConceptLexicon& operator=(const ConceptLexicon&) = delete;

  const std::array<uint8_t, 32>& digest() const { return digest_; }
  const std::vector<std::string>& concept_names() const { return concepts_; }
  size_t entry_count() const { return entries_.size(); }

  // The hits in `compact` (CompactText output) into *out (cleared first), sorted by start then
  // concept, one per (start, concept) however many entries matched there.
  Status Hits(std::string_view compact, std::vector<ConceptHit>* out) const;

 private:
  struct Entry {
    uint32_t concept_id;
    uint32_t length;  // folded bytes
    ConceptMatch match;
  };
  ConceptLexicon() = default;
  std::array<uint8_t, 32> digest_{};
  std::vector<std::string> concepts_;
  std::vector<Entry> entries_;
  hs_database* db_ = nullptr;
  static int OnMatch(unsigned int id, unsigned long long from, unsigned long long to,
                     unsigned int flags, void* ctx);
};

// Hex of the first 8 bytes of a digest, for messages.
std::string ShortDigest(const std::array<uint8_t, 32>& d);

}  // namespace aigis::guard::classifier
