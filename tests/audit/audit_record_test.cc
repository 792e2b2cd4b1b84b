#include "audit/audit_record.h"

#include <gtest/gtest.h>

#include "audit/audit_test_util.h"

namespace aigis::audit {
namespace {

TEST(AuditRecordTest, BodyIsCanonicalAndRoundTrips) {
  AuditRecord r = testutil::SampleRecord(20);
  r.prompt = "héllo \"world\"\n";
  r.response = "ok";
  r.note = "n";
  std::string body = CanonicalBody(r, 7, kGenesisHash);
  EXPECT_EQ(body, CanonicalBody(r, 7, kGenesisHash));
  EXPECT_EQ(body.find('\n'), std::string::npos);
  EXPECT_EQ(body.find(", "), std::string::npos) << "no whitespace between members: " << body;
  EXPECT_EQ(body.find(": "), std::string::npos) << body;
  for (unsigned char c : body) EXPECT_LT(c, 0x80) << "ASCII only";
  // Sorted keys: "client" comes before "detections" before "v".
  EXPECT_LT(body.find("\"client\""), body.find("\"detections\""));
  EXPECT_LT(body.find("\"detections\""), body.find("\"v\""));

  auto p = ParseBody(body);
  ASSERT_TRUE(p.ok()) << p.error().ToString();
  EXPECT_EQ(p->seq, 7);
  EXPECT_EQ(p->prev_hash, kGenesisHash);
  EXPECT_EQ(p->record.request_id, "req-20");
  EXPECT_EQ(p->record.verdict, "block");
  ASSERT_EQ(p->record.detections.size(), 2u);
  EXPECT_EQ(p->record.detections[1].category, "pii");
  EXPECT_EQ(*p->record.prompt, "héllo \"world\"\n");
  EXPECT_EQ(p->record.completion_tokens, 0);
  EXPECT_EQ(p->record.note, "n");
  // Re-serialising the parsed record gives the same bytes.
  EXPECT_EQ(CanonicalBody(p->record, p->seq, p->prev_hash), body);
}

TEST(AuditRecordTest, ChainRecordHashesTheBodyAndFillsColumns) {
  AuditRecord r = testutil::SampleRecord(20);
  StoredRecord s = ChainRecord(r, 3, std::string(64, 'a'));
  EXPECT_EQ(s.hash, Sha256Hex(s.body));
  EXPECT_EQ(s.hash.size(), 64u);
  EXPECT_EQ(s.categories, ",prompt-injection,pii,");
  EXPECT_EQ(s.client_key_id, "c2");
  StoredRecord other = ChainRecord(r, 3, std::string(64, 'b'));
  EXPECT_NE(s.hash, other.hash) << "the previous hash is part of what is hashed";
}

TEST(AuditRecordTest, Sha256KnownAnswer) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(AuditRecordTest, InvalidUtf8IsReplacedNotRejected) {
  AuditRecord r;
  r.prompt = std::string("a\xff\xfe") + "b";
  std::string body = CanonicalBody(r, 1, kGenesisHash);
  auto p = ParseBody(body);
  ASSERT_TRUE(p.ok());
  EXPECT_NE(*p->record.prompt, *r.prompt);
}

TEST(AuditRecordTest, ParseRejectsMalformedBodies) {
  EXPECT_EQ(ParseBody("not json").status().code(), StatusCode::kMalformed);
  EXPECT_EQ(ParseBody("[1]").status().code(), StatusCode::kMalformed);
  EXPECT_EQ(ParseBody("{\"v\":1}").status().code(), StatusCode::kMalformed);
  EXPECT_EQ(ParseBody("{\"v\":2}").status().code(), StatusCode::kUnsupported);
  std::string body = CanonicalBody(testutil::SampleRecord(1), 1, kGenesisHash);
  std::string bad = body;
  bad.replace(bad.find("\"seq\":1"), 7, "\"seq\":\"1\"");
  EXPECT_EQ(ParseBody(bad).status().code(), StatusCode::kMalformed);
  bad = body;
  bad.replace(bad.find("\"upstream_status\":200"), 21, "\"upstream_status\":-5");
  EXPECT_EQ(ParseBody(bad).status().code(), StatusCode::kMalformed);
}

TEST(AuditRecordTest, ParseEnforcesLimits) {
  RecordLimits small;
  small.max_body_bytes = 10;
  std::string body = CanonicalBody(testutil::SampleRecord(20), 1, kGenesisHash);
  EXPECT_EQ(ParseBody(body, small).status().code(), StatusCode::kLimitExceeded);

  RecordLimits one_det;
  one_det.max_detections = 1;
  EXPECT_EQ(ParseBody(body, one_det).status().code(), StatusCode::kLimitExceeded);

  std::string deep = "{\"v\":1,\"x\":" + std::string(100, '[') + std::string(100, ']') + "}";
  EXPECT_EQ(ParseBody(deep).status().code(), StatusCode::kLimitExceeded);
  // Brackets inside strings do not count as nesting.
  AuditRecord r;
  r.prompt = std::string(100, '[');
  EXPECT_TRUE(ParseBody(CanonicalBody(r, 1, kGenesisHash)).ok());

  RecordLimits short_str;
  short_str.max_string_bytes = 4;
  EXPECT_EQ(ParseBody(body, short_str).status().code(), StatusCode::kLimitExceeded);
}

}  // namespace
}  // namespace aigis::audit
