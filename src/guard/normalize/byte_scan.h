// Byte-class scans used on every guard call: finding ASCII digits (the digit gate of the PII
// rules), the end of an ASCII run (the normaliser), 64-byte masks of the base64 alphabet (the
// encoded-segment search) and of letters, leetspeak digits and separators (the obfuscation
// search), of Morse symbols (the Morse search) and of letters (the NATO search). SSE2 on
// x86-64 (its baseline, so no CPU dispatch), plain loops
// elsewhere; both give the same results (byte_scan_test.cc compares them with the obvious per-byte
// definitions). Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aigis::guard::normalize {

inline bool IsAsciiDigit(unsigned char c) { return static_cast<unsigned char>(c - '0') <= 9; }

// The base64 alphabet as FindEncodedSegments uses it: standard and URL-safe (A-Z a-z 0-9 + / - _).
inline bool IsBase64Byte(unsigned char c) {
  return static_cast<unsigned char>((c | 0x20) - 'a') < 26 || IsAsciiDigit(c) || c == '+' ||
         c == '/' || c == '-' || c == '_';
}

#if defined(__SSE2__)
namespace internal {
// 0xFF in each lane where lo <= x <= lo + span (unsigned).
inline __m128i InRange(__m128i x, char lo, char span) {
  __m128i d = _mm_sub_epi8(x, _mm_set1_epi8(lo));
  return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(span)), d);
}
inline __m128i DigitLanes(__m128i x) { return InRange(x, '0', 9); }
inline __m128i Base64Lanes(__m128i x) {
  __m128i letter = InRange(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 25);
  __m128i sym = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('+')), _mm_cmpeq_epi8(x, _mm_set1_epi8('/'))),
      _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('-')), _mm_cmpeq_epi8(x, _mm_set1_epi8('_'))));
  return _mm_or_si128(_mm_or_si128(letter, DigitLanes(x)), sym);
}
inline __m128i Load16(const unsigned char* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
}  // namespace internal
#endif

// Index of the first ASCII digit in text[from, end), or text.size() when there is none.
inline size_t FindDigit(std::string_view text, size_t from) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = from;
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    int m = _mm_movemask_epi8(internal::DigitLanes(internal::Load16(p + i)));
    if (m != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(m)));
  }
#endif
  for (; i < n; ++i) {
    if (IsAsciiDigit(p[i])) return i;
  }
  return n;
}

// Index of the first byte >= 0x80 in text[from, end), or text.size() when there is none.
inline size_t FindNonAscii(std::string_view text, size_t from) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = from;
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    int m = _mm_movemask_epi8(internal::Load16(p + i));
    if (m != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(m)));
  }
#endif
  for (; i < n; ++i) {
    if (p[i] >= 0x80) return i;
  }
  return n;
}

// Bit k set when p[k] is in the base64 alphabet (IsBase64Byte), for k in [0, 64).
// REQUIRES: p[0, 64) readable.
inline uint64_t Base64Mask64(const unsigned char* p) {
#if defined(__SSE2__)
  uint64_t m = 0;
  for (int k = 0; k < 4; ++k) {
    uint64_t part = static_cast<uint32_t>(
        _mm_movemask_epi8(internal::Base64Lanes(internal::Load16(p + 16 * k))));
    m |= part << (16 * k);
  }
  return m;
#else
  uint64_t m = 0;
  for (int k = 0; k < 64; ++k) m |= static_cast<uint64_t>(IsBase64Byte(p[k])) << k;
  return m;
#endif
}

// Byte classes of the obfuscation search and decoding (FindObfuscatedSegments,
// DecodeObfuscated): ASCII letters, the digits and symbols leetspeak writes for letters
// (0 1 3 4 5 7 @ $), and the separators put between spelled-out letters (space . - _ * | / + ~ ,).
inline bool IsAsciiLetter(unsigned char c) {
  return static_cast<unsigned char>((c | 0x20) - 'a') < 26;
}
inline bool IsLeetByte(unsigned char c) {
  return c == '0' || c == '1' || c == '3' || c == '4' || c == '5' || c == '7' || c == '@' ||
         c == '$';
}
inline bool IsSpellSeparator(unsigned char c) {
  return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*' || c == '|' || c == '/' ||
         c == '+' || c == '~' || c == ',';
}

