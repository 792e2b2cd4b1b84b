#include "sign/model_signing.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "sign/encoding.h"
#include "sign/keys.h"
#include "sign_test_util.h"

namespace aigis::sign {
namespace {

namespace fs = std::filesystem;
using testing::GenerateEcKeyPair;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

// Runs each vector test against our copy and, when present, the shared reference copy.
class OmsVectorTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!fs::exists(GetParam())) GTEST_SKIP() << GetParam() << " not present";
  }
  std::string mt() const { return GetParam() + "/model-transparency"; }
  std::string spec() const { return GetParam() + "/spec-v1.0"; }
  std::string pub() const { return mt() + "/keys/certificate/signing-key-pub.pem"; }
  std::string root() const { return mt() + "/keys/certificate/ca-cert.pem"; }

  // The files a vector covers, without its model.sig.
  void CopyModel(const std::string& from, const TempDir& to) const {
    for (const char* name : {"signme-1", "signme-2", "ignore-me"}) {
      fs::copy_file(from + "/" + name, to / name);
    }
  }

  VerifyReport Verify(VerifyOptions o) const {
    auto r = VerifyModel(o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : VerifyReport{};
  }
};

TEST_P(OmsVectorTest, ReferenceEllipticKeyBundleVerifies) {
  VerifyOptions o;
  o.model_path = mt() + "/v1.1.0-elliptic-key";
  o.public_key_path = pub();
  VerifyReport r = Verify(o);
  EXPECT_EQ(r.outcome, VerifyOutcome::kVerified) << r.message;
  ASSERT_EQ(r.verified.size(), 2u);
  EXPECT_EQ(r.verified[0].path, "signme-1");
  EXPECT_EQ(r.verified[1].path, "signme-2");
  EXPECT_EQ(r.method, BundleMethod::kPublicKey);
}

TEST_P(OmsVectorTest, ReferenceCertificateBundleVerifiesWithRootAndWithKey) {
  VerifyOptions o;
  o.model_path = mt() + "/v1.1.0-certificate";
  o.trusted_root_paths = {root()};
  VerifyReport r = Verify(o);
  EXPECT_EQ(r.outcome, VerifyOutcome::kVerified) << r.message;
  EXPECT_EQ(r.method, BundleMethod::kCertificateChain);
  EXPECT_EQ(r.verified.size(), 2u);
  VerifyOptions k;
  k.model_path = o.model_path;
  k.public_key_path = pub();
  EXPECT_EQ(Verify(k).outcome, VerifyOutcome::kVerified);
}

TEST_P(OmsVectorTest, ReferenceSigstoreBundleNeedsTransparencyLog) {
  VerifyOptions o;
  o.model_path = mt() + "/v1.1.0-sigstore";
  VerifyReport r = Verify(o);
  EXPECT_EQ(r.outcome, VerifyOutcome::kNeedsTransparencyLog) << r.message;
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.message.find("transparency-log"), std::string::npos);
  o.trusted_root_paths = {root()};
  EXPECT_EQ(Verify(o).outcome, VerifyOutcome::kNeedsTransparencyLog);
}

TEST_P(OmsVectorTest, SpecValidKeyAndCertificateBundlesVerify) {
  TempDir model;
  CopyModel(mt() + "/v1.1.0-elliptic-key", model);
  VerifyOptions o;
  o.model_path = model.path();
  o.signature_path = spec() + "/valid/key.bundle.json";
  o.public_key_path = pub();
  VerifyReport r = Verify(o);
  EXPECT_EQ(r.outcome, VerifyOutcome::kVerified) << r.message;
  EXPECT_EQ(r.verified.size(), 2u);  // ignore-me is in the recorded ignore_paths

  VerifyOptions c;
  c.model_path = model.path();
  c.signature_path = spec() + "/valid/certificate.bundle.json";
  c.trusted_root_paths = {root()};
  r = Verify(c);
  EXPECT_EQ(r.outcome, VerifyOutcome::kVerified) << r.message;
}

