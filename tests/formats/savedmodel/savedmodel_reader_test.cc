#include "formats/savedmodel/savedmodel_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "formats/protobuf/wire_builder.h"

namespace aigis::formats::savedmodel {
namespace {

using aigis::testing::Wire;

std::string ReadFixture(const std::string& rel) {
  std::ifstream in(std::string(AIGIS_SOURCE_DIR) + "/tests/testdata/graph/" + rel,
                   std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool HasIssue(const TfModel& m, StatusCode code) {
  for (const auto& st : m.issues)
    if (st.code() == code) return true;
  return false;
}

Wire AttrS(const std::string& key, const std::string& value) {
  return Wire().Bytes(1, key).Msg(2, Wire().Bytes(2, value));
}
Wire Node(const std::string& name, const std::string& op) {
  return Wire().Bytes(1, name).Bytes(2, op);
}
Wire Function(const std::string& name, std::initializer_list<Wire> nodes) {
  Wire f;
  f.Msg(1, Wire().Bytes(1, name));
  for (const Wire& n : nodes) f.Msg(3, n);
  return f;
}
Wire SavedModel(const Wire& graph) {
  Wire mg;
  mg.Msg(1, Wire().Bytes(4, "serve").Bytes(5, "2.15.0")).Msg(2, graph);
  return Wire().Int(1, 1).Msg(2, mg);
}

TEST(SavedModelReaderTest, BenignSavedModelFixture) {
  std::string data = ReadFixture("tensorflow/benign_tf2/saved_model.pb");
  ASSERT_FALSE(data.empty());
  TfModel m = ParseSavedModel(AsBytes(data));
  EXPECT_TRUE(m.issues.empty());
  EXPECT_TRUE(m.is_saved_model);
  EXPECT_EQ(m.schema_version, 1);
  EXPECT_EQ(m.graph_producer, 1286);
  ASSERT_EQ(m.meta_graphs.size(), 1u);
  EXPECT_EQ(m.meta_graphs[0].tags, std::vector<std::string>{"serve"});
  EXPECT_EQ(m.meta_graphs[0].tensorflow_version, "2.15.0");
  EXPECT_EQ(m.meta_graphs[0].saver_restore_op, "StatefulPartitionedCall_2");
  EXPECT_EQ(m.meta_graphs[0].asset_files, std::vector<std::string>{"vocab.txt"});
  EXPECT_EQ(m.functions.size(), 4u);
  EXPECT_EQ(m.nodes.size(), 33u);
  // Function attrs are collected.
  EXPECT_TRUE(std::binary_search(m.referenced_functions.begin(), m.referenced_functions.end(),
                                 "__inference__traced_save_200"));
  // "_temp/part" and ".part" are not path-like; the "^s3://.*" regex is not a URL.
  EXPECT_TRUE(m.strings.empty());
  EXPECT_EQ(SniffTensorflowPb(AsBytes(data), data.size()), GraphKind::kSavedModel);
}

TEST(SavedModelReaderTest, FrozenGraphDefFixture) {
  std::string data = ReadFixture("tensorflow/benign_frozen.pb");
  TfModel m = ParseGraphDef(AsBytes(data));
  EXPECT_TRUE(m.issues.empty());
  EXPECT_FALSE(m.is_saved_model);
  ASSERT_EQ(m.nodes.size(), 5u);
  EXPECT_EQ(m.nodes[2].op, "MatMul");
  EXPECT_EQ(m.nodes[2].function, -1);
  EXPECT_EQ(SniffTensorflowPb(AsBytes(data), data.size()), GraphKind::kGraphDef);
}

TEST(SavedModelReaderTest, NodesInFunctionsAndStrings) {
  std::string data = ReadFixture("tensorflow/writefile_function/saved_model.pb");
  TfModel m = ParseSavedModel(AsBytes(data));
  bool found = false;
  for (const TfNode& n : m.nodes) {
    if (n.op == "WriteFile") {
      found = true;
      ASSERT_GE(n.function, 0);
      EXPECT_EQ(m.functions[static_cast<size_t>(n.function)].name, "__inference_call_50");
    }
  }
  EXPECT_TRUE(found);
  ASSERT_EQ(m.strings.size(), 1u);
  EXPECT_EQ(m.strings[0].value, "/home/user/.bashrc");
  EXPECT_EQ(m.strings[0].attr, "value");
  EXPECT_EQ(m.nodes[m.strings[0].node].name, "p");
}

TEST(SavedModelReaderTest, ListFuncAndNestedAttrs) {
  // Node with f = func{name: "outer", attr {inner: func{name: "inner", attr{s: "grpc://x"}}}}.
  Wire inner_value = Wire().Msg(10, Wire().Bytes(1, "inner").Msg(2, AttrS("url", "grpc://x")));
  Wire outer_value = Wire().Msg(
      10, Wire().Bytes(1, "outer").Msg(2, Wire().Bytes(1, "inner_f").Msg(2, inner_value)));
  Wire list_value = Wire().Msg(
      1, Wire().Msg(9, Wire().Bytes(1, "b0")).Msg(9, Wire().Bytes(1, "b1")).Bytes(2, "/etc/hosts"));
  Wire n = Node("call", "StatefulPartitionedCall");
  n.Msg(5, Wire().Bytes(1, "f").Msg(2, outer_value));
  n.Msg(5, Wire().Bytes(1, "branches").Msg(2, list_value));
  TfModel m = ParseGraphDef(Wire().Msg(1, n).view());
  EXPECT_TRUE(m.issues.empty());
  EXPECT_EQ(m.referenced_functions, (std::vector<std::string>{"b0", "b1", "inner", "outer"}));
  ASSERT_EQ(m.strings.size(), 2u);
}

TEST(SavedModelReaderTest, AttrDepthLimit) {
  Wire value = Wire().Bytes(2, "leaf");
  for (int i = 0; i < 10; ++i) {
    value = Wire().Msg(
        10, Wire().Bytes(1, "f" + std::to_string(i)).Msg(2, Wire().Bytes(1, "a").Msg(2, value)));
  }
  Wire n = Node("n", "PartitionedCall");
  n.Msg(5, Wire().Bytes(1, "f").Msg(2, value));
  TfLimits limits;
  limits.max_attr_depth = 4;
  EXPECT_TRUE(HasIssue(ParseGraphDef(Wire().Msg(1, n).view(), limits), StatusCode::kLimitExceeded));
  EXPECT_TRUE(ParseGraphDef(Wire().Msg(1, n).view()).issues.empty());
}

TEST(SavedModelReaderTest, CountLimits) {
  Wire lib;
  for (int i = 0; i < 4; ++i) {
    lib.Msg(1, Function("f" + std::to_string(i), {Node("a", "Relu"), Node("b", "ReadFile")}));
  }
  Wire g;
  for (int i = 0; i < 4; ++i) g.Msg(1, Node("n" + std::to_string(i), "Relu"));
  g.Msg(2, lib);
  auto limited = [&](auto set) {
    TfLimits l;
    set(l);
    return HasIssue(ParseSavedModel(SavedModel(g).view(), l), StatusCode::kLimitExceeded);
  };
  EXPECT_FALSE(limited([](TfLimits&) {}));
  EXPECT_TRUE(limited([](TfLimits& l) { l.max_nodes = 6; }));
  EXPECT_TRUE(limited([](TfLimits& l) { l.max_functions = 2; }));
  EXPECT_TRUE(limited([](TfLimits& l) { l.max_meta_graphs = 0; }));
  // Nodes found before the limit are kept.
  TfLimits l;
  l.max_nodes = 6;
  EXPECT_EQ(ParseSavedModel(SavedModel(g).view(), l).nodes.size(), 6u);
}

TEST(SavedModelReaderTest, AttrValuesPerNodeLimit) {
  Wire list;
  for (int i = 0; i < 10; ++i) list.Msg(9, Wire().Bytes(1, "f").Msg(2, AttrS("k", "v")));
  Wire n = Node("n", "Case");
  n.Msg(5, Wire().Bytes(1, "branches").Msg(2, Wire().Msg(1, list)));
  TfLimits l;
  l.max_attr_values_per_node = 5;
  EXPECT_TRUE(HasIssue(ParseGraphDef(Wire().Msg(1, n).view(), l), StatusCode::kLimitExceeded));
}

TEST(SavedModelReaderTest, StringLimitAndCut) {
  Wire g;
  for (int i = 0; i < 10; ++i) {
    Wire n = Node("n" + std::to_string(i), "Const");
    n.Msg(5, AttrS("path", "/etc/" + std::string(5000, 'x')));
    g.Msg(1, n);
  }
  TfLimits l;
  l.max_strings = 3;
  TfModel m = ParseGraphDef(g.view(), l);
  ASSERT_EQ(m.strings.size(), 3u);
  EXPECT_EQ(m.strings[0].value.size(), 4096u);
}

TEST(SavedModelReaderTest, MalformedNodeDoesNotStopSiblings) {
  Wire g;
  g.Msg(1, Node("a", "ReadFile"));
  g.Bytes(1, "\x0a\x7f");  // a node whose name runs past its end
  g.Msg(1, Node("c", "WriteFile"));
  TfModel m = ParseGraphDef(g.view());
  EXPECT_TRUE(HasIssue(m, StatusCode::kMalformed));
  ASSERT_EQ(m.nodes.size(), 2u);
  EXPECT_EQ(m.nodes[1].op, "WriteFile");
}

TEST(SavedModelReaderTest, MalformedInputs) {
  EXPECT_TRUE(HasIssue(ParseSavedModel(ByteView()), StatusCode::kMalformed));
  EXPECT_TRUE(HasIssue(ParseSavedModel(AsBytes("\x12\x50")), StatusCode::kMalformed));
  EXPECT_TRUE(HasIssue(ParseGraphDef(AsBytes("\xff")), StatusCode::kMalformed));
  std::string data = ReadFixture("tensorflow/truncated/saved_model.pb");
  EXPECT_TRUE(HasIssue(ParseSavedModel(AsBytes(data)), StatusCode::kMalformed));
  // A broken meta graph is recorded; the next one is still read.
  Wire sm;
  sm.Int(1, 1).Bytes(2, "\x0a\x7f").Msg(2, Wire().Msg(2, Wire().Msg(1, Node("x", "PyFunc"))));
  TfModel m = ParseSavedModel(sm.view());
  EXPECT_TRUE(HasIssue(m, StatusCode::kMalformed));
  ASSERT_EQ(m.nodes.size(), 1u);
  EXPECT_EQ(m.nodes[0].meta_graph, 1);
}

TEST(SavedModelReaderTest, Sniffer) {
  Wire sm = SavedModel(Wire().Msg(1, Node("a", "Relu")));
  EXPECT_EQ(SniffTensorflowPb(sm.view(), sm.str().size()), GraphKind::kSavedModel);
  EXPECT_TRUE(LooksLikeSavedModel(sm.view(), sm.str().size()));
  Wire gd = Wire().Msg(1, Node("input/x", "Placeholder"));
  EXPECT_EQ(SniffTensorflowPb(gd.view(), gd.str().size()), GraphKind::kGraphDef);
  EXPECT_TRUE(LooksLikeGraphDef(gd.view(), gd.str().size()));
  // Head of a bigger file.
  Wire big = Wire().Msg(1, Node("w", "Const").Bytes(5, std::string(10000, 'z')));
  EXPECT_EQ(SniffTensorflowPb(big.view().subspan(0, 32), big.str().size()), GraphKind::kGraphDef);
  EXPECT_EQ(SniffTensorflowPb(big.view().subspan(0, 32)), GraphKind::kGraphDef);  // truncated
  // Not TensorFlow: ONNX (ir_version 8), zip, text, bad op names.
  Wire onnx;
  onnx.Int(1, 8).Bytes(2, "pytorch").Msg(7, Wire());
  EXPECT_EQ(SniffTensorflowPb(onnx.view(), onnx.str().size()), GraphKind::kNone);
  EXPECT_EQ(SniffTensorflowPb(AsBytes("PK\x03\x04"), 4), GraphKind::kNone);
  EXPECT_EQ(SniffTensorflowPb(AsBytes("\n\nhello world"), 13), GraphKind::kNone);
  Wire bad_op = Wire().Msg(1, Node("x", "9bad op"));
  EXPECT_EQ(SniffTensorflowPb(bad_op.view(), bad_op.str().size()), GraphKind::kNone);
  Wire sm_wrong = Wire().Int(1, 1).Msg(2, Wire().Bytes(1, "x").Int(3, 5));
  EXPECT_EQ(SniffTensorflowPb(sm_wrong.view(), sm_wrong.str().size()), GraphKind::kNone);
  Wire onnx_v1;  // ir_version 1 + producer name: not a MetaGraphDef
  onnx_v1.Int(1, 1).Bytes(2, "pytorch").Msg(7, Wire());
  EXPECT_EQ(SniffTensorflowPb(onnx_v1.view(), onnx_v1.str().size()), GraphKind::kNone);
}

TEST(SavedModelReaderTest, PathOrUrl) {
  for (const char* s : {"/etc/passwd", "grpc://host:1", "file:///x", "C:\\x", "c:/x", "\\\\h\\s",
                        "~/.ssh", "../x", "/tmp/ckpt", "http://a"}) {
    EXPECT_TRUE(LooksLikePathOrUrl(s)) << s;
  }
  for (const char* s : {"", "ab", "model", "_temp/part", ".part", "^s3://.*", "/job:localhost",
                        "/device:CPU:0", "NHWC", "SAME", "a/b", "/", "//", "loc:@Variable"}) {
    EXPECT_FALSE(LooksLikePathOrUrl(s)) << s;
  }
}

}  // namespace
}  // namespace aigis::formats::savedmodel
