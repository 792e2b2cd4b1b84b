#include "scan/hf_repo_scan.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "formats/jinja/chat_templates.h"
#include "testing/fake_context.h"

namespace aigis::scan {
namespace {

using aigis::testing::FakeContext;
namespace fs = std::filesystem;

void Json(FakeContext& ctx, const std::string& text) { AnalyzeHfJson(AsBytes(text), ctx); }

TEST(HfJson, AutoMapLocalAndCrossRepo) {
  ScanOptions opts;
  FakeContext ctx(opts);
  Json(ctx, R"({"architectures":["X"],"auto_map":{"AutoConfig":"configuration_x.XConfig",)"
            R"("AutoTokenizer":["tokenization_x.XTok",null]}})");
  EXPECT_TRUE(ctx.HasRule("hf.remote-code"));
  EXPECT_EQ(ctx.MaxSeverity(), Severity::kSuspicious);
  EXPECT_EQ(ctx.properties["architecture"], "X");
  bool saw_module = false;
  for (const Finding& f : ctx.findings)
    saw_module |= f.message.find("tokenization_x.py") != std::string::npos;
  EXPECT_TRUE(saw_module);

  FakeContext ctx2(opts);
  Json(ctx2, R"({"auto_map":{"AutoModel":"org/repo--modeling_y.YModel"}})");
  EXPECT_TRUE(ctx2.HasRule("hf.remote-code.cross-repo"));
  EXPECT_EQ(ctx2.MaxSeverity(), Severity::kMalicious);
}

TEST(HfJson, CustomPipelinesAndTrustRemoteCode) {
  ScanOptions opts;
  FakeContext ctx(opts);
  Json(ctx, R"({"custom_pipelines":{"t":{"impl":"pipe.P"}},"trust_remote_code":true})");
  EXPECT_TRUE(ctx.HasRule("hf.custom-pipeline"));
  EXPECT_TRUE(ctx.HasRule("hf.trust-remote-code"));
  FakeContext ctx2(opts);
  Json(ctx2, R"({"custom_pipelines":{"t":{"impl":"a/b--pipe.P"}}})");
  EXPECT_TRUE(ctx2.HasRule("hf.remote-code.cross-repo"));
}

TEST(HfJson, ChatTemplateStringAndList) {
  ScanOptions opts;
  FakeContext ctx(opts);
  Json(ctx, R"({"chat_template":"{{ x.__class__ }}"})");
  EXPECT_TRUE(ctx.HasRule("template.ssti.dunder"));
  FakeContext ctx2(opts);
  Json(
      ctx2,
      R"({"chat_template":[{"name":"default","template":"{{ m }}"},{"name":"t","template":"{{ cycler.x }}"}]})");
  EXPECT_TRUE(ctx2.HasRule("template.ssti.gadget"));
  FakeContext ctx3(opts);
  Json(ctx3, R"({"chat_template":5})");
  EXPECT_TRUE(ctx3.HasRule("hf.json.chat-template-type"));
}

TEST(HfJson, MalformedDeepDuplicate) {
  ScanOptions opts;
  FakeContext ctx(opts);
  Json(ctx, "{\"a\": ");
  EXPECT_TRUE(ctx.HasRule("hf.json.malformed"));
  FakeContext ctx2(opts);
  Json(ctx2, "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}");
  EXPECT_TRUE(ctx2.HasRule("hf.json.too-deep"));
  FakeContext ctx3(opts);
  Json(ctx3, R"({"auto_map":{"AutoModel":"m.A"},"auto_map":{}})");
  EXPECT_TRUE(ctx3.HasRule("hf.json.duplicate-key"));
  FakeContext ctx4(opts);
  Json(ctx4, R"({"auto_map":"x"})");
  EXPECT_TRUE(ctx4.HasRule("hf.json.auto-map-type"));
}

TEST(HfJson, BenignConfigIsClean) {
  ScanOptions opts;
  FakeContext ctx(opts);
  std::string tmpl(aigis::testing::kQwenToolTemplate);
  std::string text = R"({"model_type":"qwen2","torch_dtype":"bfloat16","chat_template":)";
  // JSON-escape the template.
  text += "\"";
  for (char c : tmpl) {
    if (c == '"' || c == '\\') text += '\\';
    if (c == '\n') {
      text += "\\n";
      continue;
    }
    text += c;
  }
  text += "\"}";
  Json(ctx, text);
  EXPECT_TRUE(ctx.findings.empty()) << ctx.findings[0].rule << ": " << ctx.findings[0].message;
  EXPECT_EQ(ctx.properties["model_type"], "qwen2");
}

TEST(HfPython, DangerousAndBenign) {
  ScanOptions opts;
  FakeContext ctx(opts);
  std::string bad =
      "import os\n# exec(ignored comment)\nos.system('id')\nexec(base64.b64decode(x))\n";
  AnalyzePythonSource(AsBytes(bad), ctx);
  EXPECT_EQ(ctx.MaxSeverity(), Severity::kMalicious);
  EXPECT_TRUE(ctx.HasRule("hf.remote-code.dangerous-python"));
  FakeContext ctx2(opts);
  std::string good =
      "import torch\nclass M:\n  def f(self):\n    self.eval()\n    torch.compile(self)\n";
  AnalyzePythonSource(AsBytes(good), ctx2);
  EXPECT_TRUE(ctx2.HasRule("hf.remote-code.python"));
  EXPECT_FALSE(ctx2.HasRule("hf.remote-code.dangerous-python"));
  EXPECT_EQ(ctx2.MaxSeverity(), Severity::kSuspicious);
}

TEST(HfLfs, PointerDetected) {
  std::string p = "version https://git-lfs.github.com/spec/v1\noid sha256:abcd\nsize 123\n";
  EXPECT_TRUE(LooksLikeLfsPointer(AsBytes(p)));
  ScanOptions opts;
  FakeContext ctx(opts);
  AnalyzeLfsPointer(AsBytes(p), ctx);
  ASSERT_TRUE(ctx.HasRule("hf.lfs-pointer"));
  EXPECT_NE(ctx.findings[0].message.find("123"), std::string::npos);
  EXPECT_FALSE(LooksLikeLfsPointer(AsBytes(std::string("{\"a\":1}"))));
}

TEST(HfNames, ExtensionsAndSniffers) {
  EXPECT_EQ(ExpectedFormatForExtension("dir/model.SafeTensors"), "safetensors");
  EXPECT_EQ(ExpectedFormatForExtension("pytorch_model.bin"), "pytorch");
  EXPECT_EQ(ExpectedFormatForExtension("x.gguf"), "gguf");
  EXPECT_EQ(ExpectedFormatForExtension("README"), "");
  EXPECT_TRUE(LooksLikeHfConfigJson("a/b/config.json", AsBytes(std::string("  {\"x\":1}"))));
  EXPECT_FALSE(LooksLikeHfConfigJson("a/b/config.json", AsBytes(std::string("[1]"))));
  EXPECT_FALSE(LooksLikeHfConfigJson("vocab.json", AsBytes(std::string("{}"))));
  EXPECT_TRUE(LooksLikeChatTemplateFile("chat_template.jinja"));
  EXPECT_FALSE(LooksLikeChatTemplateFile("jinja"));
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/aigis_hf_XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  void Write(const std::string& rel, const std::string& content) {
    fs::path p = fs::path(path_) / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(HfRepository, WalksFolder) {
  TempDir d;
  d.Write("config.json", R"({"architectures":["A"],"auto_map":{"AutoModel":"modeling_a.A"}})");
  d.Write("modeling_a.py", "import torch\n");
  d.Write("model.safetensors", std::string("\x80\x04\x95", 3) + "pickle");
  d.Write("sub/model-00001.safetensors",
          "version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 9\n");
  d.Write(".git/config.json", R"({"auto_map":{"AutoModel":"x/y--evil.E"}})");
  d.Write("chat_template.jinja", "{{ ''.__class__ }}");
  d.Write("README.md",
          "---\nlicense: apache-2.0\ndatasets:\n  - org/data-a\n  - \"org/data-b\"\n"
          "language: [en, fr]\ntags:\n- x\n---\n# Model\nlicense: not-this\n");
  fs::create_symlink("/etc/passwd", fs::path(d.path()) / "link.json");
  ScanOptions opts;
  FakeContext ctx(opts, d.path());
  AnalyzeHfRepository(d.path(), ctx);
  EXPECT_EQ(ctx.format, "hf-repository");
  EXPECT_TRUE(ctx.HasRule("hf.remote-code"));
  EXPECT_TRUE(ctx.HasRule("hf.remote-code.python"));
  EXPECT_TRUE(ctx.HasRule("hf.extension-mismatch"));
  EXPECT_TRUE(ctx.HasRule("hf.lfs-pointer"));
  EXPECT_TRUE(ctx.HasRule("template.ssti.dunder"));
  EXPECT_TRUE(ctx.HasRule("hf.symlink"));
  EXPECT_FALSE(ctx.HasRule("hf.remote-code.cross-repo"));  // .git is skipped
  EXPECT_EQ(ctx.properties["architecture"], "A");
  EXPECT_EQ(ctx.properties["card.license"], "apache-2.0");
  EXPECT_EQ(ctx.properties["card.datasets"], "org/data-a,org/data-b");
  EXPECT_EQ(ctx.properties["card.language"], "en, fr");
  EXPECT_EQ(ctx.properties.count("card.tags"), 0u);
  bool named = false;
  for (const Finding& f : ctx.findings) named |= f.message.rfind("modeling_a.py: ", 0) == 0;
  EXPECT_TRUE(named);

  HfRepoOptions only_names;
  only_names.analyse_files = false;
  FakeContext ctx2(opts, d.path());
  AnalyzeHfRepository(d.path(), ctx2, only_names);
  EXPECT_TRUE(ctx2.HasRule("hf.extension-mismatch"));
  EXPECT_FALSE(ctx2.HasRule("hf.remote-code"));

  HfRepoOptions few;
  few.max_files = 1;
  FakeContext ctx3(opts, d.path());
  AnalyzeHfRepository(d.path(), ctx3, few);
  EXPECT_TRUE(ctx3.HasRule("hf.limit"));
}

TEST(HfRepository, MissingDirectory) {
  ScanOptions opts;
  FakeContext ctx(opts);
  AnalyzeHfRepository("/nonexistent/aigis/dir", ctx);
  EXPECT_TRUE(ctx.HasRule("hf.unreadable"));
}

}  // namespace
}  // namespace aigis::scan
