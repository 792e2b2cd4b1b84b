#include "audit/group_commit.h"

#include <thread>

namespace aigis::audit {

Result<std::vector<AppendResult>> GroupCommitter::Submit(const std::vector<AuditRecord>& records) {
  Pending me{&records, {}, Status::Ok(), false};
  std::unique_lock<std::mutex> lk(mu_);
  queue_.push_back(&me);
  while (!me.done) {
    if (leader_active_) {
      cv_.wait(lk);
      continue;
    }
    leader_active_ = true;
    if (opts_.window.count() > 0) {
      lk.unlock();
      std::this_thread::sleep_for(opts_.window);
      lk.lock();
    }
    std::vector<Pending*> batch;
    size_t n = 0;
    // Always take at least one caller so an oversized batch still makes progress.
    while (!queue_.empty() &&
           (batch.empty() || n + queue_.front()->records->size() <= opts_.max_records)) {
      n += queue_.front()->records->size();
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lk.unlock();
    std::vector<const std::vector<AuditRecord>*> in;
    for (auto* p : batch) in.push_back(p->records);
    std::vector<std::vector<AppendResult>> out;
    Status st = commit_(in, &out);
    lk.lock();
    for (size_t i = 0; i < batch.size(); ++i) {
      if (st.ok() && i < out.size()) {
        batch[i]->results = std::move(out[i]);
      } else {
        batch[i]->status =
            st.ok() ? Status::Internal("audit: commit returned too few results") : st;
      }
      batch[i]->done = true;
    }
    leader_active_ = false;
    cv_.notify_all();
  }
  if (!me.status.ok()) return me.status;
  return std::move(me.results);
}

}  // namespace aigis::audit
