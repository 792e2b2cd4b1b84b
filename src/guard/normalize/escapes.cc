#include "guard/normalize/escapes.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "core/bytes.h"
#include "core/hex.h"
#include "guard/normalize/byte_scan.h"
#include "guard/normalize/normalizer.h"

namespace aigis::guard::normalize {
namespace {

inline bool IsAlnum(unsigned char c) { return IsAsciiLetter(c) || IsAsciiDigit(c); }
// A byte of text as character codes write it: tab, line breaks and printable ASCII.
inline bool IsTextCode(int v) { return v == 9 || v == 10 || v == 13 || (v >= 32 && v <= 126); }
inline bool IsLetterOrSpaceCode(int v) {
  return v == 32 || (v >= 'A' && v <= 'Z') || (v >= 'a' && v <= 'z');
}

// --- Digit-led runs: hex groups and decimal codes ---------------------------------------------

// One code of a run: "HH", "0xHH" or a number of 1 to 3 digits (a whole word).
struct CodeToken {
  size_t end = 0;
  bool hex = false;       // two hex digits
  bool prefixed = false;  // 0x and two hex digits
  bool letter = false;    // an a-f digit
  int dec = -1;           // the value when all digits
};

bool ReadCodeToken(const unsigned char* p, size_t n, size_t t, CodeToken* tok) {
  size_t e = t;
  while (e < n && e - t < 5 && IsAlnum(p[e])) ++e;
  const size_t len = e - t;
  if (len == 0 || len > 4 || (e < n && IsAlnum(p[e]))) return false;
  *tok = CodeToken{};
  tok->end = e;
  if (len == 4) {
    tok->prefixed = p[t] == '0' && (p[t + 1] | 0x20) == 'x' && HexDigitValue(p[t + 2]) >= 0 &&
                    HexDigitValue(p[t + 3]) >= 0;
    return tok->prefixed;
  }
  if (len == 2 && HexDigitValue(p[t]) >= 0 && HexDigitValue(p[t + 1]) >= 0) {
    tok->hex = true;
    tok->letter = !IsAsciiDigit(p[t]) || !IsAsciiDigit(p[t + 1]);
  }
  int v = 0;
  for (size_t k = t; k < e; ++k) {
    if (!IsAsciiDigit(p[k])) return tok->hex;
    v = v * 10 + (p[k] - '0');
  }
  tok->dec = v;
  return true;
}

// The separator a run starts with: ", " or "; ", else one of space , : ; tab. Empty when none.
std::string_view FirstSeparator(const unsigned char* p, size_t n, size_t e) {
  if (e >= n) return {};
  const char* c = reinterpret_cast<const char*>(p + e);
  if ((p[e] == ',' || p[e] == ';') && e + 1 < n && p[e + 1] == ' ') return {c, 2};
  if (p[e] == ' ' || p[e] == ',' || p[e] == ':' || p[e] == ';' || p[e] == '\t') return {c, 1};
  return {};
}

// Length of the separator at p[e]: the run's separator, optionally followed by a line break, or a
// line break alone (wrapped output); 0 when there is none.
size_t SeparatorAt(const unsigned char* p, size_t n, size_t e, std::string_view sep) {
  size_t k = e;
  if (n - e >= sep.size() && std::memcmp(p + e, sep.data(), sep.size()) == 0) k += sep.size();
  if (k < n && p[k] == '\n') return k + 1 - e;
  if (k + 1 < n && p[k] == '\r' && p[k + 1] == '\n') return k + 2 - e;
  return k - e;
}

// A run of codes being collected and what it can still be.
struct CodeRun {
  size_t start = 0, end = 0, count = 0, letters = 0;
  bool prefixed = false, can_hex = true, can_dec = true, hex_letter = false;

