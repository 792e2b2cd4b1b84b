#include "guard/classifier/features.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>

#include "guard/classifier/concepts.h"
#include "guard/classifier/words.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aigis::guard::classifier {

namespace {
// Byte -> replacement, or 0 for whitespace. One table lookup per byte on the scoring hot path.
struct CompactTable {
  unsigned char map[256];
  constexpr CompactTable() : map() {
    for (int c = 0; c < 256; ++c) map[c] = static_cast<unsigned char>(c);
    for (int c = '0'; c <= '9'; ++c) map[c] = '0';
    for (int c = 'A'; c <= 'Z'; ++c) map[c] = static_cast<unsigned char>(c - 'A' + 'a');
    for (int c : {' ', '\t', '\n', '\r', '\v', '\f'}) map[c] = 0;
  }
};
constexpr CompactTable kCompact;

// Whitespace: ' ', \t, \n, \v, \f, \r (the bytes kCompact maps to 0, except NUL).
inline bool IsSpaceByte(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

#if defined(__SSE2__)
// 0xFF in each lane where lo <= x <= lo + span (unsigned).
inline __m128i InRange(__m128i x, char lo, char span) {
  __m128i d = _mm_sub_epi8(x, _mm_set1_epi8(lo));
  return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(span)), d);
}
#endif
}  // namespace

void CompactText(std::string_view folded, std::string* out) {
  // Writes through a pointer into a pre-sized buffer (output is never longer than the input);
  // NUL bytes of the input are kept as they are. Leading whitespace is skipped first; after that
  // the first byte of every whitespace run becomes ' ' and the rest of the run is dropped, and a
  // ' ' left at the very end (trailing whitespace) is removed: the same as writing ' ' only
  // before the next non-space byte.
  out->resize(folded.size());
  char* o = out->data();
  const auto* p = reinterpret_cast<const unsigned char*>(folded.data());
  const size_t len = folded.size();
  size_t i = 0, n = 0;
  while (i < len && IsSpaceByte(p[i])) ++i;
  bool space = false;  // the byte before p[i] was whitespace
#if defined(__SSE2__)
  // 16 bytes at a time while no byte of the block has to be dropped (no whitespace byte right
  // after another): map digits, upper case and whitespace in the vector and store all 16.
  for (; i + 16 <= len; i += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i ws = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), InRange(x, '\t', 4));
    const unsigned wsm = static_cast<unsigned>(_mm_movemask_epi8(ws));
    if ((wsm & ((wsm << 1) | (space ? 1u : 0u))) != 0) {
      for (size_t k = i; k < i + 16; ++k) {  // a run of whitespace: byte by byte
        const unsigned char c = p[k];
        if (IsSpaceByte(c)) {
          if (!space) o[n++] = ' ';
          space = true;
        } else {
          o[n++] = static_cast<char>(kCompact.map[c]);
          space = false;
        }
      }
      continue;
    }
    __m128i digit = InRange(x, '0', 9);
    __m128i upper = InRange(x, 'A', 25);
    __m128i y = _mm_add_epi8(x, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
    y = _mm_or_si128(_mm_andnot_si128(digit, y), _mm_and_si128(digit, _mm_set1_epi8('0')));
    y = _mm_or_si128(_mm_andnot_si128(ws, y), _mm_and_si128(ws, _mm_set1_epi8(' ')));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o + n), y);
    n += 16;
    space = (wsm >> 15) != 0;
  }
#endif
  for (; i < len; ++i) {
    const unsigned char c = p[i];
    if (IsSpaceByte(c)) {
      if (!space) o[n++] = ' ';
      space = true;
    } else {
      o[n++] = static_cast<char>(kCompact.map[c]);
      space = false;
    }
  }
  if (space) --n;  // trailing whitespace (n > 0: leading whitespace was skipped)
  out->resize(n);
}

