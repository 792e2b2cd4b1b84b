// Per-key admission: request rate, token rate, concurrency and a lifetime token budget. Tokens
// are reserved before the upstream call (prompt estimate + max_tokens) and settled with the
// upstream's reported usage afterwards, so concurrent requests can overshoot a limit by at most
// one reservation's error. QuotaStore is the interface; MemoryQuotaStore serves one process
// (a Redis-backed store shared by several gateways is a later issue).
// Thread safety: QuotaStore implementations are safe for concurrent use.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "core/status.h"
#include "gateway/keys.h"

namespace aigis::gateway {

struct Reservation {
  std::string key_id;
  uint64_t tokens = 0;
  bool counted_concurrency = false;
};

// Why a request was refused; the names are metric labels.
enum class QuotaReason : uint8_t { kNone, kRequests, kTokens, kConcurrency, kBudget };
std::string_view QuotaReasonName(QuotaReason r);

class QuotaStore {
 public:
  virtual ~QuotaStore() = default;
  // Admits one request reserving `tokens`, or refuses naming the limit in *reason (and the
  // returned kLimitExceeded status).
  virtual Result<Reservation> Admit(const std::string& key_id, const KeyLimits& limits,
                                    uint64_t tokens, QuotaReason* reason) = 0;
  // Ends the request: releases its concurrency slot and replaces the reservation with `used`.
  virtual void Settle(const Reservation& r, uint64_t used) = 0;
};

class MemoryQuotaStore : public QuotaStore {
 public:
  using Clock = std::function<double()>;  // seconds; injectable for tests
  explicit MemoryQuotaStore(Clock clock = nullptr);
  Result<Reservation> Admit(const std::string& key_id, const KeyLimits& limits, uint64_t tokens,
                            QuotaReason* reason) override;
  void Settle(const Reservation& r, uint64_t used) override;
  // Tokens used plus reserved so far against the budget.
  uint64_t BudgetUsed(const std::string& key_id);

 private:
  struct Bucket {
    bool started = false;  // a new bucket starts full
    double level = 0;      // may go below 0 after an overshoot
    double at = 0;
  };
  struct State {
    Bucket requests, tokens;
    uint64_t in_flight = 0;
    uint64_t budget_used = 0;        // settled + reserved
    uint64_t per_minute_tokens = 0;  // the limit the token bucket was last refilled against
  };
  static void Refill(Bucket* b, double capacity, double now);
  Clock clock_;
  std::mutex mu_;
  std::map<std::string, State> state_;
};

}  // namespace aigis::gateway
