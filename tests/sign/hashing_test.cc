#include "sign/hashing.h"

#include <gtest/gtest.h>

#include "sign/encoding.h"
#include "sign_test_util.h"

namespace aigis::sign {
namespace {

using testing::TempDir;
using testing::WriteFile;

std::string Hex(const Result<std::vector<uint8_t>>& r) { return r.ok() ? HexEncode(*r) : "error"; }

TEST(HashingTest, KnownDigests) {
  EXPECT_EQ(HexEncode(Sha256(AsBytes("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Hasher b(HashAlgorithm::kBlake2b);
  ASSERT_TRUE(b.Update(AsBytes("abc")).ok());
  EXPECT_EQ(Hex(b.Final()),
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
            "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
}

TEST(HashingTest, AlgorithmNamesIncludingReferenceSpelling) {
  EXPECT_EQ(*ParseHashAlgorithm("sha256"), HashAlgorithm::kSha256);
  EXPECT_EQ(*ParseHashAlgorithm("blake2b"), HashAlgorithm::kBlake2b);
  EXPECT_EQ(*ParseHashAlgorithm("blake2"), HashAlgorithm::kBlake2b);
  EXPECT_EQ(ParseHashAlgorithm("blake3").status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(HashAlgorithmName(HashAlgorithm::kBlake2b), "blake2b");
  EXPECT_EQ(DigestSize(HashAlgorithm::kBlake2b), 64u);
}

TEST(HashingTest, FileWholeAndRangesWithSmallBuffer) {
  TempDir d;
  std::string data = testing::RandomBytesString(10000, 3);
  WriteFile(d / "f", data);
  std::vector<uint8_t> buf(7);  // forces many reads
  EXPECT_EQ(Hex(HashFile(d / "f", HashAlgorithm::kSha256, 0, std::nullopt, buf)),
            HexEncode(Sha256(AsBytes(data))));
  EXPECT_EQ(Hex(HashFile(d / "f", HashAlgorithm::kSha256, 1000, 2500, buf)),
            HexEncode(Sha256(AsBytes(data.substr(1000, 2500)))));
  EXPECT_EQ(Hex(HashFile(d / "f", HashAlgorithm::kSha256, 10000, 0, buf)),
            HexEncode(Sha256(AsBytes(""))));
}

TEST(HashingTest, FileErrors) {
  TempDir d;
  WriteFile(d / "f", "short");
  std::vector<uint8_t> buf(64);
  EXPECT_EQ(HashFile(d / "f", HashAlgorithm::kSha256, 0, 100, buf).status().code(),
            StatusCode::kIOError);  // range past the end: the file shrank
  EXPECT_EQ(HashFile(d / "nope", HashAlgorithm::kSha256, 0, std::nullopt, buf).status().code(),
            StatusCode::kIOError);
  std::vector<uint8_t> none;
  EXPECT_EQ(HashFile(d / "f", HashAlgorithm::kSha256, 0, std::nullopt, none).status().code(),
            StatusCode::kInvalidArgument);
  std::filesystem::create_symlink(d / "f", d / "link");
  EXPECT_EQ(HashFile(d / "link", HashAlgorithm::kSha256, 0, std::nullopt, buf).status().code(),
            StatusCode::kIOError);  // O_NOFOLLOW
}

}  // namespace
}  // namespace aigis::sign
