#include "formats/jinja/jinja_lexer.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/bytes.h"
#include "core/hex.h"

namespace aigis::formats::jinja {
namespace {

bool IsNameStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool IsNameChar(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }
bool IsIdentChar(uint32_t cp) {
  return cp < 0x80 && (std::isalnum(static_cast<int>(cp)) || cp == '_' || cp == '.');
}

// \N{...} names an attacker would use to spell identifiers; anything else decodes to U+FFFD.
uint32_t NamedChar(std::string_view name) {
  std::string up;
  for (char c : name) up.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  if (up == "LOW LINE") return '_';
  if (up == "FULL STOP") return '.';
  if (up == "SPACE") return ' ';
  if (up.rfind("LATIN SMALL LETTER ", 0) == 0 && up.size() == 20)
    return static_cast<uint32_t>(std::tolower(up[19]));
  if (up.rfind("LATIN CAPITAL LETTER ", 0) == 0 && up.size() == 22)
    return static_cast<uint32_t>(up[21]);
  if (up.rfind("DIGIT ", 0) == 0) {
    static constexpr std::string_view kDigits[] = {"ZERO", "ONE", "TWO",   "THREE", "FOUR",
                                                   "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"};
    for (uint32_t d = 0; d < 10; ++d)
      if (up.substr(6) == kDigits[d]) return '0' + d;
  }
  return 0xFFFD;
}

struct Lexer {
  std::string_view src;
  const JinjaLimits& limits;
  LexResult& out;
  size_t pos = 0;

  bool Emit(TokenType t, size_t start, size_t end, std::string value) {
    if (out.tokens.size() >= limits.max_tokens) {
      out.status = Status::LimitExceeded(
          start, "jinja: more than " + std::to_string(limits.max_tokens) + " tokens");
      return false;
    }
    Token tok;
    tok.type = t;
    tok.offset = static_cast<uint32_t>(start);
    tok.length = static_cast<uint32_t>(end - start);
    tok.value = std::move(value);
    out.tokens.push_back(std::move(tok));
    return true;
  }
  void Error(size_t at, std::string msg) {
    if (out.errors.size() < 64) out.errors.emplace_back(static_cast<uint32_t>(at), std::move(msg));
  }

  // Position of the next "{{", "{%" or "{#" at or after `from`, or npos.
  size_t NextTagStart(size_t from) const {
    for (size_t i = src.find('{', from); i != std::string_view::npos; i = src.find('{', i + 1)) {
      if (i + 1 < src.size() && (src[i + 1] == '{' || src[i + 1] == '%' || src[i + 1] == '#'))
        return i;
    }
    return std::string_view::npos;
  }

  bool Run() {
    while (pos < src.size()) {
      size_t tag = NextTagStart(pos);
      size_t text_end = tag == std::string_view::npos ? src.size() : tag;
      if (text_end > pos &&
          !Emit(TokenType::kText, pos, text_end, std::string(src.substr(pos, text_end - pos))))
        return false;
      if (tag == std::string_view::npos) break;
      pos = tag;
      const char kind = src[tag + 1];
      if (kind == '#') {
        size_t end = src.find("#}", tag + 2);
        if (end == std::string_view::npos) {
          Error(tag, "unterminated comment");
          end = src.size();
          if (!Emit(TokenType::kComment, tag, end, std::string(src.substr(tag + 2)))) return false;
          pos = end;
        } else {
          if (!Emit(TokenType::kComment, tag, end + 2,
                    std::string(src.substr(tag + 2, end - tag - 2))))
            return false;
          pos = end + 2;
        }
        continue;
      }
      size_t start = tag + 2;
      if (start < src.size() && (src[start] == '-' || src[start] == '+')) ++start;
      const bool block = kind == '%';
      if (!Emit(block ? TokenType::kBlockBegin : TokenType::kVarBegin, tag, start,
                block ? "{%" : "{{"))
        return false;
      pos = start;
      size_t first_token = out.tokens.size();
      if (!Inside(block)) return false;
      // {% raw %} ... {% endraw %}: the body is text.
      if (block && out.tokens.size() >= first_token + 2 &&
          out.tokens[first_token].type == TokenType::kName &&
          out.tokens[first_token].value == "raw") {
        if (!Raw()) return false;
      }
    }
    return true;
  }

  bool Raw() {
    size_t search = pos;
    while (true) {
      size_t t = src.find("{%", search);
      if (t == std::string_view::npos) {
        Error(pos, "unterminated raw block");
        if (pos < src.size() &&
            !Emit(TokenType::kText, pos, src.size(), std::string(src.substr(pos))))
          return false;
        pos = src.size();
        return true;
      }
      size_t i = t + 2;
      if (i < src.size() && (src[i] == '-' || src[i] == '+')) ++i;
      while (i < src.size() && std::isspace(static_cast<unsigned char>(src[i]))) ++i;
      if (src.substr(i, 6) == "endraw") {
        if (t > pos && !Emit(TokenType::kText, pos, t, std::string(src.substr(pos, t - pos))))
          return false;
        pos = t;
        return true;  // the {% endraw %} tag is lexed normally
      }
      search = t + 2;
    }
  }

