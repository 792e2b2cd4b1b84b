// Hashed text features for the prompt-attack classifier: character n-grams and word n-grams of the
// guard's folded text, hashed into 2^log2_buckets buckets with a sign bit (signed feature hashing,
// which keeps collisions unbiased). The same function serves training and scoring, so the model
// sees at scoring time exactly what it saw in training.
//
// Before hashing, the folded text is compacted: whitespace runs become one ' ', ASCII digits
// become '0' (numbers carry no attack signal and would only spread weight over buckets) and ASCII
// letters are lower-cased. The guard's normaliser leaves pure-ASCII input as it is (its patterns
// are caseless), so lower-casing here keeps training and scoring identical whichever view of the
// text a caller passes.
// Thread safety: pure functions.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "guard/classifier/concepts.h"

namespace aigis::guard::classifier {

struct FeatureConfig {
  uint8_t char_min = 2;       // shortest character n-gram (bytes)
  uint8_t char_max = 5;       // longest character n-gram (bytes)
  uint8_t word_max = 2;       // word n-grams 1..word_max (0 = no word features)
  uint8_t log2_buckets = 18;  // 2^18 buckets: 512 KiB of int16 weights
  // Encoded runs (hex dumps, hashes, base64, UUIDs) become one "0" token before features are
  // taken (FoldEncodedRuns; model version 4). The decoders rescan what such runs hide, so the
  // classifier scores words; without it, pasted dumps look like the encoded attacks it trained on.
  bool fold_encoded = false;
  // Every number, and every run of numbers with separators between them, becomes one "0"
  // (FoldNumberRuns; feature flag 2): "2024" reads as "0" and a table row "| 21 | 582163 |" as
  // "| 0 |", so tables, logs and CAN traces stop looking like the character codes of encoded
  // attacks, which the decoders rescan (decimal, binary, hex). Off in the shipped model
  // (docs/classifier.md, "Numbers").
  bool fold_numbers = false;
  // Concept features (concepts.h; model version 5): each concept hit, and each ordered pair of
  // neighbouring hits, becomes this many features (0 = none). Several copies, hashed apart, give
  // a concept the weight a word gets from its character n-grams and spread hash collisions.
  uint8_t concept_copies = 0;
};

// Neighbouring concept hits at most this many compacted bytes and spaces apart (start to start)
// also make a pair feature: the words of "ignore all previous instructions" are neighbours in
// most languages; words further apart pair by chance in ordinary prose.
inline constexpr uint32_t kConceptPairSpan = 48;
inline constexpr uint32_t kConceptPairSpaces = 2;

// Compacts folded text into *out (cleared first): whitespace runs -> ' ', digits -> '0',
// A-Z -> a-z.
void CompactText(std::string_view folded, std::string* out);

// Rewrites compacted text in place: every token (run of non-space bytes) of at least
// kMinEncodedToken bytes that is made of [0a-z+/=_-] (no ':' or '.': URLs and paths stay) and holds
// at least 3 '0's, and every run of at least kMinHexGroups tokens that are hex groups ([0a-f]
// only, 2..8 bytes, with a '0', an optional trailing ':'; at least one a-f letter in the run),
// becomes the single token "0". Prose is left as it is: words have no digits, and "cafe bead face"
// has no '0'.
inline constexpr size_t kMinEncodedToken = 16;
inline constexpr size_t kMinHexGroups = 4;
void FoldEncodedRuns(std::string* compact);

// Rewrites compacted text in place: each run of '0' bytes (a number: CompactText writes every
// digit as '0') becomes one '0', and then each run of such numbers with only separators
// (" ,;:|/.-") between them becomes one '0'. A number has a separator or an end of the text on
// both sides.
void FoldNumberRuns(std::string* compact);

// CompactText, then FoldEncodedRuns and FoldNumberRuns when the model asks for them: what training
// and scoring use.
void CompactForModel(std::string_view folded, const FeatureConfig& cfg, std::string* out);

// Calls fn(bucket, sign, position) for every feature of `compact` (output of CompactText), in a
// fixed order. `position` is the byte offset in `compact` where the n-gram starts; sign is +1/-1.
template <typename Fn>
void ForEachFeature(std::string_view compact, const FeatureConfig& cfg, Fn&& fn);

// The concept events of `compact` into *out (cleared first): (event, position) for each concept
// hit (event = concept + 1) and for each pair of neighbouring hits (event = (first + 1) *
// kConceptEventBase + second + 1, positioned at the second). Each event stands for
// cfg.concept_copies features, ConceptFeatureHash(event, 0..copies-1). Fails only if the built-in
// lexicon or the scan fails; ForEachFeature and the scorers then see no concept features, which
// the model loader and the trainer rule out by loading the lexicon first.
inline constexpr uint32_t kConceptEventBase = kMaxConcepts + 1;
inline constexpr uint32_t kConceptEvents = kConceptEventBase * kConceptEventBase;
Status ConceptEvents(std::string_view compact, std::vector<std::pair<uint32_t, uint32_t>>* out);
// The same from the hits (sorted, as ConceptLexicon::Hits gives them).
void ConceptPairEvents(std::string_view compact, const std::vector<ConceptHit>& hits,
                       std::vector<std::pair<uint32_t, uint32_t>>* out);
// A hash read like a word n-gram's (bucket = top log2_buckets bits, sign = bit 0).
uint64_t ConceptFeatureHash(uint32_t event, uint64_t copy);

// The concept features of `compact` (none when cfg.concept_copies == 0) into *out (cleared
// first): (hash, position) pairs, ConceptEvents expanded into their copies.
Status ConceptFeatureHashes(std::string_view compact, const FeatureConfig& cfg,
                            std::vector<std::pair<uint64_t, uint32_t>>* out);

// Per concept event, the sum of sign * weights[bucket] over its copies (kConceptEvents entries):
// a model's weights are fixed, so the scorer adds one number per event instead of reading
// concept_copies buckets scattered over the table. Empty when cfg.concept_copies == 0.
// REQUIRES: weights has 2^cfg.log2_buckets entries.
std::vector<int64_t> ConceptEventSums(const FeatureConfig& cfg, const int16_t* weights);

// The sparse vector of `compact` as liblinear wants it: (bucket, value) sorted by bucket, values
// summed over occurrences and divided by sqrt(feature count), zeros dropped.
void SparseFeatures(std::string_view compact, const FeatureConfig& cfg,
                    std::vector<std::pair<uint32_t, float>>* out);

// The scoring path (LinearClassifier): per block of `stride` bytes of `compact`, the sum of
// sign * weights[bucket] and the number of the features that start in it (block b holds start
// positions [b * stride, (b + 1) * stride)). *acc and *cnt get max(1, ceil(size / stride))
// entries. The same features as ForEachFeature (tested against it), but without a callback per
// feature: a position's n-grams are summed together, the sign is applied without a branch (the
// compiler turned `sign ? w : -w` into a branch that mispredicted every other feature),
// character lengths 2-5 with 2^16..2^20 buckets get constant lengths and shifts, and words are
// found by a table.
// ctx (optional) holds what a scorer keeps between calls; the sums are the same without it.
// REQUIRES: weights has 2^cfg.log2_buckets entries; stride > 0.
struct ScoringContext {
  // ConceptEventSums of the same weights, or nullptr (each copy is then looked up).
  const int64_t* concept_sums = nullptr;
  // NewWordCacheOwner() for a scorer with fixed weights, or 0: words (with their hash, unigram
  // weight and concept hits) are then cached per thread under this id.
  uint64_t cache_owner = 0;
  // PairWeights of the same weights, or nullptr (the 2-byte n-grams are then hashed).
  const int16_t* pair_weights = nullptr;
};
uint64_t NewWordCacheOwner();
void SumWeightsByBlock(std::string_view compact, const FeatureConfig& cfg, const int16_t* weights,
                       size_t stride, std::vector<int64_t>* acc, std::vector<uint64_t>* cnt,
                       const ScoringContext* ctx = nullptr);

// The signed table: signed_weights[2b + 1] = weights[b], signed_weights[2b] = -weights[b], so
// the top log2_buckets + 1 bits of a character product index it directly and the sign costs
// nothing. w and -w share a cache line, so the lines a text touches are as many as in the plain
// table. Returns false (and leaves *signed_weights empty) when a weight is -32768, whose negation
// does not fit; the scorer then uses SumWeightsByBlock.
bool MakeSignedWeights(const std::vector<int16_t>& weights, std::vector<int16_t>* signed_weights);

// The pair table: the signed weight of the character 2-gram of every two bytes, indexed by the
// bytes as a little-endian integer (65,536 entries, 128 KiB). Text uses a few hundred of them, so
// they stay in the core's first-level cache, where the 2-gram's bucket in the 512 KiB model is
// a read from the second level, after a multiply. Empty when cfg.char_min != 2, or when a weight is
// -32768.
std::vector<int16_t> PairWeights(const FeatureConfig& cfg, const std::vector<int16_t>& weights);

// SumWeightsByBlock over the signed table (same results).
// REQUIRES: signed_weights has 2^(cfg.log2_buckets + 1) entries (MakeSignedWeights); stride > 0.
void SumSignedWeightsByBlock(std::string_view compact, const FeatureConfig& cfg,
                             const int16_t* signed_weights, size_t stride,
                             std::vector<int64_t>* acc, std::vector<uint64_t>* cnt,
                             const ScoringContext* ctx = nullptr);

// ---------------------------------------------------------------------------------------------
// Implementation (inline: the scoring loop must inline fn).

namespace internal {
inline uint64_t Mix(uint64_t h) {  // murmur3 finaliser: spreads every input bit over the word
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}
constexpr bool IsWordByte(unsigned char c) {
  return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '0' || c == '_';
}
constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;
constexpr uint64_t kWordSeed = 0x9e3779b97f4a7c15ULL;
// Odd multipliers per character n-gram length (index = length, 1..8): a different constant per
// length keeps "ab" and "ab\0" apart. Fixed forever for model version 2.
constexpr uint64_t kCharMul[9] = {
    0,
    0x9e3779b97f4a7c15ULL,  // 2^64 / golden ratio
    0xbf58476d1ce4e5b9ULL,
    0x94d049bb133111ebULL,
    0xff51afd7ed558ccdULL,
    0xc4ceb9fe1a85ec53ULL,
    0xd6e8feb86659fd93ULL,
    0xa0761d6478bd642fULL,
    0xe7037ed1a0b428dbULL,
};
inline constexpr uint64_t LowBytesMask(unsigned len) {
  return len >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * len)) - 1;
}
inline uint64_t FromLittleEndian(uint64_t v) {
  if constexpr (std::endian::native == std::endian::big) return __builtin_bswap64(v);
  return v;
}
}  // namespace internal

