// The `audit:` section of aigis's YAML configuration (docs/configuration.md, docs/audit.md).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "audit/audit_log.h"
#include "audit/audit_store.h"
#include "audit/postgres_store.h"
#include "audit/sqlite_store.h"
#include "core/status.h"

namespace aigis::cli {

struct AuditConfig {
  bool present = false;          // the file has an audit: section (aigis serve then writes records)
  std::string store = "sqlite";  // sqlite | postgres
  std::string path = "aigis-audit.db";
  // Name of the environment variable holding the libpq connection string: passwords stay out of
  // the config file and out of every message.
  std::string postgres_dsn_env = "AIGIS_AUDIT_POSTGRES_DSN";
  audit::SqliteOptions sqlite;
  audit::PostgresOptions postgres;
  std::string checkpoint_key;  // PEM Ed25519 private key; empty = chain only, no signatures
  audit::AuditLogOptions log;  // checkpoint.every and include_content
  std::string incidents_path;  // empty = `path` (sqlite store) or "aigis-incidents.db"
  // aigis serve: on_failure deny (default: 503 when a record cannot be stored) or allow.
  bool fail_open = false;
  // aigis serve: threads waiting for durable appends (more = larger group commits).
  int writer_threads = 16;
  // aigis serve: abuse signals (audit/abuse_signals.h) and the optional throttle after an alert.
  bool abuse_signals = true;
  int64_t abuse_throttle_ms = 0;
};

// Reads the `audit:` section; a missing file section gives defaults. Unknown keys are errors.
Result<AuditConfig> LoadAuditConfig(const std::string& path);

// Opens the configured store. read_only opens SQLite read-only (verify/query/export).
Result<std::unique_ptr<audit::AuditStore>> OpenAuditStore(const AuditConfig& cfg, bool read_only);

std::string IncidentsPath(const AuditConfig& cfg);

}  // namespace aigis::cli
