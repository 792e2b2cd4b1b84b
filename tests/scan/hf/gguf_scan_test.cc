#include "scan/gguf_scan.h"

#include <gtest/gtest.h>

#include "formats/gguf/gguf_test_builder.h"
#include "formats/jinja/chat_templates.h"
#include "testing/fake_context.h"

namespace aigis::scan {
namespace {

using aigis::testing::FakeContext;
using aigis::testing::GgufBuilder;

TEST(GgufScan, BenignFacts) {
  std::string b = GgufBuilder(3)
                      .Str("general.architecture", "llama")
                      .Str("general.name", "tiny")
                      .Str("general.license", "mit")
                      .U32("general.file_type", 7)
                      .Str("tokenizer.chat_template", std::string(aigis::testing::kChatMlTemplate))
                      .Tensor("a", {32, 2}, 8, 0)
                      .Tensor("b", {4}, 0, 96)
                      .Build(128);
  ScanOptions opts;
  FakeContext ctx(opts);
  AnalyzeGguf(AsBytes(b), ctx);
  EXPECT_TRUE(ctx.findings.empty()) << ctx.findings[0].rule << " " << ctx.findings[0].message;
  EXPECT_EQ(ctx.format, "gguf");
  EXPECT_EQ(ctx.properties["gguf.version"], "3");
  EXPECT_EQ(ctx.properties["architecture"], "llama");
  EXPECT_EQ(ctx.properties["name"], "tiny");
  EXPECT_EQ(ctx.properties["license"], "mit");
  EXPECT_EQ(ctx.properties["parameters"], "68");
  EXPECT_EQ(ctx.properties["quantization"], "MOSTLY_Q8_0");
  EXPECT_EQ(ctx.properties["dtypes"], "F32,Q8_0");
  EXPECT_EQ(ctx.properties["chat_templates"], "1");
  EXPECT_LT(ctx.bytes_examined, b.size());
}

TEST(GgufScan, SstiInDefaultAndNamedTemplates) {
  std::string b = GgufBuilder(3)
                      .Str("tokenizer.chat_template", std::string(aigis::testing::kChatMlTemplate))
                      .StrArray("tokenizer.chat_templates", {"tool_use", "missing"})
                      .Str("tokenizer.chat_template.tool_use",
                           std::string(aigis::testing::kCve202434359Template))
                      .Build();
  ScanOptions opts;
  FakeContext ctx(opts);
  AnalyzeGguf(AsBytes(b), ctx);
  EXPECT_EQ(ctx.MaxSeverity(), Severity::kMalicious);
  EXPECT_TRUE(ctx.HasRule("template.ssti.dunder"));
  EXPECT_TRUE(ctx.HasRule("gguf.chat-template-missing"));
  // Offsets point into the file, at or after the template string.
  for (const Finding& f : ctx.findings) {
    EXPECT_TRUE(f.location.has_offset);
    EXPECT_LT(f.location.offset, b.size());
  }
}

TEST(GgufScan, TemplateWithWrongType) {
  std::string b = GgufBuilder(3).U32("tokenizer.chat_template", 5).Build();
  ScanOptions opts;
  FakeContext ctx(opts);
  AnalyzeGguf(AsBytes(b), ctx);
  EXPECT_TRUE(ctx.HasRule("gguf.chat-template-type"));
}

TEST(GgufScan, MalformedAndMetadataCode) {
  ScanOptions opts;
  FakeContext ctx(opts);
  std::string bad = "GGUF";
  GgufBuilder::Le(bad, 3, 4);
  GgufBuilder::Le(bad, 0, 8);
  GgufBuilder::Le(bad, 1ull << 40, 8);
  AnalyzeGguf(AsBytes(bad), ctx);
  EXPECT_TRUE(ctx.HasRule("gguf.limit"));
  FakeContext ctx2(opts);
  std::string m = GgufBuilder(3).Str("general.description", "<script>alert(1)</script>").Build();
  AnalyzeGguf(AsBytes(m), ctx2);
  EXPECT_TRUE(ctx2.HasRule("gguf.metadata.code"));
}

TEST(GgufScan, ChatTemplateAdapter) {
  ScanOptions opts;
  FakeContext ctx(opts);
  AnalyzeChatTemplate("{{ lipsum.__globals__ }}", ctx, 100);
  ASSERT_FALSE(ctx.findings.empty());
  EXPECT_GE(ctx.findings[0].location.offset, 100u);
  EXPECT_EQ(ctx.findings[0].category, "template-injection");
  FakeContext ctx2(opts);
  std::string t(aigis::testing::kLlama3Template);
  AnalyzeChatTemplateFile(AsBytes(t), ctx2);
  EXPECT_TRUE(ctx2.findings.empty());
  EXPECT_EQ(ctx2.format, "jinja-template");
}

TEST(GgufScan, Sniffer) {
  EXPECT_TRUE(LooksLikeGguf(AsBytes(GgufBuilder(2).Build())));
  EXPECT_FALSE(LooksLikeGguf(AsBytes(std::string("GGUF"))));
}

}  // namespace
}  // namespace aigis::scan
