#include "formats/safetensors/safetensors_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace aigis::formats::safetensors {
namespace {

std::string U64(uint64_t v) {
  std::string s(8, '\0');
  for (int i = 0; i < 8; ++i) s[static_cast<size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
  return s;
}
// u64 N | header | data_len zero bytes | extra.
std::string File(const std::string& header, size_t data_len, const std::string& extra = "") {
  return U64(header.size()) + header + std::string(data_len, '\0') + extra;
}
ByteView View(const std::string& s) { return AsBytes(s); }
bool Has(const SafetensorsHeader& h, IssueCode c) {
  for (const Issue& i : h.issues)
    if (i.code == c) return true;
  return false;
}

const char* kTwo =
    R"({"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},)"
    R"("b":{"dtype":"BF16","shape":[4],"data_offsets":[16,24]}})";

TEST(SafetensorsReader, ValidFile) {
  std::string f = File(kTwo, 24);
  SafetensorsHeader h = ReadSafetensors(View(f));
  EXPECT_TRUE(h.status.ok()) << h.status.ToString();
  EXPECT_TRUE(h.Valid());
  ASSERT_EQ(h.tensors.size(), 2u);
  EXPECT_EQ(h.parameter_count, 8u);
  EXPECT_EQ(h.metadata.size(), 1u);
  EXPECT_EQ(h.data_end, 24u);
  EXPECT_EQ(h.trailing_bytes, 0u);
}

TEST(SafetensorsReader, SpacePaddedHeaderIsValid) {
  std::string hdr = std::string(kTwo) + "      ";
  std::string f = File(hdr, 24);
  EXPECT_TRUE(ReadSafetensors(View(f)).Valid());
}

TEST(SafetensorsReader, TooSmall) {
  std::string f = "abc";
  SafetensorsHeader h = ReadSafetensors(View(f));
  EXPECT_EQ(h.status.code(), StatusCode::kMalformed);
  EXPECT_TRUE(Has(h, IssueCode::kHeaderTooSmall));
}

TEST(SafetensorsReader, HeaderTooLarge) {
  std::string f = U64(200'000'000) + "{}";
  SafetensorsHeader h = ReadSafetensors(View(f));
  EXPECT_EQ(h.status.code(), StatusCode::kLimitExceeded);
  EXPECT_TRUE(Has(h, IssueCode::kHeaderTooLarge));
}

TEST(SafetensorsReader, HeaderLongerThanFile) {
  std::string f = U64(1000) + "{}";
  SafetensorsHeader h = ReadSafetensors(View(f));
  EXPECT_EQ(h.status.code(), StatusCode::kMalformed);
  EXPECT_TRUE(Has(h, IssueCode::kHeaderLength));
}

TEST(SafetensorsReader, InvalidUtf8) {
  std::string f = File("{\"\xff\":1}", 0);
  SafetensorsHeader h = ReadSafetensors(View(f));
  EXPECT_EQ(h.status.code(), StatusCode::kMalformed);
  EXPECT_TRUE(Has(h, IssueCode::kInvalidUtf8));
}

TEST(SafetensorsReader, InvalidJson) {
  std::string f = File("{\"a\":", 0);
  SafetensorsHeader h = ReadSafetensors(View(f));
  EXPECT_EQ(h.status.code(), StatusCode::kMalformed);
  EXPECT_TRUE(Has(h, IssueCode::kInvalidJson));
}

TEST(SafetensorsReader, NotObject) {
  std::string f = File("[1,2]", 0);
  SafetensorsHeader h = ReadSafetensors(View(f));
  EXPECT_FALSE(h.status.ok());
  EXPECT_TRUE(Has(h, IssueCode::kNotObject));
  EXPECT_TRUE(Has(h, IssueCode::kHeaderStart));
}

TEST(SafetensorsReader, TooDeep) {
  std::string deep = "{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}";
  std::string f = File(deep, 0);
  SafetensorsHeader h = ReadSafetensors(View(f));
  EXPECT_EQ(h.status.code(), StatusCode::kLimitExceeded);
  EXPECT_TRUE(Has(h, IssueCode::kJsonTooDeep));
}

TEST(SafetensorsReader, DuplicateKeys) {
  std::string hdr =
      R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}})";
  SafetensorsHeader h = ReadSafetensors(View(File(hdr, 1)));
  EXPECT_TRUE(h.status.ok());
  EXPECT_TRUE(Has(h, IssueCode::kDuplicateKey));
  EXPECT_EQ(h.tensors.size(), 1u);  // last one wins
}

TEST(SafetensorsReader, MetadataMustBeStrings) {
  std::string hdr = R"({"__metadata__":{"n":1,"o":{"x":"y"}}})";
  SafetensorsHeader h = ReadSafetensors(View(File(hdr, 0)));
  EXPECT_TRUE(Has(h, IssueCode::kMetadataNotString));
  std::string hdr2 = R"({"__metadata__":"x"})";
  EXPECT_TRUE(Has(ReadSafetensors(View(File(hdr2, 0))), IssueCode::kMetadataNotObject));
}

TEST(SafetensorsReader, TooManyMetadata) {
  SafetensorsLimits lim;
  lim.max_metadata_entries = 1;
  std::string hdr = R"({"__metadata__":{"a":"1","b":"2"}})";
  EXPECT_TRUE(Has(ReadSafetensors(View(File(hdr, 0)), lim), IssueCode::kTooManyMetadata));
}

