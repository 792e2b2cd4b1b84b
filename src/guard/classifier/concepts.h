// The cross-lingual concept lexicon (rules/classifier/concepts.tsv): words and stems of about 90
// languages mapped to 26 language-independent concepts (IGNORE, PREVIOUS, INSTRUCTION, REVEAL,
// ...). A model trained with concept features (FeatureConfig::concept_copies > 0) also sees
// features of each concept hit and of each pair of neighbouring hits, so the weight it learns for
// "ignore ... previous instructions" in the languages it has data for carries over to
// "ignoruj ... predchádzajúce pokyny" in a language it has none for (docs/classifier.md).
//
// Entries are folded like the text (FoldForMatching, then CompactText) when the lexicon is built.
// Match kinds: `prefix` (at the start of a word: stems cover inflection), `word` (a whole word),
// `any` (anywhere: scripts written without spaces).
// How hits are found: the text is read word by word (a word is a maximal run of word bytes). An
// entry made of word bytes only ("simple") cannot reach past the end of the word it starts in,
// so the simple hits of a word depend on the word's bytes alone, and a per-thread cache keyed by
// the word answers for the words text repeats. On a miss the word's positions are looked up in a
// table of literals grouped by their first min(4, length) bytes, behind a bit test per head
// length. An entry with a space or other non-word byte ("complex": "ne obaziri", "l'ia") can
// only start in a word that equals its leading run (or, for `any`, ends with it), which the
// cache also records; only then is the complex table consulted.
// Why not Vectorscan: with ~25,000 literals of 2-12 bytes its literal matcher ran at ~90 MB/s
// and took half a second to compile; why the cache: without it the matcher was a third of the
// guard pipeline's time (docs/performance.md).
// The digest (SHA-256 of the file) is stored in a model, which refuses to load under a different
// lexicon: its concept weights would mean something else. Thread safety: a ConceptLexicon is
// immutable and shared; Hits is reentrant.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace aigis::guard::classifier {

