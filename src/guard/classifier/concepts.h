// The cross-lingual concept lexicon (rules/classifier/concepts.tsv): words and stems of about 90
// languages mapped to 26 language-independent concepts (IGNORE, PREVIOUS, INSTRUCTION, REVEAL,
// ...). A model trained with concept features (FeatureConfig::concept_copies > 0) also sees
// features of each concept hit and of each pair of neighbouring hits, so the weight it learns for
// "ignore ... previous instructions" in the languages it has data for carries over to
// "ignoruj ... predchádzajúce pokyny" in a language it has none for (docs/classifier.md).
//
// Entries are folded like the text (FoldForMatching, then CompactText) when the lexicon is built,
// and found by their first bytes: literals are grouped by their first min(4, length) bytes, and
// a group is compared in full only where the text starts with its head (a bit test per head
// length rejects most positions first). Match kinds: `prefix` (at the start of a word: stems
// cover inflection), `word` (a whole word), `any` (anywhere: scripts written without spaces).
// Why not Vectorscan: with ~25,000 literals of 2-12 bytes its literal matcher ran at ~90 MB/s
// and took half a second to compile, while all but the `any` entries can only start after a
// non-word byte; here only those positions (and the first bytes of `any` entries) are looked at.
// The digest (SHA-256 of the file) is stored in a model, which refuses to load under a different
// lexicon: its concept weights would mean something else. Thread safety: a ConceptLexicon is
// immutable and shared; Hits is reentrant.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace aigis::guard::classifier {

enum class ConceptMatch : uint8_t { kPrefix, kWord, kAny };

struct ConceptHit {
  uint32_t concept_id;  // index into concept_names()
  uint32_t start;       // byte offset in the compacted text
};

class ConceptLexicon {
 public:
  // Parses the TSV (lines "CONCEPT<TAB>lang<TAB>prefix|word|any<TAB>entry"; '#' comments and
  // blank lines skipped) and builds the matcher. Errors name the line.
  static Result<std::shared_ptr<const ConceptLexicon>> Parse(std::string_view tsv);
  // The lexicon built into this binary; fails only if the embedded file is broken (tested).
  static Result<std::shared_ptr<const ConceptLexicon>> Builtin();

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
    ConceptMatch match;
  };
  // Open-addressing table from a head key to its group of literals: members_[begin, end).
  struct Slot {
    uint64_t key = 0;
    uint32_t begin = 0, end = 0;  // end == 0: empty
  };
  ConceptLexicon() = default;
  void Build(const std::vector<std::string>& literals);
  void MatchGroup(const unsigned char* s, size_t n, size_t p, size_t head_len, bool boundary,
                  std::vector<ConceptHit>* out) const;
  // The head of `len` (1-4) bytes at p, tagged with its length.
  static uint64_t HeadKey(const unsigned char* p, size_t len) {
    uint64_t k = uint64_t{len} << 32;
    for (size_t i = 0; i < len; ++i) k |= uint64_t{p[i]} << (8 * i);
    return k;
  }
  static size_t SlotOf(uint64_t key, size_t slots) {
    return static_cast<size_t>((key * 0x9e3779b97f4a7c15ULL) >> 40) & (slots - 1);
  }
  // Per head length, a bitmap of heads (1 and 2 bytes index directly, 3 and 4 bytes hashed into
  // 2^16 and 2^18 bits: the built-in lexicon has ~100 three-byte and ~8,000 four-byte heads, so
  // a few percent of the bits are set and the maps stay in L1/L2): most positions are rejected by
  // a bit test per head length.
  static constexpr uint32_t kFilterLog2[4] = {8, 16, 16, 18};
  static uint32_t FilterBit(size_t len, const unsigned char* p) {
    if (len == 1) return p[0];
    if (len == 2) return uint32_t{p[0]} | uint32_t{p[1]} << 8;
    const uint32_t k = len == 3 ? uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16
                                : uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 |
                                      uint32_t{p[3]} << 24;
    return (k * 2654435761u) >> (32 - kFilterLog2[len - 1]);
  }
  void SetFilter(size_t len, const unsigned char* p) {
    std::vector<uint64_t>& f = filters_[len - 1];
    if (f.empty()) f.assign((size_t{1} << kFilterLog2[len - 1]) / 64, 0);
    const uint32_t bit = FilterBit(len, p);
    f[bit >> 6] |= uint64_t{1} << (bit & 63);
    first_byte_[p[0]] = true;
  }
  bool HasFilter(size_t len, const unsigned char* p) const {
    const uint32_t bit = FilterBit(len, p);
    return (filters_[len - 1][bit >> 6] >> (bit & 63)) & 1;
  }

  std::array<uint8_t, 32> digest_{};
  std::vector<std::string> concepts_;
  std::vector<Entry> entries_;        // by literal index
  std::string lit_bytes_;             // the folded literals, concatenated
  std::vector<uint32_t> lit_offset_;  // literal i = lit_bytes_[lit_offset_[i], lit_offset_[i+1])
  std::vector<Slot> slots_;
  std::vector<uint32_t> members_;
  std::array<std::vector<uint64_t>, 4> filters_;
  std::array<bool, 256> any_first_{};
  std::array<bool, 256> first_byte_{};  // first bytes of all literals
  std::vector<uint8_t> head_lengths_;   // the head lengths that have literals (ascending)
};

// Hex of the first 8 bytes of a digest, for messages.
std::string ShortDigest(const std::array<uint8_t, 32>& d);

}  // namespace aigis::guard::classifier
