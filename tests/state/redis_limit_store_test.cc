// Runs against a throwaway redis-server on loopback (skipped when redis-server is absent).
#include "state/redis_limit_store.h"

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>
#include <poll.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "testing/local_servers.h"

namespace aigis::state {
namespace {

// A TCP proxy in front of Redis that can lose the replies (the script ran, the client never hears
// of it: a client-side timeout after the fact) or hold the requests back (the client times out
// first, the script runs later, after whatever the test did meanwhile). One connection at a time.
class FaultyProxy {
 public:
  explicit FaultyProxy(int target_port) : target_(target_port) {
    lfd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(lfd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    listen(lfd_, 8);
    socklen_t len = sizeof a;
    getsockname(lfd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { Run(); });
  }
  ~FaultyProxy() {
    stop_ = true;
    ::shutdown(lfd_, SHUT_RDWR);
    thread_.join();
    close(lfd_);
  }
  int port() const { return port_; }
  std::atomic<bool> drop_replies{false};
  std::atomic<bool> hold_requests{false};
  std::atomic<int> replies_dropped{0};     // reads from the server that were discarded
  std::atomic<int> held_then_answered{0};  // held requests sent on and answered by the server

 private:
  void Run() {
    while (!stop_) {
      int c = accept(lfd_, nullptr, nullptr);
      if (c < 0) return;
      int s = socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      a.sin_port = htons(static_cast<uint16_t>(target_));
      if (connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) Pump(c, s);
      close(c);
      close(s);
    }
  }
  // Until the client closes; then, if requests were held, until they are released and answered.
  void Pump(int c, int s) {
    std::string held;
    bool client_open = true;
    char buf[65536];
    while (!stop_) {
      if (!hold_requests && !held.empty()) {
        (void)!write(s, held.data(), held.size());
        held.clear();
        pollfd w{s, POLLIN, 0};
        if (poll(&w, 1, 5000) > 0 && read(s, buf, sizeof buf) > 0) ++held_then_answered;
        if (!client_open) return;
      }
      if (!client_open && held.empty()) return;
      pollfd fds[2] = {{s, POLLIN, 0}, {c, static_cast<short>(client_open ? POLLIN : 0), 0}};
      if (poll(fds, 2, 20) <= 0) continue;
      if (fds[1].revents) {
        ssize_t n = read(c, buf, sizeof buf);
        if (n <= 0) {
          client_open = false;
        } else if (hold_requests) {
          held.append(buf, static_cast<size_t>(n));
        } else {
          (void)!write(s, buf, static_cast<size_t>(n));
        }
      }
      if (fds[0].revents) {
        ssize_t n = read(s, buf, sizeof buf);
        if (n <= 0) return;
        if (drop_replies) {
          ++replies_dropped;
        } else if (client_open) {
          (void)!write(c, buf, static_cast<size_t>(n));
        }
      }
    }
  }
  int target_, lfd_ = -1, port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Bounded wait for a condition set by another thread (never an assertion on how long it took).
template <typename F>
bool WaitFor(F f) {
  for (int i = 0; i < 1000 && !f(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return f();
}

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

TEST_F(RedisLimitStoreTest, ReconcileIsIdempotentPerReservation) {
  RedisLimitStore s(Opts());
  LimitPolicy p{
      .tokens_per_window = 1000, .window_ms = kDay, .max_concurrent = 1, .token_budget = 1000};
  auto a = s.Reserve("k", p, 400);
  ASSERT_EQ(a.decision, Decision::kAllowed) << a.detail;
  ASSERT_TRUE(s.Reconcile(a.reservation, 100).ok());
  ASSERT_TRUE(s.Reconcile(a.reservation, 100).ok()) << "a retry after a lost answer";
  ASSERT_TRUE(s.Reconcile(a.reservation, 0).ok());
  EXPECT_EQ(*s.BudgetSpent("k"), 100) << "refunded once, not three times";
  // The token window was corrected once too: 900 more fit, 901 do not.
  EXPECT_EQ(s.Reserve("k", LimitPolicy{.tokens_per_window = 1000, .window_ms = kDay}, 901).decision,
            Decision::kTokenRateLimited);
  // A reservation the store never counted settles nothing.
  Reservation bogus{"k", "never-reserved", 0, 5000, true};
  ASSERT_TRUE(s.Reconcile(bogus, 0).ok());
  EXPECT_EQ(*s.BudgetSpent("k"), 100);
}

// The record of an unsettled reservation expires after record_ttl_ms (configurable), not after
// the default hour.
TEST_F(RedisLimitStoreTest, ReservationRecordExpiresAfterTheConfiguredTtl) {
  auto pttl_of = [&](const RedisOptions& o) -> long long {
    RedisLimitStore s(o);
    auto a = s.Reserve("ttl", LimitPolicy{.tokens_per_window = 1000, .window_ms = kDay}, 10);
    EXPECT_EQ(a.decision, Decision::kAllowed) << a.detail;
    redisContext* c = redisConnect("127.0.0.1", redis_.port());
    EXPECT_TRUE(c && !c->err);
    if (!c || c->err) return -3;
    std::string rec = o.key_prefix + ":{ttl}:rsv:" + a.reservation.id;
    auto* r = static_cast<redisReply*>(redisCommand(c, "PTTL %s", rec.c_str()));
    long long v = r && r->type == REDIS_REPLY_INTEGER ? r->integer : -3;
    freeReplyObject(r);
    redisFree(c);
    return v;
  };
  RedisOptions o = Opts();
  o.record_ttl_ms = 90'000;
  long long short_ttl = pttl_of(o);
  EXPECT_GT(short_ttl, 0) << "the record exists and expires";
  EXPECT_LE(short_ttl, 90'000);
  o.record_ttl_ms = 3'600'000;
  o.key_prefix = "other";
  EXPECT_GT(pttl_of(o), 90'000) << "the default keeps it an hour";
}

// The reserve script ran but its answer was lost (client-side timeout): Reserve reports an
// unknown outcome with the reservation's id, and cancelling it refunds the estimate and frees the
// concurrency slot. Without the cancel both would stay taken.
TEST_F(RedisLimitStoreTest, TimedOutReserveThatRanIsCancelled) {
  FaultyProxy proxy(redis_.port());
  RedisOptions o = Opts();
  o.port = proxy.port();
  o.command_timeout_ms = 300;
  o.retry_after_ms = 0;
  RedisLimitStore via(o);
  RedisLimitStore direct(Opts());
  LimitPolicy p{.window_ms = kDay, .max_concurrent = 1, .token_budget = 1000};
  auto warm = via.Reserve("k", p, 0);  // loads the scripts through the proxy
  ASSERT_EQ(warm.decision, Decision::kAllowed) << warm.detail;
  ASSERT_TRUE(via.Reconcile(warm.reservation, 0).ok());

  proxy.drop_replies = true;
  auto lost = via.Reserve("k", p, 100);
  EXPECT_EQ(lost.decision, Decision::kStoreUnavailable);
  ASSERT_TRUE(lost.outcome_unknown);
  EXPECT_FALSE(lost.reservation.id.empty());
  ASSERT_TRUE(WaitFor([&] { return proxy.replies_dropped > 0; }));
  EXPECT_EQ(*direct.BudgetSpent("k"), 100) << "the script did run";
  EXPECT_EQ(direct.Reserve("k", p, 0).decision, Decision::kConcurrencyLimited);

  proxy.drop_replies = false;
  Reservation cancel = lost.reservation;
  cancel.enforced = true;
  ASSERT_TRUE(via.Reconcile(cancel, 0).ok());
  EXPECT_EQ(*direct.BudgetSpent("k"), 0);
  auto next = direct.Reserve("k", p, 0);
  EXPECT_EQ(next.decision, Decision::kAllowed) << "the slot is free again";
  ASSERT_TRUE(via.Reconcile(cancel, 0).ok());
  EXPECT_EQ(*direct.BudgetSpent("k"), 0) << "a second cancel refunds nothing";
}

// The client gave up before the server ran the script, and the cancel got there first: the
// script, when it finally runs, counts nothing (a tombstone), so nothing leaks either way round.
TEST_F(RedisLimitStoreTest, CancelThatOvertakesItsReserveMakesItCountNothing) {
  FaultyProxy proxy(redis_.port());
  RedisOptions o = Opts();
  o.port = proxy.port();
  o.command_timeout_ms = 300;
  o.retry_after_ms = 0;
  RedisLimitStore via(o);
  RedisLimitStore direct(Opts());
  LimitPolicy p{.window_ms = kDay, .max_concurrent = 1, .token_budget = 1000};
  auto warm = via.Reserve("k", p, 0);
  ASSERT_EQ(warm.decision, Decision::kAllowed) << warm.detail;
  ASSERT_TRUE(via.Reconcile(warm.reservation, 0).ok());

  proxy.hold_requests = true;
  auto lost = via.Reserve("k", p, 100);
  ASSERT_TRUE(lost.outcome_unknown);
  Reservation cancel = lost.reservation;
  cancel.enforced = true;
  ASSERT_TRUE(direct.Reconcile(cancel, 0).ok());  // the retry queue, on another connection
  proxy.hold_requests = false;                    // now the held reserve reaches the server
  ASSERT_TRUE(WaitFor([&] { return proxy.held_then_answered > 0; }));
  EXPECT_EQ(*direct.BudgetSpent("k"), 0);
  EXPECT_EQ(direct.Reserve("k", p, 0).decision, Decision::kAllowed);
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
