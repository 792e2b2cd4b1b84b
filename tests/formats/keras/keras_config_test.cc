#include "formats/keras/keras_config.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aigis::formats::keras {
namespace {

KerasConfigFacts Walk(const std::string& json, const KerasLimits& limits = KerasLimits()) {
  return WalkKerasConfig(AsBytes(json), limits);
}

std::string B64(const std::string& raw) {
  static const char* kAlpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < raw.size(); i += 3) {
    uint32_t v = (uint8_t(raw[i]) << 16) | (uint8_t(raw[i + 1]) << 8) | uint8_t(raw[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kAlpha[(v >> s) & 63];
  }
  if (i + 1 == raw.size()) {
    uint32_t v = uint8_t(raw[i]) << 16;
    out += kAlpha[(v >> 18) & 63];
    out += kAlpha[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == raw.size()) {
    uint32_t v = (uint8_t(raw[i]) << 16) | (uint8_t(raw[i + 1]) << 8);
    out += kAlpha[(v >> 18) & 63];
    out += kAlpha[(v >> 12) & 63];
    out += kAlpha[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

// A fake marshal stream holding the names "os" and "system" as short ascii strings.
std::string FakeMarshal() {
  return std::string("\xe3\x00\x00", 3) + "\xda\x02os" + std::string("\x00\x7a", 2) + "\x06system" +
         "\x01\x02";
}

const char kBenignSequential[] = R"({
  "module": "keras", "class_name": "Sequential", "registered_name": null,
  "config": {"name": "sequential", "trainable": true,
    "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
              "registered_name": null},
    "layers": [
      {"module": "keras.layers", "class_name": "InputLayer",
       "config": {"batch_shape": [null, 8], "dtype": "float32", "name": "input_layer"},
       "registered_name": null},
      {"module": "keras.layers", "class_name": "Dense",
       "config": {"name": "dense", "units": 4, "activation": "relu",
                  "kernel_initializer": {"module": "keras.initializers",
                                         "class_name": "GlorotUniform",
                                         "config": {"seed": null}, "registered_name": null}},
       "registered_name": null, "build_config": {"input_shape": [null, 8]}}]},
  "compile_config": {"optimizer": {"module": "keras.optimizers", "class_name": "Adam",
                                   "config": {"learning_rate": 0.001}, "registered_name": null},
                     "loss": "mse"}})";

TEST(KerasConfigTest, BenignSequentialHasOnlyAllowedObjects) {
  KerasConfigFacts f = Walk(kBenignSequential);
  ASSERT_TRUE(f.status.ok()) << f.status.ToString();
  EXPECT_TRUE(f.parsed);
  EXPECT_EQ(f.top_class_name, "Sequential");
  EXPECT_EQ(f.top_module, "keras");
  EXPECT_EQ(f.layer_count, 2u);
  EXPECT_TRUE(f.lambdas.empty());
  EXPECT_TRUE(f.paths.empty());
  EXPECT_TRUE(f.safe_mode.empty());
  EXPECT_TRUE(f.torch_modules.empty());
  ASSERT_EQ(f.objects.size(), 6u);
  for (const KerasObject& o : f.objects) {
    EXPECT_EQ(o.verdict, ModuleVerdict::kAllowed) << o.qualified << " at " << o.path;
  }
  // Object keys are visited in sorted order (nlohmann's std::map), depth first.
  EXPECT_EQ(f.objects[0].path, "$");
  EXPECT_EQ(f.objects[1].qualified, "keras.optimizers.Adam");
  EXPECT_EQ(f.objects[4].path, "$.config.layers[1]");
  EXPECT_EQ(f.objects[4].qualified, "keras.layers.Dense");
  EXPECT_GT(f.nodes, 30u);
}

TEST(KerasConfigTest, Keras3LambdaIsOneFactWithCodeStrings) {
  std::string json = R"({"module": "keras", "class_name": "Sequential", "config": {"layers": [
    {"module": "keras.layers", "class_name": "Lambda", "config": {"name": "l",
      "function": {"class_name": "__lambda__", "config": {"code": ")" +
                     B64(FakeMarshal()) + R"(", "defaults": null, "closure": null}}}}]}})";
  KerasConfigFacts f = Walk(json);
  ASSERT_TRUE(f.status.ok()) << f.status.ToString();
  ASSERT_EQ(f.lambdas.size(), 1u);
  EXPECT_EQ(f.lambdas[0].form, LambdaForm::kKeras3Lambda);
  EXPECT_EQ(f.lambdas[0].path, "$.config.layers[0].config.function");
  EXPECT_EQ(f.lambdas[0].code_bytes, FakeMarshal().size());
  EXPECT_EQ(f.lambdas[0].code_strings, "os,system");
}

