// Incidents: a case file that groups audit records (the evidence, pinned by their chain hashes)
// with a timeline of notes, an owner and a status. Stored in SQLite tables next to the audit
// records (the same file as the SQLite audit store, or its own file when the audit log is in
// PostgreSQL). Thread safety: one IncidentStore per thread (it owns one SQLite connection).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_store.h"
#include "audit/sqlite_store.h"
#include "core/status.h"

namespace aigis::audit {

struct Incident {
  int64_t id = 0;
  std::string title;
  std::string owner;
  std::string severity;  // free text; "low", "medium", "high", "critical" by convention
  std::string status;    // "open" or "closed"
  int64_t opened_ms = 0;
  int64_t closed_ms = 0;  // 0 while open
};

struct IncidentEvent {
  int64_t time_ms = 0;
  std::string kind;  // "opened", "note", "evidence", "owner", "closed"
  std::string author;
  std::string text;
  int64_t record_seq = 0;   // evidence: the audit record
  std::string record_hash;  // evidence: its chain hash when it was attached
};

class IncidentStore {
 public:
  static Result<std::unique_ptr<IncidentStore>> Open(const std::string& sqlite_path);

  Result<int64_t> Create(const std::string& title, const std::string& owner,
                         const std::string& severity, int64_t now_ms);
  Result<Incident> Get(int64_t id);
  Result<std::vector<Incident>> List(const std::optional<std::string>& status);
  Result<std::vector<IncidentEvent>> Timeline(int64_t id);
  Status AddNote(int64_t id, const std::string& author, const std::string& text, int64_t now_ms);
  // Pins audit records as evidence: their current hashes are recorded in the timeline.
  // kNotFound names the first seq the audit store does not hold.
  Status AddEvidence(int64_t id, const std::vector<StoredRecord>& records,
                     const std::string& author, int64_t now_ms);
  Status SetOwner(int64_t id, const std::string& owner, const std::string& author, int64_t now_ms);
  Status Close(int64_t id, const std::string& author, const std::string& resolution,
               int64_t now_ms);

 private:
  explicit IncidentStore(SqliteDb db) : db_(std::move(db)) {}
  Status AddEvent(int64_t id, const IncidentEvent& ev);
  SqliteDb db_;
};

// Markdown report: header, timeline, and an evidence table with each record's pinned hash and
// whether the audit store still holds a record with that hash (`current` maps seq -> stored record,
// as read now). The report tells the reader how to re-check the chain with `aigis audit verify`.
std::string IncidentReportMarkdown(const Incident& inc, const std::vector<IncidentEvent>& timeline,
                                   const std::vector<StoredRecord>& current,
                                   const std::string& verify_summary);

std::string FormatTimeUtc(int64_t ms);  // "2026-11-26T16:46:20.123Z"

}  // namespace aigis::audit
