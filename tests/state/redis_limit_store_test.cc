// Runs against a throwaway redis-server on loopback (skipped when redis-server is absent).
#include "state/redis_limit_store.h"

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <atomic>
#include <thread>

#include "testing/local_servers.h"

namespace aigis::state {
namespace {

// Long windows: the tests count, they never depend on a window boundary passing.
constexpr int64_t kDay = 86'400'000;

class RedisLimitStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!redis_.available()) GTEST_SKIP() << redis_.skip_reason();
    ASSERT_TRUE(redis_.running()) << redis_.error();
  }
  RedisOptions Opts() {
    RedisOptions o;
    o.port = redis_.port();
    o.connect_timeout_ms = 1000;
    o.command_timeout_ms = 2000;
    return o;
  }
  aigis::testing::LocalRedis redis_;
};

TEST_F(RedisLimitStoreTest, LimitsMatchTheInMemorySemantics) {
  RedisLimitStore s(Opts());
  LimitPolicy rate{.requests_per_window = 3, .window_ms = kDay};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(s.Reserve("r", rate, 0).decision, Decision::kAllowed);
  EXPECT_EQ(s.Reserve("r", rate, 0).decision, Decision::kRateLimited);

  LimitPolicy tok{.tokens_per_window = 1000, .window_ms = kDay};
  auto a = s.Reserve("t", tok, 800);
  ASSERT_EQ(a.decision, Decision::kAllowed) << a.detail;
  EXPECT_EQ(s.Reserve("t", tok, 300).decision, Decision::kTokenRateLimited);
  ASSERT_TRUE(s.Reconcile(a.reservation, 100).ok());
  EXPECT_EQ(s.Reserve("t", tok, 300).decision, Decision::kAllowed);

  LimitPolicy budget{.window_ms = kDay, .token_budget = 500};
  auto b = s.Reserve("b", budget, 400);
  ASSERT_EQ(b.decision, Decision::kAllowed);
  ASSERT_TRUE(s.Reconcile(b.reservation, 450).ok());
  EXPECT_EQ(*s.BudgetSpent("b"), 450);
  EXPECT_EQ(s.Reserve("b", budget, 100).decision, Decision::kBudgetExhausted);
  EXPECT_EQ(*s.BudgetSpent("b"), 450) << "a denied reservation counts nothing";

  LimitPolicy conc{.window_ms = kDay, .max_concurrent = 2};
  auto c1 = s.Reserve("c", conc, 0);
  auto c2 = s.Reserve("c", conc, 0);
  ASSERT_EQ(c2.decision, Decision::kAllowed);
  EXPECT_EQ(s.Reserve("c", conc, 0).decision, Decision::kConcurrencyLimited);
  ASSERT_TRUE(s.Reconcile(c1.reservation, 0).ok());
  EXPECT_EQ(s.Reserve("c", conc, 0).decision, Decision::kAllowed);
}

