#include "sign/keys.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "sign_test_util.h"

namespace aigis::sign {
namespace {

using testing::TempDir;
using testing::WriteFile;

std::string CertDir() { return testing::TestdataDir() + "/model-transparency/keys/certificate"; }

TEST(KeysTest, ReferenceKeyHintMatchesBundle) {
  auto k = LoadPublicKeyPem(CertDir() + "/signing-key-pub.pem");
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  EXPECT_EQ(DescribeKey(k->get()), "ECDSA P-384");
  auto hint = PublicKeyHint(k->get());
  ASSERT_TRUE(hint.ok());
  EXPECT_EQ(*hint, "e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e");
  // The certificate carries the same key.
  auto from_cert = LoadPublicKeyPem(CertDir() + "/signing-key-cert.pem");
  ASSERT_TRUE(from_cert.ok());
  EXPECT_TRUE(SameKey(k->get(), from_cert->get()));
}

TEST(KeysTest, SignVerifyEachCurve) {
  TempDir d;
  for (const char* curve : {"P-256", "P-384", "P-521"}) {
    ASSERT_TRUE(testing::GenerateEcKeyPair(curve, d / "k.pem", d / "k.pub"));
    auto priv = LoadPrivateKeyPem(d / "k.pem");
    auto pub = LoadPublicKeyPem(d / "k.pub");
    ASSERT_TRUE(priv.ok() && pub.ok()) << curve;
    auto sig = SignMessage(priv->get(), AsBytes("message"));
    ASSERT_TRUE(sig.ok());
    auto md = HashForKey(pub->get());
    ASSERT_TRUE(md.ok());
    EXPECT_TRUE(*VerifyMessage(pub->get(), *md, AsBytes("message"), *sig)) << curve;
    EXPECT_FALSE(*VerifyMessage(pub->get(), *md, AsBytes("messagE"), *sig)) << curve;
    std::vector<uint8_t> garbage = {0x30, 0x02, 0x01};
    EXPECT_FALSE(*VerifyMessage(pub->get(), *md, AsBytes("message"), garbage));
  }
}

TEST(KeysTest, RejectsNonOmsKeysAndGarbage) {
  TempDir d;
  EVP_PKEY* ed = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  ASSERT_NE(ed, nullptr);
  FILE* f = std::fopen((d / "ed.pem").c_str(), "wb");
  PEM_write_PrivateKey(f, ed, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
  EVP_PKEY_free(ed);
  EXPECT_EQ(LoadPrivateKeyPem(d / "ed.pem").status().code(), StatusCode::kUnsupported);
  WriteFile(d / "junk.pem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
  EXPECT_EQ(LoadPublicKeyPem(d / "junk.pem").status().code(), StatusCode::kMalformed);
  EXPECT_EQ(LoadPrivateKeyPem(d / "junk.pem").status().code(), StatusCode::kMalformed);
  EXPECT_EQ(LoadPrivateKeyPem(d / "none.pem").status().code(), StatusCode::kIOError);
  EXPECT_EQ(LoadCertificatesPem(d / "junk.pem").status().code(), StatusCode::kMalformed);
}

TEST(KeysTest, CertificateChain) {
  auto roots = LoadCertificatesPem(CertDir() + "/ca-cert.pem");
  auto inter = LoadCertificatesPem(CertDir() + "/int-ca-cert.pem");
  auto leaf = LoadCertificatesPem(CertDir() + "/signing-key-cert.pem");
  ASSERT_TRUE(roots.ok() && inter.ok() && leaf.ok());
  EXPECT_TRUE(VerifyCertificateChain((*leaf)[0].get(), *inter, *roots).ok());
  std::vector<X509Ptr> none;
  Status s = VerifyCertificateChain((*leaf)[0].get(), none, *roots);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("certificate chain"), std::string::npos);
  EXPECT_FALSE(VerifyCertificateChain((*leaf)[0].get(), none, *inter).ok());
  auto der = CertificateDer((*leaf)[0].get());
  ASSERT_TRUE(der.ok());
  auto back = ParseCertificateDer(*der);
  ASSERT_TRUE(back.ok());
  EXPECT_NE(CertificateSubject(back->get()).find("intermediate-ca"), std::string::npos);
  der->push_back(0);
  EXPECT_EQ(ParseCertificateDer(*der).status().code(), StatusCode::kMalformed);
  std::vector<uint8_t> junk = {0x30, 0x03, 0x01, 0x01, 0x00};
  EXPECT_EQ(ParseCertificateDer(junk).status().code(), StatusCode::kMalformed);
}

}  // namespace
}  // namespace aigis::sign
