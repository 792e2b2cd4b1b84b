#include "guard/detectors/adversarial_suffix.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aigis::guard::detectors {
namespace {

// Byte classes, one table lookup per byte (this runs over every prompt).
enum : uint8_t {
  kLower = 1,
  kUpper = 2,
  kDigit = 4,
  kPunct = 8,     // printable ASCII that is not a letter or digit
  kOpening = 16,  // opens a prose word: "(see", "**Note", "\"Hello"
  kClosing = 32,  // closes one: "end.)", "said,\"", "[1].", "C++"
  kGlue = 64,     // glues two words in optimiser output, rarely in prose or identifiers
                  // ('-', '.', '/', '_', '&', '@', ':', ',', '=', '+', '\'', parentheses do not)
  kSpace = 128,   // token separator within a line
};
// Glue and space bytes: the class table and the SSE2 prefilter read the same sets.
constexpr std::string_view kGlueBytes = "*\\[]{}^~|<>\";!?";
constexpr std::string_view kSpaceBytes = " \t\r\v\f";

constexpr std::array<uint8_t, 256> MakeClasses() {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLower;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kUpper;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  for (int c = 0x21; c < 0x7F; ++c) {
    if (t[c] == 0) t[c] = kPunct;
  }
  for (char c : std::string_view("([{\"'*`#@$<_")) t[static_cast<unsigned char>(c)] |= kOpening;
  for (char c : std::string_view(".,;:!?)]}\"'*%>_+")) t[static_cast<unsigned char>(c)] |= kClosing;
  for (char c : kGlueBytes) t[static_cast<unsigned char>(c)] |= kGlue;
  for (char c : kSpaceBytes) t[static_cast<unsigned char>(c)] = kSpace;
  return t;
}
constexpr std::array<uint8_t, 256> kClass = MakeClasses();

// Byte ids for the segment prefilter, and its events: one for a lower->upper pair (a case change),
// two punctuation bytes (a cluster; also any glue run longer than one byte), a glue byte after a
// non-space and before a letter (a one-byte glue), and a non-ASCII lead byte (another script).
// Every artefact token holds at least one of these inside it, so a segment with fewer events than
// kMinArtefactTokens cannot fire.
enum : uint8_t { kIdSpace, kIdLower, kIdUpper, kIdGlue, kIdPunct, kIdLead, kIdCont, kIdOther };
constexpr std::array<uint8_t, 256> MakeIds() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const uint8_t k = kClass[c];
    t[c] = c >= 0xC0           ? kIdLead
           : c >= 0x80         ? kIdCont
           : (k & kSpace) != 0 ? kIdSpace
           : (k & kLower) != 0 ? kIdLower
           : (k & kUpper) != 0 ? kIdUpper
           : (k & kGlue) != 0  ? kIdGlue
           : (k & kPunct) != 0 ? kIdPunct
                               : kIdOther;
  }
  return t;
}
constexpr std::array<uint8_t, 256> kId = MakeIds();
constexpr bool IdIsLetter(uint8_t id) {
  return id == kIdLower || id == kIdUpper || id == kIdLead || id == kIdCont;
}
// The event test as bits of one byte per id, so the prefilter's loop carries only the last two
// masks in registers (a table indexed by the previous ids made each byte wait for the last
// lookup). Event: D(c) | L(b)&U(c) | P(b)&P(c) | G(b)&!S(a)&A(c), a before b before c.
enum : uint8_t {
  kMD = 1,   // lead byte of another script
  kML = 2,   // lower-case letter or non-ASCII byte
  kMU = 4,   // upper-case letter
  kMP = 8,   // glue or other punctuation
  kMG = 16,  // glue
  kMS = 32,  // space
  kMA = 64,  // letter
};
constexpr std::array<uint8_t, 256> MakeMasks() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const uint8_t id = kId[c];
    uint8_t m = 0;
    if (id == kIdLead) m |= kMD;
    if (id == kIdLower || id == kIdLead || id == kIdCont) m |= kML;
    if (id == kIdUpper) m |= kMU;
    if (id == kIdGlue || id == kIdPunct) m |= kMP;
    if (id == kIdGlue) m |= kMG;
    if (id == kIdSpace) m |= kMS;
    if (IdIsLetter(id)) m |= kMA;
    t[c] = m;
  }
  return t;
}
constexpr std::array<uint8_t, 256> kMask = MakeMasks();

