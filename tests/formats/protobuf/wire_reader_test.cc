#include "formats/protobuf/wire_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "formats/protobuf/wire_builder.h"

namespace aigis::formats::protobuf {
namespace {

using aigis::testing::Wire;

TEST(WireReaderTest, ReadsAllWireTypes) {
  Wire w;
  w.Int(1, 300).Bytes(2, "abc").Fixed32(3, 0x01020304);
  w.Raw(Wire::Tag(4, 1) + std::string("\x01\x00\x00\x00\x00\x00\x00\x80", 8));
  WireReader r(w.view(), 100);
  WireField f;
  ASSERT_TRUE(*r.Next(&f));
  EXPECT_EQ(f.number, 1u);
  EXPECT_EQ(f.type, WireType::kVarint);
  EXPECT_EQ(f.value, 300u);
  EXPECT_EQ(f.offset, 100u);
  ASSERT_TRUE(*r.Next(&f));
  EXPECT_EQ(f.type, WireType::kLen);
  EXPECT_EQ(f.str(), "abc");
  EXPECT_EQ(f.data_offset, 100u + 3 + 2);
  ASSERT_TRUE(*r.Next(&f));
  EXPECT_EQ(f.type, WireType::kFixed32);
  EXPECT_EQ(f.value, 0x01020304u);
  ASSERT_TRUE(*r.Next(&f));
  EXPECT_EQ(f.type, WireType::kFixed64);
  EXPECT_EQ(f.value, 0x8000000000000001ull);
  auto end = r.Next(&f);
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
}

TEST(WireReaderTest, NegativeInt64IsTenByteVarint) {
  Wire w;
  w.Int(1, static_cast<uint64_t>(int64_t{-1}));
  WireReader r(w.view());
  WireField f;
  ASSERT_TRUE(*r.Next(&f));
  EXPECT_EQ(f.as_int64(), -1);
}

TEST(WireReaderTest, TruncatedVarintIsMalformed) {
  std::string bad = Wire::Tag(1, 0) + "\xff\xff";
  WireReader r(AsBytes(bad));
  WireField f;
  auto res = r.Next(&f);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), StatusCode::kMalformed);
}

TEST(WireReaderTest, OverlongVarintIsMalformed) {
  std::string bad = Wire::Tag(1, 0) + std::string(10, '\xff') + "\x01";
  WireReader r(AsBytes(bad));
  WireField f;
  EXPECT_EQ(r.Next(&f).status().code(), StatusCode::kMalformed);
}

TEST(WireReaderTest, FieldNumberZeroIsMalformed) {
  std::string bad("\x00\x01", 2);
  WireReader r(AsBytes(bad));
  WireField f;
  EXPECT_EQ(r.Next(&f).status().code(), StatusCode::kMalformed);
}

TEST(WireReaderTest, InvalidWireTypeIsMalformed) {
  for (uint32_t wt : {6u, 7u}) {
    std::string bad = Wire::Tag(1, wt) + "\x00";
    WireReader r(AsBytes(bad));
    WireField f;
    EXPECT_EQ(r.Next(&f).status().code(), StatusCode::kMalformed) << wt;
  }
}

TEST(WireReaderTest, LengthPastEndIsMalformed) {
  std::string bad = Wire::Tag(2, 2) + Wire::Varint(50) + "short";
  WireReader r(AsBytes(bad));
  WireField f;
  auto res = r.Next(&f);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), StatusCode::kMalformed);
  EXPECT_NE(res.status().message().find("length 50"), std::string::npos);
}

TEST(WireReaderTest, TruncatedFixedIsMalformed) {
  std::string bad = Wire::Tag(3, 5) + "\x01\x02";
  WireReader r(AsBytes(bad));
  WireField f;
  EXPECT_EQ(r.Next(&f).status().code(), StatusCode::kMalformed);
}

