#include "formats/jinja/template_analyzer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <set>
#include <unordered_map>
#include <utility>

#include "formats/jinja/jinja_lexer.h"

namespace aigis::formats::jinja {
namespace {

// Objects reachable from a default (Flask/HF/llama-cpp) Jinja environment that lead to Python
// internals through their attributes: lipsum.__globals__, cycler.__init__.__globals__, ...
constexpr std::string_view kGadgets[] = {
    "cycler",
    "joiner",
    "namespace",
    "lipsum",
    "self",
    "config",
    "request",
    "range",
    "dict",
    "url_for",
    "get_flashed_messages",
    "g",
    "session",
    "super",
    "caller",
    "undefined",
};
// Attribute / subscript names that only lead to the interpreter, the OS or the frame stack.
constexpr std::string_view kDangerousAttrs[] = {
    "os",       "sys",          "subprocess", "builtins", "importlib",
    "modules",  "f_globals",    "f_locals",   "f_back",   "f_builtins",
    "gi_frame", "gi_code",      "cr_frame",   "ag_frame", "tb_frame",
    "co_code",  "func_globals", "func_code",  "_module",  "_TemplateReference__context",
    "globals",
};
// Attribute names dangerous when called: x.popen('id'), x.system('id').
constexpr std::string_view kDangerousMethods[] = {
    "popen",        "system",
    "spawnl",       "spawnv",
    "spawnve",      "spawnlp",
    "execl",        "execv",
    "execve",       "execvp",
    "check_output", "check_call",
    "getoutput",    "getstatusoutput",
    "load_module",  "import_module",
    "eval",         "exec",
    "fork",         "kill",
    "remove",       "unlink",
    "rmtree",
};
// Bare names that are code execution when called.
constexpr std::string_view kDangerousCalls[] = {
    "eval",    "exec",   "__import__", "getattr",  "setattr",    "delattr", "open",   "compile",
    "globals", "locals", "vars",       "execfile", "breakpoint", "input",   "system", "popen",
};
// Filters whose string arguments name attributes.
constexpr std::string_view kAttributeFilters[] = {
    "map", "selectattr", "rejectattr", "sort", "groupby", "sum", "unique", "min", "max", "dictsort",
};

template <size_t N>
bool In(const std::string_view (&set)[N], std::string_view s) {
  for (std::string_view x : set)
    if (x == s) return true;
  return false;
}

bool IsIdent(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// "__name__" anywhere in s.
bool ContainsDunder(std::string_view s) {
  for (size_t i = s.find("__"); i != std::string_view::npos; i = s.find("__", i + 1)) {
    size_t j = i + 2;
    while (j < s.size() && IsIdent(s[j]) && !(s[j] == '_' && j + 1 < s.size() && s[j + 1] == '_'))
      ++j;
    if (j > i + 2 && s.substr(j, 2) == "__") return true;
  }
  return false;
}
bool IsDunderName(std::string_view s) { return s.size() > 2 && s.substr(0, 2) == "__"; }

struct Val {
  enum class K : uint8_t { kUnknown, kStr, kNum, kSeq, kName, kAttr, kMethod, kConst };
  K k = K::kUnknown;
  std::string s;           // kStr value; kName identifier; kAttr / kMethod attribute name
  double n = 0;            // kNum
  std::vector<Val> items;  // kSeq (bounded)
  std::string self;        // kMethod on a constant string: the receiver
  bool built = false;      // string produced by folding several parts or escapes
  bool from_gadget = false;

  static Val Str(std::string v, bool b) {
    Val x;
    x.k = K::kStr;
    x.s = std::move(v);
    x.built = b;
    return x;
  }
  static Val Num(double v) {
    Val x;
    x.k = K::kNum;
    x.n = v;
    return x;
  }
  bool IsStr() const { return k == K::kStr; }
  bool IsNum() const { return k == K::kNum; }
};

// Folded numbers come from the template: clamp before converting (1e300 must not be UB).
int64_t ToInt(double n) {
  if (!(n == n)) return 0;
  return static_cast<int64_t>(std::clamp(n, -1e15, 1e15));
}

std::string NumStr(double n) {
  if (std::isfinite(n) && n == std::floor(n) && std::fabs(n) < 1e15) {
    return std::to_string(static_cast<int64_t>(n));
  }
  return std::to_string(n);
}
// str() of a constant, if known.
bool AsText(const Val& v, std::string* out) {
  if (v.IsStr()) {
    *out = v.s;
    return true;
  }
  if (v.IsNum()) {
    *out = NumStr(v.n);
    return true;
  }
  return false;
}
void AppendCodepoint(std::string& out, double n) {
  if (!(n >= 0 && n <= 0x10FFFF)) return;
  const auto cp = static_cast<uint32_t>(n);
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Python printf-style formatting for %c %s %d %i %r %%; anything fancier gives "unknown".
bool PercentFormat(std::string_view fmt, const std::vector<Val>& args, std::string* out) {
  size_t ai = 0;
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '%') {
      out->push_back(fmt[i]);
      continue;
    }
    if (i + 1 >= fmt.size()) return false;
    const char c = fmt[++i];
    if (c == '%') {
      out->push_back('%');
      continue;
    }
    if (ai >= args.size()) return false;
    const Val& a = args[ai++];
    std::string t;
    if (c == 'c') {
      if (a.IsNum())
        AppendCodepoint(*out, a.n);
      else if (a.IsStr())
        *out += a.s;
      else
        return false;
    } else if (c == 's' || c == 'r' || c == 'd' || c == 'i') {
      if (!AsText(a, &t)) return false;
      *out += t;
    } else {
      return false;
    }
  }
  return ai == args.size();
}

// str.format with {} / {0} fields and {{ }} escapes.
bool BraceFormat(std::string_view fmt, const std::vector<Val>& args, std::string* out) {
  size_t next = 0;
  for (size_t i = 0; i < fmt.size(); ++i) {
    const char c = fmt[i];
    if (c == '{' && i + 1 < fmt.size() && fmt[i + 1] == '{') {
      out->push_back('{');
      ++i;
      continue;
    }
    if (c == '}' && i + 1 < fmt.size() && fmt[i + 1] == '}') {
      out->push_back('}');
      ++i;
      continue;
    }
    if (c != '{') {
      out->push_back(c);
      continue;
    }
    size_t close = fmt.find('}', i);
    if (close == std::string_view::npos) return false;
    std::string_view field = fmt.substr(i + 1, close - i - 1);
    std::string_view spec;
    if (const size_t colon = field.find(':'); colon != std::string_view::npos) {
      spec = field.substr(colon + 1);
      field = field.substr(0, colon);
    }
    if (!spec.empty() && spec != "c" && spec != "s" && spec != "d") return false;
    size_t idx;
    if (field.empty()) {
      idx = next++;
    } else if (std::all_of(field.begin(), field.end(),
                           [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); })) {
      idx = static_cast<size_t>(std::strtoul(std::string(field).c_str(), nullptr, 10));
    } else {
      return false;
    }
    std::string t;
    if (idx >= args.size()) return false;
    if (spec == "c" && args[idx].IsNum()) {
      AppendCodepoint(*out, args[idx].n);
    } else if (AsText(args[idx], &t)) {
      *out += t;
    } else {
      return false;
    }
    i = close;
  }
  return true;
}

class Analyzer {
 public:
  Analyzer(const std::vector<Token>& toks, const JinjaLimits& limits, TemplateReport& rep)
      : t_(toks), lim_(limits), rep_(rep) {}

