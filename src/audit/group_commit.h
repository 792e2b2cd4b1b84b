// Group commit: concurrent Append calls are gathered into one transaction (one fsync), and each
// caller returns only after the transaction holding its records committed. There is no background
// thread: the first waiting caller becomes the leader and commits everything queued (up to
// max_records), followers sleep until their batch is done (the classic leader/follower scheme).
// Thread safety: Submit may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "audit/audit_record.h"
#include "audit/audit_store.h"
#include "core/status.h"

namespace aigis::audit {

struct GroupCommitOptions {
  // Records per transaction: bounds the transaction size and the latency of the last follower.
  size_t max_records = 512;
  // Extra time a leader waits to collect followers before committing. 0 (default) batches only
  // what queued during the previous commit, which costs no latency when the load is light.
  std::chrono::microseconds window{0};
};

class GroupCommitter {
 public:
  // Commits all `batches` (in order) in one durable transaction, filling one result per record.
  using CommitFn = std::function<Status(const std::vector<const std::vector<AuditRecord>*>& batches,
                                        std::vector<std::vector<AppendResult>>* results)>;
  GroupCommitter(GroupCommitOptions opts, CommitFn commit)
      : opts_(opts), commit_(std::move(commit)) {}

  Result<std::vector<AppendResult>> Submit(const std::vector<AuditRecord>& records);

 private:
  struct Pending {
    const std::vector<AuditRecord>* records;
    std::vector<AppendResult> results;
    Status status;
    bool done = false;
  };
  GroupCommitOptions opts_;
  CommitFn commit_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending*> queue_;
  bool leader_active_ = false;
};

}  // namespace aigis::audit