struct ObfuscationMasks {
  uint64_t letter = 0;  // bit k: p[k] is an ASCII letter
  uint64_t digit = 0;   // bit k: p[k] is an ASCII digit
};

#if defined(__SSE2__)
namespace internal {
// 0xFF in each lane holding an ASCII letter: (x | 0x20) in 'a'..'z', as one signed compare.
inline __m128i LetterLanes(__m128i x) {
  __m128i folded = _mm_add_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)),
                                _mm_set1_epi8(static_cast<char>(0x80 - 'a')));
  return _mm_cmplt_epi8(folded, _mm_set1_epi8(static_cast<char>(-128 + 26)));
}
}  // namespace internal
#endif

// Letters and digits of p[0, 64), the classes the obfuscation search starts from (the few
// candidates they give are checked byte by byte). REQUIRES: p[0, 64) readable.
inline ObfuscationMasks ObfuscationMasks64(const unsigned char* p) {
  ObfuscationMasks m;
#if defined(__SSE2__)
  for (int k = 0; k < 4; ++k) {
    __m128i x = internal::Load16(p + 16 * k);
    const unsigned shift = 16 * static_cast<unsigned>(k);
    m.letter |= uint64_t{static_cast<uint32_t>(_mm_movemask_epi8(internal::LetterLanes(x)))}
                << shift;
    m.digit |= uint64_t{static_cast<uint32_t>(_mm_movemask_epi8(internal::DigitLanes(x)))} << shift;
  }
#else
  for (int k = 0; k < 64; ++k) {
    m.letter |= static_cast<uint64_t>(IsAsciiLetter(p[k])) << k;
    m.digit |= static_cast<uint64_t>(IsAsciiDigit(p[k])) << k;
  }
#endif
  return m;
}

// The two symbols of Morse code (FindMorseSegments).
inline bool IsMorseSymbol(unsigned char c) { return c == '.' || c == '-'; }

// Bit k set when p[k] is '.' or '-' (the Morse search). REQUIRES: p[0, 64) readable.
inline uint64_t MorseSymbolMask64(const unsigned char* p) {
#if defined(__SSE2__)
  uint64_t m = 0;
  for (int k = 0; k < 4; ++k) {
    __m128i x = internal::Load16(p + 16 * k);
    __m128i sym =
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('.')), _mm_cmpeq_epi8(x, _mm_set1_epi8('-')));
    m |= uint64_t{static_cast<uint32_t>(_mm_movemask_epi8(sym))} << (16 * k);
  }
  return m;
#else
  uint64_t m = 0;
  for (int k = 0; k < 64; ++k) m |= static_cast<uint64_t>(IsMorseSymbol(p[k])) << k;
  return m;
#endif
}

// Bit k set when p[k] is an ASCII letter (the NATO search). REQUIRES: p[0, 64) readable.
inline uint64_t LetterMask64(const unsigned char* p) {
#if defined(__SSE2__)
  uint64_t m = 0;
  for (int k = 0; k < 4; ++k) {
    m |= uint64_t{static_cast<uint32_t>(
             _mm_movemask_epi8(internal::LetterLanes(internal::Load16(p + 16 * k))))}
         << (16 * k);
  }
  return m;
#else
  uint64_t m = 0;
  for (int k = 0; k < 64; ++k) m |= static_cast<uint64_t>(IsAsciiLetter(p[k])) << k;
  return m;
#endif
}

// Bit k set when bits k .. k + run - 1 of `m` are all set (a run of at least `run` set bits starts
// at k; runs are not continued past bit 63). REQUIRES: 1 <= run <= 64.
inline uint64_t RunStarts(uint64_t m, unsigned run) {
  unsigned have = 1;  // invariant: bit k set iff bits k .. k + have - 1 of the input are all set
  while (have * 2 <= run) {
    m &= m >> have;
    have *= 2;
  }
  if (have < run) m &= m >> (run - have);
  return m;
}

}  // namespace aigis::guard::normalize