bool Is(unsigned char c, uint8_t cls) { return (kClass[c] & cls) != 0; }
bool IsLower(unsigned char c) { return Is(c, kLower); }
bool IsUpper(unsigned char c) { return Is(c, kUpper); }
bool IsAsciiLetter(unsigned char c) { return Is(c, kLower | kUpper); }
bool IsDigit(unsigned char c) { return Is(c, kDigit); }
bool IsAlnum(unsigned char c) { return Is(c, kLower | kUpper | kDigit); }
bool IsPunct(unsigned char c) { return Is(c, kPunct); }
bool IsSpace(unsigned char c) { return Is(c, kSpace); }
bool IsOpening(unsigned char c) { return Is(c, kOpening); }
bool IsClosing(unsigned char c) { return Is(c, kClosing); }
bool IsGlue(unsigned char c) { return Is(c, kGlue); }

// Script class of a non-ASCII code point: a bit per script, 0 for punctuation, symbols and
// emoji (they say nothing about the script). Latin with diacritics is Latin ("café").
uint16_t ScriptBit(char32_t cp) {
  if (cp < 0x80) return IsAsciiLetter(static_cast<unsigned char>(cp)) ? 1 : 0;
  if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x1E00 && cp <= 0x1EFF))
    return 1;
  if (cp >= 0x370 && cp <= 0x3FF) return 2;     // Greek
  if (cp >= 0x400 && cp <= 0x52F) return 4;     // Cyrillic
  if (cp >= 0x590 && cp <= 0x6FF) return 8;     // Hebrew, Arabic
  if (cp >= 0x900 && cp <= 0xDFF) return 16;    // Indic
  if (cp >= 0xE00 && cp <= 0xE7F) return 32;    // Thai
  if (cp >= 0xAC00 && cp <= 0xD7AF) return 64;  // Hangul
  if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) ||
      (cp >= 0xF900 && cp <= 0xFAFF))
    return 128;  // Kana and Han: Japanese mixes them in one word
  return 0;
}

// Decodes one UTF-8 sequence at t[i] (lenient: a bad byte is U+FFFD of length 1).
char32_t DecodeAt(std::string_view t, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(t[i]);
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (c < 0x80 || n == 1 || i + n > t.size()) {
    *len = 1;
    return c < 0x80 ? c : 0xFFFD;
  }
  char32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char d = static_cast<unsigned char>(t[i + k]);
    if ((d & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (d & 0x3F);
  }
  *len = n;
  return cp;
}

bool Contains(std::string_view t, std::string_view s) {
  return t.find(s) != std::string_view::npos;
}

// Code, markup, LaTeX, paths: tokens that count against a window being prose. Strong marks
// make a token code whatever else it holds; weak ones (a LaTeX-like "\\comment", "$", "()")
// also occur in optimiser output, so a token with them is code only when it has at most one
// artefact kind (see ClassifySuffixToken).
enum class CodeMark { kNone, kWeak, kStrong };
CodeMark CodeMarkOf(std::string_view t) {
  static constexpr std::string_view kStrong[] = {"->", "::", "==",       "!=", "&&",  "||",
                                                 "=>", "+=", "</",       "/>", "`",   "/*",
                                                 "*/", "//", "#include", "()", "\\\""};
  for (std::string_view m : kStrong) {
    if (Contains(t, m)) return CodeMark::kStrong;
  }
  if (t.back() == ';' || t == "{" || t == "}" || t == "};" || t == "){" || t == "=") {
    return CodeMark::kStrong;
  }
  // snake_case and key=value: an identifier or a setting.
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    if ((t[i] == '_' || t[i] == '=') && IsAlnum(static_cast<unsigned char>(t[i - 1])) &&
        IsAlnum(static_cast<unsigned char>(t[i + 1]))) {
      return CodeMark::kStrong;
    }
  }
  // A LaTeX command with an argument (\frac{a}, \mathbb{R}).
  for (size_t i = 0; i + 2 < t.size(); ++i) {
    if (t[i] != '\\') continue;
    size_t j = i + 1;
    while (j < t.size() && IsAsciiLetter(static_cast<unsigned char>(t[j]))) ++j;
    if (j > i + 1 && j < t.size() && t[j] == '{') return CodeMark::kStrong;
  }
  if (Contains(t, "$") || Contains(t, ":\\")) return CodeMark::kWeak;
  // A backslash before a letter: a LaTeX command or a Windows path, not an optimiser's "\\!".
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i] == '\\' && IsAsciiLetter(static_cast<unsigned char>(t[i + 1]))) return CodeMark::kWeak;
  }
  return CodeMark::kNone;
}

