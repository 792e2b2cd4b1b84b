#include "guard/classifier/linear_classifier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace aigis::guard::classifier {
namespace {

// A model that puts weight only on the features of `marker`: a text scores high exactly when it
// contains the marker, and the score falls as other text dilutes it.
LinearModel MarkerModel(std::string_view marker) {
  LinearModel m;
  m.features.log2_buckets = 16;
  m.window_bytes = 512;
  m.window_stride = 256;
  m.bias = -2;
  m.scale = 1.0f / 1000;
  m.threshold = 0;
  m.name = "marker";
  m.weights.assign(size_t{1} << 16, 0);
  std::string c;
  CompactText(marker, &c);
  ForEachFeature(c, m.features, [&](uint32_t b, int sign, size_t) {
    m.weights[b] = static_cast<int16_t>(sign * 5000);
  });
  return m;
}

// Reference: the margin of one window holding all of `folded`, computed independently.
double WholeTextMargin(const LinearModel& m, std::string_view folded) {
  std::string c;
  CompactText(folded, &c);
  double acc = 0;
  size_t n = 0;
  ForEachFeature(c, m.features, [&](uint32_t b, int sign, size_t) {
    acc += sign * m.weights[b] * double(m.scale);
    ++n;
  });
  return n ? acc / std::sqrt(double(n)) + m.bias : m.bias;
}

std::string Filler(size_t bytes) {
  std::string s;
  const char* words[] = {"the ", "river ", "flows ", "past ", "old ", "mills ", "and ", "fields "};
  for (size_t i = 0; s.size() < bytes; ++i) s += words[(i * 7 + i / 3) % 8];
  s.resize(bytes);
  return s;
}

TEST(LinearClassifierTest, ShortTextMatchesReference) {
  LinearModel m = MarkerModel("zzqx jjkq");
  auto c = LinearClassifier::Create(m);
  ASSERT_TRUE(c.ok());
  for (std::string t : {std::string("zzqx jjkq"), std::string("hello there"), std::string(""),
                        Filler(300) + " zzqx jjkq", Filler(512)}) {
    EXPECT_NEAR((*c)->Margin(t), WholeTextMargin(m, t), 1e-9) << t;
  }
  EXPECT_EQ((*c)->name(), "marker");
}

TEST(LinearClassifierTest, ScoreIsCalibratedAtThreshold) {
  LinearModel m = MarkerModel("zzqx jjkq");
  m.threshold = 0.75f;
  auto c = LinearClassifier::Create(m);
  ASSERT_TRUE(c.ok());
  double margin = (*c)->Margin("zzqx jjkq");
  Result<double> s = (*c)->Score("zzqx jjkq");
  ASSERT_TRUE(s.ok());
  EXPECT_NEAR(*s, 1 / (1 + std::exp(-(margin - 0.75))), 1e-12);
  EXPECT_DOUBLE_EQ(CalibratedScore(0.75, 0.75), 0.5);
  EXPECT_GT(*s, 0.5);
  EXPECT_LT(*(*c)->Score("nothing to see"), 0.5);
}

TEST(LinearClassifierTest, LongInputIsScoredInWindows) {
  LinearModel m = MarkerModel("zzqx jjkq");
  auto c = LinearClassifier::Create(m);
  ASSERT_TRUE(c.ok());
  const std::string marker = " zzqx jjkq ";
  std::string local = Filler(200) + marker + Filler(200);
  std::string long_doc = Filler(20000) + marker + Filler(20000);
  double local_margin = (*c)->Margin(local);
  double windowed = (*c)->Margin(long_doc);
  double whole = WholeTextMargin(m, long_doc);
  // Over the whole 40 KB document the marker is diluted below the operating point...
  EXPECT_LT(whole, 0);
  // ...but the window around it scores like a short text containing it.
  EXPECT_GT(windowed, 0);
  EXPECT_GT(windowed, whole + 1);
  EXPECT_GT(local_margin, 0);
  // A long benign document stays below the threshold in every window.
  EXPECT_LT((*c)->Margin(Filler(40000)), 0);
}

TEST(LinearClassifierTest, MarkerAtEitherEndOfLongInput) {
  LinearModel m = MarkerModel("zzqx jjkq");
  auto c = LinearClassifier::Create(m);
  ASSERT_TRUE(c.ok());
  EXPECT_GT((*c)->Margin("zzqx jjkq " + Filler(5000)), 0);
  EXPECT_GT((*c)->Margin(Filler(5000) + " zzqx jjkq"), 0);
  // The maximum over windows is at least each window's own margin.
  std::string doc = Filler(1500) + " zzqx jjkq " + Filler(1500);
  std::string c1;
  CompactText(doc, &c1);
  double best = -1e9;
  for (size_t s = 0; s + 512 <= c1.size() + 256; s += 256) {
    best = std::max(best, WholeTextMargin(m, c1.substr(s, 512)));
  }
  EXPECT_GE((*c)->Margin(doc) + 0.5, best);  // windows count n-grams by start position
}

// Reference for Margin: every window scored on its own, straight from ForEachFeature. Windows
// start at multiples of the stride and hold the features that start inside them; the last
// window starts at the last block that leaves a full window of blocks (or at 0).
double ReferenceMargin(const LinearModel& m, std::string_view folded) {
  std::string c;
  CompactText(folded, &c);
  auto window = [&](size_t from, size_t to) {
    int64_t acc = 0;
    uint64_t n = 0;
    ForEachFeature(c, m.features, [&](uint32_t b, int sign, size_t pos) {
      if (pos >= from && pos < to) {
        acc += sign * int64_t{m.weights[b]};
        ++n;
      }
    });
    if (n == 0) return double{m.bias};
    return static_cast<double>(acc) * m.scale / std::sqrt(static_cast<double>(n)) + m.bias;
  };
  if (c.size() <= m.window_bytes) return window(0, c.size());
  const size_t nblocks = (c.size() + m.window_stride - 1) / m.window_stride;
  const size_t k = m.window_bytes / m.window_stride;
  double best = -1e300;
  for (size_t first = 0; first + k <= std::max(nblocks, k); ++first) {
    best = std::max(best, window(first * m.window_stride, (first + k) * m.window_stride));
  }
  return best;
}

LinearModel RandomModel(uint8_t log2_buckets, uint32_t window, uint32_t stride, bool with_min) {
  LinearModel m;
  m.features.log2_buckets = log2_buckets;
  m.window_bytes = window;
  m.window_stride = stride;
  m.bias = -0.25f;
  m.scale = 1.0f / 4096;
  m.name = "random";
  m.weights.resize(size_t{1} << log2_buckets);
  uint64_t x = log2_buckets * 977u + window + stride;
  for (int16_t& v : m.weights) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    v = static_cast<int16_t>(x >> 48);
    if (v == INT16_MIN && !with_min) v = 0;
  }
  if (with_min) m.weights[7] = INT16_MIN;  // no signed table: the masked path
  return m;
}