TEST_P(OmsVectorTest, SpecValidSigstoreBundleNeedsTransparencyLog) {
  TempDir model;
  CopyModel(mt() + "/v1.1.0-sigstore", model);
  VerifyOptions o;
  o.model_path = model.path();
  o.signature_path = spec() + "/valid/sigstore.bundle.json";
  EXPECT_EQ(Verify(o).outcome, VerifyOutcome::kNeedsTransparencyLog);
}

TEST_P(OmsVectorTest, SpecInvalidBundlesAreMalformed) {
  TempDir model;
  CopyModel(mt() + "/v1.1.0-elliptic-key", model);
  for (const char* name :
       {"empty", "missing-envelope", "missing-tlog-entries", "missing-verification-material"}) {
    VerifyOptions o;
    o.model_path = model.path();
    o.signature_path = spec() + "/invalid/" + name + ".bundle.json";
    o.public_key_path = pub();
    VerifyReport r = Verify(o);
    EXPECT_EQ(r.outcome, VerifyOutcome::kMalformedBundle) << name << ": " << r.message;
  }
}

TEST_P(OmsVectorTest, SpecWrongPredicateIsReported) {
  TempDir model;
  CopyModel(mt() + "/v1.1.0-elliptic-key", model);
  VerifyOptions o;
  o.model_path = model.path();
  o.signature_path = spec() + "/invalid-payload/wrong-predicate.bundle.json";
  o.public_key_path = pub();
  VerifyReport r = Verify(o);
  EXPECT_EQ(r.outcome, VerifyOutcome::kWrongPredicateType) << r.message;
  EXPECT_EQ(r.predicate_type, "https://example.com/wrong-predicate/v1.0");
}

TEST_P(OmsVectorTest, WrongKeyIsReported) {
  TempDir keys;
  ASSERT_TRUE(GenerateEcKeyPair("P-384", keys / "k.pem", keys / "k.pub"));
  VerifyOptions o;
  o.model_path = mt() + "/v1.1.0-elliptic-key";
  o.public_key_path = keys / "k.pub";
  VerifyReport r = Verify(o);
  EXPECT_EQ(r.outcome, VerifyOutcome::kWrongKey) << r.message;
}

TEST_P(OmsVectorTest, UntrustedRootIsReported) {
  VerifyOptions o;
  o.model_path = mt() + "/v1.1.0-certificate";
  o.trusted_root_paths = {mt() + "/keys/certificate/int-ca-cert.pem"};
  VerifyReport r = Verify(o);
  EXPECT_EQ(r.outcome, VerifyOutcome::kUntrustedCertificate) << r.message;
}

TEST_P(OmsVectorTest, KeyBundleWithCertificateAnchorIsWrongMethod) {
  VerifyOptions o;
  o.model_path = mt() + "/v1.1.0-elliptic-key";
  o.trusted_root_paths = {root()};
  EXPECT_EQ(Verify(o).outcome, VerifyOutcome::kWrongKey);
}

TEST_P(OmsVectorTest, ModifiedStatementIsBadSignature) {
  TempDir model;
  CopyModel(mt() + "/v1.1.0-elliptic-key", model);
  auto bundle = nlohmann::json::parse(ReadFile(mt() + "/v1.1.0-elliptic-key/model.sig"));
  auto payload = Base64Decode(bundle["dsseEnvelope"]["payload"].get<std::string>());
  ASSERT_TRUE(payload.ok());
  std::string text(payload->begin(), payload->end());
  size_t pos = text.find("\"signme-2\"");
  ASSERT_NE(pos, std::string::npos);
  text.replace(pos, 10, "\"signme-3\"");
  bundle["dsseEnvelope"]["payload"] = Base64Encode(AsBytes(text));
  WriteFile(model / "tampered.sig", bundle.dump());
  VerifyOptions o;
  o.model_path = model.path();
  o.signature_path = model / "tampered.sig";
  o.public_key_path = pub();
  VerifyReport r = Verify(o);
  EXPECT_EQ(r.outcome, VerifyOutcome::kBadSignature) << r.message;
  // An edited digest (the subject no longer matches either) is still a bad signature.
  text = std::string(payload->begin(), payload->end());
  pos = text.find("32dcb1f8");
  ASSERT_NE(pos, std::string::npos);
  text[pos] = '4';
  bundle["dsseEnvelope"]["payload"] = Base64Encode(AsBytes(text));
  WriteFile(model / "tampered.sig", bundle.dump());
  r = Verify(o);
  EXPECT_EQ(r.outcome, VerifyOutcome::kBadSignature) << r.message;
}

