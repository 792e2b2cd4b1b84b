#include "guard/detectors/adversarial_suffix.h"

#include <algorithm>
#include <array>

namespace aigis::guard::detectors {
namespace {

bool IsLower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLetter(unsigned char c) { return IsLower(c) || IsUpper(c); }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(unsigned char c) { return IsAsciiLetter(c) || IsDigit(c); }
bool IsPunct(unsigned char c) { return c > 0x20 && c < 0x7F && !IsAsciiLetter(c) && !IsDigit(c); }
bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

// Punctuation that opens a prose word ("(see", "**Note", "\"Hello") or closes one ("end.)",
// "said,\"", "[1].").
bool IsOpening(unsigned char c) {
  return c == '(' || c == '[' || c == '{' || c == '"' || c == '\'' || c == '*' || c == '`' ||
         c == '#' || c == '@' || c == '$' || c == '<' || c == '_';
}
bool IsClosing(unsigned char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
         c == ']' || c == '}' || c == '"' || c == '\'' || c == '*' || c == '%' || c == '>' ||
         c == '_' || c == '+';  // '+': "C++", "g++"
}
// Punctuation that glues two words in optimiser output but rarely in prose or identifiers
// ('-', '.', '/', '_', '&', '@', ':', ',', '=', '+', '\'' and parentheses are all ordinary).
bool IsGlue(unsigned char c) {
  return c == '*' || c == '\\' || c == '[' || c == ']' || c == '{' || c == '}' || c == '^' ||
         c == '~' || c == '|' || c == '<' || c == '>' || c == '"' || c == ';' || c == '!' ||
         c == '?';
}

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

// A plain English word: letters with at most a leading capital, at most one opening and two
// closing punctuation bytes around it ("(see", "end.)", "I").
int Popcount(uint32_t v) { return __builtin_popcount(v); }

bool IsCleanWord(std::string_view t) {
  size_t s = 0, e = t.size();
  if (s < e && (t[s] == '(' || t[s] == '"')) ++s;
  for (int k = 0; k < 2 && e > s && IsClosing(static_cast<unsigned char>(t[e - 1])); ++k) --e;
  if (e <= s || e - s > 20) return false;
  for (size_t i = s; i < e; ++i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (IsLower(c)) continue;
    if (i == s && IsUpper(c)) continue;
    return false;
  }
  return true;
}

// English function words that requests use and code does not (Python's "in", "is", "and", "or",
// "for", "with", "from", "not" are keywords, so they are left out).
bool IsFunctionWord(std::string_view t) {
  char w[8];
  size_t n = 0;
  for (unsigned char c : t) {
    if (!IsAsciiLetter(c)) continue;
    if (n == sizeof(w)) return false;
    w[n++] = static_cast<char>(c | 0x20);
  }
  static constexpr std::string_view kWords[] = {
      "the",    "a",     "an",   "to",     "of",    "on",   "how",   "that", "you",
      "me",     "my",    "your", "what",   "about", "this", "it",    "we",   "can",
      "should", "would", "will", "please", "some",  "into", "their", "them", "someone"};
  std::string_view word(w, n);
  for (std::string_view k : kWords) {
    if (word == k) return true;
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
  uint32_t clean_before;   // clean words earlier on the segment
  uint32_t tokens_before;  // tokens earlier on the segment
  uint32_t func_before;    // function words among the clean words earlier on the segment
  uint8_t art;
  bool code;
};

// The sliding window over one segment's tokens; a fixed ring, no allocation.
class Window {
 public:
  explicit Window(std::vector<SuffixSpan>* out) : out_(out) {}

  void Reset() {
    Flush();
    n_ = 0;
    head_ = 0;
    art_ = 0;
    weight_ = 0;
    code_ = 0;
    kind_count_.fill(0);
    clean_ = 0;
    tokens_ = 0;
    func_ = 0;
  }

  void Push(uint32_t start, uint32_t end, const SuffixToken& tok) {
    uint8_t art = tok.art;
    const bool code = tok.code;
    // A token wholly in another script inside an English line: a script switch.
    if (tok.foreign && clean_ >= SuffixLimits::kMinProseWords) art |= kArtScript;
    if (n_ == SuffixLimits::kWindowTokens) {
      Remove(ring_[head_]);
      head_ = (head_ + 1) % SuffixLimits::kWindowTokens;
      --n_;
    }
    Token t{start, end, clean_, tokens_, func_, art, code};
    ring_[(head_ + n_) % SuffixLimits::kWindowTokens] = t;
    ++n_;
    art_ += art != 0;
    weight_ += Popcount(art);
    code_ += code;
    for (int k = 0; k < 4; ++k) kind_count_[k] += (art >> k) & 1;
    clean_ += tok.clean;
    func_ += tok.function_word;
    ++tokens_;
    if (art != 0) Evaluate();
  }

  void Flush() {
    if (open_) out_->push_back(run_);
    open_ = false;
  }

 private:
  void Remove(const Token& t) {
    art_ -= t.art != 0;
    weight_ -= Popcount(t.art);
    code_ -= t.code;
    for (int k = 0; k < 4; ++k) kind_count_[k] -= (t.art >> k) & 1;
  }

  void Evaluate() {
    uint32_t kinds = 0;
    for (int k = 0; k < 4; ++k) kinds += kind_count_[k] > 0;
    // Enough artefacts of enough kinds: brand names ("JavaScript, PowerPoint") or a markdown
    // link give one kind; soup gives case changes, glue and clusters together.
    // A token's weight is its number of artefact kinds: glued soup ("ранее데\"<%(\\tell](")
    // packs several into one whitespace token.
    bool dense = art_ >= SuffixLimits::kMinArtefactTokens &&
                 ((weight_ >= 4 && kinds >= 3) || (weight_ >= 6 && kinds >= 2));
    // Code tokens ("{\\comment", ");") occur in suffixes too, but a window with as many code
    // tokens as artefacts is code.
    if (!dense || code_ >= art_) return;
    const Token* first = nullptr;
    const Token* last = nullptr;
    for (size_t i = 0; i < n_; ++i) {
      const Token& t = ring_[(head_ + i) % SuffixLimits::kWindowTokens];
      if (t.art == 0) continue;
      if (first == nullptr) first = &t;
      last = &t;
    }
    // A request before the soup: mostly clean English words on the segment so far.
    if (first->clean_before < SuffixLimits::kMinProseWords ||
        first->clean_before * 2 < first->tokens_before ||
        first->func_before < SuffixLimits::kMinFunctionWords) {
      return;
    }
    if (open_ && first->start < run_.end) {
      run_.end = std::max<uint64_t>(run_.end, last->end);
      if (weight_ > run_.artefacts) run_.artefacts = weight_;
      if (kinds > run_.kinds) run_.kinds = kinds;
      return;
    }
    Flush();
    open_ = true;
    run_ = SuffixSpan{first->start, last->end, weight_, kinds};
  }

  std::vector<SuffixSpan>* out_;
  std::array<Token, SuffixLimits::kWindowTokens> ring_{};
  size_t n_ = 0;
  size_t head_ = 0;
  uint32_t art_ = 0;     // artefact tokens in the window
  uint32_t weight_ = 0;  // artefact kinds summed over the window's tokens
  uint32_t code_ = 0;
  std::array<uint32_t, 4> kind_count_{};
  uint32_t clean_ = 0;
  uint32_t tokens_ = 0;
  uint32_t func_ = 0;
  bool open_ = false;
  SuffixSpan run_;
};

}  // namespace

SuffixToken ClassifySuffixToken(std::string_view t) {
  SuffixToken r;
  if (t.empty() || t.size() > SuffixLimits::kMaxTokenBytes) return r;
  if (Contains(t, "://") || t.rfind("www.", 0) == 0) return r;
  const CodeMark mark = CodeMarkOf(t);
  if (mark == CodeMark::kStrong) {
    r.code = true;
    return r;
  }
  if (IsEmoticon(t) || LooksEncoded(t)) return r;
  if (IsCleanWord(t)) {
    r.clean = true;
    r.function_word = IsFunctionWord(t);
    return r;
  }
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
  if (Popcount(scripts) >= 2) art |= kArtScript;
  if (mark == CodeMark::kWeak && Popcount(art) <= 1) {
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
    size_t seg_end = i;
    while (seg_end < cut && text[seg_end] != '\n') ++seg_end;
    w.Reset();
    size_t p = i;
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