  void Run() {
    TokenChecks();
    size_t i = 0;
    while (i < t_.size()) {
      const TokenType ty = t_[i].type;
      if (ty != TokenType::kVarBegin && ty != TokenType::kBlockBegin) {
        ++i;
        continue;
      }
      size_t e = i + 1;
      while (e < t_.size() && t_[e].type != TokenType::kVarEnd &&
             t_[e].type != TokenType::kBlockEnd && t_[e].type != TokenType::kVarBegin &&
             t_[e].type != TokenType::kBlockBegin && t_[e].type != TokenType::kText &&
             t_[e].type != TokenType::kComment)
        ++e;
      if (ty == TokenType::kBlockBegin)
        Statement(i + 1, e);
      else
        Expressions(i + 1, e);
      if (stop_) return;
      i = e;
    }
  }

 private:
  // ---- reporting ----
  void Report(std::string rule, Severity sev, uint32_t off, std::string msg, std::string evidence) {
    if (evidence.size() > 200) evidence.resize(200);
    if (!seen_.insert({rule, evidence}).second) return;
    rep_.findings.push_back(
        TemplateFinding{std::move(rule), sev, off, std::move(msg), std::move(evidence)});
  }
  uint32_t Off() const {
    return i_ < t_.size() ? t_[i_].offset : (t_.empty() ? 0 : t_.back().offset);
  }

  // Checks on single tokens, independent of how the expression parses.
  void TokenChecks() {
    for (size_t k = 0; k < t_.size(); ++k) {
      const Token& tok = t_[k];
      if (tok.type == TokenType::kName && IsDunderName(tok.value)) {
        Report("template.ssti.dunder", Severity::kMalicious, tok.offset,
               "template names a Python dunder attribute (sandbox escape)", tok.value);
      }
      if (tok.type == TokenType::kString) {
        const bool dunder = ContainsDunder(tok.value);
        if (tok.escaped_ident && dunder) {
          Report("template.ssti.obfuscated-name", Severity::kMalicious, tok.offset,
                 "string escapes spell a dunder name", tok.value);
        } else if (tok.escaped_ident) {
          Report("template.ssti.escape", Severity::kSuspicious, tok.offset,
                 "string uses \\x/\\u/\\N/octal escapes for identifier characters", tok.value);
        } else if (dunder) {
          Report("template.ssti.dunder-string", Severity::kSuspicious, tok.offset,
                 "string literal contains a dunder name", tok.value);
        }
      }
    }
  }

