// The libpqxx side of the PostgreSQL audit store, built as the plugin libaigis_postgres.so so
// that libpq and what it pulls in (Kerberos, LDAP, GnuTLS, ...) are mapped only by processes that
// use a PostgreSQL store (postgres_store.cc loads it).
#include <memory>
#include <mutex>
#include <pqxx/pqxx>

#include "audit/group_commit.h"
#include "audit/postgres_plugin.h"
#include "audit/postgres_store.h"

namespace aigis::audit {

namespace {

// Advisory lock id of the append lock ("aigisaud" in ASCII); every writer of the chain uses it.
constexpr int64_t kAppendLockId = 0x6169676973617564;
// Rows per round trip when scanning (keyset pagination keeps memory bounded).
constexpr int kScanPage = 1000;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS audit_records (
  seq BIGINT PRIMARY KEY, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, body TEXT NOT NULL,
  time_ms BIGINT NOT NULL, kind TEXT NOT NULL, request_id TEXT NOT NULL, client TEXT NOT NULL,
  model TEXT NOT NULL, route TEXT NOT NULL, verdict TEXT NOT NULL, categories TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_records_time ON audit_records(time_ms);
CREATE INDEX IF NOT EXISTS audit_records_client ON audit_records(client, time_ms);
CREATE INDEX IF NOT EXISTS audit_records_request ON audit_records(request_id);
CREATE TABLE IF NOT EXISTS audit_checkpoints (
  seq BIGINT PRIMARY KEY, head_hash TEXT NOT NULL, time_ms BIGINT NOT NULL,
  key_id TEXT NOT NULL, signature TEXT NOT NULL);
)sql";

constexpr const char* kColumns =
    "seq, prev_hash, hash, body, time_ms, kind, request_id, client, model, route, verdict, "
    "categories";

StoredRecord RowToRecord(const pqxx::row& r) {
  StoredRecord s;
  s.seq = r[0].as<int64_t>();
  s.prev_hash = r[1].as<std::string>();
  s.hash = r[2].as<std::string>();
  s.body = r[3].as<std::string>();
  s.time_ms = r[4].as<int64_t>();
  s.kind = r[5].as<std::string>();
  s.request_id = r[6].as<std::string>();
  s.client_key_id = r[7].as<std::string>();
  s.model = r[8].as<std::string>();
  s.route = r[9].as<std::string>();
  s.verdict = r[10].as<std::string>();
  s.categories = r[11].as<std::string>();
  return s;
}

// libpq messages do not repeat the connection string, so they are safe to pass on.
Status PgError(const std::string& what, const std::exception& e) {
  std::string msg = e.what();
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  return Status::IOError("audit postgres: " + what + ": " + msg);
}

}  // namespace

class PgAuditStore final : public AuditStore {
 public:
  static Result<std::unique_ptr<PgAuditStore>> Open(const std::string& conninfo,
                                                    const PostgresOptions& opts);
  ~PgAuditStore() override;

  Result<std::vector<AppendResult>> AppendBatch(const std::vector<AuditRecord>& records) override;
  Status Scan(int64_t from_seq, const std::function<Status(const StoredRecord&)>& fn) override;
  Result<std::vector<StoredRecord>> Query(const QueryFilter& filter) override;
  Result<AppendResult> Head() override;
  Status AddCheckpoint(const Checkpoint& cp) override;
  Result<std::vector<Checkpoint>> Checkpoints() override;

 private:
  explicit PgAuditStore(PostgresOptions opts);
  Status Commit(const std::vector<const std::vector<AuditRecord>*>& batches,
                std::vector<std::vector<AppendResult>>* results);

