#include "audit/checkpoint.h"

#include <gtest/gtest.h>

#include "audit/audit_test_util.h"

namespace aigis::audit {
namespace {

TEST(CheckpointTest, SignAndVerify) {
  auto signer = CheckpointSigner::FromPem(testutil::NewEd25519Pem());
  ASSERT_TRUE(signer.ok()) << signer.error().ToString();
  EXPECT_EQ(signer->key_id().size(), 16u);
  auto cp = signer->Sign(42, std::string(64, 'a'), 1234);
  ASSERT_TRUE(cp.ok());
  EXPECT_EQ(cp->signature.size(), 128u);

  CheckpointVerifier v;
  auto pub = signer->PublicKeyPem();
  ASSERT_TRUE(pub.ok());
  ASSERT_TRUE(v.AddPem(*pub).ok());
  EXPECT_TRUE(v.Verify(*cp).ok());

  // Every signed field matters.
  Checkpoint t = *cp;
  t.seq = 43;
  EXPECT_EQ(v.Verify(t).code(), StatusCode::kMalformed);
  t = *cp;
  t.head_hash[0] = 'b';
  EXPECT_EQ(v.Verify(t).code(), StatusCode::kMalformed);
  t = *cp;
  t.time_ms = 1235;
  EXPECT_EQ(v.Verify(t).code(), StatusCode::kMalformed);
  t = *cp;
  t.signature[5] = t.signature[5] == '0' ? '1' : '0';
  EXPECT_EQ(v.Verify(t).code(), StatusCode::kMalformed);
  t = *cp;
  t.signature = "zz";
  EXPECT_EQ(v.Verify(t).code(), StatusCode::kMalformed);
}

TEST(CheckpointTest, UnknownKeyIsNotFound) {
  auto a = CheckpointSigner::FromPem(testutil::NewEd25519Pem());
  auto b = CheckpointSigner::FromPem(testutil::NewEd25519Pem());
  ASSERT_TRUE(a.ok() && b.ok());
  CheckpointVerifier v;
  ASSERT_TRUE(v.AddPem(*b->PublicKeyPem()).ok());
  auto cp = a->Sign(1, std::string(64, '0'), 0);
  ASSERT_TRUE(cp.ok());
  EXPECT_EQ(v.Verify(*cp).code(), StatusCode::kNotFound);
  // A signature from key a relabelled with b's id still fails.
  cp->key_id = b->key_id();
  EXPECT_EQ(v.Verify(*cp).code(), StatusCode::kMalformed);
}

TEST(CheckpointTest, PrivateKeyPemAcceptedAsVerifierKey) {
  std::string pem = testutil::NewEd25519Pem();
  auto s = CheckpointSigner::FromPem(pem);
  ASSERT_TRUE(s.ok());
  CheckpointVerifier v;
  ASSERT_TRUE(v.AddPem(pem).ok());
  EXPECT_TRUE(v.Verify(*s->Sign(1, "h", 2)).ok());
}

TEST(CheckpointTest, RejectsNonEd25519AndGarbageWithoutLeakingKeyMaterial) {
  std::string ec = testutil::NewEcP256Pem();
  auto s = CheckpointSigner::FromPem(ec);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), StatusCode::kUnsupported);
  EXPECT_EQ(s.error().message().find("PRIVATE"), std::string::npos);
  auto g =
      CheckpointSigner::FromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().message().find("AAAA"), std::string::npos);
  CheckpointVerifier v;
  EXPECT_FALSE(v.AddPem("garbage").ok());
  EXPECT_EQ(CheckpointSigner::FromPemFile("/nonexistent/key.pem").status().code(),
            StatusCode::kIOError);
}

}  // namespace
}  // namespace aigis::audit
