// Redis LimitStore (hiredis) shared by several gateway instances. Reserve and Reconcile are each
// one server-side Lua script (EVALSHA), so check-and-count is atomic across every instance; time
// comes from the Redis server (TIME), so instances with skewed clocks agree on the windows.
//
// Unreachable Redis: connect and command timeouts bound every call (never a hang), and Reserve
// then returns kStoreUnavailable (fail closed) unless `fail_open` is set, in which case the call
// is admitted unenforced (Reservation::enforced = false) and the caller should log that it did.
// A call that timed out may still have run on the server: Reserve then sets outcome_unknown, and
// both scripts are idempotent per reservation id (a record <prefix>:{key}:rsv:<id> per unsettled
// reservation, a tombstone when a cancel arrives first), so the caller can cancel or retry.
// Thread safety: all methods are thread-safe; one connection per store, used under a mutex.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "state/limit_store.h"

struct redisContext;

namespace aigis::state {

struct RedisOptions {
  std::string host = "127.0.0.1";
  int port = 6379;
  // Both bound how long a request can wait on Redis before the fail-closed/open decision applies.
  int connect_timeout_ms = 200;
  int command_timeout_ms = 200;
  bool fail_open = false;  // explicit opt-in only: an outage then disables the limits
  std::string key_prefix = "aigis:lim";
  // Optional AUTH password; never logged or put in error messages.
  std::string password;
  // After a connection or transport failure, calls fail at once (kStoreUnavailable) for this long
  // instead of each waiting out the timeouts: with one connection under a mutex, a blackholed
  // server would otherwise admit one request per timeout and queue the rest. 0 = retry every call.
  int retry_after_ms = 1000;
  // How long the record of an unsettled reservation is kept (and the tombstone of a Reconcile
  // that found none). A Reconcile later than this finds nothing and does nothing: the estimate
  // stays charged. An hour outlasts the longest answer (10 min lease) plus any retry of it.
  int64_t record_ttl_ms = 3'600'000;
};

class RedisLimitStore final : public LimitStore {
 public:
  // Does not connect: the first call does (and every call after a failure reconnects), so a gateway
  // can start while Redis is down and recover when it comes back.
  explicit RedisLimitStore(RedisOptions opts);
  ~RedisLimitStore() override;

  ReserveResult Reserve(const std::string& key, const LimitPolicy& policy,
                        int64_t estimated_tokens) override;
  Status Reconcile(const Reservation& r, int64_t actual_tokens) override;
  Result<int64_t> BudgetSpent(const std::string& key) override;

 private:
  struct CtxFree {
    void operator()(redisContext* c) const;
  };
  Status EnsureConnected();
  void BackOff();  // REQUIRES: mu_ held
  // Runs a script by SHA, loading it on NOSCRIPT. Returns the reply's integer array.
  Result<std::vector<int64_t>> RunScript(const std::string& sha, const std::string& body,
                                         const std::vector<std::string>& keys,
                                         const std::vector<std::string>& args, bool* maybe_ran);
  std::string Base(const std::string& key) const;
  int64_t RecordTtlMs() const;

  RedisOptions opts_;
  std::mutex mu_;
  std::unique_ptr<redisContext, CtxFree> ctx_;
  std::string instance_id_;
  uint64_t next_id_ = 0;
  std::chrono::steady_clock::time_point down_until_{};  // backing off until then (under mu_)
};

}  // namespace aigis::state
