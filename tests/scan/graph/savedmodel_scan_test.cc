#include "scan/savedmodel_scan.h"

#include <gtest/gtest.h>

#include <string>

#include "formats/onnx/onnx_reader.h"
#include "formats/savedmodel/keras_metadata.h"
#include "formats/savedmodel/savedmodel_reader.h"
#include "scan/graph/fixture_manifest.h"
#include "scan/scan_options.h"
#include "testing/fake_context.h"

namespace aigis::scan {
namespace {

using aigis::testing::FakeContext;
using aigis::testing::GraphFixture;
namespace tf = formats::savedmodel;

std::string Describe(const FakeContext& ctx) {
  std::string s;
  for (const auto& f : ctx.findings) {
    s += "  " + f.rule + " [" + std::string(SeverityName(f.severity)) + "] " + f.evidence + "\n";
  }
  return s;
}

bool IsSavedModelFile(const std::string& file) {
  return file.size() >= 14 && file.compare(file.size() - 14, 14, "saved_model.pb") == 0;
}

void Analyze(const GraphFixture& fx, const std::string& data, FakeContext& ctx) {
  if (IsSavedModelFile(fx.file)) {
    AnalyzeSavedModel(AsBytes(data), ctx);
  } else {
    AnalyzeGraphDef(AsBytes(data), ctx);
  }
}

TEST(SavedModelScanTest, EveryFixtureAsExpected) {
  ScanOptions opts;
  auto fixtures = aigis::testing::LoadGraphFixtures("tensorflow/");
  EXPECT_GE(fixtures.size(), 15u);
  for (const GraphFixture& fx : fixtures) {
    SCOPED_TRACE(fx.file + ": " + fx.technique);
    std::string data = fx.Read();
    ASSERT_FALSE(data.empty());
    FakeContext ctx(opts, fx.path());
    Analyze(fx, data, ctx);
    if (fx.expect == "clean") {
      EXPECT_EQ(ctx.MaxSeverity(), Severity::kInfo) << Describe(ctx);
    } else {
      EXPECT_GE(ctx.MaxSeverity(), fx.expected_severity()) << Describe(ctx);
      EXPECT_TRUE(ctx.HasRule(fx.rule)) << "missing " << fx.rule << "\n" << Describe(ctx);
    }
  }
}

TEST(SavedModelScanTest, SniffersSeparateTheFormats) {
  // Every TF fixture (truncated too) sniffs as its kind, never as ONNX; every ONNX fixture sniffs
  // as ONNX and never as TensorFlow.
  for (const GraphFixture& fx : aigis::testing::LoadGraphFixtures("tensorflow/")) {
    SCOPED_TRACE(fx.file);
    std::string data = fx.Read();
    ByteView head = AsBytes(data).subspan(0, std::min<size_t>(data.size(), 256));
    auto kind = tf::SniffTensorflowPb(head, data.size());
    EXPECT_EQ(kind,
              IsSavedModelFile(fx.file) ? tf::GraphKind::kSavedModel : tf::GraphKind::kGraphDef);
    EXPECT_FALSE(formats::onnx::LooksLikeOnnx(head, data.size()));
  }
  for (const GraphFixture& fx : aigis::testing::LoadGraphFixtures("onnx/")) {
    SCOPED_TRACE(fx.file);
    std::string data = fx.Read();
    EXPECT_EQ(tf::SniffTensorflowPb(AsBytes(data), data.size()), tf::GraphKind::kNone);
    ByteView head = AsBytes(data).subspan(0, std::min<size_t>(data.size(), 256));
    EXPECT_TRUE(formats::onnx::LooksLikeOnnx(head, data.size()));
  }
}

TEST(SavedModelScanTest, BomProperties) {
  ScanOptions opts;
  GraphFixture fx{"tensorflow/benign_tf2/saved_model.pb", "", "clean", ""};
  std::string data = fx.Read();
  FakeContext ctx(opts, fx.path());
  AnalyzeSavedModel(AsBytes(data), ctx);
  EXPECT_EQ(ctx.format, "tensorflow-savedmodel");
  EXPECT_EQ(ctx.properties["tags"], "serve");
  EXPECT_EQ(ctx.properties["tensorflow_version"], "2.15.0");
  EXPECT_EQ(ctx.properties["functions"], "4");
  EXPECT_EQ(ctx.properties["nodes"], "33");
  EXPECT_TRUE(ctx.HasRule("tensorflow.op.saver"));
  FakeContext gd(opts, "");
  std::string frozen = GraphFixture{"tensorflow/benign_frozen.pb", "", "", ""}.Read();
  AnalyzeGraphDef(AsBytes(frozen), gd);
  EXPECT_EQ(gd.format, "tensorflow-graphdef");
  EXPECT_EQ(gd.properties["nodes"], "5");
  EXPECT_TRUE(gd.findings.empty()) << Describe(gd);
}

// Small crafted graphs for the rules the fixtures do not isolate.
std::string Varint(uint64_t v) {
  std::string o;
  while (v >= 0x80) {
    o.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  o.push_back(static_cast<char>(v));
  return o;
}
std::string Len(int field, const std::string& p) {
  return Varint(static_cast<uint64_t>(field) << 3 | 2) + Varint(p.size()) + p;
}
std::string NodeDef(const std::string& name, const std::string& op, const std::string& attrs = "") {
  return Len(1, Len(1, name) + Len(2, op) + attrs);
}
std::string FuncAttr(const std::string& key, const std::string& fn) {
  return Len(5, Len(1, key) + Len(2, Len(10, Len(1, fn))));
}

TEST(SavedModelScanTest, DeniedOpCalledThroughFunctionAttr) {
  ScanOptions opts;
  FakeContext ctx(opts, "");
  std::string g = NodeDef("call", "StatefulPartitionedCall", FuncAttr("f", "ReadFile")) +
                  NodeDef("call2", "PartitionedCall", FuncAttr("f", "__nowhere_42"));
  AnalyzeGraphDef(AsBytes(g), ctx);
  EXPECT_TRUE(ctx.HasRule("tensorflow.op.denied")) << Describe(ctx);
  EXPECT_TRUE(ctx.HasRule("tensorflow.function.missing")) << Describe(ctx);
  EXPECT_EQ(ctx.MaxSeverity(), Severity::kMalicious);
}

TEST(SavedModelScanTest, PrintV2ToStandardStreamsIsClean) {
  ScanOptions opts;
  for (const char* stream : {"stderr", "stdout", "log(info)"}) {
    FakeContext ctx(opts, "");
    std::string attr = Len(5, Len(1, "output_stream") + Len(2, Len(2, stream)));
    AnalyzeGraphDef(AsBytes(NodeDef("p", "PrintV2", attr)), ctx);
    EXPECT_TRUE(ctx.findings.empty()) << stream << Describe(ctx);
  }
  FakeContext ctx(opts, "");
  std::string attr = Len(5, Len(1, "output_stream") + Len(2, Len(2, "/tmp/leak")));
  AnalyzeGraphDef(AsBytes(NodeDef("p", "PrintV2", attr)), ctx);
  EXPECT_TRUE(ctx.HasRule("tensorflow.op.print_to_file"));
}

TEST(SavedModelScanTest, UnknownOpsAreAggregated) {
  ScanOptions opts;
  FakeContext ctx(opts, "");
  std::string g;
  for (int i = 0; i < 30; ++i) g += NodeDef("n" + std::to_string(i), "MyCustomOp");
  AnalyzeGraphDef(AsBytes(g), ctx);
  ASSERT_EQ(ctx.findings.size(), 1u) << Describe(ctx);
  EXPECT_NE(ctx.findings[0].evidence.find("30 nodes"), std::string::npos);
}

TEST(SavedModelScanTest, ManyDeniedOpsAreSummarised) {
  ScanOptions opts;
  FakeContext ctx(opts, "");
  std::string g;
  for (int i = 0; i < 30; ++i) g += NodeDef("n" + std::to_string(i), "ReadFile");
  AnalyzeGraphDef(AsBytes(g), ctx);
  EXPECT_EQ(ctx.findings.size(), 21u);
  EXPECT_EQ(ctx.findings.back().category, "summary");
  EXPECT_EQ(ctx.findings.back().severity, Severity::kMalicious);
}

TEST(SavedModelScanTest, NodeWithoutOpAndGarbage) {
  ScanOptions opts;
  FakeContext ctx(opts, "");
  AnalyzeGraphDef(AsBytes(Len(1, Len(1, "x"))), ctx);
  EXPECT_TRUE(ctx.HasRule("tensorflow.malformed"));
  FakeContext garbage(opts, "");
  AnalyzeSavedModel(AsBytes("\x08\x01\x12\x7f"), garbage);
  EXPECT_TRUE(garbage.HasRule("tensorflow.malformed"));
}

}  // namespace
}  // namespace aigis::scan

namespace aigis::scan {
namespace {

TEST(KerasMetadataScanTest, LambdaIsFlaggedAndLayersBecomeChildren) {
  ScanOptions opts;
  GraphFixture bad{"tensorflow/keras_lambda/keras_metadata.pb", "", "", ""};
  std::string data = bad.Read();
  ASSERT_FALSE(data.empty());
  EXPECT_TRUE(formats::savedmodel::LooksLikeKerasMetadata(AsBytes(data)));
  EXPECT_EQ(formats::savedmodel::SniffTensorflowPb(AsBytes(data)),
            formats::savedmodel::GraphKind::kNone);
  FakeContext ctx(opts, bad.path());
  AnalyzeKerasMetadata(AsBytes(data), ctx);
  EXPECT_EQ(ctx.format, "tf-keras-metadata");
  EXPECT_TRUE(ctx.HasRule("tensorflow.keras_metadata.lambda")) << Describe(ctx);
  ASSERT_EQ(ctx.children.size(), 2u);
  EXPECT_EQ(ctx.children[1].name, "root.layer-0");
  EXPECT_EQ(ctx.children[1].format_hint, "keras-config");
  EXPECT_EQ(AsStringView(ctx.children[1].data).substr(0, 1), "{");

  GraphFixture good{"tensorflow/keras_benign/keras_metadata.pb", "", "", ""};
  std::string gdata = good.Read();
  FakeContext gctx(opts, good.path());
  AnalyzeKerasMetadata(AsBytes(gdata), gctx);
  EXPECT_TRUE(gctx.findings.empty()) << Describe(gctx);
  EXPECT_EQ(gctx.children.size(), 2u);
  EXPECT_EQ(gctx.properties["keras_objects"], "2");
}

TEST(KerasMetadataScanTest, MalformedAndSniff) {
  ScanOptions opts;
  FakeContext ctx(opts, "");
  AnalyzeKerasMetadata(AsBytes("\x0a\x50{"), ctx);
  EXPECT_TRUE(ctx.HasRule("tensorflow.malformed"));
  EXPECT_FALSE(formats::savedmodel::LooksLikeKerasMetadata(AsBytes("\x0a\x02\x10\x01")));
  std::string tf = GraphFixture{"tensorflow/benign_frozen.pb", "", "", ""}.Read();
  EXPECT_FALSE(formats::savedmodel::LooksLikeKerasMetadata(AsBytes(tf)));
}

TEST(KerasMetadataScanTest, ObjectLimit) {
  std::string data;
  for (int i = 0; i < 5; ++i) data += Len(1, Len(3, "root") + Len(5, "{}"));
  formats::savedmodel::TfLimits limits;
  limits.max_nodes = 3;
  auto km = formats::savedmodel::ParseKerasMetadata(AsBytes(data), limits);
  EXPECT_EQ(km.objects.size(), 3u);
  ASSERT_FALSE(km.issues.empty());
  EXPECT_EQ(km.issues[0].code(), StatusCode::kLimitExceeded);
}

}  // namespace
}  // namespace aigis::scan
