// AuditLog: what a writer (the gateway) holds. Appends records to a store and, every
// `checkpoint_every` records, signs a checkpoint over the chain head with the configured key.
// Thread safety: Append may be called from any thread; the store serialises the chain.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "audit/audit_store.h"
#include "audit/checkpoint.h"

namespace aigis::audit {

struct AuditLogOptions {
  // Records between signed checkpoints: the unsigned tail an attacker with write access to the
  // store could rewrite undetected. 1000 keeps signing cost (~50 us) below 0.1 us per record.
  int64_t checkpoint_every = 1000;
  // Keep prompt/response text (already redacted by the caller). Off by default: data minimisation,
  // and a log that holds no content cannot leak it.
  bool include_content = false;
};

class AuditLog {
 public:
  // `signer` may be empty: then the log is hash-chained but not signed.
  AuditLog(std::unique_ptr<AuditStore> store, std::optional<CheckpointSigner> signer,
           AuditLogOptions opts = {})
      : store_(std::move(store)), signer_(std::move(signer)), opts_(opts) {}

  // Returns once the record is durable (see the store's policy).
  Result<AppendResult> Append(const AuditRecord& r);
  // Signs a checkpoint over the current head now (e.g. at shutdown); a no-op without a signer or
  // records. Returns the head seq covered.
  Result<int64_t> Checkpoint();

  AuditStore& store() { return *store_; }

 private:
  std::unique_ptr<AuditStore> store_;
  std::optional<CheckpointSigner> signer_;
  AuditLogOptions opts_;
};

int64_t NowMs();

}  // namespace aigis::audit