  CodeRun(size_t s, const CodeToken& t) : start(s), prefixed(t.prefixed) { Add(t); }
  bool Accepts(const CodeToken& t) const {
    if (prefixed || t.prefixed) return prefixed && t.prefixed;
    return (can_hex && t.hex) || (can_dec && t.dec >= 0 && IsTextCode(t.dec));
  }
  void Add(const CodeToken& t) {
    can_hex &= t.hex;
    can_dec &= t.dec >= 0 && IsTextCode(t.dec);
    hex_letter |= t.letter;
    letters += t.dec >= 0 && IsLetterOrSpaceCode(t.dec) ? 1 : 0;
    ++count;
    end = t.end;
  }
  // Two-digit groups are read as decimal unless an a-f digit or a non-text value says hex.
  bool Emit(size_t min_codes, std::vector<EncodedSegment>* out) const {
    if (count < min_codes) return false;
    if (prefixed || (can_hex && (hex_letter || !can_dec))) {
      out->push_back({Encoding::kHexGroups, start, end});
    } else if (can_dec && letters * 4 >= count * 3) {
      out->push_back({Encoding::kDecimal, start, end});
    } else {
      return false;
    }
    return true;
  }
};

// --- Binary: "01101001 01100111" or one long bit string (found in the digit-led scan) -------

// The length of the run of '0'/'1' at p[t] when it is a whole token (no letter or other digit
// glued to either end), else 0.
size_t BitTokenAt(const unsigned char* p, size_t n, size_t t) {
  if (t > 0 && IsAlnum(p[t - 1])) return 0;
  size_t e = t;
  while (e < n && (p[e] == '0' || p[e] == '1')) ++e;
  if (e < n && IsAlnum(p[e])) return 0;
  return e - t;
}

// The byte of bits p[t, t + len), len <= 8.
int BitsValue(const unsigned char* p, size_t t, size_t len) {
  int v = 0;
  for (size_t k = 0; k < len; ++k) v = v * 2 + (p[t + k] - '0');
  return v;
}

// A binary run at p[d] (the first digit after a non-alphanumeric byte): appends it when it is
// one and returns where scanning goes on; 0 when p[d] starts no bit token of 7, 8 or a multiple
// of 8 * min_codes digits.
size_t BinaryRunAt(const unsigned char* p, size_t n, size_t d, const GuardLimits& limits,
                   size_t min_codes, std::vector<EncodedSegment>* out) {
  const size_t len = BitTokenAt(p, n, d);
  if (len >= 8 * min_codes && len % 8 == 0) {
    // One long bit string: its stretches of text bytes, each cut into pieces of at most
    // max_encoded_segment (a whole number of bytes), so a stray non-text byte or a long padding
    // does not hide the rest.
    const size_t piece = limits.max_encoded_segment / 8 * 8;
    size_t from = d;
    for (size_t k = d; k <= d + len; k += 8) {
      if (k < d + len && IsTextCode(BitsValue(p, k, 8))) continue;
      if (piece > 0 && k - from >= 8 * min_codes) {
        for (size_t a = from; a < k; a += piece) {
          out->push_back({Encoding::kBinary, a, std::min(a + piece, k)});
        }
      }
      from = k + 8;
    }
    return d + len;
  }
  if ((len != 7 && len != 8) || !IsTextCode(BitsValue(p, d, len))) return 0;
  size_t pos = d + len;
  const std::string_view sep = FirstSeparator(p, n, pos);
  if (sep.empty()) return 0;
  size_t start = d, count = 1, end = pos;
  auto emit = [&] {
    if (count >= min_codes) out->push_back({Encoding::kBinary, start, end});
  };
  while (pos < n) {
    const size_t sl = SeparatorAt(p, n, pos, sep);
    if (sl == 0) break;
    const size_t next = BitTokenAt(p, n, pos + sl);
    if ((next != 7 && next != 8) || !IsTextCode(BitsValue(p, pos + sl, next))) break;
    if (pos + sl + next - start > limits.max_encoded_segment) {  // cut a long run at a group
      emit();
      start = pos + sl;
      count = 0;
    }
    ++count;
    pos = pos + sl + next;
    end = pos;
  }
  emit();
  return pos;
}

void FindCodeRuns(std::string_view text, const GuardLimits& limits,
                  std::vector<EncodedSegment>* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const size_t min_codes = std::max<size_t>(2, limits.min_hex_segment / 2);
  size_t i = 0;
  while (i < n) {
    // Every code of a text byte has a digit (hex 20..7e, 0x.., decimal), so runs start at one.
    const size_t d = FindDigit(text, i);
    if (d >= n) break;
    size_t t = d;
    while (t > 0 && d - t < 4 && IsAlnum(p[t - 1])) --t;
    CodeToken tok;
    if ((t > 0 && IsAlnum(p[t - 1])) || !ReadCodeToken(p, n, t, &tok)) {
      // Bit groups are longer than any code token: they are looked for here, in the same scan.
      if (t == d) {
        if (const size_t next = BinaryRunAt(p, n, d, limits, min_codes, out); next != 0) {
          i = next;
          continue;
        }
      }
      size_t e = d;  // a longer word or number: step past it
      while (e < n && IsAlnum(p[e])) ++e;
      i = e;
      continue;
    }
    const std::string_view sep = FirstSeparator(p, n, tok.end);
    size_t pos = tok.end;
    if (!sep.empty()) {
      CodeRun run(t, tok);
      while (pos < n) {
        const size_t sl = SeparatorAt(p, n, pos, sep);
        CodeToken next;
        if (sl == 0 || !ReadCodeToken(p, n, pos + sl, &next) || !run.Accepts(next)) break;
        if (next.end - run.start > limits.max_encoded_segment) {
          // Cut a long run at a code; the rest is a run of its own.
          run.Emit(min_codes, out);
          run = CodeRun(pos + sl, next);
        } else {
          run.Add(next);
        }
        pos = next.end;
      }
      if (run.end - run.start <= limits.max_encoded_segment) run.Emit(min_codes, out);
    }
    i = pos;
  }
}

// --- Escapes: \x \u, HTML character references, quoted-printable -------------------------------

// Each returns the length of the escape starting at p[i] (the trigger byte), 0 when there is none.
size_t BackslashEscapeAt(const unsigned char* p, size_t n, size_t i) {
  if (i + 3 < n && (p[i + 1] == 'x' || p[i + 1] == 'X') && HexDigitValue(p[i + 2]) >= 0 &&
      HexDigitValue(p[i + 3]) >= 0) {
    return 4;
  }
  if (i + 5 < n && p[i + 1] == 'u' && HexDigitValue(p[i + 2]) >= 0 &&
      HexDigitValue(p[i + 3]) >= 0 && HexDigitValue(p[i + 4]) >= 0 &&
      HexDigitValue(p[i + 5]) >= 0) {
    return 6;
  }
  return 0;
}
size_t HtmlRefAt(const unsigned char* p, size_t n, size_t i) {
  if (i + 2 >= n || p[i + 1] != '#') return 0;
  size_t k = i + 2;
  const bool hex = p[k] == 'x' || p[k] == 'X';
  if (hex) ++k;
  const size_t digits_from = k;
  while (k < n && k - digits_from < 7 && (hex ? HexDigitValue(p[k]) >= 0 : IsAsciiDigit(p[k]))) ++k;
  if (k == digits_from) return 0;
  if (k < n && p[k] == ';') ++k;
  return k - i;
}
size_t QuotedPrintableAt(const unsigned char* p, size_t n, size_t i) {
  return i + 2 < n && HexDigitValue(p[i + 1]) >= 0 && HexDigitValue(p[i + 2]) >= 0 ? 3 : 0;
}

using EscapeAt = size_t (*)(const unsigned char*, size_t, size_t);

// Stretches of at least kMinEscapes escapes with at most kMaxEscapeGap bytes between them, plus
// the letters glued to either end (at most 32 each side, within max_encoded_segment).
void FindEscapeStretches(const unsigned char* p, size_t n, unsigned char trigger, EscapeAt at,
                         Encoding encoding, const GuardLimits& limits,
                         std::vector<EncodedSegment>* out) {
  const size_t max_seg = limits.max_encoded_segment;
  size_t last_end = 0;
  auto emit = [&](size_t s, size_t e, size_t count) {
    if (count < kMinEscapes || e - s > max_seg) return;
    size_t lo = std::max(last_end, s > 32 ? s - 32 : 0);
    while (s > lo && IsAsciiLetter(p[s - 1]) && e - s < max_seg) --s;
    size_t hi = std::min(n, e + 32);
    while (e < hi && IsAsciiLetter(p[e]) && e - s < max_seg) ++e;
    out->push_back({encoding, s, e});
    last_end = e;
  };
  size_t i = 0;
  while (i < n) {
    const void* hit = std::memchr(p + i, trigger, n - i);
    if (hit == nullptr) break;
    i = static_cast<size_t>(static_cast<const unsigned char*>(hit) - p);
    const size_t len = at(p, n, i);
    if (len == 0) {
      ++i;
      continue;
    }
    size_t s = i, e = i + len, count = 1;
    while (e < n) {
      const size_t lim = std::min(n, e + kMaxEscapeGap + 1);
      const void* h = std::memchr(p + e, trigger, lim - e);
      if (h == nullptr) break;
      const size_t j = static_cast<size_t>(static_cast<const unsigned char*>(h) - p);
      const size_t l = at(p, n, j);
      if (l == 0) break;
      if (j + l - s > max_seg) {
        emit(s, e, count);  // cut a long stretch at an escape
        s = j;
        count = 0;
      }
      e = j + l;
      ++count;
    }
    emit(s, e, count);
    i = e;
  }
}

// --- Base85 (Adobe Ascii85, RFC 1924) and uuencode ------------------------------------------

inline bool IsAscii85Byte(unsigned char c) { return c >= '!' && c <= 'u'; }
// RFC 1924 / Python b85encode alphabet: 0-9 A-Z a-z !#$%&()*+-;<=>?@^_`{|}~, value or -1.
struct Base85Table {
  int8_t v[256];
  constexpr Base85Table() : v() {
    for (int c = 0; c < 256; ++c) v[c] = -1;
    constexpr std::string_view kAlphabet =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
    for (size_t i = 0; i < kAlphabet.size(); ++i) {
      v[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
    }
  }
};
constexpr Base85Table kB85;

// Shortest base85 body worth decoding: 20 symbols, 16 bytes.
constexpr size_t kMinBase85 = 20;

// "<~" body "~>": the body of Ascii85 symbols, 'z' and whitespace.
void FindAdobeAscii85(const unsigned char* p, size_t n, const GuardLimits& limits,
                      std::vector<EncodedSegment>* out) {
  size_t i = 0;
  while (i + 1 < n) {
    const void* hit = std::memchr(p + i, '<', n - i - 1);
    if (hit == nullptr) break;
    i = static_cast<size_t>(static_cast<const unsigned char*>(hit) - p);
    if (p[i + 1] != '~') {
      ++i;
      continue;
    }
    size_t j = i + 2, symbols = 0;
    while (j < n && j - i < limits.max_encoded_segment &&
           (IsAscii85Byte(p[j]) || p[j] == 'z' || p[j] == ' ' || p[j] == '\n' || p[j] == '\r' ||
            p[j] == '\t')) {
      symbols += p[j] > ' ' ? 1 : 0;
      ++j;
    }
    if (j + 1 < n && p[j] == '~' && p[j + 1] == '>' && symbols >= kMinBase85 &&
        j + 2 - i <= limits.max_encoded_segment) {
      out->push_back({Encoding::kAscii85, i, j + 2});
      i = j + 2;
    } else {
      i = j > i + 2 ? j : i + 2;
    }
  }
}

// Bit k set when p[k] is printable ASCII other than space (0x21..0x7E). REQUIRES: p[0, 64).
uint64_t GraphicMask64(const unsigned char* p) {
  uint64_t m = 0;
#if defined(__SSE2__)
  for (int k = 0; k < 4; ++k) {
    const __m128i lanes = internal::InRange(internal::Load16(p + 16 * k), '!', 0x5D);
    m |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(lanes))) << (16 * k);
  }
#else
  for (int k = 0; k < 64; ++k) m |= uint64_t{static_cast<unsigned char>(p[k] - 0x21) < 0x5E} << k;
#endif
  return m;
}

// Whitespace-delimited tokens of at least max(kMinBase85, min_base64_segment) printable bytes
// with upper and lower case letters and at least 3 symbols outside the base64 alphabet, not
// "<~"-framed, not URLs: Ascii85 or RFC 1924 base85 without framing (garak writes both).
void FindBase85Tokens(const unsigned char* p, size_t n, const GuardLimits& limits,
                      std::vector<EncodedSegment>* out) {
  const size_t min_len = std::min<size_t>(64, std::max(kMinBase85, limits.min_base64_segment));
  const size_t stride = 64 - min_len + 1;
  auto graphic = [](unsigned char c) { return static_cast<unsigned char>(c - 0x21) < 0x5E; };
  size_t b = 0;
  while (b < n) {
    // A 64-byte block (the last one zero-padded) without a run of min_len graphic bytes starting
    // in its first `stride` bytes is skipped whole: prose has no such run.
    uint64_t m;
    if (b + 64 <= n) {
      m = GraphicMask64(p + b);
    } else {
      unsigned char tail[64] = {};
      std::memcpy(tail, p + b, n - b);
      m = GraphicMask64(tail);
    }
    uint64_t starts = RunStarts(m, static_cast<unsigned>(min_len));
    if (stride < 64) starts &= (uint64_t{1} << stride) - 1;
    if (starts == 0) {
      b += stride;
      continue;
    }
    size_t s = b + static_cast<size_t>(__builtin_ctzll(starts));
    while (s > 0 && graphic(p[s - 1])) --s;
    size_t e = s;
    bool upper = false, lower = false;
    size_t symbols = 0;
    while (e < n && graphic(p[e])) {
      const unsigned char c = p[e];
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      symbols += IsAlnum(c) || c == '+' || c == '/' || c == '-' || c == '_' || c == '=' ? 0 : 1;
      ++e;
    }
    const std::string_view tok(reinterpret_cast<const char*>(p + s), e - s);
    if (e - s >= min_len && e - s <= limits.max_encoded_segment && upper && lower && symbols >= 3 &&
        tok.substr(0, 2) != "<~" && tok.find("://") == std::string_view::npos) {
      out->push_back({Encoding::kBase85, s, e});
    }
    b = e;
  }
}

// Ascii85 symbols (whitespace skipped, 'z' for four zero bytes) or RFC 1924 symbols to bytes.
bool DecodeBase85Symbols(std::string_view in, bool rfc1924, size_t max_out, std::string* out) {
  out->clear();
  uint64_t acc = 0;
  size_t count = 0;
  auto flush = [&](size_t bytes) {
    if (acc > 0xFFFFFFFFull || out->size() + bytes > max_out) return false;
    for (size_t k = 0; k < bytes; ++k)
      out->push_back(static_cast<char>((acc >> (24 - 8 * k)) & 0xFF));
    acc = 0;
    count = 0;
    return true;
  };
  for (char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    int v;
    if (rfc1924) {
      v = kB85.v[c];
    } else if (c == 'z' && count == 0) {
      acc = 0;
      if (!flush(4)) return false;
      continue;
    } else {
      v = IsAscii85Byte(c) ? c - '!' : -1;
    }
    if (v < 0) return false;
    acc = acc * 85 + static_cast<uint64_t>(v);
    if (++count == 5 && !flush(4)) return false;
  }
  if (count == 1) return false;
  if (count > 0) {
    const size_t bytes = count - 1;
    for (; count < 5; ++count) acc = acc * 85 + 84;  // pad with the highest symbol
    if (!flush(bytes)) return false;
  }
  return !out->empty();
}

// A uuencoded line: length symbol (1..45 bytes), then exactly the symbols for them (or one
// more), all in ' '..'`', at most 1/16 of them spaces. Returns the byte count, 0 when the line
// is not one.
size_t UuLineBytes(std::string_view line) {
  if (line.empty()) return 0;
  const size_t bytes = (static_cast<unsigned char>(line[0]) - 0x20) & 0x3F;
  if (bytes == 0 || bytes > 45 || line[0] < ' ' || line[0] > '`') return 0;
  const size_t symbols = (bytes + 2) / 3 * 4;
  if (line.size() - 1 != symbols && line.size() - 1 != symbols + 1) return 0;
  size_t spaces = 0;
  for (char c : line) {
    if (c < ' ' || c > '`') return 0;
    spaces += c == ' ' ? 1 : 0;
  }
  // A zero symbol (space in old encoders) is rare in encoded text; upper-case prose has many.
  return spaces * 16 <= line.size() ? bytes : 0;
}

bool IsUuHeader(std::string_view line) {
  return line.size() > 10 && line.substr(0, 6) == "begin " &&
         IsAsciiDigit(static_cast<unsigned char>(line[6])) &&
         IsAsciiDigit(static_cast<unsigned char>(line[7])) &&
         IsAsciiDigit(static_cast<unsigned char>(line[8]));
}

// Reads the lines from `ls` (a line start) while they form a uuencoded run or block and appends
// it; returns where reading stopped (after the first line that is not part of one).
size_t ScanUuLines(const unsigned char* p, size_t n, size_t ls, const GuardLimits& limits,
                   std::vector<EncodedSegment>* out) {
  const char* c = reinterpret_cast<const char*>(p);
  size_t run_start = 0, run_end = 0, run_bytes = 0;
  bool in_block = false;
  auto flush = [&] {
    if (run_bytes >= 16) out->push_back({Encoding::kUuencode, run_start, run_end});
    run_bytes = 0;
    in_block = false;
  };
  while (ls < n) {
    const void* nl = std::memchr(p + ls, '\n', n - ls);
    size_t le = nl == nullptr ? n : static_cast<size_t>(static_cast<const unsigned char*>(nl) - p);
    const size_t next = nl == nullptr ? n : le + 1;
    if (le > ls && p[le - 1] == '\r') --le;
    const std::string_view line(c + ls, le - ls);
    if (IsUuHeader(line)) {
      flush();
      in_block = true;
      run_start = ls;
      run_end = le;
    } else if (in_block && (line == "end" || line == "`" || line == " ")) {
      if (le - run_start <= limits.max_encoded_segment) run_end = le;
      if (line == "end") {
        flush();
        return next;
      }
    } else if (const size_t b = UuLineBytes(line); b > 0) {
      if (run_bytes == 0 && !in_block) run_start = ls;
      if (le - run_start > limits.max_encoded_segment) {
        flush();  // a long run continues in a segment of its own
        run_start = ls;
      }
      if (line.size() <= limits.max_encoded_segment) {
        run_bytes += b;
        run_end = le;
      }
    } else {
      flush();
      return next;
    }
    ls = next;
  }
  flush();
  return n;
}

// Bit k set when p[k] is in ' '..'`' (the uuencode symbols). REQUIRES: p[0, 64) readable.
uint64_t UuMask64(const unsigned char* p) {
  uint64_t m = 0;
#if defined(__SSE2__)
  for (int k = 0; k < 4; ++k) {
    const __m128i lanes = internal::InRange(internal::Load16(p + 16 * k), ' ', 0x40);
    m |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(lanes))) << (16 * k);
  }
