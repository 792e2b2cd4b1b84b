#include "guard/normalize/decoders.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "guard/normalize/byte_scan.h"
#include "guard/normalize/normalizer.h"

namespace aigis::guard::normalize {
namespace {

int B64Value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}
int HexValue(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::string_view EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kBase64:
      return "base64";
    case Encoding::kHex:
      return "hex";
    case Encoding::kUrl:
      return "url";
    case Encoding::kRot13:
      return "rot13";
    case Encoding::kObfuscated:
      return "leetspeak/spelling";
    case Encoding::kReversed:
      return "reversed";
  }
  return "unknown";
}

namespace {

// Character classes for the segment scanner, one table lookup per byte.
enum : uint8_t { kB64 = 1, kHex = 2, kDigit = 4, kUpper = 8, kLower = 16, kPct = 32 };
struct ClassTable {
  uint8_t v[256] = {};
  constexpr ClassTable() {
    for (int c = 0; c < 256; ++c) {
      uint8_t f = 0;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
          c == '/' || c == '-' || c == '_') {
        f |= kB64;
      }
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) f |= kHex;
      if (c >= '0' && c <= '9') f |= kDigit;
      if (c >= 'A' && c <= 'Z') f |= kUpper;
      if (c >= 'a' && c <= 'z') f |= kLower;
      if (c == '%') f |= kPct;
      v[c] = f;
    }
  }
};
constexpr ClassTable kClass;

}  // namespace

void FindEncodedSegments(std::string_view text, const GuardLimits& limits,
                         std::vector<EncodedSegment>* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const size_t first_out = out->size();
  // Base64 / hex runs. Skip loop: a run of at least `min_run` bytes that starts in [i, i+min_run)
  // must cover p[i + min_run - 1]; when that byte is not in the alphabet, jump past it.
  const size_t min_run =
      std::max<size_t>(1, std::min(limits.min_base64_segment, limits.min_hex_segment));
  // 64-byte blocks are checked for a run of min_run alphabet bytes at once; a block without one
  // is skipped whole except for its last min_run - 1 bytes, which may start a run. Prose has no
  // such run at all, so this loop is most of the search.
  const bool block_skip = min_run >= 8 && min_run <= 32;
  const size_t stride = 64 - min_run + 1;
  size_t i = 0;
  while (i < n) {
    if (block_skip) {
      // Invariant (here and in the scalar steps below): no run of min_run alphabet bytes starts
      // before i and reaches i, so every run worth looking at starts at or after i.
      while (i + 64 <= n) {
        uint64_t starts = RunStarts(Base64Mask64(p + i), static_cast<unsigned>(min_run));
        uint64_t usable = starts & ((uint64_t{1} << stride) - 1);
        if (usable == 0) {
          i += stride;
          continue;
        }
        // The lowest start: the byte before it is outside the alphabet (else a run would start
        // one byte earlier), so it is the true start of its run.
        i += static_cast<size_t>(__builtin_ctzll(usable));
        break;
      }
    }
    if (i + min_run - 1 >= n) break;
    if ((kClass.v[p[i + min_run - 1]] & kB64) == 0) {
      i += min_run;
      continue;
    }
    // Walk back to the start of the run that covers p[i + min_run - 1] (not before i).
    size_t s = i + min_run - 1;
    while (s > i && (kClass.v[p[s - 1]] & kB64) != 0) --s;
    // Invariant: p[i - 1] is never in the alphabet here (we only stop after non-alphabet bytes),
    // so s is the true start of the run.
    // A run shorter than min_run is never a segment: when the byte min_run - 1 after its start is
    // outside the alphabet, skip past that byte without walking the run (most words in prose).
    if (s + min_run - 1 < n && (kClass.v[p[s + min_run - 1]] & kB64) == 0) {
      i = s + min_run;
      continue;
    }
    {
      i = s;
      uint8_t all = 0xFF, any = 0;
      while (i < n) {
        uint8_t c = kClass.v[p[i]];
        if ((c & kB64) == 0) break;
        all &= c;
        any |= c;
        ++i;
      }
      bool all_hex = (all & kHex) != 0;
      bool has_digit = (any & kDigit) != 0;
      bool has_upper = (any & kUpper) != 0;
      bool has_lower = (any & kLower) != 0;
      size_t e = i;
      while (i < n && p[i] == '=' && i - e < 2) ++i;
      size_t len = e - s;
      // Preceded by a word character or '%' means it is part of something else (URL escapes).
      bool glued = s > 0 && (p[s - 1] == '%' || p[s - 1] == '\\');
      if (!glued && len <= limits.max_encoded_segment) {
        if (all_hex && len >= limits.min_hex_segment && len % 2 == 0) {
          out->push_back({Encoding::kHex, s, e});
        } else if (len >= limits.min_base64_segment && (has_digit || (has_upper && has_lower)) &&
                   len % 4 != 1) {
          out->push_back({Encoding::kBase64, s, i});
        }
      }
      continue;
    }
  }
  // URL-encoded runs: a whitespace-delimited token with at least 3 %XX escapes.
  i = 0;
  while (i < n) {
    const void* hit = std::memchr(p + i, '%', n - i);
    if (hit == nullptr) break;
    i = static_cast<size_t>(static_cast<const unsigned char*>(hit) - p);
    if (!(i + 2 < n && HexValue(p[i + 1]) >= 0 && HexValue(p[i + 2]) >= 0)) {
      ++i;
      continue;
    }
    size_t s = i;
    while (s > 0 && !IsSpace(p[s - 1]) && i - s < 256) --s;
    size_t e = i;
    size_t escapes = 0;
    while (e < n && !IsSpace(p[e]) && e - s <= limits.max_encoded_segment) {
      if (p[e] == '%' && e + 2 < n && HexValue(p[e + 1]) >= 0 && HexValue(p[e + 2]) >= 0) {
        ++escapes;
        e += 3;
      } else {
        ++e;
      }
    }
    if (escapes >= 3 && e - s <= limits.max_encoded_segment) {
      out->push_back({Encoding::kUrl, s, e});
    }
    // A token longer than max_encoded_segment before the escape leaves e == i: step on anyway
    // (with max_encoded_segment < 256 this looped forever).
    i = std::max(e, i + 1);
  }
  std::stable_sort(
      out->begin() + static_cast<std::ptrdiff_t>(first_out), out->end(),
      [](const EncodedSegment& a, const EncodedSegment& b) { return a.start < b.start; });
}

