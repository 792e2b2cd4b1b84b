// SQLite audit store (the embedded default): WAL journal, appends in BEGIN IMMEDIATE transactions
// (which also serialise writers from other processes), group commit, synchronous=FULL by default so
// an acknowledged append survives power loss. Also hosts the incident tables (incident.h).
// Thread safety: all methods are thread-safe; appends are serialised, reads use their own
// connection.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "audit/audit_store.h"
#include "audit/group_commit.h"

struct sqlite3;

namespace aigis::audit {

struct SqliteOptions {
  // FULL: every commit is fsynced before Append returns (the durability promise). NORMAL: in WAL
  // mode a power loss may drop the last commits; only for deployments that accept that.
  bool synchronous_full = true;
  GroupCommitOptions group_commit;
  // How long a writer waits for another process's transaction before failing.
  int busy_timeout_ms = 5000;
  bool read_only = false;  // open for verify/query/export: no schema changes, no writes
};

struct SqliteCloser {
  void operator()(sqlite3* db) const;
};
using SqliteDb = std::unique_ptr<sqlite3, SqliteCloser>;

class SqliteAuditStore final : public AuditStore {
 public:
  static Result<std::unique_ptr<SqliteAuditStore>> Open(const std::string& path,
                                                        const SqliteOptions& opts = {});

  Result<std::vector<AppendResult>> AppendBatch(const std::vector<AuditRecord>& records) override;
  Status Scan(int64_t from_seq, const std::function<Status(const StoredRecord&)>& fn) override;
  Result<std::vector<StoredRecord>> Query(const QueryFilter& filter) override;
  Result<AppendResult> Head() override;
  Status AddCheckpoint(const Checkpoint& cp) override;
  Result<std::vector<Checkpoint>> Checkpoints() override;

  const std::string& path() const { return path_; }

 private:
  SqliteAuditStore(std::string path, SqliteOptions opts);
  Status Commit(const std::vector<const std::vector<AuditRecord>*>& batches,
                std::vector<std::vector<AppendResult>>* results);

  std::string path_;
  SqliteOptions opts_;
  SqliteDb write_db_;  // used by the group-commit leader only (and AddCheckpoint, under write_mu_)
  SqliteDb read_db_;
  std::mutex write_mu_;
  std::mutex read_mu_;
  std::unique_ptr<GroupCommitter> committer_;
};

// Helpers shared with the incident store (same database file).
Status SqliteExec(sqlite3* db, const char* sql);
Result<SqliteDb> SqliteOpen(const std::string& path, bool read_only, int busy_timeout_ms);

}  // namespace aigis::audit
