#include "sign/bundle.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sign/encoding.h"
#include "sign_test_util.h"

namespace aigis::sign {
namespace {

using Json = nlohmann::json;

Result<Bundle> Parse(const std::string& s, const OmsLimits& l = {}) {
  return ParseBundle(AsBytes(s), l);
}
Result<Statement> ParseSt(const Json& j, const OmsLimits& l = {}) {
  std::string s = j.dump();
  return ParseStatement(AsBytes(s), l);
}

std::string Vector(const std::string& rel) {
  return testing::ReadFile(testing::TestdataDir() + "/" + rel);
}

Json MinimalBundle() {
  return Json::parse(R"({
    "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
    "verificationMaterial": {"publicKey": {"hint": "abcd"}, "tlogEntries": []},
    "dsseEnvelope": {"payload": "e30=", "payloadType": "application/vnd.in-toto+json",
                     "signatures": [{"sig": "AAEC", "keyid": ""}]}})");
}

Json MinimalStatement() {
  return Json::parse(R"({
    "_type": "https://in-toto.io/Statement/v1",
    "subject": [{"name": "m", "digest": {"sha256": "00"}}],
    "predicateType": "https://model_signing/signature/v1.0",
    "predicate": {
      "resources": [{"name": "a", "algorithm": "sha256",
        "digest": "0000000000000000000000000000000000000000000000000000000000000000"}],
      "serialization": {"method": "files", "hash_type": "sha256", "allow_symlinks": false,
                        "ignore_paths": ["model.sig", "../up", "./x/"]}}})");
}

TEST(BundleTest, ParsesReferenceVectors) {
  auto k = Parse(Vector("model-transparency/v1.1.0-elliptic-key/model.sig"));
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  EXPECT_EQ(k->method, BundleMethod::kPublicKey);
  EXPECT_EQ(k->key_hint, "e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e");
  EXPECT_EQ(k->payload_type, kInTotoPayloadType);
  ASSERT_EQ(k->signatures.size(), 1u);
  auto c = Parse(Vector("spec-v1.0/valid/certificate.bundle.json"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->method, BundleMethod::kCertificateChain);
  EXPECT_EQ(c->certificates.size(), 2u);
  auto s = Parse(Vector("spec-v1.0/valid/sigstore.bundle.json"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->method, BundleMethod::kSigstore);
  EXPECT_EQ(s->tlog_entries, 1u);
  auto st = ParseStatement(k->payload, {});
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_TRUE(st->known_predicate);
  EXPECT_EQ(st->resources.size(), 2u);
  EXPECT_EQ(st->subject_name, "v1.1.0-elliptic-key");
  EXPECT_EQ(st->ignore_paths.size(), 6u);
}

TEST(BundleTest, MalformedBundles) {
  auto code = [](const std::string& s) { return Parse(s).status().code(); };
  EXPECT_EQ(code(""), StatusCode::kMalformed);
  EXPECT_EQ(code("{"), StatusCode::kMalformed);
  EXPECT_EQ(code("[]"), StatusCode::kMalformed);
  Json j = MinimalBundle();
  ASSERT_TRUE(Parse(j.dump()).ok());
  Json t = j;
  t["mediaType"] = "application/json";
  EXPECT_EQ(code(t.dump()), StatusCode::kMalformed);
  t = j;
  t["mediaType"] = 3;
  EXPECT_EQ(code(t.dump()), StatusCode::kMalformed);
  t = j;
  t.erase("verificationMaterial");
  EXPECT_EQ(code(t.dump()), StatusCode::kMalformed);
  t = j;
  t.erase("dsseEnvelope");
  EXPECT_EQ(code(t.dump()), StatusCode::kMalformed);
  t["messageSignature"] = Json::object();
  EXPECT_NE(Parse(t.dump()).status().message().find("messageSignature"), std::string::npos);
  t = j;
  t["verificationMaterial"] = Json::object();
  EXPECT_EQ(code(t.dump()), StatusCode::kMalformed);
  t = j;
  t["verificationMaterial"]["publicKey"] = 5;
  EXPECT_EQ(code(t.dump()), StatusCode::kMalformed);
  t = j;
  t["verificationMaterial"] = {{"x509CertificateChain", {{"certificates", Json::array()}}}};
  EXPECT_EQ(code(t.dump()), StatusCode::kMalformed);
  t = j;
  t["verificationMaterial"] = {{"certificate", {{"rawBytes", "AAAA"}}}};
  EXPECT_NE(Parse(t.dump()).status().message().find("tlogEntries"), std::string::npos);
  t = j;
  t["dsseEnvelope"]["payload"] = "!!!";
  EXPECT_EQ(code(t.dump()), StatusCode::kMalformed);
  t = j;
  t["dsseEnvelope"]["signatures"] = Json::array();
  EXPECT_EQ(code(t.dump()), StatusCode::kMalformed);
  t = j;
  t["dsseEnvelope"]["signatures"][0]["sig"] = 1;
  EXPECT_EQ(code(t.dump()), StatusCode::kMalformed);
  t = j;
  t["verificationMaterial"]["tlogEntries"] = "x";
  EXPECT_EQ(code(t.dump()), StatusCode::kMalformed);
}

TEST(BundleTest, ProtobufSnakeCaseAndNullKeyid) {
  Json j = Json::parse(R"({
    "media_type": "application/vnd.dev.sigstore.bundle+json;version=0.2",
    "verification_material": {"x509_certificate_chain": {"certificates": [{"raw_bytes": "AAAA"}]}},
    "dsse_envelope": {"payload": "e30", "payload_type": "application/vnd.in-toto+json",
                      "signatures": [{"sig": "AAEC", "keyid": null}]}})");
  auto b = Parse(j.dump());
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->method, BundleMethod::kCertificateChain);
  EXPECT_EQ(b->payload, (std::vector<uint8_t>{'{', '}'}));
}