  // ---- token access ----
  const Token* Cur() const { return i_ < end_ ? &t_[i_] : nullptr; }
  const Token* At(size_t k) const { return i_ + k < end_ ? &t_[i_ + k] : nullptr; }
  bool IsOp(std::string_view op, size_t k = 0) const {
    const Token* t = At(k);
    return t && t->type == TokenType::kOperator && t->value == op;
  }
  bool IsName(std::string_view n, size_t k = 0) const {
    const Token* t = At(k);
    return t && t->type == TokenType::kName && t->value == n;
  }
  void Next() {
    if (i_ < end_) ++i_;
  }
  void Expect(std::string_view op) {
    if (IsOp(op)) Next();
  }

  struct Guard {
    Analyzer* a;
    bool fail;
    explicit Guard(Analyzer* an) : a(an), fail(false) {
      if (++a->depth_ > a->lim_.max_expression_depth || a->stop_) {
        fail = true;
        if (!a->stop_) {
          a->stop_ = true;
          a->rep_.status =
              Status::LimitExceeded(a->Off(), "jinja: expression nesting deeper than " +
                                                  std::to_string(a->lim_.max_expression_depth));
          a->Report("template.limit", Severity::kSuspicious, a->Off(),
                    "expression nesting exceeds the analysis limit", "depth");
        }
        a->i_ = a->end_;
      }
    }
    ~Guard() { --a->depth_; }
  };

  // ---- statements ----
  void Expressions(size_t b, size_t e) {
    i_ = b;
    end_ = e;
    while (i_ < end_ && !stop_) {
      const size_t before = i_;
      ParseExpr();
      if (i_ == before) Next();  // '=', ',', 'as', 'import', ... or a stray token
    }
  }

  void Statement(size_t b, size_t e) {
    if (b >= e || t_[b].type != TokenType::kName) {
      Expressions(b, e);
      return;
    }
    const std::string& kw = t_[b].value;
    static constexpr std::string_view kLoading[] = {"include", "import", "extends", "from"};
    if (In(kLoading, kw)) {
      Report("template.ssti.template-loading", Severity::kSuspicious, t_[b].offset,
             "chat template loads other templates (file access through the loader)", kw);
    }
    static constexpr std::string_view kOpeners[] = {"for",        "if",   "macro", "call",
                                                    "filter",     "with", "block", "autoescape",
                                                    "generation", "trans"};
    bool has_assign = false;
    for (size_t k = b; k < e; ++k)
      if (t_[k].type == TokenType::kOperator && t_[k].value == "=") has_assign = true;
    if (In(kOpeners, kw) || (kw == "set" && !has_assign)) {
      ++nesting_;
      rep_.max_block_nesting = std::max(rep_.max_block_nesting, nesting_);
      if (nesting_ > lim_.max_block_nesting && !nesting_reported_) {
        nesting_reported_ = true;
        Report("template.limit", Severity::kSuspicious, t_[b].offset,
               "blocks nested deeper than " + std::to_string(lim_.max_block_nesting),
               "block nesting");
      }
    } else if (kw.rfind("end", 0) == 0 && nesting_ > 0) {
      --nesting_;
    }
    if (kw == "set" && b + 2 < e && t_[b + 1].type == TokenType::kName &&
        t_[b + 2].type == TokenType::kOperator && t_[b + 2].value == "=") {
      i_ = b + 3;
      end_ = e;
      Val v = ParseExpr();
      if (v.IsStr())
        symbols_[t_[b + 1].value] = v;
      else
        symbols_.erase(t_[b + 1].value);
      Expressions(i_, e);
      return;
    }
    static constexpr std::string_view kKeywords[] = {
        "for",  "if",    "elif",       "else",       "set",      "macro",    "call",   "filter",
        "with", "block", "autoescape", "generation", "trans",    "include",  "import", "extends",
        "from", "do",    "raw",        "break",      "continue", "pluralize"};
    Expressions(In(kKeywords, kw) ? b + 1 : b, e);
  }

