// The `gateway:` section of aigis's YAML config (docs/configuration.md, docs/gateway.md): where to
// listen, which model names go to which upstream (the only way an upstream URL is chosen; clients
// never can), the guard policies keys may use, the keys database, limits and timeouts.
// Parsed and checked at start: unknown keys, bad URLs, duplicate models and unset API-key
// variables are errors naming the key. Value types; thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace YAML {
class Node;
}

namespace aigis::gateway {

enum class Provider : uint8_t { kOpenAI, kAnthropic };

struct Upstream {
  bool tls = false;
  std::string host;
  std::string port;
  std::string base_path;  // prefix before the client's /v1/... path ("" or "/openai")
};

struct Route {
  std::string model;  // the name clients send
  Provider provider = Provider::kOpenAI;
  std::string upstream_url;  // as configured
  Upstream upstream;
  std::string api_key_env;     // environment variable holding the upstream key
  std::string upstream_model;  // sent upstream instead of `model` when set
};

struct GatewayLimits {
  // Request head; browsers and SDKs send under 4 KiB, 16 KiB leaves room for long tokens.
  uint32_t max_header_bytes = 16 << 10;
  // Request body; 4 MiB fits long conversations with a few inline images, larger is 413.
  uint64_t max_body_bytes = 4 << 20;
  // Non-streamed answer; bounded so one answer cannot exhaust memory.
  uint64_t max_response_bytes = 16 << 20;
  // Receiving a whole request (and waiting for the next one on a kept-alive connection).
  uint32_t request_timeout_ms = 30000;
  // Connecting to an upstream (TCP + TLS).
  uint32_t connect_timeout_ms = 10000;
  // From the request sent upstream to the response head; models can think for a while.
  uint32_t first_byte_timeout_ms = 120000;
  // Gap between two reads of an answer (stream deltas or body bytes).
  uint32_t idle_timeout_ms = 60000;
  // Token reservation when a request names no output cap; the gateway then also sets that cap in
  // the body it forwards, so the upstream cannot spend more than was reserved.
  uint32_t default_max_tokens = 4096;
  // Largest output cap a client may ask for (400 max_tokens_too_large above). Above any current
  // model's output limit, so it refuses no real request; it bounds a single reservation.
  uint32_t max_output_tokens = 1 << 20;
  // The prompt part of a reservation is request body bytes / this. 4 is the usual English
  // average; 1 never undercounts text (a token covers at least one byte), so with it the budget
  // bound holds for any text prompt, at the price of reserving (not charging) more.
  uint32_t prompt_bytes_per_token = 4;
  // In-flight requests at shutdown get this long to finish.
  uint32_t drain_timeout_ms = 10000;
};

// Where per-key limits are counted (docs/gateway.md "Limits per key"): this process only
// (memory, the default) or one Redis shared by every gateway instance.
struct LimitStoreConfig {
  std::string type = "memory";     // memory | redis
  std::string host = "127.0.0.1";  // from url: redis://host:port
  int port = 6379;
  std::string password_env;  // variable holding the Redis password; empty = no AUTH
  // Bound each Redis call so an outage costs a request at most ~2x this, never a hang.
  int connect_timeout_ms = 200;
  int command_timeout_ms = 200;
  // After a Redis failure, fail at once for this long instead of each request waiting out the
  // timeouts (state::RedisOptions::retry_after_ms).
  int retry_after_ms = 1000;
  bool fail_open = false;  // on_unavailable: deny (default: 503) | allow (limits not enforced)
  std::string key_prefix = "aigis:lim";
  // Settlements (reconciles, cancels) waiting for a retry while the store fails
  // (gateway::SettleQueueOptions::max_pending); beyond it they are dropped, logged and counted.
  uint64_t settle_queue_max = 10'000;
  // How long Redis keeps the record of an unsettled reservation
  // (state::RedisOptions::record_ttl_ms); a settlement after it charges the estimate, never less.
  int64_t record_ttl_ms = 3'600'000;
};

// TLS termination on the listening side (docs/gateway.md "TLS"). Off unless cert_file is set.
struct ServerTlsConfig {
  std::string cert_file;  // PEM: the server certificate, then its chain; empty = plain HTTP
  std::string key_file;   // PEM: the private key, unencrypted (no passphrase prompt at start)
  uint16_t min_version = 0x0303;  // TLS1_2_VERSION; "1.2" or "1.3"
  std::string ciphers;            // TLS 1.2 cipher list (OpenSSL syntax); empty = our default
  std::string ciphersuites;       // TLS 1.3 suites (OpenSSL syntax); empty = OpenSSL's default
  std::string client_ca_file;     // set: clients must present a certificate issued by these CAs
  // A handshake that has not finished by then is dropped (slow or silent clients hold nothing).
  uint32_t handshake_timeout_ms = 10000;
  // A key file readable by every user is refused unless this is set (e.g. for a container
  // that can only mount it 0644).
  bool allow_world_readable_key = false;

  bool enabled() const { return !cert_file.empty(); }
};

struct GatewayConfig {
  std::string listen_host = "127.0.0.1";  // safe default: loopback only
  uint16_t listen_port = 8080;
  int threads = 0;          // 0 = hardware concurrency
  std::string keys_db;      // SQLite file of virtual keys (aigis keys ...)
  std::string request_log;  // one JSON line per request; empty = none
  std::string log_file;     // JSON log lines; empty = stderr
  std::string ca_file;      // extra CA bundle for https upstreams; empty = system store
  bool metrics = true;      // serve /metrics
  std::string default_policy = "default";
  std::map<std::string, std::string> policies;  // name -> file with a guard: section
  std::vector<Route> routes;
  GatewayLimits limits;
  LimitStoreConfig limits_store;
  ServerTlsConfig tls;
  std::string config_path;  // the file this came from
};

// Parses "http(s)://host[:port][/prefix]"; rejects user info, queries and fragments.
Result<Upstream> ParseUpstreamUrl(const std::string& url);
// Parses the `gateway:` node; relative paths resolve against base_dir. Checks that every
// api_key_env variable is set (the message names the variable, never its value).
Result<GatewayConfig> ParseGatewayConfig(const YAML::Node& gw, const std::string& base_dir);
// Parses "redis://host[:port]" (no user info, path or query: the password comes from an
// environment variable so it never sits in the config file).
Status ParseRedisUrl(const std::string& url, LimitStoreConfig* out);
// Reads `path` and parses its `gateway:` section (an error when there is none).
Result<GatewayConfig> LoadGatewayConfig(const std::string& path);

}  // namespace aigis::gateway