TEST(WireReaderTest, GroupsAreSkipped) {
  // field 5 group { field 1 varint, nested group 6 { field 2 len } } then field 7 varint.
  std::string data = Wire::Tag(5, 3) + Wire::Tag(1, 0) + Wire::Varint(9) + Wire::Tag(6, 3) +
                     Wire::Tag(2, 2) + Wire::Varint(1) + "x" + Wire::Tag(6, 4) + Wire::Tag(3, 5) +
                     "abcd" + Wire::Tag(4, 1) + "12345678" + Wire::Tag(5, 4) + Wire::Tag(7, 0) +
                     Wire::Varint(42);
  WireReader r(AsBytes(data));
  WireField f;
  ASSERT_TRUE(*r.Next(&f));
  EXPECT_EQ(f.number, 7u);
  EXPECT_EQ(f.value, 42u);
}

TEST(WireReaderTest, GroupErrors) {
  WireField f;
  std::string unterminated = Wire::Tag(5, 3) + Wire::Tag(1, 0) + Wire::Varint(1);
  EXPECT_EQ(WireReader(AsBytes(unterminated)).Next(&f).status().code(), StatusCode::kMalformed);
  std::string mismatched = Wire::Tag(5, 3) + Wire::Tag(6, 4);
  EXPECT_EQ(WireReader(AsBytes(mismatched)).Next(&f).status().code(), StatusCode::kMalformed);
  std::string stray_end = Wire::Tag(5, 4);
  EXPECT_EQ(WireReader(AsBytes(stray_end)).Next(&f).status().code(), StatusCode::kMalformed);
  std::string bad_inner = Wire::Tag(5, 3) + Wire::Tag(1, 7);
  EXPECT_EQ(WireReader(AsBytes(bad_inner)).Next(&f).status().code(), StatusCode::kMalformed);
  std::string zero_inner = Wire::Tag(5, 3) + std::string("\x00", 1);
  EXPECT_EQ(WireReader(AsBytes(zero_inner)).Next(&f).status().code(), StatusCode::kMalformed);
}

TEST(WireReaderTest, DeeplyNestedGroupsHitLimit) {
  std::string data;
  for (int i = 0; i < 100; ++i) data += Wire::Tag(5, 3);
  WireReader r(AsBytes(data));
  WireField f;
  EXPECT_EQ(r.Next(&f).status().code(), StatusCode::kLimitExceeded);
}

TEST(WireReaderTest, PackedVarints) {
  std::string payload = Wire::Varint(3) + Wire::Varint(300) + Wire::Varint(1);
  uint64_t sum = 0;
  ASSERT_TRUE(ForEachPackedVarint(AsBytes(payload), 0, [&](uint64_t v) {
                sum += v;
                return true;
              }).ok());
  EXPECT_EQ(sum, 304u);
  std::string bad = "\xff";
  EXPECT_EQ(ForEachPackedVarint(AsBytes(bad), 0, [](uint64_t) { return true; }).code(),
            StatusCode::kMalformed);
}

TEST(WireReaderTest, LooksLikeMessage) {
  auto any = [](uint32_t n, WireType) { return n < 10; };
  Wire w;
  w.Int(1, 7).Bytes(2, "name").Bytes(7, std::string(100, 'x'));
  EXPECT_TRUE(LooksLikeMessage(w.view(), w.str().size(), 3, 16, any));
  // Head cut inside the last payload: still fine if the file is large enough.
  ByteView head = w.view().subspan(0, 12);
  EXPECT_TRUE(LooksLikeMessage(head, w.str().size(), 2, 16, any));
  // ... but not when the declared length passes the end of the file.
  EXPECT_FALSE(LooksLikeMessage(head, 20, 2, 16, any));
  EXPECT_FALSE(LooksLikeMessage(w.view(), w.str().size(), 3, 16,
                                [](uint32_t n, WireType) { return n != 7; }));
  EXPECT_FALSE(LooksLikeMessage(AsBytes("PK\x03\x04"), 4, 1, 16, any));
}

}  // namespace
}  // namespace aigis::formats::protobuf