#else
  for (int k = 0; k < 64; ++k) m |= uint64_t{static_cast<unsigned char>(p[k] - ' ') <= 0x40} << k;
#endif
  return m;
}

// uuencode: a "begin NNN name" block up to "end", or bare lines that each pass UuLineBytes (at
// least 16 bytes in all). Every such run has a line of at least 16 bytes, i.e. 22 symbols in
// ' '..'`' (no lower case): a 64-byte mask finds those, and only their lines (and a header line
// just before) are read.
void FindUuencode(const unsigned char* p, size_t n, const GuardLimits& limits,
                  std::vector<EncodedSegment>* out) {
  constexpr size_t kRun = 22, kStride = 64 - kRun + 1;
  size_t b = 0, done = 0;
  while (b < n) {
    uint64_t m;
    if (b + 64 <= n) {
      m = UuMask64(p + b);
    } else {
      unsigned char tail[64] = {};  // zero is not a symbol
      std::memcpy(tail, p + b, n - b);
      m = UuMask64(tail);
    }
    const uint64_t starts = RunStarts(m, kRun) & ((uint64_t{1} << kStride) - 1);
    if (starts == 0) {
      b += kStride;
      continue;
    }
    const size_t k = b + static_cast<size_t>(__builtin_ctzll(starts));
    size_t ls = k;
    while (ls > done && p[ls - 1] != '\n' && k - ls < limits.max_encoded_segment) --ls;
    if (ls > done && p[ls - 1] == '\n') {
      // A "begin" header on the line before starts the block there.
      size_t ps = ls - 1;
      while (ps > done && p[ps - 1] != '\n' && ls - ps < 256) --ps;
      size_t pe = ls - 1;
      if (pe > ps && p[pe - 1] == '\r') --pe;
      if (IsUuHeader(std::string_view(reinterpret_cast<const char*>(p + ps), pe - ps))) ls = ps;
    }
    done = ScanUuLines(p, n, ls, limits, out);
    b = std::max(done, k + kRun);
  }
}

