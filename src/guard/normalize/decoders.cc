#include "guard/normalize/decoders.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>

#include "core/hex.h"
#include "guard/normalize/byte_scan.h"
#include "guard/normalize/escapes.h"
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
bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
int B32Value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}
// Unpadded base32 lengths: a last group of 2, 4, 5 or 7 symbols holds 1, 2, 3 or 4 bytes.
bool Base32LengthOk(size_t len) {
  const size_t r = len % 8;
  return r == 0 || r == 2 || r == 4 || r == 5 || r == 7;
}

// mask(p + b) for the 64-byte block at b of p[0, n): a partial last block is zero-padded (zero is
// in no class) and a block past the end is empty, so the searches see patterns across block edges.
template <typename MaskFn>
auto BlockMask(const unsigned char* p, size_t n, size_t b, MaskFn mask) -> decltype(mask(p)) {
  if (b >= n) return decltype(mask(p)){};
  if (b + 64 <= n) return mask(p + b);
  unsigned char tail[64] = {};
  std::memcpy(tail, p + b, n - b);
  return mask(tail);
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
    case Encoding::kBase32:
      return "base32";
    case Encoding::kMorse:
      return "morse";
    case Encoding::kNato:
      return "nato";
    case Encoding::kBraille:
      return "braille";
    case Encoding::kHexGroups:
      return "hex";
    case Encoding::kDecimal:
      return "decimal";
    case Encoding::kBinary:
      return "binary";
    case Encoding::kEscapes:
      return "escapes";
    case Encoding::kHtmlEntities:
      return "html-entities";
    case Encoding::kQuotedPrintable:
      return "quoted-printable";
    case Encoding::kAscii85:
      return "ascii85";
    case Encoding::kBase85:
      return "base85";
    case Encoding::kUuencode:
      return "uuencode";
    case Encoding::kUpsideDown:
      return "upside-down";
    case Encoding::kAtbash:
      return "atbash";
    case Encoding::kCaesar:
      return "caesar";
    case Encoding::kVertical:
      return "vertical";
    case Encoding::kTypoglycemia:
      return "typoglycemia";
    case Encoding::kRunTogether:
      return "run-together";
  }
  return "unknown";
}

