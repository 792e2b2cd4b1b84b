// AuditStore: where chained audit records and signed checkpoints live. Implementations: SQLite
// (embedded default, sqlite_store.h) and PostgreSQL (shared by several gateways, postgres_store.h).
//
// The store assigns seq and prev_hash inside its append transaction, under a lock that serialises
// appends to the one chain, so several writers (threads, processes, gateway instances) can never
// fork it. An append returns only once the records are durable.
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_record.h"
#include "audit/checkpoint.h"
#include "core/status.h"

namespace aigis::audit {

struct AppendResult {
  int64_t seq = 0;
  std::string hash;
};

struct QueryFilter {
  std::optional<int64_t> from_ms;  // inclusive
  std::optional<int64_t> to_ms;    // exclusive
  std::optional<std::string> client_key_id, model, verdict, category, request_id, kind;
  std::optional<int64_t> from_seq, to_seq;  // inclusive, for exports and incident evidence
  size_t limit = 1000;                      // newest-first cut is not offered: results are by seq
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // Chains `records` (in order) after the current head and stores them durably.
  virtual Result<std::vector<AppendResult>> AppendBatch(
      const std::vector<AuditRecord>& records) = 0;
  Result<AppendResult> Append(const AuditRecord& record);

  // Calls `fn` for every stored record with seq >= from_seq in seq order, streaming (bounded
  // memory). Stops early and returns fn's status when fn fails.
  virtual Status Scan(int64_t from_seq, const std::function<Status(const StoredRecord&)>& fn) = 0;
  virtual Result<std::vector<StoredRecord>> Query(const QueryFilter& filter) = 0;

  // Head of the chain: seq 0 and kGenesisHash when empty.
  virtual Result<AppendResult> Head() = 0;

  virtual Status AddCheckpoint(const Checkpoint& cp) = 0;
  virtual Result<std::vector<Checkpoint>> Checkpoints() = 0;
};

}  // namespace aigis::audit
