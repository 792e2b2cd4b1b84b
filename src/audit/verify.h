// Chain verification: recomputes every hash, checks every link, sequence number and query column,
// and every checkpoint signature, and names the first bad record.
// Thread safety: stateless functions; the store must tolerate concurrent reads.
#pragma once

#include <cstdint>
#include <string>

#include "audit/audit_store.h"
#include "audit/checkpoint.h"

namespace aigis::audit {

struct VerifyResult {
  bool ok = true;
  int64_t records = 0;        // records checked
  int64_t checkpoints = 0;    // checkpoints whose signature verified
  int64_t first_bad_seq = 0;  // the first record (or checkpoint's record) that fails, when !ok
  std::string reason;         // what is wrong with it
  int64_t unsigned_tail = 0;  // records after the last verified checkpoint (only chain-protected)
};

// With an empty `verifier` checkpoints are ignored (only the chain is checked; a consistent rewrite
// of a record and everything after it then goes unnoticed). Tampering is reported in the
// VerifyResult; an error Status means the store could not be read.
Result<VerifyResult> VerifyChain(AuditStore& store, const CheckpointVerifier& verifier,
                                 const RecordLimits& limits = {});

}  // namespace aigis::audit