TEST(SafetensorsReader, UnknownDtypeAndField) {
  std::string hdr = R"({"a":{"dtype":"Q9","shape":[1],"data_offsets":[0,1],"x":[1,[2]]}})";
  SafetensorsHeader h = ReadSafetensors(View(File(hdr, 1)));
  EXPECT_TRUE(Has(h, IssueCode::kUnknownDtype));
  EXPECT_TRUE(Has(h, IssueCode::kUnknownField));
}

TEST(SafetensorsReader, MissingFieldsAndBadTypes) {
  std::string hdr =
      R"({"a":{"dtype":"U8","shape":[1]},"b":5,"c":{"dtype":"U8","shape":[-1],"data_offsets":[0,"1"]}})";
  SafetensorsHeader h = ReadSafetensors(View(File(hdr, 0)));
  EXPECT_TRUE(Has(h, IssueCode::kBadTensorEntry));
  EXPECT_TRUE(Has(h, IssueCode::kBadShape));
  EXPECT_TRUE(Has(h, IssueCode::kBadOffsets));
}

TEST(SafetensorsReader, TooManyDims) {
  std::string shape = "[";
  for (int i = 0; i < 40; ++i) shape += std::string(i ? "," : "") + "1";
  shape += "]";
  std::string hdr = R"({"a":{"dtype":"U8","shape":)" + shape + R"(,"data_offsets":[0,1]}})";
  EXPECT_TRUE(Has(ReadSafetensors(View(File(hdr, 1))), IssueCode::kTooManyDims));
}

TEST(SafetensorsReader, TooManyTensors) {
  SafetensorsLimits lim;
  lim.max_tensors = 1;
  SafetensorsHeader h = ReadSafetensors(View(File(kTwo, 24)), lim);
  EXPECT_EQ(h.status.code(), StatusCode::kLimitExceeded);
  EXPECT_TRUE(Has(h, IssueCode::kTooManyTensors));
}

TEST(SafetensorsReader, SizeMismatchAndOverflow) {
  std::string hdr = R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})";
  EXPECT_TRUE(Has(ReadSafetensors(View(File(hdr, 8))), IssueCode::kSizeMismatch));
  std::string big =
      R"({"a":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,8]}})";
  EXPECT_TRUE(Has(ReadSafetensors(View(File(big, 8))), IssueCode::kOverflow));
}

TEST(SafetensorsReader, SubByteDtype) {
  std::string ok = R"({"a":{"dtype":"F4","shape":[4],"data_offsets":[0,2]}})";
  EXPECT_TRUE(ReadSafetensors(View(File(ok, 2))).Valid());
  std::string odd = R"({"a":{"dtype":"F4","shape":[3],"data_offsets":[0,2]}})";
  EXPECT_TRUE(Has(ReadSafetensors(View(File(odd, 2))), IssueCode::kSizeMismatch));
}

TEST(SafetensorsReader, GapOverlapBeyondTrailing) {
  std::string gap = R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}})";
  EXPECT_TRUE(Has(ReadSafetensors(View(File(gap, 2))), IssueCode::kGap));
  std::string overlap =
      R"({"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[1,3]}})";
  EXPECT_TRUE(Has(ReadSafetensors(View(File(overlap, 3))), IssueCode::kOverlap));
  std::string beyond = R"({"a":{"dtype":"U8","shape":[8],"data_offsets":[0,8]}})";
  EXPECT_TRUE(Has(ReadSafetensors(View(File(beyond, 4))), IssueCode::kOffsetBeyondFile));
  std::string ok = R"({"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}})";
  SafetensorsHeader h = ReadSafetensors(View(File(ok, 2, "\x80\x04junk")));
  EXPECT_TRUE(Has(h, IssueCode::kTrailingData));
  EXPECT_EQ(h.trailing_bytes, 6u);
  const std::string ok_str = ok;
  EXPECT_EQ(h.data_start + h.data_end, 8 + ok_str.size() + 2);
}

TEST(SafetensorsReader, ReadsOnlyTheHeader) {
  // Declared data far beyond the view: only a header-length prefix is required to parse, and the
  // reported range problem is the missing data, not a crash.
  std::string hdr = R"({"a":{"dtype":"F32","shape":[1024,1024],"data_offsets":[0,4194304]}})";
  std::string f = U64(hdr.size()) + hdr;
  SafetensorsHeader h = ReadSafetensors(View(f));
  EXPECT_TRUE(h.status.ok());
  EXPECT_TRUE(Has(h, IssueCode::kOffsetBeyondFile));
  EXPECT_EQ(h.parameter_count, 1024u * 1024u);
}

TEST(SafetensorsReader, Sniffer) {
  std::string f = File(kTwo, 24);
  EXPECT_TRUE(LooksLikeSafetensors(View(f), f.size()));
  std::string g = U64(5) + "hello" + std::string(8, 'x');
  EXPECT_FALSE(LooksLikeSafetensors(View(g), g.size()));
  EXPECT_FALSE(LooksLikeSafetensors(View(std::string("\x80\x04\x95")), 3));
}

TEST(SafetensorsReader, DtypeBits) {
  EXPECT_EQ(DtypeBits("F32"), 32u);
  EXPECT_EQ(DtypeBits("F6_E2M3"), 6u);
  EXPECT_EQ(DtypeBits("nope"), 0u);
  EXPECT_EQ(IssueCodeName(IssueCode::kTrailingData), "trailing-data");
}

}  // namespace
}  // namespace aigis::formats::safetensors
