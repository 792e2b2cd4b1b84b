#include "guard/normalize/decoders.h"

#include <cstdint>

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
    case Encoding::kBase64: return "base64";
    case Encoding::kHex: return "hex";
    case Encoding::kUrl: return "url";
    case Encoding::kRot13: return "rot13";
  }
  return "unknown";
}

void FindEncodedSegments(std::string_view text, const GuardLimits& limits,
                         std::vector<EncodedSegment>* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Base64 / hex runs.
    if (B64Value(p[i]) >= 0) {
      size_t s = i;
      bool all_hex = true, has_digit = false, has_upper = false, has_lower = false;
      while (i < n && B64Value(p[i]) >= 0) {
        unsigned char c = p[i];
        if (HexValue(c) < 0) all_hex = false;
        if (c >= '0' && c <= '9') has_digit = true;
        if (c >= 'A' && c <= 'Z') has_upper = true;
        if (c >= 'a' && c <= 'z') has_lower = true;
        ++i;
      }
      size_t e = i;
      while (i < n && p[i] == '=' && i - e < 2) ++i;
      size_t len = e - s;
      // Preceded by a word character or '%' means it is part of something else (URL escapes).
      bool glued = s > 0 && (p[s - 1] == '%' || p[s - 1] == '\\');
      if (!glued && len <= limits.max_encoded_segment) {
        if (all_hex && len >= limits.min_hex_segment && len % 2 == 0) {
          out->push_back({Encoding::kHex, s, e});
        } else if (len >= limits.min_base64_segment &&
                   (has_digit || (has_upper && has_lower)) && len % 4 != 1) {
          out->push_back({Encoding::kBase64, s, i});
        }
      }
      continue;
    }
    // URL-encoded runs: a whitespace-delimited token with at least 3 %XX escapes.
    if (p[i] == '%' && i + 2 < n && HexValue(p[i + 1]) >= 0 && HexValue(p[i + 2]) >= 0) {
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
      i = e;
      continue;
    }
    ++i;
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
    if (c >= 'a' && c <= 'z') c = static_cast<char>('a' + (c - 'a' + 13) % 26);
    else if (c >= 'A' && c <= 'Z') c = static_cast<char>('A' + (c - 'A' + 13) % 26);
  }
}

bool Decode(Encoding e, std::string_view in, size_t max_out, std::string* out) {
  switch (e) {
    case Encoding::kBase64: return DecodeBase64(in, max_out, out);
    case Encoding::kHex: return DecodeHex(in, max_out, out);
    case Encoding::kUrl: return DecodeUrl(in, max_out, out);
    case Encoding::kRot13:
      if (in.size() > max_out) return false;
      Rot13(in, out);
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