TEST_P(OmsVectorTest, ModifiedFileInReferenceModelIsReported) {
  TempDir model;
  CopyModel(mt() + "/v1.1.0-elliptic-key", model);
  fs::copy_file(mt() + "/v1.1.0-elliptic-key/model.sig", model / "model.sig");
  WriteFile(model / "signme-2", "tampered");
  VerifyOptions o;
  o.model_path = model.path();
  o.public_key_path = pub();
  VerifyReport r = Verify(o);
  EXPECT_EQ(r.outcome, VerifyOutcome::kModelMismatch);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].kind, FileIssue::Kind::kModified);
  EXPECT_EQ(r.issues[0].path, "signme-2");
}

// Older reference-tool bundles (model_signing 0.2.0 .. 1.0.1), as its own
// scripts/tests/test-verify-v*.sh verify them. Only in our copy.
struct OldVersion {
  const char* dir;
  const char* model;  // relative to dir; "" = the directory itself
  bool certificate;
  const char* ignore;  // verify-time --ignore-paths
};

class OldReferenceVersionTest : public ::testing::TestWithParam<OldVersion> {};

TEST_P(OldReferenceVersionTest, Verifies) {
  const OldVersion& v = GetParam();
  std::string mt = testing::TestdataDir() + "/model-transparency";
  std::string dir = mt + "/" + v.dir;
  VerifyOptions o;
  o.model_path = *v.model ? dir + "/" + v.model : dir;
  o.signature_path = dir + "/model.sig";
  if (v.certificate) {
    o.trusted_root_paths = {mt + "/keys/certificate/ca-cert.pem"};
  } else {
    o.public_key_path = mt + "/keys/certificate/signing-key-pub.pem";
  }
  if (*v.ignore) o.ignore_paths = {dir + "/" + v.ignore};
  auto r = VerifyModel(o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->outcome, VerifyOutcome::kVerified) << v.dir << ": " << r->message;
  EXPECT_FALSE(r->verified.empty());
}