// --- Upside-down text ------------------------------------------------------------------------

// The letter a flipped character stands for, for the characters only flipped text uses (IPA
// letters and a few symbols), 0 for others. Plain letters that flip into each other are mapped by
// the decoder only (b/q, d/p, n/u).
char FlippedOnlyLetter(char32_t cp) {
  switch (cp) {
    case 0x0250:
      return 'a';  // ɐ
    case 0x0254:
      return 'c';  // ɔ
    case 0x01DD:
      return 'e';  // ǝ
    case 0x025F:
      return 'f';  // ɟ
    case 0x0183:
      return 'g';  // ƃ
    case 0x0265:
      return 'h';  // ɥ
    case 0x1D09:
      return 'i';  // ᴉ
    case 0x027E:
      return 'j';  // ɾ
    case 0x029E:
      return 'k';  // ʞ
    case 0x026F:
      return 'm';  // ɯ
    case 0x0279:
      return 'r';  // ɹ
    case 0x0287:
      return 't';  // ʇ
    case 0x028C:
      return 'v';  // ʌ
    case 0x028D:
      return 'w';  // ʍ
    case 0x028E:
      return 'y';  // ʎ
    case 0x02D9:
      return '.';  // ˙
    case 0x2200:
      return 'A';  // ∀
    case 0x018E:
      return 'E';  // Ǝ
    case 0x2141:
      return 'G';  // ⅁
    case 0x02E5:
      return 'L';  // ˥
    case 0x0500:
      return 'P';  // Ԁ
    case 0x2534:
      return 'T';  // ┴
    case 0x2229:
      return 'U';  // ∩
    case 0x2144:
      return 'Y';  // ⅄
    default:
      return 0;
  }
}

