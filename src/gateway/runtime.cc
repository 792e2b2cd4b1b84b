#include "gateway/runtime.h"

#include <cstdlib>

#include "guard/policy.h"

namespace aigis::gateway {

const PolicyEngines* Runtime::PolicyFor(const KeyRecord& key) const {
  const std::string& name = key.policy.empty() ? config.default_policy : key.policy;
  auto it = policies.find(name);
  return it == policies.end() ? nullptr : &it->second;
}

Result<std::shared_ptr<const Runtime>> BuildRuntime(GatewayConfig config) {
  auto rt = std::make_shared<Runtime>();
  rt->config = std::move(config);
  for (const Route& r : rt->config.routes) {
    rt->routes[r.model] = &r;
    const char* v = std::getenv(r.api_key_env.c_str());
    if (!v || !*v)
      return Status::InvalidArgument("gateway: environment variable " + r.api_key_env +
                                     " is not set");
    rt->upstream_keys[r.api_key_env] = v;
  }
  for (const auto& [name, file] : rt->config.policies) {
    auto pol = guard::LoadGuardPolicyFile(file);
    if (!pol.ok())
      return Status::InvalidArgument("gateway: policy '" + name + "' (" + file +
                                     "): " + pol.error().message());
    guard::GuardPolicy in = *pol, out = *pol;
    in.direction = guard::Direction::kInput;
    out.direction = guard::Direction::kOutput;
    auto ein = guard::GuardEngine::Create(in);
    if (!ein.ok())
      return Status::InvalidArgument("gateway: policy '" + name + "': " + ein.error().message());
    auto eout = guard::GuardEngine::Create(out);
    if (!eout.ok())
      return Status::InvalidArgument("gateway: policy '" + name + "': " + eout.error().message());
    rt->policies[name] = PolicyEngines{*ein, *eout};
  }
  if (rt->policies.find(rt->config.default_policy) == rt->policies.end())
    return Status::InvalidArgument("gateway: default_policy '" + rt->config.default_policy +
                                   "' is not defined");
  if (rt->config.tls.enabled()) {
    AIGIS_ASSIGN_OR_RETURN(rt->tls, MakeServerTlsContext(rt->config.tls));
  }
  AIGIS_ASSIGN_OR_RETURN(auto store, KeyStore::Open(rt->config.keys_db));
  AIGIS_ASSIGN_OR_RETURN(auto records, store->List());
  for (const KeyRecord& k : records) {
    if (!k.revoked && !k.policy.empty() && rt->policies.find(k.policy) == rt->policies.end())
      return Status::InvalidArgument("gateway: key " + k.id + " names unknown policy '" + k.policy +
                                     "'");
  }
  rt->keys = std::make_unique<KeyIndex>(std::move(records));
  return std::shared_ptr<const Runtime>(std::move(rt));
}

}  // namespace aigis::gateway