INSTANTIATE_TEST_SUITE_P(Versions, OldReferenceVersionTest,
                         ::testing::Values(OldVersion{"v0.2.0-certificate", "", true, ""},
                                           OldVersion{"v0.3.1-certificate", "", true, ""},
                                           OldVersion{"v0.3.1-elliptic-key", "signme-1", false, ""},
                                           OldVersion{"v1.0.0-certificate", "", true, ""},
                                           OldVersion{"v1.0.0-elliptic-key", "signme-1", false, ""},
                                           OldVersion{"v1.0.1-certificate", "", true, "ignore-me"},
                                           OldVersion{"v1.0.1-elliptic-key", "", false,
                                                      "ignore-me"}),
                         [](const auto& p) {
                           std::string n = p.param.dir;
                           for (auto& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

TEST(OldReferenceVersionTest, UnrecordedIgnorePathIsExtraWithoutVerifyTimeIgnore) {
  std::string mt = testing::TestdataDir() + "/model-transparency";
  VerifyOptions o;
  o.model_path = mt + "/v1.0.1-elliptic-key";
  o.public_key_path = mt + "/keys/certificate/signing-key-pub.pem";
  auto r = VerifyModel(o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, VerifyOutcome::kModelMismatch);
  ASSERT_EQ(r->issues.size(), 1u);
  EXPECT_EQ(r->issues[0].path, "ignore-me");
  EXPECT_EQ(r->issues[0].kind, FileIssue::Kind::kExtra);
}

TEST(OldReferenceVersionTest, TamperedV02ModelFails) {
  std::string mt = testing::TestdataDir() + "/model-transparency";
  TempDir model;
  fs::copy_file(mt + "/v0.2.0-certificate/signme-1", model / "signme-1");
  WriteFile(model / "signme-2", "signme-X");
  VerifyOptions o;
  o.model_path = model.path();
  o.signature_path = mt + "/v0.2.0-certificate/model.sig";
  o.trusted_root_paths = {mt + "/keys/certificate/ca-cert.pem"};
  auto r = VerifyModel(o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, VerifyOutcome::kModelMismatch);
  ASSERT_EQ(r->issues.size(), 1u);
  EXPECT_EQ(r->issues[0].path, "signme-2");
}

INSTANTIATE_TEST_SUITE_P(Vectors, OmsVectorTest,
                         ::testing::Values(testing::TestdataDir(), testing::SharedVectorsDir()),
                         [](const auto& p) { return p.index == 0 ? "Local" : "Shared"; });

// --- sign -> verify round trips with generated keys ---------------------------------------

class RoundTripTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(GenerateEcKeyPair("P-256", keys_ / "p256.pem", keys_ / "p256.pub"));
    WriteFile(model_ / "config.json", "{\"a\": 1}");
    WriteFile(model_ / "weights/part-1.bin", testing::RandomBytesString(5000, 1));
    WriteFile(model_ / "weights/part-2.bin", testing::RandomBytesString(3000, 2));
    WriteFile(model_ / "empty.txt", "");
    WriteFile(model_ / ".git/HEAD", "ref: refs/heads/main");
  }

  SignOptions Sign() const {
    SignOptions s;
    s.model_path = model_.path();
    s.private_key_path = keys_ / "p256.pem";
    return s;
  }
  VerifyOptions Verify() const {
    VerifyOptions v;
    v.model_path = model_.path();
    v.public_key_path = keys_ / "p256.pub";
    return v;
  }
  static VerifyReport Run(const VerifyOptions& v) {
    auto r = VerifyModel(v);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : VerifyReport{};
  }

  TempDir keys_;
  TempDir model_;
};

TEST_F(RoundTripTest, SignThenVerifyP256) {
  auto s = SignModel(Sign());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->files, 4u);  // .git is ignored, model.sig excluded
  EXPECT_TRUE(fs::exists(model_ / "model.sig"));
  VerifyReport r = Run(Verify());
  EXPECT_EQ(r.outcome, VerifyOutcome::kVerified) << r.message;
  ASSERT_EQ(r.verified.size(), 4u);
  EXPECT_EQ(r.verified[0].path, "config.json");
  EXPECT_EQ(r.verified[3].path, "weights/part-2.bin");
}

TEST_F(RoundTripTest, SignThenVerifyP384AndBlake2b) {
  ASSERT_TRUE(GenerateEcKeyPair("P-384", keys_ / "p384.pem", keys_ / "p384.pub"));
  SignOptions s = Sign();
  s.private_key_path = keys_ / "p384.pem";
  s.hash = HashAlgorithm::kBlake2b;
  ASSERT_TRUE(SignModel(s).ok());
  VerifyOptions v = Verify();
  v.public_key_path = keys_ / "p384.pub";
  VerifyReport r = Run(v);
  EXPECT_EQ(r.outcome, VerifyOutcome::kVerified) << r.message;
  EXPECT_EQ(r.verified[0].algorithm, "blake2b");
}

TEST_F(RoundTripTest, EditedFileIsModified) {
  ASSERT_TRUE(SignModel(Sign()).ok());
  WriteFile(model_ / "weights/part-1.bin", testing::RandomBytesString(5000, 99));
  VerifyReport r = Run(Verify());
  EXPECT_EQ(r.outcome, VerifyOutcome::kModelMismatch);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].kind, FileIssue::Kind::kModified);
  EXPECT_EQ(r.issues[0].path, "weights/part-1.bin");
  EXPECT_EQ(r.verified.size(), 3u);
}

TEST_F(RoundTripTest, DeletedFileIsMissing) {
  ASSERT_TRUE(SignModel(Sign()).ok());
  fs::remove(model_ / "empty.txt");
  VerifyReport r = Run(Verify());
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].kind, FileIssue::Kind::kMissing);
  EXPECT_EQ(r.issues[0].path, "empty.txt");
}