  // ---- attribute checks ----
  // how: "attribute", "subscript", "attr filter", "filter argument"
  void CheckAttrName(const std::string& name, bool built, uint32_t off, std::string_view how,
                     bool strict) {
    if (IsDunderName(name) || ContainsDunder(name)) {
      if (built) {
        Report("template.ssti.obfuscated-name", Severity::kMalicious, off,
               "dunder " + std::string(how) + " name assembled at render time", name);
      } else {
        Report("template.ssti.dunder", Severity::kMalicious, off,
               "dunder " + std::string(how) + " access (sandbox escape)", name);
      }
      return;
    }
    if (In(kDangerousAttrs, name)) {
      Report("template.ssti.dangerous-attribute", Severity::kMalicious, off,
             std::string(how) + " reaches interpreter/OS internals", name);
      return;
    }
    if (!strict) return;
    if (!name.empty() && name[0] == '_') {
      Report("template.ssti.private-attribute", Severity::kSuspicious, off,
             "private " + std::string(how) + " (refused by Jinja's sandbox)", name);
    }
  }
  void CheckGadget(const Val& recv, uint32_t off, const std::string& what) {
    if (recv.k == Val::K::kName && In(kGadgets, recv.s)) {
      Report("template.ssti.gadget", Severity::kMalicious, off,
             "attribute access on the '" + recv.s + "' global (SSTI gadget)", recv.s + "." + what);
    }
  }
  Val Folded(std::string s, uint32_t off) {
    if (s.size() > lim_.max_folded_string) return Val{};
    if (ContainsDunder(s)) {
      Report("template.ssti.obfuscated-name", Severity::kMalicious, off,
             "string operations assemble a dunder name", s);
    }
    return Val::Str(std::move(s), true);
  }

  // ---- expressions (Jinja grammar, jinja2/parser.py) ----
  Val ParseExpr() {
    Guard g(this);
    if (g.fail) return {};
    Val v = ParseOr();
    while (IsName("if")) {
      Next();
      ParseOr();
      if (IsName("else")) {
        Next();
        ParseOr();
      }
      v = Val{};
    }
    return v;
  }
  Val ParseOr() {
    Val v = ParseAnd();
    while (IsName("or")) {
      Next();
      ParseAnd();
      v = Val{};
    }
    return v;
  }
  Val ParseAnd() {
    Val v = ParseNot();
    while (IsName("and")) {
      Next();
      ParseNot();
      v = Val{};
    }
    return v;
  }
  Val ParseNot() {
    bool negated = false;
    while (IsName("not")) {
      Next();
      negated = true;
    }
    Val v = ParseCompare();
    return negated ? Val{} : v;
  }
  Val ParseCompare() {
    Val v = ParseMath1();
    while (true) {
      if (IsOp("==") || IsOp("!=") || IsOp("<") || IsOp(">") || IsOp("<=") || IsOp(">=") ||
          IsName("in")) {
        Next();
      } else if (IsName("not") && IsName("in", 1)) {
        Next();
        Next();
      } else {
        break;
      }
      ParseMath1();
      v = Val{};
    }
    return v;
  }
  Val ParseMath1() {
    Val v = ParseConcat();
    while (IsOp("+") || IsOp("-")) {
      const bool plus = IsOp("+");
      const uint32_t off = Off();
      Next();
      Val r = ParseConcat();
      if (plus && v.IsStr() && r.IsStr())
        v = Folded(v.s + r.s, off);
      else if (v.IsNum() && r.IsNum())
        v = Val::Num(plus ? v.n + r.n : v.n - r.n);
      else
        v = Val{};
    }
    return v;
  }
  Val ParseConcat() {
    Val v = ParseMath2();
    while (IsOp("~")) {
      const uint32_t off = Off();
      Next();
      Val r = ParseMath2();
      std::string a, b;
      if (AsText(v, &a) && AsText(r, &b))
        v = Folded(a + b, off);
      else
        v = Val{};
    }
    return v;
  }
  Val ParseMath2() {
    Val v = ParsePow();
    while (IsOp("*") || IsOp("/") || IsOp("//") || IsOp("%")) {
      const std::string op = Cur()->value;
      const uint32_t off = Off();
      Next();
      Val r = ParsePow();
      if (op == "*" && (v.IsStr() || r.IsStr()) && (v.IsNum() || r.IsNum())) {
        const double times = v.IsNum() ? v.n : r.n;
        const std::string& s = v.IsStr() ? v.s : r.s;
        if (times > static_cast<double>(lim_.dos_loop_threshold)) {
          Report("template.dos.large-repeat", Severity::kSuspicious, off,
                 "string repeated " + NumStr(times) + " times (render-time memory exhaustion)",
                 NumStr(times));
          v = Val{};
        } else if (times >= 0 && s.size() * static_cast<size_t>(times) <= lim_.max_folded_string) {
          std::string out;
          for (size_t k = 0; k < static_cast<size_t>(times); ++k) out += s;
          v = Folded(std::move(out), off);
        } else {
          v = Val{};
        }
      } else if (op == "%" && v.IsStr()) {
        std::vector<Val> args = r.k == Val::K::kSeq ? r.items : std::vector<Val>{r};
        std::string out;
        if (PercentFormat(v.s, args, &out))
          v = Folded(std::move(out), off);
        else
          v = Val{};
      } else if (v.IsNum() && r.IsNum()) {
        v = op == "*" ? Val::Num(v.n * r.n) : Val{};
      } else {
        v = Val{};
      }
    }
    return v;
  }
  Val ParsePow() {
    Val v = ParseUnary();
    while (IsOp("**")) {
      Next();
      ParseUnary();
      v = Val{};
    }
    return v;
  }
  Val ParseUnary() {
    Guard g(this);
    if (g.fail) return {};
    Val v;
    if (IsOp("-") || IsOp("+")) {
      const bool neg = IsOp("-");
      Next();
      v = ParseUnary();
      if (v.IsNum() && neg)
        v.n = -v.n;
      else if (!v.IsNum())
        v = Val{};
    } else {
      v = ParsePrimary();
      v = ParsePostfix(std::move(v));
    }
    return ParseFilterExpr(std::move(v));
  }