namespace {

// No ':' or '.': a URL or a file path keeps its words (exfiltration targets are attack signal).
bool EncodedByte(unsigned char c) {
  return c == '0' || (c >= 'a' && c <= 'z') || c == '+' || c == '/' || c == '=' || c == '_' ||
         c == '-';
}

// A hex group of a dump: [0a-f] only, 2..8 bytes, at least one '0' (a folded digit), optionally
// ending in ':' (an xxd offset).
bool HexGroup(std::string_view t) {
  if (!t.empty() && t.back() == ':') t.remove_suffix(1);
  if (t.size() < 2 || t.size() > 8) return false;
  bool zero = false;
  for (char c : t) {
    if (c == '0') {
      zero = true;
    } else if (c < 'a' || c > 'f') {
      return false;
    }
  }
  return zero;
}

// A run of digit-only groups is binary, decimal character codes or a table of numbers, not a
// dump: only a run with a hex letter somewhere folds (binary- and decimal-coded attacks keep
// their features; nothing decodes binary).
bool HexLetterIn(const std::string& s, size_t from, size_t to) {
  for (size_t k = from; k < to; ++k) {
    if (s[k] >= 'a' && s[k] <= 'f') return true;
  }
  return false;
}

bool EncodedToken(std::string_view t) {
  if (t.size() < kMinEncodedToken) return false;
  size_t zeros = 0;
  for (char c : t) {
    if (!EncodedByte(static_cast<unsigned char>(c))) return false;
    zeros += c == '0';
  }
  return zeros >= 3;
}

}  // namespace

void FoldEncodedRuns(std::string* compact) {
  std::string& s = *compact;
  size_t w = 0;  // write position (the output is never longer than the input)
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    // Both kinds of folded token hold a '0', so the tokens before the next '0' are ordinary:
    // skip (or, once something has folded, move) them in one go. Prose has few digits, and a
    // token-by-token walk was a fifth of the classifier's time on it.
    // i is at a token boundary, so the backward search stops at i - 1 at the latest.
    const size_t z = s.find('0', i);
    size_t ts = n;
    if (z != std::string::npos) {
      const size_t sp = s.rfind(' ', z);
      ts = sp == std::string::npos || sp < i ? i : sp + 1;
    }
    if (ts > i) {
      if (w != i) std::memmove(&s[w], &s[i], ts - i);
      w += ts - i;
      i = ts;
      if (i == n) break;
    }
    if (s[i] == ' ') {
      s[w++] = ' ';
      ++i;
      continue;
    }
    size_t e = s.find(' ', i);
    if (e == std::string::npos) e = n;
    std::string_view tok(s.data() + i, e - i);
    if (EncodedToken(tok)) {
      s[w++] = '0';
      i = e;
      continue;
    }
    if (HexGroup(tok)) {
      // Count the run of hex groups starting here (single spaces between tokens after compaction).
      size_t groups = 1, run_end = e;
      while (run_end + 1 < n && s[run_end] == ' ') {
        size_t ne = s.find(' ', run_end + 1);
        if (ne == std::string::npos) ne = n;
        if (!HexGroup(std::string_view(s.data() + run_end + 1, ne - run_end - 1))) break;
        ++groups;
        run_end = ne;
      }
      if (groups >= kMinHexGroups && HexLetterIn(s, i, run_end)) {
        s[w++] = '0';
        i = run_end;
        continue;
      }
    }
    // An ordinary token: copied (memmove: w <= i).
    std::memmove(&s[w], &s[i], e - i);
    w += e - i;
    i = e;
  }
  s.resize(w);
}

namespace {
// Bytes that separate the numbers of a list, a table row, a date or a trace line.
inline bool IsNumberSeparator(char c) {
  return c == ' ' || c == ',' || c == ';' || c == ':' || c == '|' || c == '/' || c == '.' ||
         c == '-';
}
}  // namespace

