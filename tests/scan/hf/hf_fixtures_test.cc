// Runs every fixture in tests/testdata/hf/manifest.json through the hf adapters and checks the
// verdict: malicious fixtures flagged malicious, suspicious ones suspicious, benign ones clean
// (no finding above info). adapter_expect overrides expect where the full-scan verdict depends on
// another engine (a pickle appended to a safetensors file is judged by the pickle analyzer).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/mapped_file.h"
#include "scan/gguf_scan.h"
#include "scan/hf_repo_scan.h"
#include "scan/safetensors_scan.h"
#include "testing/fake_context.h"

namespace aigis::scan {
namespace {

namespace fs = std::filesystem;
const fs::path kDir = fs::path(AIGIS_SOURCE_DIR) / "tests" / "testdata" / "hf";

std::string Dump(const aigis::testing::FakeContext& ctx) {
  std::string s;
  for (const Finding& f : ctx.findings)
    s += "  " + std::string(SeverityName(f.severity)) + " " + f.rule + ": " + f.message + "\n";
  return s;
}

TEST(HfFixtures, EveryFixtureGetsItsVerdict) {
  std::ifstream in(kDir / "manifest.json");
  ASSERT_TRUE(in.good()) << "run tests/testdata/hf/gen/make_hf_fixtures.py";
  nlohmann::json manifest = nlohmann::json::parse(in, nullptr, false);
  ASSERT_TRUE(manifest.is_array());
  ASSERT_GE(manifest.size(), 40u);
  int malicious = 0, clean = 0;
  for (const auto& e : manifest) {
    const std::string file = e["file"];
    std::string expect = e.value("adapter_expect", e["expect"].get<std::string>());
    const fs::path p = kDir / file;
    ScanOptions opts;
    aigis::testing::FakeContext ctx(opts, p.string());
    if (fs::is_directory(p)) {
      AnalyzeHfRepository(p.string(), ctx);
    } else {
      auto m = MappedFile::Open(p.string());
      ASSERT_TRUE(m.ok()) << file;
      if (file.ends_with(".gguf"))
        AnalyzeGguf(m->view(), ctx);
      else
        AnalyzeSafetensors(m->view(), ctx);
    }
    const Severity got = ctx.MaxSeverity();
    if (expect == "clean") {
      ++clean;
      EXPECT_EQ(got, Severity::kInfo) << file << "\n" << Dump(ctx);
    } else if (expect == "suspicious") {
      EXPECT_EQ(got, Severity::kSuspicious) << file << "\n" << Dump(ctx);
    } else {
      ++malicious;
      EXPECT_EQ(got, Severity::kMalicious) << file << "\n" << Dump(ctx);
    }
    if (e.contains("rule")) {
      const std::string rule = e["rule"];
      bool found = false;
      for (const Finding& f : ctx.findings) found |= f.rule.rfind(rule, 0) == 0;
      EXPECT_TRUE(found) << file << " lacks " << rule << "\n" << Dump(ctx);
    }
  }
  EXPECT_GE(malicious, 10);
  EXPECT_GE(clean, 8);
}

}  // namespace
}  // namespace aigis::scan
