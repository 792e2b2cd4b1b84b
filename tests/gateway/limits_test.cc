// The gateway's mapping of key limits onto state::LimitStore (the old MemoryQuotaStore cases,
// now run through the shared store), the refusal names and the configured store choice.
#include "gateway/limits.h"

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "state/memory_limit_store.h"
#include "testing/local_servers.h"

namespace aigis::gateway {
namespace {

using state::Decision;

TEST(GatewayLimits, PolicyMapsEveryKeyLimit) {
  KeyLimits l{.requests_per_minute = 60,
              .tokens_per_minute = 1000,
              .max_concurrent = 4,
              .token_budget = 5000};
  state::LimitPolicy p = PolicyFor(l);
  EXPECT_EQ(p.requests_per_window, 60);
  EXPECT_EQ(p.tokens_per_window, 1000);
  EXPECT_EQ(p.window_ms, 60'000);
  EXPECT_EQ(p.max_concurrent, 4);
  EXPECT_EQ(p.token_budget, 5000);
  KeyLimits huge{.token_budget = UINT64_MAX};
  EXPECT_EQ(PolicyFor(huge).token_budget, INT64_MAX);
}

TEST(GatewayLimits, RefusalNames) {
  EXPECT_EQ(RefusalName(Decision::kRateLimited), "requests_per_minute");
  EXPECT_EQ(RefusalName(Decision::kTokenRateLimited), "tokens_per_minute");
  EXPECT_EQ(RefusalName(Decision::kConcurrencyLimited), "concurrency");
  EXPECT_EQ(RefusalName(Decision::kBudgetExhausted), "token_budget");
  EXPECT_EQ(RefusalName(Decision::kStoreUnavailable), "limits_unavailable");
}

TEST(GatewayLimits, RequestRatePerKey) {
  int64_t now = 6'000'000;
  state::MemoryLimitStore q([&] { return now; });
  state::LimitPolicy p = PolicyFor(KeyLimits{.requests_per_minute = 2});
  EXPECT_EQ(q.Reserve("k", p, 0).decision, Decision::kAllowed);
  EXPECT_EQ(q.Reserve("k", p, 0).decision, Decision::kAllowed);
  EXPECT_EQ(q.Reserve("k", p, 0).decision, Decision::kRateLimited);
  EXPECT_EQ(q.Reserve("other", p, 0).decision, Decision::kAllowed);  // per key
  now += 120'000;  // two minutes later both windows are empty
  EXPECT_EQ(q.Reserve("k", p, 0).decision, Decision::kAllowed);
}

TEST(GatewayLimits, TokensReserveAndReconcile) {
  int64_t now = 6'000'000;
  state::MemoryLimitStore q([&] { return now; });
  state::LimitPolicy p = PolicyFor(KeyLimits{.tokens_per_minute = 1000});
  EXPECT_EQ(q.Reserve("k", p, 1001).decision, Decision::kTokenRateLimited);  // can never fit
  auto r = q.Reserve("k", p, 800);
  ASSERT_EQ(r.decision, Decision::kAllowed);
  EXPECT_EQ(q.Reserve("k", p, 300).decision, Decision::kTokenRateLimited);  // 800 reserved
  ASSERT_TRUE(q.Reconcile(r.reservation, 100).ok());  // used 100: 700 come back
  EXPECT_EQ(q.Reserve("k", p, 300).decision, Decision::kAllowed);
}

TEST(GatewayLimits, ConcurrencyAndBudget) {
  state::MemoryLimitStore q;
  state::LimitPolicy p = PolicyFor(KeyLimits{.max_concurrent = 2, .token_budget = 1000});
  auto a = q.Reserve("k", p, 400);
  auto b = q.Reserve("k", p, 400);
  ASSERT_EQ(a.decision, Decision::kAllowed);
  ASSERT_EQ(b.decision, Decision::kAllowed);
  EXPECT_EQ(q.Reserve("k", p, 1).decision, Decision::kConcurrencyLimited);
  ASSERT_TRUE(q.Reconcile(a.reservation, 50).ok());
  EXPECT_EQ(*q.BudgetSpent("k"), 450);
  EXPECT_EQ(q.Reserve("k", p, 600).decision, Decision::kBudgetExhausted);
  EXPECT_EQ(q.Reserve("k", p, 500).decision, Decision::kAllowed);
}

// Many threads race for a budget; reservations make the total admitted never exceed it.
TEST(GatewayLimits, BudgetHoldsUnderConcurrency) {
  state::MemoryLimitStore q;
  state::LimitPolicy p = PolicyFor(KeyLimits{.token_budget = 10000});
  std::atomic<int64_t> admitted{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < 8; ++t)
    ts.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        auto r = q.Reserve("k", p, 37);
        if (r.decision != Decision::kAllowed) continue;
        admitted += 37;
        ASSERT_TRUE(q.Reconcile(r.reservation, 37).ok());
      }
    });
  for (auto& t : ts) t.join();
  EXPECT_LE(admitted.load(), 10000);
  EXPECT_GT(admitted.load(), 10000 - 37);
  EXPECT_EQ(*q.BudgetSpent("k"), admitted.load());
}