  PostgresOptions opts_;
  std::mutex mu_;
  struct Conn;
  std::unique_ptr<Conn> conn_;
  std::unique_ptr<GroupCommitter> committer_;
};

struct PgAuditStore::Conn {
  explicit Conn(const std::string& ci) : c(ci) {}
  pqxx::connection c;
};

PgAuditStore::PgAuditStore(PostgresOptions opts) : opts_(opts) {}
PgAuditStore::~PgAuditStore() = default;

Result<std::unique_ptr<PgAuditStore>> PgAuditStore::Open(const std::string& conninfo,
                                                         const PostgresOptions& opts) {
  std::unique_ptr<PgAuditStore> s(new PgAuditStore(opts));
  // Keyword/value form gets the timeout appended; a URI gets it as a query parameter.
  std::string ci = conninfo;
  std::string timeout = "connect_timeout=" + std::to_string(opts.connect_timeout_s);
  if (ci.rfind("postgres://", 0) == 0 || ci.rfind("postgresql://", 0) == 0) {
    ci += (ci.find('?') == std::string::npos ? "?" : "&") + timeout;
  } else {
    ci += " " + timeout;
  }
  try {
    s->conn_ = std::make_unique<Conn>(ci);
    pqxx::nontransaction n(s->conn_->c);
    n.exec("SET statement_timeout = " + std::to_string(opts.statement_timeout_ms));
  } catch (const std::exception& e) {
    return PgError("connect", e);
  }
  if (!opts.read_only) {
    try {
      pqxx::work w(s->conn_->c);
      // Two instances starting together would race on CREATE TABLE IF NOT EXISTS; the lock orders
      // them.
      w.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kAppendLockId) + ")");
      w.exec(kSchema);
      w.commit();
    } catch (const std::exception& e) {
      return PgError("create schema", e);
    }
    s->committer_ = std::make_unique<GroupCommitter>(
        opts.group_commit,
        [p = s.get()](const auto& batches, auto* results) { return p->Commit(batches, results); });
  }
  return s;
}

Status PgAuditStore::Commit(const std::vector<const std::vector<AuditRecord>*>& batches,
                            std::vector<std::vector<AppendResult>>* results) {
  std::lock_guard<std::mutex> lk(mu_);
  try {
    pqxx::work w(conn_->c);
    // Held until commit/rollback: every instance appends strictly one after another.
    w.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kAppendLockId) + ")");
    int64_t seq = 0;
    std::string prev(kGenesisHash);
    pqxx::result head = w.exec("SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1");
    if (!head.empty()) {
      seq = head[0][0].as<int64_t>();
      prev = head[0][1].as<std::string>();
    }
    std::vector<std::vector<AppendResult>> out;
    for (const auto* batch : batches) {
      auto& o = out.emplace_back();
      for (const auto& rec : *batch) {
        StoredRecord s = ChainRecord(rec, ++seq, prev);
        w.exec_params(std::string("INSERT INTO audit_records (") + kColumns +
                          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)",
                      s.seq, s.prev_hash, s.hash, s.body, s.time_ms, s.kind, s.request_id,
                      s.client_key_id, s.model, s.route, s.verdict, s.categories);
        prev = s.hash;
        o.push_back({s.seq, s.hash});
      }
    }
    w.commit();
    *results = std::move(out);
  } catch (const std::exception& e) {
    return PgError("append", e);
  }
  return Status::Ok();
}

Result<std::vector<AppendResult>> PgAuditStore::AppendBatch(
    const std::vector<AuditRecord>& records) {
  if (!committer_) return Status::InvalidArgument("audit postgres: store opened read-only");
  if (records.empty()) return std::vector<AppendResult>{};
  return committer_->Submit(records);
}

Status PgAuditStore::Scan(int64_t from_seq, const std::function<Status(const StoredRecord&)>& fn) {
  int64_t next = from_seq;
  for (;;) {
    pqxx::result page;
    {
      std::lock_guard<std::mutex> lk(mu_);
      try {
        pqxx::read_transaction t(conn_->c);
        page = t.exec_params(std::string("SELECT ") + kColumns +
                                 " FROM audit_records WHERE seq >= $1 ORDER BY seq LIMIT $2",
                             next, kScanPage);
      } catch (const std::exception& e) {
        return PgError("scan", e);
      }
    }
    for (const auto& row : page) {
      StoredRecord r = RowToRecord(row);
      next = r.seq + 1;
      AIGIS_RETURN_IF_ERROR(fn(r));
    }
    if (page.size() < static_cast<size_t>(kScanPage)) return Status::Ok();
  }
}

