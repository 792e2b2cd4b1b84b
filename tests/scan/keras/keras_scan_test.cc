#include "scan/keras_scan.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "formats/zip/zip_reader.h"
#include "scan/scan_options.h"
#include "testing/fake_context.h"

namespace aigis::scan {
namespace {

const std::string kDir = std::string(AIGIS_SOURCE_DIR) + "/tests/testdata/keras/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Member {
  std::string name;
  std::vector<uint8_t> data;
};

std::vector<Member> ZipMembers(const std::string& bytes) {
  std::vector<Member> out;
  auto archive = formats::zip::ZipArchive::Open(AsBytes(bytes), formats::zip::ZipLimits());
  if (!archive.ok()) return out;
  for (const auto& e : archive->entries()) {
    auto m = archive->Read(e.index);
    if (!m.ok()) continue;
    out.push_back(Member{e.name, std::vector<uint8_t>(m->data.begin(), m->data.end())});
  }
  return out;
}

std::string Describe(const testing::FakeContext& ctx) {
  std::string s;
  for (const Finding& f : ctx.findings) {
    s += "  " + f.rule + " [" + std::string(SeverityName(f.severity)) + "] " + f.message + " | " +
         f.evidence + "\n";
  }
  return s;
}

// Scans one fixture like the scanner would: a .keras zip's config.json with AnalyzeKerasConfig
// and its model.weights.h5 with AnalyzeHdf5; an .h5 file with AnalyzeHdf5. Findings of all parts
// are merged into `merged`.
void ScanFixture(const std::string& rel, testing::FakeContext& merged) {
  std::string bytes = ReadFile(kDir + rel);
  ASSERT_FALSE(bytes.empty()) << rel;
  if (rel.size() > 6 && rel.substr(rel.size() - 6) == ".keras") {
    std::vector<Member> members = ZipMembers(bytes);
    ASSERT_EQ(members.size(), 3u) << rel;
    for (const Member& m : members) {
      testing::FakeContext part(merged.options(), rel);
      if (m.name == "config.json") {
        AnalyzeKerasConfig(ByteView(m.data), part);
        EXPECT_EQ(part.format, "keras");
        merged.format = part.format;
        merged.properties = part.properties;
      } else if (m.name == "model.weights.h5") {
        AnalyzeHdf5(ByteView(m.data), part);
        EXPECT_EQ(part.format, "hdf5") << rel;
        EXPECT_EQ(part.MaxSeverity(), Severity::kInfo) << rel << "\n" << Describe(part);
      } else {
        continue;
      }
      for (Finding& f : part.findings) merged.findings.push_back(f);
      for (ChildItem& c : part.children) merged.children.push_back(c);
    }
  } else {
    AnalyzeHdf5(AsBytes(bytes), merged);
  }
}

TEST(KerasScanTest, EveryManifestFixtureMeetsItsExpectation) {
  std::string text = ReadFile(kDir + "manifest.json");
  ASSERT_FALSE(text.empty());
  nlohmann::json manifest = nlohmann::json::parse(text);
  ASSERT_TRUE(manifest.is_array());
  int malicious = 0, clean = 0;
  ScanOptions opts;
  for (const auto& entry : manifest) {
    std::string file = entry.at("file");
    std::string expect = entry.at("expect");
    SCOPED_TRACE(file);
    testing::FakeContext ctx(opts, file);
    ScanFixture(file, ctx);
    if (expect == "clean") {
      ++clean;
      EXPECT_EQ(ctx.MaxSeverity(), Severity::kInfo) << Describe(ctx);
      EXPECT_FALSE(ctx.format.empty());
    } else {
      ++malicious;
      Severity want = expect == "malicious" ? Severity::kMalicious : Severity::kSuspicious;
      EXPECT_GE(ctx.MaxSeverity(), want) << Describe(ctx);
      std::string rule = entry.at("rule");
      EXPECT_TRUE(ctx.HasRule(rule)) << "missing " << rule << "\n" << Describe(ctx);
    }
  }
  EXPECT_GE(clean, 10);
  EXPECT_GE(malicious, 25);
}

TEST(KerasScanTest, TorchModuleWrapperPayloadBecomesAChild) {
  ScanOptions opts;
  testing::FakeContext ctx(opts, "t.keras");
  ScanFixture("malicious/cve_2025_49655_torch_module_wrapper.keras", ctx);
  ASSERT_TRUE(ctx.HasRule("keras.torch-module-wrapper")) << Describe(ctx);
  ASSERT_EQ(ctx.children.size(), 1u);
  const ChildItem& c = ctx.children[0];
  EXPECT_NE(c.owner, nullptr);
  ASSERT_GE(c.data.size(), 2u);
  // torch.save() writes a zip (data.pkl inside); without torch the generator writes a pickle.
  bool zip = c.data[0] == 'P' && c.data[1] == 'K';
  bool pickle = c.data[0] == 0x80;
  EXPECT_TRUE(zip || pickle);
  EXPECT_NE(c.name.find("config.module"), std::string::npos);
}

TEST(KerasScanTest, BenignProperties) {
  ScanOptions opts;
  testing::FakeContext ctx(opts, "m.keras");
  ScanFixture("benign/functional_cnn.keras", ctx);
  EXPECT_EQ(ctx.properties["architecture"], "Functional");
  EXPECT_EQ(ctx.properties["layers"], "5");

  testing::FakeContext h5(opts, "m.h5");
  ScanFixture("benign/legacy_sequential.h5", h5);
  EXPECT_EQ(h5.format, "keras-h5");
  EXPECT_EQ(h5.properties["architecture"], "Sequential");
  EXPECT_EQ(h5.properties["keras_version"], "2.12.0");
  EXPECT_EQ(h5.properties["backend"], "tensorflow");
  EXPECT_EQ(h5.properties["parameters"], "36");
  EXPECT_EQ(h5.properties["dtypes"], "F32");
  EXPECT_GT(h5.bytes_examined, 0u);
}

TEST(KerasScanTest, LambdaEvidenceNamesTheCode) {
  ScanOptions opts;
  testing::FakeContext ctx(opts, "k2.h5");
  ScanFixture("malicious/k2_lambda.h5", ctx);
  ASSERT_TRUE(ctx.HasRule("keras.lambda"));
  bool named = false;
  for (const Finding& f : ctx.findings) {
    if (f.rule == "keras.lambda" && f.evidence.find("system") != std::string::npos &&
        f.evidence.find("model_config:") != std::string::npos) {
      named = true;
    }
  }
  EXPECT_TRUE(named) << Describe(ctx);
}

TEST(KerasScanTest, MalformedConfigIsSuspiciousWithOffset) {
  ScanOptions opts;
  testing::FakeContext ctx(opts, "c.json");
  AnalyzeKerasConfig(AsBytes("{\"class_name\": \"Sequential\", \"config\": "), ctx);
  EXPECT_EQ(ctx.format, "keras");
  ASSERT_TRUE(ctx.HasRule("keras.malformed"));
  EXPECT_EQ(ctx.MaxSeverity(), Severity::kSuspicious);
  for (const Finding& f : ctx.findings) {
    if (f.rule == "keras.malformed") {
      EXPECT_TRUE(f.location.has_offset);
    }
  }
}

TEST(KerasScanTest, DeepConfigIsALimitFinding) {
  ScanOptions opts;
  testing::FakeContext ctx(opts, "c.json");
  std::string deep(100000, '[');
  AnalyzeKerasConfig(AsBytes(deep), ctx);
  EXPECT_TRUE(ctx.HasRule("keras.limit"));
}

TEST(KerasScanTest, RepeatedFindingsAreSummarised) {
  std::string json = "[";
  for (int i = 0; i < 60; ++i)
    json += std::string(i ? "," : "") + "{\"class_name\":\"__lambda__\"}";
  json += "]";
  ScanOptions opts;
  testing::FakeContext ctx(opts, "c.json");
  AnalyzeKerasConfig(AsBytes(json), ctx);
  int lambdas = 0;
  bool summary = false;
  for (const Finding& f : ctx.findings) {
    if (f.rule != "keras.lambda") continue;
    ++lambdas;
    if (f.message.find("10 more") != std::string::npos) summary = true;
  }
  EXPECT_EQ(lambdas, 51);
  EXPECT_TRUE(summary);
}

TEST(KerasScanTest, NotHdf5IsMalformedHdf5) {
  ScanOptions opts;
  testing::FakeContext ctx(opts, "x.h5");
  AnalyzeHdf5(AsBytes("definitely not hdf5"), ctx);
  EXPECT_EQ(ctx.format, "hdf5");
  EXPECT_TRUE(ctx.HasRule("hdf5.malformed"));
}

}  // namespace
}  // namespace aigis::scan