// Long runs of base64/hex alphabet with a digit: encoded data, ids, hashes.
bool LooksEncoded(std::string_view t) {
  if (t.size() < 16) return false;
  bool digit = false;
  for (unsigned char c : t) {
    if (IsDigit(c)) {
      digit = true;
    } else if (!IsAsciiLetter(c) && c != '+' && c != '/' && c != '=' && c != '_' && c != '-') {
      return false;
    }
  }
  return digit;
}

bool IsEmoticon(std::string_view t) {
  static constexpr std::string_view kFaces[] = {":)", ":(", ":-)", ":-(", ";)",  ";-)", ":D",
                                                ":P", ":/", "<3",  ":-D", ":-P", "^^",  "^_^"};
  for (std::string_view f : kFaces) {
    if (t == f) return true;
  }
  return false;
}

// English function words that requests use and code does not (Python's "in", "is", "and", "or",
// "for", "with", "from", "not" are keywords, so they are left out).
constexpr uint64_t Pack(std::string_view w) {
  uint64_t v = 0;
  for (char c : w) v = (v << 8) | static_cast<unsigned char>(c);
  return v;
}

bool IsFunctionWord(std::string_view t) {
  // The letters, lower-cased, packed into a word (at most 7) and compared with the words of
  // that length only: this runs for most prose tokens.
  uint64_t w = 0;
  size_t n = 0;
  for (unsigned char c : t) {
    if (!IsAsciiLetter(c)) continue;
    if (++n > 7) return false;
    w = (w << 8) | (c | 0x20);
  }
  struct Packed {
    uint64_t words[8];
  };
  static constexpr Packed kByLength[8] = {
      {},
      {{Pack("a")}},
      {{Pack("an"), Pack("to"), Pack("of"), Pack("on"), Pack("me"), Pack("my"), Pack("it"),
        Pack("we")}},
      {{Pack("the"), Pack("how"), Pack("you"), Pack("can")}},
      {{Pack("that"), Pack("your"), Pack("what"), Pack("this"), Pack("some"), Pack("into"),
        Pack("them"), Pack("will")}},
      {{Pack("about"), Pack("would"), Pack("their")}},
      {{Pack("should"), Pack("please")}},
      {{Pack("someone")}}};
  for (uint64_t k : kByLength[n].words) {
    if (k == w) return true;
  }
  return false;
}

// Whether a punctuation run [s, e) of token t is an artefact cluster.
bool ClusterIsArtefact(std::string_view t, size_t s, size_t e) {
  bool all_open = true, all_close = true, all_dot = true, all_dash = true;
  for (size_t i = s; i < e; ++i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    all_open = all_open && IsOpening(c);
    all_close = all_close && IsClosing(c);
    all_dot = all_dot && c == '.';
    all_dash = all_dash && c == '-';
  }
  if (all_dot || all_dash) return false;
  if (s == 0 && all_open) return false;
  if (e == t.size() && all_close) return false;
  if (s == 0 && e == t.size()) return !(all_open || all_close);
  return !(e - s == 2 && t[s] == ')' && t[s + 1] == '(');  // "5(a)(1)"
}

struct Token {
  uint32_t start;
  uint32_t end;
  uint32_t index;          // position among the segment's tokens
  uint32_t clean_before;   // clean words earlier on the segment
  uint32_t tokens_before;  // tokens earlier on the segment (== index)
  uint32_t func_before;    // function words among the clean words earlier on the segment
  uint8_t art;
  bool code;
};

// The sliding window over one segment's tokens. Only artefact and code tokens are kept (a fixed
// ring: at most kWindowTokens of them can lie in a window); plain tokens only move counters.
class Window {
 public:
  explicit Window(std::vector<SuffixSpan>* out) : out_(out) {}