namespace {

// Character classes for the segment scanner, one table lookup per byte.
enum : uint8_t { kB64 = 1, kHex = 2, kDigit = 4, kUpper = 8, kLower = 16, kPct = 32, kB32 = 64 };
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
      if ((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')) f |= kB32;
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
      bool all_b32 = (all & kB32) != 0;
      bool has_digit = (any & kDigit) != 0;
      bool has_upper = (any & kUpper) != 0;
      bool has_lower = (any & kLower) != 0;
      size_t e = i;
      // Padding: base64 has at most two '=', base32 up to six.
      const size_t max_pad = all_b32 ? 6 : 2;
      while (i < n && p[i] == '=' && i - e < max_pad) ++i;
      size_t len = e - s;
      // Preceded by a word character or '%' means it is part of something else (URL escapes).
      bool glued = s > 0 && (p[s - 1] == '%' || p[s - 1] == '\\');
      if (!glued && len <= limits.max_encoded_segment) {
        if (all_hex && len >= limits.min_hex_segment && len % 2 == 0) {
          out->push_back({Encoding::kHex, s, e});
        } else if (all_b32 && has_upper && len >= limits.min_base64_segment &&
                   Base32LengthOk(len)) {
          out->push_back({Encoding::kBase32, s, i});
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
    if (!(i + 2 < n && HexDigitValue(p[i + 1]) >= 0 && HexDigitValue(p[i + 2]) >= 0)) {
      ++i;
      continue;
    }
    size_t s = i;
    while (s > 0 && !IsSpace(p[s - 1]) && i - s < 256) --s;
    size_t e = i;
    size_t escapes = 0;
    while (e < n && !IsSpace(p[e]) && e - s <= limits.max_encoded_segment) {
      if (p[e] == '%' && e + 2 < n && HexDigitValue(p[e + 1]) >= 0 &&
          HexDigitValue(p[e + 2]) >= 0) {
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

// Runs of at least kMinSplitRun letters from the obfuscation search's 64-byte letter masks: runs
// inside a block from the mask, runs across a block edge from the letters the previous block
// ended with and this one starts with.
class RunTogetherFinder {
 public:
  RunTogetherFinder(const unsigned char* p, size_t n, const GuardLimits& limits,
                    std::vector<EncodedSegment>* out)
      : p_(p), n_(n), limits_(limits), out_(out), first_(out->size()) {}

  // Letters of bytes [base, base + 64) (bits past the text's end clear); blocks in order.
  void Block(size_t base, uint64_t m) {
    const size_t lead = m == ~uint64_t{0} ? 64 : static_cast<size_t>(__builtin_ctzll(~m));
    // A run across the edge has letters on both sides (one that ended at the edge was taken).
    if (carry_ > 0 && lead > 0 && carry_ + lead >= kMinSplitRun && base >= resume_) {
      resume_ = Take(base);
    }
    uint64_t r = RunStarts(m, kMinSplitRun);
    while (r != 0) {
      const size_t at = base + static_cast<size_t>(__builtin_ctzll(r));
      r &= r - 1;
      if (at >= resume_) resume_ = Take(at);
    }
    carry_ = m == ~uint64_t{0} ? carry_ + 64 : static_cast<size_t>(__builtin_clzll(~m));
  }

 private:
  // Takes the run around `at` (one of its letters) with its context; returns the run's end. Each
  // run is its own segment (so the engine's word test is per run): its context stops at the end
  // of the run before, whose segment gives up the context that reached into this run, and is cut
  // so the segment is at most max_encoded_segment. A run glued to code (a '.' before it, a '('
  // after it, '_' or a digit on either side: "obj.clearAllPreviousMessages()") is an identifier,
  // not words.
  size_t Take(size_t at) {
    size_t s = at, e = at;
    while (s > 0 && IsAsciiLetter(p_[s - 1])) --s;
    while (e < n_ && IsAsciiLetter(p_[e])) ++e;
    if (e - s > limits_.max_encoded_segment) return e;
    // Code: "obj.name", "_name", "name(", "name_", digits (a '.' after a run ends a sentence).
    auto glued = [](unsigned char c) { return c == '_' || IsAsciiDigit(c); };
    if ((s > 0 && (p_[s - 1] == '.' || glued(p_[s - 1]))) ||
        (e < n_ && (p_[e] == '(' || glued(p_[e])))) {
      return e;
    }
    const size_t ctx = std::min(kRunTogetherContext, (limits_.max_encoded_segment - (e - s)) / 2);
    const size_t floor = out_->size() > first_ ? std::min(out_->back().end, s) : 0;
    if (out_->size() > first_ && out_->back().end > s) out_->back().end = s;
    size_t cs = s, ce = e;
    while (cs > floor && s - cs < ctx && p_[cs - 1] != '\n') --cs;
    while (ce < n_ && ce - e < ctx && p_[ce] != '\n') ++ce;
    out_->push_back({Encoding::kRunTogether, cs, ce});
    return e;
  }

  const unsigned char* p_;
  size_t n_;
  const GuardLimits& limits_;
  std::vector<EncodedSegment>* out_;
  size_t first_;
  size_t resume_ = 0;  // bytes before it belong to a run already taken
  size_t carry_ = 0;   // letters at the end of the previous block
};

}  // namespace

void FindObfuscatedSegments(std::string_view text, const GuardLimits& limits,
                            std::vector<EncodedSegment>* out,
                            std::vector<EncodedSegment>* run_together) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  if (n < 4 || limits.max_encoded_segment < 8) return;
  std::optional<RunTogetherFinder> runs;
  if (run_together != nullptr) runs.emplace(p, n, limits, run_together);
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
  // Masks of the current and the next 64-byte block, so patterns up to 7 bytes long are seen
  // across block edges.
  auto masks_at = [&](size_t b) {
    return BlockMask(p, n, b, [](const unsigned char* q) { return ObfuscationMasks64(q); });
  };
  ObfuscationMasks cur = masks_at(0);
  for (size_t b = 0; b < n; b += 64) {
    const ObfuscationMasks next = masks_at(b + 64);
    // Supersets from the masks (G: digits; N: neither letter nor digit, which includes the zero
    // padding), checked exactly below. Prose has almost none of either shape.
    const uint64_t L = cur.letter, G = cur.digit, A = L | G;
    const uint64_t nA = next.letter | next.digit;
    if (runs) runs->Block(b, L);
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
    int hi = HexDigitValue(static_cast<unsigned char>(in[i]));
    int lo = HexDigitValue(static_cast<unsigned char>(in[i + 1]));
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
      int hi = HexDigitValue(static_cast<unsigned char>(in[i + 1]));
      int lo = HexDigitValue(static_cast<unsigned char>(in[i + 2]));
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

// --- Letter-by-letter codes: Morse, NATO, braille -------------------------------------------

namespace {

// Morse: a code is read as the number 1 followed by one bit per symbol (dash = 1), so every code
// of up to 7 symbols has its own index below 256.
struct MorseTable {
  char v[256] = {};
  constexpr MorseTable() {
    const char* const codes[] = {
        ".-",     "A", "-...",   "B", "-.-.",   "C", "-..",    "D",  ".",       "E", "..-.",   "F",
        "--.",    "G", "....",   "H", "..",     "I", ".---",   "J",  "-.-",     "K", ".-..",   "L",
        "--",     "M", "-.",     "N", "---",    "O", ".--.",   "P",  "--.-",    "Q", ".-.",    "R",
        "...",    "S", "-",      "T", "..-",    "U", "...-",   "V",  ".--",     "W", "-..-",   "X",
        "-.--",   "Y", "--..",   "Z", ".----",  "1", "..---",  "2",  "...--",   "3", "....-",  "4",
        ".....",  "5", "-....",  "6", "--...",  "7", "---..",  "8",  "----.",   "9", "-----",  "0",
        ".-.-.-", ".", "--..--", ",", "..--..", "?", ".----.", "'",  "-.-.--",  "!", "-..-.",  "/",
        "-.--.",  "(", "-.--.-", ")", ".-...",  "&", "---...", ":",  "-.-.-.",  ";", "-...-",  "=",
        ".-.-.",  "+", "-....-", "-", "..--.-", "_", ".-..-.", "\"", "...-..-", "$", ".--.-.", "@",
    };
    for (size_t k = 0; k + 1 < sizeof(codes) / sizeof(codes[0]); k += 2) {
      unsigned idx = 1;
      for (const char* c = codes[k]; *c != '\0'; ++c) idx = idx * 2 + (*c == '-' ? 1 : 0);
      v[idx] = codes[k + 1][0];
    }
  }
};
constexpr MorseTable kMorse;
constexpr size_t kMaxMorseSymbols = 7;

// Bytes a Morse run may hold besides the symbols: the letter space and the word gaps.
inline bool IsMorseGap(unsigned char c) {
  return c == ' ' || c == '/' || c == '|' || c == '\n' || c == '\r' || c == '\t';
}

// Finds the Morse run around the candidate at `pos` (a symbol) and appends its segments; returns
// the offset after the run (no later candidate starts before it).
size_t MorseRun(const unsigned char* p, size_t n, size_t pos, size_t from,
                const GuardLimits& limits, std::vector<EncodedSegment>* out) {
  const size_t max_seg = limits.max_encoded_segment;
  size_t s = pos;
  while (s > from && pos - s < max_seg && (IsMorseSymbol(p[s - 1]) || IsMorseGap(p[s - 1]))) --s;
  // Leading gaps, and a group glued to a word ("monologue.", "Wait..."), which is punctuation.
  while (s < n && (IsMorseGap(p[s]) || (IsMorseSymbol(p[s]) && s > 0 && IsWordByte(p[s - 1])))) {
    if (IsMorseGap(p[s])) {
      ++s;
      continue;
    }
    while (s < n && IsMorseSymbol(p[s])) ++s;
  }
  size_t seg_start = s, seg_end = s, letters = 0;
  bool cut = false;  // a piece after a cut continues a run that was long enough
  auto flush = [&] {
    if (letters >= kMinMorseLetters || (cut && letters > 0)) {
      out->push_back({Encoding::kMorse, seg_start, seg_end});
    }
    letters = 0;
  };
  size_t i = s;
  while (i < n) {
    size_t g = i;
    while (g < n && IsMorseSymbol(p[g])) ++g;
    if (g == i) break;                     // not a symbol: the run ends
    if (g < n && IsWordByte(p[g])) break;  // glued to a word ("-a", "..and"): not a letter
    if (g - i > kMaxMorseSymbols) {  // "--------" is a rule, not a letter: the run ends before it
      i = g;
      break;
    }
    if (g - seg_start > max_seg) {  // cut at the gap before this letter, go on with a new segment
      flush();
      cut = true;
      seg_start = i;
    }
    ++letters;
    seg_end = g;
    i = g;
    size_t gap = i;
    while (gap < n && IsMorseGap(p[gap]) && gap - i < 8) ++gap;
    if (gap == i || gap >= n || !IsMorseSymbol(p[gap])) break;
    i = gap;
  }
  flush();
  return std::max(i, pos + 1);
}

// NATO code words, lower-cased and read as little-endian 64-bit numbers (4 to 8 letters), up to
// two per first letter (the spelling variants).
constexpr uint64_t WordBits(std::string_view w) {
  uint64_t v = 0;
  for (size_t k = 0; k < w.size(); ++k) v |= uint64_t{static_cast<unsigned char>(w[k])} << (8 * k);
  return v;
}
struct NatoTable {
  uint64_t v[26][2] = {};
  constexpr NatoTable() {
    const std::string_view words[] = {
        "alfa",   "alpha",   "bravo",  "charlie", "delta",  "echo",  "foxtrot", "golf",
        "hotel",  "india",   "juliet", "juliett", "kilo",   "lima",  "mike",    "november",
        "oscar",  "papa",    "quebec", "romeo",   "sierra", "tango", "uniform", "victor",
        "whisky", "whiskey", "xray",   "yankee",  "zulu"};
    for (std::string_view w : words) {
      uint64_t* slot = v[w[0] - 'a'];
      slot[slot[0] == 0 ? 0 : 1] = WordBits(w);
    }
  }
};
constexpr NatoTable kNato;
constexpr size_t kMaxNatoLetters = 8;
constexpr size_t kMaxNatoGap = 4;
constexpr unsigned kNatoSampleStride = 32;
// Bit L of kNatoLengths[first - 'a'] is set when a code word (or "x" and "ray" of "X-ray") of L
// letters starts with that letter: the search's test before it reads the word.
constexpr uint16_t kNatoLengths[26] = {
    1u << 4 | 1u << 5, 1u << 5, 1u << 7, 1u << 5,           1u << 4,           1u << 7,
    1u << 4,           1u << 5, 1u << 5, 1u << 6 | 1u << 7, 1u << 4,           1u << 4,
    1u << 4,           1u << 8, 1u << 5, 1u << 4,           1u << 6,           1u << 3 | 1u << 5,
    1u << 6,           1u << 5, 1u << 7, 1u << 6,           1u << 6 | 1u << 7, 1u << 1 | 1u << 4,
    1u << 6,           1u << 4};

inline bool IsNatoGap(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '|' || c == ',' ||
         c == '.' || c == '-';
}

// The letter run at p[start] (a letter) as lower-case 64-bit word bits, and its length (0 when it
// is longer than 8 letters).
inline uint64_t LetterRunBits(const unsigned char* p, size_t n, size_t start, size_t* len) {
  size_t e = start;
  while (e < n && IsAsciiLetter(p[e]) && e - start <= kMaxNatoLetters) ++e;
  *len = e - start <= kMaxNatoLetters ? e - start : 0;
  uint64_t v = 0;
  for (size_t k = 0; k < *len; ++k) v |= uint64_t{p[start + k] | 0x20u} << (8 * k);
  return v;
}

// The letter of the code word whose letter run starts at `start` (and sets *end after it, "X-ray"
// included), or 0.
char NatoTokenAt(const unsigned char* p, size_t n, size_t start, size_t* end) {
  if (start >= n || !IsAsciiLetter(p[start])) return 0;
  size_t len = 0;
  const uint64_t w = LetterRunBits(p, n, start, &len);
  if (len == 0) return 0;
  const unsigned first = (p[start] | 0x20u) - 'a';
  if (len >= 4 && (w == kNato.v[first][0] || w == kNato.v[first][1])) {
    *end = start + len;
    return static_cast<char>('A' + first);
  }
  // "X-ray": the only code word written in two parts.
  const size_t e = start + len;
  if (len == 1 && first == 'x' - 'a' && e + 4 <= n && p[e] == '-' && (p[e + 1] | 0x20) == 'r' &&
      (p[e + 2] | 0x20) == 'a' && (p[e + 3] | 0x20) == 'y' &&
      (e + 4 == n || !IsAsciiLetter(p[e + 4]))) {
    *end = e + 4;
    return 'X';
  }
  return 0;
}

// The search's test of the word starting at `pos`: a code word, or the "ray" of an "X-ray" (then
// *start is moved to its "X").
inline bool NatoWordAt(const unsigned char* p, size_t n, size_t pos, size_t* start) {
  size_t e = 0;
  if (NatoTokenAt(p, n, pos, &e) != 0) return true;
  if (pos >= 2 && p[pos - 1] == '-' && (p[pos - 2] | 0x20) == 'x' &&
      (pos == 2 || !IsAsciiLetter(p[pos - 3])) && NatoTokenAt(p, n, pos - 2, &e) != 0) {
    *start = pos - 2;
    return true;
  }
  return false;
}

// The start of the code word that ends at `end` (exclusive), or n when there is none.
size_t NatoTokenEndingAt(const unsigned char* p, size_t n, size_t end, size_t from) {
  size_t s = end;
  while (s > from && IsAsciiLetter(p[s - 1]) && end - s <= kMaxNatoLetters) --s;
  if (s == end || (s > from && IsAsciiLetter(p[s - 1]))) return n;
  // "X-ray" ends in "ray": its code word starts at the "X".
  if (end - s == 3 && s >= from + 2 && p[s - 1] == '-' && (p[s - 2] | 0x20) == 'x' &&
      (s - 2 == from || !IsAsciiLetter(p[s - 3]))) {
    s -= 2;
  }
  size_t e = 0;
  return NatoTokenAt(p, n, s, &e) != 0 && e == end ? s : n;
}

// Finds the run of code words around the one at `pos` and appends its segments; returns the offset
// after the run.
size_t NatoRun(const unsigned char* p, size_t n, size_t pos, size_t from, const GuardLimits& limits,
               std::vector<EncodedSegment>* out) {
  const size_t max_seg = limits.max_encoded_segment;
  // Back to the first code word of the run (not before `from`, at most one segment back).
  size_t s = pos;
  while (pos - s < max_seg) {
    size_t g = s;
    while (g > from && IsNatoGap(p[g - 1]) && s - g < kMaxNatoGap) --g;
    if (g == s || g == from) break;
    size_t prev = NatoTokenEndingAt(p, n, g, from);
    if (prev == n) break;
    s = prev;
  }
  size_t seg_start = s, seg_end = s, words = 0, i = s;
  bool cut = false;  // a piece after a cut continues a run that was long enough
  auto flush = [&] {
    if (words >= kMinNatoWords || (cut && words > 0)) {
      out->push_back({Encoding::kNato, seg_start, seg_end});
    }
    words = 0;
  };
  while (i < n) {
    size_t e = 0;
    if (NatoTokenAt(p, n, i, &e) == 0) break;
    if (e - seg_start > max_seg) {
      flush();
      cut = true;
      seg_start = i;
    }
    ++words;
    seg_end = e;
    size_t g = e;
    while (g < n && IsNatoGap(p[g]) && g - e < kMaxNatoGap) ++g;
    i = e;
    if (g == e || g >= n || !IsAsciiLetter(p[g])) break;
    i = g;
  }
  flush();
  return std::max(i, pos + 1);
}

// A braille cell (U+2800..U+28FF, E2 A0..A3 80..BF) at p[i]: its 8 dots, or -1.
inline int BrailleCellAt(const unsigned char* p, size_t n, size_t i) {
  if (i + 2 >= n || p[i] != 0xE2 || (p[i + 1] & 0xFC) != 0xA0 || (p[i + 2] & 0xC0) != 0x80)
    return -1;
  return ((p[i + 1] & 0x03) << 6) | (p[i + 2] & 0x3F);
}

struct BrailleTable {
  char v[64] = {};
  constexpr BrailleTable() {
    // Dots 1-6 as bits 0-5: the letters, then the punctuation cells of English grade 1.
    const unsigned char letters[26] = {0x01, 0x03, 0x09, 0x19, 0x11, 0x0B, 0x1B, 0x13, 0x0A,
                                       0x1A, 0x05, 0x07, 0x0D, 0x1D, 0x15, 0x0F, 0x1F, 0x17,
                                       0x0E, 0x1E, 0x25, 0x27, 0x3A, 0x2D, 0x3D, 0x35};
    for (int k = 0; k < 26; ++k) v[letters[k]] = static_cast<char>('a' + k);
    v[0x32] = '.';
    v[0x02] = ',';
    v[0x04] = '\'';
    v[0x24] = '-';
    v[0x0C] = '/';
    v[0x16] = '!';
    v[0x26] = '?';
    v[0x12] = ':';
    v[0x06] = ';';
    v[0x30] = ';';
    v[0x36] = '"';
    v[0x00] = ' ';
  }
};
constexpr BrailleTable kBraille;
constexpr int kBrailleCapital = 0x20;  // dot 6
constexpr int kBrailleNumber = 0x3C;   // dots 3456

}  // namespace

void FindMorseSegments(std::string_view text, const GuardLimits& limits,
                       std::vector<EncodedSegment>* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  if (n < 2 * kMinMorseLetters - 1 || limits.max_encoded_segment < 16) return;
  auto symbols_at = [&](size_t b) {
    return BlockMask(p, n, b, [](const unsigned char* q) { return MorseSymbolMask64(q); });
  };
  size_t from = 0;  // the end of the last run: runs never overlap
  uint64_t cur = symbols_at(0);
  for (size_t b = 0; b < n; b += 64) {
    const uint64_t next = symbols_at(b + 64);
    // "symbol ? symbol" from the mask, then the space between checked byte by byte: ".- -..." has
    // it at every letter; prose has few symbols and fewer such pairs ("...", ". .").
    uint64_t cand = cur & Ahead(cur, next, 2);
    while (cand != 0) {
      const size_t pos = b + static_cast<size_t>(__builtin_ctzll(cand));
      cand &= cand - 1;
      if (pos < from || p[pos + 1] != ' ') continue;
      from = MorseRun(p, n, pos, from, limits, out);
    }
    cur = next;
  }
}

void FindNatoSegments(std::string_view text, const GuardLimits& limits,
                      std::vector<EncodedSegment>* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  if (n < 4 * kMinNatoWords || limits.max_encoded_segment < 16) return;
  auto letters_at = [&](size_t b) {
    return BlockMask(p, n, b, [](const unsigned char* q) { return LetterMask64(q); });
  };
  // Only the first word starting at or after each sample point (every kNatoSampleStride bytes or
  // less) is looked up: a run of kMinNatoWords code words spans more than the stride before its
  // last word starts, so some point's next word is a code word of the run (X-ray's "ray" counts).
  static_assert((kMinNatoWords - 1) * 5 > kNatoSampleStride, "a run must contain a sample point");
  size_t from = 0;
  uint64_t cur = letters_at(0);
  uint64_t carry = 0;  // bit 0: the byte before this block is a letter
  for (size_t b = 0; b < n; b += 64) {
    const uint64_t next = letters_at(b + 64);
    const uint64_t starts = cur & ~((cur << 1) | carry);
    unsigned last = 64;
    for (unsigned q = 0; q < 64; q += kNatoSampleStride) {
      const uint64_t after = starts >> q;
      if (after == 0) break;  // the next word start is in a later block, whose points cover it
      const unsigned k = q + static_cast<unsigned>(__builtin_ctzll(after));
      if (k == last) continue;  // the same word as the previous point
      last = k;
      size_t pos = b + k;
      // The word's length from the masks and its first letter: most words of prose stop here.
      const uint64_t ahead = k == 0 ? cur : Ahead(cur, next, k);
      const unsigned len = static_cast<unsigned>(__builtin_ctzll(~ahead | (uint64_t{1} << 63)));
      const unsigned first = (p[pos] | 0x20u) - 'a';
      if (len > kMaxNatoLetters || (kNatoLengths[first] >> len & 1u) == 0 || pos < from) continue;
      if (len >= 4 && pos + 8 <= n) {
        // The whole word in one load, lower-cased and cut to its length.
        uint64_t w;
        std::memcpy(&w, p + pos, 8);
        w |= 0x2020202020202020ull;
        if (len < 8) w &= (uint64_t{1} << (8 * len)) - 1;
        if (w != kNato.v[first][0] && w != kNato.v[first][1]) continue;
      } else if (!NatoWordAt(p, n, pos, &pos)) {
        continue;
      }
      from = NatoRun(p, n, pos, from, limits, out);
    }
    carry = cur >> 63;
    cur = next;
  }
}

void FindBrailleSegments(std::string_view text, const GuardLimits& limits,
                         std::vector<EncodedSegment>* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const size_t max_seg = limits.max_encoded_segment;
  size_t i = 0;
  while (i < n) {
    const void* hit = std::memchr(p + i, 0xE2, n - i);
    if (hit == nullptr) break;
    i = static_cast<size_t>(static_cast<const unsigned char*>(hit) - p);
    if (BrailleCellAt(p, n, i) < 0) {
      ++i;  // other U+2000..U+2FFF characters (quotes, dashes, arrows)
      continue;
    }
    size_t seg_start = i, seg_end = i, cells = 0;
    bool cut = false;  // a piece after a cut continues a run that was long enough
    while (i < n) {
      if (BrailleCellAt(p, n, i) >= 0) {
        if (i + 3 - seg_start > max_seg) {
          if (cells >= kMinBrailleCells || cut) {
            out->push_back({Encoding::kBraille, seg_start, seg_end});
          }
          cut = true;
          seg_start = i;
          cells = 0;
        }
        ++cells;
        i += 3;
        seg_end = i;
        continue;
      }
      if (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r') {
        ++i;
        continue;
      }
      break;
    }
    if (cells >= kMinBrailleCells || (cut && cells > 0)) {
      out->push_back({Encoding::kBraille, seg_start, seg_end});
    }
    i = std::max(i, seg_end);
  }
}

namespace {

// One line of a vertical run: [start, end) without the '\n', and its trimmed content.
struct VLine {
  size_t start, end;
  std::string_view body;  // spaces, tabs and '\r' stripped
};

std::string_view TrimLine(std::string_view l) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!l.empty() && blank(l.front())) l.remove_prefix(1);
  while (!l.empty() && blank(l.back())) l.remove_suffix(1);
  return l;
}

bool ShortLine(std::string_view body) {
  if (body.empty() || body.size() > kMaxVerticalLineBytes) return false;
  size_t words = 1;
  for (size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    switch (c) {
      case '=':
      case ';':
      case '{':
      case '}':
      case '(':
      case ')':
      case '<':
      case '>':
      case '[':
      case ']':
      case '|':
      case '\\':
      case '`':
      case '$':
      case '#':
      case '"':
        return false;
      default:
        break;
    }
    if ((c == ' ' || c == '\t') && i > 0 && body[i - 1] != ' ' && body[i - 1] != '\t') ++words;
  }
  return words <= kMaxVerticalWords;
}

}  // namespace

void FindVerticalSegments(std::string_view text, const GuardLimits& limits,
                          std::vector<EncodedSegment>* out) {
  const size_t n = text.size();
  size_t run_start = 0, run_end = 0, lines = 0, blanks = 0;
  auto flush = [&]() {
    if (lines >= kMinVerticalLines && run_end - run_start <= limits.max_encoded_segment) {
      out->push_back({Encoding::kVertical, run_start, run_end});
    }
    lines = 0;
    blanks = 0;
  };
  size_t i = 0;
  while (i < n) {
    const void* nl = std::memchr(text.data() + i, '\n', n - i);
    const size_t e =
        nl == nullptr ? n : static_cast<size_t>(static_cast<const char*>(nl) - text.data());
    // Most prose lines are long: rejected by their length before their bytes are looked at.
    if (e - i > kMaxVerticalLineBytes + 16) {
      flush();
      i = e + 1;
      continue;
    }
    const std::string_view body = TrimLine(text.substr(i, e - i));
    if (body.empty()) {
      if (lines > 0 && ++blanks > 1) flush();
    } else if (ShortLine(body)) {
      if (lines == 0) run_start = i + static_cast<size_t>(body.data() - (text.data() + i));
      blanks = 0;
      ++lines;
      run_end = static_cast<size_t>(body.data() - text.data()) + body.size();
    } else {
      flush();
    }
    i = e + 1;
  }
  flush();
}

// Calls fn(trimmed line) for each line of `in`.
template <typename Fn>
void ForEachLine(std::string_view in, Fn&& fn) {
  size_t pos = 0;
  while (pos <= in.size()) {
    size_t e = in.find('\n', pos);
    if (e == std::string_view::npos) e = in.size();
    fn(TrimLine(in.substr(pos, e - pos)));
    pos = e + 1;
  }
}

bool VerticalLetters(std::string_view in) {
  bool letters = true;
  ForEachLine(in, [&](std::string_view body) { letters = letters && body.size() <= 1; });
  return letters;
}

bool DecodeVertical(std::string_view in, size_t max_out, std::string* out) {
  out->clear();
  const bool letters = VerticalLetters(in);
  bool fits = true;
  ForEachLine(in, [&](std::string_view body) {
    if (!fits) return;
    if (letters) {
      if (body.empty()) {
        if (!out->empty() && out->back() != ' ') out->push_back(' ');
      } else {
        out->push_back(body[0]);
      }
    } else {
      if (!out->empty() && out->back() != ' ') out->push_back(' ');
      out->append(body);
    }
    fits = fits && out->size() <= max_out;
  });
  return fits;
}

uint64_t TypoVocabulary::Key(std::string_view w) {
  // First and last letter, then the inner letters sorted, 5 bits each (16 letters: 80 bits) -
  // folded into 64 by hashing; a collision only makes a key ambiguous or maps to a word the
  // caller then compares.
  char inner[kMaxTypoWord];
  const size_t m = w.size() - 2;
  std::memcpy(inner, w.data() + 1, m);
  std::sort(inner, inner + m);
  uint64_t h = 0xcbf29ce484222325ULL;
  auto mix = [&](char c) { h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL; };
  mix(w.front());
  mix(w.back());
  mix(static_cast<char>(w.size()));
  for (size_t k = 0; k < m; ++k) mix(inner[k]);
  return h;
}

void TypoVocabulary::Add(std::string_view word) {
  if (word.size() < 4 || word.size() > kMaxTypoWord) return;
  for (char c : word) {
    if (c < 'a' || c > 'z') return;
  }
  const size_t shape =
      (static_cast<size_t>(word.front() - 'a') * 26 + static_cast<size_t>(word.back() - 'a')) *
          (kMaxTypoWord + 1) +
      word.size();
  shapes_[shape / 64] |= uint64_t{1} << (shape % 64);
  auto [it, inserted] = by_key_.try_emplace(Key(word), word);
  if (inserted) {
    ++words_;
  } else if (it->second != word) {
    it->second.clear();  // ambiguous
  }
}

bool TypoVocabulary::Unscramble(std::string_view in, std::string* out) const {
  // A first pass that writes nothing: most texts have no word to put back.
  out->clear();
  if (!Walk(in, nullptr)) return false;
  out->reserve(in.size());
  return Walk(in, out);
}

bool TypoVocabulary::Walk(std::string_view in, std::string* out) const {
  bool changed = false;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  char lower[kMaxTypoWord];
  size_t i = 0;
  while (i < in.size()) {
    if (!letter(in[i])) {
      if (out != nullptr) out->push_back(in[i]);
      ++i;
      continue;
    }
    // A word, or letter runs joined by single hyphens ("in-struc-tions"), read as one word.
    size_t j = i, len = 0;
    bool hyphen = false, fits = true;
    while (j < in.size()) {
      if (letter(in[j])) {
        if (len < kMaxTypoWord) {
          lower[len] = static_cast<char>(in[j] | 0x20);
        } else {
          fits = false;
        }
        ++len;
        ++j;
      } else if (in[j] == '-' && j + 1 < in.size() && letter(in[j + 1]) && j > i) {
        hyphen = true;
        ++j;
      } else {
        break;
      }
    }
    const std::string_view span = in.substr(i, j - i);
    if (fits && len >= 4 && (j == in.size() || static_cast<unsigned char>(in[j]) < 0x80) &&
        (i == 0 || static_cast<unsigned char>(in[i - 1]) < 0x80)) {
      const std::string_view lw(lower, len);
      const size_t shape =
          (static_cast<size_t>(lw.front() - 'a') * 26 + static_cast<size_t>(lw.back() - 'a')) *
              (kMaxTypoWord + 1) +
          len;
      if ((shapes_[shape / 64] >> (shape % 64) & 1u) == 0) {
        if (out != nullptr) out->append(span);
        i = j;
        continue;
      }
      auto it = by_key_.find(Key(lw));
      if (it != by_key_.end() && !it->second.empty() && it->second.size() == len &&
          (hyphen || it->second != lw)) {
        // The same letters: a collision of the folded key would give other letters.
        std::string a(lw), b(it->second);
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        if (a == b && lw.front() == it->second.front() && lw.back() == it->second.back()) {
          if (out == nullptr) return true;
          out->append(it->second);
          changed = true;
          i = j;
          continue;
        }
      }
    }
    if (out != nullptr) out->append(span);
    i = j;
  }
  return changed;
}

bool DecodeMorse(std::string_view in, size_t max_out, std::string* out) {
  out->clear();
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t i = 0, letters = 0;
  bool gap = false;  // a word gap since the last letter
  while (i < n) {
    if (!IsMorseSymbol(p[i])) {
      // One space separates letters; anything else (more spaces, '/', newlines, other bytes) is a
      // word gap.
      const size_t g = i;
      while (i < n && !IsMorseSymbol(p[i])) ++i;
      if (!(i - g == 1 && p[g] == ' ')) gap = true;
      continue;
    }
    size_t g = i;
    unsigned idx = 1;
    while (i < n && IsMorseSymbol(p[i])) {
      if (i - g < kMaxMorseSymbols) idx = idx * 2 + (p[i] == '-' ? 1 : 0);
      ++i;
    }
    const char c = i - g <= kMaxMorseSymbols && kMorse.v[idx] != 0 ? kMorse.v[idx] : '?';
    if (gap && !out->empty()) {
      if (out->size() >= max_out) return false;
      out->push_back(' ');
    }
    gap = false;
    if (out->size() >= max_out) return false;
    out->push_back(c);
    letters += IsAsciiLetter(static_cast<unsigned char>(c));
  }
  return letters > 0;
}

bool DecodeNato(std::string_view in, size_t max_out, std::string* out) {
  out->clear();
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  size_t last_end = 0;  // end of the last code word
  bool any = false;
  while (i < n) {
    if (!IsAsciiLetter(p[i])) {
      ++i;
      continue;
    }
    size_t e = 0;
    const char c = NatoTokenAt(p, n, i, &e);
    if (c == 0) {  // another word: skipped, and a word gap
      while (i < n && IsAsciiLetter(p[i])) ++i;
      last_end = 0;
      continue;
    }
    if (any && !(i == last_end + 1 && p[last_end] == ' ')) {
      if (out->size() >= max_out) return false;
      out->push_back(' ');
    }
    if (out->size() >= max_out) return false;
    out->push_back(c);
    any = true;
    last_end = e;
    i = e;
  }
  return any;
}

bool DecodeBraille(std::string_view in, size_t max_out, std::string* out) {
  out->clear();
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  bool capital = false, number = false;
  size_t i = 0;
  while (i < n) {
    const int cell = BrailleCellAt(p, n, i);
    if (cell < 0) {
      if (p[i] == ' ' || p[i] == '\n' || p[i] == '\t' || p[i] == '\r') number = false;
      if (out->size() >= max_out) return false;
      out->push_back(static_cast<char>(p[i]));
      ++i;
      continue;
    }
    i += 3;
    if (cell == kBrailleCapital) {
      capital = true;
      continue;
    }
    if (cell == kBrailleNumber) {
      number = true;
      continue;
    }
    char c = cell < 64 ? kBraille.v[cell] : 0;
    if (c == 0) c = '?';
    if (c >= 'a' && c <= 'z') {
      if (number && c <= 'j') {
        c = c == 'j' ? '0' : static_cast<char>('1' + (c - 'a'));
      } else {
        number = false;
        if (capital) c = static_cast<char>(c - 'a' + 'A');
      }
    } else if (c == ' ') {
      number = false;
    }
    capital = false;
    if (out->size() >= max_out) return false;
    out->push_back(c);
  }
  return true;
}

bool DecodeBase32(std::string_view in, size_t max_out, std::string* out) {
  out->clear();
  size_t pad = 0;
  while (!in.empty() && in.back() == '=' && pad < 6) {
    in.remove_suffix(1);
    ++pad;
  }
  if (!Base32LengthOk(in.size())) return false;
  if (in.size() / 8 * 5 > max_out + 4) return false;
  uint32_t acc = 0;
  int bits = 0;
  for (char ch : in) {
    int v = B32Value(static_cast<unsigned char>(ch));
    if (v < 0) return false;
    acc = (acc << 5) | static_cast<uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      if (out->size() >= max_out) return false;
      out->push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return true;
}

void SplitVocabulary::Add(std::string_view word) {
  if (word.size() < 2 || word.size() > kMaxSplitWord) return;
  for (char c : word) {
    if (c < 'a' || c > 'z') return;
  }
  uint32_t node = 0;
  for (char c : word) {
    const int k = c - 'a';
    if (nodes_[node].next[k] == 0) {
      nodes_[node].next[k] = static_cast<uint32_t>(nodes_.size());
      nodes_.emplace_back();
    }
    node = nodes_[node].next[k];
  }
  words_ += nodes_[node].word ? 0 : 1;
  nodes_[node].word = true;
}

void SplitRunTogetherWords(std::string_view in, const SplitVocabulary& vocabulary, std::string* out,
                           SplitStats* stats) {
  out->clear();
  SplitStats local;
  if (stats == nullptr) stats = &local;
  *stats = SplitStats{};
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  const auto& nodes = vocabulary.nodes_;
  // Per position of a run, the best split of the rest: letters covered, words used, and the
  // length of the word starting here (0: the letter is not covered).
  struct Best {
    size_t covered = 0, words = 0, take = 0;
  };
  std::vector<Best> best;
  size_t i = 0;
  while (i < n) {
    if (!IsAsciiLetter(p[i])) {
      out->push_back(static_cast<char>(p[i++]));
      continue;
    }
    size_t e = i;
    while (e < n && IsAsciiLetter(p[e])) ++e;
    const size_t m = e - i;
    if (m < kMinSplitRun || vocabulary.words() == 0) {
      out->append(in.substr(i, m));
      i = e;
      continue;
    }
    best.assign(m + 1, Best{});
    for (size_t k = m; k-- > 0;) {
      best[k] = {best[k + 1].covered, best[k + 1].words, 0};
      uint32_t node = 0;
      for (size_t len = 1; len <= kMaxSplitWord && k + len <= m; ++len) {
        node = nodes[node].next[(p[i + k + len - 1] | 0x20) - 'a'];
        if (node == 0) break;
        if (!nodes[node].word) continue;
        const size_t covered = len + best[k + len].covered;
        const size_t words = 1 + best[k + len].words;
        if (covered > best[k].covered || (covered == best[k].covered && words < best[k].words)) {
          best[k] = {covered, words, len};
        }
      }
    }
    stats->letters += m;
    stats->covered += best[0].covered;
    // Write the split: words and uncovered chunks, one space between them.
    size_t k = 0;
    bool first = true;
    while (k < m) {
      size_t len = best[k].take;
      if (len >= 3) ++stats->words;
      if (len == 0) {
        len = 1;
        while (k + len < m && best[k + len].take == 0) ++len;
      }
      if (!first) out->push_back(' ');
      first = false;
      out->append(in.substr(i + k, len));
      k += len;
    }
    i = e;
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
    case Encoding::kBase32:
      return DecodeBase32(in, max_out, out);
    case Encoding::kMorse:
      return DecodeMorse(in, max_out, out);
    case Encoding::kNato:
      return DecodeNato(in, max_out, out);
    case Encoding::kBraille:
      return DecodeBraille(in, max_out, out);
    case Encoding::kHexGroups:
      return DecodeHexGroups(in, max_out, out);
    case Encoding::kDecimal:
      return DecodeDecimalCodes(in, max_out, out);
    case Encoding::kBinary:
      return DecodeBinaryCodes(in, max_out, out);
    case Encoding::kEscapes:
      return DecodeBackslashEscapes(in, max_out, out);
    case Encoding::kHtmlEntities:
      return DecodeHtmlEntities(in, max_out, out);
    case Encoding::kQuotedPrintable:
      return DecodeQuotedPrintable(in, max_out, out);
    case Encoding::kAscii85:
      return DecodeAscii85(in, max_out, out);
    case Encoding::kBase85:
      return DecodeBase85(in, max_out, out);
    case Encoding::kUuencode:
      return DecodeUuencode(in, max_out, out);
    case Encoding::kUpsideDown:
      return DecodeUpsideDown(in, max_out, out);
    case Encoding::kAtbash:
      if (in.size() > max_out) return false;
      Atbash(in, out);
      return true;
    case Encoding::kCaesar:
      return DecodeCaesar(in, max_out, out);
    case Encoding::kVertical:
      return DecodeVertical(in, max_out, out);
    case Encoding::kTypoglycemia:  // needs a vocabulary: the engine calls Unscramble
    case Encoding::kRunTogether:   // the same: the engine calls SplitRunTogetherWords
      if (in.size() > max_out) return false;
      out->assign(in);
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