void FoldNumberRuns(std::string* compact) {
  std::string& s = *compact;
  // Each run of digits (written '0' by CompactText) becomes one '0'. Prose has few digits: most
  // texts stop at the find.
  size_t i = s.find("00");
  if (i != std::string::npos) {
    size_t w = i + 1;
    for (i += 2; i < s.size(); ++i) {
      if (s[i] != '0' || s[w - 1] != '0') s[w++] = s[i];
    }
    s.resize(w);
  }
  // Then each run of numbers with only separators between them ("0 0 0", "| 0 | 0 |", "0-0-0")
  // becomes one '0': a list of numbers, a table row of figures and a line of character codes all
  // read the same, and the decoders rescan the codes. A number is a '0' with a separator (or the
  // text's end) on both sides; "0gn0r0" (leetspeak) is a word, not a number.
  i = s.find('0');
  if (i == std::string::npos) return;
  const size_t n = s.size();
  auto number_at = [&](size_t k) {
    return s[k] == '0' && (k + 1 == n || IsNumberSeparator(s[k + 1]));
  };
  size_t w = i;
  char prev = i > 0 ? s[i - 1] : ' ';  // the input byte before i (s before w is rewritten)
  while (i < n) {
    if (IsNumberSeparator(prev) && number_at(i)) {
      size_t end = i + 1;  // past the run's last number
      for (;;) {
        size_t j = end;
        while (j < n && IsNumberSeparator(s[j])) ++j;
        if (j == end || j == n || !number_at(j)) break;
        end = j + 1;
      }
      s[w++] = '0';
      prev = '0';
      i = end;
      continue;
    }
    prev = s[i];
    s[w++] = s[i++];
  }
  s.resize(w);
}

void CompactForModel(std::string_view folded, const FeatureConfig& cfg, std::string* out) {
  CompactText(folded, out);
  if (cfg.fold_encoded) FoldEncodedRuns(out);
  if (cfg.fold_numbers) FoldNumberRuns(out);
}

