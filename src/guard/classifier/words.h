// Word iteration for the classifier's hot paths (features.cc, concepts.cc): a word is a maximal
// run of word bytes (internal::IsWordByte) of compacted text.
// Thread safety: pure functions.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "guard/classifier/features.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aigis::guard::classifier::internal {

struct WordByteTable {
  bool word[256];
  constexpr WordByteTable() : word() {
    for (int c = 0; c < 256; ++c) word[c] = IsWordByte(static_cast<unsigned char>(c));
  }
};
inline constexpr WordByteTable kWordByte;

// Bit k set when p[k] is a word byte, for k < min(64, avail).
inline uint64_t WordMask64(const unsigned char* p, size_t avail) {
#if defined(__SSE2__)
  if (avail >= 64) {
    uint64_t m = 0;
    for (unsigned q = 0; q < 4; ++q) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * q));
      // 'a' <= (x | 0x20) <= 'z' (unsigned), x >= 0x80, '0' or '_'.
      const __m128i d = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
      const __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(25)), d);
      const __m128i word =
          _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(x, _mm_setzero_si128()), letter),
                       _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('0')),
                                    _mm_cmpeq_epi8(x, _mm_set1_epi8('_'))));
      m |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(word))} << (16 * q);
    }
    return m;
  }
#endif
  uint64_t m = 0;
  const size_t end = std::min<size_t>(avail, 64);
  for (size_t k = 0; k < end; ++k) m |= uint64_t{kWordByte.word[p[k]]} << k;
  return m;
}

// Calls emit(start, len) for every word of s[0, n), in order. Word starts and ends come from
// 64-bit masks, 64 bytes at a time, so finding the next word is not a chain of loads and compares
// from the previous one (that chain, or the mispredicted exit of a byte loop, cost more than
// hashing the word).
// Always inlined: emit's captures are the caller's running sums, which stay in registers only
// when the loop is in the caller (out of line they were loads and stores per word).
template <typename Emit>
__attribute__((always_inline)) inline void ForEachWord(const unsigned char* s, size_t n,
                                                       Emit&& emit) {
  uint64_t carry = 0;  // 1 when the byte before this group is a word byte
  size_t open = 0;     // start of a word that continues past the group
  bool has_open = false;
  for (size_t base = 0; base < n; base += 64) {
    const uint64_t w = WordMask64(s + base, n - base);
    const uint64_t before = (w << 1) | carry;  // bit k: byte k - 1 is a word byte
    uint64_t starts = w & ~before;
    uint64_t ends = ~w & before;  // bit k: a word ended at k (exclusive)
    carry = w >> 63;
    // Starts and ends alternate; an open word takes the first end.
    if (has_open && ends != 0) {
      emit(open, base + static_cast<size_t>(__builtin_ctzll(ends)) - open);
      ends &= ends - 1;
      has_open = false;
    }
    while (starts != 0) {
      const size_t st = base + static_cast<size_t>(__builtin_ctzll(starts));
      starts &= starts - 1;
      if (ends != 0) {
        emit(st, base + static_cast<size_t>(__builtin_ctzll(ends)) - st);
        ends &= ends - 1;
      } else {
        open = st;
        has_open = true;
      }
    }
  }
  if (has_open) emit(open, n - open);
}

// Up to 8 bytes of s[pos, pos + count) (count <= 8) as a little-endian integer, zero-padded; one
// load unless near the end.
inline uint64_t LoadPadded(const unsigned char* s, size_t n, size_t pos, size_t count) {
  uint64_t x = 0;
  if (pos + 8 <= n) {
    std::memcpy(&x, s + pos, 8);
    return FromLittleEndian(x) & LowBytesMask(static_cast<unsigned>(count));
  }
  for (size_t k = 0; k < count; ++k) x |= uint64_t{s[pos + k]} << (8 * k);
  return x;
}

// The slot of a word in a direct-mapped per-thread word cache of 2^log2 entries, from its first
// 8 bytes and length (a cache compares the whole word before it trusts an entry).
inline size_t WordCacheSlot(uint64_t head, size_t len, unsigned log2) {
  return static_cast<size_t>(((head ^ len) * 0x9e3779b97f4a7c15ULL) >> (64 - log2));
}

// Whether bytes 8..len of the word at s + p equal `tail` (len - 8 bytes, zero-padded to a
// multiple of 8).
inline bool TailEquals(const unsigned char* tail, const unsigned char* s, size_t n, size_t p,
                       size_t len) {
  for (size_t k = 8; k < len; k += 8) {
    uint64_t t;
    std::memcpy(&t, tail + (k - 8), 8);
    if (FromLittleEndian(t) != LoadPadded(s, n, p + k, std::min<size_t>(8, len - k))) return false;
  }
  return true;
}

}  // namespace aigis::guard::classifier::internal
