#include "sign/encoding.h"

#include <gtest/gtest.h>

namespace aigis::sign {
namespace {

TEST(EncodingTest, HexRoundTrip) {
  std::vector<uint8_t> b = {0x00, 0x01, 0xab, 0xff};
  EXPECT_EQ(HexEncode(b), "0001abff");
  auto d = HexDecode("0001ABff");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, b);
}

TEST(EncodingTest, HexRejectsOddLengthAndBadDigits) {
  EXPECT_EQ(HexDecode("abc").status().code(), StatusCode::kMalformed);
  EXPECT_EQ(HexDecode("zz").status().code(), StatusCode::kMalformed);
}

TEST(EncodingTest, Base64KnownVectors) {
  // RFC 4648 section 10.
  const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char* enc[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(Base64Encode(AsBytes(plain[i])), enc[i]);
    auto d = Base64Decode(enc[i]);
    ASSERT_TRUE(d.ok()) << enc[i];
    EXPECT_EQ(std::string(d->begin(), d->end()), plain[i]);
  }
}

TEST(EncodingTest, Base64ToleratesWhitespaceMissingPaddingAndUrlAlphabet) {
  auto d = Base64Decode("Zm9v\nYmE");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(std::string(d->begin(), d->end()), "fooba");
  auto u = Base64Decode("-_8=");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(*u, (std::vector<uint8_t>{0xfb, 0xff}));
}

TEST(EncodingTest, Base64RejectsMalformed) {
  EXPECT_EQ(Base64Decode("Zm9v!").status().code(), StatusCode::kMalformed);
  EXPECT_EQ(Base64Decode("Z").status().code(), StatusCode::kMalformed);
  EXPECT_EQ(Base64Decode("Zg===").status().code(), StatusCode::kMalformed);
  EXPECT_EQ(Base64Decode("Zg=a").status().code(), StatusCode::kMalformed);
  EXPECT_EQ(Base64Decode("Zm9=").status().code(), StatusCode::kOk);
  EXPECT_EQ(Base64Decode("Zg=").status().code(), StatusCode::kMalformed);
}

}  // namespace
}  // namespace aigis::sign