namespace {

// How the scorer turns a feature into sign * weight. A character n-gram is given as its product
// m (bucket = top lb bits, sign = the bit below, set = +1), a word n-gram as its hash g (bucket =
// top lb bits, sign = bit 0, set = +1).
// MaskLookup reads the model's table and applies the sign without a branch (mask = -1 for +1).
template <unsigned kLb>
struct MaskLookup {
  const int16_t* w;
  unsigned lb;
  unsigned Lb() const { return kLb != 0 ? kLb : lb; }
  int64_t Char(uint64_t m) const {
    const int64_t mask = static_cast<int64_t>(m << Lb()) >> 63;
    const int64_t neg = -int64_t{w[m >> (64u - Lb())]};
    return (neg ^ mask) - mask;
  }
  int64_t Word(uint64_t g) const {
    const int64_t mask = -static_cast<int64_t>(g & 1);
    const int64_t neg = -int64_t{w[g >> (64u - Lb())]};
    return (neg ^ mask) - mask;
  }
};
// SignedLookup reads the signed table (signed_w[2b + s]): the top lb + 1 bits of a character
// product are the index as they are, so a feature costs a shift and a load.
template <unsigned kLb>
struct SignedLookup {
  const int16_t* signed_w;
  unsigned lb;
  unsigned Lb() const { return kLb != 0 ? kLb : lb; }
  int64_t Char(uint64_t m) const { return signed_w[m >> (63u - Lb())]; }
  int64_t Word(uint64_t g) const { return signed_w[((g >> (64u - Lb())) << 1) | (g & 1)]; }
};

inline uint64_t Load8(const unsigned char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return internal::FromLittleEndian(x);
}

// Character n-grams of lengths kMin..kMax starting at positions [from, to), each with 8
// readable bytes. A position's n-grams are added up first, so the accumulator chain has one add
// per position.
template <unsigned kMin, unsigned kMax, typename Lookup>
int64_t CharSumFixed(const unsigned char* s, size_t from, size_t to, const Lookup& lk) {
  int64_t acc = 0;
  for (size_t i = from; i < to; ++i) {
    const uint64_t x = Load8(s + i);
    acc += [&]<unsigned... k>(std::integer_sequence<unsigned, k...>) {
      return (lk.Char((x & internal::LowBytesMask(kMin + k)) * internal::kCharMul[kMin + k]) + ...);
    }
    (std::make_integer_sequence<unsigned, kMax - kMin + 1>{});
  }
  return acc;
}

// The same with the 2-byte n-grams read from the pair table (PairWeights): one load indexed by
// the two bytes instead of a multiply and a read of the big table.
template <unsigned kMax, typename Lookup>
int64_t CharSumFixedPairs(const unsigned char* s, size_t from, size_t to, const Lookup& lk,
                          const int16_t* pairs) {
  int64_t acc = 0;
  for (size_t i = from; i < to; ++i) {
    const uint64_t x = Load8(s + i);
    acc += [&]<unsigned... k>(std::integer_sequence<unsigned, k...>) {
      return (int64_t{pairs[x & 0xffff]} + ... +
              lk.Char((x & internal::LowBytesMask(3 + k)) * internal::kCharMul[3 + k]));
    }
    (std::make_integer_sequence<unsigned, kMax - 2>{});
  }
  return acc;
}

template <typename Lookup>
int64_t CharSumAny(const unsigned char* s, size_t from, size_t to, const FeatureConfig& cfg,
                   const Lookup& lk) {
  int64_t acc = 0;
  for (size_t i = from; i < to; ++i) {
    const uint64_t x = Load8(s + i);
    int64_t pos = 0;
    for (unsigned len = cfg.char_min; len <= cfg.char_max; ++len) {
      pos += lk.Char((x & internal::LowBytesMask(len)) * internal::kCharMul[len]);
    }
    acc += pos;
  }
  return acc;
}

using internal::ForEachWord;

// FNV-1a over the word's bytes (ForEachFeature's word hash). A word of at most 8 bytes, read as
// one integer, takes 4 or 8 fixed steps without a loop: past the word the byte is 0 and the
// multiplier 1, so those steps leave the hash as it is.
struct FnvSteps {
  uint64_t mul[9][8];
  constexpr FnvSteps() : mul() {
    for (unsigned len = 0; len <= 8; ++len) {
      for (unsigned k = 0; k < 8; ++k) mul[len][k] = k < len ? internal::kFnvPrime : 1;
    }
  }
};
constexpr FnvSteps kFnvSteps;

inline uint64_t WordHash(const unsigned char* s, size_t n, size_t start, size_t len) {
  uint64_t h = internal::kFnvOffset ^ internal::kWordSeed;
  if (len <= 8 && start + 8 <= n) {
    uint64_t x = Load8(s + start) & internal::LowBytesMask(static_cast<unsigned>(len));
    const uint64_t* mul = kFnvSteps.mul[len];
    for (unsigned k = 0; k < 4; ++k) {
      h = (h ^ (x & 0xff)) * mul[k];
      x >>= 8;
    }
    if (len <= 4) return h;  // half the words of English: skips 4 multiplies
    for (unsigned k = 4; k < 8; ++k) {
      h = (h ^ (x & 0xff)) * mul[k];
      x >>= 8;
    }
    return h;
  }
  for (size_t k = start; k < start + len; ++k) h = (h ^ s[k]) * internal::kFnvPrime;
  return h;
}

// The scorer's per-thread word cache: per word (at most kScoreWordBytes bytes), its hash, the
// signed weight of its unigram feature, and its concept hits and WordInfo (at most
// kScoreWordHits hits). An entry belongs to the scorer whose cache owner id it holds (the weight
// is the model's). Text repeats its words, so most words cost a compare instead of a hash, a
// table read that misses the cache and a lexicon lookup.
constexpr size_t kScoreWordBytes = 24;
constexpr size_t kScoreWordHits = 3;
constexpr unsigned kScoreCacheLog2 = 12;  // 4,096 entries, 256 KiB per thread
struct alignas(64) ScoreWord {
  uint64_t owner = 0;
  uint64_t head = 0;  // the word's first 8 bytes (zero-padded)
  uint64_t hash = 0;  // WordHash
  uint64_t rest_mask = 0;
  uint16_t group = 0;
  uint8_t any_end = 0;
  int32_t unigram = 0;  // sign * weight of the unigram feature (+32768 for -(-32768))
  uint8_t len = 0, nhits = 0;
  uint8_t off[kScoreWordHits] = {};
  uint8_t concept_id[kScoreWordHits] = {};
  unsigned char tail[kScoreWordBytes - 8] = {};  // bytes 8..len (zero-padded)
};
static_assert(sizeof(ScoreWord) == 64);

// The word n-grams of SumByBlock (ForEachFeature's definition, counted in the block of the last
// word's start), and when lex is given the concept hits of every word into *hits (cleared first;
// unsorted); through the word cache when owner != 0.
template <typename Lookup>
void SumWords(const unsigned char* s, size_t n, const FeatureConfig& cfg, const Lookup& lk,
              const ConceptLexicon* lex, uint64_t owner, size_t stride, std::vector<int64_t>* acc,
              std::vector<uint64_t>* cnt, std::vector<ConceptHit>* hits) {
  thread_local std::unique_ptr<ScoreWord[]> cache;
  if (owner != 0 && !cache) cache.reset(new ScoreWord[size_t{1} << kScoreCacheLog2]);
  ScoreWord* const words = cache.get();
  hits->clear();
  uint64_t prev1 = 0, prev2 = 0;  // the hashes of the two words before
  size_t seen = 0;
  size_t blk = 0, blk_end = stride;
  int64_t a = 0;
  uint64_t c = 0;
  // Inlined into ForEachWord's loop, so the sums and the previous hashes stay in registers
  // (called through the closure they were loads and stores per word: 8% more instructions for
  // a whole scoring).
  ForEachWord(
      s, n, [&](size_t start, size_t len) __attribute__((always_inline)) {
        uint64_t h;
        int64_t unigram;
        ConceptLexicon::WordInfo info;
        const uint64_t head = internal::LoadPadded(s, n, start, std::min<size_t>(8, len));
        ScoreWord* e = owner != 0 && len <= kScoreWordBytes
                           ? &words[internal::WordCacheSlot(head, len, kScoreCacheLog2)]
                           : nullptr;
        if (e != nullptr && e->owner == owner && e->head == head && e->len == len &&
            (len <= 8 || internal::TailEquals(e->tail, s, n, start, len))) [[likely]] {
          h = e->hash;
          unigram = e->unigram;
          for (uint8_t i = 0; i < e->nhits; ++i) {
            hits->push_back({e->concept_id[i], static_cast<uint32_t>(start + e->off[i])});
          }
          info.rest_mask = e->rest_mask;
          info.group = e->group;
          info.any_end = e->any_end != 0;
        } else {
          h = WordHash(s, n, start, len);
          unigram = lk.Word(internal::Mix(h));
          const size_t before = hits->size();
          if (lex != nullptr) info = lex->SimpleHits(s, n, start, len, hits);
          if (e != nullptr && hits->size() - before <= kScoreWordHits) {
            *e = ScoreWord{};
            e->owner = owner;
            e->head = head;
            e->hash = h;
            e->rest_mask = info.rest_mask;
            e->group = info.group;
            e->any_end = info.any_end ? 1 : 0;
            e->unigram = static_cast<int32_t>(unigram);
            e->len = static_cast<uint8_t>(len);
            e->nhits = static_cast<uint8_t>(hits->size() - before);
            for (size_t i = 0; i < e->nhits; ++i) {
              e->off[i] = static_cast<uint8_t>((*hits)[before + i].start - start);
              e->concept_id[i] = static_cast<uint8_t>((*hits)[before + i].concept_id);
            }
            if (len > 8) std::memcpy(e->tail, s + start + 8, len - 8);
          }
        }
        if (lex != nullptr && ConceptLexicon::MayHaveComplex(info, s, n, start + len))
            [[unlikely]] {
          lex->ComplexHits(s, n, start, len, info, hits);
        }
        ++seen;
        if (start >= blk_end) [[unlikely]] {
          (*acc)[blk] += a;
          (*cnt)[blk] += c;
          a = 0;
          c = 0;
          blk = start / stride;
          blk_end = (blk + 1) * stride;
        }
        // ForEachFeature's chain g = Mix(g * 31 + prev[k] + k), k < min(word_max, seen); its first
        // link is Mix(h), whose weight is the cached unigram.
        a += unigram;
        ++c;
        if (cfg.word_max >= 2 && seen >= 2) {
          uint64_t g = internal::Mix(internal::Mix(h) * 31 + prev1 + 1);
          a += lk.Word(g);
          ++c;
          if (cfg.word_max >= 3 && seen >= 3) {
            g = internal::Mix(g * 31 + prev2 + 2);
            a += lk.Word(g);
            ++c;
          }
        }
        prev2 = prev1;
        prev1 = h;
      });
  (*acc)[blk] += a;
  (*cnt)[blk] += c;
}

// SumWeightsByBlock with the character loop given: Fixed(s, from, to) for the positions with 8
// readable bytes, lk for everything else.
template <typename Lookup, typename Fixed>
void SumByBlock(std::string_view compact, const FeatureConfig& cfg, const Lookup& lk, Fixed&& fixed,
                size_t stride, std::vector<int64_t>* acc, std::vector<uint64_t>* cnt,
                const ScoringContext* ctx) {
  const size_t n = compact.size();
  const auto* s = reinterpret_cast<const unsigned char*>(compact.data());
  const size_t nblocks = n == 0 ? 1 : (n + stride - 1) / stride;
  acc->assign(nblocks, 0);
  cnt->assign(nblocks, 0);
  const size_t lengths = size_t{cfg.char_max} - cfg.char_min + 1;
  const size_t full_end = n >= 8 ? n - 7 : 0;  // positions with 8 readable bytes
  // Character n-grams, block by block.
  for (size_t b = 0; b < nblocks; ++b) {
    const size_t lo = std::min(n, b * stride);
    const size_t hi = lo + std::min(stride, n - lo);
    const size_t mid = std::clamp(full_end, lo, hi);
    int64_t a = fixed(s, lo, mid);
    uint64_t c = (mid - lo) * lengths;
    for (size_t i = mid; i < hi; ++i) {  // the last 7 positions: assemble what is left
      uint64_t x = 0;
      for (size_t k = 0; k < 8 && i + k < n; ++k) x |= uint64_t{s[i + k]} << (8 * k);
      for (unsigned len = cfg.char_min; len <= cfg.char_max && i + len <= n; ++len) {
        a += lk.Char((x & internal::LowBytesMask(len)) * internal::kCharMul[len]);
        ++c;
      }
    }
    (*acc)[b] += a;
    (*cnt)[b] += c;
  }
  const int64_t* concept_sums = ctx != nullptr ? ctx->concept_sums : nullptr;
  auto add_events = [&](const std::vector<std::pair<uint32_t, uint32_t>>& events) {
    for (const auto& [e, pos] : events) {
      int64_t sum = 0;
      if (concept_sums != nullptr) {
        sum = concept_sums[e];
      } else {
        for (uint64_t k = 0; k < cfg.concept_copies; ++k) sum += lk.Word(ConceptFeatureHash(e, k));
      }
      (*acc)[pos / stride] += sum;
      (*cnt)[pos / stride] += cfg.concept_copies;
    }
  };
  thread_local std::vector<std::pair<uint32_t, uint32_t>> events;
  // Word n-grams and, with them, the concept hits word by word (through the word cache when the
  // caller has one); a lexicon that cannot be read word by word, or no word features, leaves the
  // concepts to ConceptEvents (which finds none if the lexicon failed to load: features.h).
  const ConceptLexicon* lex = nullptr;
  if (cfg.concept_copies != 0 && cfg.word_max != 0) {
    auto builtin = ConceptLexicon::Builtin();
    if (builtin.ok() && (*builtin)->word_by_word()) lex = builtin->get();
  }
  if (cfg.word_max != 0) {
    thread_local std::vector<ConceptHit> hits;
    SumWords(s, n, cfg, lk, lex, ctx != nullptr ? ctx->cache_owner : 0, stride, acc, cnt, &hits);
    if (lex != nullptr) {
      ConceptLexicon::SortHits(&hits);
      ConceptPairEvents(compact, hits, &events);
      add_events(events);
    }
  }
  if (cfg.concept_copies != 0 && lex == nullptr) {
    (void)ConceptEvents(compact, &events);  // empty on failure (features.h)
    add_events(events);
  }
}

// Character lengths 2-5 with a table of 2^16 to 2^20 buckets have fixed lengths and shifts; any
// other configuration goes through the general loop. Lookup is MaskLookup (the model's table) or
// SignedLookup (the signed table).
template <template <unsigned> class Lookup, unsigned kLb>
void SumByBlockFixed(std::string_view compact, const FeatureConfig& cfg, const int16_t* table,
                     size_t stride, std::vector<int64_t>* acc, std::vector<uint64_t>* cnt,
                     const ScoringContext* ctx) {
  Lookup<kLb> lk{table, kLb};
  const int16_t* pairs = ctx != nullptr ? ctx->pair_weights : nullptr;
  auto fixed = [&](const unsigned char* s, size_t from, size_t to) {
    return pairs != nullptr ? CharSumFixedPairs<5>(s, from, to, lk, pairs)
                            : CharSumFixed<2, 5>(s, from, to, lk);
  };
  SumByBlock(compact, cfg, lk, fixed, stride, acc, cnt, ctx);
}

template <template <unsigned> class Lookup>
void SumByBlockWith(std::string_view compact, const FeatureConfig& cfg, const int16_t* table,
                    size_t stride, std::vector<int64_t>* acc, std::vector<uint64_t>* cnt,
                    const ScoringContext* ctx) {
  if (cfg.char_min == 2 && cfg.char_max == 5) {
    switch (cfg.log2_buckets) {
      case 16:
        return SumByBlockFixed<Lookup, 16>(compact, cfg, table, stride, acc, cnt, ctx);
      case 17:
        return SumByBlockFixed<Lookup, 17>(compact, cfg, table, stride, acc, cnt, ctx);
      case 18:
        return SumByBlockFixed<Lookup, 18>(compact, cfg, table, stride, acc, cnt, ctx);
      case 19:
        return SumByBlockFixed<Lookup, 19>(compact, cfg, table, stride, acc, cnt, ctx);
      case 20:
        return SumByBlockFixed<Lookup, 20>(compact, cfg, table, stride, acc, cnt, ctx);
      default:
        break;
    }
  }
  Lookup<0> lk{table, cfg.log2_buckets};
  auto any = [&](const unsigned char* s, size_t from, size_t to) {
    return CharSumAny(s, from, to, cfg, lk);
  };
  SumByBlock(compact, cfg, lk, any, stride, acc, cnt, ctx);
}

}  // namespace