// Lines with at least kMinFlipped flipped-only characters at most 32 bytes apart; the segment is
// the line (at most max_encoded_segment bytes around the characters). Non-ASCII bytes are found
// with FindNonAscii, so ASCII text costs one vector pass.
void FindUpsideDown(std::string_view text, const GuardLimits& limits,
                    std::vector<EncodedSegment>* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0, last_end = 0;
  while (i < n) {
    const size_t a = FindNonAscii(text, i);
    if (a >= n) break;
    char32_t cp;
    int len = DecodeUtf8(text, a, &cp);
    if (len <= 0 || FlippedOnlyLetter(cp) == 0) {
      i = a + (len > 0 ? static_cast<size_t>(len) : 1);
      continue;
    }
    size_t first = a, last = a + static_cast<size_t>(len), count = 1, k = last;
    while (k < n && k - last <= 32 && p[k] != '\n' && last - first < limits.max_encoded_segment) {
      if (p[k] < 0x80) {
        ++k;
        continue;
      }
      len = DecodeUtf8(text, k, &cp);
      const size_t l = len > 0 ? static_cast<size_t>(len) : 1;
      if (len > 0 && FlippedOnlyLetter(cp) != 0) {
        ++count;
        last = k + l;
      }
      k += l;
    }
    if (count >= kMinFlipped && last - first <= limits.max_encoded_segment) {
      // Widen to the line, keeping within one segment.
      size_t s = first, e = last;
      while (s > last_end && p[s - 1] != '\n' && e - s < limits.max_encoded_segment) --s;
      while (e < n && p[e] != '\n' && e - s < limits.max_encoded_segment) ++e;
      while (s < first && (p[s] & 0xC0) == 0x80) ++s;  // not inside a character
      while (e > last && e < n && (p[e] & 0xC0) == 0x80) --e;
      out->push_back({Encoding::kUpsideDown, s, e});
      last_end = e;
      i = e;
    } else {
      i = last;
    }
  }
}

}  // namespace

