#include "formats/onnx/onnx_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "formats/protobuf/wire_builder.h"

namespace aigis::formats::onnx {
namespace {

using aigis::testing::Wire;

std::string ReadFixture(const std::string& rel) {
  std::ifstream in(std::string(AIGIS_SOURCE_DIR) + "/tests/testdata/graph/" + rel,
                   std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool HasIssue(const OnnxModel& m, StatusCode code) {
  for (const auto& st : m.issues)
    if (st.code() == code) return true;
  return false;
}

// A FLOAT tensor with the given dims; optional external location.
Wire Tensor(const std::string& name, std::initializer_list<uint64_t> dims,
            const std::string& location = "") {
  Wire t;
  for (uint64_t d : dims) t.Int(1, d);
  t.Int(2, 1).Bytes(8, name);
  if (!location.empty()) {
    t.Msg(13, Wire().Bytes(1, "location").Bytes(2, location)).Int(14, 1);
  }
  return t;
}

Wire Node(const std::string& op, const std::string& domain = "") {
  Wire n;
  n.Bytes(3, "n_" + op).Bytes(4, op);
  if (!domain.empty()) n.Bytes(7, domain);
  return n;
}

Wire Model(const Wire& graph) {
  Wire m;
  m.Int(1, 8).Bytes(2, "test").Msg(7, graph).Msg(8, Wire().Int(2, 13));
  return m;
}

TEST(OnnxReaderTest, BenignFixtureFacts) {
  std::string data = ReadFixture("onnx/benign_mlp.onnx");
  ASSERT_FALSE(data.empty());
  OnnxModel m = ParseOnnxModel(AsBytes(data));
  EXPECT_TRUE(m.issues.empty());
  EXPECT_TRUE(m.has_ir_version);
  EXPECT_EQ(m.ir_version, 8);
  EXPECT_EQ(m.producer_name, "aigis-fixtures");
  EXPECT_EQ(m.producer_version, "1.0");
  EXPECT_EQ(m.graph_name, "mlp");
  ASSERT_EQ(m.opset_imports.size(), 1u);
  EXPECT_EQ(m.opset_imports[0].version, 13);
  EXPECT_EQ(m.nodes, 3u);
  EXPECT_EQ(m.initializers, 2u);
  EXPECT_EQ(m.parameter_count, 12u + 4u);
  ASSERT_EQ(m.dtypes.size(), 1u);
  EXPECT_EQ(DataTypeName(m.dtypes[0]), "FLOAT");
  EXPECT_TRUE(m.external_data.empty());
  EXPECT_TRUE(m.custom_ops.empty());
  EXPECT_TRUE(LooksLikeOnnx(AsBytes(data), data.size()));
}

TEST(OnnxReaderTest, ExternalFixture) {
  std::string data = ReadFixture("onnx/benign_external/model.onnx");
  OnnxModel m = ParseOnnxModel(AsBytes(data));
  EXPECT_TRUE(m.issues.empty());
  ASSERT_EQ(m.external_data.size(), 2u);
  for (const auto& ref : m.external_data) {
    EXPECT_TRUE(ref.marked_external);
    ASSERT_NE(ref.Find("location"), nullptr);
    EXPECT_EQ(*ref.Find("location"), "weights.bin");
    EXPECT_GT(ref.expected_bytes, 0u);
  }
  EXPECT_EQ(m.parameter_count, 16u);
}

TEST(OnnxReaderTest, SubgraphTensorIsFoundWithScope) {
  std::string data = ReadFixture("onnx/subgraph_traversal.onnx");
  OnnxModel m = ParseOnnxModel(AsBytes(data));
  EXPECT_TRUE(m.issues.empty());
  EXPECT_EQ(m.graphs, 5u);  // main, outer then/else, inner then/else
  ASSERT_EQ(m.external_data.size(), 1u);
  EXPECT_EQ(m.external_data[0].tensor_name, "hidden");
  EXPECT_NE(m.external_data[0].scope.find("inner_if"), std::string::npos);
  EXPECT_NE(m.external_data[0].scope.find("then_branch"), std::string::npos);
}

TEST(OnnxReaderTest, CustomDomainsAndLocalFunctions) {
  std::string data = ReadFixture("onnx/function_custom_domain.onnx");
  OnnxModel m = ParseOnnxModel(AsBytes(data));
  EXPECT_TRUE(m.issues.empty());
  EXPECT_EQ(m.functions, 1u);
  ASSERT_EQ(m.custom_ops.size(), 2u);
  EXPECT_EQ(m.custom_ops[0].domain, "evil.ops");
  EXPECT_FALSE(m.custom_ops[0].local_function);
  EXPECT_EQ(m.custom_ops[1].domain, "local.fn");
  EXPECT_TRUE(m.custom_ops[1].local_function);
}

TEST(OnnxReaderTest, ConstantAttributeTensor) {
  std::string data = ReadFixture("onnx/constant_attr_absolute.onnx");
  OnnxModel m = ParseOnnxModel(AsBytes(data));
  ASSERT_EQ(m.external_data.size(), 1u);
  EXPECT_EQ(*m.external_data[0].Find("location"), "/proc/self/environ");
  EXPECT_EQ(m.initializers, 0u);  // attribute tensors are not parameters
}

TEST(OnnxReaderTest, PackedDimsAndRawData) {
  Wire t;
  t.Bytes(1, Wire::Varint(2) + Wire::Varint(5)).Int(2, 7).Bytes(8, "p").Bytes(9, "xx");
  t.Msg(13, Wire().Bytes(1, "location").Bytes(2, "w.bin")).Int(14, 1);
  OnnxModel m = ParseOnnxModel(Model(Wire().Bytes(2, "g").Msg(5, t)).view());
  EXPECT_TRUE(m.issues.empty());
  EXPECT_EQ(m.parameter_count, 10u);
  ASSERT_EQ(m.external_data.size(), 1u);
  EXPECT_TRUE(m.external_data[0].has_raw_data);
  EXPECT_EQ(m.external_data[0].expected_bytes, 80u);
  EXPECT_EQ(DataTypeName(m.dtypes[0]), "INT64");
}

TEST(OnnxReaderTest, ParameterOverflowIsFlagged) {
  Wire t = Tensor("big", {1ull << 40, 1ull << 40});
  OnnxModel m = ParseOnnxModel(Model(Wire().Msg(5, t)).view());
  EXPECT_TRUE(m.parameter_count_overflow);
}

TEST(OnnxReaderTest, NegativeDimIsMalformed) {
  Wire t;
  t.Int(1, static_cast<uint64_t>(int64_t{-3})).Int(2, 1);
  OnnxModel m = ParseOnnxModel(Model(Wire().Msg(5, t)).view());
  EXPECT_TRUE(HasIssue(m, StatusCode::kMalformed));
}

TEST(OnnxReaderTest, EmptyAndGarbageInput) {
  OnnxModel empty = ParseOnnxModel(ByteView());
  EXPECT_TRUE(HasIssue(empty, StatusCode::kMalformed));
  OnnxModel garbage = ParseOnnxModel(AsBytes("\xff\xff\xff"));
  EXPECT_TRUE(HasIssue(garbage, StatusCode::kMalformed));
}

TEST(OnnxReaderTest, TruncatedFixtureKeepsEarlierFacts) {
  std::string data = ReadFixture("onnx/truncated.onnx");
  OnnxModel m = ParseOnnxModel(AsBytes(data));
  EXPECT_TRUE(HasIssue(m, StatusCode::kMalformed));
  EXPECT_EQ(m.ir_version, 8);
  EXPECT_EQ(m.producer_name, "aigis-fixtures");
}

TEST(OnnxReaderTest, MalformedSubgraphDoesNotStopSiblings) {
  // Graph: node 1 with a broken attribute graph, then an initializer with external data.
  Wire bad_attr;
  bad_attr.Bytes(1, "then_branch").Bytes(6, "\x0a\x50");  // graph with a length past its end
  Wire n = Node("If");
  n.Msg(5, bad_attr);
  Wire g;
  g.Msg(1, n).Msg(5, Tensor("w", {4}, "../x"));
  OnnxModel m = ParseOnnxModel(Model(g).view());
  EXPECT_TRUE(HasIssue(m, StatusCode::kMalformed));
  EXPECT_EQ(m.external_data.size(), 1u);
}

TEST(OnnxReaderTest, GraphDepthLimit) {
  Wire g = Wire().Msg(1, Node("Relu"));
  for (int i = 0; i < 10; ++i) {
    Wire attr;
    attr.Bytes(1, "body").Msg(6, g);
    Wire n = Node("Loop");
    n.Msg(5, attr);
    g = Wire().Msg(1, n);
  }
  OnnxLimits limits;
  limits.max_graph_depth = 5;
  OnnxModel m = ParseOnnxModel(Model(g).view(), limits);
  EXPECT_TRUE(HasIssue(m, StatusCode::kLimitExceeded));
  OnnxModel ok = ParseOnnxModel(Model(g).view());
  EXPECT_TRUE(ok.issues.empty());
  EXPECT_EQ(ok.graphs, 11u);
}

TEST(OnnxReaderTest, CountLimits) {
  Wire g;
  for (int i = 0; i < 5; ++i) g.Msg(1, Node("Relu", "custom" + std::to_string(i)));
  for (int i = 0; i < 5; ++i) g.Msg(5, Tensor("t" + std::to_string(i), {2}, "w.bin"));
  Wire model = Model(g);
  auto limited = [&](auto set) {
    OnnxLimits l;
    set(l);
    return HasIssue(ParseOnnxModel(model.view(), l), StatusCode::kLimitExceeded);
  };
  EXPECT_FALSE(limited([](OnnxLimits&) {}));
  EXPECT_TRUE(limited([](OnnxLimits& l) { l.max_nodes = 3; }));
  EXPECT_TRUE(limited([](OnnxLimits& l) { l.max_tensors = 3; }));
  EXPECT_TRUE(limited([](OnnxLimits& l) { l.max_external_refs = 3; }));
  EXPECT_TRUE(limited([](OnnxLimits& l) { l.max_custom_op_kinds = 3; }));
  EXPECT_TRUE(limited([](OnnxLimits& l) { l.max_graphs = 0; }));
}

TEST(OnnxReaderTest, ExternalEntryAndFunctionLimits) {
  Wire t = Tensor("t", {1});
  for (int i = 0; i < 5; ++i) t.Msg(13, Wire().Bytes(1, "k").Bytes(2, "v"));
  OnnxLimits l;
  l.max_external_entries = 3;
  EXPECT_TRUE(
      HasIssue(ParseOnnxModel(Model(Wire().Msg(5, t)).view(), l), StatusCode::kLimitExceeded));
  Wire m = Model(Wire());
  for (int i = 0; i < 3; ++i) m.Msg(25, Wire().Bytes(1, "f").Msg(7, Node("Relu")));
  OnnxLimits fl;
  fl.max_functions = 2;
  EXPECT_TRUE(HasIssue(ParseOnnxModel(m.view(), fl), StatusCode::kLimitExceeded));
  EXPECT_EQ(ParseOnnxModel(m.view()).functions, 3u);
}

TEST(OnnxReaderTest, TrainingInfoGraphsAreWalked) {
  Wire ti;
  ti.Msg(1, Wire().Msg(5, Tensor("t", {1}, "/etc/passwd")));
  Wire m = Model(Wire());
  m.Msg(20, ti);
  OnnxModel model = ParseOnnxModel(m.view());
  ASSERT_EQ(model.external_data.size(), 1u);
  EXPECT_NE(model.external_data[0].scope.find("training_info"), std::string::npos);
}

TEST(OnnxReaderTest, LongStringsAreCut) {
  std::string long_name(10000, 'a');
  Wire m;
  m.Int(1, 8).Bytes(2, long_name);
  OnnxModel model = ParseOnnxModel(m.view());
  EXPECT_EQ(model.producer_name.size(), 4096u);
}

TEST(OnnxReaderTest, Sniffer) {
  Wire m = Model(Wire().Msg(1, Node("Relu")));
  EXPECT_TRUE(LooksLikeOnnx(m.view(), m.str().size()));
  // Only the first bytes of a big file.
  Wire big;
  big.Int(1, 7).Bytes(2, "pytorch").Bytes(3, "2.1").Msg(7, Wire().Bytes(2, std::string(5000, 'g')));
  EXPECT_TRUE(LooksLikeOnnx(big.view().subspan(0, 64), big.str().size()));
  // A graph length past the end of the file (truncated model) is still ONNX.
  EXPECT_TRUE(LooksLikeOnnx(big.view().subspan(0, 64), 64));
  EXPECT_FALSE(LooksLikeOnnx(AsBytes("PK\x03\x04\x14\x00\x00\x00"), 8));
  EXPECT_FALSE(LooksLikeOnnx(AsBytes("\x80\x02\x63\x5f\x5f"), 5));  // pickle
  // ir_version alone, or unknown ModelProto fields, are not enough.
  Wire only_ir;
  only_ir.Int(1, 8).Bytes(2, "x");
  EXPECT_FALSE(LooksLikeOnnx(only_ir.view(), only_ir.str().size()));
  Wire wrong_field;
  wrong_field.Int(1, 8).Bytes(9, "x").Msg(7, Wire());
  EXPECT_FALSE(LooksLikeOnnx(wrong_field.view(), wrong_field.str().size()));
  // A SavedModel starts with 08 01 12: field 2 of ModelProto is a string, but a SavedModel's
  // meta graph is a message; the sniff only checks the outer fields, so it relies on field 7/8.
  Wire saved;
  saved.Int(1, 1).Msg(2, Wire().Msg(1, Wire().Bytes(4, "serve")));
  EXPECT_FALSE(LooksLikeOnnx(saved.view(), saved.str().size()));
}

TEST(OnnxReaderTest, DomainsAndTypes) {
  EXPECT_TRUE(IsStandardDomain(""));
  EXPECT_TRUE(IsStandardDomain("ai.onnx.ml"));
  EXPECT_FALSE(IsStandardDomain("com.microsoft"));
  EXPECT_TRUE(IsRuntimeContribDomain("com.microsoft"));
  EXPECT_FALSE(IsRuntimeContribDomain("evil.ops"));
  EXPECT_EQ(DataTypeName(16), "BFLOAT16");
  EXPECT_EQ(DataTypeName(99), "TYPE_99");
  EXPECT_EQ(DataTypeSize(1), 4u);
  EXPECT_EQ(DataTypeSize(8), 0u);
  EXPECT_EQ(DataTypeSize(15), 16u);
}

}  // namespace
}  // namespace aigis::formats::onnx
