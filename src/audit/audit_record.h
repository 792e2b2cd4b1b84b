// One audit record per gateway request (or per alert raised about a client), its canonical JSON
// body and the SHA-256 hash chain that links each body to the one before it.
//
// The stored body is the ground truth: the chain hash is computed over its exact bytes, so reading
// back never re-serialises. The body carries `seq` and `prev` (the previous record's hash), which
// is what makes deletion, reordering and insertion visible to the verifier.
// Thread safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace aigis::audit {

// Hash of the (virtual) record before the first one.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct Detection {
  std::string rule;      // finding rule id, e.g. "guard.injection.ignore_previous"
  std::string category;  // e.g. "prompt-injection"
  std::string severity;  // SeverityName() of the finding
};

struct AuditRecord {
  int64_t time_ms = 0;           // Unix time, milliseconds, when the request arrived
  std::string kind = "request";  // "request" or "alert" (abuse signals)
  std::string request_id;
  std::string client_key_id;  // the key's id, never the key itself
  std::string model;
  std::string route;    // e.g. "/v1/chat/completions"
  std::string verdict;  // "allow", "block", "redact", "error", or an alert name
  std::vector<Detection> detections;
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
  int64_t latency_ms = 0;
  int32_t upstream_status = 0;          // HTTP status from the upstream, 0 when not called
  std::optional<std::string> prompt;    // already redacted by the caller's guard policy
  std::optional<std::string> response;  // already redacted by the caller's guard policy
  std::string note;                     // free text, e.g. the reason of an alert
};

// A record as stored: the chained body plus the columns queries filter on (copies of body fields;
// the verifier checks they agree with the body so a query can't be steered by editing a column).
struct StoredRecord {
  int64_t seq = 0;
  std::string prev_hash;
  std::string hash;  // hex SHA-256 of `body`
  std::string body;  // canonical JSON
  int64_t time_ms = 0;
  std::string kind, request_id, client_key_id, model, route, verdict;
  std::string categories;  // ",cat1,cat2," so a category filter is one substring test
};

// Limits for reading a body back (the store is untrusted when verifying it).
struct RecordLimits {
  size_t max_body_bytes = 4 << 20;    // prompt and response content included; 4 MiB is generous
  size_t max_detections = 4096;       // one request never raises more findings than this
  size_t max_depth = 8;               // the format nests 3 levels; deeper is not ours
  size_t max_string_bytes = 2 << 20;  // one field (prompt or response)
};

// Canonical JSON body: keys sorted, no whitespace, ASCII-only (\u escapes), invalid UTF-8 replaced.
std::string CanonicalBody(const AuditRecord& r, int64_t seq, std::string_view prev_hash);

// Builds the stored form of `r` as record number `seq` following `prev_hash`.
StoredRecord ChainRecord(const AuditRecord& r, int64_t seq, std::string_view prev_hash);

// Parses a stored body (untrusted) back into a record, its seq and its prev hash.
struct ParsedBody {
  AuditRecord record;
  int64_t seq = 0;
  std::string prev_hash;
};
Result<ParsedBody> ParseBody(std::string_view body, const RecordLimits& limits = {});

// Columns derived from a record (what ChainRecord fills besides the chain fields).
std::string CategoriesColumn(const AuditRecord& r);

// Lower-case hex SHA-256.
std::string Sha256Hex(std::string_view data);

}  // namespace aigis::audit