  // Tokens inside {{ }} or {% %} up to and including the end delimiter.
  bool Inside(bool block) {
    std::vector<char> brackets;
    while (true) {
      while (pos < src.size() && std::isspace(static_cast<unsigned char>(src[pos]))) ++pos;
      if (pos >= src.size()) {
        Error(pos, block ? "unterminated {% tag" : "unterminated {{ tag");
        return true;
      }
      const char c = src[pos];
      // End delimiter, only when brackets are balanced (jinja2.lexer balancing_stack).
      if (brackets.empty()) {
        size_t p = pos;
        if (src[p] == '-' || src[p] == '+') ++p;
        if (p + 1 < src.size() && src[p] == (block ? '%' : '}') && src[p + 1] == '}') {
          if (!Emit(block ? TokenType::kBlockEnd : TokenType::kVarEnd, pos, p + 2,
                    block ? "%}" : "}}"))
            return false;
          pos = p + 2;
          return true;
        }
      }
      const size_t start = pos;
      if (IsNameStart(static_cast<unsigned char>(c))) {
        while (pos < src.size() && IsNameChar(static_cast<unsigned char>(src[pos]))) ++pos;
        if (!Emit(TokenType::kName, start, pos, std::string(src.substr(start, pos - start))))
          return false;
        continue;
      }
      if (std::isdigit(static_cast<unsigned char>(c))) {
        bool is_float = false;
        if (c == '0' && pos + 1 < src.size() && std::strchr("xXoObB", src[pos + 1]) != nullptr &&
            src[pos + 1] != 0) {
          pos += 2;
          while (pos < src.size() &&
                 (std::isxdigit(static_cast<unsigned char>(src[pos])) || src[pos] == '_'))
            ++pos;
        } else {
          while (pos < src.size() &&
                 (std::isdigit(static_cast<unsigned char>(src[pos])) || src[pos] == '_'))
            ++pos;
          if (pos + 1 < src.size() && src[pos] == '.' &&
              std::isdigit(static_cast<unsigned char>(src[pos + 1]))) {
            is_float = true;
            ++pos;
            while (pos < src.size() &&
                   (std::isdigit(static_cast<unsigned char>(src[pos])) || src[pos] == '_'))
              ++pos;
          }
          if (pos < src.size() && (src[pos] == 'e' || src[pos] == 'E')) {
            size_t q = pos + 1;
            if (q < src.size() && (src[q] == '+' || src[q] == '-')) ++q;
            if (q < src.size() && std::isdigit(static_cast<unsigned char>(src[q]))) {
              is_float = true;
              pos = q;
              while (pos < src.size() && std::isdigit(static_cast<unsigned char>(src[pos]))) ++pos;
            }
          }
        }
        if (!Emit(is_float ? TokenType::kFloat : TokenType::kInteger, start, pos,
                  std::string(src.substr(start, pos - start))))
          return false;
        continue;
      }
      if (c == '\'' || c == '"') {
        size_t i = pos + 1;
        bool closed = false;
        while (i < src.size()) {
          if (src[i] == '\\') {
            i += 2;
            continue;
          }
          if (src[i] == c) {
            closed = true;
            break;
          }
          ++i;
        }
        if (!closed) {
          Error(pos, "unterminated string literal");
          i = src.size();
        }
        const size_t body_end = std::min(i, src.size());
        bool esc_ident = false, has_esc = false;
        std::string val =
            DecodeStringLiteral(src.substr(pos + 1, body_end - pos - 1), &esc_ident, &has_esc);
        const size_t end = closed ? i + 1 : src.size();
        if (!Emit(TokenType::kString, start, end, std::move(val))) return false;
        out.tokens.back().escaped_ident = esc_ident;
        out.tokens.back().has_escape = has_esc;
        pos = end;
        continue;
      }
      static constexpr std::string_view kTwo[] = {"//", "**", "==", "!=", ">=", "<="};
      bool two = false;
      for (std::string_view op : kTwo) {
        if (src.substr(pos, 2) == op) {
          two = true;
          break;
        }
      }
      if (two) {
        if (!Emit(TokenType::kOperator, start, pos + 2, std::string(src.substr(pos, 2))))
          return false;
        pos += 2;
        continue;
      }
      if (c != '\0' && std::strchr("+-*/%~.,:|=<>()[]{};", c) != nullptr) {
        if (c == '(' || c == '[' || c == '{') {
          if (brackets.size() >= limits.max_expression_depth) {
            out.status =
                Status::LimitExceeded(pos, "jinja: brackets nested deeper than " +
                                               std::to_string(limits.max_expression_depth));
            return false;
          }
          brackets.push_back(c);
        } else if (c == ')' || c == ']' || c == '}') {
          const char want = c == ')' ? '(' : c == ']' ? '[' : '{';
          if (brackets.empty() || brackets.back() != want) {
            Error(pos, std::string("unbalanced '") + c + "'");
          } else {
            brackets.pop_back();
          }
        }
        if (!Emit(TokenType::kOperator, start, pos + 1, std::string(1, c))) return false;
        ++pos;
        continue;
      }
      Error(pos, std::string("unexpected character '") + c + "'");
      if (!Emit(TokenType::kError, start, pos + 1, std::string(1, c))) return false;
      ++pos;
    }
  }
};

}  // namespace

std::string_view TokenTypeName(TokenType t) {
  switch (t) {
    case TokenType::kText:
      return "text";
    case TokenType::kVarBegin:
      return "variable_begin";
    case TokenType::kVarEnd:
      return "variable_end";
    case TokenType::kBlockBegin:
      return "block_begin";
    case TokenType::kBlockEnd:
      return "block_end";
    case TokenType::kComment:
      return "comment";
    case TokenType::kName:
      return "name";
    case TokenType::kString:
      return "string";
    case TokenType::kInteger:
      return "integer";
    case TokenType::kFloat:
      return "float";
    case TokenType::kOperator:
      return "operator";
    case TokenType::kError:
      return "error";
  }
  return "unknown";
}

std::string DecodeStringLiteral(std::string_view body, bool* escaped_ident, bool* has_escape) {
  std::string out;
  out.reserve(body.size());
  *escaped_ident = false;
  *has_escape = false;
  size_t i = 0;
  while (i < body.size()) {
    const char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out.push_back(c);
      ++i;
      continue;
    }
    *has_escape = true;
    const char e = body[i + 1];
    i += 2;
    uint32_t cp = 0;
    bool numeric = true;
    switch (e) {
      case '\\':
        out.push_back('\\');
        numeric = false;
        break;
      case '\'':
        out.push_back('\'');
        numeric = false;
        break;
      case '"':
        out.push_back('"');
        numeric = false;
        break;
      case 'a':
        out.push_back('\a');
        numeric = false;
        break;
      case 'b':
        out.push_back('\b');
        numeric = false;
        break;
      case 'f':
        out.push_back('\f');
        numeric = false;
        break;
      case 'n':
        out.push_back('\n');
        numeric = false;
        break;
      case 'r':
        out.push_back('\r');
        numeric = false;
        break;
      case 't':
        out.push_back('\t');
        numeric = false;
        break;
      case 'v':
        out.push_back('\v');
        numeric = false;
        break;
      case '\n':
        numeric = false;
        break;  // line continuation
      case 'x':
      case 'u':
      case 'U': {
        const size_t want = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        size_t k = 0;
        while (k < want && i + k < body.size() && HexDigitValue(body[i + k]) >= 0) {
          cp = (cp << 4) | static_cast<uint32_t>(HexDigitValue(body[i + k]));
          ++k;
        }
        if (k != want) {  // Python raises; keep the text so analysis still sees it
          out.push_back('\\');
          out.push_back(e);
          numeric = false;
          break;
        }
        i += k;
        break;
      }
      case 'N': {
        size_t close = body.find('}', i);
        if (i < body.size() && body[i] == '{' && close != std::string_view::npos) {
          cp = NamedChar(body.substr(i + 1, close - i - 1));
          i = close + 1;
        } else {
          out.push_back('\\');
          out.push_back('N');
          numeric = false;
        }
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          cp = static_cast<uint32_t>(e - '0');
          for (int k = 0; k < 2 && i < body.size() && body[i] >= '0' && body[i] <= '7'; ++k, ++i)
            cp = cp * 8 + static_cast<uint32_t>(body[i] - '0');
        } else {
          out.push_back('\\');  // unknown escapes stay as written (Python semantics)
          out.push_back(e);
          numeric = false;
        }
    }
    if (numeric) {
      if (IsIdentChar(cp)) *escaped_ident = true;
      AppendUtf8(&out, cp > 0x10FFFF ? 0xFFFD : cp);
    }
  }
  return out;
}

LexResult Lex(std::string_view tmpl, const JinjaLimits& limits) {
  LexResult out;
  if (tmpl.size() > limits.max_template_bytes) {
    out.status =
        Status::LimitExceeded(0, "jinja: template of " + std::to_string(tmpl.size()) +
                                     " bytes exceeds " + std::to_string(limits.max_template_bytes));
    return out;
  }
  Lexer lx{tmpl, limits, out};
  lx.Run();
  return out;
}

}  // namespace aigis::formats::jinja
