// Drives `aigis audit ...` and `aigis incident ...` through CLI11 exactly as main() does.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "audit/audit_log.h"
#include "audit/store_backends.h"
#include "cli/commands.h"

namespace aigis::cli {
namespace {

struct CliRun {
  int code = -1;
  std::string out, err;
};

CliRun Aigis(std::vector<std::string> args) {
  CLI::App app{"aigis"};
  app.require_subcommand(1);
  int exit_code = kExitOk;
  RegisterAuditCommands(app, &exit_code);
  args.insert(args.begin(), "aigis");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  CliRun r;
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
    r.code = exit_code;
  } catch (const CLI::ParseError& e) {
    r.code = app.exit(e) == 0 ? kExitOk : kExitError;
  }
  r.out = ::testing::internal::GetCapturedStdout();
  r.err = ::testing::internal::GetCapturedStderr();
  return r;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) out.push_back(l);
  return out;
}

std::string ReadFile(const std::string& p) {
  std::ifstream in(p);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class CmdAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = aigis::testing::MakeTempDir("aigis-cmd-audit-");
    key_ = dir_ + "/k.pem";
    CliRun kg = Aigis({"audit", "keygen", "--out", key_});
    ASSERT_EQ(kg.code, kExitOk) << kg.err;
    EXPECT_EQ(std::filesystem::status(key_).permissions() & std::filesystem::perms::others_read,
              std::filesystem::perms::none);
    auto signer = audit::CheckpointSigner::FromPemFile(key_);
    ASSERT_TRUE(signer.ok());
    auto store = audit::SqliteAuditStore::Open(db());
    ASSERT_TRUE(store.ok());
    audit::AuditLog log(std::move(*store), *signer, audit::AuditLogOptions{.checkpoint_every = 5});
    for (int i = 1; i <= 12; ++i) ASSERT_TRUE(log.Append(audit::testutil::SampleRecord(i)).ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string db() const { return dir_ + "/audit.db"; }
  std::string dir_, key_;
};

TEST_F(CmdAuditTest, VerifyPassesThenNamesTamperedRecord) {
  CliRun v = Aigis({"audit", "verify", "--db", db(), "--pubkey", key_ + ".pub"});
  EXPECT_EQ(v.code, kExitOk) << v.out << v.err;
  EXPECT_NE(v.out.find("OK: 12 records, 2 signed checkpoint(s)"), std::string::npos) << v.out;

  CliRun cp = Aigis({"audit", "checkpoint", "--db", db(), "--key", key_});
  ASSERT_EQ(cp.code, kExitOk) << cp.err;
  EXPECT_NE(cp.out.find("record 12"), std::string::npos);

  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db().c_str(), &h), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(h, "DELETE FROM audit_records WHERE seq = 7", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(h);
  v = Aigis({"audit", "verify", "--db", db(), "--pubkey", key_ + ".pub", "--json"});
  EXPECT_EQ(v.code, kExitFindings) << v.out << v.err;
  auto j = nlohmann::json::parse(v.out);
  EXPECT_FALSE(j["ok"].get<bool>());
  EXPECT_EQ(j["first_bad_seq"], 7);
}

TEST_F(CmdAuditTest, VerifyOfMissingStoreIsAnError) {
  CliRun v = Aigis({"audit", "verify", "--db", dir_ + "/nope.db"});
  EXPECT_EQ(v.code, kExitError);
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/nope.db")) << "read-only commands create nothing";
}

TEST_F(CmdAuditTest, QueryTextAndJson) {
  CliRun q = Aigis({"audit", "query", "--db", db(), "--verdict", "block", "--format", "json"});
  ASSERT_EQ(q.code, kExitOk) << q.err;
  auto lines = Lines(q.out);
  ASSERT_EQ(lines.size(), 3u);  // records 4, 8, 12
  auto j = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(j["seq"], 8);
  EXPECT_EQ(j["verdict"], "block");
  EXPECT_EQ(j["detections"][0]["category"], "prompt-injection");

  q = Aigis({"audit", "query", "--db", db(), "--category", "pii", "--client", "c1"});
  ASSERT_EQ(q.code, kExitOk) << q.err;
  lines = Lines(q.out);
  ASSERT_EQ(lines.size(), 1u) << q.out;  // record 10: 10 % 5 == 0 and 10 % 3 == 1
  EXPECT_NE(lines[0].find("req-10"), std::string::npos);

  q = Aigis({"audit", "query", "--db", db(), "--since", "2023-11-14T22:13:25Z", "--until",
             "1700000008000", "--format", "json"});
  ASSERT_EQ(q.code, kExitOk) << q.err;
  EXPECT_EQ(Lines(q.out).size(), 3u) << q.out;  // 5, 6, 7

  q = Aigis({"audit", "query", "--db", db(), "--since", "yesterday"});
  EXPECT_EQ(q.code, kExitError);
}

TEST_F(CmdAuditTest, ExportOcsfAndCef) {
  CliRun e = Aigis({"audit", "export", "--db", db(), "--format", "ocsf"});
  ASSERT_EQ(e.code, kExitOk) << e.err;
  auto lines = Lines(e.out);
  ASSERT_EQ(lines.size(), 12u);
  for (const auto& l : lines) EXPECT_EQ(nlohmann::json::parse(l)["class_uid"], 2004);
  std::string out = dir_ + "/x.cef";
  e = Aigis({"audit", "export", "--db", db(), "--format", "cef", "--hostname", "gw", "-o", out,
             "--verdict", "block"});
  ASSERT_EQ(e.code, kExitOk) << e.err;
  lines = Lines(ReadFile(out));
  ASSERT_EQ(lines.size(), 3u);
  for (const auto& l : lines) {
    EXPECT_EQ(l.rfind("<134>", 0), 0u);
    EXPECT_NE(l.find(" gw CEF:0|aigis|aigis|"), std::string::npos) << l;
  }
  e = Aigis({"audit", "export", "--db", db(), "--format", "xml"});
  EXPECT_EQ(e.code, kExitError);
}

TEST_F(CmdAuditTest, IncidentLifecycleAndReport) {
  CliRun o = Aigis({"incident", "open", "--db", db(), "--title", "Injection from c1", "--owner",
                    "alice", "--severity", "high", "--record", "4", "--request-id", "req-8"});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_NE(o.out.find("opened incident 1 (2 evidence record(s))"), std::string::npos) << o.out;
  EXPECT_EQ(Aigis({"incident", "open", "--db", db(), "--title", "x", "--record", "999"}).code,
            kExitError);
  ASSERT_EQ(Aigis({"incident", "note", "1", "--db", db(), "--author", "bob", "--text",
                   "c1 key rotated", "--record", "12"})
                .code,
            kExitOk);
  CliRun l = Aigis({"incident", "list", "--db", db(), "--status", "open", "--json"});
  ASSERT_EQ(l.code, kExitOk);
  auto lj = nlohmann::json::parse(l.out);
  ASSERT_EQ(lj.size(), 1u);
  EXPECT_EQ(lj[0]["owner"], "alice");
  ASSERT_EQ(Aigis({"incident", "close", "1", "--db", db(), "--resolution", "revoked"}).code,
            kExitOk);
  CliRun s = Aigis({"incident", "show", "1", "--db", db(), "--json"});
  ASSERT_EQ(s.code, kExitOk);
  auto sj = nlohmann::json::parse(s.out);
  EXPECT_EQ(sj["status"], "closed");
  EXPECT_EQ(sj["timeline"].size(), 6u);  // opened, 2 evidence, note, evidence, closed

  std::string md = dir_ + "/report.md";
  CliRun r = Aigis({"incident", "report", "1", "--db", db(), "--pubkey", key_ + ".pub", "-o", md});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  std::string text = ReadFile(md);
  EXPECT_NE(text.find("# Incident 1: Injection from c1"), std::string::npos) << text;
  EXPECT_NE(text.find("3 evidence record(s), 0 changed"), std::string::npos) << text;
  EXPECT_NE(text.find("OK: 12 records"), std::string::npos) << text;
  // Every pinned hash in the report is the hash `audit query` shows for that record.
  CliRun q = Aigis({"audit", "query", "--db", db(), "--verdict", "block", "--format", "json"});
  for (const auto& line : Lines(q.out)) {
    std::string h = nlohmann::json::parse(line)["hash"];
    EXPECT_NE(text.find(h), std::string::npos) << h;
  }
  EXPECT_EQ(Aigis({"incident", "show", "7", "--db", db()}).code, kExitError);
}

TEST(CmdAuditPostgresTest, VerifyAndQueryThroughDsnEnvironmentVariable) {
  AIGIS_REQUIRE_POSTGRES();
  audit::testutil::PostgresBackend b;
  {
    auto s = b.Open();
    for (int i = 1; i <= 8; ++i) ASSERT_TRUE(s->Append(audit::testutil::SampleRecord(i)).ok());
  }
  setenv("AIGIS_TEST_PG_DSN", b.conninfo().c_str(), 1);
  CliRun v = Aigis({"audit", "verify", "--postgres-env", "AIGIS_TEST_PG_DSN"});
  EXPECT_EQ(v.code, kExitOk) << v.out << v.err;
  EXPECT_NE(v.out.find("OK: 8 records"), std::string::npos) << v.out;
  b.Exec("UPDATE audit_records SET verdict = 'allow' WHERE seq = 4");
  v = Aigis({"audit", "verify", "--postgres-env", "AIGIS_TEST_PG_DSN"});
  EXPECT_EQ(v.code, kExitFindings);
  EXPECT_NE(v.out.find("FAILED at record 4"), std::string::npos) << v.out;
  CliRun q = Aigis({"audit", "query", "--postgres-env", "AIGIS_TEST_PG_DSN", "--verdict", "block"});
  EXPECT_EQ(q.code, kExitOk);
  EXPECT_EQ(Lines(q.out).size(), 1u) << q.out;  // record 8 (record 4's column was edited)
  unsetenv("AIGIS_TEST_PG_DSN");
  v = Aigis({"audit", "verify", "--postgres-env", "AIGIS_TEST_PG_DSN"});
  EXPECT_EQ(v.code, kExitError);
}

}  // namespace
}  // namespace aigis::cli
