#include "formats/jinja/jinja_lexer.h"

#include <gtest/gtest.h>

namespace aigis::formats::jinja {
namespace {

std::vector<std::string> Values(const LexResult& r) {
  std::vector<std::string> v;
  for (const Token& t : r.tokens) v.push_back(t.value);
  return v;
}

TEST(JinjaLexer, TagsAndText) {
  LexResult r = Lex("a{{ x.y }}b{% if z %}c{% endif %}{# note #}");
  ASSERT_TRUE(r.status.ok());
  EXPECT_TRUE(r.errors.empty());
  std::vector<std::string> want = {"a",  "{{", "x",  ".", "y",  "}}",    "b",  "{%",
                                   "if", "z",  "%}", "c", "{%", "endif", "%}", " note "};
  EXPECT_EQ(Values(r), want);
  EXPECT_EQ(r.tokens[0].type, TokenType::kText);
  EXPECT_EQ(r.tokens.back().type, TokenType::kComment);
}

TEST(JinjaLexer, WhitespaceControl) {
  LexResult r = Lex("{%- if a -%}x{{- b -}}{%+ endif %}");
  EXPECT_TRUE(r.errors.empty());
  std::vector<std::string> want = {"{%", "if", "a",  "%}",    "x", "{{",
                                   "b",  "}}", "{%", "endif", "%}"};
  EXPECT_EQ(Values(r), want);
}

TEST(JinjaLexer, StringsAndEscapes) {
  LexResult r = Lex(R"({{ '\x5f\x5f' ~ "\u005fa\N{LOW LINE}" ~ '\137' ~ 'it\'s\n' }})");
  ASSERT_TRUE(r.errors.empty());
  std::vector<std::string> strs;
  for (const Token& t : r.tokens)
    if (t.type == TokenType::kString) strs.push_back(t.value);
  ASSERT_EQ(strs.size(), 4u);
  EXPECT_EQ(strs[0], "__");
  EXPECT_EQ(strs[1], "_a_");
  EXPECT_EQ(strs[2], "_");
  EXPECT_EQ(strs[3], "it's\n");
  EXPECT_TRUE(r.tokens[1].escaped_ident);
  bool esc = false, has = false;
  EXPECT_EQ(DecodeStringLiteral(R"(\n\t)", &esc, &has), "\n\t");
  EXPECT_FALSE(esc);
  EXPECT_TRUE(has);
  EXPECT_EQ(DecodeStringLiteral(R"(\q\x4)", &esc, &has), "\\q\\x4");
}

TEST(JinjaLexer, OperatorsAndNumbers) {
  LexResult r = Lex("{{ a // 2 ** 3 != 1_000 and b <= 1.5e3 ~ 0x1f }}");
  EXPECT_TRUE(r.errors.empty());
  std::vector<std::string> want = {"{{",  "a", "//", "2",     "**", "3",    "!=", "1_000",
                                   "and", "b", "<=", "1.5e3", "~",  "0x1f", "}}"};
  EXPECT_EQ(Values(r), want);
}

TEST(JinjaLexer, BracesBalanceBeforeEnd) {
  LexResult r = Lex("{{ {'a': {'b': 1}} }}");
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.tokens.back().type, TokenType::kVarEnd);
}

TEST(JinjaLexer, RawBlock) {
  LexResult r = Lex("{% raw %}{{ x.__class__ }}{% endraw %}");
  ASSERT_GE(r.tokens.size(), 5u);
  EXPECT_EQ(r.tokens[3].type, TokenType::kText);
  EXPECT_EQ(r.tokens[3].value, "{{ x.__class__ }}");
}

TEST(JinjaLexer, Errors) {
  EXPECT_FALSE(Lex("{{ 'abc }}").errors.empty());
  EXPECT_FALSE(Lex("{# open").errors.empty());
  EXPECT_FALSE(Lex("{{ a ").errors.empty());
  EXPECT_FALSE(Lex("{{ a $ b }}").errors.empty());
  EXPECT_FALSE(Lex("{{ a) }}").errors.empty());
  EXPECT_FALSE(Lex("{% raw %}never closed").errors.empty());
}

TEST(JinjaLexer, Limits) {
  JinjaLimits lim;
  lim.max_template_bytes = 4;
  EXPECT_EQ(Lex("{{ abc }}", lim).status.code(), StatusCode::kLimitExceeded);
  lim = JinjaLimits{};
  lim.max_tokens = 3;
  EXPECT_EQ(Lex("{{ a b c d }}", lim).status.code(), StatusCode::kLimitExceeded);
  lim = JinjaLimits{};
  lim.max_expression_depth = 4;
  EXPECT_EQ(Lex("{{ ((((((a)))))) }}", lim).status.code(), StatusCode::kLimitExceeded);
}

TEST(JinjaLexer, TokenTypeNames) { EXPECT_EQ(TokenTypeName(TokenType::kString), "string"); }

}  // namespace
}  // namespace aigis::formats::jinja
