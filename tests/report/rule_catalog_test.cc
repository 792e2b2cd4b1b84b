#include "report/rule_catalog.h"

#include <gtest/gtest.h>

namespace aigis::report {
namespace {

TEST(RuleCatalogTest, ExactThenFamily) {
  const RuleInfo* exact = FindRule("pickle.global.denied");
  ASSERT_NE(exact, nullptr);
  EXPECT_EQ(exact->id, "pickle.global.denied");
  const RuleInfo* family = FindRule("pickle.malformed");
  ASSERT_NE(family, nullptr);
  EXPECT_EQ(family->id, "pickle");
  EXPECT_EQ(FindRule("picklex.y"), nullptr);
  EXPECT_EQ(FindRule("nothing"), nullptr);
}

}  // namespace
}  // namespace aigis::report
