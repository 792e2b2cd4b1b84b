#include "report/cyclonedx.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace aigis::report {
namespace {

ScanReport Sample() {
  ScanReport r;
  FileReport m;
  m.path = "repo/model.safetensors";
  m.format = "safetensors";
  m.analysed = true;
  m.sha256 = std::string(64, 'a');
  m.properties = {{"parameters", "1234"}, {"dtypes", "F32,F16"}};
  m.verdict = VerdictFor(m);
  FileReport p;
  p.path = "repo/pytorch_model.bin";
  p.format = "pytorch-zip";
  p.analysed = true;
  p.sha256 = std::string(64, 'b');
  Finding f;
  f.rule = "pickle.global.denied";
  f.severity = Severity::kMalicious;
  p.findings.push_back(f);
  p.verdict = VerdictFor(p);
  FileReport readme;
  readme.path = "repo/README.md";
  readme.format = "text";
  readme.verdict = VerdictFor(readme);
  r.files = {m, p, readme};
  return r;
}

BomOptions Options() {
  BomOptions o;
  o.subject = "repo";
  ModelCardInfo card;
  card.license = "apache-2.0";
  card.datasets = {"wikitext", "c4"};
  card.architecture = "LlamaForCausalLM";
  card.pipeline_tag = "text-generation";
  o.cards["repo"] = card;
  return o;
}

TEST(CycloneDxTest, ModelsDatasetsAndVerdicts) {
  std::ostringstream out;
  WriteCycloneDx(Sample(), Options(), out);
  auto doc = nlohmann::json::parse(out.str());
  EXPECT_EQ(doc["bomFormat"], "CycloneDX");
  EXPECT_EQ(doc["specVersion"], "1.6");
  EXPECT_FALSE(doc["metadata"].contains("timestamp"));
  const auto& comps = doc["components"];
  ASSERT_EQ(comps.size(), 4u);  // 2 models + 2 datasets; README is not a model
  EXPECT_EQ(comps[0]["type"], "machine-learning-model");
  EXPECT_EQ(comps[0]["hashes"][0]["alg"], "SHA-256");
  EXPECT_EQ(comps[0]["licenses"][0]["license"]["name"], "apache-2.0");
  EXPECT_EQ(comps[0]["modelCard"]["modelParameters"]["modelArchitecture"], "LlamaForCausalLM");
  EXPECT_EQ(comps[0]["modelCard"]["modelParameters"]["datasets"].size(), 2u);
  bool verdict_prop = false;
  for (const auto& p : comps[1]["properties"])
    if (p["name"] == "aigis:verdict") verdict_prop = p["value"] == "malicious";
  EXPECT_TRUE(verdict_prop);
  EXPECT_EQ(comps[2]["type"], "data");
}

TEST(CycloneDxTest, DeterministicAndTimestampOnlyWhenAsked) {
  std::ostringstream a, b, c;
  WriteCycloneDx(Sample(), Options(), a);
  WriteCycloneDx(Sample(), Options(), b);
  EXPECT_EQ(a.str(), b.str());
  BomOptions o = Options();
  o.timestamp = "2026-11-26T00:00:00Z";
  WriteCycloneDx(Sample(), o, c);
  auto doc = nlohmann::json::parse(c.str());
  EXPECT_EQ(doc["metadata"]["timestamp"], "2026-11-26T00:00:00Z");
  EXPECT_EQ(doc["serialNumber"], nlohmann::json::parse(a.str())["serialNumber"]);
  // A different model changes the serial number.
  ScanReport other = Sample();
  other.files[0].sha256 = std::string(64, 'c');
  std::ostringstream d;
  WriteCycloneDx(other, Options(), d);
  EXPECT_NE(nlohmann::json::parse(d.str())["serialNumber"], doc["serialNumber"]);
}

TEST(CycloneDxTest, ValidAgainstTheSchema) {
  if (std::system("/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "python3-jsonschema not installed: schema validation skipped";
  std::ostringstream out;
  BomOptions o = Options();
  o.timestamp = "2026-11-26T00:00:00Z";
  WriteCycloneDx(Sample(), o, out);
  auto path = std::filesystem::temp_directory_path() /
              ("aigis_bom_" + std::to_string(::getpid()) + ".json");
  { std::ofstream(path) << out.str(); }
  std::string cmd = std::string("/usr/bin/python3 ") + AIGIS_SOURCE_DIR +
                    "/tests/report/validate_json.py cyclonedx " + path.string();
  int rc = std::system(cmd.c_str());
  std::filesystem::remove(path);
  EXPECT_EQ(rc, 0) << "CycloneDX output failed schema validation";
}

}  // namespace
}  // namespace aigis::report
