#include "formats/gguf/gguf_reader.h"

#include <gtest/gtest.h>

#include "formats/gguf/gguf_test_builder.h"

namespace aigis::formats::gguf {
namespace {

using aigis::testing::GgufBuilder;

bool Has(const GgufFile& f, IssueCode c) {
  for (const Issue& i : f.issues)
    if (i.code == c) return true;
  return false;
}
ByteView V(const std::string& s) { return AsBytes(s); }

TEST(GgufReader, ValidV3) {
  std::string b = GgufBuilder(3)
                      .Str("general.architecture", "llama")
                      .Str("tokenizer.chat_template", "{{ x }}")
                      .StrArray("tokenizer.chat_templates", {"tool_use"})
                      .U32("general.alignment", 32)
                      .Tensor("a", {32, 2}, 0, 0)   // F32: 256 bytes
                      .Tensor("b", {256}, 12, 256)  // Q4_K: 144 bytes
                      .Build(256 + 160);
  GgufFile f = ReadGguf(V(b));
  ASSERT_TRUE(f.status.ok()) << f.status.ToString();
  EXPECT_TRUE(f.issues.empty()) << f.issues[0].message;
  EXPECT_EQ(f.version, 3u);
  EXPECT_EQ(f.FindString("general.architecture").value_or(""), "llama");
  ASSERT_NE(f.Find("tokenizer.chat_templates"), nullptr);
  EXPECT_EQ(f.Find("tokenizer.chat_templates")->strings.size(), 1u);
  EXPECT_EQ(f.tensors.size(), 2u);
  EXPECT_EQ(f.parameter_count, 64u + 256u);
  EXPECT_EQ(f.tensors[1].nbytes, 144u);
  EXPECT_EQ(f.data_start % 32, 0u);
}

TEST(GgufReader, ValidV1AndV2) {
  for (uint32_t v : {1u, 2u}) {
    std::string b = GgufBuilder(v).Str("general.name", "x").Tensor("t", {4}, 0, 0).Build(16);
    GgufFile f = ReadGguf(V(b));
    EXPECT_TRUE(f.status.ok()) << v << f.status.ToString();
    EXPECT_EQ(f.version, v);
    EXPECT_EQ(f.tensors.size(), 1u);
  }
}

TEST(GgufReader, BadMagicVersionEndian) {
  EXPECT_TRUE(Has(ReadGguf(V(std::string("GGML\3\0\0\0"))), IssueCode::kBadMagic));
  EXPECT_TRUE(Has(ReadGguf(V(std::string("GGUF\x09\0\0\0", 8))), IssueCode::kBadVersion));
  GgufFile be = ReadGguf(V(std::string("GGUF\0\0\0\3", 8)));
  EXPECT_TRUE(Has(be, IssueCode::kBigEndian));
  EXPECT_EQ(be.status.code(), StatusCode::kMalformed);
}

TEST(GgufReader, Truncated) {
  std::string b = GgufBuilder(3).Str("general.name", "hello").Build();
  b.resize(b.size() - 40);
  GgufFile f = ReadGguf(V(b.substr(0, 30)));
  EXPECT_FALSE(f.status.ok());
  EXPECT_TRUE(Has(f, IssueCode::kTruncated) || Has(f, IssueCode::kCountTooLarge));
}

TEST(GgufReader, CountsBoundedByRemainingBytes) {
  std::string b = "GGUF";
  GgufBuilder::Le(b, 3, 4);
  GgufBuilder::Le(b, 0, 8);
  GgufBuilder::Le(b, 1ull << 40, 8);  // kv count
  GgufFile f = ReadGguf(V(b));
  EXPECT_EQ(f.status.code(), StatusCode::kLimitExceeded);
  GgufLimits lim;
  lim.max_kv = UINT64_MAX;
  f = ReadGguf(V(b), lim);
  EXPECT_EQ(f.status.code(), StatusCode::kMalformed);
  EXPECT_TRUE(Has(f, IssueCode::kCountTooLarge));
}

TEST(GgufReader, StringLengthTooLarge) {
  GgufBuilder g(3);
  std::string kv;
  g.S(kv, "k");
  GgufBuilder::Le(kv, 8, 4);
  GgufBuilder::Le(kv, 1ull << 20, 8);  // string length beyond the file
  std::string b = g.RawKv(kv).Build();
  GgufFile f = ReadGguf(V(b));
  EXPECT_TRUE(Has(f, IssueCode::kCountTooLarge));
  GgufLimits lim;
  lim.max_string_bytes = 16;
  f = ReadGguf(V(b), lim);
  EXPECT_EQ(f.status.code(), StatusCode::kLimitExceeded);
}

TEST(GgufReader, BadValueTypeAndBool) {
  GgufBuilder g(3);
  std::string kv;
  g.S(kv, "k");
  GgufBuilder::Le(kv, 77, 4);
  EXPECT_TRUE(Has(ReadGguf(V(GgufBuilder(3).RawKv(kv).Build())), IssueCode::kBadValueType));
  std::string kb;
  g.S(kb, "b");
  GgufBuilder::Le(kb, 7, 4);
  kb.push_back('\x05');
  GgufFile f = ReadGguf(V(GgufBuilder(3).RawKv(kb).Build()));
  EXPECT_TRUE(f.status.ok());
  EXPECT_TRUE(Has(f, IssueCode::kBadBool));
}

TEST(GgufReader, NestedArraysDepthCap) {
  GgufBuilder g(3);
  std::string kv;
  g.S(kv, "nested");
  GgufBuilder::Le(kv, 9, 4);
  for (int i = 0; i < 20; ++i) {  // array of array of ... (count 1 each)
    GgufBuilder::Le(kv, 9, 4);
    GgufBuilder::Le(kv, 1, 8);
  }
  GgufBuilder::Le(kv, 4, 4);
  GgufBuilder::Le(kv, 0, 8);
  GgufFile f = ReadGguf(V(GgufBuilder(3).RawKv(kv).Build()));
  EXPECT_EQ(f.status.code(), StatusCode::kLimitExceeded);
  EXPECT_TRUE(Has(f, IssueCode::kArrayTooDeep));
  GgufLimits lim;
  lim.max_array_depth = 64;
  f = ReadGguf(V(GgufBuilder(3).RawKv(kv).Build()), lim);
  EXPECT_TRUE(f.status.ok()) << f.status.ToString();
  EXPECT_TRUE(f.kvs[0].nested);
}

TEST(GgufReader, ScalarArraySkippedAndCounted) {
  GgufBuilder g(3);
  std::string kv;
  g.S(kv, "scores");
  GgufBuilder::Le(kv, 9, 4);
  GgufBuilder::Le(kv, 6, 4);
  GgufBuilder::Le(kv, 3, 8);
  kv += std::string(12, '\0');
  GgufFile f = ReadGguf(V(GgufBuilder(3).RawKv(kv).Build()));
  ASSERT_TRUE(f.status.ok());
  EXPECT_EQ(f.kvs[0].count, 3u);
  EXPECT_EQ(f.kvs[0].elem_type, ValueType::kF32);
}

TEST(GgufReader, DuplicateAndBadKeys) {
  GgufFile f = ReadGguf(
      V(GgufBuilder(3).Str("a", "1").Str("a", "2").Str("", "x").Str("b\x01", "y").Build()));
  EXPECT_TRUE(Has(f, IssueCode::kDuplicateKey));
  EXPECT_TRUE(Has(f, IssueCode::kBadKey));
}

TEST(GgufReader, BadUtf8Value) {
  GgufFile f = ReadGguf(V(GgufBuilder(3).Str("general.name", "\xff\xfe").Build()));
  EXPECT_TRUE(Has(f, IssueCode::kBadUtf8));
}

TEST(GgufReader, Alignment) {
  GgufFile f = ReadGguf(V(GgufBuilder(3).U32("general.alignment", 12).Build()));
  EXPECT_TRUE(Has(f, IssueCode::kBadAlignment));
  EXPECT_EQ(f.alignment, 32u);
  f = ReadGguf(
      V(GgufBuilder(3).U32("general.alignment", 64).Tensor("t", {16}, 0, 0).Build(64, 64)));
  EXPECT_EQ(f.alignment, 64u);
  EXPECT_TRUE(f.issues.empty());
}

TEST(GgufReader, TensorChecks) {
  // too many dims (fatal for the tensor table)
  GgufFile f = ReadGguf(V(GgufBuilder(3).Tensor("t", {1, 1, 1, 1, 1}, 0, 0).Build(64)));
  EXPECT_TRUE(Has(f, IssueCode::kTooManyDims));
  EXPECT_FALSE(f.status.ok());
  // misaligned, out of range, overlap, unknown type, row size, zero dim, duplicate, long name
  std::string b = GgufBuilder(3)
                      .Tensor("a", {8}, 0, 4)
                      .Tensor("b", {1024}, 0, 64)
                      .Tensor("c", {8}, 0, 0)
                      .Tensor("c", {8}, 4, 0)
                      .Tensor("d", {31}, 2, 0)
                      .Tensor("e", {0}, 0, 0)
                      .Tensor(std::string(100, 'n'), {8}, 0, 32)
                      .Build(96);
  f = ReadGguf(V(b));
  EXPECT_TRUE(f.status.ok());
  EXPECT_TRUE(Has(f, IssueCode::kMisaligned));
  EXPECT_TRUE(Has(f, IssueCode::kOutOfRange));
  EXPECT_TRUE(Has(f, IssueCode::kOverlap));
  EXPECT_TRUE(Has(f, IssueCode::kUnknownTensorType));
  EXPECT_TRUE(Has(f, IssueCode::kBadRowSize));
  EXPECT_TRUE(Has(f, IssueCode::kBadDim));
  EXPECT_TRUE(Has(f, IssueCode::kDuplicateTensor));
  EXPECT_TRUE(Has(f, IssueCode::kBadTensorName));
}

TEST(GgufReader, TensorCountLimit) {
  GgufLimits lim;
  lim.max_tensors = 1;
  GgufFile f =
      ReadGguf(V(GgufBuilder(3).Tensor("a", {8}, 0, 0).Tensor("b", {8}, 0, 32).Build(64)), lim);
  EXPECT_EQ(f.status.code(), StatusCode::kLimitExceeded);
}

TEST(GgufReader, KvCountLimitAndKeyLimit) {
  GgufLimits lim;
  lim.max_key_bytes = 4;
  GgufFile f = ReadGguf(V(GgufBuilder(3).Str("general.name", "x").Build()), lim);
  EXPECT_EQ(f.status.code(), StatusCode::kLimitExceeded);
  EXPECT_TRUE(Has(f, IssueCode::kLimit));
}

TEST(GgufReader, KeepsWhatWasReadBeforeAnError) {
  std::string b = GgufBuilder(3).Str("tokenizer.chat_template", "{{ a }}").Str("x", "y").Build();
  // Header 24 bytes, first KV 8+23+4+8+7 = 50 bytes; cut 5 bytes into the second KV.
  std::string cut = b.substr(0, 24 + 50 + 5);
  GgufFile f = ReadGguf(V(cut));
  EXPECT_FALSE(f.status.ok());
  EXPECT_EQ(f.FindString("tokenizer.chat_template").value_or(""), "{{ a }}");
}

TEST(GgufReader, ArrayCountAndTypeChecked) {
  GgufBuilder g(3);
  std::string kv;
  g.S(kv, "arr");
  GgufBuilder::Le(kv, 9, 4);
  GgufBuilder::Le(kv, 10, 4);          // u64 elements
  GgufBuilder::Le(kv, 1ull << 40, 8);  // far more than the bytes left
  GgufFile f = ReadGguf(V(GgufBuilder(3).RawKv(kv).Build()));
  EXPECT_EQ(f.status.code(), StatusCode::kMalformed);
  EXPECT_TRUE(Has(f, IssueCode::kCountTooLarge));

  std::string bad;
  g.S(bad, "arr");
  GgufBuilder::Le(bad, 9, 4);
  GgufBuilder::Le(bad, 42, 4);  // unknown element type
  GgufBuilder::Le(bad, 1, 8);
  f = ReadGguf(V(GgufBuilder(3).RawKv(bad).Build()));
  EXPECT_TRUE(Has(f, IssueCode::kBadValueType));
}

TEST(GgufReader, TensorCountBoundedByBytes) {
  std::string b = "GGUF";
  GgufBuilder::Le(b, 3, 4);
  GgufBuilder::Le(b, 100000, 8);  // tensors
  GgufBuilder::Le(b, 0, 8);
  b += std::string(64, '\0');
  GgufFile f = ReadGguf(V(b));
  EXPECT_EQ(f.status.code(), StatusCode::kMalformed);
  EXPECT_TRUE(Has(f, IssueCode::kCountTooLarge));
}

TEST(GgufReader, TruncatedTensorInfo) {
  std::string b = GgufBuilder(3).Tensor("t", {8, 8}, 0, 0).Build();
  GgufFile f = ReadGguf(V(b.substr(0, 24 + 8 + 1 + 4 + 8 + 3)));
  EXPECT_FALSE(f.status.ok());
  EXPECT_TRUE(Has(f, IssueCode::kTruncated));
}

TEST(GgufReader, TypeTables) {
  uint64_t blk = 0, sz = 0;
  EXPECT_TRUE(GgmlTypeSize(8, &blk, &sz));
  EXPECT_EQ(blk, 32u);
  EXPECT_EQ(sz, 34u);
  EXPECT_FALSE(GgmlTypeSize(4, &blk, &sz));
  EXPECT_FALSE(GgmlTypeSize(1000, &blk, &sz));
  EXPECT_EQ(GgmlTypeName(30), "BF16");
  EXPECT_EQ(FileTypeName(15), "MOSTLY_Q4_K_M");
  EXPECT_TRUE(LooksLikeGguf(V(std::string("GGUF\3\0\0\0", 8))));
  EXPECT_FALSE(LooksLikeGguf(V(std::string("GGUF\0\0\0\3", 8))));
}

}  // namespace
}  // namespace aigis::formats::gguf