TEST(BundleTest, BundleLimits) {
  Json j = MinimalBundle();
  OmsLimits l;
  l.max_bundle_bytes = 10;
  EXPECT_EQ(Parse(j.dump(), l).status().code(), StatusCode::kLimitExceeded);
  l = {};
  l.max_signatures = 1;
  j["dsseEnvelope"]["signatures"].push_back({{"sig", "AAEC"}});
  EXPECT_EQ(Parse(j.dump(), l).status().code(), StatusCode::kLimitExceeded);
  l = {};
  l.max_certificates = 1;
  Json c = MinimalBundle();
  c["verificationMaterial"] = {
      {"x509CertificateChain",
       {{"certificates", {{{"rawBytes", "AA=="}}, {{"rawBytes", "AA=="}}}}}}};
  EXPECT_EQ(Parse(c.dump(), l).status().code(), StatusCode::kLimitExceeded);
  std::string deep(100, '[');
  deep += std::string(100, ']');
  EXPECT_EQ(Parse(deep).status().code(), StatusCode::kLimitExceeded);
  // Brackets inside strings do not count.
  Json s = MinimalBundle();
  s["extra"] = std::string(200, '[');
  EXPECT_TRUE(Parse(s.dump()).ok());
}

TEST(StatementTest, MalformedStatements) {
  Json j = MinimalStatement();
  auto ok = ParseSt(j);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->ignore_paths, (std::vector<std::string>{"model.sig", "x"}));
  auto code = [](const Json& x) { return ParseSt(x).status().code(); };
  Json t = j;
  t["_type"] = "https://example.com/other";
  EXPECT_EQ(code(t), StatusCode::kMalformed);
  t = j;
  t.erase("subject");
  EXPECT_EQ(code(t), StatusCode::kMalformed);
  t = j;
  t["subject"].push_back(t["subject"][0]);
  EXPECT_EQ(code(t), StatusCode::kMalformed);
  t = j;
  t["subject"][0]["digest"]["sha256"] = "xyz";
  EXPECT_EQ(code(t), StatusCode::kMalformed);
  t = j;
  t.erase("predicate");
  EXPECT_EQ(code(t), StatusCode::kMalformed);
  t = j;
  t["predicate"]["serialization"]["method"] = "tarball";
  EXPECT_EQ(code(t), StatusCode::kUnsupported);
  t = j;
  t["predicate"]["serialization"]["hash_type"] = "blake3";
  EXPECT_EQ(code(t), StatusCode::kUnsupported);
  t = j;
  t["predicate"]["serialization"]["method"] = "shards";
  EXPECT_EQ(code(t), StatusCode::kMalformed);  // no shard_size
  t["predicate"]["serialization"]["shard_size"] = 10.5;
  EXPECT_EQ(code(t), StatusCode::kMalformed);
  t["predicate"]["serialization"]["shard_size"] = -3;
  EXPECT_EQ(code(t), StatusCode::kMalformed);
  t["predicate"]["serialization"]["shard_size"] = 0;
  EXPECT_EQ(code(t), StatusCode::kMalformed);
  t = j;
  t["predicate"]["resources"][0]["algorithm"] = "blake2b";
  EXPECT_EQ(code(t), StatusCode::kMalformed);
  t = j;
  t["predicate"]["resources"][0]["digest"] = "00";
  EXPECT_EQ(code(t), StatusCode::kMalformed);
  t = j;
  t["predicate"]["resources"][0]["name"] = "";
  EXPECT_EQ(code(t), StatusCode::kMalformed);
  t = j;
  t["predicate"]["resources"] = 3;
  EXPECT_EQ(code(t), StatusCode::kMalformed);
  t = j;
  t["predicate"]["serialization"]["allow_symlinks"] = "no";
  EXPECT_EQ(code(t), StatusCode::kMalformed);
}

