// Per-key admission for the gateway on top of state::LimitStore (src/state/): how a virtual key's
// limits (requests and tokens per minute, concurrency, lifetime token budget) map onto a
// LimitPolicy, the refusal names clients and metrics see, and the store chosen by configuration
// (memory for one instance, Redis shared by several). Tokens are reserved before the upstream call
// (prompt estimate + max_tokens) and reconciled with the upstream's usage afterwards.
// Thread safety: free functions; the stores are thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "core/status.h"
#include "gateway/config.h"
#include "gateway/keys.h"
#include "state/limit_store.h"

namespace aigis::gateway {

// A minute window for the per-minute limits; the budget key is the key id (lifetime budget).
state::LimitPolicy PolicyFor(const KeyLimits& limits);

// Error code and metric label of a refusal: requests_per_minute, tokens_per_minute, concurrency,
// token_budget, limits_unavailable ("" for kAllowed).
std::string_view RefusalName(state::Decision d);

// The store `cfg` asks for. Redis does not connect here: the first request does, so the gateway
// starts while Redis is down and refuses (or admits, with on_unavailable: allow) until it is back.
// The password is read from cfg.password_env and never appears in a message.
Result<std::unique_ptr<state::LimitStore>> MakeLimitStore(const LimitStoreConfig& cfg);

struct SettleQueueOptions {
  // Settlements waiting for a retry (one reservation each: two short strings, four integers):
  // 10,000 covers a Redis outage of 10 s at 1,000 requests/s. When full, a new one is dropped
  // (logged and counted): its estimate stays charged (the budget overcounts, or undercounts by
  // what the call used beyond it) and its concurrency slot stays leased until lease_ms.
  size_t max_pending = 10'000;
  // Back-off between retry rounds while the store keeps failing: doubles from the first to the
  // last, and starts again from the first after a success.
  int initial_backoff_ms = 100;
  int max_backoff_ms = 10'000;
};

// Retries settlements the store did not take: Reconciles that failed (Redis down or timed out)
// and cancels of Reserves whose outcome is unknown. Safe to retry blindly because Reconcile is
// idempotent per reservation id (state/limit_store.h). One thread of its own, never an I/O thread;
// entries are tried in arrival order, and one that fails goes to the back of the queue (so an
// entry the store keeps refusing cannot hold up the rest).
// Thread safety: every method may be called from any thread.
class SettleQueue {
 public:
  // What happened, for logs and metrics: "queued", "dropped" (queue full), "settled" (a retry
  // succeeded), "retry_failed" (a retry round failed; detail says why, no secrets).
  using Listener = std::function<void(std::string_view event, const std::string& detail)>;
  SettleQueue(std::shared_ptr<state::LimitStore> store, SettleQueueOptions opts,
              Listener listener = {});
  ~SettleQueue();  // Stop()
  SettleQueue(const SettleQueue&) = delete;
  SettleQueue& operator=(const SettleQueue&) = delete;

  // Queues Reconcile(r, actual_tokens) for a retry. Returns false when the queue is full or
  // stopped (the settlement is dropped).
  bool Add(const state::Reservation& r, int64_t actual_tokens);
  size_t pending();
  // Stops the retry thread after one last attempt at each pending entry (each bounded by the
  // store's timeouts); returns how many are left unsettled.
  size_t Stop();

 private:
  struct Entry {
    state::Reservation r;
    int64_t actual = 0;
  };
  void Run();
  bool TryHead();  // one attempt at the oldest entry; REQUIRES: mu_ not held

  std::shared_ptr<state::LimitStore> store_;
  SettleQueueOptions opts_;
  Listener listener_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Entry> q_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace aigis::gateway
