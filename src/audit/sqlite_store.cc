#include "audit/sqlite_store.h"

#include <sqlite3.h>

namespace aigis::audit {

namespace {

struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

Status DbError(sqlite3* db, const std::string& what) {
  return Status::IOError("audit sqlite: " + what + ": " + sqlite3_errmsg(db));
}

Result<Stmt> Prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &s, nullptr) != SQLITE_OK)
    return DbError(db, "prepare");
  return Stmt(s);
}

void BindText(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

std::string ColText(sqlite3_stmt* s, int i) {
  const unsigned char* p = sqlite3_column_text(s, i);
  int n = sqlite3_column_bytes(s, i);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS audit_records (
  seq INTEGER PRIMARY KEY, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, body TEXT NOT NULL,
  time_ms INTEGER NOT NULL, kind TEXT NOT NULL, request_id TEXT NOT NULL, client TEXT NOT NULL,
  model TEXT NOT NULL, route TEXT NOT NULL, verdict TEXT NOT NULL, categories TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_records_time ON audit_records(time_ms);
CREATE INDEX IF NOT EXISTS audit_records_client ON audit_records(client, time_ms);
CREATE INDEX IF NOT EXISTS audit_records_request ON audit_records(request_id);
CREATE TABLE IF NOT EXISTS audit_checkpoints (
  seq INTEGER PRIMARY KEY, head_hash TEXT NOT NULL, time_ms INTEGER NOT NULL,
  key_id TEXT NOT NULL, signature TEXT NOT NULL);
)sql";

constexpr const char* kColumns =
    "seq, prev_hash, hash, body, time_ms, kind, request_id, client, model, route, verdict, "
    "categories";

StoredRecord RowToRecord(sqlite3_stmt* s) {
  StoredRecord r;
  r.seq = sqlite3_column_int64(s, 0);
  r.prev_hash = ColText(s, 1);
  r.hash = ColText(s, 2);
  r.body = ColText(s, 3);
  r.time_ms = sqlite3_column_int64(s, 4);
  r.kind = ColText(s, 5);
  r.request_id = ColText(s, 6);
  r.client_key_id = ColText(s, 7);
  r.model = ColText(s, 8);
  r.route = ColText(s, 9);
  r.verdict = ColText(s, 10);
  r.categories = ColText(s, 11);
  return r;
}

}  // namespace

void SqliteCloser::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Status SqliteExec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::IOError("audit sqlite: " + msg);
  }
  return Status::Ok();
}

Result<SqliteDb> SqliteOpen(const std::string& path, bool read_only, int busy_timeout_ms) {
  sqlite3* raw = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;  // each connection is used under our own mutex
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  SqliteDb db(raw);
  if (rc != SQLITE_OK)
    return Status::IOError("audit sqlite: cannot open " + path + ": " +
                           (raw ? sqlite3_errmsg(raw) : "out of memory"));
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  return db;
}

SqliteAuditStore::SqliteAuditStore(std::string path, SqliteOptions opts)
    : path_(std::move(path)), opts_(opts) {}