namespace {

// Bits [k, k + 64) of the mask stream whose block holds bits [0, 64) in `cur` and [64, 128) in
// `next`. REQUIRES: 1 <= k < 64.
inline uint64_t Ahead(uint64_t cur, uint64_t next, unsigned k) {
  return (cur >> k) | (next << (64 - k));
}

// The byte classes the search and the decoder share: a word byte (letter or digit), a byte that
// can stand for a spelled-out letter, and a byte of a token that leetspeak decoding looks at.
inline bool IsWordByte(unsigned char c) { return IsAsciiLetter(c) || IsAsciiDigit(c); }
inline bool IsStandIn(unsigned char c) { return IsAsciiLetter(c) || IsLeetByte(c); }
inline bool IsLeetTokenByte(unsigned char c) { return IsWordByte(c) || c == '@' || c == '$'; }

// A stretch being collected: [start, end) and what it has shown so far.
struct Stretch {
  size_t start = 0, end = 0;
  size_t leet = 0;     // leet-between-letters positions
  size_t spelled = 0;  // spelled-out-letter positions
  bool open = false;
};

}  // namespace

void FindObfuscatedSegments(std::string_view text, const GuardLimits& limits,
                            std::vector<EncodedSegment>* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  if (n < 4 || limits.max_encoded_segment < 8) return;
  // Context kept around a hit: the rest of its line, up to half a segment each side, so the
  // decoded text still holds the words an obfuscated verb goes with.
  const size_t reach = limits.max_encoded_segment / 2;
  Stretch st;
  size_t last_end = 0;  // stretches never overlap
  auto flush = [&] {
    if (st.open && (st.leet >= 2 || st.spelled >= 1)) {
      out->push_back({Encoding::kObfuscated, st.start, st.end});
      last_end = st.end;
    }
    st = Stretch{};
  };
  auto line_end = [&](size_t pos) {
    size_t hi = std::min(n, pos + reach);
    size_t e = pos;
    while (e < hi && p[e] != '\n') ++e;
    return e;
  };
  auto hit = [&](size_t pos, bool is_leet) {
    if (st.open && pos < st.end) {
      st.end = std::min(std::max(st.end, line_end(pos)), st.start + limits.max_encoded_segment);
    } else {
      flush();
      size_t lo = std::max(pos > reach ? pos - reach : 0, last_end);
      size_t s = pos;
      while (s > lo && p[s - 1] != '\n') --s;
      st.open = true;
      st.start = s;
      st.end = std::min(line_end(pos), s + limits.max_encoded_segment);
    }
    (is_leet ? st.leet : st.spelled) += 1;
  };
  // Masks of the current and the next 64-byte block (a partial last block is zero-padded, and
  // zero is in no class), so patterns up to 7 bytes long are seen across block edges.
  auto masks_at = [&](size_t b) {
    if (b >= n) return ObfuscationMasks{};
    if (b + 64 <= n) return ObfuscationMasks64(p + b);
    unsigned char tail[64] = {};
    std::memcpy(tail, p + b, n - b);
    return ObfuscationMasks64(tail);
  };
  ObfuscationMasks cur = masks_at(0);
  for (size_t b = 0; b < n; b += 64) {
    const ObfuscationMasks next = masks_at(b + 64);
    // Supersets from the masks (G: digits; N: neither letter nor digit, which includes the zero
    // padding), checked exactly below. Prose has almost none of either shape.
    const uint64_t L = cur.letter, G = cur.digit, A = L | G;
    const uint64_t nA = next.letter | next.digit;
    // letter, leet digit, letter / letter, leet digit, leet digit, letter: "pr3v", "v10u", "l33t".
    // '@' and '$' are decoded but not counted: "doe@example" is an e-mail address.
    const uint64_t leet =
        L & Ahead(G, next.digit, 1) &
        (Ahead(L, next.letter, 2) | (Ahead(G, next.digit, 2) & Ahead(L, next.letter, 3)));
    // A letter, then three times a single separator and a letter or digit: "i g n o", "i.g.n.0".
    // Digits alone do not lead ("1, 3, 5, 7").
    const uint64_t spelled = L & ~Ahead(A, nA, 1) & Ahead(A, nA, 2) & ~Ahead(A, nA, 3) &
                             Ahead(A, nA, 4) & ~Ahead(A, nA, 5) & Ahead(A, nA, 6);
    uint64_t any = leet | spelled;
    while (any != 0) {
      const unsigned k = static_cast<unsigned>(__builtin_ctzll(any));
      any &= any - 1;
      const size_t pos = b + k;
      // The masks only ever set bits of real bytes, so every byte read below is inside text.
      if (((leet >> k) & 1) != 0 && IsLeetByte(p[pos + 1]) &&
          (IsAsciiLetter(p[pos + 2]) || IsLeetByte(p[pos + 2]))) {
        hit(pos, true);
        continue;
      }
      if (((spelled >> k) & 1) != 0) {
        // Single letters, standing alone ("Write a C program" is not spelling: "e" ends a word
        // and "p" starts one), with the same separator between them.
        const unsigned char sep = p[pos + 1];
        if (IsSpellSeparator(sep) && p[pos + 3] == sep && p[pos + 5] == sep &&
            (pos == 0 || !IsWordByte(p[pos - 1])) && (pos + 7 >= n || !IsWordByte(p[pos + 7])) &&
            IsStandIn(p[pos + 2]) && IsStandIn(p[pos + 4]) && IsStandIn(p[pos + 6])) {
          hit(pos, false);
        }
      }
    }
    cur = next;
  }
  flush();
}

