#include "guard/normalize/normalizer.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>

#include "core/bytes.h"
#include "guard/normalize/byte_scan.h"

namespace aigis::guard::normalize {
namespace {

// Cyrillic and Greek letters that look like Latin ones (both cases), mapped to lowercase Latin.
// `report` is false for letters that are common in ordinary mixed text (micro sign, pi ...).
struct Confusable {
  char32_t cp;
  char latin;
  bool report;
};
constexpr Confusable kConfusables[] = {
    // Cyrillic upper
    {0x0405, 's', true},
    {0x0406, 'i', true},
    {0x0408, 'j', true},
    {0x0410, 'a', true},
    {0x0412, 'b', true},
    {0x0415, 'e', true},
    {0x041A, 'k', true},
    {0x041C, 'm', true},
    {0x041D, 'h', true},
    {0x041E, 'o', true},
    {0x0420, 'p', true},
    {0x0421, 'c', true},
    {0x0422, 't', true},
    {0x0423, 'y', true},
    {0x0425, 'x', true},
    {0x04AE, 'y', true},
    {0x04C0, 'l', true},
    {0x051A, 'q', true},
    {0x051C, 'w', true},
    // Cyrillic lower
    {0x0430, 'a', true},
    {0x0432, 'b', false},
    {0x0435, 'e', true},
    {0x043A, 'k', false},
    {0x043C, 'm', false},
    {0x043D, 'h', false},
    {0x043E, 'o', true},
    {0x0440, 'p', true},
    {0x0441, 'c', true},
    {0x0442, 't', false},
    {0x0443, 'y', true},
    {0x0445, 'x', true},
    {0x0455, 's', true},
    {0x0456, 'i', true},
    {0x0458, 'j', true},
    {0x04AF, 'y', true},
    {0x04BB, 'h', true},
    {0x04CF, 'l', true},
    {0x0501, 'd', true},
    {0x051B, 'q', true},
    {0x051D, 'w', true},
    // Greek upper
    {0x0391, 'a', true},
    {0x0392, 'b', true},
    {0x0395, 'e', true},
    {0x0396, 'z', true},
    {0x0397, 'h', true},
    {0x0399, 'i', true},
    {0x039A, 'k', true},
    {0x039C, 'm', true},
    {0x039D, 'n', true},
    {0x039F, 'o', true},
    {0x03A1, 'p', true},
    {0x03A4, 't', true},
    {0x03A5, 'y', true},
    {0x03A7, 'x', true},
    // Greek lower
    {0x03B1, 'a', false},
    {0x03B9, 'i', true},
    {0x03BA, 'k', false},
    {0x03BD, 'v', true},
    {0x03BF, 'o', true},
    {0x03C1, 'p', true},
    {0x03C4, 't', false},
    {0x03C5, 'u', true},
    {0x03C7, 'x', false},
};

// Letters of other scripts and styles that look like one Latin letter and that NFKC leaves
// alone ("ıgnore", small capitals, Cherokee, Lisu, Armenian, negative squared and regional-
// indicator letters), from ICU's UTS #39 skeletons: scripts/gen-confusables.sh.
constexpr Confusable kGeneratedConfusables[] = {
#include "guard/normalize/confusables_table.inc"
};

// One bit per 128-code-point page holding a generated entry: most non-ASCII text (CJK, Arabic,
// accented Latin) is rejected with one load instead of a binary search.
constexpr size_t kPageShift = 7;
constexpr size_t kPageWords = (0x110000 >> kPageShift) / 64;
constexpr std::array<uint64_t, kPageWords> MakePageBits() {
  std::array<uint64_t, kPageWords> bits{};
  for (const Confusable& c : kGeneratedConfusables) {
    size_t page = c.cp >> kPageShift;
    bits[page / 64] |= uint64_t{1} << (page % 64);
  }
  return bits;
}
constexpr std::array<uint64_t, kPageWords> kGeneratedPages = MakePageBits();

constexpr bool SortedByCodePoint() {
  for (size_t i = 1; i < std::size(kGeneratedConfusables); ++i) {
    if (kGeneratedConfusables[i - 1].cp >= kGeneratedConfusables[i].cp) return false;
  }
  return true;
}
static_assert(SortedByCodePoint(), "confusables_table.inc must be sorted and unique");

const Confusable* FindConfusable(char32_t cp) {
  if (cp >= 0x0391 && cp <= 0x051D) {
    for (const Confusable& c : kConfusables) {
      if (c.cp == cp) return &c;
    }
    return nullptr;  // the generated table leaves Greek and Cyrillic to this one
  }
  if (cp >= 0x110000) return nullptr;
  size_t page = cp >> kPageShift;
  if ((kGeneratedPages[page / 64] >> (page % 64) & 1) == 0) return nullptr;
  const Confusable* end = std::end(kGeneratedConfusables);
  const Confusable* it = std::lower_bound(std::begin(kGeneratedConfusables), end, cp,
                                          [](const Confusable& c, char32_t v) { return c.cp < v; });
  return it != end && it->cp == cp ? it : nullptr;
}

bool IsZeroWidth(char32_t cp) {
  switch (cp) {
    case 0x00AD:
    case 0x034F:
    case 0x115F:
    case 0x1160:
    case 0x180E:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0x2061:
    case 0x2062:
    case 0x2063:
    case 0x2064:
    case 0x3164:
    case 0xFEFF:
    case 0xFFA0:
      return true;
    default:
      return false;
  }
}
bool IsBidi(char32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}
bool IsVariationSelector(char32_t cp) {
  return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}
bool IsEmojiLike(char32_t cp) {
  return cp >= 0x1F000 || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2190 && cp <= 0x21FF) ||
         (cp >= 0x2B00 && cp <= 0x2BFF) || IsVariationSelector(cp) || cp == 0x20E3;
}
// Scripts where ZWJ/ZWNJ are part of ordinary spelling (Arabic, Persian, Indic, Sinhala ...).
bool JoinerScript(char32_t cp) {
  return (cp >= 0x0600 && cp <= 0x08FF) || (cp >= 0x0900 && cp <= 0x0DFF);
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Builds runs of hidden characters: adjacent characters of the same kind are merged.
class HiddenSink {
 public:
  explicit HiddenSink(std::vector<HiddenSpan>* out) : out_(out) {}
  void Add(HiddenKind k, uint64_t s, uint64_t e) {
    if (out_ == nullptr) return;
    if (!out_->empty() && out_->back().kind == k && out_->back().end == s) {
      out_->back().end = e;
      return;
    }
    out_->push_back(HiddenSpan{k, s, e});
  }

 private:
  std::vector<HiddenSpan>* out_;
};

// Tracks one word (letters and digits) to find words mixing Latin with Latin look-alikes.
struct WordState {
  uint64_t start = 0;
  uint64_t end = 0;
  bool active = false;
  bool latin = false;
  bool confusable = false;
  bool foreign = false;

  void Reset() { *this = WordState(); }
};
constexpr uint64_t kMaxHomoglyphWord = 64;  // longer "words" are ids or base64, not disguises

}  // namespace

std::string_view HiddenRuleId(HiddenKind k) {
  switch (k) {
    case HiddenKind::kZeroWidth:
      return "hidden.zero_width";
    case HiddenKind::kBidi:
      return "hidden.bidi_control";
    case HiddenKind::kUnicodeTag:
      return "hidden.unicode_tags";
    case HiddenKind::kVariationSelectors:
      return "hidden.variation_selectors";
    case HiddenKind::kHomoglyph:
      return "hidden.homoglyph";
    case HiddenKind::kInvalidUtf8:
      return "hidden.invalid_utf8";
  }
  return "hidden.unknown";
}

bool IsAscii(std::string_view in) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(in.data());
  size_t n = in.size();
  size_t i = 0;
  uint64_t acc = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    acc |= w;
  }
  for (; i < n; ++i) acc |= p[i];
  return (acc & 0x8080808080808080ull) == 0;
}

