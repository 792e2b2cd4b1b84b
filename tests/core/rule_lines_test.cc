#include "core/rule_lines.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace aigis {
namespace {

TEST(RuleLinesTest, TrimsCommentsBlankLinesAndCarriageReturns) {
  std::vector<std::pair<size_t, std::string>> got;
  Status st = ForEachRuleLine("os.system\r\n\n  # only a comment\n\tposix.system  # why\r\nlast",
                              [&](size_t n, std::string_view line) {
                                got.emplace_back(n, std::string(line));
                                return Status::Ok();
                              });
  ASSERT_TRUE(st.ok());
  std::vector<std::pair<size_t, std::string>> want = {
      {1, "os.system"}, {4, "posix.system"}, {5, "last"}};
  EXPECT_EQ(got, want);
}

TEST(RuleLinesTest, StopsAtTheFirstError) {
  size_t calls = 0;
  Status st = ForEachRuleLine("a\nb\nc\n", [&](size_t n, std::string_view) {
    ++calls;
    return n == 2 ? Status::Malformed("line 2") : Status::Ok();
  });
  EXPECT_EQ(st.code(), StatusCode::kMalformed);
  EXPECT_EQ(calls, 2u);
}

TEST(RuleLinesTest, EmptyAndCommentOnlyTextCallNothing) {
  size_t calls = 0;
  auto count = [&](size_t, std::string_view) {
    ++calls;
    return Status::Ok();
  };
  EXPECT_TRUE(ForEachRuleLine("", count).ok());
  EXPECT_TRUE(ForEachRuleLine("# x\n   \n\r\n#", count).ok());
  EXPECT_EQ(calls, 0u);
  EXPECT_EQ(TrimRuleText(" \t a b \r"), "a b");
}

}  // namespace
}  // namespace aigis