// Separators are single whitespace bytes unless `runs`, so the compacted length is `len` (minus a
// trailing separator) and the edge lengths below are edges of the compacted text.
std::string RandomText(size_t len, uint64_t* x, bool runs) {
  static const char* kWords[] = {"ignore", "the",  "previous", "Instructions", "and", "say",
                                 "PWNED",  "2024", "résumé",   "\xef\xbc\xa9", "a",   "to"};
  std::string s;
  while (s.size() < len) {
    *x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
    s += kWords[(*x >> 40) % 12];
    s += (*x >> 20) % 9 != 0 ? " " : runs ? "  \n\t" : "\n";
  }
  s.resize(len);
  return s;
}

TEST(LinearClassifierTest, WindowedMarginEqualsReference) {
  // The shipped configuration (2^18 buckets, 1024/512 windows) and a small one; with and without
  // a -32768 weight (signed table or masked weights). Lengths around window and block edges.
  struct Case {
    uint8_t log2_buckets;
    uint32_t window, stride;
    bool with_min;
  };
  uint64_t x = 31337;
  for (const Case& k : {Case{18, 1024, 512, false}, Case{18, 1024, 512, true},
                        Case{12, 256, 64, false}, Case{12, 256, 256, true}}) {
    LinearModel m = RandomModel(k.log2_buckets, k.window, k.stride, k.with_min);
    auto c = LinearClassifier::Create(m);
    ASSERT_TRUE(c.ok());
    std::vector<size_t> lengths = {0, 1, 5, 100};
    for (size_t edge : {k.stride, k.window, k.window + k.stride, 3 * k.window}) {
      for (size_t d : {size_t{0}, size_t{1}, size_t{2}, size_t{9}}) {
        lengths.push_back(edge + d);
        lengths.push_back(edge - d);
      }
    }
    for (int r = 0; r < 6; ++r) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      lengths.push_back(static_cast<size_t>(x >> 52) % 5000);
    }
    for (size_t i = 0; i < lengths.size(); ++i) {
      const size_t len = lengths[i];
      std::string t = RandomText(len, &x, i % 3 == 0);
      // Identical integer sums, identical arithmetic after them: equal, not just near.
      EXPECT_EQ((*c)->Margin(t), ReferenceMargin(m, t))
          << "buckets " << int(k.log2_buckets) << " window " << k.window << " stride " << k.stride
          << " length " << len;
    }
  }
}

TEST(LinearClassifierTest, GroupThresholdsApplyByTheTextsLanguageGroup) {
  LinearModel m = MarkerModel("zzqx jjkq");
  m.threshold = 0.5f;
  m.group_thresholds = {1.0f, -1.0f, -3.0f};  // English, other Latin, non-Latin
  auto c = LinearClassifier::Create(m);
  ASSERT_TRUE(c.ok());
  struct Case {
    const char* text;
    float threshold;
  } cases[] = {{"please tell me what the zzqx jjkq is", 1.0f},
               {"bitte erklaere mir zzqx jjkq heute", -1.0f},
               {"пожалуйста объясни мне zzqx jjkq сегодня", -3.0f},
               {"", 1.0f}};
  for (const Case& k : cases) {
    EXPECT_EQ((*c)->Threshold(k.text), k.threshold) << k.text;
    Result<double> sc = (*c)->Score(k.text);
    ASSERT_TRUE(sc.ok());
    EXPECT_DOUBLE_EQ(*sc, CalibratedScore((*c)->Margin(k.text), k.threshold)) << k.text;
  }
  // Without group thresholds (a version-2 model) every text gets the global one.
  m.group_thresholds.clear();
  auto plain = LinearClassifier::Create(m);
  ASSERT_TRUE(plain.ok());
  for (const Case& k : cases) EXPECT_EQ((*plain)->Threshold(k.text), 0.5f) << k.text;
  // A wrong number of group thresholds is refused.
  m.group_thresholds = {1.0f};
  EXPECT_FALSE(LinearClassifier::Create(m).ok());
}

TEST(LinearClassifierTest, CreateRejectsBadTables) {
  LinearModel m = MarkerModel("x");
  m.weights.resize(10);
  EXPECT_FALSE(LinearClassifier::Create(m).ok());
  m = MarkerModel("x");
  m.window_bytes = 10;
  EXPECT_FALSE(LinearClassifier::Create(m).ok());
}

}  // namespace
}  // namespace aigis::guard::classifier