TEST(GatewayLimits, MakeLimitStore) {
  LimitStoreConfig mem;
  auto m = MakeLimitStore(mem);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)->Reserve("k", PolicyFor({}), 1).decision, Decision::kAllowed);
  LimitStoreConfig bad;
  bad.type = "etcd";
  EXPECT_FALSE(MakeLimitStore(bad).ok());
  // Redis with nothing listening: fail closed (the connect timeout bounds the call).
  LimitStoreConfig r;
  r.type = "redis";
  r.host = "127.0.0.1";
  r.port = 1;  // privileged port nobody listens on in the test environment
  auto rs = MakeLimitStore(r);
  ASSERT_TRUE(rs.ok());
  EXPECT_EQ((*rs)->Reserve("k", PolicyFor({}), 1).decision, Decision::kStoreUnavailable);
  r.fail_open = true;
  auto open = MakeLimitStore(r);
  ASSERT_TRUE(open.ok());
  auto res = (*open)->Reserve("k", PolicyFor({}), 1);
  EXPECT_EQ(res.decision, Decision::kAllowed);
  EXPECT_FALSE(res.reservation.enforced);
}

// limits_store.record_ttl_ms reaches the Redis store: an unsettled reservation's record expires
// after it, not after the store's default hour.
TEST(GatewayLimits, RedisRecordTtlComesFromTheConfig) {
  aigis::testing::LocalRedis redis;
  if (!redis.available()) GTEST_SKIP() << redis.skip_reason();
  ASSERT_TRUE(redis.running()) << redis.error();
  LimitStoreConfig cfg;
  cfg.type = "redis";
  cfg.port = redis.port();
  cfg.connect_timeout_ms = 1000;
  cfg.command_timeout_ms = 2000;
  cfg.record_ttl_ms = 90'000;
  auto store = MakeLimitStore(cfg);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto a = (*store)->Reserve("k", PolicyFor({.tokens_per_minute = 1000}), 10);
  ASSERT_EQ(a.decision, Decision::kAllowed) << a.detail;
  redisContext* c = redisConnect("127.0.0.1", redis.port());
  ASSERT_TRUE(c && !c->err);
  std::string rec = cfg.key_prefix + ":{k}:rsv:" + a.reservation.id;
  auto* r = static_cast<redisReply*>(redisCommand(c, "PTTL %s", rec.c_str()));
  ASSERT_TRUE(r && r->type == REDIS_REPLY_INTEGER);
  EXPECT_GT(r->integer, 0);
  EXPECT_LE(r->integer, 90'000);
  freeReplyObject(r);
  redisFree(c);
}

// A store whose Reconcile fails while `down` is set, recording what it applied, in order.
class DownStore final : public state::LimitStore {
 public:
  state::ReserveResult Reserve(const std::string&, const state::LimitPolicy&, int64_t) override {
    return {};
  }
  Status Reconcile(const state::Reservation& r, int64_t actual) override {
    ++attempts;
    if (down) return Status::IOError("test: down");
    std::lock_guard<std::mutex> l(mu);
    applied.push_back(r.id + "=" + std::to_string(actual));
    return Status::Ok();
  }
  Result<int64_t> BudgetSpent(const std::string&) override { return int64_t{0}; }
  std::vector<std::string> Applied() {
    std::lock_guard<std::mutex> l(mu);
    return applied;
  }
  std::atomic<bool> down{true};
  std::atomic<int> attempts{0};
  std::mutex mu;
  std::vector<std::string> applied;
};

template <typename F>
bool Eventually(F f) {
  for (int i = 0; i < 500 && !f(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return f();
}

// Retries while the store is down (with back-off), then settles everything.
TEST(SettleQueue, RetriesUntilTheStoreIsBack) {
  auto store = std::make_shared<DownStore>();
  std::mutex mu;
  std::map<std::string, int> events;
  SettleQueue q(store, SettleQueueOptions{.initial_backoff_ms = 5, .max_backoff_ms = 20},
                [&](std::string_view e, const std::string&) {
                  std::lock_guard<std::mutex> l(mu);
                  ++events[std::string(e)];
                });
  ASSERT_TRUE(q.Add({"k", "a", 0, 100, true}, 10));
  ASSERT_TRUE(q.Add({"k", "b", 0, 100, true}, 0));
  ASSERT_TRUE(Eventually([&] { return store->attempts >= 3; }));
  EXPECT_EQ(q.pending(), 2u) << "nothing is lost while the store is down";
  store->down = false;
  ASSERT_TRUE(Eventually([&] { return q.pending() == 0; }));
  std::vector<std::string> applied = store->Applied();
  std::sort(applied.begin(), applied.end());
  EXPECT_EQ(applied, (std::vector<std::string>{"a=10", "b=0"}));
  EXPECT_EQ(q.Stop(), 0u);
  std::lock_guard<std::mutex> l(mu);
  EXPECT_EQ(events["queued"], 2);
  EXPECT_EQ(events["settled"], 2);
  EXPECT_GE(events["retry_failed"], 3);
}

// The bound: beyond max_pending a settlement is dropped and reported; Stop makes one last attempt
// and returns what is still unsettled.
TEST(SettleQueue, BoundedAndReportsWhatItDrops) {
  auto store = std::make_shared<DownStore>();
  std::atomic<int> dropped{0};
  SettleQueue q(store, SettleQueueOptions{.max_pending = 2, .initial_backoff_ms = 600'000},
                [&](std::string_view e, const std::string&) { dropped += e == "dropped"; });
  EXPECT_TRUE(q.Add({"k", "a", 0, 1, true}, 0));
  EXPECT_TRUE(q.Add({"k", "b", 0, 1, true}, 0));
  EXPECT_FALSE(q.Add({"k", "c", 0, 1, true}, 0));
  EXPECT_EQ(dropped.load(), 1);
  EXPECT_EQ(q.Stop(), 2u) << "the store is still down";
  EXPECT_FALSE(q.Add({"k", "d", 0, 1, true}, 0)) << "stopped";
  store->down = false;
  SettleQueue q2(store, SettleQueueOptions{.initial_backoff_ms = 600'000});
  store->down = true;
  const int before = store->attempts;
  EXPECT_TRUE(q2.Add({"k", "e", 0, 1, true}, 7));
  ASSERT_TRUE(Eventually([&] { return store->attempts > before; }));  // its first try failed
  store->down = false;
  EXPECT_EQ(q2.Stop(), 0u) << "the last attempt at shutdown settles it";
  EXPECT_EQ(store->Applied(), (std::vector<std::string>{"e=7"}));
}

}  // namespace
}  // namespace aigis::gateway
