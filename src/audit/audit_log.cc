#include "audit/audit_log.h"

#include <chrono>

namespace aigis::audit {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<AppendResult> AuditLog::Append(const AuditRecord& r) {
  const AuditRecord* rec = &r;
  AuditRecord stripped;
  if (!opts_.include_content && (r.prompt || r.response)) {
    stripped = r;
    stripped.prompt.reset();
    stripped.response.reset();
    rec = &stripped;
  }
  AIGIS_ASSIGN_OR_RETURN(AppendResult res, store_->Append(*rec));
  if (signer_ && opts_.checkpoint_every > 0 && res.seq % opts_.checkpoint_every == 0) {
    AIGIS_ASSIGN_OR_RETURN(struct Checkpoint cp, signer_->Sign(res.seq, res.hash, NowMs()));
    AIGIS_RETURN_IF_ERROR(store_->AddCheckpoint(cp));
  }
  return res;
}

Result<int64_t> AuditLog::Checkpoint() {
  if (!signer_) return int64_t{0};
  AIGIS_ASSIGN_OR_RETURN(AppendResult head, store_->Head());
  if (head.seq == 0) return int64_t{0};
  AIGIS_ASSIGN_OR_RETURN(struct Checkpoint cp, signer_->Sign(head.seq, head.hash, NowMs()));
  AIGIS_RETURN_IF_ERROR(store_->AddCheckpoint(cp));
  return head.seq;
}

}  // namespace aigis::audit
