// PostgreSQL audit store (libpqxx): one chain shared by several gateway instances. Each append
// transaction first takes a transaction-scoped advisory lock (pg_advisory_xact_lock), so appends
// from every instance are serialised and the chain never forks; commit is durable with the server's
// default synchronous_commit=on. Group commit gathers a process's concurrent appends.
// Thread safety: all methods are thread-safe (one connection, used under a mutex).
#pragma once

#include <memory>
#include <mutex>
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

class PostgresAuditStore final : public AuditStore {
 public:
  // `conninfo` is a libpq connection string or URI. It may hold a password: it is never put in an
  // error message.
  static Result<std::unique_ptr<PostgresAuditStore>> Open(const std::string& conninfo,
                                                          const PostgresOptions& opts = {});
  ~PostgresAuditStore() override;

  Result<std::vector<AppendResult>> AppendBatch(const std::vector<AuditRecord>& records) override;
  Status Scan(int64_t from_seq, const std::function<Status(const StoredRecord&)>& fn) override;
  Result<std::vector<StoredRecord>> Query(const QueryFilter& filter) override;
  Result<AppendResult> Head() override;
  Status AddCheckpoint(const Checkpoint& cp) override;
  Result<std::vector<Checkpoint>> Checkpoints() override;

 private:
  explicit PostgresAuditStore(PostgresOptions opts);
  Status Commit(const std::vector<const std::vector<AuditRecord>*>& batches,
                std::vector<std::vector<AppendResult>>* results);

  PostgresOptions opts_;
  std::mutex mu_;
  struct Conn;  // pqxx::connection, kept out of this header
  std::unique_ptr<Conn> conn_;
  std::unique_ptr<GroupCommitter> committer_;
};

}  // namespace aigis::audit
