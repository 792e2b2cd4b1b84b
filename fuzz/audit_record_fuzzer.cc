// Fuzzes reading an audit record body back from a store (the verifier treats the store as
// untrusted) and the exports built from it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "audit/audit_record.h"
#include "audit/export.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  aigis::audit::RecordLimits limits;
  limits.max_body_bytes = 1 << 16;  // small limits: spend the time on structure, not size
  limits.max_detections = 64;
  auto parsed = aigis::audit::ParseBody(body, limits);
  if (!parsed.ok()) return 0;
  // A body that parses must re-serialise and parse again to the same record.
  std::string again = aigis::audit::CanonicalBody(parsed->record, parsed->seq, parsed->prev_hash);
  auto reparsed = aigis::audit::ParseBody(again);
  if (!reparsed.ok() || reparsed->record.request_id != parsed->record.request_id) __builtin_trap();
  aigis::audit::StoredRecord row;
  row.seq = parsed->seq;
  row.body = std::string(body);
  row.hash = aigis::audit::Sha256Hex(row.body);
  (void)aigis::audit::ToOcsf(row);
  (void)aigis::audit::ToCef(row);
  return 0;
}
