#include "gateway/limits.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "state/memory_limit_store.h"
#include "state/redis_limit_store.h"

namespace aigis::gateway {

state::LimitPolicy PolicyFor(const KeyLimits& l) {
  // KeyLimits are unsigned for the keys database; values above int64 are unlimited in practice.
  auto clamp = [](uint64_t v) {
    return static_cast<int64_t>(std::min<uint64_t>(v, static_cast<uint64_t>(INT64_MAX)));
  };
  state::LimitPolicy p;
  p.requests_per_window = clamp(l.requests_per_minute);
  p.tokens_per_window = clamp(l.tokens_per_minute);
  p.window_ms = 60'000;
  p.max_concurrent = clamp(l.max_concurrent);
  p.token_budget = clamp(l.token_budget);
  return p;
}

std::string_view RefusalName(state::Decision d) {
  switch (d) {
    case state::Decision::kAllowed:
      return "";
    case state::Decision::kRateLimited:
      return "requests_per_minute";
    case state::Decision::kTokenRateLimited:
      return "tokens_per_minute";
    case state::Decision::kConcurrencyLimited:
      return "concurrency";
    case state::Decision::kBudgetExhausted:
      return "token_budget";
    case state::Decision::kStoreUnavailable:
      return "limits_unavailable";
  }
  return "limits_unavailable";
}

Result<std::unique_ptr<state::LimitStore>> MakeLimitStore(const LimitStoreConfig& cfg) {
  if (cfg.type == "memory")
    return std::unique_ptr<state::LimitStore>(new state::MemoryLimitStore());
  if (cfg.type != "redis")
    return Status::InvalidArgument("gateway: limits_store.type: expected memory or redis");
  state::RedisOptions o;
  o.host = cfg.host;
  o.port = cfg.port;
  o.connect_timeout_ms = cfg.connect_timeout_ms;
  o.command_timeout_ms = cfg.command_timeout_ms;
  o.retry_after_ms = cfg.retry_after_ms;
  o.record_ttl_ms = cfg.record_ttl_ms;
  o.fail_open = cfg.fail_open;
  o.key_prefix = cfg.key_prefix;
  if (!cfg.password_env.empty()) {
    const char* pw = std::getenv(cfg.password_env.c_str());
    if (!pw)
      return Status::InvalidArgument("gateway: limits_store.password_env: $" + cfg.password_env +
                                     " is not set");
    o.password = pw;
  }
  return std::unique_ptr<state::LimitStore>(new state::RedisLimitStore(std::move(o)));
}

SettleQueue::SettleQueue(std::shared_ptr<state::LimitStore> store, SettleQueueOptions opts,
                         Listener listener)
    : store_(std::move(store)), opts_(opts), listener_(std::move(listener)) {
  thread_ = std::thread([this] { Run(); });
}

SettleQueue::~SettleQueue() { Stop(); }

bool SettleQueue::Add(const state::Reservation& r, int64_t actual_tokens) {
  bool added = false;
  {
    std::lock_guard<std::mutex> l(mu_);
    if (!stopping_ && q_.size() < opts_.max_pending) {
      q_.push_back({r, actual_tokens});
      cv_.notify_all();
      added = true;
    }
  }
  if (listener_) listener_(added ? "queued" : "dropped", added ? "" : "settle queue full");
  return added;
}

size_t SettleQueue::pending() {
  std::lock_guard<std::mutex> l(mu_);
  return q_.size();
}

bool SettleQueue::TryHead() {
  Entry e;
  {
    std::lock_guard<std::mutex> l(mu_);
    if (q_.empty()) return true;
    e = q_.front();
  }
  Status st = store_->Reconcile(e.r, e.actual);
  if (!st.ok()) {
    {
      // To the back: one entry the store keeps refusing must not hold up the others.
      std::lock_guard<std::mutex> l(mu_);
      if (!q_.empty()) {
        q_.push_back(std::move(q_.front()));
        q_.pop_front();
      }
    }
    if (listener_) listener_("retry_failed", st.message());
    return false;
  }
  {
    std::lock_guard<std::mutex> l(mu_);
    if (!q_.empty()) q_.pop_front();  // only this thread pops
  }
  if (listener_) listener_("settled", "");
  return true;
}

void SettleQueue::Run() {
  int backoff = opts_.initial_backoff_ms;
  std::unique_lock<std::mutex> l(mu_);
  for (;;) {
    // Wait for work; after a failure, also for the back-off (a new entry does not cut it short).
    cv_.wait(l, [&] { return stopping_ || !q_.empty(); });
    if (stopping_) return;
    l.unlock();
    bool ok = TryHead();
    l.lock();
    if (ok) {
      backoff = opts_.initial_backoff_ms;
      continue;
    }
    cv_.wait_for(l, std::chrono::milliseconds(backoff), [&] { return stopping_; });
    backoff = std::min(opts_.max_backoff_ms, std::max(1, backoff) * 2);
  }
}

size_t SettleQueue::Stop() {
  {
    std::lock_guard<std::mutex> l(mu_);
    if (stopping_ && !thread_.joinable()) return q_.size();
    stopping_ = true;
    cv_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
  // One last attempt at each, in order; what still fails is left (and reported by the count).
  std::deque<Entry> rest;
  {
    std::lock_guard<std::mutex> l(mu_);
    rest.swap(q_);
  }
  for (const Entry& e : rest) {
    if (store_->Reconcile(e.r, e.actual).ok()) {
      if (listener_) listener_("settled", "");
    } else {
      std::lock_guard<std::mutex> l(mu_);
      q_.push_back(e);
    }
  }
  std::lock_guard<std::mutex> l(mu_);
  return q_.size();
}

}  // namespace aigis::gateway
