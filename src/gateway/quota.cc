#include "gateway/quota.h"

#include <algorithm>

namespace aigis::gateway {

std::string_view QuotaReasonName(QuotaReason r) {
  switch (r) {
    case QuotaReason::kNone:
      return "none";
    case QuotaReason::kRequests:
      return "requests_per_minute";
    case QuotaReason::kTokens:
      return "tokens_per_minute";
    case QuotaReason::kConcurrency:
      return "concurrency";
    case QuotaReason::kBudget:
      return "token_budget";
  }
  return "unknown";
}

MemoryQuotaStore::MemoryQuotaStore(Clock clock) : clock_(std::move(clock)) {
  if (!clock_) {
    clock_ = [] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
          .count();
    };
  }
}

// Token bucket of `capacity` per minute, refilled continuously.
void MemoryQuotaStore::Refill(Bucket* b, double capacity, double now) {
  if (!b->started) {
    b->started = true;
    b->level = capacity;
  } else {
    b->level = std::min(capacity, b->level + (now - b->at) * capacity / 60.0);
  }
  b->at = now;
}

Result<Reservation> MemoryQuotaStore::Admit(const std::string& key_id, const KeyLimits& limits,
                                            uint64_t tokens, QuotaReason* reason) {
  *reason = QuotaReason::kNone;
  double now = clock_();
  std::lock_guard<std::mutex> lock(mu_);
  State& s = state_[key_id];
  // Check every limit before taking anything, so a refusal costs nothing.
  if (limits.max_concurrent && s.in_flight >= limits.max_concurrent) {
    *reason = QuotaReason::kConcurrency;
    return Status::LimitExceeded("too many concurrent requests for this key");
  }
  if (limits.token_budget && s.budget_used + tokens > limits.token_budget) {
    *reason = QuotaReason::kBudget;
    return Status::LimitExceeded("token budget of this key exhausted");
  }
  if (limits.requests_per_minute) {
    Refill(&s.requests, static_cast<double>(limits.requests_per_minute), now);
    if (s.requests.level < 1) {
      *reason = QuotaReason::kRequests;
      return Status::LimitExceeded("request rate limit of this key reached");
    }
  }
  if (limits.tokens_per_minute) {
    Refill(&s.tokens, static_cast<double>(limits.tokens_per_minute), now);
    if (tokens > limits.tokens_per_minute || s.tokens.level < static_cast<double>(tokens)) {
      *reason = QuotaReason::kTokens;
      return Status::LimitExceeded("token rate limit of this key reached");
    }
    s.tokens.level -= static_cast<double>(tokens);
    s.per_minute_tokens = limits.tokens_per_minute;
  }
  if (limits.requests_per_minute) s.requests.level -= 1;
  Reservation r;
  r.key_id = key_id;
  r.tokens = tokens;
  if (limits.max_concurrent) {
    ++s.in_flight;
    r.counted_concurrency = true;
  }
  s.budget_used += tokens;
  return r;
}

void MemoryQuotaStore::Settle(const Reservation& r, uint64_t used) {
  std::lock_guard<std::mutex> lock(mu_);
  State& s = state_[r.key_id];
  if (r.counted_concurrency && s.in_flight > 0) --s.in_flight;
  s.budget_used = s.budget_used - std::min(s.budget_used, r.tokens) + used;
  if (s.per_minute_tokens && s.tokens.started) {
    // Give back what was reserved and not used (or take the excess): the bucket may go negative,
    // which delays the key's next requests by exactly the overshoot.
    s.tokens.level =
        std::min(static_cast<double>(s.per_minute_tokens),
                 s.tokens.level + static_cast<double>(r.tokens) - static_cast<double>(used));
  }
}

uint64_t MemoryQuotaStore::BudgetUsed(const std::string& key_id) {
  std::lock_guard<std::mutex> lock(mu_);
  return state_[key_id].budget_used;
}

}  // namespace aigis::gateway