void FindEscapedSegments(std::string_view text, const GuardLimits& limits,
                         std::vector<EncodedSegment>* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const size_t first = out->size();
  if (limits.max_encoded_segment < 8) return;
  FindCodeRuns(text, limits, out);
  FindEscapeStretches(p, n, '\\', BackslashEscapeAt, Encoding::kEscapes, limits, out);
  FindEscapeStretches(p, n, '&', HtmlRefAt, Encoding::kHtmlEntities, limits, out);
  FindEscapeStretches(p, n, '=', QuotedPrintableAt, Encoding::kQuotedPrintable, limits, out);
  FindAdobeAscii85(p, n, limits, out);
  FindUuencode(p, n, limits, out);
  FindUpsideDown(text, limits, out);
  auto by_start = [](const EncodedSegment& a, const EncodedSegment& b) {
    return a.start < b.start;
  };
  std::stable_sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(), by_start);
  // Unframed base85 tokens last: a token that holds one of the segments above ("&#73;&#103;...",
  // "<~...~>") is that encoding, not base85.
  std::vector<EncodedSegment> tokens;
  FindBase85Tokens(p, n, limits, &tokens);
  if (tokens.empty()) return;
  const size_t others = out->size();
  size_t k = first;
  for (const EncodedSegment& t : tokens) {
    while (k < others && (*out)[k].end <= t.start) ++k;
    if (k < others && (*out)[k].start < t.end) continue;
    out->push_back(t);
  }
  std::inplace_merge(out->begin() + static_cast<std::ptrdiff_t>(first),
                     out->begin() + static_cast<std::ptrdiff_t>(others), out->end(), by_start);
}

namespace {

// The loop the token decoders share: separators (anything but letters and digits) are skipped,
// and `token(p, n, i, out)` decodes the token at p[i] into *out, returning its end, or 0 when it
// is not valid for the encoding. False when a token is invalid or nothing was decoded.
template <typename Token>
bool DecodeTokens(std::string_view in, std::string* out, Token&& token) {
  out->clear();
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  while (i < n) {
    if (!IsAlnum(p[i])) {
      ++i;
      continue;
    }
    i = token(p, n, i, out);
    if (i == 0) return false;
  }
  return !out->empty();
}

}  // namespace

