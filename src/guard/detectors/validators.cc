#include "guard/detectors/validators.h"

#include <arpa/inet.h>

#include <cmath>
#include <cstdint>
#include <cstring>

namespace aigis::guard::detectors {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }

std::string AlnumUpper(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (IsAlnum(c)) out.push_back(Upper(c));
  }
  return out;
}

bool VPaymentCard(std::string_view c, double*) { return PaymentCardValid(c); }
bool VIban(std::string_view c, double*) { return IbanValid(c); }
bool VSteuerId(std::string_view c, double*) { return SteuerIdValid(c); }
bool VIcao(std::string_view c, double* score) {
  std::string a = AlnumUpper(c);
  if (!IcaoDocumentValid(a)) return false;
  if (a.size() == 9) *score *= 0.8;  // no check digit to confirm it
  return true;
}
bool VVin(std::string_view c, double*) { return VinValid(c); }
bool VSsn(std::string_view c, double*) { return SsnValid(c); }
bool VIpv4(std::string_view c, double*) { return Ipv4Valid(c); }
bool VIpv6(std::string_view c, double*) { return Ipv6Valid(c); }
bool VEmail(std::string_view c, double*) { return EmailValid(c); }
bool VPhone(std::string_view c, double*) { return PhoneValid(c); }
bool VDate(std::string_view c, double*) { return DateValid(c); }

