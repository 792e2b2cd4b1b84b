#include "audit/group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace aigis::audit {
namespace {

// A fake commit that numbers records and counts transactions.
struct FakeDb {
  std::mutex mu;
  int64_t seq = 0;
  int commits = 0;
  size_t max_batch_records = 0;
  bool fail = false;
  Status Commit(const std::vector<const std::vector<AuditRecord>*>& batches,
                std::vector<std::vector<AppendResult>>* out) {
    std::lock_guard<std::mutex> lk(mu);
    if (fail) return Status::IOError("disk full");
    ++commits;
    size_t n = 0;
    for (const auto* b : batches) {
      auto& o = out->emplace_back();
      for (size_t i = 0; i < b->size(); ++i) o.push_back({++seq, ""});
      n += b->size();
    }
    max_batch_records = std::max(max_batch_records, n);
    return Status::Ok();
  }
};

TEST(GroupCommitTest, EveryCallerGetsItsOwnResults) {
  FakeDb db;
  GroupCommitOptions opts;
  opts.max_records = 16;
  GroupCommitter gc(opts, [&](const auto& b, auto* o) { return db.Commit(b, o); });
  constexpr int kThreads = 8, kPer = 100;
  std::vector<std::thread> ts;
  std::atomic<int64_t> sum{0};
  for (int t = 0; t < kThreads; ++t)
    ts.emplace_back([&] {
      for (int i = 0; i < kPer; ++i) {
        auto r = gc.Submit({AuditRecord{}, AuditRecord{}});
        ASSERT_TRUE(r.ok());
        ASSERT_EQ(r->size(), 2u);
        EXPECT_EQ((*r)[1].seq, (*r)[0].seq + 1) << "a caller's records stay contiguous";
        sum += (*r)[0].seq + (*r)[1].seq;
      }
    });
  for (auto& t : ts) t.join();
  const int64_t n = kThreads * kPer * 2;
  EXPECT_EQ(db.seq, n);
  EXPECT_EQ(sum, n * (n + 1) / 2) << "each seq handed out exactly once";
  EXPECT_LE(db.max_batch_records, 16u);
  EXPECT_LE(db.commits, kThreads * kPer);
}

TEST(GroupCommitTest, OversizedBatchStillCommits) {
  FakeDb db;
  GroupCommitOptions opts;
  opts.max_records = 2;
  GroupCommitter gc(opts, [&](const auto& b, auto* o) { return db.Commit(b, o); });
  auto r = gc.Submit(std::vector<AuditRecord>(5));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 5u);
}

TEST(GroupCommitTest, FailureReachesEveryCallerInTheBatch) {
  FakeDb db;
  db.fail = true;
  GroupCommitter gc({}, [&](const auto& b, auto* o) { return db.Commit(b, o); });
  auto r = gc.Submit({AuditRecord{}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), StatusCode::kIOError);
}

}  // namespace
}  // namespace aigis::audit
