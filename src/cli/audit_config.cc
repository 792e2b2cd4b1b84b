#include "cli/audit_config.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>

namespace aigis::cli {

namespace {

template <typename T>
Status Read(const YAML::Node& n, const std::string& key, T* out) {
  try {
    *out = n.as<T>();
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument("audit." + key + ": " + e.what());
  }
  return Status::Ok();
}

Status NotMap(const std::string& key) {
  return Status::InvalidArgument("audit." + key + " must be a mapping");
}

}  // namespace

Result<AuditConfig> LoadAuditConfig(const std::string& path) {
  AuditConfig cfg;
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return Status::IOError(path + ": cannot read config file");
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(path + ": invalid YAML: " + e.what());
  }
  if (!root || root.IsNull()) return cfg;
  if (!root.IsMap()) return Status::InvalidArgument(path + ": top level must be a mapping");
  YAML::Node a = root["audit"];
  if (!a || a.IsNull()) return cfg;
  if (!a.IsMap()) return Status::InvalidArgument(path + ": audit: must be a mapping");
  cfg.present = true;
  auto fail = [&](const Status& st) { return Status::InvalidArgument(path + ": " + st.message()); };
  for (const auto& kv : a) {
    std::string k = kv.first.as<std::string>("");
    const YAML::Node& v = kv.second;
    Status st;
    if (k == "store") {
      st = Read(v, k, &cfg.store);
      if (st.ok() && cfg.store != "sqlite" && cfg.store != "postgres")
        st = Status::InvalidArgument("audit.store: expected sqlite or postgres, got '" + cfg.store +
                                     "'");
    } else if (k == "path") {
      st = Read(v, k, &cfg.path);
    } else if (k == "incidents_path") {
      st = Read(v, k, &cfg.incidents_path);
    } else if (k == "include_content") {
      st = Read(v, k, &cfg.log.include_content);
    } else if (k == "on_failure") {
      std::string x;
      st = Read(v, k, &x);
      if (st.ok() && x != "deny" && x != "allow")
        st = Status::InvalidArgument("audit.on_failure: expected deny or allow");
      cfg.fail_open = x == "allow";
    } else if (k == "writer_threads") {
      st = Read(v, k, &cfg.writer_threads);
      if (st.ok() && (cfg.writer_threads < 1 || cfg.writer_threads > 1024))
        st = Status::InvalidArgument("audit.writer_threads must be 1..1024");
    } else if (k == "abuse") {
      if (!v.IsMap()) return fail(NotMap(k));
      for (const auto& p : v) {
        std::string n = p.first.as<std::string>("");
        if (n == "enabled") {
          st = Read(p.second, "abuse." + n, &cfg.abuse_signals);
        } else if (n == "throttle_ms") {
          st = Read(p.second, "abuse." + n, &cfg.abuse_throttle_ms);
          if (st.ok() && cfg.abuse_throttle_ms < 0)
            st = Status::InvalidArgument("audit.abuse.throttle_ms must be >= 0");
        } else {
          st = Status::InvalidArgument("unknown key audit.abuse." + n);
        }
        if (!st.ok()) return fail(st);
      }
    } else if (k == "postgres") {
      if (!v.IsMap()) return fail(NotMap(k));
      for (const auto& p : v) {
        std::string n = p.first.as<std::string>("");
        if (n == "dsn_env")
          st = Read(p.second, "postgres." + n, &cfg.postgres_dsn_env);
        else if (n == "connect_timeout_s")
          st = Read(p.second, "postgres." + n, &cfg.postgres.connect_timeout_s);
        else if (n == "statement_timeout_ms")
          st = Read(p.second, "postgres." + n, &cfg.postgres.statement_timeout_ms);
        else if (n == "dsn")
          // A literal DSN would put a password into a file that is often world-readable.
          st = Status::InvalidArgument(
              "audit.postgres.dsn is not supported: set dsn_env to the "
              "name of an environment variable holding it");
        else
          st = Status::InvalidArgument("unknown key audit.postgres." + n);
        if (!st.ok()) return fail(st);
      }
    } else if (k == "durability") {
      if (!v.IsMap()) return fail(NotMap(k));
      for (const auto& p : v) {
        std::string n = p.first.as<std::string>("");
        if (n == "synchronous") {
          std::string x;
          st = Read(p.second, "durability." + n, &x);
          if (st.ok() && x != "full" && x != "normal")
            st = Status::InvalidArgument("audit.durability.synchronous: expected full or normal");
          cfg.sqlite.synchronous_full = x != "normal";
        } else if (n == "group_commit_max_records") {
          int64_t x = 0;
          st = Read(p.second, "durability." + n, &x);
          if (st.ok() && x < 1)
            st = Status::InvalidArgument("audit.durability." + n + " must be >= 1");
          cfg.sqlite.group_commit.max_records = cfg.postgres.group_commit.max_records =
              static_cast<size_t>(x);
        } else if (n == "group_commit_window_us") {
          int64_t x = 0;
          st = Read(p.second, "durability." + n, &x);
          if (st.ok() && (x < 0 || x > 1000000))
            st = Status::InvalidArgument("audit.durability." + n + " must be 0..1000000");
          cfg.sqlite.group_commit.window = cfg.postgres.group_commit.window =
              std::chrono::microseconds(x);
        } else {
          st = Status::InvalidArgument("unknown key audit.durability." + n);
        }
        if (!st.ok()) return fail(st);
      }
    } else if (k == "checkpoint") {
      if (!v.IsMap()) return fail(NotMap(k));
      for (const auto& p : v) {
        std::string n = p.first.as<std::string>("");
        if (n == "key")
          st = Read(p.second, "checkpoint." + n, &cfg.checkpoint_key);
        else if (n == "every") {
          st = Read(p.second, "checkpoint." + n, &cfg.log.checkpoint_every);
          if (st.ok() && cfg.log.checkpoint_every < 1)
            st = Status::InvalidArgument("audit.checkpoint.every must be >= 1");
        } else
          st = Status::InvalidArgument("unknown key audit.checkpoint." + n);
        if (!st.ok()) return fail(st);
      }
    } else {
      st = Status::InvalidArgument("unknown key audit." + k);
    }
    if (!st.ok()) return fail(st);
  }
  return cfg;
}

Result<std::unique_ptr<audit::AuditStore>> OpenAuditStore(const AuditConfig& cfg, bool read_only) {
  if (cfg.store == "postgres") {
    const char* dsn = std::getenv(cfg.postgres_dsn_env.c_str());
    if (!dsn || !*dsn)
      return Status::InvalidArgument("audit store is postgres but $" + cfg.postgres_dsn_env +
                                     " is not set");
    audit::PostgresOptions o = cfg.postgres;
    o.read_only = read_only;
    AIGIS_ASSIGN_OR_RETURN(auto s, audit::PostgresAuditStore::Open(dsn, o));
    return std::unique_ptr<audit::AuditStore>(std::move(s));
  }
  audit::SqliteOptions o = cfg.sqlite;
  o.read_only = read_only;
  AIGIS_ASSIGN_OR_RETURN(auto s, audit::SqliteAuditStore::Open(cfg.path, o));
  return std::unique_ptr<audit::AuditStore>(std::move(s));
}

std::string IncidentsPath(const AuditConfig& cfg) {
  if (!cfg.incidents_path.empty()) return cfg.incidents_path;
  return cfg.store == "sqlite" ? cfg.path : "aigis-incidents.db";
}

}  // namespace aigis::cli