void SumWeightsByBlock(std::string_view compact, const FeatureConfig& cfg, const int16_t* weights,
                       size_t stride, std::vector<int64_t>* acc, std::vector<uint64_t>* cnt,
                       const ScoringContext* ctx) {
  SumByBlockWith<MaskLookup>(compact, cfg, weights, stride, acc, cnt, ctx);
}

bool MakeSignedWeights(const std::vector<int16_t>& weights, std::vector<int16_t>* signed_weights) {
  signed_weights->clear();
  for (int16_t w : weights) {
    if (w == INT16_MIN) return false;  // -w does not fit
  }
  signed_weights->resize(2 * weights.size());
  for (size_t b = 0; b < weights.size(); ++b) {
    (*signed_weights)[2 * b] = static_cast<int16_t>(-weights[b]);
    (*signed_weights)[2 * b + 1] = weights[b];
  }
  return true;
}

std::vector<int16_t> PairWeights(const FeatureConfig& cfg, const std::vector<int16_t>& weights) {
  std::vector<int16_t> pairs;
  if (cfg.char_min != 2 || cfg.char_max < 2 || weights.size() != (size_t{1} << cfg.log2_buckets)) {
    return pairs;
  }
  for (int16_t w : weights) {
    if (w == INT16_MIN) return pairs;  // -w does not fit
  }
  pairs.resize(size_t{1} << 16);
  const unsigned shift = 64u - cfg.log2_buckets;
  for (uint64_t key = 0; key < pairs.size(); ++key) {
    const uint64_t m = key * internal::kCharMul[2];  // ForEachFeature's emit for length 2
    const int16_t w = weights[m >> shift];
    pairs[key] = ((m >> (shift - 1)) & 1) ? w : static_cast<int16_t>(-w);
  }
  return pairs;
}

