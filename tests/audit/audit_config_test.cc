#include "cli/audit_config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "testing/local_servers.h"

namespace aigis::cli {
namespace {

class AuditConfigTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = aigis::testing::MakeTempDir("aigis-audit-cfg-"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& yaml) {
    std::string p = dir_ + "/aigis.yaml";
    std::ofstream(p) << yaml;
    return p;
  }
  std::string dir_;
};

TEST_F(AuditConfigTest, DefaultsWithoutSection) {
  auto c = LoadAuditConfig(Write("scan:\n  threads: 2\n"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->store, "sqlite");
  EXPECT_TRUE(c->sqlite.synchronous_full);
  EXPECT_EQ(c->log.checkpoint_every, 1000);
  EXPECT_EQ(IncidentsPath(*c), c->path);
  EXPECT_FALSE(c->present);
  EXPECT_FALSE(c->fail_open);
  EXPECT_TRUE(c->abuse_signals);
  EXPECT_EQ(c->abuse_throttle_ms, 0);
}

TEST_F(AuditConfigTest, GatewayKeys) {
  auto c = LoadAuditConfig(
      Write("audit:\n  on_failure: allow\n  writer_threads: 4\n  abuse:\n    enabled: false\n"
            "    throttle_ms: 60000\n"));
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  EXPECT_TRUE(c->present);
  EXPECT_TRUE(c->fail_open);
  EXPECT_EQ(c->writer_threads, 4);
  EXPECT_FALSE(c->abuse_signals);
  EXPECT_EQ(c->abuse_throttle_ms, 60000);
  auto d = LoadAuditConfig(Write("audit:\n  path: a.db\n"));
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->present);
  EXPECT_FALSE(d->fail_open) << "fail closed by default";
  EXPECT_FALSE(LoadAuditConfig(Write("audit:\n  on_failure: maybe\n")).ok());
  EXPECT_FALSE(LoadAuditConfig(Write("audit:\n  writer_threads: 0\n")).ok());
  EXPECT_FALSE(LoadAuditConfig(Write("audit:\n  abuse:\n    throttle: 1\n")).ok());
}

TEST_F(AuditConfigTest, ReadsEveryKey) {
  auto c = LoadAuditConfig(Write(R"(
audit:
  store: postgres
  path: /var/lib/aigis/audit.db
  incidents_path: /var/lib/aigis/incidents.db
  include_content: true
  postgres:
    dsn_env: PG_AUDIT
    connect_timeout_s: 3
    statement_timeout_ms: 2000
  durability:
    synchronous: normal
    group_commit_max_records: 64
    group_commit_window_us: 500
  checkpoint:
    key: /etc/aigis/audit.pem
    every: 100
)"));
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  EXPECT_EQ(c->store, "postgres");
  EXPECT_EQ(c->postgres_dsn_env, "PG_AUDIT");
  EXPECT_EQ(c->postgres.connect_timeout_s, 3);
  EXPECT_EQ(c->postgres.statement_timeout_ms, 2000);
  EXPECT_FALSE(c->sqlite.synchronous_full);
  EXPECT_EQ(c->sqlite.group_commit.max_records, 64u);
  EXPECT_EQ(c->postgres.group_commit.window.count(), 500);
  EXPECT_EQ(c->checkpoint_key, "/etc/aigis/audit.pem");
  EXPECT_EQ(c->log.checkpoint_every, 100);
  EXPECT_TRUE(c->log.include_content);
  EXPECT_EQ(IncidentsPath(*c), "/var/lib/aigis/incidents.db");
}

TEST_F(AuditConfigTest, RejectsTyposBadValuesAndLiteralDsn) {
  EXPECT_FALSE(LoadAuditConfig(Write("audit:\n  stroe: sqlite\n")).ok());
  EXPECT_FALSE(LoadAuditConfig(Write("audit:\n  store: mysql\n")).ok());
  EXPECT_FALSE(LoadAuditConfig(Write("audit:\n  durability:\n    synchronous: off\n")).ok());
  EXPECT_FALSE(LoadAuditConfig(Write("audit:\n  checkpoint:\n    every: 0\n")).ok());
  auto dsn = LoadAuditConfig(Write("audit:\n  postgres:\n    dsn: host=x password=s3cret\n"));
  ASSERT_FALSE(dsn.ok());
  EXPECT_EQ(dsn.error().message().find("s3cret"), std::string::npos);
  EXPECT_EQ(LoadAuditConfig(dir_ + "/missing.yaml").status().code(), StatusCode::kIOError);
}

TEST_F(AuditConfigTest, PostgresStoreNeedsTheEnvironmentVariable) {
  AuditConfig c;
  c.store = "postgres";
  c.postgres_dsn_env = "AIGIS_TEST_UNSET_DSN_VAR";
  unsetenv("AIGIS_TEST_UNSET_DSN_VAR");
  auto s = OpenAuditStore(c, true);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message().find("AIGIS_TEST_UNSET_DSN_VAR"), std::string::npos);
}

}  // namespace
}  // namespace aigis::cli
