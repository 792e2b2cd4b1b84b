#include "sign/secret_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>

#include "sign/encoding.h"
#include "sign_test_util.h"

namespace aigis::sign {
namespace {

using testing::TempDir;
using testing::WriteFile;

const std::string kHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

TEST(SecretKeyTest, ParsesHexBase64AndRaw) {
  auto h = ParseSecretKey(AsBytes(kHex + "\n"));
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(HexEncode(h->view()), kHex);
  auto raw = HexDecode(kHex);
  auto b = ParseSecretKey(AsBytes(" " + Base64Encode(*raw) + "\r\n"));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(HexEncode(b->view()), kHex);
  auto r = ParseSecretKey(*raw);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(HexEncode(r->view()), kHex);
}

TEST(SecretKeyTest, RejectsWrongSizes) {
  EXPECT_EQ(ParseSecretKey(AsBytes("abcd")).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseSecretKey(AsBytes(kHex + "00")).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseSecretKey(AsBytes(std::string(64, 'z'))).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseSecretKey(AsBytes("")).status().code(), StatusCode::kInvalidArgument);
}

TEST(SecretKeyTest, IdDependsOnTheKey) {
  auto a = ParseSecretKey(AsBytes(kHex));
  auto b = ParseSecretKey(AsBytes(std::string(64, '0')));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->Id(), b->Id());
  EXPECT_EQ(a->Id(), ParseSecretKey(AsBytes(kHex))->Id());
}

TEST(SecretKeyTest, LoadsFromFileAndEnvironment) {
  TempDir d;
  WriteFile(d / "k", kHex);
  auto f = LoadSecretKeyFile(d / "k");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(HexEncode(f->view()), kHex);
  EXPECT_EQ(LoadSecretKeyFile(d / "missing").status().code(), StatusCode::kIOError);
  WriteFile(d / "big", std::string(1000, 'a'));
  EXPECT_EQ(LoadSecretKeyFile(d / "big").status().code(), StatusCode::kInvalidArgument);
  ::setenv("AIGIS_SEAL_TEST_KEY", kHex.c_str(), 1);
  auto e = LoadSecretKeyEnv("AIGIS_SEAL_TEST_KEY");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(HexEncode(e->view()), kHex);
  ::unsetenv("AIGIS_SEAL_TEST_KEY");
  EXPECT_EQ(LoadSecretKeyEnv("AIGIS_SEAL_TEST_KEY").status().code(), StatusCode::kInvalidArgument);
}

TEST(SecretKeyTest, GeneratesOwnerOnlyKeyFileAndNeverOverwrites) {
  TempDir d;
  auto k = GenerateSecretKeyFile(d / "new.key");
  ASSERT_TRUE(k.ok());
  struct stat st;
  ASSERT_EQ(::stat((d / "new.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto back = LoadSecretKeyFile(d / "new.key");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(HexEncode(back->view()), HexEncode(k->view()));
  EXPECT_EQ(GenerateSecretKeyFile(d / "new.key").status().code(), StatusCode::kIOError);
}

}  // namespace
}  // namespace aigis::sign