void SumSignedWeightsByBlock(std::string_view compact, const FeatureConfig& cfg,
                             const int16_t* signed_weights, size_t stride,
                             std::vector<int64_t>* acc, std::vector<uint64_t>* cnt,
                             const ScoringContext* ctx) {
  SumByBlockWith<SignedLookup>(compact, cfg, signed_weights, stride, acc, cnt, ctx);
}

void ConceptPairEvents(std::string_view compact, const std::vector<ConceptHit>& hits,
                       std::vector<std::pair<uint32_t, uint32_t>>* out) {
  out->clear();
  for (size_t i = 0; i < hits.size(); ++i) {
    const ConceptHit& h = hits[i];
    out->push_back({h.concept_id + 1, h.start});
    // The nearest earlier hit of another concept, if close enough: at most kConceptPairSpan
    // bytes and kConceptPairSpaces spaces back ("all previous instructions" pairs, "everything
    // was in order" does not).
    for (size_t j = i; j-- > 0;) {
      if (h.start - hits[j].start > kConceptPairSpan) break;
      if (std::count(compact.begin() + hits[j].start, compact.begin() + h.start, ' ') >
          static_cast<std::ptrdiff_t>(kConceptPairSpaces)) {
        break;
      }
      if (hits[j].concept_id == h.concept_id) continue;
      out->push_back({(hits[j].concept_id + 1) * kConceptEventBase + h.concept_id + 1, h.start});
      break;
    }
  }
}

