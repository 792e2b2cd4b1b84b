#include "gateway/config.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <limits>
#include <set>

namespace aigis::gateway {
namespace {

std::string Resolve(const std::string& base, const std::string& p) {
  if (p.empty() || p[0] == '/' || base.empty()) return p;
  return (std::filesystem::path(base) / p).string();
}

template <typename T>
Status Num(const YAML::Node& n, const std::string& key, T* out) {
  try {
    long long v = n.as<long long>();
    if (v < 0 || static_cast<unsigned long long>(v) > std::numeric_limits<T>::max())
      return Status::InvalidArgument("gateway: " + key + ": out of range");
    *out = static_cast<T>(v);
    return Status::Ok();
  } catch (const YAML::Exception&) {
    return Status::InvalidArgument("gateway: " + key + ": not a number");
  }
}

Result<std::string> Str(const YAML::Node& n, const std::string& key) {
  if (!n.IsScalar()) return Status::InvalidArgument("gateway: " + key + ": must be a string");
  return n.as<std::string>();
}

Status ParseLimits(const YAML::Node& n, GatewayLimits* l) {
  if (!n.IsMap()) return Status::InvalidArgument("gateway: limits: must be a map");
  for (const auto& kv : n) {
    std::string k = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    std::string key = "limits." + k;
    if (k == "max_header_bytes")
      AIGIS_RETURN_IF_ERROR(Num(v, key, &l->max_header_bytes));
    else if (k == "max_body_bytes")
      AIGIS_RETURN_IF_ERROR(Num(v, key, &l->max_body_bytes));
    else if (k == "max_response_bytes")
      AIGIS_RETURN_IF_ERROR(Num(v, key, &l->max_response_bytes));
    else if (k == "request_timeout_ms")
      AIGIS_RETURN_IF_ERROR(Num(v, key, &l->request_timeout_ms));
    else if (k == "connect_timeout_ms")
      AIGIS_RETURN_IF_ERROR(Num(v, key, &l->connect_timeout_ms));
    else if (k == "first_byte_timeout_ms")
      AIGIS_RETURN_IF_ERROR(Num(v, key, &l->first_byte_timeout_ms));
    else if (k == "idle_timeout_ms")
      AIGIS_RETURN_IF_ERROR(Num(v, key, &l->idle_timeout_ms));
    else if (k == "default_max_tokens")
      AIGIS_RETURN_IF_ERROR(Num(v, key, &l->default_max_tokens));
    else if (k == "max_output_tokens")
      AIGIS_RETURN_IF_ERROR(Num(v, key, &l->max_output_tokens));
    else if (k == "prompt_bytes_per_token")
      AIGIS_RETURN_IF_ERROR(Num(v, key, &l->prompt_bytes_per_token));
    else if (k == "drain_timeout_ms")
      AIGIS_RETURN_IF_ERROR(Num(v, key, &l->drain_timeout_ms));
    else
      return Status::InvalidArgument("gateway: unknown key limits." + k);
  }
  if (l->prompt_bytes_per_token < 1 || l->prompt_bytes_per_token > 16)
    return Status::InvalidArgument("gateway: limits.prompt_bytes_per_token must be 1..16");
  if (l->default_max_tokens > l->max_output_tokens)
    return Status::InvalidArgument(
        "gateway: limits.default_max_tokens is above limits.max_output_tokens");
  if (l->max_header_bytes < 1024)
    return Status::InvalidArgument("gateway: limits.max_header_bytes below 1024");
  if (l->request_timeout_ms == 0 || l->first_byte_timeout_ms == 0 || l->idle_timeout_ms == 0 ||
      l->connect_timeout_ms == 0)
    return Status::InvalidArgument("gateway: limits: timeouts must be above 0");
  return Status::Ok();
}

bool ValidEnvName(const std::string& s) {
  if (s.empty() || s.size() > 128) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return !(s[0] >= '0' && s[0] <= '9');
}

Status ParseLimitStore(const YAML::Node& n, LimitStoreConfig* c) {
  if (!n.IsMap()) return Status::InvalidArgument("gateway: limits_store: must be a map");
  std::string url;
  for (const auto& kv : n) {
    std::string k = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    std::string key = "limits_store." + k;
    if (k == "type") {
      AIGIS_ASSIGN_OR_RETURN(c->type, Str(v, key));
      if (c->type != "memory" && c->type != "redis")
        return Status::InvalidArgument("gateway: limits_store.type: expected memory or redis");
    } else if (k == "url") {
      AIGIS_ASSIGN_OR_RETURN(url, Str(v, key));
    } else if (k == "password_env") {
      AIGIS_ASSIGN_OR_RETURN(c->password_env, Str(v, key));
    } else if (k == "key_prefix") {
      AIGIS_ASSIGN_OR_RETURN(c->key_prefix, Str(v, key));
    } else if (k == "connect_timeout_ms") {
      AIGIS_RETURN_IF_ERROR(Num(v, key, &c->connect_timeout_ms));
    } else if (k == "command_timeout_ms") {
      AIGIS_RETURN_IF_ERROR(Num(v, key, &c->command_timeout_ms));
    } else if (k == "retry_after_ms") {
      AIGIS_RETURN_IF_ERROR(Num(v, key, &c->retry_after_ms));
    } else if (k == "record_ttl_ms") {
      AIGIS_RETURN_IF_ERROR(Num(v, key, &c->record_ttl_ms));
    } else if (k == "settle_queue_max") {
      AIGIS_RETURN_IF_ERROR(Num(v, key, &c->settle_queue_max));
    } else if (k == "on_unavailable") {
      AIGIS_ASSIGN_OR_RETURN(std::string s, Str(v, key));
      if (s != "deny" && s != "allow")
        return Status::InvalidArgument(
            "gateway: limits_store.on_unavailable: expected deny or allow");
      c->fail_open = s == "allow";
    } else {
      return Status::InvalidArgument("gateway: unknown key limits_store." + k);
    }
  }
  if (c->type == "redis") {
    if (url.empty())
      return Status::InvalidArgument("gateway: limits_store.url is required for redis");
    AIGIS_RETURN_IF_ERROR(ParseRedisUrl(url, c));
  }
  if (c->connect_timeout_ms <= 0 || c->command_timeout_ms <= 0)
    return Status::InvalidArgument("gateway: limits_store: timeouts must be above 0");
  if (c->retry_after_ms < 0)
    return Status::InvalidArgument("gateway: limits_store.retry_after_ms: must be 0 or more");
  // Shorter than a minute would expire records of answers still streaming (each then stays
  // charged at its estimate); longer than a week keeps dead records for nothing.
  if (c->record_ttl_ms < 60'000 || c->record_ttl_ms > 604'800'000)
    return Status::InvalidArgument(
        "gateway: limits_store.record_ttl_ms: must be between 60000 (1 min) and 604800000 (7 "
        "days)");
  if (!c->password_env.empty() && !std::getenv(c->password_env.c_str()))
    return Status::InvalidArgument("gateway: limits_store.password_env: $" + c->password_env +
                                   " is not set");
  return Status::Ok();
}

Status ParseServerTls(const YAML::Node& n, const std::string& base_dir, ServerTlsConfig* t) {
  if (!n.IsMap()) return Status::InvalidArgument("gateway: tls: must be a map");
  for (const auto& kv : n) {
    std::string k = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    std::string key = "tls." + k;
    if (k == "cert_file") {
      AIGIS_ASSIGN_OR_RETURN(t->cert_file, Str(v, key));
      t->cert_file = Resolve(base_dir, t->cert_file);
    } else if (k == "key_file") {
      AIGIS_ASSIGN_OR_RETURN(t->key_file, Str(v, key));
      t->key_file = Resolve(base_dir, t->key_file);
    } else if (k == "client_ca_file") {
      AIGIS_ASSIGN_OR_RETURN(t->client_ca_file, Str(v, key));
      t->client_ca_file = Resolve(base_dir, t->client_ca_file);
    } else if (k == "min_version") {
      AIGIS_ASSIGN_OR_RETURN(std::string ver, Str(v, key));
      if (ver == "1.2")
        t->min_version = 0x0303;
      else if (ver == "1.3")
        t->min_version = 0x0304;
      else
        return Status::InvalidArgument("gateway: tls.min_version: expected 1.2 or 1.3, got '" +
                                       ver + "'");
    } else if (k == "ciphers") {
      AIGIS_ASSIGN_OR_RETURN(t->ciphers, Str(v, key));
    } else if (k == "ciphersuites") {
      AIGIS_ASSIGN_OR_RETURN(t->ciphersuites, Str(v, key));
    } else if (k == "handshake_timeout_ms") {
      AIGIS_RETURN_IF_ERROR(Num(v, key, &t->handshake_timeout_ms));
    } else if (k == "allow_world_readable_key") {
      t->allow_world_readable_key = v.as<bool>();
    } else {
      return Status::InvalidArgument("gateway: unknown key tls." + k);
    }
  }
  if (t->cert_file.empty() || t->key_file.empty())
    return Status::InvalidArgument("gateway: tls: cert_file and key_file are both required");
  if (t->handshake_timeout_ms == 0)
    return Status::InvalidArgument("gateway: tls.handshake_timeout_ms must be above 0");
  return Status::Ok();
}

}  // namespace

Status ParseRedisUrl(const std::string& url, LimitStoreConfig* out) {
  constexpr std::string_view kScheme = "redis://";
  if (url.rfind(kScheme, 0) != 0)
    return Status::InvalidArgument("gateway: limits_store.url: expected redis://host[:port]");
  std::string rest = url.substr(kScheme.size());
  if (rest.empty() || rest.find_first_of("@/?#") != std::string::npos)
    return Status::InvalidArgument(
        "gateway: limits_store.url: expected redis://host[:port] (no user, password or path; "
        "use password_env)");
  std::string host = rest, port = "6379";
  if (size_t c = rest.rfind(':'); c != std::string::npos) {
    host = rest.substr(0, c);
    port = rest.substr(c + 1);
  }
  if (host.empty() || port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) == 0 ||
      std::stoi(port) > 65535)
    return Status::InvalidArgument("gateway: limits_store.url: bad host or port");
  out->host = host;
  out->port = std::stoi(port);
  return Status::Ok();
}

Result<Upstream> ParseUpstreamUrl(const std::string& url) {
  Upstream u;
  std::string rest;
  if (url.rfind("https://", 0) == 0) {
    u.tls = true;
    rest = url.substr(8);
  } else if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else {
    return Status::InvalidArgument("upstream '" + url + "': must start with http:// or https://");
  }
  if (rest.find_first_of("@?#") != std::string::npos)
    return Status::InvalidArgument("upstream '" + url +
                                   "': user info, query and fragment are not allowed");
  size_t slash = rest.find('/');
  std::string hostport = rest.substr(0, slash);
  if (slash != std::string::npos) u.base_path = rest.substr(slash);
  while (!u.base_path.empty() && u.base_path.back() == '/') u.base_path.pop_back();
  size_t colon = hostport.rfind(':');
  if (!hostport.empty() && hostport[0] == '[') {  // [v6]:port
    size_t close = hostport.find(']');
    if (close == std::string::npos)
      return Status::InvalidArgument("upstream '" + url + "': bad IPv6 host");
    u.host = hostport.substr(1, close - 1);
    if (close + 1 < hostport.size()) {
      if (hostport[close + 1] != ':')
        return Status::InvalidArgument("upstream '" + url + "': bad port");
      u.port = hostport.substr(close + 2);
    }
  } else if (colon != std::string::npos) {
    u.host = hostport.substr(0, colon);
    u.port = hostport.substr(colon + 1);
  } else {
    u.host = hostport;
  }
  if (u.host.empty()) return Status::InvalidArgument("upstream '" + url + "': no host");
  if (u.port.empty()) u.port = u.tls ? "443" : "80";
  for (char c : u.port)
    if (c < '0' || c > '9') return Status::InvalidArgument("upstream '" + url + "': bad port");
  if (u.port.size() > 5 || std::stoi(u.port) == 0 || std::stoi(u.port) > 65535)
    return Status::InvalidArgument("upstream '" + url + "': bad port");
  return u;
}

Result<GatewayConfig> ParseGatewayConfig(const YAML::Node& gw, const std::string& base_dir) {
  GatewayConfig c;
  if (!gw.IsMap()) return Status::InvalidArgument("gateway: must be a map");
  try {
    for (const auto& kv : gw) {
      std::string k = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      if (k == "listen") {
        AIGIS_ASSIGN_OR_RETURN(std::string l, Str(v, "listen"));
        size_t colon = l.rfind(':');
        if (colon == std::string::npos)
          return Status::InvalidArgument("gateway: listen: want host:port");
        c.listen_host = l.substr(0, colon);
        if (c.listen_host.size() > 2 && c.listen_host.front() == '[')
          c.listen_host = c.listen_host.substr(1, c.listen_host.size() - 2);
        std::string port = l.substr(colon + 1);
        if (port.empty() || port.size() > 5 ||
            port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535)
          return Status::InvalidArgument("gateway: listen: bad port '" + port + "'");
        c.listen_port = static_cast<uint16_t>(std::stoi(port));
      } else if (k == "threads") {
        AIGIS_RETURN_IF_ERROR(Num(v, "threads", &c.threads));
      } else if (k == "keys_db") {
        AIGIS_ASSIGN_OR_RETURN(c.keys_db, Str(v, k));
        c.keys_db = Resolve(base_dir, c.keys_db);
      } else if (k == "request_log") {
        AIGIS_ASSIGN_OR_RETURN(c.request_log, Str(v, k));
        c.request_log = Resolve(base_dir, c.request_log);
      } else if (k == "log_file") {
        AIGIS_ASSIGN_OR_RETURN(c.log_file, Str(v, k));
        c.log_file = Resolve(base_dir, c.log_file);
      } else if (k == "ca_file") {
        AIGIS_ASSIGN_OR_RETURN(c.ca_file, Str(v, k));
        c.ca_file = Resolve(base_dir, c.ca_file);
      } else if (k == "metrics") {
        c.metrics = v.as<bool>();
      } else if (k == "default_policy") {
        AIGIS_ASSIGN_OR_RETURN(c.default_policy, Str(v, k));
      } else if (k == "policies") {
        if (!v.IsMap())
          return Status::InvalidArgument("gateway: policies: must map names to files");
        for (const auto& p : v) {
          AIGIS_ASSIGN_OR_RETURN(std::string file,
                                 Str(p.second, "policies." + p.first.as<std::string>()));
          c.policies[p.first.as<std::string>()] = Resolve(base_dir, file);
        }
      } else if (k == "limits") {
        AIGIS_RETURN_IF_ERROR(ParseLimits(v, &c.limits));
      } else if (k == "limits_store") {
        AIGIS_RETURN_IF_ERROR(ParseLimitStore(v, &c.limits_store));
      } else if (k == "tls") {
        AIGIS_RETURN_IF_ERROR(ParseServerTls(v, base_dir, &c.tls));
      } else if (k == "routes") {
        if (!v.IsSequence()) return Status::InvalidArgument("gateway: routes: must be a list");
        std::set<std::string> seen;
        for (size_t i = 0; i < v.size(); ++i) {
          const YAML::Node& r = v[i];
          std::string where = "gateway: routes[" + std::to_string(i) + "]";
          if (!r.IsMap()) return Status::InvalidArgument(where + ": must be a map");
          Route route;
          std::string provider = "openai";
          for (const auto& f : r) {
            std::string fk = f.first.as<std::string>();
            if (fk == "model")
              route.model = f.second.as<std::string>();
            else if (fk == "provider")
              provider = f.second.as<std::string>();
            else if (fk == "upstream")
              route.upstream_url = f.second.as<std::string>();
            else if (fk == "api_key_env")
              route.api_key_env = f.second.as<std::string>();
            else if (fk == "upstream_model")
              route.upstream_model = f.second.as<std::string>();
            else
              return Status::InvalidArgument(where + ": unknown key " + fk);
          }
          if (route.model.empty()) return Status::InvalidArgument(where + ": model is required");
          if (!seen.insert(route.model).second)
            return Status::InvalidArgument(where + ": model '" + route.model + "' is routed twice");
          if (provider == "openai")
            route.provider = Provider::kOpenAI;
          else if (provider == "anthropic")
            route.provider = Provider::kAnthropic;
          else
            return Status::InvalidArgument(where + ": provider must be openai or anthropic");
          auto up = ParseUpstreamUrl(route.upstream_url);
          if (!up.ok()) return Status::InvalidArgument(where + ": " + up.error().message());
          route.upstream = *up;
          if (!ValidEnvName(route.api_key_env))
            return Status::InvalidArgument(
                where + ": api_key_env must name an environment variable (A-Z, 0-9, _)");
          const char* val = std::getenv(route.api_key_env.c_str());
          if (!val || !*val)
            return Status::InvalidArgument(where + ": environment variable " + route.api_key_env +
                                           " is not set");
          c.routes.push_back(std::move(route));
        }
      } else {
        return Status::InvalidArgument("gateway: unknown key " + k);
      }
    }
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(std::string("gateway: ") + e.what());
  }
  if (c.routes.empty())
    return Status::InvalidArgument("gateway: routes: at least one route is required");
  if (c.keys_db.empty())
    return Status::InvalidArgument("gateway: keys_db is required (virtual keys)");
  if (c.policies.find(c.default_policy) == c.policies.end() && c.default_policy != "default")
    return Status::InvalidArgument("gateway: default_policy '" + c.default_policy +
                                   "' is not in policies");
  return c;
}

Result<GatewayConfig> LoadGatewayConfig(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(path + ": " + e.what());
  }
  if (!root.IsMap() || !root["gateway"])
    return Status::InvalidArgument(path + ": no gateway: section");
  std::string base = std::filesystem::path(path).parent_path().string();
  AIGIS_ASSIGN_OR_RETURN(GatewayConfig c, ParseGatewayConfig(root["gateway"], base));
  c.config_path = path;
  // "default" without a file means the guard: section of this same file.
  if (c.policies.find("default") == c.policies.end()) c.policies["default"] = path;
  return c;
}

}  // namespace aigis::gateway
