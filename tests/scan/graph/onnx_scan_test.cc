#include "scan/onnx_scan.h"

#include <gtest/gtest.h>

#include <string>

#include "formats/onnx/onnx_reader.h"
#include "scan/graph/fixture_manifest.h"
#include "scan/scan_options.h"
#include "testing/fake_context.h"

namespace aigis::scan {
namespace {

using aigis::testing::FakeContext;
using aigis::testing::GraphFixture;

std::string Describe(const FakeContext& ctx) {
  std::string s;
  for (const auto& f : ctx.findings) {
    s += "  " + f.rule + " [" + std::string(SeverityName(f.severity)) + "] " + f.evidence + "\n";
  }
  return s;
}

TEST(OnnxScanTest, ManifestHasFixtures) {
  auto fixtures = aigis::testing::LoadGraphFixtures("onnx/");
  EXPECT_GE(fixtures.size(), 20u);
}

TEST(OnnxScanTest, EveryFixtureAsExpected) {
  ScanOptions opts;
  for (const GraphFixture& fx : aigis::testing::LoadGraphFixtures("onnx/")) {
    SCOPED_TRACE(fx.file + ": " + fx.technique);
    std::string data = fx.Read();
    ASSERT_FALSE(data.empty());
    FakeContext ctx(opts, fx.path());
    AnalyzeOnnx(AsBytes(data), ctx);
    EXPECT_EQ(ctx.format, "onnx");
    if (fx.expect == "clean") {
      EXPECT_EQ(ctx.MaxSeverity(), Severity::kInfo) << Describe(ctx);
      EXPECT_TRUE(formats::onnx::LooksLikeOnnx(AsBytes(data), data.size()));
    } else {
      EXPECT_GE(ctx.MaxSeverity(), fx.expected_severity()) << Describe(ctx);
      EXPECT_TRUE(ctx.HasRule(fx.rule)) << "missing " << fx.rule << "\n" << Describe(ctx);
    }
  }
}

TEST(OnnxScanTest, BomProperties) {
  ScanOptions opts;
  GraphFixture fx{"onnx/benign_mlp.onnx", "", "clean", ""};
  std::string data = fx.Read();
  FakeContext ctx(opts, fx.path());
  AnalyzeOnnx(AsBytes(data), ctx);
  EXPECT_EQ(ctx.properties["parameters"], "16");
  EXPECT_EQ(ctx.properties["dtypes"], "FLOAT");
  EXPECT_EQ(ctx.properties["opset"], "ai.onnx:13");
  EXPECT_EQ(ctx.properties["producer"], "aigis-fixtures 1.0");
  EXPECT_EQ(ctx.properties["ir_version"], "8");
  EXPECT_EQ(ctx.properties["graph_name"], "mlp");
  EXPECT_EQ(ctx.properties["nodes"], "3");
  // raw_data of the two initializers (64 bytes) is skipped, everything else examined.
  EXPECT_EQ(ctx.bytes_examined, data.size() - 64);
}

TEST(OnnxScanTest, ContribOpIsInfo) {
  ScanOptions opts;
  GraphFixture fx{"onnx/benign_contrib.onnx", "", "clean", ""};
  std::string data = fx.Read();
  FakeContext ctx(opts, fx.path());
  AnalyzeOnnx(AsBytes(data), ctx);
  EXPECT_TRUE(ctx.HasRule("onnx.operator.contrib"));
  EXPECT_EQ(ctx.MaxSeverity(), Severity::kInfo);
}

TEST(OnnxScanTest, MemberOrBufferSkipsFileSystemChecks) {
  ScanOptions opts;
  // The symlink escape is only visible on disk; inside an archive member it is just a name.
  GraphFixture fx{"onnx/symlink_escape/model.onnx", "", "", ""};
  std::string data = fx.Read();
  FakeContext member(opts, fx.path());
  member.member_ = "archive.zip!model.onnx";
  AnalyzeOnnx(AsBytes(data), member);
  EXPECT_FALSE(member.HasRule("onnx.external_data.symlink_escape"));
  FakeContext buffer(opts, "");
  AnalyzeOnnx(AsBytes(data), buffer);
  EXPECT_FALSE(buffer.HasRule("onnx.external_data.symlink_escape"));
  // Lexical checks still run without a path.
  GraphFixture trav{"onnx/traversal.onnx", "", "", ""};
  std::string tdata = trav.Read();
  FakeContext tctx(opts, "");
  AnalyzeOnnx(AsBytes(tdata), tctx);
  EXPECT_TRUE(tctx.HasRule("onnx.external_data.path_traversal"));
}

TEST(OnnxScanTest, MissingSiblingIsInfoOnly) {
  ScanOptions opts;
  GraphFixture fx{"onnx/unknown_key.onnx", "", "", ""};  // references weights.bin, absent
  std::string data = fx.Read();
  FakeContext ctx(opts, fx.path());
  AnalyzeOnnx(AsBytes(data), ctx);
  EXPECT_TRUE(ctx.HasRule("onnx.external_data.missing_file"));
}

TEST(OnnxScanTest, ManyFindingsAreSummarised) {
  // 50 tensors all with absolute locations: 20 findings + 1 summary.
  std::string graph;
  auto varint = [](uint64_t v) {
    std::string o;
    while (v >= 0x80) {
      o.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    o.push_back(static_cast<char>(v));
    return o;
  };
  auto bytes = [&](int field, const std::string& p) {
    return varint(static_cast<uint64_t>(field) << 3 | 2) + varint(p.size()) + p;
  };
  std::string entry = bytes(1, "location") + bytes(2, "/etc/passwd");
  std::string tensor = bytes(13, entry) + varint(14 << 3) + varint(1);
  for (int i = 0; i < 50; ++i) graph += bytes(5, tensor);
  std::string model = varint(1 << 3) + varint(8) + bytes(7, graph);
  ScanOptions opts;
  FakeContext ctx(opts, "");
  AnalyzeOnnx(AsBytes(model), ctx);
  int abs = 0;
  for (const auto& f : ctx.findings)
    if (f.rule == "onnx.external_data.absolute_path") ++abs;
  EXPECT_EQ(abs, 21);
  EXPECT_EQ(ctx.MaxSeverity(), Severity::kMalicious);
}

TEST(OnnxScanTest, GarbageIsMalformed) {
  ScanOptions opts;
  FakeContext ctx(opts, "");
  AnalyzeOnnx(AsBytes("\x08\x08\x3a\x7f"), ctx);
  EXPECT_TRUE(ctx.HasRule("onnx.malformed"));
}

}  // namespace
}  // namespace aigis::scan
