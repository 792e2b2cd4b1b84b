#include "gateway/quota.h"

#include <gtest/gtest.h>

#include <thread>

namespace aigis::gateway {
namespace {

TEST(MemoryQuotaStore, RequestRateRefills) {
  double now = 0;
  MemoryQuotaStore q([&] { return now; });
  KeyLimits l;
  l.requests_per_minute = 2;
  QuotaReason why;
  auto a = q.Admit("k", l, 0, &why);
  auto b = q.Admit("k", l, 0, &why);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_FALSE(q.Admit("k", l, 0, &why).ok());
  EXPECT_EQ(why, QuotaReason::kRequests);
  EXPECT_TRUE(q.Admit("other", l, 0, &why).ok());  // per key
  now = 30;                                        // half a minute refills one request
  EXPECT_TRUE(q.Admit("k", l, 0, &why).ok());
  EXPECT_FALSE(q.Admit("k", l, 0, &why).ok());
}

TEST(MemoryQuotaStore, TokensReserveAndSettle) {
  double now = 0;
  MemoryQuotaStore q([&] { return now; });
  KeyLimits l;
  l.tokens_per_minute = 1000;
  QuotaReason why;
  EXPECT_FALSE(q.Admit("k", l, 1001, &why).ok());  // can never fit
  EXPECT_EQ(why, QuotaReason::kTokens);
  auto r = q.Admit("k", l, 800, &why);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(q.Admit("k", l, 300, &why).ok());  // 200 left while 800 are reserved
  q.Settle(*r, 100);                              // the call used 100: 700 come back
  EXPECT_TRUE(q.Admit("k", l, 300, &why).ok());
}

TEST(MemoryQuotaStore, OvershootIsPaidBack) {
  double now = 0;
  MemoryQuotaStore q([&] { return now; });
  KeyLimits l;
  l.tokens_per_minute = 600;
  QuotaReason why;
  auto r = q.Admit("k", l, 100, &why);
  ASSERT_TRUE(r.ok());
  q.Settle(*r, 700);  // the upstream used more than reserved: bucket at -100
  EXPECT_FALSE(q.Admit("k", l, 1, &why).ok());
  now = 11;  // 110 tokens refilled
  EXPECT_TRUE(q.Admit("k", l, 5, &why).ok());
}

TEST(MemoryQuotaStore, ConcurrencyAndBudget) {
  MemoryQuotaStore q;
  KeyLimits l;
  l.max_concurrent = 2;
  l.token_budget = 1000;
  QuotaReason why;
  auto a = q.Admit("k", l, 400, &why);
  auto b = q.Admit("k", l, 400, &why);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_FALSE(q.Admit("k", l, 1, &why).ok());
  EXPECT_EQ(why, QuotaReason::kConcurrency);
  q.Settle(*a, 50);
  EXPECT_EQ(q.BudgetUsed("k"), 450u);
  EXPECT_FALSE(q.Admit("k", l, 600, &why).ok());
  EXPECT_EQ(why, QuotaReason::kBudget);
  EXPECT_TRUE(q.Admit("k", l, 500, &why).ok());
}

// Many threads race for a budget; reservations make the total admitted never exceed it.
TEST(MemoryQuotaStore, BudgetHoldsUnderConcurrency) {
  MemoryQuotaStore q;
  KeyLimits l;
  l.token_budget = 10000;
  std::atomic<uint64_t> admitted{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < 8; ++t)
    ts.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        QuotaReason why;
        auto r = q.Admit("k", l, 37, &why);
        if (!r.ok()) continue;
        admitted += 37;
        q.Settle(*r, 37);
      }
    });
  for (auto& t : ts) t.join();
  EXPECT_LE(admitted.load(), 10000u);
  EXPECT_GT(admitted.load(), 10000u - 37);
  EXPECT_EQ(q.BudgetUsed("k"), admitted.load());
}

}  // namespace
}  // namespace aigis::gateway