  void Reset() {
    Flush();
    n_ = 0;
    head_ = 0;
    clean_ = 0;
    tokens_ = 0;
    func_ = 0;
  }

  void Push(uint32_t start, uint32_t end, const SuffixToken& tok) {
    uint8_t art = tok.art;
    // A token wholly in another script inside an English line: a script switch.
    if (tok.foreign && clean_ >= SuffixLimits::kMinProseWords) art |= kArtScript;
    const uint32_t index = tokens_++;
    if (art != 0 || tok.code) {
      constexpr size_t kW = SuffixLimits::kWindowTokens;
      // Drop what left the window [index - kW + 1, index].
      while (n_ > 0 && ring_[head_].index + kW <= index) {
        head_ = (head_ + 1) % kW;
        --n_;
      }
      ring_[(head_ + n_) % kW] = Token{start, end, index, clean_, index, func_, art, tok.code};
      ++n_;
      if (art != 0) Evaluate();
    }
    clean_ += tok.clean;
    func_ += tok.function_word;
  }

  void Flush() {
    if (open_) out_->push_back(run_);
    open_ = false;
  }

 private:
  void Evaluate() {
    uint32_t arts = 0, weight = 0, code = 0, mask = 0;
    const Token* first = nullptr;
    const Token* last = nullptr;
    for (size_t i = 0; i < n_; ++i) {
      const Token& t = ring_[(head_ + i) % SuffixLimits::kWindowTokens];
      code += t.code;
      if (t.art == 0) continue;
      ++arts;
      weight += static_cast<uint32_t>(std::popcount(static_cast<unsigned>(t.art)));
      mask |= t.art;
      if (first == nullptr) first = &t;
      last = &t;
    }
    const uint32_t kinds = static_cast<uint32_t>(std::popcount(mask));
    // Enough artefacts of enough kinds: brand names ("JavaScript, PowerPoint") or a markdown
    // link give one kind; soup gives case changes, glue and clusters together. A token's weight
    // is its number of artefact kinds: glued soup ("ранее데\"<%(\\tell](") packs several into
    // one whitespace token.
    bool dense = arts >= SuffixLimits::kMinArtefactTokens &&
                 ((weight >= 4 && kinds >= 3) || (weight >= 6 && kinds >= 2));
    // Code tokens ("{\\comment", ");") occur in suffixes too, but a window with as many code
    // tokens as artefacts is code.
    if (!dense || code >= arts) return;
    // A request before the soup: mostly clean English words on the segment so far.
    if (first->clean_before < SuffixLimits::kMinProseWords ||
        first->clean_before * 2 < first->tokens_before ||
        first->func_before < SuffixLimits::kMinFunctionWords) {
      return;
    }
    if (open_ && first->start < run_.end) {
      run_.end = std::max<uint64_t>(run_.end, last->end);
      if (weight > run_.artefacts) run_.artefacts = weight;
      if (kinds > run_.kinds) run_.kinds = kinds;
      return;
    }
    Flush();
    open_ = true;
    run_ = SuffixSpan{first->start, last->end, weight, kinds};
  }

  std::vector<SuffixSpan>* out_;
  std::array<Token, SuffixLimits::kWindowTokens> ring_{};
  size_t n_ = 0;
  size_t head_ = 0;
  uint32_t clean_ = 0;
  uint32_t tokens_ = 0;
  uint32_t func_ = 0;
  bool open_ = false;
  SuffixSpan run_;
};

#if defined(__SSE2__)
__m128i AnyOf(__m128i v, std::string_view set) {
  __m128i r = _mm_setzero_si128();
  for (char c : set) r = _mm_or_si128(r, _mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
  return r;
}
uint32_t Bits(__m128i m) { return static_cast<uint32_t>(_mm_movemask_epi8(m)); }
#endif

// Set bits of a 16-bit mask without the POPCNT instruction: the build targets baseline x86-64,
// where std::popcount is a call into libgcc (1.4% of the whole pipeline with the classifier).
inline uint32_t Popcount16(uint32_t x) {
  x = x - ((x >> 1) & 0x5555u);
  x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
  x = (x + (x >> 4)) & 0x0F0Fu;
  return (x + (x >> 8)) & 0x1Fu;
}

}  // namespace