template <typename Fn>
void ForEachFeature(std::string_view compact, const FeatureConfig& cfg, Fn&& fn) {
  const size_t n = compact.size();
  const auto* s = reinterpret_cast<const unsigned char*>(compact.data());
  const unsigned shift = 64u - cfg.log2_buckets;
  // Character n-grams (model version 2): the n bytes at i read as a little-endian integer, times
  // an odd constant per length; the bucket is the top bits of the product, the sign the bit below
  // them. One 8-byte load per position serves every length (char_max <= 8), and the multiplies of
  // one position are independent, unlike a running byte-by-byte hash. This loop is the
  // classifier's hot path.
  auto emit = [&](uint64_t key, unsigned len, size_t pos) {
    uint64_t m = key * internal::kCharMul[len];
    fn(static_cast<uint32_t>(m >> shift), ((m >> (shift - 1)) & 1) ? 1 : -1, pos);
  };
  size_t i = 0;
  if (cfg.char_min == 2 && cfg.char_max == 5) {
    // The shipped configuration with constant lengths, so the four multiplies and table reads of
    // a position are independent instructions the CPU overlaps. Same features, same order.
    for (; i + 8 <= n; ++i) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      w = internal::FromLittleEndian(w);
      emit(w & internal::LowBytesMask(2), 2, i);
      emit(w & internal::LowBytesMask(3), 3, i);
      emit(w & internal::LowBytesMask(4), 4, i);
      emit(w & internal::LowBytesMask(5), 5, i);
    }
  }
  for (; i + 8 <= n; ++i) {
    uint64_t w;
    std::memcpy(&w, s + i, 8);
    w = internal::FromLittleEndian(w);
    for (unsigned len = cfg.char_min; len <= cfg.char_max; ++len) {
      emit(w & internal::LowBytesMask(len), len, i);
    }
  }
  for (; i < n; ++i) {  // the last 7 positions: assemble what is left
    uint64_t w = 0;
    for (size_t k = 0; k < 8 && i + k < n; ++k) w |= uint64_t{s[i + k]} << (8 * k);
    for (unsigned len = cfg.char_min; len <= cfg.char_max && i + len <= n; ++len) {
      emit(w & internal::LowBytesMask(len), len, i);
    }
  }
  // Word n-grams: hash each word, then combine the last word_max word hashes.
  uint64_t prev[4] = {0, 0, 0, 0};  // word_max <= 3 (checked by the loader)
  size_t seen = 0;
  i = 0;
  while (cfg.word_max != 0 && i < n) {
    while (i < n && !internal::IsWordByte(s[i])) ++i;
    if (i >= n) break;
    size_t start = i;
    uint64_t h = internal::kFnvOffset ^ internal::kWordSeed;
    while (i < n && internal::IsWordByte(s[i])) h = (h ^ s[i++]) * internal::kFnvPrime;
    for (size_t k = 3; k > 0; --k) prev[k] = prev[k - 1];
    prev[0] = h;
    ++seen;
    uint64_t g = 0;
    for (size_t k = 0; k < cfg.word_max && k < seen; ++k) {
      g = internal::Mix(g * 31 + prev[k] + k);
      fn(static_cast<uint32_t>(g >> shift), (g & 1) ? 1 : -1, start);
    }
  }
  if (cfg.concept_copies == 0) return;
  thread_local std::vector<std::pair<uint64_t, uint32_t>> concepts;
  (void)ConceptFeatureHashes(compact, cfg, &concepts);  // empty on failure (see there)
  for (const auto& [g, pos] : concepts) {
    fn(static_cast<uint32_t>(g >> shift), (g & 1) ? 1 : -1, size_t{pos});
  }
}

}  // namespace aigis::guard::classifier