TEST(KerasConfigTest, Keras3LambdaValueFormAndBareLambdaObject) {
  std::string json = R"({"a": {"class_name": "__lambda__", "config": {"value": [")" +
                     B64(FakeMarshal()) + R"(", null, null]}}})";
  KerasConfigFacts f = Walk(json);
  ASSERT_EQ(f.lambdas.size(), 1u);
  EXPECT_EQ(f.lambdas[0].form, LambdaForm::kKeras3Lambda);
  EXPECT_EQ(f.lambdas[0].code_strings, "os,system");
}

TEST(KerasConfigTest, Keras2LambdaForms) {
  std::string json = R"({"class_name": "Sequential", "config": {"layers": [
    {"class_name": "Lambda", "config": {"function": [")" +
                     B64(FakeMarshal()) + R"(", null, null],
       "function_type": "lambda", "module": "__main__", "output_shape_type": "raw"}},
    {"class_name": "Lambda", "config": {"function": "system", "function_type": "function",
       "module": "os"}},
    {"class_name": "Dense", "config": {"output_shape": "x", "output_shape_type": "lambda"}}]}})";
  KerasConfigFacts f = Walk(json);
  ASSERT_TRUE(f.status.ok());
  ASSERT_EQ(f.lambdas.size(), 3u);
  EXPECT_EQ(f.lambdas[0].form, LambdaForm::kKeras2Lambda);
  EXPECT_EQ(f.lambdas[0].module, "__main__");
  EXPECT_EQ(f.lambdas[0].code_strings, "os,system");
  EXPECT_EQ(f.lambdas[1].form, LambdaForm::kKeras2Function);
  EXPECT_EQ(f.lambdas[1].module, "os");
  EXPECT_EQ(f.lambdas[1].function_name, "system");
  EXPECT_EQ(f.lambdas[2].path, "$.config.layers[2].config.output_shape");
  for (const KerasObject& o : f.objects) EXPECT_EQ(o.verdict, ModuleVerdict::kNoModule);
}

TEST(KerasConfigTest, LambdaLayerWithNamedFunctionIsStillReported) {
  KerasConfigFacts f = Walk(R"({"module": "keras.layers", "class_name": "Lambda", "config":
    {"function": {"module": "keras.src.ops", "class_name": "function", "config": "relu"}}})");
  ASSERT_EQ(f.lambdas.size(), 1u);
  EXPECT_EQ(f.lambdas[0].form, LambdaForm::kLambdaLayer);
  EXPECT_EQ(f.lambdas[0].function_name, "relu");
  EXPECT_EQ(f.lambdas[0].module, "keras.src.ops");
}

TEST(KerasConfigTest, ModuleVerdicts) {
  KerasConfigFacts f = Walk(R"({"layers": [
    {"module": "os", "class_name": "function", "config": "system"},
    {"module": "keras.utils", "class_name": "function", "config": "get_file"},
    {"module": "keras.config", "class_name": "function", "config": "enable_unsafe_deserialization"},
    {"module": "evil.pkg", "class_name": "Layer", "config": {}},
    {"module": "subprocess", "class_name": "Popen", "config": {}},
    {"module": "keras_hub.src.models", "class_name": "GemmaBackbone", "config": {},
     "registered_name": "keras_hub>GemmaBackbone"},
    {"class_name": "Dense", "config": {}}]})");
  ASSERT_TRUE(f.status.ok());
  ASSERT_EQ(f.objects.size(), 7u);
  EXPECT_EQ(f.objects[0].verdict, ModuleVerdict::kDenied);
  EXPECT_EQ(f.objects[0].qualified, "os.system");
  EXPECT_EQ(f.objects[1].verdict, ModuleVerdict::kDenied);
  EXPECT_EQ(f.objects[1].deny->tag, "network");
  EXPECT_EQ(f.objects[2].verdict, ModuleVerdict::kDenied);
  EXPECT_EQ(f.objects[2].deny->tag, "safe-mode");
  EXPECT_EQ(f.objects[3].verdict, ModuleVerdict::kUnknown);
  EXPECT_EQ(f.objects[4].verdict, ModuleVerdict::kDenied);
  EXPECT_EQ(f.objects[5].verdict, ModuleVerdict::kAllowed);
  EXPECT_EQ(f.objects[5].registered_name, "keras_hub>GemmaBackbone");
  EXPECT_EQ(f.objects[6].verdict, ModuleVerdict::kNoModule);
  EXPECT_EQ(f.layer_count, 7u);
  // Symbol fields are judged through the verdict, not again as strings.
  EXPECT_TRUE(f.safe_mode.empty());
}

