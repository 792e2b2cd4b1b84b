#include "audit/incident.h"

#include <gtest/gtest.h>

#include "audit/store_backends.h"

namespace aigis::audit {
namespace {

class IncidentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = backend_.Open();
    for (int i = 1; i <= 12; ++i) ASSERT_TRUE(store_->Append(testutil::SampleRecord(i)).ok());
    auto inc = IncidentStore::Open(backend_.path());
    ASSERT_TRUE(inc.ok()) << inc.error().ToString();
    incidents_ = std::move(*inc);
  }
  std::vector<StoredRecord> Blocked() {
    QueryFilter f;
    f.verdict = "block";
    auto r = store_->Query(f);
    EXPECT_TRUE(r.ok());
    return *r;
  }
  testutil::SqliteBackend backend_;
  std::unique_ptr<AuditStore> store_;
  std::unique_ptr<IncidentStore> incidents_;
};

TEST_F(IncidentTest, Lifecycle) {
  auto id = incidents_->Create("Prompt injection campaign", "alice", "high", 1000);
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(incidents_->AddEvidence(*id, Blocked(), "alice", 2000).ok());
  ASSERT_TRUE(incidents_->AddNote(*id, "bob", "client c0 rotated", 3000).ok());
  ASSERT_TRUE(incidents_->SetOwner(*id, "bob", "alice", 3500).ok());
  auto open = incidents_->List(std::string("open"));
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ(open->front().owner, "bob");
  ASSERT_TRUE(incidents_->Close(*id, "bob", "key revoked", 4000).ok());
  EXPECT_FALSE(incidents_->Close(*id, "bob", "again", 5000).ok());
  EXPECT_FALSE(incidents_->AddEvidence(*id, Blocked(), "bob", 5000).ok());
  auto inc = incidents_->Get(*id);
  ASSERT_TRUE(inc.ok());
  EXPECT_EQ(inc->status, "closed");
  EXPECT_EQ(inc->closed_ms, 4000);
  EXPECT_TRUE(incidents_->List(std::string("open"))->empty());
  auto tl = incidents_->Timeline(*id);
  ASSERT_TRUE(tl.ok());
  // opened, 3 evidence (blocked records 4, 8, 12), note, owner, closed
  ASSERT_EQ(tl->size(), 7u);
  EXPECT_EQ(tl->at(0).kind, "opened");
  EXPECT_EQ(tl->at(1).kind, "evidence");
  EXPECT_EQ(tl->at(1).record_seq, 4);
  EXPECT_EQ(tl->at(4).kind, "note");
  EXPECT_EQ(tl->back().kind, "closed");
  EXPECT_EQ(incidents_->Get(999).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(incidents_->Create("", "x", "low", 0).ok());
}

TEST_F(IncidentTest, ReportShowsTimelineEvidenceAndTampering) {
  auto id = incidents_->Create("Exfil | attempt", "alice", "critical", 1000);
  ASSERT_TRUE(id.ok());
  auto blocked = Blocked();
  ASSERT_TRUE(incidents_->AddEvidence(*id, blocked, "alice", 2000).ok());
  auto inc = *incidents_->Get(*id);
  auto tl = *incidents_->Timeline(*id);
  std::string md = IncidentReportMarkdown(inc, tl, blocked, "verify: OK");
  EXPECT_NE(md.find("# Incident " + std::to_string(*id) + ": Exfil \\| attempt"), std::string::npos)
      << md;
  EXPECT_NE(md.find("## Timeline"), std::string::npos);
  for (const auto& r : blocked) EXPECT_NE(md.find("`" + r.hash + "`"), std::string::npos);
  EXPECT_NE(md.find("0 changed or missing"), std::string::npos) << md;
  EXPECT_NE(md.find("aigis audit verify"), std::string::npos);

  // The store is altered after the evidence was pinned: the report says so.
  backend_.Exec("UPDATE audit_records SET body = replace(body, 'block', 'allow') WHERE seq = 8");
  backend_.Exec("DELETE FROM audit_records WHERE seq = 12");
  QueryFilter f;
  f.from_seq = 4;
  auto now = store_->Query(f);
  ASSERT_TRUE(now.ok());
  md = IncidentReportMarkdown(inc, tl, *now, "verify: FAILED");
  EXPECT_NE(md.find("| 8 | `"), std::string::npos);
  EXPECT_NE(md.find("CHANGED"), std::string::npos) << md;
  EXPECT_NE(md.find("MISSING"), std::string::npos) << md;
  EXPECT_NE(md.find("2 changed or missing"), std::string::npos) << md;
}

TEST(IncidentTimeTest, FormatsUtc) {
  EXPECT_EQ(FormatTimeUtc(1700000020123), "2023-11-14T22:13:40.123Z");
}

}  // namespace
}  // namespace aigis::audit