Result<std::unique_ptr<SqliteAuditStore>> SqliteAuditStore::Open(const std::string& path,
                                                                 const SqliteOptions& opts) {
  std::unique_ptr<SqliteAuditStore> s(new SqliteAuditStore(path, opts));
  if (!opts.read_only) {
    AIGIS_ASSIGN_OR_RETURN(s->write_db_, SqliteOpen(path, false, opts.busy_timeout_ms));
    sqlite3* w = s->write_db_.get();
    AIGIS_RETURN_IF_ERROR(SqliteExec(w, "PRAGMA journal_mode=WAL"));
    AIGIS_RETURN_IF_ERROR(SqliteExec(
        w, opts.synchronous_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"));
    AIGIS_RETURN_IF_ERROR(SqliteExec(w, kSchema));
    s->committer_ = std::make_unique<GroupCommitter>(
        opts.group_commit,
        [p = s.get()](const auto& batches, auto* results) { return p->Commit(batches, results); });
  }
  AIGIS_ASSIGN_OR_RETURN(s->read_db_, SqliteOpen(path, opts.read_only, opts.busy_timeout_ms));
  if (opts.read_only) {
    // A read-only open of a file that is not an audit store must fail here, not at first query.
    auto st = Prepare(s->read_db_.get(), "SELECT seq FROM audit_records LIMIT 1");
    if (!st.ok()) return Status::InvalidArgument(path + ": not an aigis audit store");
  }
  return s;
}

Status SqliteAuditStore::Commit(const std::vector<const std::vector<AuditRecord>*>& batches,
                                std::vector<std::vector<AppendResult>>* results) {
  std::lock_guard<std::mutex> lk(write_mu_);
  sqlite3* db = write_db_.get();
  // IMMEDIATE takes the write lock before reading the head, so no other process can append between
  // our read of the head and our insert.
  AIGIS_RETURN_IF_ERROR(SqliteExec(db, "BEGIN IMMEDIATE"));
  auto rollback = [&](Status st) {
    (void)SqliteExec(db, "ROLLBACK");
    return st;
  };
  int64_t seq = 0;
  std::string prev(kGenesisHash);
  {
    auto head = Prepare(db, "SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1");
    if (!head.ok()) return rollback(head.status());
    int rc = sqlite3_step(head->get());
    if (rc == SQLITE_ROW) {
      seq = sqlite3_column_int64(head->get(), 0);
      prev = ColText(head->get(), 1);
    } else if (rc != SQLITE_DONE) {
      return rollback(DbError(db, "read head"));
    }
  }
  auto ins = Prepare(db, std::string("INSERT INTO audit_records (") + kColumns +
                             ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!ins.ok()) return rollback(ins.status());
  results->clear();
  for (const auto* batch : batches) {
    auto& out = results->emplace_back();
    for (const auto& rec : *batch) {
      StoredRecord s = ChainRecord(rec, ++seq, prev);
      sqlite3_stmt* st = ins->get();
      sqlite3_reset(st);
      sqlite3_bind_int64(st, 1, s.seq);
      BindText(st, 2, s.prev_hash);
      BindText(st, 3, s.hash);
      BindText(st, 4, s.body);
      sqlite3_bind_int64(st, 5, s.time_ms);
      BindText(st, 6, s.kind);
      BindText(st, 7, s.request_id);
      BindText(st, 8, s.client_key_id);
      BindText(st, 9, s.model);
      BindText(st, 10, s.route);
      BindText(st, 11, s.verdict);
      BindText(st, 12, s.categories);
      if (sqlite3_step(st) != SQLITE_DONE) return rollback(DbError(db, "insert"));
      prev = s.hash;
      out.push_back({s.seq, s.hash});
    }
  }
  Status c = SqliteExec(db, "COMMIT");
  if (!c.ok()) return rollback(c);
  return Status::Ok();
}

Result<std::vector<AppendResult>> SqliteAuditStore::AppendBatch(
    const std::vector<AuditRecord>& records) {
  if (!committer_) return Status::InvalidArgument("audit sqlite: store opened read-only");
  if (records.empty()) return std::vector<AppendResult>{};
  return committer_->Submit(records);
}

Status SqliteAuditStore::Scan(int64_t from_seq,
                              const std::function<Status(const StoredRecord&)>& fn) {
  std::lock_guard<std::mutex> lk(read_mu_);
  sqlite3* db = read_db_.get();
  AIGIS_ASSIGN_OR_RETURN(Stmt st,
                         Prepare(db, std::string("SELECT ") + kColumns +
                                         " FROM audit_records WHERE seq >= ? ORDER BY seq"));
  sqlite3_bind_int64(st.get(), 1, from_seq);
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW)
    AIGIS_RETURN_IF_ERROR(fn(RowToRecord(st.get())));
  if (rc != SQLITE_DONE) return DbError(db, "scan");
  return Status::Ok();
}

Result<std::vector<StoredRecord>> SqliteAuditStore::Query(const QueryFilter& f) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM audit_records WHERE 1=1";
  std::vector<std::function<void(sqlite3_stmt*, int)>> binds;
  auto add_text = [&](const char* cond, const std::optional<std::string>& v) {
    if (!v) return;
    sql += cond;
    binds.push_back([s = *v](sqlite3_stmt* st, int i) { BindText(st, i, s); });
  };
  auto add_int = [&](const char* cond, const std::optional<int64_t>& v) {
    if (!v) return;
    sql += cond;
    binds.push_back([x = *v](sqlite3_stmt* st, int i) { sqlite3_bind_int64(st, i, x); });
  };
  add_int(" AND time_ms >= ?", f.from_ms);
  add_int(" AND time_ms < ?", f.to_ms);
  add_int(" AND seq >= ?", f.from_seq);
  add_int(" AND seq <= ?", f.to_seq);
  add_text(" AND client = ?", f.client_key_id);
  add_text(" AND model = ?", f.model);
  add_text(" AND verdict = ?", f.verdict);
  add_text(" AND request_id = ?", f.request_id);
  add_text(" AND kind = ?", f.kind);
  // instr, not LIKE: a category name is data, never a pattern.
  add_text(" AND instr(categories, ',' || ? || ',') > 0", f.category);
  sql += " ORDER BY seq LIMIT ?";
  std::lock_guard<std::mutex> lk(read_mu_);
  sqlite3* db = read_db_.get();
  AIGIS_ASSIGN_OR_RETURN(Stmt st, Prepare(db, sql));
  int i = 1;
  for (auto& b : binds) b(st.get(), i++);
  sqlite3_bind_int64(st.get(), i, static_cast<int64_t>(f.limit));
  std::vector<StoredRecord> out;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) out.push_back(RowToRecord(st.get()));
  if (rc != SQLITE_DONE) return DbError(db, "query");
  return out;
}

