// Runtime: everything a request needs that configuration and the keys database decide, built
// once and swapped whole on reload (SIGHUP): routes by model, compiled guard engines per policy
// and direction, the key index and the upstream API keys read from the environment.
// Immutable once built and shared (shared_ptr<const Runtime>); requests keep the one they started
// with, so a reload never changes a request halfway.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/status.h"
#include "gateway/config.h"
#include "gateway/keys.h"
#include "gateway/tls.h"
#include "guard/engine.h"

namespace aigis::gateway {

struct PolicyEngines {
  std::shared_ptr<const guard::GuardEngine> input;
  std::shared_ptr<const guard::GuardEngine> output;
};

struct Runtime {
  GatewayConfig config;
  std::map<std::string, const Route*> routes;  // by client-facing model name
  std::map<std::string, PolicyEngines> policies;
  std::unique_ptr<KeyIndex> keys;
  std::map<std::string, std::string> upstream_keys;  // api_key_env -> value; never logged
  // TLS termination (config.tls set): read from the files when this Runtime was built, so a
  // reload serves a renewed certificate to new connections. Null: plain HTTP.
  std::shared_ptr<boost::asio::ssl::context> tls;

  const PolicyEngines* PolicyFor(const KeyRecord& key) const;
};

// Compiles the policies, reads the keys database and the API-key variables. Errors name the
// policy file, variable, database or TLS file.
Result<std::shared_ptr<const Runtime>> BuildRuntime(GatewayConfig config);

}  // namespace aigis::gateway