bool DecodeHexGroups(std::string_view in, size_t max_out, std::string* out) {
  return DecodeTokens(
      in, out, [max_out](const unsigned char* p, size_t n, size_t i, std::string* o) -> size_t {
        size_t e = i;
        while (e < n && IsAlnum(p[e]) && e - i < 5) ++e;
        size_t t = e - i == 4 && p[i] == '0' && (p[i + 1] | 0x20) == 'x' ? i + 2 : i;
        if (e - t != 2 || (e < n && IsAlnum(p[e]))) return 0;
        const int hi = HexDigitValue(p[t]), lo = HexDigitValue(p[t + 1]);
        if (hi < 0 || lo < 0 || o->size() >= max_out) return 0;
        o->push_back(static_cast<char>((hi << 4) | lo));
        return e;
      });
}

bool DecodeDecimalCodes(std::string_view in, size_t max_out, std::string* out) {
  return DecodeTokens(
      in, out, [max_out](const unsigned char* p, size_t n, size_t i, std::string* o) -> size_t {
        int v = 0;
        size_t e = i;
        while (e < n && IsAsciiDigit(p[e]) && e - i < 3) v = v * 10 + (p[e++] - '0');
        if (e == i || (e < n && IsAlnum(p[e])) || !IsTextCode(v) || o->size() >= max_out) return 0;
        o->push_back(static_cast<char>(v));
        return e;
      });
}

bool DecodeBinaryCodes(std::string_view in, size_t max_out, std::string* out) {
  return DecodeTokens(
      in, out, [max_out](const unsigned char* p, size_t n, size_t i, std::string* o) -> size_t {
        const size_t len = BitTokenAt(p, n, i);
        if (len == 0 || (len != 7 && len % 8 != 0)) return 0;
        const size_t step = len == 7 ? 7 : 8;
        for (size_t k = i; k < i + len; k += step) {
          const int v = BitsValue(p, k, step);
          if (!IsTextCode(v) || o->size() >= max_out) return 0;
          o->push_back(static_cast<char>(v));
        }
        return i + len;
      });
}

