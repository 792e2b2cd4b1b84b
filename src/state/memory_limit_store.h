// In-memory LimitStore for a single gateway instance (and the reference the Redis store is tested
// against). Same semantics as limit_store.h describes.
// Thread safety: all methods are thread-safe (one mutex).
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "state/limit_store.h"

namespace aigis::state {

class MemoryLimitStore : public LimitStore {  // not final: tests wrap it and stay inline
 public:
  // `clock` returns milliseconds; tests inject a fake one. Default: steady clock.
  explicit MemoryLimitStore(std::function<int64_t()> clock = {});

  ReserveResult Reserve(const std::string& key, const LimitPolicy& policy,
                        int64_t estimated_tokens) override;
  Status Reconcile(const Reservation& r, int64_t actual_tokens) override;
  Result<int64_t> BudgetSpent(const std::string& key) override;

 private:
  struct Counters {
    std::map<int64_t, int64_t> requests;  // window index -> count (current and previous kept)
    std::map<int64_t, int64_t> tokens;
    std::map<std::string, int64_t> leases;  // reservation id -> expiry
    // Unsettled reservations: id -> {window, estimate}. Reconcile applies only what it finds here
    // (and erases it), which makes it idempotent like the Redis store. Every reservation is
    // settled in-process, so nothing expires here; no Reserve can run after its own cancel.
    std::map<std::string, std::pair<int64_t, int64_t>> pending;
    int64_t spent = 0;
  };
  std::function<int64_t()> clock_;
  std::mutex mu_;
  std::map<std::string, Counters> keys_;
  uint64_t next_id_ = 0;
};

}  // namespace aigis::state