TEST(KerasConfigTest, SafeModeKeysAndStrings) {
  KerasConfigFacts f = Walk(R"j({"a": {"safe_mode": false}, "b": {"safe_mode": "False"},
    "c": {"safe_mode": true}, "d": ["call keras.config.enable_unsafe_deserialization()"]})j");
  ASSERT_EQ(f.safe_mode.size(), 3u);
  EXPECT_EQ(f.safe_mode[0].path, "$.a.safe_mode");
  EXPECT_EQ(f.safe_mode[1].path, "$.b.safe_mode");
  EXPECT_EQ(f.safe_mode[2].path, "$.d[0]");
}

TEST(KerasConfigTest, TorchModuleWrapperPayloadIsDecoded) {
  std::string payload("\x80\x02\x63posix\nsystem\n", 16);
  std::string json = R"({"module": "keras.layers", "class_name": "TorchModuleWrapper",
    "config": {"name": "t", "module": ")" +
                     B64(payload) + R"("}})";
  KerasConfigFacts f = Walk(json);
  ASSERT_EQ(f.torch_modules.size(), 1u);
  ASSERT_NE(f.torch_modules[0].bytes, nullptr);
  EXPECT_EQ(std::string(f.torch_modules[0].bytes->begin(), f.torch_modules[0].bytes->end()),
            payload);
  EXPECT_EQ(f.torch_modules[0].path, "$.config.module");
  EXPECT_EQ(f.objects[0].verdict, ModuleVerdict::kAllowed);
}

TEST(KerasConfigTest, TorchModuleWrapperBytesObjectAndMissingField) {
  KerasConfigFacts f = Walk(R"([{"class_name": "TorchModuleWrapper", "config": {"module":
      {"class_name": "__bytes__", "config": {"value": "PK-raw"}}}},
    {"class_name": "TorchModuleWrapper", "config": {}},
    {"class_name": "TorchModuleWrapper", "config": {"module": 5}}])");
  ASSERT_EQ(f.torch_modules.size(), 3u);
  ASSERT_NE(f.torch_modules[0].bytes, nullptr);
  EXPECT_EQ(f.torch_modules[0].bytes->size(), 6u);
  EXPECT_EQ(f.torch_modules[1].bytes, nullptr);
  EXPECT_FALSE(f.torch_modules[1].error.empty());
  EXPECT_EQ(f.torch_modules[2].bytes, nullptr);
}

TEST(KerasConfigTest, TorchModuleWrapperOverEmbeddedLimit) {
  KerasLimits limits;
  limits.max_embedded_bytes = 4;
  KerasConfigFacts f = Walk(R"({"class_name": "TorchModuleWrapper", "config": {"module": ")" +
                                B64("0123456789") + R"("}})",
                            limits);
  ASSERT_EQ(f.torch_modules.size(), 1u);
  EXPECT_EQ(f.torch_modules[0].bytes, nullptr);
  EXPECT_NE(f.torch_modules[0].error.find("limit"), std::string::npos);
}

TEST(KerasConfigTest, PathsAndUrls) {
  KerasConfigFacts f = Walk(R"({"layers": [
    {"class_name": "StringLookup", "config": {"name": "s", "vocabulary": "/etc/passwd"}},
    {"class_name": "StringLookup", "config": {"name": "t", "vocabulary": "vocab.txt"}},
    {"class_name": "IndexLookup", "config": {"vocabulary": ["/usr", "http://x", "../a"]}},
    {"class_name": "X", "config": {"origin": "https://attacker.example/p.tgz",
                                   "note": "C:\\Windows\\win.ini", "name": "dense/kernel"}}]})");
  ASSERT_TRUE(f.status.ok());
  ASSERT_EQ(f.paths.size(), 4u);
  EXPECT_EQ(f.paths[0].value, "/etc/passwd");
  EXPECT_EQ(f.paths[0].key, "vocabulary");
  EXPECT_EQ(f.paths[0].kind, PathKind::kLocalPath);
  EXPECT_EQ(f.paths[1].value, "vocab.txt");
  EXPECT_EQ(f.paths[2].key, "note");  // keys sorted: name, note, origin
  EXPECT_EQ(f.paths[2].kind, PathKind::kLocalPath);
  EXPECT_EQ(f.paths[3].kind, PathKind::kUrl);
  EXPECT_EQ(f.paths[3].path, "$.layers[3].config.origin");
}

