// Per-key admission for the gateway on top of state::LimitStore (src/state/): how a virtual key's
// limits (requests and tokens per minute, concurrency, lifetime token budget) map onto a
// LimitPolicy, the refusal names clients and metrics see, and the store chosen by configuration
// (memory for one instance, Redis shared by several). Tokens are reserved before the upstream call
// (prompt estimate + max_tokens) and reconciled with the upstream's usage afterwards.
// Thread safety: free functions; the stores are thread-safe.
#pragma once

#include <memory>
#include <string_view>

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

}  // namespace aigis::gateway