TEST_F(RoundTripTest, AddedFileIsExtraUnlessIgnoringUnsigned) {
  ASSERT_TRUE(SignModel(Sign()).ok());
  WriteFile(model_ / "weights/evil.pkl", "cos\nsystem\n");
  VerifyReport r = Run(Verify());
  EXPECT_EQ(r.outcome, VerifyOutcome::kModelMismatch);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].kind, FileIssue::Kind::kExtra);
  EXPECT_EQ(r.issues[0].path, "weights/evil.pkl");
  VerifyOptions v = Verify();
  v.ignore_unsigned_files = true;
  EXPECT_EQ(Run(v).outcome, VerifyOutcome::kVerified);
}

TEST_F(RoundTripTest, RenamedFileIsMissingPlusExtra) {
  ASSERT_TRUE(SignModel(Sign()).ok());
  fs::rename(model_ / "config.json", model_ / "config2.json");
  VerifyReport r = Run(Verify());
  ASSERT_EQ(r.issues.size(), 2u);
  EXPECT_EQ(r.issues[0].path, "config.json");
  EXPECT_EQ(r.issues[0].kind, FileIssue::Kind::kMissing);
  EXPECT_EQ(r.issues[1].path, "config2.json");
  EXPECT_EQ(r.issues[1].kind, FileIssue::Kind::kExtra);
}

TEST_F(RoundTripTest, IgnorePathsAreRecordedAndHonoured) {
  SignOptions s = Sign();
  s.ignore_paths = {"weights/part-2.bin"};
  auto res = SignModel(s);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->files, 3u);
  WriteFile(model_ / "weights/part-2.bin", "changed, but ignored");
  EXPECT_EQ(Run(Verify()).outcome, VerifyOutcome::kVerified);
}

TEST_F(RoundTripTest, ShardedRoundTripAndTampering) {
  SignOptions s = Sign();
  s.method = SerializationMethod::kShards;
  s.shard_size = 1024;
  auto res = SignModel(s);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_EQ(res->resources, 1u + 5u + 3u);  // empty.txt has no shard
  VerifyReport r = Run(Verify());
  EXPECT_EQ(r.outcome, VerifyOutcome::kVerified) << r.message;
  EXPECT_EQ(r.verified.size(), 3u);  // zero-length files are not part of a sharded manifest
  // One byte in the third shard.
  std::string data = ReadFile(model_ / "weights/part-1.bin");
  data[2100] = static_cast<char>(data[2100] ^ 1);
  WriteFile(model_ / "weights/part-1.bin", data);
  r = Run(Verify());
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_NE(r.issues[0].detail.find("weights/part-1.bin:2048:3072"), std::string::npos)
      << r.issues[0].detail;
  // A longer file: the signed shard set no longer matches.
  WriteFile(model_ / "weights/part-2.bin", testing::RandomBytesString(3001, 2));
  r = Run(Verify());
  EXPECT_EQ(r.issues.size(), 2u);
}

TEST_F(RoundTripTest, SingleFileModel) {
  SignOptions s = Sign();
  s.model_path = model_ / "config.json";
  auto res = SignModel(s);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_EQ(res->signature_path, model_ / "config.json.sig");
  VerifyOptions v = Verify();
  v.model_path = s.model_path;
  EXPECT_EQ(Run(v).outcome, VerifyOutcome::kVerified);
  WriteFile(s.model_path, "{\"a\": 2}");
  EXPECT_EQ(Run(v).outcome, VerifyOutcome::kModelMismatch);
}

TEST_F(RoundTripTest, CertificateMethodWithReferenceChain) {
  std::string k = testing::TestdataDir() + "/model-transparency/keys/certificate";
  SignOptions s = Sign();
  s.private_key_path = k + "/signing-key.pem";
  s.certificate_path = k + "/signing-key-cert.pem";
  s.certificate_chain_paths = {k + "/int-ca-cert.pem"};
  auto res = SignModel(s);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  VerifyOptions v;
  v.model_path = model_.path();
  v.trusted_root_paths = {k + "/ca-cert.pem"};
  VerifyReport r = Run(v);
  EXPECT_EQ(r.outcome, VerifyOutcome::kVerified) << r.message;
  EXPECT_NE(r.signer.find("intermediate-ca"), std::string::npos);
}