int DecodeUtf8(std::string_view in, size_t i, char32_t* cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  size_t n = in.size();
  unsigned char c = p[i];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  auto cont = [&](size_t k) { return i + k < n && (p[i + k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) {
    if (!cont(1)) return 0;
    *cp = (static_cast<char32_t>(c & 0x1F) << 6) | (p[i + 1] & 0x3F);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    char32_t v = (static_cast<char32_t>(c & 0x0F) << 12) |
                 (static_cast<char32_t>(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
    if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF)) return 0;  // overlong or surrogate
    *cp = v;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    char32_t v = (static_cast<char32_t>(c & 0x07) << 18) |
                 (static_cast<char32_t>(p[i + 1] & 0x3F) << 12) |
                 (static_cast<char32_t>(p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
    if (v < 0x10000 || v > 0x10FFFF) return 0;
    *cp = v;
    return 4;
  }
  return 0;
}

void Normalizer::Run(std::string_view in, NormalizedText* out, std::vector<HiddenSpan>* hidden,
                     bool ascii_shortcuts) {
  if (ascii_shortcuts && IsAscii(in)) {
    out->identity_ = true;
    out->text_ = in;
    return;
  }
  out->identity_ = false;
  std::string& buf = out->buf_;
  buf.clear();
  out->start_map_.clear();
  out->end_map_.clear();
  buf.reserve(in.size() + in.size() / 4);
  out->start_map_.reserve(in.size() + in.size() / 4);
  out->end_map_.reserve(in.size() + in.size() / 4);
  HiddenSink sink(hidden);
  WordState word;
  size_t vs_run_start = 0, vs_run_len = 0;
  char32_t prev_cp = 0;
  bool in_flag_tags = false;  // subdivision flags use tag characters legitimately

  auto emit_map = [&](size_t from, uint64_t s, uint64_t e) {
    for (size_t k = from; k < buf.size(); ++k) {
      out->start_map_.push_back(static_cast<uint32_t>(s));
      out->end_map_.push_back(static_cast<uint32_t>(e));
    }
  };
  auto end_word = [&]() {
    if (word.active && word.latin && word.confusable && !word.foreign &&
        word.end - word.start <= kMaxHomoglyphWord) {
      sink.Add(HiddenKind::kHomoglyph, word.start, word.end);
    }
    word.Reset();
  };

  size_t i = 0;
  while (i < in.size()) {
    // Runs of ASCII (most of any Latin-script text) are folded in bulk: lower-cased, one map
    // entry per byte.
    if (ascii_shortcuts && static_cast<unsigned char>(in[i]) < 0x80) {
      const size_t j = FindNonAscii(in, i);
      // Word tracking: only a look-alike letter makes a word reportable, and ASCII has none, so
      // of the words in this run only the one continuing from before it (its leading letters
      // and digits) and the one running on after it (its trailing ones) matter; a word strictly
      // inside the run would be started and ended without effect.
      size_t a = i;
      bool letter = false;
      while (a < j && IsAsciiAlnum(in[a])) letter |= in[a++] > '9';
      if (a > i) {
        if (!word.active) {
          word.active = true;
          word.start = i;
        }
        word.end = a;
        if (letter) word.latin = true;
      }
      if (a < j) {
        end_word();  // a byte that is not a letter or digit ends that word
        size_t b = j;
        bool tail_letter = false;
        while (b > a && IsAsciiAlnum(in[b - 1])) tail_letter |= in[--b] > '9';
        if (b < j) {  // a fresh word (end_word reset the state)
          word.active = true;
          word.start = b;
          word.end = j;
          word.latin = tail_letter;
        }
      }
      const size_t old = buf.size(), n = j - i;
      buf.resize(old + n);
      out->start_map_.resize(old + n);
      out->end_map_.resize(old + n);
      const char* src = in.data() + i;
      char* dst = buf.data() + old;
      uint32_t* sm = out->start_map_.data() + old;
      uint32_t* em = out->end_map_.data() + old;
      const uint32_t base = static_cast<uint32_t>(i);
      for (size_t k = 0; k < n; ++k) dst[k] = AsciiLower(src[k]);
      for (size_t k = 0; k < n; ++k) sm[k] = base + static_cast<uint32_t>(k);
      for (size_t k = 0; k < n; ++k) em[k] = base + static_cast<uint32_t>(k) + 1;
      in_flag_tags = false;
      vs_run_len = 0;
      prev_cp = static_cast<unsigned char>(in[j - 1]);
      i = j;
      continue;
    }
    char32_t cp = 0;
    int len = DecodeUtf8(in, i, &cp);
    uint64_t s = i, e = i + (len == 0 ? 1 : static_cast<size_t>(len));
    size_t before = buf.size();
    if (len == 0) {
      end_word();
      sink.Add(HiddenKind::kInvalidUtf8, s, e);
      buf.push_back(' ');
      emit_map(before, s, e);
      i = e;
      prev_cp = 0xFFFD;
      continue;
    }
    if (IsVariationSelector(cp)) {
      if (vs_run_len == 0) vs_run_start = s;
      ++vs_run_len;
      if (vs_run_len >= 3) {
        // Extend the run span as it grows.
        if (hidden && !hidden->empty() && hidden->back().kind == HiddenKind::kVariationSelectors &&
            hidden->back().start == vs_run_start) {
          hidden->back().end = e;
        } else {
          sink.Add(HiddenKind::kVariationSelectors, vs_run_start, e);
        }
      }
      i = e;
      continue;  // dropped; keeps prev_cp so emoji context survives
    }
    vs_run_len = 0;
    if (cp >= 0xE0000 && cp <= 0xE007F) {
      bool cancel = cp == 0xE007F;
      if (!cancel && prev_cp == 0x1F3F4) in_flag_tags = true;
      bool benign_flag = in_flag_tags;
      if (cancel) in_flag_tags = false;
      if (!benign_flag) {
        sink.Add(HiddenKind::kUnicodeTag, s, e);
        if (cp >= 0xE0020 && cp <= 0xE007E) {
          buf.push_back(AsciiLower(static_cast<char>(cp - 0xE0000)));
          emit_map(before, s, e);
        }
      }
      i = e;
      continue;  // prev_cp stays the flag base while inside a flag sequence
    }
    in_flag_tags = false;
    if (IsZeroWidth(cp)) {
      bool benign = (cp == 0x200D && (IsEmojiLike(prev_cp))) ||
                    ((cp == 0x200C || cp == 0x200D) && JoinerScript(prev_cp)) ||
                    (cp == 0xFEFF && s == 0);
      if (!benign) sink.Add(HiddenKind::kZeroWidth, s, e);
      i = e;
      continue;  // dropped; a word continues across it ("ig\u200bnore" stays one word)
    }
    if (IsBidi(cp)) {
      sink.Add(HiddenKind::kBidi, s, e);
      i = e;
      continue;
    }
    utf8proc_category_t cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    if (cat == UTF8PROC_CATEGORY_CF) {
      sink.Add(HiddenKind::kZeroWidth, s, e);
      i = e;
      continue;
    }
    prev_cp = cp;
    if (cat == UTF8PROC_CATEGORY_ZS || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
      end_word();
      buf.push_back(' ');
      emit_map(before, s, e);
      i = e;
      continue;
    }
    if (const Confusable* c = FindConfusable(cp)) {
      if (!word.active) {
        word.active = true;
        word.start = s;
      }
      word.end = e;
      if (c->report) word.confusable = true;
      buf.push_back(c->latin);
      emit_map(before, s, e);
      i = e;
      continue;
    }
    bool letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
    bool mark = cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
    if (letter || mark || (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO)) {
      if (!word.active) {
        word.active = true;
        word.start = s;
      }
      word.end = e;
      if (cp < 0x0250 && letter) word.latin = true;  // Latin-1 and Latin Extended-A/B
      // A Cyrillic/Greek letter that is not a look-alike makes this a real foreign word.
      if (cp >= 0x0370 && cp < 0x0530 && letter) word.foreign = true;
    } else {
      end_word();
    }
    utf8proc_int32_t dst[32];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        static_cast<utf8proc_int32_t>(cp), dst, 32,
        static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                       UTF8PROC_DECOMPOSE),
        &boundclass);
    if (n < 0 || n > 32) {
      AppendUtf8(&buf, cp);
    } else {
      for (utf8proc_ssize_t k = 0; k < n; ++k) {
        char32_t d = static_cast<char32_t>(dst[k]);
        if (d < 0x80) {
          buf.push_back(AsciiLower(static_cast<char>(d)));
        } else if (const Confusable* c = FindConfusable(d)) {
          buf.push_back(c->latin);
        } else {
          AppendUtf8(&buf, d);
        }
      }
    }
    emit_map(before, s, e);
    i = e;
  }
  end_word();
  out->text_ = buf;
}

std::string FoldForMatching(std::string_view in) {
  Normalizer n;
  NormalizedText t;
  n.Normalize(in, &t, nullptr);
  std::string s(t.text());
  if (t.identity()) {
    for (char& c : s) c = AsciiLower(c);
  }
  return s;
}

std::string DecodeTagCharacters(std::string_view in) {
  std::string out;
  size_t i = 0;
  while (i < in.size()) {
    char32_t cp = 0;
    int len = DecodeUtf8(in, i, &cp);
    if (len == 0) {
      ++i;
      continue;
    }
    if (cp >= 0xE0020 && cp <= 0xE007E) out.push_back(static_cast<char>(cp - 0xE0000));
    i += static_cast<size_t>(len);
  }
  return out;
}

}  // namespace aigis::guard::normalize