bool DecodeBackslashEscapes(std::string_view in, size_t max_out, std::string* out) {
  out->clear();
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  while (i < n) {
    if (out->size() + 4 > max_out) return false;
    const size_t len = p[i] == '\\' ? BackslashEscapeAt(p, n, i) : 0;
    if (len == 4) {
      out->push_back(static_cast<char>((HexDigitValue(p[i + 2]) << 4) | HexDigitValue(p[i + 3])));
    } else if (len == 6) {
      auto u16 = [&](size_t k) {
        uint32_t v = 0;
        for (size_t j = k + 2; j < k + 6; ++j)
          v = (v << 4) | static_cast<uint32_t>(HexDigitValue(p[j]));
        return v;
      };
      uint32_t cp = u16(i);
      if (cp >= 0xD800 && cp <= 0xDBFF && i + 11 < n && p[i + 6] == '\\' &&
          BackslashEscapeAt(p, n, i + 6) == 6) {
        const uint32_t low = u16(i + 6);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
      }
      AppendUtf8(out, (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF ? 0xFFFD : cp);
    } else {
      out->push_back(static_cast<char>(p[i]));
      i += 1;
      continue;
    }
    i += len;
  }
  return true;
}

bool DecodeHtmlEntities(std::string_view in, size_t max_out, std::string* out) {
  out->clear();
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  static constexpr struct {
    std::string_view name;
    char c;
  } kNamed[] = {{"&amp;", '&'},  {"&lt;", '<'},    {"&gt;", '>'},
                {"&quot;", '"'}, {"&apos;", '\''}, {"&nbsp;", ' '}};
  size_t i = 0;
  while (i < n) {
    if (out->size() + 4 > max_out) return false;
    if (p[i] != '&') {
      out->push_back(static_cast<char>(p[i++]));
      continue;
    }
    const size_t len = HtmlRefAt(p, n, i);
    if (len > 0) {
      const bool hex = p[i + 2] == 'x' || p[i + 2] == 'X';
      uint32_t cp = 0;
      for (size_t k = i + (hex ? 3 : 2); k < i + len && p[k] != ';'; ++k) {
        cp = hex ? (cp << 4) | static_cast<uint32_t>(HexDigitValue(p[k])) : cp * 10 + (p[k] - '0');
      }
      // At most 7 digits: no overflow. Surrogates and values past U+10FFFF become U+FFFD.
      AppendUtf8(out, (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF ? 0xFFFD : cp);
      i += len;
      continue;
    }
    bool named = false;
    for (const auto& e : kNamed) {
      if (in.substr(i, e.name.size()) == e.name) {
        out->push_back(e.c);
        i += e.name.size();
        named = true;
        break;
      }
    }
    if (!named) out->push_back(static_cast<char>(p[i++]));
  }
  return true;
}

bool DecodeQuotedPrintable(std::string_view in, size_t max_out, std::string* out) {
  out->clear();
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  while (i < n) {
    if (p[i] == '=') {
      if (QuotedPrintableAt(p, n, i) == 3) {
        if (out->size() >= max_out) return false;
        out->push_back(static_cast<char>((HexDigitValue(p[i + 1]) << 4) | HexDigitValue(p[i + 2])));
        i += 3;
        continue;
      }
      if (i + 1 < n && p[i + 1] == '\n') {
        i += 2;
        continue;
      }
      if (i + 2 < n && p[i + 1] == '\r' && p[i + 2] == '\n') {
        i += 3;
        continue;
      }
    }
    if (out->size() >= max_out) return false;
    out->push_back(static_cast<char>(p[i++]));
  }
  return true;
}

}  // namespace aigis::guard::normalize

namespace aigis::guard::normalize {

bool DecodeAscii85(std::string_view in, size_t max_out, std::string* out) {
  if (in.size() >= 4 && in.substr(0, 2) == "<~" && in.substr(in.size() - 2) == "~>") {
    in = in.substr(2, in.size() - 4);
  }
  return DecodeBase85Symbols(in, false, max_out, out);
}

bool DecodeBase85(std::string_view in, size_t max_out, std::string* out) {
  if (DecodeBase85Symbols(in, true, max_out, out) && LooksLikeText(*out)) return true;
  return DecodeBase85Symbols(in, false, max_out, out);
}

bool DecodeUuencode(std::string_view in, size_t max_out, std::string* out) {
  out->clear();
  size_t ls = 0;
  bool any = false;
  while (ls < in.size()) {
    size_t le = in.find('\n', ls);
    const size_t next = le == std::string_view::npos ? in.size() : le + 1;
    if (le == std::string_view::npos) le = in.size();
    std::string_view line = in.substr(ls, le - ls);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ls = next;
    if (line.empty() || line == "end" || line == "`" || line == " " ||
        line.substr(0, 6) == "begin ") {
      continue;
    }
    const size_t bytes = UuLineBytes(line);
    if (bytes == 0 || out->size() + bytes > max_out) return false;
    for (size_t k = 0; k < bytes; ++k) {
      // Byte k is bits [8k, 8k + 8) of the 6-bit symbols after the length symbol.
      const size_t g = 1 + k / 3 * 4;
      const uint32_t v = (static_cast<uint32_t>((line[g] - 0x20) & 0x3F) << 18) |
                         (static_cast<uint32_t>((line[g + 1] - 0x20) & 0x3F) << 12) |
                         (static_cast<uint32_t>((line[g + 2] - 0x20) & 0x3F) << 6) |
                         static_cast<uint32_t>((line[g + 3] - 0x20) & 0x3F);
      out->push_back(static_cast<char>((v >> (16 - 8 * (k % 3))) & 0xFF));
    }
    any = true;
  }
  return any;
}

}  // namespace aigis::guard::normalize

namespace aigis::guard::normalize {

bool DecodeUpsideDown(std::string_view in, size_t max_out, std::string* out) {
  out->clear();
  if (in.size() > max_out) return false;
  std::string reversed;
  Reverse(in, &reversed);
  size_t i = 0;
  while (i < reversed.size()) {
    char32_t cp;
    const int len = DecodeUtf8(reversed, i, &cp);
    const size_t l = len > 0 ? static_cast<size_t>(len) : 1;
    char c = len > 0 ? FlippedOnlyLetter(cp) : 0;
    if (c == 0 && l == 1) {
      switch (reversed[i]) {
        case 'b':
          c = 'q';
          break;
        case 'q':
          c = 'b';
          break;
        case 'd':
          c = 'p';
          break;
        case 'p':
          c = 'd';
          break;
        case 'n':
          c = 'u';
          break;
        case 'u':
          c = 'n';
          break;
        case 'M':
          c = 'W';
          break;
        case 'W':
          c = 'M';
          break;
        case '\'':
          c = ',';
          break;
        case ',':
          c = '\'';
          break;
        default:
          c = reversed[i];
      }
    }
    if (c != 0) {
      out->push_back(c);
    } else {
      out->append(reversed, i, l);
    }
    i += l;
  }
  return true;  // never longer than the input: each character becomes at most its own bytes
}

void Atbash(std::string_view in, std::string* out) {
  out->assign(in);
  for (char& c : *out) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>('z' - (c - 'a'));
    } else if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>('Z' - (c - 'A'));
    }
  }
}

bool DecodeCaesar(std::string_view in, size_t max_out, std::string* out) {
  out->clear();
  if (in.size() > max_out) return false;
  // English letter frequencies (per mille): the shift whose decoding scores highest wins.
  static constexpr int kFreq[26] = {82, 15, 28, 43, 127, 22, 20, 61, 70, 2,  8, 40, 24,
                                    67, 75, 19, 1,  60,  63, 91, 28, 10, 24, 2, 20, 1};
  uint64_t count[26] = {};
  size_t letters = 0;
  for (char ch : in) {
    const unsigned char c = static_cast<unsigned char>(ch) | 0x20;
    if (c >= 'a' && c <= 'z') {
      ++count[c - 'a'];
      ++letters;
    }
  }
  if (letters == 0) return false;
  int best = 1;
  uint64_t best_score = 0;
  // 0 is the plain text, already scanned; 13 is ROT13, which has hint rules and a `via` of its own.
  for (int shift = 1; shift < 26; ++shift) {
    if (shift == 13) continue;
    uint64_t score = 0;
    for (int k = 0; k < 26; ++k) score += count[k] * kFreq[(k - shift + 26) % 26];
    if (score > best_score) {
      best_score = score;
      best = shift;
    }
  }
  out->assign(in);
  for (char& c : *out) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>('a' + (c - 'a' - best + 26) % 26);
    } else if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>('A' + (c - 'A' - best + 26) % 26);
    }
  }
  return true;
}

}  // namespace aigis::guard::normalize