TEST(StatementTest, StatementLimits) {
  Json j = MinimalStatement();
  OmsLimits l;
  l.max_resources = 1;
  j["predicate"]["resources"].push_back(j["predicate"]["resources"][0]);
  EXPECT_EQ(ParseSt(j, l).status().code(), StatusCode::kLimitExceeded);
  l = {};
  l.max_name_bytes = 3;
  Json n = MinimalStatement();
  n["predicate"]["resources"][0]["name"] = "abcd";
  EXPECT_EQ(ParseSt(n, l).status().code(), StatusCode::kLimitExceeded);
}

TEST(StatementTest, ReferenceQuirks) {
  Json j = MinimalStatement();
  j["predicate"]["serialization"]["method"] = "shards";
  j["predicate"]["serialization"]["shard_size"] = 1000000000.0;
  j["predicate"]["resources"][0]["algorithm"] = "sha256-sharded-1000000000";
  auto s = ParseSt(j);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->shard_size, 1000000000u);
  EXPECT_EQ(s->method, SerializationMethod::kShards);
  Json b = MinimalStatement();
  b["predicate"]["serialization"]["hash_type"] = "blake2";
  b["predicate"]["resources"][0]["algorithm"] = "blake2b";
  b["predicate"]["resources"][0]["digest"] = std::string(128, 'a');
  auto bs = ParseSt(b);
  ASSERT_TRUE(bs.ok()) << bs.status().ToString();
  EXPECT_EQ(bs->hash, HashAlgorithm::kBlake2b);
}

TEST(StatementTest, UnknownPredicateIsReportedNotRejected) {
  Json j = MinimalStatement();
  j["predicateType"] = "https://slsa.dev/provenance/v1";
  auto s = ParseSt(j);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->known_predicate);
  EXPECT_EQ(s->predicate_type, "https://slsa.dev/provenance/v1");
}

TEST(StatementTest, LegacyDigestsV01) {
  Json j = {{"_type", kStatementType},
            {"predicateType", kPredicateTypeV01},
            {"subject", {{{"name", "a/b"}, {"digest", {{"sha256", "00ff"}}}}}}};
  auto s = ParseSt(j);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->legacy_v01);
  ASSERT_EQ(s->resources.size(), 1u);
  EXPECT_EQ(s->resources[0].name, "a/b");
  j["subject"][0].erase("digest");
  EXPECT_EQ(ParseSt(j).status().code(), StatusCode::kMalformed);
}

TEST(DsseTest, PaeAndCompat) {
  auto pae = DssePae("t", AsBytes("ab"));
  EXPECT_EQ(std::string(pae.begin(), pae.end()), "DSSEv1 1 t 2 ab");
  std::string payload = "{\"a\": 'x'}\n\x01\\";
  auto compat = DssePaeCompat("t", AsBytes(payload));
  EXPECT_EQ(std::string(compat.begin(), compat.end()),
            "DSSEV1 1 t 13 b'{\"a\": \\'x\\'}\\n\\x01\\\\'");  // as Python prints it
  auto plain = DssePaeCompat("t", AsBytes("it's"));
  EXPECT_EQ(std::string(plain.begin(), plain.end()), "DSSEV1 1 t 4 b\"it's\"");
}

TEST(BuildTest, BuiltBundleParsesBack) {
  Manifest m;
  Resource r;
  r.name = "w";
  r.path = "w";
  r.digest = Sha256(AsBytes("w"));
  m.resources.push_back(r);
  std::string st = BuildStatement(m, "model", {".git", "model.sig"}, false);
  BundleMaterial mat;
  mat.key_hint = "aa";
  std::vector<uint8_t> sig = {1, 2, 3};
  auto b = Parse(BuildBundle(mat, st, sig));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->key_hint, "aa");
  EXPECT_EQ(b->signatures[0].sig, sig);
  auto s = ParseStatement(b->payload, {});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->subject_digest, RootDigest({r.digest}));
  EXPECT_EQ(s->ignore_paths.size(), 2u);
}

}  // namespace
}  // namespace aigis::sign
