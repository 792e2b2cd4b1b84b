#include "scan/safetensors_scan.h"

#include <gtest/gtest.h>

#include <string>

#include "testing/fake_context.h"

namespace aigis::scan {
namespace {

using aigis::testing::FakeContext;

std::string U64(uint64_t v) {
  std::string s(8, '\0');
  for (int i = 0; i < 8; ++i) s[static_cast<size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
  return s;
}
std::string File(const std::string& header, size_t data_len, const std::string& extra = "") {
  return U64(header.size()) + header + std::string(data_len, '\0') + extra;
}

TEST(SafetensorsScan, BenignFileFactsNoFindings) {
  ScanOptions opts;
  FakeContext ctx(opts);
  std::string f = File(
      R"({"__metadata__":{"format":"pt"},"a":{"dtype":"F16","shape":[2,3],"data_offsets":[0,12]},)"
      R"("b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}})",
      16);
  AnalyzeSafetensors(AsBytes(f), ctx);
  EXPECT_TRUE(ctx.findings.empty());
  EXPECT_EQ(ctx.format, "safetensors");
  EXPECT_EQ(ctx.properties["tensors"], "2");
  EXPECT_EQ(ctx.properties["parameters"], "7");
  EXPECT_EQ(ctx.properties["dtypes"], "F16,F32");
  EXPECT_LE(ctx.bytes_examined, f.size());
}

TEST(SafetensorsScan, TrailingDataBecomesChild) {
  ScanOptions opts;
  FakeContext ctx(opts);
  const std::string hdr = R"({"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}})";
  std::string f = File(hdr, 2, "\x80\x02cos\nsystem\n.");
  AnalyzeSafetensors(AsBytes(f), ctx);
  EXPECT_TRUE(ctx.HasRule("safetensors.trailing-data"));
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].data.size(), 13u);
  EXPECT_EQ(ctx.children[0].data[0], 0x80);
}

TEST(SafetensorsScan, MetadataCodeAndLarge) {
  ScanOptions opts;
  FakeContext ctx(opts);
  std::string big(70000, 'A');
  std::string f =
      File(R"j({"__metadata__":{"x":"import os; os.system('id')","big":")j" + big + R"j("}})j", 0);
  AnalyzeSafetensors(AsBytes(f), ctx);
  EXPECT_TRUE(ctx.HasRule("safetensors.metadata.code"));
  EXPECT_TRUE(ctx.HasRule("safetensors.metadata.large"));
  EXPECT_EQ(ctx.MaxSeverity(), Severity::kSuspicious);
}

TEST(SafetensorsScan, MalformedHeaderIsSuspicious) {
  ScanOptions opts;
  FakeContext ctx(opts);
  std::string f = U64(1ull << 40) + "{}";
  AnalyzeSafetensors(AsBytes(f), ctx);
  EXPECT_TRUE(ctx.HasRule("safetensors.header-too-large"));
  EXPECT_TRUE(ctx.properties.empty());
}

TEST(SafetensorsScan, Sniffer) {
  std::string f = File(R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}})", 1);
  EXPECT_TRUE(LooksLikeSafetensors(AsBytes(f).subspan(0, 16), f.size()));
  EXPECT_FALSE(LooksLikeSafetensors(AsBytes(std::string("PK\3\4abcdefghijkl")), 16));
}

}  // namespace
}  // namespace aigis::scan