uint32_t CountSuffixEvents(std::string_view seg) {
  uint32_t events = 0;
  size_t k = 0;
  const size_t n = seg.size();
#if defined(__SSE2__)
  // 16 bytes at a time: one bit per byte for each flag of kMask, the previous byte's flags by a
  // shift with the last block's top bits carried in (the scalar loop below is the reference).
  uint32_t carry_l = 0, carry_p = 0, carry_g = 0, carry_s = 3;  // before the segment: spaces
  for (; k + 16 <= n; k += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(seg.data() + k));
    const __m128i lo = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('a' - 1)),
                                     _mm_cmpgt_epi8(_mm_set1_epi8('z' + 1), v));
    const __m128i up = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                                     _mm_cmpgt_epi8(_mm_set1_epi8('Z' + 1), v));
    const __m128i dig = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                      _mm_cmpgt_epi8(_mm_set1_epi8('9' + 1), v));
    const __m128i printable = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x20)),
                                            _mm_cmpgt_epi8(_mm_set1_epi8(0x7F), v));
    const __m128i punct = _mm_andnot_si128(_mm_or_si128(_mm_or_si128(lo, up), dig), printable);
    const __m128i c0 = _mm_set1_epi8(static_cast<char>(0xC0));
    const uint32_t high = Bits(v);  // >= 0x80 (signed bytes)
    const uint32_t d = Bits(_mm_cmpeq_epi8(_mm_and_si128(v, c0), c0));
    const uint32_t u = Bits(up);
    const uint32_t l = Bits(lo) | high;
    const uint32_t a = l | u;
    const uint32_t p = Bits(punct);
    const uint32_t g = Bits(AnyOf(v, kGlueBytes));
    const uint32_t s = Bits(AnyOf(v, kSpaceBytes));
    const uint32_t l1 = ((l << 1) | carry_l) & 0xFFFF;
    const uint32_t p1 = ((p << 1) | carry_p) & 0xFFFF;
    const uint32_t g1 = ((g << 1) | carry_g) & 0xFFFF;
    const uint32_t s2 = ((s << 2) | carry_s) & 0xFFFF;
    events += Popcount16((d | (l1 & u) | (p1 & p) | (g1 & ~s2 & a)) & 0xFFFFu);
    carry_l = l >> 15;
    carry_p = p >> 15;
    carry_g = g >> 15;
    carry_s = s >> 14;
  }
#endif
  uint32_t m1 = k == 0 ? static_cast<uint32_t>(kMS) : kMask[static_cast<unsigned char>(seg[k - 1])];
  uint32_t m2 = k < 2 ? static_cast<uint32_t>(kMS) : kMask[static_cast<unsigned char>(seg[k - 2])];
  for (; k < n; ++k) {
    const uint32_t m = kMask[static_cast<unsigned char>(seg[k])];
    // Branch-free (bit k of a mask is the k-th flag of kMask).
    events += (m | ((m1 >> 1) & (m >> 2)) | ((m1 >> 3) & (m >> 3)) |
               ((m1 >> 4) & ~(m2 >> 5) & (m >> 6))) &
              1u;
    m2 = m1;
    m1 = m;
  }
  return events;
}