  Val ParsePrimary() {
    const Token* t = Cur();
    if (t == nullptr) return {};
    const uint32_t off = t->offset;
    if (t->type == TokenType::kName) {
      const std::string name = t->value;
      Next();
      static constexpr std::string_view kConsts[] = {"true", "false", "none",
                                                     "True", "False", "None"};
      if (In(kConsts, name)) {
        Val c;
        c.k = Val::K::kConst;
        return c;
      }
      auto it = symbols_.find(name);
      if (it != symbols_.end()) {
        Val v = it->second;
        v.built = true;  // the name hides the literal at the point of use
        return v;
      }
      Val v;
      v.k = Val::K::kName;
      v.s = name;
      return v;
    }
    if (t->type == TokenType::kString) {
      std::string s = t->value;
      bool built = t->escaped_ident;
      Next();
      while (Cur() && Cur()->type == TokenType::kString) {  // implicit concatenation
        s += Cur()->value;
        built = true;
        Next();
      }
      if (built) return Folded(std::move(s), off);
      if (s.size() > lim_.max_folded_string) return Val{};
      return Val::Str(std::move(s), false);
    }
    if (t->type == TokenType::kInteger || t->type == TokenType::kFloat) {
      std::string num;
      for (char c : t->value)
        if (c != '_') num.push_back(c);
      Next();
      if (num.size() > 2 && num[0] == '0' && std::isalpha(static_cast<unsigned char>(num[1]))) {
        const int base = (num[1] == 'x' || num[1] == 'X')   ? 16
                         : (num[1] == 'o' || num[1] == 'O') ? 8
                                                            : 2;
        return Val::Num(static_cast<double>(std::strtoull(num.c_str() + 2, nullptr, base)));
      }
      return Val::Num(std::strtod(num.c_str(), nullptr));
    }
    if (t->type != TokenType::kOperator) return {};
    if (t->value == "(") {
      Next();
      if (IsOp(")")) {
        Next();
        Val tup;
        tup.k = Val::K::kSeq;
        return tup;
      }
      Val v = ParseExpr();
      if (IsOp(",")) {
        Val tup;
        tup.k = Val::K::kSeq;
        tup.items.push_back(std::move(v));
        while (IsOp(",")) {
          Next();
          if (IsOp(")") || !Cur()) break;
          Val item = ParseExpr();
          if (tup.items.size() < 256) tup.items.push_back(std::move(item));
        }
        v = std::move(tup);
      }
      Expect(")");
      return v;
    }
    if (t->value == "[") {
      Next();
      Val list;
      list.k = Val::K::kSeq;
      while (Cur() && !IsOp("]")) {
        const size_t before = i_;
        Val item = ParseExpr();
        if (list.items.size() < 256) list.items.push_back(std::move(item));
        if (IsOp(","))
          Next();
        else if (i_ == before)
          break;
        else if (!IsOp("]"))
          break;
      }
      Expect("]");
      return list;
    }
    if (t->value == "{") {
      Next();
      while (Cur() && !IsOp("}")) {
        const size_t before = i_;
        ParseExpr();
        if (IsOp(":")) {
          Next();
          ParseExpr();
        }
        if (IsOp(","))
          Next();
        else if (i_ == before || !IsOp("}"))
          break;
      }
      Expect("}");
      return {};
    }
    return {};
  }

  Val ParsePostfix(Val v) {
    while (Cur()) {
      const uint32_t off = Off();
      if (IsOp(".")) {
        Next();
        const Token* n = Cur();
        if (n && n->type == TokenType::kName) {
          const std::string attr = n->value;
          Next();
          CheckAttrName(attr, false, n->offset, "attribute", true);
          CheckGadget(v, n->offset, attr);
          v = AttrOf(std::move(v), attr);
        } else if (n && n->type == TokenType::kInteger) {
          Next();
          v = Val{};
        }
        continue;
      }
      if (IsOp("[")) {
        Next();
        v = Subscript(std::move(v), off);
        continue;
      }
      if (IsOp("(")) {
        v = Call(std::move(v), off);
        continue;
      }
      break;
    }
    return v;
  }

