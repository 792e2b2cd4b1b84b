#include "gateway/limits.h"

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

}  // namespace aigis::gateway