Result<AppendResult> SqliteAuditStore::Head() {
  std::lock_guard<std::mutex> lk(read_mu_);
  sqlite3* db = read_db_.get();
  AIGIS_ASSIGN_OR_RETURN(
      Stmt st, Prepare(db, "SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1"));
  int rc = sqlite3_step(st.get());
  if (rc == SQLITE_ROW)
    return AppendResult{sqlite3_column_int64(st.get(), 0), ColText(st.get(), 1)};
  if (rc != SQLITE_DONE) return DbError(db, "head");
  return AppendResult{0, std::string(kGenesisHash)};
}

Status SqliteAuditStore::AddCheckpoint(const Checkpoint& cp) {
  if (!write_db_) return Status::InvalidArgument("audit sqlite: store opened read-only");
  std::lock_guard<std::mutex> lk(write_mu_);
  sqlite3* db = write_db_.get();
  AIGIS_ASSIGN_OR_RETURN(
      Stmt st, Prepare(db,
                       "INSERT OR REPLACE INTO audit_checkpoints "
                       "(seq, head_hash, time_ms, key_id, signature) VALUES (?,?,?,?,?)"));
  sqlite3_bind_int64(st.get(), 1, cp.seq);
  BindText(st.get(), 2, cp.head_hash);
  sqlite3_bind_int64(st.get(), 3, cp.time_ms);
  BindText(st.get(), 4, cp.key_id);
  BindText(st.get(), 5, cp.signature);
  if (sqlite3_step(st.get()) != SQLITE_DONE) return DbError(db, "insert checkpoint");
  return Status::Ok();
}

Result<std::vector<Checkpoint>> SqliteAuditStore::Checkpoints() {
  std::lock_guard<std::mutex> lk(read_mu_);
  sqlite3* db = read_db_.get();
  AIGIS_ASSIGN_OR_RETURN(Stmt st, Prepare(db,
                                          "SELECT seq, head_hash, time_ms, key_id, signature FROM "
                                          "audit_checkpoints ORDER BY seq"));
  std::vector<Checkpoint> out;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    Checkpoint cp;
    cp.seq = sqlite3_column_int64(st.get(), 0);
    cp.head_hash = ColText(st.get(), 1);
    cp.time_ms = sqlite3_column_int64(st.get(), 2);
    cp.key_id = ColText(st.get(), 3);
    cp.signature = ColText(st.get(), 4);
    out.push_back(std::move(cp));
  }
  if (rc != SQLITE_DONE) return DbError(db, "checkpoints");
  return out;
}

}  // namespace aigis::audit