  Val AttrOf(Val recv, const std::string& attr) {
    static constexpr std::string_view kStrMethods[] = {
        "join",  "format",     "replace",  "lower",    "upper", "strip",  "lstrip", "rstrip",
        "title", "capitalize", "swapcase", "casefold", "zfill", "center", "ljust",  "rjust"};
    Val out;
    if (recv.IsStr() && In(kStrMethods, attr)) {
      out.k = Val::K::kMethod;
      out.s = attr;
      out.self = recv.s;
      out.built = recv.built;
      return out;
    }
    out.k = Val::K::kAttr;
    out.s = attr;
    return out;
  }

  Val Subscript(Val recv, uint32_t off) {
    // [a], [a:b], [a:b:c], [:], [::-1]
    Val parts[3];
    bool present[3] = {false, false, false};
    int n = 0;
    bool slice = false;
    while (Cur() && !IsOp("]") && n < 3) {
      if (IsOp(":")) {
        slice = true;
        Next();
        ++n;
        continue;
      }
      const size_t before = i_;
      parts[n] = ParseExpr();
      present[n] = true;
      if (i_ == before) break;
      if (IsOp(",")) {  // tuple subscript
        while (Cur() && !IsOp("]")) {
          const size_t b2 = i_;
          Next();
          if (!IsOp("]")) ParseExpr();
          if (i_ == b2) break;
        }
        break;
      }
    }
    Expect("]");
    if (!slice) {
      const Val& idx = parts[0];
      if (idx.IsStr()) {
        CheckAttrName(idx.s, idx.built, off, "subscript", false);
        CheckGadget(recv, off, "['" + idx.s + "']");
        Val out;
        out.k = Val::K::kAttr;
        out.s = idx.s;
        return out;
      }
      CheckGadget(recv, off, "[...]");
      if (idx.IsNum() && recv.IsStr()) {
        auto k = ToInt(idx.n);
        const auto len = static_cast<int64_t>(recv.s.size());
        if (k < 0) k += len;
        if (k >= 0 && k < len)
          return Val::Str(std::string(1, recv.s[static_cast<size_t>(k)]), true);
      }
      if (idx.IsNum() && recv.k == Val::K::kSeq) {
        auto k = ToInt(idx.n);
        if (k >= 0 && static_cast<size_t>(k) < recv.items.size())
          return recv.items[static_cast<size_t>(k)];
      }
      return {};
    }
    // Slices of constant strings: 'ssalc__'[::-1] and friends.
    if (!recv.IsStr()) return {};
    for (int k = 0; k < 3; ++k)
      if (present[k] && !parts[k].IsNum()) return {};
    const auto len = static_cast<int64_t>(recv.s.size());
    const int64_t step = present[2] ? ToInt(parts[2].n) : 1;
    if (step == 0) return {};
    auto norm = [&](int64_t x, bool is_start) {
      if (x < 0) x += len;
      if (step > 0) return std::clamp<int64_t>(x, 0, len);
      (void)is_start;
      return std::clamp<int64_t>(x, -1, len - 1);
    };
    int64_t start = present[0] ? norm(ToInt(parts[0].n), true) : (step > 0 ? 0 : len - 1);
    int64_t stop = present[1] ? norm(ToInt(parts[1].n), false) : (step > 0 ? len : -1);
    std::string out;
    if (step > 0) {
      for (int64_t k = start; k < stop; k += step) out.push_back(recv.s[static_cast<size_t>(k)]);
    } else {
      for (int64_t k = start; k > stop; k += step) out.push_back(recv.s[static_cast<size_t>(k)]);
    }
    return Folded(std::move(out), off);
  }

  struct Args {
    std::vector<Val> pos;
    std::vector<std::pair<std::string, Val>> kw;
  };
  Args ParseArgs() {
    Args a;
    Next();  // '('
    while (Cur() && !IsOp(")")) {
      const size_t before = i_;
      if (IsOp("*") || IsOp("**")) Next();
      if (Cur() && Cur()->type == TokenType::kName && IsOp("=", 1)) {
        std::string name = Cur()->value;
        Next();
        Next();
        Val v = ParseExpr();
        if (a.kw.size() < 64) a.kw.emplace_back(std::move(name), std::move(v));
      } else {
        Val v = ParseExpr();
        if (a.pos.size() < 256) a.pos.push_back(std::move(v));
      }
      if (IsOp(","))
        Next();
      else if (i_ == before || !IsOp(")"))
        break;
    }
    Expect(")");
    return a;
  }