TEST(KerasConfigTest, PythonOnlyTokensAreNeutralised) {
  KerasConfigFacts f = Walk(R"({"a": NaN, "b": [Infinity, -Infinity], "c": "NaN stays",
    "name": "x\ud800y", "d": {"class_name": "__lambda__", "config": {}}})");
  ASSERT_TRUE(f.status.ok()) << f.status.ToString();
  EXPECT_TRUE(f.parsed);
  EXPECT_EQ(f.lambdas.size(), 1u);
}

TEST(KerasConfigTest, MalformedJsonFallsBackToRawIndicators) {
  KerasConfigFacts f = Walk(R"({"module": "keras", "class_name": "Sequential", "config": {
    "layers": [{"module": "os", "class_name": "Lambda", "config": {"function":
      {"class_name": "__lambda__", "config": {"code": "AAAA"}}, "function_type": "lambda",
      "x": "enable_unsafe_deserialization TorchModuleWrapper"}}, )");
  EXPECT_EQ(f.status.code(), StatusCode::kMalformed);
  EXPECT_TRUE(f.status.has_offset());
  EXPECT_FALSE(f.parsed);
  EXPECT_EQ(f.lambdas.size(), 3u);  // "__lambda__", "Lambda", function_type lambda
  EXPECT_EQ(f.safe_mode.size(), 1u);
  EXPECT_EQ(f.torch_modules.size(), 1u);
  ASSERT_EQ(f.objects.size(), 2u);
  EXPECT_EQ(f.objects[0].verdict, ModuleVerdict::kAllowed);
  EXPECT_EQ(f.objects[1].verdict, ModuleVerdict::kDenied);
}

TEST(KerasConfigTest, InvalidUtf8IsMalformed) {
  KerasConfigFacts f = Walk("{\"a\": \"\xff\xfe\"}");
  EXPECT_EQ(f.status.code(), StatusCode::kMalformed);
  EXPECT_FALSE(f.parsed);
}

TEST(KerasConfigTest, DepthLimitInPrePass) {
  KerasLimits limits;
  limits.max_depth = 10;
  std::string deep(11, '[');
  deep += std::string(11, ']');
  KerasConfigFacts f = Walk(deep, limits);
  EXPECT_EQ(f.status.code(), StatusCode::kLimitExceeded);
  EXPECT_FALSE(f.parsed);
  std::string ok(10, '[');
  ok += std::string(10, ']');
  EXPECT_TRUE(Walk(ok, limits).status.ok());
}

TEST(KerasConfigTest, DeepNestingWithinLimitsNeedsNoRecursion) {
  // 80 nested Sequential models (240 levels) with a Lambda at the bottom.
  std::string json;
  for (int i = 0; i < 80; ++i) json += R"({"class_name": "Sequential", "config": {"layers": [)";
  json += R"({"class_name": "__lambda__", "config": {}})";
  for (int i = 0; i < 80; ++i) json += "]}}";
  KerasConfigFacts f = Walk(json);
  ASSERT_TRUE(f.status.ok()) << f.status.ToString();
  EXPECT_EQ(f.lambdas.size(), 1u);
  EXPECT_EQ(f.layer_count, 80u);
}

TEST(KerasConfigTest, NodeLimitInPrePassAndWalker) {
  KerasLimits limits;
  limits.max_nodes = 5;
  EXPECT_EQ(Walk("[1,2,3,4,5,6,7]", limits).status.code(), StatusCode::kLimitExceeded);
  // No commas: only the walker's count sees it.
  KerasConfigFacts f = Walk(R"({"a": {"b": {"c": {"d": {"e": {"f": 1}}}}}})", limits);
  EXPECT_EQ(f.status.code(), StatusCode::kLimitExceeded);
  EXPECT_TRUE(f.parsed);
}

TEST(KerasConfigTest, ConfigSizeLimit) {
  KerasLimits limits;
  limits.max_config_bytes = 8;
  KerasConfigFacts f = Walk(R"({"class_name": "__lambda__"})", limits);
  EXPECT_EQ(f.status.code(), StatusCode::kLimitExceeded);
  EXPECT_TRUE(f.lambdas.empty());
}

TEST(KerasConfigTest, FactLimitKeepsFirstFacts) {
  KerasLimits limits;
  limits.max_facts = 2;
  KerasConfigFacts f = Walk(R"([{"class_name": "__lambda__"}, {"class_name": "__lambda__"},
                                 {"class_name": "__lambda__"}])",
                            limits);
  EXPECT_EQ(f.lambdas.size(), 2u);
  EXPECT_EQ(f.status.code(), StatusCode::kLimitExceeded);
}

