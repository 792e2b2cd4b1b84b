#include "guard/detection.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace aigis::guard {
namespace {

TEST(DetectionTest, ActionNamesRoundTripAndOrder) {
  for (Action a : {Action::kAllow, Action::kFlag, Action::kRedact, Action::kBlock}) {
    ASSERT_TRUE(ParseAction(ActionName(a)).has_value());
    EXPECT_EQ(*ParseAction(ActionName(a)), a);
  }
  EXPECT_FALSE(ParseAction("deny").has_value());
  EXPECT_FALSE(ParseAction("Block").has_value());  // names are lower-case
  EXPECT_LT(Action::kRedact, Action::kBlock);      // the verdict is the highest action
}

TEST(DetectionTest, SortOrderIsStartEndRuleVia) {
  std::vector<Detection> d = {{"pii", "pii.iban", "pii", 5, 9, 1, "", "", ""},
                              {"pii", "pii.email", "pii", 5, 9, 1, "", "base64", ""},
                              {"pii", "pii.email", "pii", 5, 9, 1, "", "", ""},
                              {"pii", "pii.card", "pii", 5, 7, 1, "", "", ""},
                              {"pii", "pii.card", "pii", 1, 20, 1, "", "", ""}};
  std::sort(d.begin(), d.end(), DetectionLess);
  EXPECT_EQ(d[0].start, 1u);
  EXPECT_EQ(d[1].end, 7u);
  EXPECT_EQ(d[2].rule, "pii.email");
  EXPECT_EQ(d[2].via, "");
  EXPECT_EQ(d[3].via, "base64");
  EXPECT_EQ(d[4].rule, "pii.iban");
  // Equality ignores score and evidence (used to drop duplicates).
  Detection a = d[4], b = d[4];
  b.score = 0.1;
  b.evidence = "x";
  EXPECT_EQ(a, b);
}

TEST(DetectionTest, ToFindingKeepsSpanAndSeverity) {
  Detection d{"injection",
              "injection.override.ignore_previous",
              "instruction-override",
              3,
              40,
              0.95,
              "",
              "rot13",
              "ignore ..."};
  Finding f = ToFinding(d, Action::kBlock);
  EXPECT_EQ(f.rule, d.rule);
  EXPECT_EQ(f.severity, Severity::kMalicious);
  EXPECT_EQ(f.location.offset, 3u);
  EXPECT_EQ(f.location.end, 40u);
  EXPECT_TRUE(f.location.has_offset);
  EXPECT_EQ(f.category, "instruction-override");
  EXPECT_DOUBLE_EQ(f.score, 0.95);
  EXPECT_NE(f.message.find("inside rot13"), std::string::npos);
  EXPECT_EQ(ToFinding(d, Action::kFlag).severity, Severity::kSuspicious);
}

}  // namespace
}  // namespace aigis::guard