  Val Call(Val callee, uint32_t off) {
    Args a = ParseArgs();
    if (callee.k == Val::K::kName) {
      if (In(kDangerousCalls, callee.s)) {
        Report("template.ssti.dangerous-call", Severity::kMalicious, off,
               "template calls '" + callee.s + "' (code execution / file access)",
               callee.s + "(...)");
      }
      if (callee.s == "range") {
        for (const Val& v : a.pos) {
          if (v.IsNum() && std::fabs(v.n) > static_cast<double>(lim_.dos_loop_threshold)) {
            Report("template.dos.large-range", Severity::kSuspicious, off,
                   "range() of " + NumStr(v.n) + " iterations (render-time denial of service)",
                   NumStr(v.n));
          }
        }
      }
      return {};
    }
    if (callee.k == Val::K::kAttr) {
      if (In(kDangerousMethods, callee.s)) {
        Report("template.ssti.dangerous-call", Severity::kMalicious, off,
               "template calls method '" + callee.s + "' (process / file / interpreter access)",
               "." + callee.s + "(...)");
      }
      return {};
    }
    if (callee.k != Val::K::kMethod) return {};
    const std::string& m = callee.s;
    const std::string& s = callee.self;
    std::string out;
    if (m == "join") {
      if (a.pos.size() != 1) return {};
      const Val& seq = a.pos[0];
      if (seq.IsStr()) {
        for (size_t k = 0; k < seq.s.size(); ++k) {
          if (k) out += s;
          out.push_back(seq.s[k]);
        }
        return Folded(std::move(out), off);
      }
      if (seq.k != Val::K::kSeq) return {};
      for (size_t k = 0; k < seq.items.size(); ++k) {
        std::string part;
        if (!AsText(seq.items[k], &part)) return {};
        if (k) out += s;
        out += part;
        if (out.size() > lim_.max_folded_string) return {};
      }
      return Folded(std::move(out), off);
    }
    if (m == "format") {
      if (BraceFormat(s, a.pos, &out)) return Folded(std::move(out), off);
      return {};
    }
    if (m == "replace") return Replace(s, a.pos, off);
    return StrTransform(m, s, off);
  }

  Val Replace(const std::string& s, const std::vector<Val>& args, uint32_t off) {
    if (args.size() < 2 || !args[0].IsStr() || !args[1].IsStr()) return {};
    const std::string& from = args[0].s;
    const std::string& to = args[1].s;
    int64_t count = args.size() > 2 && args[2].IsNum() ? ToInt(args[2].n) : -1;
    std::string out;
    if (from.empty()) return {};
    size_t p = 0;
    while (true) {
      size_t q = s.find(from, p);
      if (q == std::string::npos || count == 0) break;
      out.append(s, p, q - p);
      out += to;
      p = q + from.size();
      if (count > 0) --count;
      if (out.size() > lim_.max_folded_string) return {};
    }
    out.append(s, p, std::string::npos);
    return Folded(std::move(out), off);
  }

