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

// The splitter runs in the compiler too (the built-in pickle lists become tables there): the
// first bad line's number and message come back without exceptions.
constexpr RuleLineError FirstLineWithoutDot(std::string_view text) {
  return ScanRuleLines(text, [](size_t, size_t, std::string_view line) -> const char* {
    return FindRuleChar(line, '.') == std::string_view::npos ? "no dot" : nullptr;
  });
}
static_assert(FirstLineWithoutDot("a.b\n# c\n\n  d.e # f\r\nbad\ng.h").line == 5);
static_assert(FirstLineWithoutDot("a.b\n  # x\r\n").ok());
static_assert(TrimRuleText(" \t a b \r") == "a b");

TEST(RuleLinesTest, ScanGivesEachLineItsOffsetInTheText) {
  const std::string_view text = "x.y\n  # c\n\t a.b # tail\r\n";
  std::vector<std::pair<size_t, size_t>> got;  // (line, offset)
  RuleLineError err = ScanRuleLines(text, [&](size_t n, size_t off, std::string_view line) {
    EXPECT_EQ(text.substr(off, line.size()), line);
    got.emplace_back(n, off);
    return static_cast<const char*>(nullptr);
  });
  EXPECT_TRUE(err.ok());
  std::vector<std::pair<size_t, size_t>> want = {{1, 0}, {3, 12}};
  EXPECT_EQ(got, want);
  err = ScanRuleLines(text, [](size_t n, size_t, std::string_view) {
    return n == 3 ? "bad" : static_cast<const char*>(nullptr);
  });
  EXPECT_EQ(err.line, 3u);
  EXPECT_STREQ(err.message, "bad");
}

}  // namespace
}  // namespace aigis
