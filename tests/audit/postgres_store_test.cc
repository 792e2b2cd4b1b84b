#include "audit/postgres_store.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "audit/store_backends.h"
#include "audit/verify.h"

namespace aigis::audit {
namespace {

TEST(PostgresStoreTest, QueryFilters) {
  AIGIS_REQUIRE_POSTGRES();
  testutil::PostgresBackend b;
  auto store = b.Open();
  ASSERT_NE(store, nullptr);
  testutil::CheckQueryFilters(*store);
}

TEST(PostgresStoreTest, SeveralInstancesShareOneChain) {
  AIGIS_REQUIRE_POSTGRES();
  testutil::PostgresBackend b;
  // Three store handles = three gateway instances, each with its own connection.
  std::vector<std::unique_ptr<AuditStore>> instances;
  for (int i = 0; i < 3; ++i) instances.push_back(b.Open());
  for (auto& s : instances) ASSERT_NE(s, nullptr);
  constexpr int kThreads = 6, kPerThread = 40;
  std::mutex mu;
  std::set<int64_t> seqs;
  std::atomic<int> failures{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < kThreads; ++t) {
    ts.emplace_back([&, t] {
      AuditStore& s = *instances[t % instances.size()];
      for (int i = 0; i < kPerThread; ++i) {
        auto r = s.Append(testutil::SampleRecord(t * 1000 + i));
        if (!r.ok()) {
          ++failures;
          continue;
        }
        std::lock_guard<std::mutex> lk(mu);
        seqs.insert(r->seq);
      }
    });
  }
  for (auto& t : ts) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(seqs.size(), size_t{kThreads * kPerThread});
  CheckpointVerifier none;
  auto v = VerifyChain(*instances[0], none);
  ASSERT_TRUE(v.ok()) << v.error().ToString();
  EXPECT_TRUE(v->ok) << v->reason;
  EXPECT_EQ(v->records, kThreads * kPerThread);
}

TEST(PostgresStoreTest, ScanPagesThroughLongChains) {
  AIGIS_REQUIRE_POSTGRES();
  testutil::PostgresBackend b;
  auto store = b.Open();
  std::vector<AuditRecord> recs;
  for (int i = 0; i < 2500; ++i) recs.push_back(testutil::SampleRecord(i));
  ASSERT_TRUE(store->AppendBatch(recs).ok());
  int64_t n = 0, last = 0;
  ASSERT_TRUE(store
                  ->Scan(1,
                         [&](const StoredRecord& r) {
                           ++n;
                           EXPECT_EQ(r.seq, last + 1);
                           last = r.seq;
                           return Status::Ok();
                         })
                  .ok());
  EXPECT_EQ(n, 2500);
}

TEST(PostgresStoreTest, UnreachableServerFailsWithoutLeakingPassword) {
  // Nothing listens on this port: the open fails fast (connection refused), never hangs.
  int port = aigis::testing::FreeLoopbackPort();
  PostgresOptions opts;
  opts.connect_timeout_s = 2;
  auto s = PostgresAuditStore::Open(
      "host=127.0.0.1 port=" + std::to_string(port) + " user=aigis password=hunter2secret dbname=x",
      opts);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), StatusCode::kIOError);
  EXPECT_EQ(s.error().message().find("hunter2secret"), std::string::npos) << s.error().message();
}

}  // namespace
}  // namespace aigis::audit
