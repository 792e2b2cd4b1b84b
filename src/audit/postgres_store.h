// PostgreSQL audit store (libpqxx): one chain shared by several gateway instances. Each append
// transaction first takes a transaction-scoped advisory lock (pg_advisory_xact_lock), so appends
// from every instance are serialised and the chain never forks; commit is durable with the server's
// default synchronous_commit=on. Group commit gathers a process's concurrent appends.
// Thread safety: all methods are thread-safe (one connection, used under a mutex).
#pragma once

#include <memory>
#include <string>

#include "audit/audit_store.h"
#include "audit/group_commit.h"

namespace aigis::audit {

struct PostgresOptions {
  // libpq connect_timeout: an unreachable server fails the open instead of hanging.
  int connect_timeout_s = 5;
  // statement_timeout for every statement, including waiting for the append lock.
  int statement_timeout_ms = 10000;
  GroupCommitOptions group_commit;
  bool read_only = false;
};

// The store itself lives in the plugin libaigis_postgres.so (postgres_store_pqxx.cc), loaded on the
// first Open: libpq brings ~20 shared libraries that every other aigis command would otherwise map
// at start.
class PostgresAuditStore {
 public:
  // `conninfo` is a libpq connection string or URI. It may hold a password: it is never put in an
  // error message. Fails with kUnsupported when the plugin cannot be loaded.
  static Result<std::unique_ptr<AuditStore>> Open(const std::string& conninfo,
                                                  const PostgresOptions& opts = {});
};

}  // namespace aigis::audit