Result<std::vector<StoredRecord>> PgAuditStore::Query(const QueryFilter& f) {
  // Every value is bound as a parameter; the SQL text only ever holds placeholders.
  std::string sql = std::string("SELECT ") + kColumns + " FROM audit_records WHERE true";
  std::vector<std::string> params;
  auto add = [&](const char* col_expr, std::optional<std::string> v) {
    if (!v) return;
    params.push_back(*v);
    std::string ph = "$" + std::to_string(params.size());
    std::string cond = col_expr;
    cond.replace(cond.find('?'), 1, ph);
    sql += " AND " + cond;
  };
  auto num = [](const std::optional<int64_t>& v) {
    return v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt;
  };
  add("time_ms >= ?::bigint", num(f.from_ms));
  add("time_ms < ?::bigint", num(f.to_ms));
  add("seq >= ?::bigint", num(f.from_seq));
  add("seq <= ?::bigint", num(f.to_seq));
  add("client = ?", f.client_key_id);
  add("model = ?", f.model);
  add("verdict = ?", f.verdict);
  add("request_id = ?", f.request_id);
  add("kind = ?", f.kind);
  add("strpos(categories, ',' || ? || ',') > 0", f.category);
  // LIMIT is a bigint: clamp "no limit" (SIZE_MAX) into range.
  sql += " ORDER BY seq LIMIT " +
         std::to_string(std::min<size_t>(f.limit, static_cast<size_t>(INT64_MAX)));
  std::lock_guard<std::mutex> lk(mu_);
  try {
    pqxx::read_transaction t(conn_->c);
    // The number of parameters depends on the filter: bind them as dynamic params.
    pqxx::result r = t.exec_params(sql, pqxx::prepare::make_dynamic_params(params));
    std::vector<StoredRecord> out;
    for (const auto& row : r) out.push_back(RowToRecord(row));
    return out;
  } catch (const std::exception& e) {
    return PgError("query", e);
  }
}

Result<AppendResult> PgAuditStore::Head() {
  std::lock_guard<std::mutex> lk(mu_);
  try {
    pqxx::read_transaction t(conn_->c);
    pqxx::result r = t.exec("SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1");
    if (r.empty()) return AppendResult{0, std::string(kGenesisHash)};
    return AppendResult{r[0][0].as<int64_t>(), r[0][1].as<std::string>()};
  } catch (const std::exception& e) {
    return PgError("head", e);
  }
}

Status PgAuditStore::AddCheckpoint(const Checkpoint& cp) {
  if (opts_.read_only) return Status::InvalidArgument("audit postgres: store opened read-only");
  std::lock_guard<std::mutex> lk(mu_);
  try {
    pqxx::work w(conn_->c);
    w.exec_params(
        "INSERT INTO audit_checkpoints (seq, head_hash, time_ms, key_id, signature) "
        "VALUES ($1,$2,$3,$4,$5) ON CONFLICT (seq) DO UPDATE SET head_hash = EXCLUDED.head_hash, "
        "time_ms = EXCLUDED.time_ms, key_id = EXCLUDED.key_id, signature = EXCLUDED.signature",
        cp.seq, cp.head_hash, cp.time_ms, cp.key_id, cp.signature);
    w.commit();
  } catch (const std::exception& e) {
    return PgError("add checkpoint", e);
  }
  return Status::Ok();
}

Result<std::vector<Checkpoint>> PgAuditStore::Checkpoints() {
  std::lock_guard<std::mutex> lk(mu_);
  try {
    pqxx::read_transaction t(conn_->c);
    pqxx::result r = t.exec(
        "SELECT seq, head_hash, time_ms, key_id, signature FROM audit_checkpoints ORDER BY seq");
    std::vector<Checkpoint> out;
    for (const auto& row : r) {
      Checkpoint cp;
      cp.seq = row[0].as<int64_t>();
      cp.head_hash = row[1].as<std::string>();
      cp.time_ms = row[2].as<int64_t>();
      cp.key_id = row[3].as<std::string>();
      cp.signature = row[4].as<std::string>();
      out.push_back(std::move(cp));
    }
    return out;
  } catch (const std::exception& e) {
    return PgError("checkpoints", e);
  }
}

}  // namespace aigis::audit

namespace {
aigis::Result<std::unique_ptr<aigis::audit::AuditStore>> OpenWithPqxx(
    const std::string& conninfo, const aigis::audit::PostgresOptions& opts) {
  AIGIS_ASSIGN_OR_RETURN(auto s, aigis::audit::PgAuditStore::Open(conninfo, opts));
  return std::unique_ptr<aigis::audit::AuditStore>(std::move(s));
}
}  // namespace

extern "C" __attribute__((visibility("default"))) const void* aigis_plugin_postgres() {
  using namespace aigis::audit;
  static const PostgresPluginApi api{kPostgresPluginAbi, sizeof(PostgresOptions),
                                     sizeof(AuditRecord), &OpenWithPqxx};
  return &api;
}
