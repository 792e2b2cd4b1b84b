#include "core/bytes.h"

#include <gtest/gtest.h>

#include "core/checked_math.h"

namespace aigis {
namespace {

TEST(ByteReaderTest, ReadsLittleAndBigEndian) {
  const uint8_t d[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  ByteReader r(ByteView(d, sizeof d));
  EXPECT_EQ(*r.ReadU8(), 1);
  EXPECT_EQ(*r.ReadU16Le(), 0x0302);
  EXPECT_EQ(*r.ReadU32Be(), 0x04050607u);
  EXPECT_EQ(r.remaining(), 2u);
  EXPECT_FALSE(r.ReadU32Le().ok());  // truncated, and the cursor does not move
  EXPECT_EQ(r.offset(), 7u);
  EXPECT_EQ(*r.ReadU16Le(), 0x0908);
  EXPECT_TRUE(r.empty());
}

TEST(ByteReaderTest, ReadBytesIsBoundsChecked) {
  const uint8_t d[] = {1, 2, 3};
  ByteReader r(ByteView(d, sizeof d), 100);
  auto bad = r.ReadBytes(UINT64_MAX);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kMalformed);
  EXPECT_EQ(bad.status().offset(), 100u);
  auto ok = r.ReadBytes(3);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->size(), 3u);
  EXPECT_FALSE(r.Skip(1).ok());
  EXPECT_FALSE(r.Seek(4).ok());
  EXPECT_TRUE(r.Seek(0).ok());
}

TEST(ByteReaderTest, ReadLineHonoursLimit) {
  ByteReader r(
      AsBytes("os\nsystem\n"
              "abcdefgh"));
  EXPECT_EQ(*r.ReadLine(10), "os");
  EXPECT_EQ(*r.ReadLine(10), "system");
  auto trunc = r.ReadLine(100);
  EXPECT_EQ(trunc.status().code(), StatusCode::kMalformed);
  auto limit = r.ReadLine(3);
  EXPECT_EQ(limit.status().code(), StatusCode::kLimitExceeded);
}

TEST(CheckedMathTest, DetectsOverflow) {
  EXPECT_FALSE(CheckedAdd(UINT64_MAX, 1).has_value());
  EXPECT_FALSE(CheckedMul(1ull << 40, 1ull << 40).has_value());
  EXPECT_EQ(*CheckedMul(3, 4), 12u);
  EXPECT_TRUE(RangeFits(2, 3, 5));
  EXPECT_FALSE(RangeFits(2, 4, 5));
  EXPECT_FALSE(RangeFits(6, 0, 5));
  EXPECT_FALSE(RangeFits(1, UINT64_MAX, 5));
}

}  // namespace
}  // namespace aigis