Status ConceptEvents(std::string_view compact, std::vector<std::pair<uint32_t, uint32_t>>* out) {
  out->clear();
  AIGIS_ASSIGN_OR_RETURN(std::shared_ptr<const ConceptLexicon> lex, ConceptLexicon::Builtin());
  thread_local std::vector<ConceptHit> hits;
  AIGIS_RETURN_IF_ERROR(lex->Hits(compact, &hits));
  ConceptPairEvents(compact, hits, out);
  return Status::Ok();
}

uint64_t NewWordCacheOwner() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1);
}

uint64_t ConceptFeatureHash(uint32_t event, uint64_t copy) {
  // Fixed forever for model version 5 (like kCharMul): a hit of concept c hashes
  // kConceptSeed ^ ((c + 1) << 8 | copy), a pair (a, b) kPairSeed ^ ((a + 1) << 16 | (b + 1) << 8
  // | copy).
  constexpr uint64_t kConceptSeed = 0x7c3a5e1f2b9d4861ULL;
  constexpr uint64_t kPairSeed = 0x3b1f7d2c9e5a8064ULL;
  const uint64_t first = event / kConceptEventBase, second = event % kConceptEventBase;
  if (first == 0) return internal::Mix(kConceptSeed ^ (second << 8 | copy));
  return internal::Mix(kPairSeed ^ (first << 16 | second << 8 | copy));
}

