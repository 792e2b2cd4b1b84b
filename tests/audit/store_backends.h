// The two audit store backends behind one test interface: open a fresh store, and run raw SQL on it
// the way an attacker with database access would (for tamper tests).
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "audit/audit_test_util.h"
#include "audit/postgres_store.h"
#include "audit/sqlite_store.h"
#include "testing/local_servers.h"

namespace aigis::audit::testutil {

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::unique_ptr<AuditStore> Open() = 0;  // a second handle on the same store
  virtual void Exec(const std::string& sql) = 0;
  virtual std::string name() const = 0;
};

class SqliteBackend : public Backend {
 public:
  SqliteBackend() {
    dir_ = aigis::testing::MakeTempDir("aigis-audit-test-");
    path_ = dir_ + "/audit.db";
  }
  ~SqliteBackend() override { std::filesystem::remove_all(dir_); }
  std::unique_ptr<AuditStore> Open() override {
    auto s = SqliteAuditStore::Open(path_);
    EXPECT_TRUE(s.ok()) << s.error().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }
  void Exec(const std::string& sql) override {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string msg = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << msg << " in " << sql;
  }
  std::string name() const override { return "sqlite"; }
  const std::string& path() const { return path_; }

 private:
  std::string dir_, path_;
};

// One PostgreSQL server per test binary; one database per backend instance.
inline aigis::testing::LocalPostgres& SharedPostgres() {
  static auto* pg = new aigis::testing::LocalPostgres();  // stopped by its destructor at exit
  static struct Stopper {
    ~Stopper() { delete pg; }
  } stopper;
  return *pg;
}

class PostgresBackend : public Backend {
 public:
  PostgresBackend() {
    static std::atomic<int> counter{0};
    db_ = "audit_t" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    pqxx::connection c(SharedPostgres().ConnInfo());
    pqxx::nontransaction n(c);
    n.exec("CREATE DATABASE " + db_);
  }
  std::unique_ptr<AuditStore> Open() override {
    auto s = PostgresAuditStore::Open(SharedPostgres().ConnInfo(db_));
    EXPECT_TRUE(s.ok()) << s.error().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }
  void Exec(const std::string& sql) override {
    pqxx::connection c(SharedPostgres().ConnInfo(db_));
    pqxx::nontransaction n(c);
    n.exec(sql);
  }
  std::string name() const override { return "postgres"; }
  std::string conninfo() const { return SharedPostgres().ConnInfo(db_); }

 private:
  std::string db_;
};

// Skips the current test when PostgreSQL is not installed; fails it when it is but won't start.
#define AIGIS_REQUIRE_POSTGRES()                                               \
  do {                                                                         \
    auto& pg_ = ::aigis::audit::testutil::SharedPostgres();                    \
    if (!pg_.available()) GTEST_SKIP() << pg_.skip_reason();                   \
    ASSERT_TRUE(pg_.running()) << "PostgreSQL did not start: " << pg_.error(); \
  } while (0)

inline std::string SqlQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// Query-filter checks shared by both stores, over SampleRecord(1..40).
inline void CheckQueryFilters(AuditStore& store) {
  std::vector<AuditRecord> recs;
  for (int i = 1; i <= 40; ++i) recs.push_back(SampleRecord(i));
  ASSERT_TRUE(store.AppendBatch(recs).ok());
  auto count = [&](const QueryFilter& f) {
    auto r = store.Query(f);
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return r.ok() ? r->size() : size_t{999};
  };
  QueryFilter f;
  EXPECT_EQ(count(f), 40u);
  f = {};
  f.verdict = "block";
  EXPECT_EQ(count(f), 10u);  // i % 4 == 0
  f = {};
  f.category = "pii";
  EXPECT_EQ(count(f), 8u);  // i % 5 == 0
  f = {};
  f.category = "pi";  // a prefix of a category is not that category
  EXPECT_EQ(count(f), 0u);
  f = {};
  f.category = "%";  // never a wildcard
  EXPECT_EQ(count(f), 0u);
  f = {};
  f.client_key_id = "c1";
  f.model = "m1";
  EXPECT_EQ(count(f), 7u);  // i%3==1 && odd: 1,7,13,19,25,31,37
  f = {};
  f.request_id = "req-17";
  auto one = store.Query(f);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ(one->front().seq, 17);
  f = {};
  f.from_ms = SampleRecord(10).time_ms;
  f.to_ms = SampleRecord(20).time_ms;  // exclusive
  auto range = store.Query(f);
  ASSERT_TRUE(range.ok());
  ASSERT_EQ(range->size(), 10u);
  EXPECT_EQ(range->front().seq, 10);
  EXPECT_EQ(range->back().seq, 19);
  f = {};
  f.client_key_id = "c0' OR '1'='1";  // bound as a value, never SQL
  EXPECT_EQ(count(f), 0u);
  f = {};
  f.limit = 5;
  EXPECT_EQ(count(f), 5u);
  f = {};
  f.from_seq = 38;
  EXPECT_EQ(count(f), 3u);
}

}  // namespace aigis::audit::testutil