// Generic secrets: long enough, mixed, high entropy, and not an obvious placeholder.
bool VEntropy(std::string_view c, double* score) {
  if (c.size() < 12) return false;
  static const char* kPlaceholders[] = {"xxxx",     "your",   "example",  "placeholder", "changeme",
                                        "dummy",    "sample", "redacted", "****",        "test",
                                        "<",        "${",     "{{",       "abcdef",      "123456",
                                        "password", "secret", "token"};
  std::string lower;
  for (char ch : c) lower.push_back((ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch);
  for (const char* p : kPlaceholders) {
    if (lower.find(p) != std::string::npos) return false;
  }
  bool digit = false, alpha = false;
  for (char ch : c) {
    if (IsDigit(ch))
      digit = true;
    else if (IsAlnum(ch))
      alpha = true;
  }
  if (!digit || !alpha) return false;
  double h = ShannonEntropy(c);
  if (h < 3.0) return false;
  if (h < 3.5) *score *= 0.7;
  return true;
}
bool VGithub(std::string_view c, double* score) {
  if (!GithubTokenChecksumValid(c)) *score *= 0.6;  // old or foreign format: keep, less sure
  return true;
}
bool VNone(std::string_view, double*) { return true; }

struct Named {
  const char* name;
  ValidatorFn fn;
};
constexpr Named kValidators[] = {
    {"luhn", VPaymentCard},    {"iban", VIban}, {"steuer_id", VSteuerId},
    {"icao", VIcao},           {"vin", VVin},   {"ssn", VSsn},
    {"ipv4", VIpv4},           {"ipv6", VIpv6}, {"email", VEmail},
    {"phone", VPhone},         {"date", VDate}, {"entropy", VEntropy},
    {"github_crc32", VGithub}, {"none", VNone},
};

// IBAN lengths per country (ISO 13616 registry, the SEPA countries and a few more).
struct IbanLen {
  char cc[3];
  int len;
};
constexpr IbanLen kIbanLens[] = {
    {"AD", 24}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28}, {"CZ", 24},
    {"DE", 22}, {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FR", 27}, {"GB", 22},
    {"GI", 23}, {"GR", 27}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IS", 26}, {"IT", 27},
    {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MT", 31}, {"NL", 18},
    {"NO", 15}, {"PL", 28}, {"PT", 25}, {"RO", 24}, {"SE", 24}, {"SI", 19}, {"SK", 24},
    {"SM", 27}, {"TR", 26}, {"AE", 23}, {"SA", 24}, {"IL", 23}, {"BR", 29}, {"UA", 29},
};

}  // namespace

ValidatorFn FindValidator(std::string_view name) {
  for (const Named& n : kValidators) {
    if (name == n.name) return n.fn;
  }
  return nullptr;
}

std::string DigitsOf(std::string_view s) {
  std::string d;
  for (char c : s) {
    if (IsDigit(c)) d.push_back(c);
  }
  return d;
}

bool LuhnValid(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool dbl = false;
  for (size_t i = digits.size(); i-- > 0;) {
    if (!IsDigit(digits[i])) return false;
    int d = digits[i] - '0';
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

bool PaymentCardValid(std::string_view candidate) {
  std::string d = DigitsOf(candidate);
  if (d.size() < 13 || d.size() > 19) return false;
  // Known issuer prefixes (Visa, Mastercard, Amex, Discover, JCB, Diners, Maestro, UnionPay).
  int p1 = d[0] - '0';
  int p2 = std::stoi(d.substr(0, 2));
  int p4 = std::stoi(d.substr(0, 4));
  bool issuer = p1 == 4 || (p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720) || p2 == 34 ||
                p2 == 37 || p4 == 6011 || p2 == 65 || (p4 >= 3528 && p4 <= 3589) || p2 == 36 ||
                p2 == 38 || p2 == 30 || p2 == 50 || (p2 >= 56 && p2 <= 69) || p2 == 62;
  if (!issuer) return false;
  bool all_same = d.find_first_not_of(d[0]) == std::string::npos;
  return !all_same && LuhnValid(d);
}

bool IbanValid(std::string_view candidate) {
  std::string s = AlnumUpper(candidate);
  if (s.size() < 15 || s.size() > 34) return false;
  if (!(s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && IsDigit(s[2]) &&
        IsDigit(s[3]))) {
    return false;
  }
  for (const IbanLen& l : kIbanLens) {
    if (s[0] == l.cc[0] && s[1] == l.cc[1] && static_cast<int>(s.size()) != l.len) return false;
  }
  // ISO 13616: move the first four characters to the end, letters to 10..35, mod 97 == 1.
  std::string r = s.substr(4) + s.substr(0, 4);
  int mod = 0;
  for (char c : r) {
    if (IsDigit(c)) {
      mod = (mod * 10 + (c - '0')) % 97;
    } else {
      int v = c - 'A' + 10;
      mod = (mod * 100 + v) % 97;
    }
  }
  return mod == 1;
}

bool SteuerIdValid(std::string_view candidate) {
  std::string d = DigitsOf(candidate);
  if (d.size() != 11 || d[0] == '0') return false;
  // Digit-frequency rule: in the first ten digits exactly one digit repeats (2 or 3 times).
  int count[10] = {0};
  for (int i = 0; i < 10; ++i) ++count[d[static_cast<size_t>(i)] - '0'];
  int repeated = 0, missing = 0;
  for (int c : count) {
    if (c >= 2) ++repeated;
    if (c == 0) ++missing;
    if (c > 3) return false;
  }
  if (repeated != 1 || (missing != 1 && missing != 2)) return false;
  // ISO 7064 MOD 11,10.
  int product = 10;
  for (int i = 0; i < 10; ++i) {
    int sum = (d[static_cast<size_t>(i)] - '0' + product) % 10;
    if (sum == 0) sum = 10;
    product = (sum * 2) % 11;
  }
  int check = 11 - product;
  if (check == 10) check = 0;
  return check == d[10] - '0';
}

char IcaoCheckDigit(std::string_view chars) {
  static const int kWeights[3] = {7, 3, 1};
  int sum = 0;
  for (size_t i = 0; i < chars.size(); ++i) {
    char c = Upper(chars[i]);
    int v = 0;
    if (IsDigit(c))
      v = c - '0';
    else if (c >= 'A' && c <= 'Z')
      v = c - 'A' + 10;
    else if (c == '<')
      v = 0;
    else
      return '?';
    sum += v * kWeights[i % 3];
  }
  return static_cast<char>('0' + sum % 10);
}

bool IcaoDocumentValid(std::string_view candidate) {
  std::string a = AlnumUpper(candidate);
  if (a.size() != 9 && a.size() != 10) return false;
  // German documents use digits and the consonants C F G H J K L M N P R T V W X Y Z.
  static const char* kAllowed = "0123456789CFGHJKLMNPRTVWXYZ";
  bool digit = false;
  for (size_t i = 0; i < 9; ++i) {
    if (std::strchr(kAllowed, a[i]) == nullptr) return false;
    if (IsDigit(a[i])) digit = true;
  }
  if (!digit) return false;
  if (a.size() == 10) return IcaoCheckDigit(std::string_view(a).substr(0, 9)) == a[9];
  return true;
}

bool VinValid(std::string_view candidate) {
  std::string v = AlnumUpper(candidate);
  if (v.size() != 17) return false;
  static const int kWeights[17] = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
  auto translit = [](char c) -> int {
    if (IsDigit(c)) return c - '0';
    static const char* kLetters = "ABCDEFGHJKLMNPRSTUVWXYZ";
    static const int kValues[] = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4,
                                  5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9};
    const char* p = std::strchr(kLetters, c);
    if (p == nullptr || c == 0) return -1;  // I, O, Q are not allowed
    return kValues[p - kLetters];
  };
  int sum = 0;
  bool letter = false, digit = false;
  for (size_t i = 0; i < 17; ++i) {
    int t = translit(v[i]);
    if (t < 0) return false;
    if (IsDigit(v[i]))
      digit = true;
    else
      letter = true;
    sum += t * kWeights[i];
  }
  if (!letter || !digit) return false;
  int r = sum % 11;
  char check = r == 10 ? 'X' : static_cast<char>('0' + r);
  return v[8] == check;
}

bool SsnValid(std::string_view candidate) {
  std::string d = DigitsOf(candidate);
  if (d.size() != 9) return false;
  int area = std::stoi(d.substr(0, 3)), group = std::stoi(d.substr(3, 2));
  int serial = std::stoi(d.substr(5, 4));
  if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) return false;
  if (d == "123456789" || d == "078051120") return false;  // famous dummies
  return true;
}

bool Ipv4Valid(std::string_view candidate) {
  std::string s(candidate);
  in_addr a;
  if (inet_pton(AF_INET, s.c_str(), &a) != 1) return false;
  // Leading zeros ("01.02.03.04") are usually dates or versions.
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if ((i == 0 || s[i - 1] == '.') && s[i] == '0' && IsDigit(s[i + 1])) return false;
  }
  // "1.2.3.4"-style version numbers: every octet a single digit.
  bool all_single = s.size() == 7;
  return s != "0.0.0.0" && !all_single;
}

