#include "audit/export.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "audit/audit_test_util.h"

namespace aigis::audit {
namespace {

TEST(ExportTest, OcsfDetectionFindingShape) {
  StoredRecord s = ChainRecord(testutil::SampleRecord(20), 20, kGenesisHash);
  auto line = ToOcsf(s);
  ASSERT_TRUE(line.ok()) << line.error().ToString();
  EXPECT_EQ(line->find('\n'), std::string::npos);
  auto j = nlohmann::json::parse(*line);
  // Required on every OCSF event, plus the Detection Finding class identity.
  EXPECT_EQ(j["class_uid"], 2004);
  EXPECT_EQ(j["category_uid"], 2);
  EXPECT_EQ(j["activity_id"], 1);
  EXPECT_EQ(j["type_uid"], 200401);
  EXPECT_EQ(j["time"], testutil::SampleRecord(20).time_ms);
  EXPECT_EQ(j["severity_id"], 4);  // a malicious detection
  EXPECT_EQ(j["metadata"]["product"]["name"], "aigis");
  EXPECT_TRUE(j["metadata"].contains("version"));
  EXPECT_EQ(j["metadata"]["uid"], s.hash);
  EXPECT_EQ(j["metadata"]["sequence"], 20);
  EXPECT_EQ(j["finding_info"]["uid"], "aigis-audit-20");
  EXPECT_EQ(j["finding_info"]["analytic"]["uid"], "guard.injection.ignore");
  EXPECT_EQ(j["finding_info"]["types"], nlohmann::json::array({"prompt-injection", "pii"}));
  EXPECT_EQ(j["evidences"].size(), 2u);
  EXPECT_EQ(j["actor"]["user"]["uid"], "c2");
  EXPECT_TRUE(j["is_alert"].get<bool>());
}

TEST(ExportTest, OcsfCleanRecordIsInformational) {
  auto line = ToOcsf(ChainRecord(testutil::SampleRecord(1), 1, kGenesisHash));
  ASSERT_TRUE(line.ok());
  auto j = nlohmann::json::parse(*line);
  EXPECT_EQ(j["severity_id"], 1);
  EXPECT_FALSE(j["is_alert"].get<bool>());
  EXPECT_FALSE(j.contains("evidences"));
}

TEST(ExportTest, CefEscaping) {
  EXPECT_EQ(CefEscapeHeader("a|b\\c=d"), "a\\|b\\\\c=d");
  EXPECT_EQ(CefEscapeExtension("a=b\\c|d\ne\rf"), "a\\=b\\\\c|d\\ne\\rf");
  EXPECT_EQ(CefEscapeHeader("x\ny"), "x y");
}

TEST(ExportTest, CefLineShape) {
  AuditRecord r = testutil::SampleRecord(20);
  r.client_key_id = "team=red|x";
  r.note = "line1\nline2";
  r.detections[0].rule = "rule|with|pipes";
  StoredRecord s = ChainRecord(r, 20, kGenesisHash);
  ExportOptions o;
  o.hostname = "gw1";
  auto line = ToCef(s, o);
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(line->find('\n'), std::string::npos);
  // <PRI>Mmm dd hh:mm:ss host CEF:0|vendor|product|version|sig|name|severity|ext
  EXPECT_EQ(line->rfind("<134>Nov 14 22:13:40 gw1 CEF:0|aigis|aigis|0.1.0|rule\\|with\\|pipes|", 0),
            0u)
      << *line;
  EXPECT_NE(line->find("|8|rt=1700000020000 "), std::string::npos) << *line;
  EXPECT_NE(line->find(" suser=team\\=red|x "), std::string::npos) << *line;
  EXPECT_NE(line->find(" msg=line1\\nline2"), std::string::npos) << *line;
  EXPECT_NE(line->find(" cs2=" + s.hash), std::string::npos);
  EXPECT_NE(line->find(" cn1=20"), std::string::npos);
  EXPECT_NE(line->find(" cat=prompt-injection,pii"), std::string::npos) << *line;
  // Exactly 7 unescaped pipes after "CEF:0" separate the header fields.
  std::string cef = line->substr(line->find("CEF:0"));
  int pipes = 0;
  for (size_t i = 0; i < cef.size(); ++i)
    if (cef[i] == '|' && cef[i - 1] != '\\') ++pipes;
  // The extension's "|" in suser is unescaped by design; count only the header part.
  std::string header = cef.substr(0, cef.find("rt="));
  pipes = 0;
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == '|' && header[i - 1] != '\\') ++pipes;
  EXPECT_EQ(pipes, 7);
}

TEST(ExportTest, ExportOfUnparsableBodyFails) {
  StoredRecord s;
  s.body = "{";
  EXPECT_FALSE(ToOcsf(s).ok());
  EXPECT_FALSE(ToCef(s).ok());
}

}  // namespace
}  // namespace aigis::audit