void DecodeObfuscated(std::string_view in, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  // Pass 1: spelled-out letters. A run is char (sep char)+ where every char stands alone (no word
  // byte right before or after it) and the separator is always the same byte; a separator run that
  // is longer or different is a word gap.
  std::string joined;
  joined.reserve(n);
  size_t i = 0;
  while (i < n) {
    if (IsStandIn(p[i]) && (i == 0 || !IsWordByte(p[i - 1])) && i + 2 < n &&
        IsSpellSeparator(p[i + 1]) && IsStandIn(p[i + 2])) {
      const unsigned char sep = p[i + 1];
      std::string word(1, static_cast<char>(p[i]));
      size_t letters = 1, j = i + 1, last = i;
      while (j < n) {
        size_t k = j;
        while (k < n && (IsSpellSeparator(p[k]) || p[k] == '\t')) ++k;
        if (k == j || k >= n || !IsStandIn(p[k])) break;
        if (k + 1 < n && IsWordByte(p[k + 1])) break;  // the next token is a whole word
        const bool gap = !(k == j + 1 && p[j] == sep);
        if (gap) word.push_back(' ');
        word.push_back(static_cast<char>(p[k]));
        ++letters;
        last = k;
        j = k + 1;
      }
      if (letters >= 4) {
        joined += word;
        i = last + 1;
        continue;
      }
    }
    joined.push_back(static_cast<char>(p[i]));
    ++i;
  }
  // Pass 2: leetspeak inside tokens that have a letter.
  out->clear();
  out->reserve(joined.size());
  const auto* q = reinterpret_cast<const unsigned char*>(joined.data());
  const size_t m = joined.size();
  size_t t = 0;
  while (t < m) {
    if (!IsLeetTokenByte(q[t])) {
      out->push_back(static_cast<char>(q[t++]));
      continue;
    }
    size_t e = t;
    bool letter = false;
    while (e < m && IsLeetTokenByte(q[e])) {
      letter |= IsAsciiLetter(q[e]);
      ++e;
    }
    for (size_t k = t; k < e; ++k) {
      char c = static_cast<char>(q[k]);
      if (letter) {
        switch (c) {
          case '0':
            c = 'o';
            break;
          case '1':
            c = (k + 1 < e && q[k + 1] == '1') || (k > t && q[k - 1] == '1') ? 'l' : 'i';
            break;
          case '3':
            c = 'e';
            break;
          case '4':
          case '@':
            c = 'a';
            break;
          case '5':
          case '$':
            c = 's';
            break;
          case '7':
            c = 't';
            break;
          default:
            break;
        }
      }
      out->push_back(c);
    }
    t = e;
  }
}