TEST(KerasConfigTest, ObjectLimit) {
  KerasLimits limits;
  limits.max_objects = 1;
  KerasConfigFacts f = Walk(R"([{"class_name": "A"}, {"class_name": "B"}])", limits);
  EXPECT_EQ(f.objects.size(), 1u);
  EXPECT_EQ(f.status.code(), StatusCode::kLimitExceeded);
}

TEST(KerasConfigTest, OddKeysArePrintableInPaths) {
  KerasConfigFacts f = Walk("{\"we\\u0001ird key\": {\"class_name\": \"__lambda__\"}}");
  ASSERT_EQ(f.lambdas.size(), 1u);
  EXPECT_EQ(f.lambdas[0].path, "$[\"we?ird key\"]");
}

TEST(KerasConfigTest, DecodeBase64) {
  auto s = [](const Result<std::vector<uint8_t>>& r) { return std::string(r->begin(), r->end()); };
  EXPECT_EQ(s(DecodeBase64("aGVsbG8=", 100)), "hello");
  EXPECT_EQ(s(DecodeBase64("aGVs\nbG8", 100)), "hello");        // newline, no padding
  EXPECT_EQ(s(DecodeBase64("aGVsbA==trailing", 100)), "hell");  // stops at completed padding
  EXPECT_EQ(s(DecodeBase64("-_-_", 100)), s(DecodeBase64("+/+/", 100)));
  EXPECT_EQ(s(DecodeBase64("a!G#V$s", 100)), "hel");  // Python discards junk characters
  EXPECT_EQ(DecodeBase64("aGVsb", 100).status().code(), StatusCode::kMalformed);
  EXPECT_EQ(DecodeBase64("aGVsbG8=", 4).status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(DecodeBase64("aGVsbA==", 3).status().code(), StatusCode::kLimitExceeded);
  EXPECT_TRUE(DecodeBase64("", 0)->empty());
}

TEST(KerasConfigTest, MarshalStrings) {
  // 0xe1 = 'a' | FLAG_REF: an ascii string with a 4-byte length.
  std::string m = FakeMarshal() + std::string("\xe1\x04\x00\x00\x00", 5) + "echo" + "\xda\x02os";
  EXPECT_EQ(MarshalStrings(AsBytes(m), 16, 200), "os,system,echo");
  EXPECT_EQ(MarshalStrings(AsBytes(m), 1, 200), "os");
  EXPECT_EQ(MarshalStrings(AsBytes(m), 16, 4), "os,s...");
  // A long-string length running past the end is ignored, not read.
  EXPECT_EQ(MarshalStrings(AsBytes(std::string("\xe1\xff\x00\x00\x00"
                                               "ab",
                                               7)),
                           16, 200),
            "");
}

TEST(KerasConfigTest, LooksLikeKerasConfig) {
  EXPECT_TRUE(LooksLikeKerasConfig(AsBytes(kBenignSequential)));
  EXPECT_TRUE(LooksLikeKerasConfig(AsBytes("\xEF\xBB\xBF {\"class_name\": 1, \"config\": 2}")));
  EXPECT_FALSE(LooksLikeKerasConfig(AsBytes("[{\"class_name\": 1, \"config\": 2}]")));
  EXPECT_FALSE(LooksLikeKerasConfig(AsBytes("{\"architectures\": [\"Bert\"]}")));
  EXPECT_FALSE(LooksLikeKerasConfig(AsBytes("")));
}

}  // namespace
}  // namespace aigis::formats::keras
