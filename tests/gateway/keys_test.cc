#include "gateway/keys.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace aigis::gateway {
namespace {

class KeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/aigis-keys-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(KeysTest, CreateListRevokeAndFind) {
  auto store = KeyStore::Open(dir_ + "/k.sqlite");
  ASSERT_TRUE(store.ok());
  KeyRecord rec;
  rec.name = "team-a";
  rec.models = {"m1", "m2"};
  rec.policy = "strict";
  rec.limits.requests_per_minute = 60;
  auto secret = (*store)->Create(&rec);
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(secret->rfind("sk-aigis-", 0), 0u);
  EXPECT_EQ(secret->size(), 9u + 43u);  // 256 bits in base64url
  KeyRecord other;
  other.models = {"*"};
  auto secret2 = (*store)->Create(&other);
  ASSERT_TRUE(secret2.ok());
  EXPECT_NE(*secret, *secret2);

  // The file never holds the secret.
  std::ifstream f(dir_ + "/k.sqlite", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.find(*secret), std::string::npos);
  EXPECT_EQ(bytes.find(secret->substr(9)), std::string::npos);
  struct stat st;
  ASSERT_EQ(stat((dir_ + "/k.sqlite").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u);

  auto list = (*store)->List();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  if ((*list)[0].id != rec.id) std::swap((*list)[0], (*list)[1]);
  EXPECT_EQ((*list)[0].models, (std::vector<std::string>{"m1", "m2"}));
  EXPECT_EQ((*list)[0].policy, "strict");
  EXPECT_EQ((*list)[0].limits.requests_per_minute, 60u);

  KeyIndex idx(*list);
  const KeyRecord* found = idx.Find(*secret);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->id, rec.id);
  EXPECT_TRUE(found->AllowsModel("m2"));
  EXPECT_FALSE(found->AllowsModel("m3"));
  EXPECT_EQ(idx.Find(*secret + "x"), nullptr);
  EXPECT_EQ(idx.Find(""), nullptr);
  EXPECT_EQ(idx.Find(secret->substr(0, secret->size() - 1)), nullptr);

  ASSERT_TRUE((*store)->Revoke(rec.id).ok());
  EXPECT_EQ((*store)->Revoke("key_nope").code(), StatusCode::kNotFound);
  auto after = (*store)->List();
  ASSERT_TRUE(after.ok());
  KeyIndex idx2(*after);
  EXPECT_EQ(idx2.Find(*secret), nullptr);
  EXPECT_NE(idx2.Find(*secret2), nullptr);
  EXPECT_TRUE(idx2.Find(*secret2)->AllowsModel("anything"));
}

TEST_F(KeysTest, OpenFailsCleanly) {
  auto s = KeyStore::Open(dir_ + "/missing-dir/k.sqlite");
  EXPECT_FALSE(s.ok());
}

}  // namespace
}  // namespace aigis::gateway

// HashKey reuses a per-thread digest context: the same SHA-256 (FIPS 180-2 test vectors) on
// every call and on every thread, for the empty secret as for a long one.
TEST(HashKeyTest, Sha256OnEveryCallAndThread) {
  auto hex = [](const aigis::gateway::KeyHash& h) {
    static const char kHex[] = "0123456789abcdef";
    std::string s;
    for (uint8_t b : h) {
      s += kHex[b >> 4];
      s += kHex[b & 15];
    }
    return s;
  };
  const std::string abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  const std::string empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  const std::string long_in = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
  const std::string long_msg = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(hex(aigis::gateway::HashKey("abc")), abc);
    EXPECT_EQ(hex(aigis::gateway::HashKey("")), empty);
    EXPECT_EQ(hex(aigis::gateway::HashKey(long_msg)), long_in);
  }
  std::string other;
  std::thread t([&] { other = hex(aigis::gateway::HashKey("abc")); });
  t.join();
  EXPECT_EQ(other, abc);
}
