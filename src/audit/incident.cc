#include "audit/incident.h"

#include <sqlite3.h>

#include <ctime>
#include <map>

namespace aigis::audit {

namespace {

struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

Result<Stmt> Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK)
    return Status::IOError(std::string("incidents: ") + sqlite3_errmsg(db));
  return Stmt(s);
}

void BindText(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

std::string ColText(sqlite3_stmt* s, int i) {
  const unsigned char* p = sqlite3_column_text(s, i);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<size_t>(sqlite3_column_bytes(s, i)))
           : std::string();
}

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS incidents (
  id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, owner TEXT NOT NULL,
  severity TEXT NOT NULL, status TEXT NOT NULL, opened_ms INTEGER NOT NULL,
  closed_ms INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS incident_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT, incident_id INTEGER NOT NULL REFERENCES incidents(id),
  time_ms INTEGER NOT NULL, kind TEXT NOT NULL, author TEXT NOT NULL, text TEXT NOT NULL,
  record_seq INTEGER NOT NULL DEFAULT 0, record_hash TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS incident_events_incident ON incident_events(incident_id, id);
)sql";

// Markdown table cells: a pipe or newline in user text must not break the table.
std::string Cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string FormatTimeUtc(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof(out), "%s.%03dZ", buf, static_cast<int>(ms % 1000));
  return out;
}

Result<std::unique_ptr<IncidentStore>> IncidentStore::Open(const std::string& sqlite_path) {
  AIGIS_ASSIGN_OR_RETURN(SqliteDb db, SqliteOpen(sqlite_path, false, 5000));
  AIGIS_RETURN_IF_ERROR(SqliteExec(db.get(), "PRAGMA journal_mode=WAL"));
  AIGIS_RETURN_IF_ERROR(SqliteExec(db.get(), "PRAGMA synchronous=FULL"));
  AIGIS_RETURN_IF_ERROR(SqliteExec(db.get(), kSchema));
  return std::unique_ptr<IncidentStore>(new IncidentStore(std::move(db)));
}

Status IncidentStore::AddEvent(int64_t id, const IncidentEvent& ev) {
  AIGIS_ASSIGN_OR_RETURN(Stmt st,
                         Prepare(db_.get(),
                                 "INSERT INTO incident_events (incident_id, time_ms, kind, "
                                 "author, text, record_seq, record_hash) "
                                 "VALUES (?,?,?,?,?,?,?)"));
  sqlite3_bind_int64(st.get(), 1, id);
  sqlite3_bind_int64(st.get(), 2, ev.time_ms);
  BindText(st.get(), 3, ev.kind);
  BindText(st.get(), 4, ev.author);
  BindText(st.get(), 5, ev.text);
  sqlite3_bind_int64(st.get(), 6, ev.record_seq);
  BindText(st.get(), 7, ev.record_hash);
  if (sqlite3_step(st.get()) != SQLITE_DONE)
    return Status::IOError(std::string("incidents: ") + sqlite3_errmsg(db_.get()));
  return Status::Ok();
}

Result<int64_t> IncidentStore::Create(const std::string& title, const std::string& owner,
                                      const std::string& severity, int64_t now_ms) {
  if (title.empty()) return Status::InvalidArgument("incident: a title is required");
  AIGIS_RETURN_IF_ERROR(SqliteExec(db_.get(), "BEGIN IMMEDIATE"));
  auto st = Prepare(db_.get(),
                    "INSERT INTO incidents (title, owner, severity, status, opened_ms) "
                    "VALUES (?,?,?,'open',?)");
  if (!st.ok()) {
    (void)SqliteExec(db_.get(), "ROLLBACK");
    return st.status();
  }
  BindText(st->get(), 1, title);
  BindText(st->get(), 2, owner);
  BindText(st->get(), 3, severity);
  sqlite3_bind_int64(st->get(), 4, now_ms);
  if (sqlite3_step(st->get()) != SQLITE_DONE) {
    (void)SqliteExec(db_.get(), "ROLLBACK");
    return Status::IOError(std::string("incidents: ") + sqlite3_errmsg(db_.get()));
  }
  int64_t id = sqlite3_last_insert_rowid(db_.get());
  Status ev = AddEvent(id, {now_ms, "opened", owner, title, 0, ""});
  if (!ev.ok()) {
    (void)SqliteExec(db_.get(), "ROLLBACK");
    return ev;
  }
  AIGIS_RETURN_IF_ERROR(SqliteExec(db_.get(), "COMMIT"));
  return id;
}