SuffixToken ClassifySuffixToken(std::string_view t) {
  SuffixToken r;
  if (t.empty() || t.size() > SuffixLimits::kMaxTokenBytes) return r;
  // Most prose tokens: ASCII letters without an inner capital, with only opening punctuation
  // before and closing punctuation after them. No artefact is possible there; a clean word has
  // at most one opening ('(' or '"') and two closing bytes ("(see", "end.)", "I").
  {
    size_t s = 0, e = t.size();
    while (s < e && IsOpening(static_cast<unsigned char>(t[s]))) ++s;
    while (e > s && IsClosing(static_cast<unsigned char>(t[e - 1]))) --e;
    bool plain = e > s;
    for (size_t i = s; i < e && plain; ++i) {
      unsigned char c = static_cast<unsigned char>(t[i]);
      plain = IsLower(c) || (i == s && IsUpper(c));
    }
    if (plain) {
      r.clean =
          s <= 1 && (s == 0 || t[0] == '(' || t[0] == '"') && t.size() - e <= 2 && e - s <= 20;
      r.function_word = r.clean && IsFunctionWord(t.substr(s, e - s));
      return r;
    }
  }
  if (Contains(t, "://") || t.rfind("www.", 0) == 0) return r;
  const CodeMark mark = CodeMarkOf(t);
  if (mark == CodeMark::kStrong) {
    r.code = true;
    return r;
  }
  if (IsEmoticon(t) || LooksEncoded(t)) return r;
  uint8_t art = 0;
  uint16_t scripts = 0;
  size_t lower_run = 0;
  size_t punct_start = 0, punct_len = 0;
  bool punct_after_letter = false;  // the current punctuation run follows a letter
  bool glue_in_run = false;
  size_t i = 0;
  while (i < t.size()) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (IsPunct(c)) {
      if (punct_len == 0) {
        punct_start = i;
        glue_in_run = false;
        punct_after_letter = i > 0 && (IsAsciiLetter(static_cast<unsigned char>(t[i - 1])) ||
                                       static_cast<unsigned char>(t[i - 1]) >= 0x80);
      }
      ++punct_len;
      glue_in_run = glue_in_run || IsGlue(c);
      lower_run = 0;
      ++i;
      continue;
    }
    if (punct_len > 0) {
      if (punct_len >= 2 && ClusterIsArtefact(t, punct_start, punct_start + punct_len))
        art |= kArtCluster;
      if (punct_after_letter && glue_in_run && (IsAsciiLetter(c) || c >= 0x80)) art |= kArtGlue;
      punct_len = 0;
    }
    size_t len = 1;
    char32_t cp = c < 0x80 ? c : DecodeAt(t, i, &len);
    scripts |= ScriptBit(cp);
    if (IsUpper(c) && lower_run >= 3) art |= kArtCamel;
    lower_run = IsLower(c) ? lower_run + 1 : 0;
    i += len;
  }
  if (punct_len >= 2 && ClusterIsArtefact(t, punct_start, punct_start + punct_len))
    art |= kArtCluster;
  if (std::popcount(static_cast<unsigned>(scripts)) >= 2) art |= kArtScript;
  if (mark == CodeMark::kWeak && std::popcount(static_cast<unsigned>(art)) <= 1) {
    r.code = true;
    return r;
  }
  r.art = art;
  r.foreign = scripts != 0 && (scripts & 1) == 0;
  return r;
}

void FindAdversarialSuffixes(std::string_view text, uint64_t base, uint64_t grid,
                             std::vector<SuffixSpan>* out) {
  if (grid == 0) grid = 2048;
  Window w(out);
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    // One segment: up to a newline or the next absolute grid line.
    const uint64_t abs = base + i;
    const size_t cut = static_cast<size_t>(std::min<uint64_t>(n, (abs / grid + 1) * grid - base));
    // Count the byte pairs every artefact token holds at least one of (CountSuffixEvents). Fewer
    // than kMinArtefactTokens: nothing can fire on the segment and its tokens are not looked at
    // (most prose lines end here).
    const void* nl = std::memchr(text.data() + i, '\n', cut - i);
    const size_t seg_end =
        nl == nullptr ? cut : static_cast<size_t>(static_cast<const char*>(nl) - text.data());
    const uint32_t events = CountSuffixEvents(text.substr(i, seg_end - i));
    w.Reset();
    size_t p = events >= SuffixLimits::kMinArtefactTokens ? i : seg_end;
    while (p < seg_end) {
      while (p < seg_end && IsSpace(static_cast<unsigned char>(text[p]))) ++p;
      size_t q = p;
      while (q < seg_end && !IsSpace(static_cast<unsigned char>(text[q]))) ++q;
      if (q > p) {
        w.Push(static_cast<uint32_t>(p), static_cast<uint32_t>(q),
               ClassifySuffixToken(text.substr(p, q - p)));
      }
      p = q;
    }
    i = seg_end < n && text[seg_end] == '\n' ? seg_end + 1 : seg_end;  // always > i: cut > abs
  }
  w.Reset();
}

}  // namespace aigis::guard::detectors