TEST_F(RoundTripTest, CertificateMustMatchPrivateKey) {
  std::string k = testing::TestdataDir() + "/model-transparency/keys/certificate";
  SignOptions s = Sign();  // the generated P-256 key
  s.certificate_path = k + "/signing-key-cert.pem";
  EXPECT_EQ(SignModel(s).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(RoundTripTest, SymlinksAreRefusedWhenSigningAndReportedWhenVerifying) {
  fs::create_symlink("/etc/passwd", model_ / "link");
  EXPECT_EQ(SignModel(Sign()).status().code(), StatusCode::kInvalidArgument);
  fs::remove(model_ / "link");
  ASSERT_TRUE(SignModel(Sign()).ok());
  fs::create_symlink("config.json", model_ / "link");
  VerifyReport r = Run(Verify());
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].kind, FileIssue::Kind::kSymlink);
}

TEST_F(RoundTripTest, UsageErrorsAreStatuses) {
  VerifyOptions v = Verify();
  EXPECT_EQ(VerifyModel(v).status().code(), StatusCode::kNotFound);  // no model.sig yet
  ASSERT_TRUE(SignModel(Sign()).ok());
  v.public_key_path.clear();
  EXPECT_EQ(VerifyModel(v).status().code(), StatusCode::kInvalidArgument);  // no trust anchor
  v.model_path = model_ / "nope";
  EXPECT_EQ(VerifyModel(v).status().code(), StatusCode::kNotFound);
}

// Bundles written the way the reference tool writes sharded manifests: resource algorithm
// "sha256-sharded-<n>", shard_size as a float, and hash_type spelled "blake2".
TEST_F(RoundTripTest, ReferenceQuirksAreAccepted) {
  auto key = LoadPrivateKeyPem(keys_ / "p256.pem");
  ASSERT_TRUE(key.ok());
  auto hint = PublicKeyHint(key->get());
  ASSERT_TRUE(hint.ok());
  for (const bool blake : {false, true}) {
    ManifestOptions mo;
    mo.method = SerializationMethod::kShards;
    mo.shard_size = 1000;
    mo.hash = blake ? HashAlgorithm::kBlake2b : HashAlgorithm::kSha256;
    mo.ignore_paths = {".git", "quirk.sig"};
    auto tree = EnumerateModel(model_.path(), mo);
    ASSERT_TRUE(tree.ok());
    auto m = HashModel(*tree, mo);
    ASSERT_TRUE(m.ok());
    auto st = nlohmann::json::parse(BuildStatement(*m, "model", mo.ignore_paths, false));
    for (auto& r : st["predicate"]["resources"]) {
      r["algorithm"] = blake ? "blake2b" : "sha256-sharded-1000";
    }
    st["predicate"]["serialization"]["shard_size"] = 1000.0;
    if (blake) st["predicate"]["serialization"]["hash_type"] = "blake2";
    std::string payload = st.dump();
    auto sig = SignMessage(key->get(), DssePae(kInTotoPayloadType, AsBytes(payload)));
    ASSERT_TRUE(sig.ok());
    BundleMaterial mat;
    mat.key_hint = *hint;
    WriteFile(model_ / "quirk.sig", BuildBundle(mat, payload, *sig));
    VerifyOptions v = Verify();
    v.signature_path = model_ / "quirk.sig";
    VerifyReport r = Run(v);
    EXPECT_EQ(r.outcome, VerifyOutcome::kVerified) << r.message;
  }
}