bool Ipv6Valid(std::string_view candidate) {
  std::string s(candidate);
  in6_addr a;
  if (inet_pton(AF_INET6, s.c_str(), &a) != 1) return false;
  // Require a compressed form or enough groups, so clock times never pass.
  size_t colons = 0;
  for (char c : s) colons += c == ':';
  return colons >= 2 && s.size() >= 6;
}

bool EmailValid(std::string_view c) {
  size_t at = c.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64) return false;
  std::string_view domain = c.substr(at + 1);
  if (domain.find("..") != std::string_view::npos ||
      c.substr(0, at).find("..") != std::string_view::npos) {
    return false;
  }
  size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || domain.size() - dot - 1 < 2) return false;
  for (char ch : domain.substr(dot + 1)) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) return false;
  }
  return true;
}

bool PhoneValid(std::string_view c) {
  std::string d = DigitsOf(c);
  if (d.size() < 7 || d.size() > 15) return false;
  bool all_same = d.find_first_not_of(d[0]) == std::string::npos;
  return !all_same && d.compare(0, 3, "000") != 0;
}

namespace {

bool IsHex(char ch) { return IsDigit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'); }

// A token of 4-16 hex digits with a digit and a letter; `t` is exactly the token. Shorter
// tokens are too often room numbers or model names ("b12", "a4").
bool MixedHexToken(std::string_view t) {
  if (t.size() < 4 || t.size() > 16) return false;
  bool digit = false, letter = false;
  for (char ch : t) {
    if (!IsHex(ch)) return false;
    (IsDigit(ch) ? digit : letter) = true;
  }
  return digit && letter;
}

bool IsSeparator(char ch) { return ch == ' ' || ch == '-' || ch == ':'; }

}  // namespace

bool InHexContext(std::string_view text, size_t start, size_t end) {
  if (start > end || end > text.size()) return false;
  // Token before: skip one separator, then the run of hex digits (bounded by the reach).
  if (start >= 2 && IsSeparator(text[start - 1])) {
    size_t e = start - 1, b = e;
    while (b > 0 && e - b < kHexContextReach && IsHex(text[b - 1])) --b;
    bool whole = b == 0 || !(IsAlnum(text[b - 1]) || text[b - 1] == '_');
    if (whole && MixedHexToken(text.substr(b, e - b))) return true;
  }
  if (end + 1 < text.size() && IsSeparator(text[end])) {
    size_t b = end + 1, e = b;
    while (e < text.size() && e - b < kHexContextReach && IsHex(text[e])) ++e;
    bool whole = e == text.size() || !(IsAlnum(text[e]) || text[e] == '_');
    if (whole && MixedHexToken(text.substr(b, e - b))) return true;
  }
  // xxd ("00000010: 8274 ...") or hexdump -C ("00000010  82 74 ...") offset at the line start.
  size_t ls = start;
  while (ls > 0 && start - ls < kHexContextReach && text[ls - 1] != '\n') --ls;
  if (ls > 0 && text[ls - 1] != '\n') return false;  // line start out of reach
  size_t i = ls;
  while (i < start && IsHex(text[i])) ++i;
  size_t digits = i - ls;
  if (digits < 6 || digits > 16 || i >= start) return false;
  if (text[i] == ':') {
    ++i;
  } else if (text[i] == ' ' && i + 1 < start && text[i + 1] == ' ') {
    i += 2;
  } else {
    return false;
  }
  while (i < start && text[i] == ' ') ++i;
  // The offset is followed by hex data, not by words ("20240115: Phone ...").
  size_t h = i;
  while (h < text.size() && h - i < 3 && IsHex(text[h])) ++h;
  return h - i >= 2;
}

bool DateValid(std::string_view c) {
  // Accepts d.m.y, d/m/y, y-m-d and forms with month names; checks day and month ranges for the
  // numeric forms.
  std::string d = DigitsOf(c);
  if (d.size() < 4) return false;
  int nums[3] = {-1, -1, -1};
  int k = 0;
  int cur = -1;
  for (char ch : c) {
    if (IsDigit(ch)) {
      cur = (cur < 0 ? 0 : cur) * 10 + (ch - '0');
      if (cur > 9999) return false;
    } else if (cur >= 0) {
      if (k < 3) nums[k++] = cur;
      cur = -1;
    }
  }
  if (cur >= 0 && k < 3) nums[k++] = cur;
  if (k == 3) {
    int day, month;
    if (nums[0] > 31) {  // y-m-d
      month = nums[1];
      day = nums[2];
    } else {
      day = nums[0];
      month = nums[1];
      if (month > 12 && day <= 12) std::swap(day, month);  // US m/d/y
    }
    return day >= 1 && day <= 31 && month >= 1 && month <= 12;
  }
  return k == 2;  // "12. März 1990", "March 12, 1990"
}

double ShannonEntropy(std::string_view s) {
  if (s.empty()) return 0;
  int counts[256] = {0};
  for (unsigned char c : s) ++counts[c];
  double h = 0;
  double n = static_cast<double>(s.size());
  for (int c : counts) {
    if (c == 0) continue;
    double p = c / n;
    h -= p * std::log2(p);
  }
  return h;
}

uint32_t Crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string Base62Crc32(std::string_view payload) {
  static const char* kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  uint32_t v = Crc32(payload);
  std::string out(6, '0');
  for (int i = 5; i >= 0 && v > 0; --i) {
    out[static_cast<size_t>(i)] = kAlphabet[v % 62];
    v /= 62;
  }
  return out;
}

bool GithubTokenChecksumValid(std::string_view token) {
  size_t us = token.find('_');
  if (us == std::string_view::npos) return false;
  std::string_view body = token.substr(us + 1);
  if (body.size() != 36) return false;
  return Base62Crc32(body.substr(0, 30)) == body.substr(30);
}

}  // namespace aigis::guard::detectors