Result<Incident> IncidentStore::Get(int64_t id) {
  AIGIS_ASSIGN_OR_RETURN(Stmt st, Prepare(db_.get(),
                                          "SELECT id, title, owner, severity, status, opened_ms, "
                                          "closed_ms FROM incidents WHERE id = ?"));
  sqlite3_bind_int64(st.get(), 1, id);
  if (sqlite3_step(st.get()) != SQLITE_ROW)
    return Status::NotFound("incident " + std::to_string(id) + " does not exist");
  Incident i;
  i.id = sqlite3_column_int64(st.get(), 0);
  i.title = ColText(st.get(), 1);
  i.owner = ColText(st.get(), 2);
  i.severity = ColText(st.get(), 3);
  i.status = ColText(st.get(), 4);
  i.opened_ms = sqlite3_column_int64(st.get(), 5);
  i.closed_ms = sqlite3_column_int64(st.get(), 6);
  return i;
}

Result<std::vector<Incident>> IncidentStore::List(const std::optional<std::string>& status) {
  AIGIS_ASSIGN_OR_RETURN(
      Stmt st,
      Prepare(db_.get(), "SELECT id FROM incidents WHERE (?1 IS NULL OR status = ?1) ORDER BY id"));
  if (status) BindText(st.get(), 1, *status);
  std::vector<int64_t> ids;
  while (sqlite3_step(st.get()) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(st.get(), 0));
  std::vector<Incident> out;
  for (int64_t id : ids) {
    AIGIS_ASSIGN_OR_RETURN(Incident i, Get(id));
    out.push_back(std::move(i));
  }
  return out;
}

Result<std::vector<IncidentEvent>> IncidentStore::Timeline(int64_t id) {
  AIGIS_ASSIGN_OR_RETURN(Stmt st, Prepare(db_.get(),
                                          "SELECT time_ms, kind, author, text, record_seq, "
                                          "record_hash FROM incident_events WHERE incident_id = ? "
                                          "ORDER BY id"));
  sqlite3_bind_int64(st.get(), 1, id);
  std::vector<IncidentEvent> out;
  while (sqlite3_step(st.get()) == SQLITE_ROW) {
    IncidentEvent e;
    e.time_ms = sqlite3_column_int64(st.get(), 0);
    e.kind = ColText(st.get(), 1);
    e.author = ColText(st.get(), 2);
    e.text = ColText(st.get(), 3);
    e.record_seq = sqlite3_column_int64(st.get(), 4);
    e.record_hash = ColText(st.get(), 5);
    out.push_back(std::move(e));
  }
  return out;
}

Status IncidentStore::AddNote(int64_t id, const std::string& author, const std::string& text,
                              int64_t now_ms) {
  AIGIS_ASSIGN_OR_RETURN(Incident inc, Get(id));
  if (text.empty()) return Status::InvalidArgument("incident: empty note");
  return AddEvent(inc.id, {now_ms, "note", author, text, 0, ""});
}

Status IncidentStore::AddEvidence(int64_t id, const std::vector<StoredRecord>& records,
                                  const std::string& author, int64_t now_ms) {
  AIGIS_ASSIGN_OR_RETURN(Incident inc, Get(id));
  if (inc.status == "closed")
    return Status::InvalidArgument("incident: closed incidents are final");
  AIGIS_RETURN_IF_ERROR(SqliteExec(db_.get(), "BEGIN IMMEDIATE"));
  for (const auto& r : records) {
    std::string what = r.kind + " " + r.request_id + " client=" + r.client_key_id +
                       " model=" + r.model + " verdict=" + r.verdict;
    // The hash is recomputed from the body, not copied from the stored column.
    Status st = AddEvent(id, {now_ms, "evidence", author, what, r.seq, Sha256Hex(r.body)});
    if (!st.ok()) {
      (void)SqliteExec(db_.get(), "ROLLBACK");
      return st;
    }
  }
  return SqliteExec(db_.get(), "COMMIT");
}