TEST_F(RedisLimitStoreTest, TwoInstancesManyThreadsCannotOvershootSharedBudget) {
  // Two gateway instances (two stores, two connections), eight threads each, one shared budget.
  RedisLimitStore gw1(Opts()), gw2(Opts());
  LimitPolicy p{.window_ms = kDay, .token_budget = 20'000};
  std::atomic<int> allowed{0}, other{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < 16; ++t)
    ts.emplace_back([&, t] {
      RedisLimitStore& s = t % 2 ? gw1 : gw2;
      for (;;) {
        auto r = s.Reserve("shared", p, 100);
        if (r.decision == Decision::kBudgetExhausted) break;
        if (r.decision != Decision::kAllowed) {
          ++other;
          break;
        }
        ++allowed;
        if (!s.Reconcile(r.reservation, 100).ok()) ++other;
      }
    });
  for (auto& t : ts) t.join();
  EXPECT_EQ(other, 0);
  EXPECT_EQ(allowed, 200) << "exactly budget / estimate calls admitted";
  EXPECT_EQ(*gw1.BudgetSpent("shared"), 20'000);
}

TEST_F(RedisLimitStoreTest, ConcurrencyLimitHoldsAcrossInstances) {
  RedisLimitStore gw1(Opts()), gw2(Opts());
  LimitPolicy p{.window_ms = kDay, .max_concurrent = 3};
  std::atomic<int> holding{0}, max_holding{0}, admitted{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < 8; ++t)
    ts.emplace_back([&, t] {
      RedisLimitStore& s = t % 2 ? gw1 : gw2;
      for (int i = 0; i < 30; ++i) {
        auto r = s.Reserve("conc", p, 0);
        if (r.decision != Decision::kAllowed) continue;
        int now = ++holding;
        int prev = max_holding.load();
        while (now > prev && !max_holding.compare_exchange_weak(prev, now)) {
        }
        ++admitted;
        std::this_thread::yield();
        --holding;
        ASSERT_TRUE(s.Reconcile(r.reservation, 0).ok());
      }
    });
  for (auto& t : ts) t.join();
  EXPECT_GT(admitted, 0);
  EXPECT_LE(max_holding, 3);
}

TEST_F(RedisLimitStoreTest, ReloadsScriptsAfterFlush) {
  RedisLimitStore s(Opts());
  LimitPolicy p{.requests_per_window = 100, .window_ms = kDay};
  ASSERT_EQ(s.Reserve("k", p, 0).decision, Decision::kAllowed);
  redisContext* c = redisConnect("127.0.0.1", redis_.port());
  ASSERT_TRUE(c && !c->err);
  freeReplyObject(redisCommand(c, "SCRIPT FLUSH"));
  redisFree(c);
  EXPECT_EQ(s.Reserve("k", p, 0).decision, Decision::kAllowed);
}

TEST_F(RedisLimitStoreTest, ServerDiesThenFailsClosed) {
  RedisLimitStore s(Opts());
  LimitPolicy p{.requests_per_window = 100, .window_ms = kDay};
  ASSERT_EQ(s.Reserve("k", p, 0).decision, Decision::kAllowed);
  redis_.Stop();
  auto r = s.Reserve("k", p, 0);
  EXPECT_EQ(r.decision, Decision::kStoreUnavailable);
  EXPECT_FALSE(r.detail.empty());
}

TEST(RedisLimitStoreDownTest, BacksOffAfterAFailureInsteadOfWaitingEachCall) {
  RedisOptions o;
  o.port = aigis::testing::FreeLoopbackPort();
  o.retry_after_ms = 600'000;  // the whole test runs inside the back-off
  LimitPolicy p{.requests_per_window = 1};
  RedisLimitStore s(o);
  auto first = s.Reserve("k", p, 10);
  EXPECT_EQ(first.decision, Decision::kStoreUnavailable);
  EXPECT_NE(first.detail.find("connect"), std::string::npos) << first.detail;
  for (int i = 0; i < 3; ++i) {
    auto again = s.Reserve("k", p, 10);
    EXPECT_EQ(again.decision, Decision::kStoreUnavailable);
    EXPECT_NE(again.detail.find("backing off"), std::string::npos) << again.detail;
  }
  EXPECT_FALSE(s.BudgetSpent("k").ok());

  o.retry_after_ms = 0;  // no back-off: every call tries to connect again
  RedisLimitStore eager(o);
  eager.Reserve("k", p, 10);
  EXPECT_NE(eager.Reserve("k", p, 10).detail.find("connect"), std::string::npos);
}

TEST(RedisLimitStoreDownTest, NothingListeningFailsClosedOrOpenByConfig) {
  RedisOptions o;
  o.port = aigis::testing::FreeLoopbackPort();
  o.password = "s3cret-pass";
  LimitPolicy p{.requests_per_window = 1};
  RedisLimitStore closed(o);
  auto r = closed.Reserve("k", p, 10);
  EXPECT_EQ(r.decision, Decision::kStoreUnavailable);
  EXPECT_EQ(r.detail.find("s3cret-pass"), std::string::npos);
  EXPECT_FALSE(closed.BudgetSpent("k").ok());

  o.fail_open = true;
  RedisLimitStore open(o);
  auto a = open.Reserve("k", p, 10);
  EXPECT_EQ(a.decision, Decision::kAllowed);
  EXPECT_FALSE(a.reservation.enforced);
  EXPECT_TRUE(open.Reconcile(a.reservation, 5).ok()) << "unenforced reservations need no store";
}

TEST(RedisLimitStoreDownTest, UnresponsiveServerTimesOutInsteadOfHanging) {
  // A socket that accepts connections (kernel backlog) but never answers: only the command
  // timeout ends the wait.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)), 0);
  ASSERT_EQ(listen(fd, 16), 0);
  socklen_t len = sizeof(a);
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  RedisOptions o;
  o.port = ntohs(a.sin_port);
  o.command_timeout_ms = 100;
  RedisLimitStore s(o);
  auto r = s.Reserve("k", LimitPolicy{.requests_per_window = 1}, 0);
  EXPECT_EQ(r.decision, Decision::kStoreUnavailable);
  close(fd);
}

}  // namespace
}  // namespace aigis::state
