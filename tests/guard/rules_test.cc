#include "guard/rules.h"

#include <gtest/gtest.h>

#include <set>

namespace aigis::guard {
namespace {

TEST(RulesTest, ParsesMacrosAndDefaults) {
  auto r = ParseRules(R"(
detector: injection
macros:
  V: "ignore|forget"
  VV: "{{V}}|skip"
rules:
  - id: a
    category: instruction-override
    pattern: "\\b(?:{{VV}})\\b"
    score: 0.7
)",
                      "t.yaml");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].pattern, "\\b(?:(?:(?:ignore|forget)|skip))\\b");
  EXPECT_EQ((*r)[0].detector, "injection");
  EXPECT_EQ((*r)[0].target, RuleTarget::kNormalized);
  EXPECT_DOUBLE_EQ((*r)[0].score, 0.7);
}

TEST(RulesTest, Errors) {
  EXPECT_FALSE(ParseRules("rules: [", "t").ok());  // YAML syntax
  EXPECT_FALSE(ParseRules("detector: x\nrules:\n  - {id: a, category: c}\n", "t").ok());
  EXPECT_FALSE(
      ParseRules("detector: x\nrules:\n  - {id: a, category: c, pattern: '{{NOPE}}'}\n", "t").ok());
  EXPECT_FALSE(
      ParseRules("detector: x\nrules:\n  - {id: a, category: c, pattern: a, bogus: 1}\n", "t")
          .ok());
  EXPECT_FALSE(
      ParseRules("detector: x\nrules:\n  - {id: a, category: c, pattern: a, score: 2}\n", "t")
          .ok());
  EXPECT_FALSE(ParseRules("detector: x\nrules:\n  - {id: a, category: c, pattern: a}\n  - {id: a, "
                          "category: c, pattern: b}\n",
                          "t")
                   .ok());
  EXPECT_FALSE(
      ParseRules("detector: x\nrules:\n  - {id: a, category: c, pattern: a, target: disk}\n", "t")
          .ok());
  EXPECT_FALSE(
      ParseRules("rules:\n  - {id: a, category: c, pattern: a}\n", "t").ok());  // no detector
  EXPECT_FALSE(ParseRules("[1, 2]", "t").ok());
}

TEST(RulesTest, NonAsciiIsFoldedLikeTheText) {
  // Normalised-target patterns may be written as typed: each non-ASCII run is folded like the
  // text; ASCII (escapes included) is kept; a quantified non-ASCII letter is grouped (patterns
  // match bytes); a fold to ASCII punctuation stays a literal. Raw-target patterns are untouched.
  auto r = ParseRules(
      "detector: x\nrules:\n"
      "  - {id: a, category: c, pattern: \"ЗАБУДЬ\\\\S{0,3}Ü\"}\n"
      "  - {id: b, category: c, pattern: \"و?x\"}\n"
      "  - {id: c, category: c, pattern: \"a｜b\"}\n"
      "  - {id: d, category: c, pattern: \"Ü\", target: raw}\n",
      "t");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ((*r)[0].pattern, "зaбyдь\\S{0,3}u");  // Cyrillic look-alikes folded to Latin
  EXPECT_EQ((*r)[1].pattern, "(?:و)?x");
  EXPECT_EQ((*r)[2].pattern, "a\\|b");
  EXPECT_EQ((*r)[3].pattern, "Ü");
}

TEST(RulesTest, Gates) {
  auto r = ParseRules(
      "detector: x\nrules:\n  - {id: a, category: c, pattern: a1, gate: digit}\n"
      "  - {id: b, category: c, pattern: abc, gate: literal}\n  - {id: n, category: c, pattern: "
      "z, isolate: true}\n",
      "t");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE((*r)[2].isolate);
  EXPECT_FALSE((*r)[0].isolate || (*r)[1].isolate);
  EXPECT_TRUE((*r)[0].needs_digit);
  EXPECT_FALSE((*r)[0].literal_gate);
  EXPECT_TRUE((*r)[1].literal_gate);
  EXPECT_FALSE((*r)[1].needs_digit);
  EXPECT_FALSE((*r)[2].literal_gate || (*r)[2].needs_digit);
  EXPECT_FALSE(
      ParseRules("detector: x\nrules:\n  - {id: a, category: c, pattern: a, gate: words}\n", "t")
          .ok());
  // Given gate literals imply the literal gate; an empty list or literal, or a digit gate, fail.
  auto g = ParseRules(
      "detector: x\nrules:\n  - {id: a, category: c, pattern: 'a@b', gate_literals: ['@', x]}\n",
      "t");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_TRUE((*g)[0].literal_gate);
  EXPECT_EQ((*g)[0].gate_literals, (std::vector<std::string>{"@", "x"}));
  for (const char* bad : {"gate_literals: []", "gate_literals: ['']", "gate_literals: x",
                          "gate: digit, gate_literals: ['1']"}) {
    EXPECT_FALSE(
        ParseRules(std::string("detector: x\nrules:\n  - {id: a, category: c, pattern: a1, ") +
                       bad + "}\n",
                   "t")
            .ok())
        << bad;
  }
}

TEST(RulesTest, BuiltinRulesLoadAndCoverTheIssue) {
  auto r = LoadRules("");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::set<std::string> categories, langs;
  size_t secrets = 0;
  for (const Rule& x : *r) {
    categories.insert(x.category);
    if (x.detector == "injection") langs.insert(x.lang);
    secrets += x.detector == "secrets";
  }
  for (const char* c :
       {"instruction-override", "roleplay-jailbreak", "system-prompt-extraction",
        "delimiter-injection", "tool-hijack", "pii", "secret", "exfiltration", "html-injection"}) {
    EXPECT_TRUE(categories.count(c)) << c;
  }
  EXPECT_TRUE(langs.count("en"));
  EXPECT_TRUE(langs.count("de"));
  EXPECT_GE(secrets, 50u);
}

TEST(RulesTest, MissingDirIsIoError) {
  auto r = LoadRules("/nonexistent/dir/for/guard");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIOError);
}

}  // namespace
}  // namespace aigis::guard