Status IncidentStore::SetOwner(int64_t id, const std::string& owner, const std::string& author,
                               int64_t now_ms) {
  AIGIS_ASSIGN_OR_RETURN(Incident inc, Get(id));
  AIGIS_ASSIGN_OR_RETURN(Stmt st,
                         Prepare(db_.get(), "UPDATE incidents SET owner = ? WHERE id = ?"));
  BindText(st.get(), 1, owner);
  sqlite3_bind_int64(st.get(), 2, inc.id);
  if (sqlite3_step(st.get()) != SQLITE_DONE)
    return Status::IOError(std::string("incidents: ") + sqlite3_errmsg(db_.get()));
  return AddEvent(inc.id, {now_ms, "owner", author, owner, 0, ""});
}

Status IncidentStore::Close(int64_t id, const std::string& author, const std::string& resolution,
                            int64_t now_ms) {
  AIGIS_ASSIGN_OR_RETURN(Incident inc, Get(id));
  if (inc.status == "closed")
    return Status::InvalidArgument("incident " + std::to_string(id) + " is already closed");
  AIGIS_ASSIGN_OR_RETURN(
      Stmt st,
      Prepare(db_.get(), "UPDATE incidents SET status = 'closed', closed_ms = ? WHERE id = ?"));
  sqlite3_bind_int64(st.get(), 1, now_ms);
  sqlite3_bind_int64(st.get(), 2, inc.id);
  if (sqlite3_step(st.get()) != SQLITE_DONE)
    return Status::IOError(std::string("incidents: ") + sqlite3_errmsg(db_.get()));
  return AddEvent(inc.id, {now_ms, "closed", author, resolution, 0, ""});
}

std::string IncidentReportMarkdown(const Incident& inc, const std::vector<IncidentEvent>& timeline,
                                   const std::vector<StoredRecord>& current,
                                   const std::string& verify_summary) {
  std::map<int64_t, const StoredRecord*> by_seq;
  for (const auto& r : current) by_seq[r.seq] = &r;
  std::string md;
  md += "# Incident " + std::to_string(inc.id) + ": " + Cell(inc.title) + "\n\n";
  md += "| field | value |\n|---|---|\n";
  md += "| status | " + inc.status + " |\n";
  md += "| owner | " + Cell(inc.owner) + " |\n";
  md += "| severity | " + Cell(inc.severity) + " |\n";
  md += "| opened | " + FormatTimeUtc(inc.opened_ms) + " |\n";
  if (inc.closed_ms) md += "| closed | " + FormatTimeUtc(inc.closed_ms) + " |\n";
  md += "\n## Timeline\n\n| time (UTC) | event | by | detail |\n|---|---|---|---|\n";
  for (const auto& e : timeline) {
    std::string detail =
        e.kind == "evidence" ? "record " + std::to_string(e.record_seq) + ": " + e.text : e.text;
    md += "| " + FormatTimeUtc(e.time_ms) + " | " + e.kind + " | " + Cell(e.author) + " | " +
          Cell(detail) + " |\n";
  }
  md +=
      "\n## Evidence\n\nEach record is pinned by the SHA-256 chain hash it had when it was "
      "attached.\n\n";
  md += "| seq | pinned hash | audit store now |\n|---|---|---|\n";
  size_t n = 0, changed = 0;
  for (const auto& e : timeline) {
    if (e.kind != "evidence") continue;
    ++n;
    std::string state;
    auto it = by_seq.find(e.record_seq);
    if (it == by_seq.end()) {
      state = "MISSING";
      ++changed;
    } else if (Sha256Hex(it->second->body) != e.record_hash) {
      state = "CHANGED";
      ++changed;
    } else {
      state = "unchanged";
    }
    md += "| " + std::to_string(e.record_seq) + " | `" + e.record_hash + "` | " + state + " |\n";
  }
  if (n == 0) md += "| - | no evidence attached | - |\n";
  md += "\n" + std::to_string(n) + " evidence record(s), " + std::to_string(changed) +
        " changed or missing since they were attached.\n";
  md +=
      "\n## Chain verification\n\n" + verify_summary +
      "\n\nRe-check at any time with `aigis audit verify` (and `--pubkey` for signed checkpoints);"
      " a pinned hash that `verify` accepts proves the record is the one that was logged.\n";
  return md;
}

}  // namespace aigis::audit
