#include "guard/pattern_set.h"

#include <gtest/gtest.h>

namespace aigis::guard {
namespace {

TEST(PatternSetTest, FindsLeftmostStarts) {
  auto set =
      PatternSet::Compile({{"a", "foo[^\\n]{0,10}bar", false}, {"b", "\\bbaz\\b", true}}, 64);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  auto sc = PatternScanner::Create(*set);
  ASSERT_TRUE(sc.ok());
  std::vector<RawMatch> m;
  ASSERT_TRUE(sc->Scan("xx foo 1 bar BAZ", 100, &m).ok());
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].index, 0u);
  EXPECT_EQ(m[0].from, 3u);
  EXPECT_EQ(m[0].to, 12u);
  EXPECT_EQ(m[1].index, 1u);
  EXPECT_EQ(m[1].from, 13u);
}

TEST(PatternSetTest, RejectsUnboundedAndBadPatterns) {
  auto unbounded = PatternSet::Compile({{"u", "a.*b", false}}, 64);
  ASSERT_FALSE(unbounded.ok());
  EXPECT_NE(unbounded.status().message().find("u"), std::string::npos);
  EXPECT_FALSE(PatternSet::Compile({{"w", "a{0,100}b", false}}, 64).ok());  // too wide
  EXPECT_FALSE(PatternSet::Compile({{"bad", "(unclosed", false}}, 64).ok());
  EXPECT_FALSE(PatternSet::Compile({{"empty", "a?", false}}, 64).ok());
}

TEST(PatternSetTest, MatchCapIsLimitExceeded) {
  auto set = PatternSet::Compile({{"a", "a", false}}, 8);
  ASSERT_TRUE(set.ok());
  auto sc = PatternScanner::Create(*set);
  ASSERT_TRUE(sc.ok());
  std::vector<RawMatch> m;
  Status st = sc->Scan("aaaaaaaaaa", 4, &m);
  EXPECT_EQ(st.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(m.size(), 4u);  // kept what was found
}

// Regression: Vectorscan 5.4.9 missed matches ending near the buffer end at some alignments;
// the scanner pads its copy, so every alignment and every end position must be found.
TEST(PatternSetTest, MatchesAtBufferEndAtEveryAlignment) {
  auto set = PatternSet::Compile({{"e", "[a-z]{1,3}@[a-z]{1,10}\\.com\\b", false}}, 64);
  ASSERT_TRUE(set.ok());
  auto sc = PatternScanner::Create(*set);
  ASSERT_TRUE(sc.ok());
  std::string buf(512, ' ');
  for (size_t off = 0; off < 64; ++off) {
    for (size_t len : {30u, 110u, 200u}) {
      std::string text = std::string(off, ' ') + std::string(len - 12, ' ') + "tig@jour.com";
      std::vector<RawMatch> m;
      ASSERT_TRUE(sc->Scan(text, 10, &m).ok());
      ASSERT_EQ(m.size(), 1u) << "off " << off << " len " << len;
      EXPECT_EQ(m[0].to, text.size());
      EXPECT_EQ(m[0].from, text.size() - 12);
    }
  }
}

TEST(PatternSetTest, ScanRangeReportsFullTextOffsets) {
  auto set = PatternSet::Compile({{"d", "\\b\\d{3}\\b", false}}, 16);
  ASSERT_TRUE(set.ok());
  auto sc = PatternScanner::Create(*set);
  ASSERT_TRUE(sc.ok());
  std::vector<RawMatch> m;
  std::string text = "abc 123 def 456 ghi";
  ASSERT_TRUE(sc->ScanRange(text, 10, 19, 10, &m).ok());
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].from, 12u);
  EXPECT_EQ(m[0].to, 15u);
}

TEST(PatternSetTest, EmptySetFindsNothing) {
  auto set = PatternSet::Compile({}, 8);
  ASSERT_TRUE(set.ok());
  auto sc = PatternScanner::Create(*set);
  ASSERT_TRUE(sc.ok());
  std::vector<RawMatch> m;
  EXPECT_TRUE(sc->Scan("anything", 10, &m).ok());
  EXPECT_TRUE(m.empty());
}

}  // namespace
}  // namespace aigis::guard
