// LimitStore: shared rate limits, concurrency limits and token budgets for the gateway. A call
// reserves its *estimated* tokens before it goes upstream and reconciles with the *actual* usage
// after, so concurrent callers can never together spend more than the budget by more than the
// estimation error of the calls in flight (zero when estimates are exact).
//
// Semantics shared by every implementation (the in-memory one for one instance, Redis for many):
// - requests and tokens are counted in a sliding window (two fixed windows, the previous one
//   weighted by how much of it still overlaps the sliding window: the usual approximation);
// - concurrency slots are leases that expire after `lease_ms`, so a crashed caller cannot leak
// them;
// - the budget is a counter that never expires: put the period in the key ("team-a:2026-11");
// - Reconcile is idempotent per reservation id: the store keeps a record of each reservation (its
//   window and estimate) until it is settled, the first Reconcile applies the correction and
//   removes the record, and any later one (a retry after a timeout that did apply) does nothing.
//   So failed reconciles can be retried blindly, and Reconcile(r, 0) cancels a Reserve whose
//   outcome is unknown (outcome_unknown below) whether or not the store counted it.
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace aigis::state {

struct LimitPolicy {
  int64_t requests_per_window = 0;  // 0 = unlimited
  int64_t tokens_per_window = 0;    // 0 = unlimited
  int64_t window_ms = 60'000;
  int64_t max_concurrent = 0;  // 0 = unlimited
  int64_t lease_ms = 600'000;  // a concurrency slot not released by then is freed (crash safety)
  int64_t token_budget = 0;    // 0 = no budget
};

enum class Decision : uint8_t {
  kAllowed,
  kRateLimited,         // requests_per_window
  kTokenRateLimited,    // tokens_per_window
  kConcurrencyLimited,  // max_concurrent
  kBudgetExhausted,     // token_budget
  kStoreUnavailable,    // the shared store could not be asked (fail closed)
};

inline std::string_view DecisionName(Decision d) {
  switch (d) {
    case Decision::kAllowed:
      return "allowed";
    case Decision::kRateLimited:
      return "rate_limited";
    case Decision::kTokenRateLimited:
      return "token_rate_limited";
    case Decision::kConcurrencyLimited:
      return "concurrency_limited";
    case Decision::kBudgetExhausted:
      return "budget_exhausted";
    case Decision::kStoreUnavailable:
      return "store_unavailable";
  }
  return "unknown";
}

// What Reconcile needs to undo or correct a reservation.
struct Reservation {
  std::string key;
  std::string id;      // unique per reservation (concurrency lease member)
  int64_t window = 0;  // index of the window the tokens were counted in
  int64_t estimated_tokens = 0;
  bool enforced = true;  // false when admitted by fail-open while the store was unavailable
};

struct ReserveResult {
  Decision decision = Decision::kAllowed;
  // Meaningful when decision == kAllowed, or when outcome_unknown (then: key, id, estimate).
  Reservation reservation;
  std::string detail;  // why the store was unavailable (no secrets), for logs
  // The call failed after the request may have reached the store (a timeout or a connection lost
  // while waiting for the answer): the reservation may have been counted. The caller should
  // cancel it with Reconcile(reservation with enforced = true, 0), retrying until that succeeds.
  bool outcome_unknown = false;
};

class LimitStore {
 public:
  virtual ~LimitStore() = default;
  // Checks every limit of `policy` for `key` and, only if all pass, counts the request, its
  // estimated tokens and a concurrency slot, atomically. Never blocks longer than the store's
  // configured timeouts.
  virtual ReserveResult Reserve(const std::string& key, const LimitPolicy& policy,
                                int64_t estimated_tokens) = 0;
  // Replaces the estimate by the actual usage (may be lower or higher) and frees the concurrency
  // slot. Use actual_tokens = 0 for a call that never reached the upstream. Idempotent: only the
  // first call for a reservation id that the store counted changes anything; a call for an id it
  // never counted (or already settled) is a no-op that returns Ok. A non-Ok status means the store
  // could not be asked (or did not answer): the call may be retried.
  virtual Status Reconcile(const Reservation& r, int64_t actual_tokens) = 0;
  // Tokens spent against the budget of `key` so far (including reservations in flight).
  virtual Result<int64_t> BudgetSpent(const std::string& key) = 0;
};

}  // namespace aigis::state
