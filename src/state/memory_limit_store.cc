#include "state/memory_limit_store.h"

#include <algorithm>
#include <chrono>

namespace aigis::state {

namespace {

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

int64_t Get(const std::map<int64_t, int64_t>& m, int64_t k) {
  auto it = m.find(k);
  return it == m.end() ? 0 : it->second;
}

// Sliding-window estimate: all of the current window plus the overlapping part of the previous.
double Weighted(const std::map<int64_t, int64_t>& m, int64_t cur, double frac) {
  return static_cast<double>(Get(m, cur)) + static_cast<double>(Get(m, cur - 1)) * (1.0 - frac);
}

void Prune(std::map<int64_t, int64_t>& m, int64_t cur) {
  while (!m.empty() && m.begin()->first < cur - 1) m.erase(m.begin());
}

}  // namespace

MemoryLimitStore::MemoryLimitStore(std::function<int64_t()> clock)
    : clock_(clock ? std::move(clock) : SteadyMs) {}

ReserveResult MemoryLimitStore::Reserve(const std::string& key, const LimitPolicy& p,
                                        int64_t estimated_tokens) {
  estimated_tokens = std::max<int64_t>(estimated_tokens, 0);  // a negative estimate would refund
  std::lock_guard<std::mutex> lk(mu_);
  const int64_t now = clock_();
  const int64_t win = p.window_ms > 0 ? p.window_ms : 1;
  const int64_t cur = now / win;
  const double frac = static_cast<double>(now - cur * win) / static_cast<double>(win);
  Counters& c = keys_[key];
  Prune(c.requests, cur);
  Prune(c.tokens, cur);
  ReserveResult res;
  if (p.requests_per_window > 0 &&
      Weighted(c.requests, cur, frac) + 1 > static_cast<double>(p.requests_per_window)) {
    res.decision = Decision::kRateLimited;
    return res;
  }
  if (p.tokens_per_window > 0 &&
      Weighted(c.tokens, cur, frac) + static_cast<double>(estimated_tokens) >
          static_cast<double>(p.tokens_per_window)) {
    res.decision = Decision::kTokenRateLimited;
    return res;
  }
  if (p.token_budget > 0 && c.spent + estimated_tokens > p.token_budget) {
    res.decision = Decision::kBudgetExhausted;
    return res;
  }
  std::string id = "m" + std::to_string(++next_id_);
  if (p.max_concurrent > 0) {
    for (auto it = c.leases.begin(); it != c.leases.end();)
      it = it->second <= now ? c.leases.erase(it) : std::next(it);
    if (static_cast<int64_t>(c.leases.size()) >= p.max_concurrent) {
      res.decision = Decision::kConcurrencyLimited;
      return res;
    }
    c.leases[id] = now + p.lease_ms;
  }
  c.requests[cur] += 1;
  c.tokens[cur] += estimated_tokens;
  c.spent += estimated_tokens;
  c.pending[id] = {cur, estimated_tokens};
  res.reservation = {key, id, cur, estimated_tokens, true};
  return res;
}

Status MemoryLimitStore::Reconcile(const Reservation& r, int64_t actual_tokens) {
  actual_tokens = std::max<int64_t>(actual_tokens, 0);
  if (!r.enforced) return Status::Ok();
  std::lock_guard<std::mutex> lk(mu_);
  auto it = keys_.find(r.key);
  if (it == keys_.end()) return Status::Ok();  // never counted here: nothing to settle
  Counters& c = it->second;
  c.leases.erase(r.id);
  auto p = c.pending.find(r.id);
  if (p == c.pending.end()) return Status::Ok();  // settled already (a retry) or never counted
  // The store's own record, not the caller's copy, says what was counted.
  const auto [window, estimated] = p->second;
  c.pending.erase(p);
  const int64_t delta = actual_tokens - estimated;
  // A window that has already slid out is not corrected; the budget always is.
  if (auto t = c.tokens.find(window); t != c.tokens.end()) t->second += delta;
  c.spent += delta;
  return Status::Ok();
}

Result<int64_t> MemoryLimitStore::BudgetSpent(const std::string& key) {
  std::lock_guard<std::mutex> lk(mu_);
  auto it = keys_.find(key);
  return it == keys_.end() ? 0 : it->second.spent;
}

}  // namespace aigis::state