Status ConceptFeatureHashes(std::string_view compact, const FeatureConfig& cfg,
                            std::vector<std::pair<uint64_t, uint32_t>>* out) {
  out->clear();
  if (cfg.concept_copies == 0) return Status::Ok();
  thread_local std::vector<std::pair<uint32_t, uint32_t>> events;
  AIGIS_RETURN_IF_ERROR(ConceptEvents(compact, &events));
  for (const auto& [e, pos] : events) {
    for (uint64_t k = 0; k < cfg.concept_copies; ++k)
      out->push_back({ConceptFeatureHash(e, k), pos});
  }
  return Status::Ok();
}

std::vector<int64_t> ConceptEventSums(const FeatureConfig& cfg, const int16_t* weights) {
  std::vector<int64_t> sums;
  if (cfg.concept_copies == 0) return sums;
  sums.resize(kConceptEvents, 0);
  const unsigned shift = 64u - cfg.log2_buckets;
  for (uint32_t e = 0; e < kConceptEvents; ++e) {
    for (uint64_t k = 0; k < cfg.concept_copies; ++k) {
      const uint64_t g = ConceptFeatureHash(e, k);
      const int64_t w = weights[g >> shift];
      sums[e] += (g & 1) ? w : -w;
    }
  }
  return sums;
}

void SparseFeatures(std::string_view compact, const FeatureConfig& cfg,
                    std::vector<std::pair<uint32_t, float>>* out) {
  out->clear();
  std::vector<std::pair<uint32_t, int32_t>> raw;
  ForEachFeature(compact, cfg, [&](uint32_t b, int sign, size_t) { raw.push_back({b, sign}); });
  if (raw.empty()) return;
  const float norm = 1.0f / std::sqrt(static_cast<float>(raw.size()));
  std::sort(raw.begin(), raw.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < raw.size();) {
    size_t j = i;
    int32_t sum = 0;
    while (j < raw.size() && raw[j].first == raw[i].first) sum += raw[j++].second;
    if (sum != 0) out->push_back({raw[i].first, static_cast<float>(sum) * norm});
    i = j;
  }
}

}  // namespace aigis::guard::classifier