  Val StrTransform(const std::string& m, const std::string& s, uint32_t off) {
    std::string out = s;
    if (m == "lower" || m == "casefold") {
      for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (m == "upper") {
      for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (m == "strip" || m == "trim") {
      size_t b = out.find_first_not_of(" \t\r\n");
      size_t e = out.find_last_not_of(" \t\r\n");
      out = b == std::string::npos ? "" : out.substr(b, e - b + 1);
    } else if (m == "reverse") {
      std::reverse(out.begin(), out.end());
    } else if (m != "string" && m != "safe" && m != "e" && m != "escape") {
      return {};
    }
    return Folded(std::move(out), off);
  }

  Val ParseFilterExpr(Val v) {
    while (Cur()) {
      if (IsOp("|")) {
        v = Filter(std::move(v));
      } else if (IsName("is")) {
        Next();
        if (IsName("not")) Next();
        if (Cur() && Cur()->type == TokenType::kName) {
          Next();
          while (IsOp(".")) {
            Next();
            if (Cur() && Cur()->type == TokenType::kName) Next();
          }
        }
        static constexpr std::string_view kStop[] = {"and", "or", "else", "if",
                                                     "is",  "in", "not",  "recursive"};
        if (IsOp("(")) {
          ParseArgs();
        } else if (Cur() &&
                   (Cur()->type == TokenType::kString || Cur()->type == TokenType::kInteger ||
                    Cur()->type == TokenType::kFloat ||
                    (Cur()->type == TokenType::kName && !In(kStop, Cur()->value)))) {
          ParsePostfix(ParsePrimary());
        }
        v = Val{};
      } else if (IsOp("(")) {
        v = Call(std::move(v), Off());
      } else {
        break;
      }
    }
    return v;
  }

  Val Filter(Val v) {
    const uint32_t off = Off();
    Next();  // '|'
    const Token* n = Cur();
    if (!n || n->type != TokenType::kName) return {};
    std::string name = n->value;
    Next();
    while (IsOp(".") && At(1) && At(1)->type == TokenType::kName) {
      Next();
      name += "." + Cur()->value;
      Next();
    }
    Args a;
    if (IsOp("(")) a = ParseArgs();
    if (name == "attr") {
      CheckGadget(v, off, "|attr(...)");
      if (!a.pos.empty() && a.pos[0].IsStr()) {
        CheckAttrName(a.pos[0].s, a.pos[0].built, off, "attr filter", true);
        if (!IsDunderName(a.pos[0].s)) {
          Report("template.ssti.attr-filter", Severity::kSuspicious, off,
                 "|attr() filter: attribute access by name (unused by real chat templates)",
                 a.pos[0].s);
        }
        return AttrOf(std::move(v), a.pos[0].s);
      }
      Report("template.ssti.attr-filter", Severity::kMalicious, off,
             "|attr() with a computed attribute name (SSTI obfuscation)", "attr(<dynamic>)");
      return {};
    }
    if (In(kAttributeFilters, name)) {
      for (const Val& p : a.pos)
        if (p.IsStr()) CheckAttrName(p.s, p.built, off, "filter argument", false);
      for (const auto& [k, p] : a.kw)
        if (p.IsStr() && k == "attribute")
          CheckAttrName(p.s, p.built, off, "filter argument", false);
      return {};
    }
    std::string out;
    if (name == "join") {
      std::string sep;
      if (!a.pos.empty()) {
        if (!a.pos[0].IsStr()) return {};
        sep = a.pos[0].s;
      }
      for (const auto& [k, p] : a.kw)
        if (k == "attribute" && p.IsStr())
          CheckAttrName(p.s, p.built, off, "filter argument", false);
      if (v.k != Val::K::kSeq && !v.IsStr()) return {};
      std::string acc;
      if (v.IsStr()) {
        for (size_t k = 0; k < v.s.size(); ++k) {
          if (k) acc += sep;
          acc.push_back(v.s[k]);
        }
      } else {
        for (size_t k = 0; k < v.items.size(); ++k) {
          std::string part;
          if (!AsText(v.items[k], &part)) return {};
          if (k) acc += sep;
          acc += part;
          if (acc.size() > lim_.max_folded_string) return {};
        }
      }
      return Folded(std::move(acc), off);
    }
    if (name == "format") {
      if (!v.IsStr()) return {};
      if (PercentFormat(v.s, a.pos, &out)) return Folded(std::move(out), off);
      return {};
    }
    if (name == "replace") {
      if (!v.IsStr()) return {};
      return Replace(v.s, a.pos, off);
    }
    if (name == "reverse" && v.k == Val::K::kSeq) {
      std::reverse(v.items.begin(), v.items.end());
      return v;
    }
    if ((name == "list") && v.IsStr()) {
      Val seq;
      seq.k = Val::K::kSeq;
      for (char c : v.s) seq.items.push_back(Val::Str(std::string(1, c), true));
      return seq;
    }
    if (name == "list" && v.k == Val::K::kSeq) return v;
    if ((name == "first" || name == "last") && v.k == Val::K::kSeq && !v.items.empty()) {
      return name == "first" ? v.items.front() : v.items.back();
    }
    if (v.IsStr()) {
      std::string m = name == "trim" ? "strip" : name;
      if (m == "upper" || m == "lower" || m == "strip" || m == "reverse" || m == "string" ||
          m == "safe" || m == "e" || m == "escape") {
        return StrTransform(m, v.s, off);
      }
    }
    return {};
  }

  const std::vector<Token>& t_;
  const JinjaLimits& lim_;
  TemplateReport& rep_;
  size_t i_ = 0;
  size_t end_ = 0;
  uint32_t depth_ = 0;
  bool stop_ = false;
  uint32_t nesting_ = 0;
  bool nesting_reported_ = false;
  std::set<std::pair<std::string, std::string>> seen_;
  std::unordered_map<std::string, Val> symbols_;
};

}  // namespace

TemplateReport AnalyzeTemplate(std::string_view tmpl, const JinjaLimits& limits) {
  TemplateReport rep;
  LexResult lex = Lex(tmpl, limits);
  rep.tokens = lex.tokens.size();
  if (!lex.status.ok()) {
    rep.status = lex.status;
    rep.findings.push_back(TemplateFinding{
        "template.limit", Severity::kSuspicious,
        static_cast<uint32_t>(lex.status.has_offset() ? lex.status.offset() : 0),
        "template exceeds an analysis limit; analysed partially", lex.status.message()});
  }
  for (const auto& [off, msg] : lex.errors) {
    rep.findings.push_back(TemplateFinding{"template.syntax", Severity::kSuspicious, off,
                                           "template does not lex as Jinja: " + msg, msg});
    break;  // one is enough; the template does not render as is
  }
  Analyzer a(lex.tokens, limits, rep);
  a.Run();
  return rep;
}

}  // namespace aigis::formats::jinja
