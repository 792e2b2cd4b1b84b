#include "guard/classifier/features.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace aigis::guard::classifier {
namespace {

TEST(CompactTextTest, CollapsesWhitespaceAndDigits) {
  std::string out;
  CompactText("  Ignore \n\t PREVIOUS 2024 rules  ", &out);
  EXPECT_EQ(out, "ignore previous 0000 rules");
  CompactText("", &out);
  EXPECT_EQ(out, "");
}

TEST(CompactTextTest, MatchesTheDefinitionOnArbitraryBytes) {
  uint64_t x = 99;
  std::string out;
  for (size_t len = 0; len < 200; ++len) {
    std::string in;
    for (size_t k = 0; k < len; ++k) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      // Mostly whitespace, digits, letters and NUL, some high bytes.
      static const char kPool[] = " \t\n\r\v\f09AZaz._";
      in.push_back((x >> 60) < 12 ? kPool[(x >> 32) % (sizeof(kPool) - 1)]
                                  : static_cast<char>(x >> 56));
    }
    std::string want;
    bool space = false;
    for (char ch : in) {
      if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f') {
        space = true;
        continue;
      }
      if (space && !want.empty()) want.push_back(' ');
      space = false;
      if (ch >= '0' && ch <= '9') ch = '0';
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      want.push_back(ch);
    }
    CompactText(in, &out);
    EXPECT_EQ(out, want) << "length " << len;
  }
}

TEST(ForEachFeatureTest, CountsCharAndWordNgrams) {
  FeatureConfig cfg;  // chars 2..5, words 1..2
  size_t n = 0;
  std::map<size_t, size_t> by_pos;
  ForEachFeature("ab cd", cfg, [&](uint32_t b, int sign, size_t pos) {
    EXPECT_LT(b, 1u << cfg.log2_buckets);
    EXPECT_TRUE(sign == 1 || sign == -1);
    ++n;
    ++by_pos[pos];
  });
  // chars (lengths 2..5, clipped at the end): positions 0..3 give 4+3+2+1 = 10; words: "ab" at 0,
  // "cd" and "ab cd" at 3: 3.
  EXPECT_EQ(n, 13u);
  EXPECT_EQ(by_pos[0], 5u);
  EXPECT_EQ(by_pos[1], 3u);
  EXPECT_EQ(by_pos[2], 2u);
  EXPECT_EQ(by_pos[3], 3u);
  EXPECT_EQ(by_pos[4], 0u);
}

TEST(ForEachFeatureTest, DeterministicAndSpread) {
  FeatureConfig cfg;
  std::vector<uint32_t> a, b;
  ForEachFeature("ignore all previous instructions", cfg,
                 [&](uint32_t x, int, size_t) { a.push_back(x); });
  ForEachFeature("ignore all previous instructions", cfg,
                 [&](uint32_t x, int, size_t) { b.push_back(x); });
  EXPECT_EQ(a, b);
  std::sort(a.begin(), a.end());
  EXPECT_GT(std::unique(a.begin(), a.end()) - a.begin(), 100);  // few collisions in 2^18
}

TEST(ForEachFeatureTest, NoWordFeaturesWhenDisabled) {
  FeatureConfig cfg;
  cfg.word_max = 0;
  cfg.char_min = cfg.char_max = 3;
  size_t n = 0;
  ForEachFeature("abcdef", cfg, [&](uint32_t, int, size_t) { ++n; });
  EXPECT_EQ(n, 4u);
}

// A direct transcription of the feature definition (model version 2: the n-gram's bytes as a
// little-endian integer times the length's multiplier; bucket = top bits, sign = the bit below),
// against which the 8-byte-load loop and its tail are checked.
std::vector<std::tuple<uint32_t, int, size_t>> ReferenceCharFeatures(std::string_view s,
                                                                     const FeatureConfig& cfg) {
  static constexpr uint64_t kMul[9] = {0,
                                       0x9e3779b97f4a7c15ULL,
                                       0xbf58476d1ce4e5b9ULL,
                                       0x94d049bb133111ebULL,
                                       0xff51afd7ed558ccdULL,
                                       0xc4ceb9fe1a85ec53ULL,
                                       0xd6e8feb86659fd93ULL,
                                       0xa0761d6478bd642fULL,
                                       0xe7037ed1a0b428dbULL};
  std::vector<std::tuple<uint32_t, int, size_t>> out;
  const unsigned shift = 64u - cfg.log2_buckets;
  for (size_t i = 0; i < s.size(); ++i) {
    for (size_t len = cfg.char_min; len <= cfg.char_max && i + len <= s.size(); ++len) {
      uint64_t key = 0;
      for (size_t k = 0; k < len; ++k)
        key |= uint64_t{static_cast<unsigned char>(s[i + k])} << (8 * k);
      uint64_t m = key * kMul[len];
      out.emplace_back(static_cast<uint32_t>(m >> shift), ((m >> (shift - 1)) & 1) ? 1 : -1, i);
    }
  }
  return out;
}

TEST(ForEachFeatureTest, CharFeaturesMatchTheDefinition) {
  uint64_t x = 12345;
  for (int min_max : {25, 13, 35, 22, 11, 18, 88}) {
    FeatureConfig cfg;
    cfg.word_max = 0;
    cfg.char_min = static_cast<uint8_t>(min_max / 10);
    cfg.char_max = static_cast<uint8_t>(min_max % 10);
    for (size_t len = 0; len < 48; ++len) {
      std::string s;
      for (size_t k = 0; k < len; ++k) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        s.push_back(static_cast<char>(x >> 56));
      }
      std::vector<std::tuple<uint32_t, int, size_t>> got;
      ForEachFeature(s, cfg,
                     [&](uint32_t b, int sign, size_t pos) { got.emplace_back(b, sign, pos); });
      EXPECT_EQ(got, ReferenceCharFeatures(s, cfg)) << "config " << min_max << " length " << len;
    }
  }
}

TEST(SparseFeaturesTest, SortedUniqueAndNormalised) {
  FeatureConfig cfg;
  std::vector<std::pair<uint32_t, float>> v;
  SparseFeatures("aaaa aaaa", cfg, &v);
  ASSERT_FALSE(v.empty());
  size_t total = 0;
  ForEachFeature("aaaa aaaa", cfg, [&](uint32_t, int, size_t) { ++total; });
  double sum_abs = 0;
  for (size_t i = 1; i < v.size(); ++i) EXPECT_LT(v[i - 1].first, v[i].first);
  for (const auto& [b, x] : v) sum_abs += std::fabs(x);
  // Repeated n-grams are summed, so the absolute sum equals total/sqrt(total) when no signs
  // cancel; it can never exceed it.
  EXPECT_LE(sum_abs, total / std::sqrt(double(total)) + 1e-4);
  SparseFeatures("", cfg, &v);
  EXPECT_TRUE(v.empty());
}

}  // namespace
}  // namespace aigis::guard::classifier
