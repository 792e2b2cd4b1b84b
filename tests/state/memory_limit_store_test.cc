#include "state/memory_limit_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace aigis::state {
namespace {

class MemoryLimitStoreTest : public ::testing::Test {
 protected:
  int64_t now_ = 1'000'000;  // fake clock, ms; a multiple of the 1000 ms window
  MemoryLimitStore store_{[this] { return now_; }};
};

TEST_F(MemoryLimitStoreTest, RequestRateSlidesOut) {
  LimitPolicy p{.requests_per_window = 3, .window_ms = 1000};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(store_.Reserve("k", p, 0).decision, Decision::kAllowed);
  EXPECT_EQ(store_.Reserve("k", p, 0).decision, Decision::kRateLimited);
  EXPECT_EQ(store_.Reserve("other", p, 0).decision, Decision::kAllowed) << "keys are independent";
  now_ += 1000;  // start of the next window: the previous one still counts fully
  EXPECT_EQ(store_.Reserve("k", p, 0).decision, Decision::kRateLimited);
  now_ += 700;  // 30% of the previous window overlaps: 3 * 0.3 = 0.9, so two more fit
  EXPECT_EQ(store_.Reserve("k", p, 0).decision, Decision::kAllowed);
  EXPECT_EQ(store_.Reserve("k", p, 0).decision, Decision::kAllowed);
  EXPECT_EQ(store_.Reserve("k", p, 0).decision, Decision::kRateLimited);
  now_ += 2000;
  EXPECT_EQ(store_.Reserve("k", p, 0).decision, Decision::kAllowed);
}

TEST_F(MemoryLimitStoreTest, TokenRateUsesEstimateThenActual) {
  LimitPolicy p{.tokens_per_window = 1000, .window_ms = 1000};
  auto a = store_.Reserve("k", p, 800);
  ASSERT_EQ(a.decision, Decision::kAllowed);
  EXPECT_EQ(store_.Reserve("k", p, 300).decision, Decision::kTokenRateLimited);
  ASSERT_TRUE(store_.Reconcile(a.reservation, 100).ok());  // used far less than estimated
  EXPECT_EQ(store_.Reserve("k", p, 300).decision, Decision::kAllowed);
}

TEST_F(MemoryLimitStoreTest, BudgetNeverExpires) {
  LimitPolicy p{.window_ms = 1000, .token_budget = 500};
  auto a = store_.Reserve("k", p, 400);
  ASSERT_EQ(a.decision, Decision::kAllowed);
  ASSERT_TRUE(store_.Reconcile(a.reservation, 450).ok());  // used more than estimated
  EXPECT_EQ(*store_.BudgetSpent("k"), 450);
  now_ += 100'000;
  EXPECT_EQ(store_.Reserve("k", p, 100).decision, Decision::kBudgetExhausted);
  EXPECT_EQ(store_.Reserve("k", p, 50).decision, Decision::kAllowed);
}

TEST_F(MemoryLimitStoreTest, ConcurrencySlotsAreReleasedOrExpire) {
  LimitPolicy p{.max_concurrent = 2, .lease_ms = 5000};
  auto a = store_.Reserve("k", p, 0);
  auto b = store_.Reserve("k", p, 0);
  ASSERT_EQ(a.decision, Decision::kAllowed);
  ASSERT_EQ(b.decision, Decision::kAllowed);
  EXPECT_EQ(store_.Reserve("k", p, 0).decision, Decision::kConcurrencyLimited);
  ASSERT_TRUE(store_.Reconcile(a.reservation, 0).ok());
  auto c = store_.Reserve("k", p, 0);
  EXPECT_EQ(c.decision, Decision::kAllowed);
  EXPECT_EQ(store_.Reserve("k", p, 0).decision, Decision::kConcurrencyLimited);
  now_ += 5001;  // b and c crashed without releasing: their leases expire
  EXPECT_EQ(store_.Reserve("k", p, 0).decision, Decision::kAllowed);
}

TEST_F(MemoryLimitStoreTest, DeniedReservationCountsNothing) {
  LimitPolicy p{.requests_per_window = 10, .window_ms = 1000, .token_budget = 100};
  EXPECT_EQ(store_.Reserve("k", p, 200).decision, Decision::kBudgetExhausted);
  EXPECT_EQ(*store_.BudgetSpent("k"), 0);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(store_.Reserve("k", p, 1).decision, Decision::kAllowed);
}

TEST_F(MemoryLimitStoreTest, NegativeTokenCountsAreClampedNotRefunded) {
  LimitPolicy p{.window_ms = 1000, .token_budget = 100};
  auto a = store_.Reserve("k", p, -1000);
  ASSERT_EQ(a.decision, Decision::kAllowed);
  ASSERT_TRUE(store_.Reconcile(a.reservation, -5000).ok());
  EXPECT_EQ(*store_.BudgetSpent("k"), 0);
  EXPECT_EQ(store_.Reserve("k", p, 101).decision, Decision::kBudgetExhausted);
}

// Same idempotency as the Redis store: a retried Reconcile (or a cancel after a settle) changes
// nothing, and the correction uses the store's own record of the estimate, not the caller's copy.
TEST_F(MemoryLimitStoreTest, ReconcileIsIdempotentPerReservation) {
  LimitPolicy p{
      .tokens_per_window = 1000, .window_ms = 1000, .max_concurrent = 1, .token_budget = 1000};
  auto a = store_.Reserve("k", p, 400);
  ASSERT_EQ(a.decision, Decision::kAllowed);
  Reservation tampered = a.reservation;
  tampered.estimated_tokens = 5000;
  ASSERT_TRUE(store_.Reconcile(tampered, 100).ok());
  ASSERT_TRUE(store_.Reconcile(a.reservation, 100).ok());
  ASSERT_TRUE(store_.Reconcile(a.reservation, 0).ok());
  EXPECT_EQ(*store_.BudgetSpent("k"), 100);
  EXPECT_EQ(
      store_.Reserve("k", LimitPolicy{.tokens_per_window = 1000, .window_ms = 1000}, 901).decision,
      Decision::kTokenRateLimited);
  EXPECT_TRUE(store_.Reconcile(Reservation{"nokey", "m99", 0, 10, true}, 0).ok());
  EXPECT_TRUE(store_.Reconcile(Reservation{"k", "m99", 0, 10, true}, 0).ok());
  EXPECT_EQ(*store_.BudgetSpent("k"), 100);
}

TEST(MemoryLimitStoreThreadsTest, ConcurrentReserversNeverExceedBudget) {
  MemoryLimitStore store;
  LimitPolicy p{.token_budget = 10'000};
  std::atomic<int> allowed{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < 8; ++t)
    ts.emplace_back([&] {
      for (;;) {
        auto r = store.Reserve("team", p, 100);
        if (r.decision != Decision::kAllowed) break;
        ++allowed;
        ASSERT_TRUE(store.Reconcile(r.reservation, 100).ok());
      }
    });
  for (auto& t : ts) t.join();
  EXPECT_EQ(allowed, 100);
  EXPECT_EQ(*store.BudgetSpent("team"), 10'000);
}

TEST(DecisionNameTest, Names) {
  EXPECT_EQ(DecisionName(Decision::kStoreUnavailable), "store_unavailable");
  EXPECT_EQ(DecisionName(Decision::kAllowed), "allowed");
}

}  // namespace
}  // namespace aigis::state