TEST_F(RoundTripTest, SignedButInconsistentStatementIsMalformed) {
  auto key = LoadPrivateKeyPem(keys_ / "p256.pem");
  ASSERT_TRUE(key.ok());
  ManifestOptions mo;
  mo.ignore_paths = {".git", "model.sig"};
  auto tree = EnumerateModel(model_.path(), mo);
  ASSERT_TRUE(tree.ok());
  auto m = HashModel(*tree, mo);
  ASSERT_TRUE(m.ok());
  auto st = nlohmann::json::parse(BuildStatement(*m, "model", mo.ignore_paths, false));
  st["subject"][0]["digest"]["sha256"] = std::string(64, '0');
  std::string payload = st.dump();
  auto sig = SignMessage(key->get(), DssePae(kInTotoPayloadType, AsBytes(payload)));
  ASSERT_TRUE(sig.ok());
  WriteFile(model_ / "model.sig", BuildBundle(BundleMaterial{}, payload, *sig));
  VerifyReport r = Run(Verify());
  EXPECT_EQ(r.outcome, VerifyOutcome::kMalformedBundle) << r.message;
  EXPECT_NE(r.message.find("subject digest"), std::string::npos);
}

// The pre-1.0 reference signed "DSSEV1 ... b'<repr>'" with SHA-256 whatever the curve.
TEST_F(RoundTripTest, PreV1PaeCompatSignatureIsAccepted) {
  ASSERT_TRUE(GenerateEcKeyPair("P-384", keys_ / "p384.pem", keys_ / "p384.pub"));
  ManifestOptions mo;
  mo.ignore_paths = {".git", "old.sig"};
  auto tree = EnumerateModel(model_.path(), mo);
  ASSERT_TRUE(tree.ok());
  auto m = HashModel(*tree, mo);
  ASSERT_TRUE(m.ok());
  std::string payload = BuildStatement(*m, "model", mo.ignore_paths, false);
  auto key = LoadPrivateKeyPem(keys_ / "p384.pem");
  ASSERT_TRUE(key.ok());
  // SignMessage picks SHA-384 for P-384; sign the compat PAE with SHA-256 by hand.
  std::vector<uint8_t> pae = DssePaeCompat(kInTotoPayloadType, AsBytes(payload));
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ASSERT_EQ(EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key->get()), 1);
  size_t len = 0;
  ASSERT_EQ(EVP_DigestSign(ctx, nullptr, &len, pae.data(), pae.size()), 1);
  std::vector<uint8_t> sig(len);
  ASSERT_EQ(EVP_DigestSign(ctx, sig.data(), &len, pae.data(), pae.size()), 1);
  sig.resize(len);
  EVP_MD_CTX_free(ctx);
  BundleMaterial mat;  // pre-1.1 bundles carry no hint
  WriteFile(model_ / "old.sig", BuildBundle(mat, payload, sig));
  VerifyOptions v = Verify();
  v.public_key_path = keys_ / "p384.pub";
  v.signature_path = model_ / "old.sig";
  EXPECT_EQ(Run(v).outcome, VerifyOutcome::kVerified);
}

TEST_F(RoundTripTest, LegacyDigestsV01PredicateVerifies) {
  auto key = LoadPrivateKeyPem(keys_ / "p256.pem");
  ASSERT_TRUE(key.ok());
  nlohmann::json st = {{"_type", kStatementType},
                       {"predicateType", kPredicateTypeV01},
                       {"predicate", {{"unused", "Unused"}}}};
  nlohmann::json subjects = nlohmann::json::array();
  for (const char* f : {"config.json", "empty.txt", "weights/part-1.bin", "weights/part-2.bin"}) {
    subjects.push_back(
        {{"name", f}, {"digest", {{"sha256", HexEncode(Sha256(AsBytes(ReadFile(model_ / f))))}}}});
  }
  st["subject"] = subjects;
  std::string payload = st.dump();
  auto sig = SignMessage(key->get(), DssePae(kInTotoPayloadType, AsBytes(payload)));
  ASSERT_TRUE(sig.ok());
  WriteFile(model_ / "model.sig", BuildBundle(BundleMaterial{}, payload, *sig));
  EXPECT_EQ(Run(Verify()).outcome, VerifyOutcome::kVerified);
}

}  // namespace
}  // namespace aigis::sign
