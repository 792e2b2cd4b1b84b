#include "audit/sqlite_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <thread>

#include "audit/store_backends.h"
#include "audit/verify.h"

namespace aigis::audit {
namespace {

TEST(SqliteStoreTest, AppendChainsAndReadsBack) {
  testutil::SqliteBackend b;
  auto store = b.Open();
  auto head = store->Head();
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->seq, 0);
  EXPECT_EQ(head->hash, kGenesisHash);
  auto a1 = store->Append(testutil::SampleRecord(1));
  auto a2 = store->Append(testutil::SampleRecord(2));
  ASSERT_TRUE(a1.ok() && a2.ok());
  EXPECT_EQ(a1->seq, 1);
  EXPECT_EQ(a2->seq, 2);
  std::vector<StoredRecord> rows;
  ASSERT_TRUE(store
                  ->Scan(1,
                         [&](const StoredRecord& r) {
                           rows.push_back(r);
                           return Status::Ok();
                         })
                  .ok());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].prev_hash, kGenesisHash);
  EXPECT_EQ(rows[1].prev_hash, rows[0].hash);
  EXPECT_EQ(rows[1].hash, a2->hash);
  head = store->Head();
  EXPECT_EQ(head->seq, 2);
}

TEST(SqliteStoreTest, ChainContinuesAcrossReopen) {
  testutil::SqliteBackend b;
  { ASSERT_TRUE(b.Open()->Append(testutil::SampleRecord(1)).ok()); }
  auto store = b.Open();
  auto a = store->Append(testutil::SampleRecord(2));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->seq, 2);
  CheckpointVerifier none;
  auto v = VerifyChain(*store, none);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->reason;
}

TEST(SqliteStoreTest, ConcurrentWritersFromThreadsAndHandlesKeepOneChain) {
  testutil::SqliteBackend b;
  // Two handles on one file stand in for two processes: BEGIN IMMEDIATE serialises them.
  auto s1 = b.Open();
  auto s2 = b.Open();
  constexpr int kThreads = 8, kPerThread = 50;
  std::vector<std::thread> ts;
  std::mutex mu;
  std::set<int64_t> seqs;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    ts.emplace_back([&, t] {
      AuditStore& s = t % 2 ? *s1 : *s2;
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
  ASSERT_EQ(seqs.size(), size_t{kThreads * kPerThread}) << "every ack has its own seq";
  EXPECT_EQ(*seqs.rbegin(), kThreads * kPerThread);
  CheckpointVerifier none;
  auto v = VerifyChain(*s1, none);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->reason;
  EXPECT_EQ(v->records, kThreads * kPerThread);
}

TEST(SqliteStoreTest, UsesWalAndFullSync) {
  testutil::SqliteBackend b;
  auto store = b.Open();
  ASSERT_TRUE(store->Append(testutil::SampleRecord(1)).ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(b.path().c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST(SqliteStoreTest, QueryFilters) {
  testutil::SqliteBackend b;
  auto store = b.Open();
  testutil::CheckQueryFilters(*store);
}

TEST(SqliteStoreTest, ReadOnlyOpenRefusesWritesAndNonStores) {
  testutil::SqliteBackend b;
  { ASSERT_TRUE(b.Open()->Append(testutil::SampleRecord(1)).ok()); }
  SqliteOptions ro;
  ro.read_only = true;
  auto s = SqliteAuditStore::Open(b.path(), ro);
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  EXPECT_FALSE((*s)->Append(testutil::SampleRecord(2)).ok());
  auto q = (*s)->Query({});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->size(), 1u);
  auto missing = SqliteAuditStore::Open("/nonexistent/dir/audit.db", ro);
  EXPECT_FALSE(missing.ok());
}

TEST(SqliteStoreTest, AcknowledgedAppendsSurviveSigkill) {
  // A writer process appends from 8 threads and reports each acknowledged request id on a pipe
  // only after Append returned; the parent SIGKILLs it mid-load. Every acknowledged record must be
  // in the store and the chain must verify.
  testutil::SqliteBackend b;
  { ASSERT_NE(b.Open(), nullptr); }  // create the schema before forking
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    auto store = SqliteAuditStore::Open(b.path());
    if (!store.ok()) _exit(3);
    std::vector<std::thread> ts;
    for (int t = 0; t < 8; ++t)
      ts.emplace_back([&, t] {
        for (int i = 0;; ++i) {
          AuditRecord r = testutil::SampleRecord(i);
          r.request_id = "w" + std::to_string(t) + "-" + std::to_string(i);
          if (!(*store)->Append(r).ok()) _exit(4);
          std::string line = r.request_id + "\n";
          if (write(fds[1], line.data(), line.size()) != static_cast<ssize_t>(line.size()))
            _exit(5);
        }
      });
    for (auto& t : ts) t.join();
    _exit(0);
  }
  close(fds[1]);
  std::vector<std::string> acked;
  std::string buf;
  char chunk[4096];
  while (acked.size() < 300) {
    ssize_t n = read(fds[0], chunk, sizeof(chunk));
    ASSERT_GT(n, 0) << "writer died before being killed";
    buf.append(chunk, static_cast<size_t>(n));
    size_t pos;
    while ((pos = buf.find('\n')) != std::string::npos) {
      acked.push_back(buf.substr(0, pos));
      buf.erase(0, pos + 1);
    }
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  // Lines already in the pipe were acknowledged too.
  ssize_t n;
  while ((n = read(fds[0], chunk, sizeof(chunk))) > 0) buf.append(chunk, static_cast<size_t>(n));
  close(fds[0]);
  size_t pos;
  while ((pos = buf.find('\n')) != std::string::npos) {
    acked.push_back(buf.substr(0, pos));
    buf.erase(0, pos + 1);
  }

  auto store = b.Open();
  std::set<std::string> stored;
  ASSERT_TRUE(store
                  ->Scan(1,
                         [&](const StoredRecord& r) {
                           stored.insert(r.request_id);
                           return Status::Ok();
                         })
                  .ok());
  for (const auto& id : acked) EXPECT_TRUE(stored.count(id)) << id << " was acknowledged but lost";
  CheckpointVerifier none;
  auto v = VerifyChain(*store, none);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->reason;
  EXPECT_GE(v->records, static_cast<int64_t>(acked.size()));
}

}  // namespace
}  // namespace aigis::audit