// At most this many concepts (a concept id and a pair of them index small tables).
inline constexpr size_t kMaxConcepts = 64;

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

  // Word by word, for a scorer that walks the words itself and caches what depends on a word
  // alone (features.cc): for every word s[p, p + len) of compacted text s[0, n), in order,
  // SimpleHits (or a cached copy of its hits and WordInfo), then ComplexHits when MayHaveComplex;
  // then SortHits. The result equals Hits.
  static constexpr uint16_t kNoGroup = 0xffff;
  struct WordInfo {
    uint64_t rest_mask = 0;     // filter of the rests that may follow the word (0: none)
    uint16_t group = kNoGroup;  // the word's index among complex leading runs
    bool any_end = false;       // the word ends with a complex `any` literal's leading run
  };
  // Appends the hits of simple literals in the word (they depend on its bytes alone).
  WordInfo SimpleHits(const unsigned char* s, size_t n, size_t p, size_t len,
                      std::vector<ConceptHit>* out) const;
  // Whether complex literals may start in the word (false for most words: one bit test).
  static bool MayHaveComplex(const WordInfo& info, const unsigned char* s, size_t n, size_t end) {
    if (info.any_end) return true;
    if (end + 3 > n) return info.rest_mask != 0;
    return (info.rest_mask & RestMaskBit(s + end)) != 0;
  }
  // Appends the hits of complex literals in the word.
  void ComplexHits(const unsigned char* s, size_t n, size_t p, size_t len, const WordInfo& info,
                   std::vector<ConceptHit>* out) const;
  // Sorts hits collected word by word (within a word they come as positions were tried) and
  // drops duplicates.
  static void SortHits(std::vector<ConceptHit>* hits);
  // False when a literal starts with a non-word byte: such a lexicon has only Hits.
  bool word_by_word() const { return !scan_all_; }

 private:
  struct Entry {
    uint32_t concept_id;
    ConceptMatch match;
  };
  // Open-addressing table from a head key to its group of literals: members[begin, end).
  struct Slot {
    uint64_t key = 0;
    uint32_t begin = 0, end = 0;  // end == 0: empty
  };
  // Literals grouped by their first min(4, length) bytes ("head"), each group compared in full
  // only where the text starts with its head. Per head length, a bitmap of heads (1 and 2 bytes
  // index directly, 3 and 4 bytes hashed into 2^16 and 2^18 bits: the built-in lexicon has ~100
  // three-byte and ~8,000 four-byte heads, so a few percent of the bits are set) rejects most
  // positions with one bit test per head length.
  struct HeadIndex {
    std::vector<Slot> slots;
    std::vector<uint32_t> members;
    std::array<std::vector<uint64_t>, 4> filters;
    std::array<bool, 256> any_first{};   // first bytes of `any` literals
    std::array<bool, 256> first_byte{};  // first bytes of all literals
    std::vector<uint8_t> head_lengths;   // the head lengths that have literals (ascending)
  };
  ConceptLexicon() = default;
  void Build(std::vector<std::string> literals);
  static void BuildIndex(const std::vector<std::string>& literals,
                         const std::vector<Entry>& entries, const std::vector<uint32_t>& ids,
                         HeadIndex* ix);
  // The hits of ix's literals that start at p (`boundary`: p == 0 or s[p - 1] is not a word
  // byte; elsewhere only `any` literals may start).
  void MatchAt(const HeadIndex& ix, const unsigned char* s, size_t n, size_t p, bool boundary,
               std::vector<ConceptHit>* out) const;
  // Every position tried (the definition; used when a literal starts with a non-word byte).
  void ScanAll(const unsigned char* s, size_t n, std::vector<ConceptHit>* out) const;
  // The hits of complex `any` literals in a word whose WordInfo has any_end.
  void ComplexAnyHits(const unsigned char* s, size_t n, size_t p, size_t len,
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
  static constexpr uint32_t kFilterLog2[4] = {8, 16, 16, 18};
  static uint32_t FilterBit(size_t len, const unsigned char* p) {
    if (len == 1) return p[0];
    if (len == 2) return uint32_t{p[0]} | uint32_t{p[1]} << 8;
    const uint32_t k = len == 3 ? uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16
                                : uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 |
                                      uint32_t{p[3]} << 24;
    return (k * 2654435761u) >> (32 - kFilterLog2[len - 1]);
  }
  static bool HasFilter(const HeadIndex& ix, size_t len, const unsigned char* p) {
    const uint32_t bit = FilterBit(len, p);
    return (ix.filters[len - 1][bit >> 6] >> (bit & 63)) & 1;
  }

  std::array<uint8_t, 32> digest_{};
  std::vector<std::string> concepts_;
  std::vector<Entry> entries_;        // by literal index
  std::string lit_bytes_;             // the folded literals, concatenated
  std::vector<uint32_t> lit_offset_;  // literal i = lit_bytes_[lit_offset_[i], lit_offset_[i+1])
  // A literal starts with a non-word byte: every position is tried (ScanAll over all_).
  bool scan_all_ = false;
  HeadIndex all_;      // every literal (scan_all_ only)
  HeadIndex simple_;   // literals of word bytes only
  HeadIndex complex_;  // complex `any` literals
  // Complex prefix/word literals by leading run (the group) and the rest after it: a word that
  // equals a group's leading run is followed by a separator and the next word ("in" + " passato")
  // whose first bytes pick the candidates. Keys are (group, first min(4, |rest|) bytes of the
  // rest), behind a 2^18-bit filter of the keys. The literal's leading run is rest_begin_[i] bytes.
  std::map<std::string, uint16_t, std::less<>> complex_groups_;
  std::vector<Slot> rest_slots_;
  std::vector<uint32_t> rest_members_;
  std::vector<uint64_t> rest_filter_;
  std::vector<uint8_t> group_head_lens_;  // per group, bit hl: a rest with a head of hl bytes
  std::vector<uint8_t> rest_begin_;       // by literal index (complex prefix/word literals)
  // Per group, a 64-bit filter of the first 3 bytes of its rests (all bits for a rest shorter
  // than 3): a word that is a common leading run ("in", "a", "to") is followed by a rest of its
  // group only at a few percent of its occurrences.
  std::vector<uint64_t> group_masks_;
  static uint64_t RestMaskBit(const unsigned char* rest) {
    const uint32_t k = uint32_t{rest[0]} | uint32_t{rest[1]} << 8 | uint32_t{rest[2]} << 16;
    return uint64_t{1} << ((k * 2654435761u) >> 26);
  }
  void MatchRest(uint16_t group, const unsigned char* s, size_t n, size_t p, size_t e,
                 std::vector<ConceptHit>* out) const;
  static uint64_t RestKey(uint16_t group, const unsigned char* p, size_t len) {
    return uint64_t{group} << 40 | HeadKey(p, len);
  }
  static uint32_t RestFilterBit(uint64_t key) {
    return static_cast<uint32_t>((key * 0x9e3779b97f4a7c15ULL) >> (64 - 18));
  }
  // A 2^16-bit filter of the leading runs (kind 0: of prefix/word literals, 1: of `any` ones).
  std::vector<uint64_t> lead_filter_ = std::vector<uint64_t>(1024, 0);
  static uint32_t LeadBit(std::string_view w, int kind) {
    return static_cast<uint32_t>(
        (std::hash<std::string_view>{}(w) + uint64_t(kind)) * 0x9e3779b97f4a7c15ULL >> 48);
  }
  void SetLead(std::string_view w, int kind) {
    const uint32_t b = LeadBit(w, kind);
    lead_filter_[b >> 6] |= uint64_t{1} << (b & 63);
  }
  bool MayBeLead(std::string_view w, int kind) const {
    const uint32_t b = LeadBit(w, kind);
    return (lead_filter_[b >> 6] >> (b & 63)) & 1;
  }
  // The leading runs of complex `any` literals and their distinct lengths.
  std::set<std::string, std::less<>> complex_any_leads_;
  std::vector<size_t> complex_any_lead_lengths_;
  uint64_t cache_id_ = 0;  // tags this lexicon's entries in Hits's per-thread word cache
};

// Hex of the first 8 bytes of a digest, for messages.
std::string ShortDigest(const std::array<uint8_t, 32>& d);

}  // namespace aigis::guard::classifier
