// Jinja2 lexer: splits a template into text, tags and expression tokens the way jinja2.lexer does
// (default delimiters {{ }} {% %} {# #}, whitespace-control '-' and '+', {% raw %} blocks, bracket
// balancing before an end delimiter, Python string literals decoded like Jinja: unicode-escape).
// It does not render or evaluate anything.
//
// Ownership: tokens copy their decoded values; the template may be released afterwards.
// Thread safety: stateless function; results are plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "formats/jinja/jinja_limits.h"

namespace aigis::formats::jinja {

enum class TokenType : uint8_t {
  kText,        // template data outside tags (also {% raw %} content)
  kVarBegin,    // {{
  kVarEnd,      // }}
  kBlockBegin,  // {%
  kBlockEnd,    // %}
  kComment,     // {# ... #} (whole comment)
  kName,        // identifier (keywords such as 'if', 'in', 'not' are names too)
  kString,      // string literal; value = decoded content
  kInteger,
  kFloat,
  kOperator,  // value = operator text: + - * / // % ** ~ . , : | = == != < > <= >= ( ) [ ] { } ;
  kError,     // a character Jinja would reject (value = the character)
};

std::string_view TokenTypeName(TokenType t);

struct Token {
  TokenType type;
  uint32_t offset = 0;  // byte offset in the template
  uint32_t length = 0;  // bytes of source text
  std::string value;    // name, operator, decoded string, number text
  // String literals: contained escapes (\x, \u, \U, \N, octal) that produced identifier
  // characters ([A-Za-z0-9_.]); a plain template never needs them.
  bool escaped_ident = false;
  bool has_escape = false;  // any backslash escape
};

struct LexResult {
  std::vector<Token> tokens;
  // Syntax problems (unterminated tag/string/comment, stray characters); lexing continues.
  std::vector<std::pair<uint32_t, std::string>> errors;
  // OK, or kLimitExceeded when the template or token count exceeded a limit (tokens so far kept).
  Status status;
};

LexResult Lex(std::string_view tmpl, const JinjaLimits& limits = {});

// Decodes a Python/Jinja string literal body (between the quotes) with unicode-escape rules.
// Sets *escaped_ident when an escape produced an identifier character.
std::string DecodeStringLiteral(std::string_view body, bool* escaped_ident, bool* has_escape);

}  // namespace aigis::formats::jinja