void Reverse(std::string_view in, std::string* out) {
  out->assign(in.size(), '\0');
  size_t w = in.size(), i = 0;
  while (i < in.size()) {
    char32_t cp;
    int len = DecodeUtf8(in, i, &cp);
    size_t l = len > 0 ? static_cast<size_t>(len) : 1;
    w -= l;
    std::memcpy(out->data() + w, in.data() + i, l);
    i += l;
  }
}

bool DecodeBase64(std::string_view in, size_t max_out, std::string* out) {
  out->clear();
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  if (in.size() % 4 == 1) return false;
  if (in.size() / 4 * 3 > max_out + 2) return false;
  uint32_t acc = 0;
  int bits = 0;
  for (char ch : in) {
    int v = B64Value(static_cast<unsigned char>(ch));
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (out->size() >= max_out) return false;
      out->push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return true;
}

bool DecodeHex(std::string_view in, size_t max_out, std::string* out) {
  out->clear();
  if (in.size() % 2 != 0 || in.size() / 2 > max_out) return false;
  for (size_t i = 0; i < in.size(); i += 2) {
    int hi = HexValue(static_cast<unsigned char>(in[i]));
    int lo = HexValue(static_cast<unsigned char>(in[i + 1]));
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>((hi << 4) | lo));
  }
  return true;
}

bool DecodeUrl(std::string_view in, size_t max_out, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (out->size() >= max_out) return false;
    char c = in[i];
    if (c == '%' && i + 2 < in.size()) {
      int hi = HexValue(static_cast<unsigned char>(in[i + 1]));
      int lo = HexValue(static_cast<unsigned char>(in[i + 2]));
      if (hi >= 0 && lo >= 0) {
        out->push_back(static_cast<char>((hi << 4) | lo));
        i += 2;
        continue;
      }
    }
    out->push_back(c == '+' ? ' ' : c);
  }
  return true;
}

void Rot13(std::string_view in, std::string* out) {
  out->assign(in);
  for (char& c : *out) {
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>('a' + (c - 'a' + 13) % 26);
    else if (c >= 'A' && c <= 'Z')
      c = static_cast<char>('A' + (c - 'A' + 13) % 26);
  }
}

bool Decode(Encoding e, std::string_view in, size_t max_out, std::string* out) {
  switch (e) {
    case Encoding::kBase64:
      return DecodeBase64(in, max_out, out);
    case Encoding::kHex:
      return DecodeHex(in, max_out, out);
    case Encoding::kUrl:
      return DecodeUrl(in, max_out, out);
    case Encoding::kRot13:
      if (in.size() > max_out) return false;
      Rot13(in, out);
      return true;
    case Encoding::kObfuscated:
      if (in.size() > max_out) return false;
      DecodeObfuscated(in, out);
      return true;
    case Encoding::kReversed:
      if (in.size() > max_out) return false;
      Reverse(in, out);
      return true;
  }
  return false;
}

bool LooksLikeText(std::string_view b) {
  if (b.empty()) return false;
  size_t good = 0, letters = 0, i = 0;
  while (i < b.size()) {
    unsigned char c = static_cast<unsigned char>(b[i]);
    if (c < 0x80) {
      if ((c >= 0x20 && c < 0x7F) || c == '\n' || c == '\r' || c == '\t') ++good;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++letters;
      ++i;
      continue;
    }
    char32_t cp;
    int len = DecodeUtf8(b, i, &cp);
    if (len == 0) {
      ++i;
      continue;
    }
    good += static_cast<size_t>(len);
    ++letters;
    i += static_cast<size_t>(len);
  }
  return letters >= 4 && good * 10 >= b.size() * 9;
}

}  // namespace aigis::guard::normalize
