#include "audit/audit_store.h"

namespace aigis::audit {

Result<AppendResult> AuditStore::Append(const AuditRecord& record) {
  AIGIS_ASSIGN_OR_RETURN(std::vector<AppendResult> r, AppendBatch({record}));
  if (r.size() != 1) return Status::Internal("audit store: append returned no result");
  return std::move(r[0]);
}

}  // namespace aigis::audit
