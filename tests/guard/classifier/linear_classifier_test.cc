#include "guard/classifier/linear_classifier.h"

#include <gtest/gtest.h>

#include <cmath>

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
