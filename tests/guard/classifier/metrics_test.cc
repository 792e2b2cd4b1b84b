#include "guard/classifier/metrics.h"

#include <gtest/gtest.h>

namespace aigis::guard::classifier {
namespace {

TEST(MetricsTest, ConfusionAndRates) {
  std::vector<Scored> s = {{0.9, true},  {0.8, true},  {0.2, true},
                           {0.7, false}, {0.1, false}, {0.05, false}};
  Confusion c = ConfusionAt(s, 0.5);
  EXPECT_EQ(c.tp, 2u);
  EXPECT_EQ(c.fn, 1u);
  EXPECT_EQ(c.fp, 1u);
  EXPECT_EQ(c.tn, 2u);
  EXPECT_DOUBLE_EQ(c.Precision(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(c.Recall(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(c.Fpr(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(c.BalancedAccuracy(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(c.F1(), 2.0 / 3);
}

TEST(MetricsTest, RocAuc) {
  EXPECT_DOUBLE_EQ(RocAuc({{1, true}, {0, false}}), 1.0);
  EXPECT_DOUBLE_EQ(RocAuc({{0, true}, {1, false}}), 0.0);
  EXPECT_DOUBLE_EQ(RocAuc({{0.5, true}, {0.5, false}}), 0.5);  // tie counts half
  // 3 positives x 3 negatives, one inversion (0.2 < 0.7): 8/9.
  EXPECT_NEAR(
      RocAuc({{0.9, true}, {0.8, true}, {0.2, true}, {0.7, false}, {0.1, false}, {0.05, false}}),
      8.0 / 9, 1e-12);
  EXPECT_EQ(RocAuc({{1, true}}), 0.0);  // one class only
}

TEST(MetricsTest, RecallAtFpr) {
  std::vector<Scored> s;
  for (int i = 0; i < 100; ++i) s.push_back({i / 100.0, false});  // negatives 0.00 .. 0.99
  for (int i = 0; i < 10; ++i) s.push_back({0.995 - i * 0.1, true});
  // 1% of 100 negatives = 1 allowed: threshold just under 0.99 admits positives above 0.98.
  EXPECT_DOUBLE_EQ(RecallAtFpr(s, 0.01), 0.1);
  EXPECT_DOUBLE_EQ(RecallAtFpr(s, 0.0), 0.1);
  // 11 negatives allowed (0.99 down to 0.89): positives 0.995 and 0.895.
  EXPECT_DOUBLE_EQ(RecallAtFpr(s, 0.11), 0.2);
  EXPECT_DOUBLE_EQ(RecallAtFpr(s, 1.0), 1.0);
  EXPECT_EQ(RecallAtFpr({{1, false}}, 0.5), 0.0);
}

}  // namespace
}  // namespace aigis::guard::classifier
