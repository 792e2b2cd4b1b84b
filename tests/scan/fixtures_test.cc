// Runs the scanner over every generated fixture listed in a manifest.json under tests/testdata/
// and checks the verdict: malicious/suspicious fixtures must reach at least their expected
// verdict, benign ones must be clean (zero findings at suspicious or above).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "scan/pickle_policy.h"
#include "scan/scanner.h"

namespace aigis::scan {
namespace {

namespace fs = std::filesystem;

struct Fixture {
  std::string manifest;
  std::string file;
  std::string technique;
  std::string expect;
};

std::vector<Fixture> LoadAll() {
  std::vector<Fixture> out;
  fs::path root = fs::path(AIGIS_SOURCE_DIR) / "tests" / "testdata";
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->path().filename() != "manifest.json") continue;
    std::ifstream in(it->path());
    nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded()) {
      ADD_FAILURE() << "bad manifest " << it->path();
      continue;
    }
    const nlohmann::json& list =
        doc.is_array() ? doc : doc.value("fixtures", nlohmann::json::array());
    for (const auto& e : list) {
      Fixture f;
      f.manifest = it->path().string();
      f.file = (it->path().parent_path() / e.value("file", "")).string();
      f.technique = e.value("technique", "");
      f.expect = e.value("expect", "");
      out.push_back(std::move(f));
    }
  }
  return out;
}

Verdict Worst(const ScanReport& r) {
  Verdict v = Verdict::kClean;
  for (const auto& f : r.files)
    if (f.verdict > v && f.verdict != Verdict::kUnsupported) v = f.verdict;
  return v;
}

TEST(FixturesTest, EveryFixtureGetsItsExpectedVerdict) {
  std::vector<Fixture> all = LoadAll();
  if (all.empty()) GTEST_SKIP() << "no fixture manifests under tests/testdata";
  ScanOptions o;
  o.pickle_policy = *PicklePolicy::LoadDefault();
  Scanner scanner(o);
  int checked = 0;
  for (const auto& f : all) {
    SCOPED_TRACE(f.file + " [" + f.technique + "]");
    ASSERT_TRUE(fs::exists(f.file)) << "listed in " << f.manifest;
    ScanReport r = scanner.Scan({f.file});
    Verdict got = Worst(r);
    std::string detail;
    for (const auto& fr : r.files)
      for (const auto& x : fr.findings)
        detail += "\n  " + std::string(SeverityName(x.severity)) + " " + x.rule + " " + x.message;
    if (f.expect == "malicious") {
      EXPECT_EQ(got, Verdict::kMalicious) << detail;
    } else if (f.expect == "suspicious") {
      EXPECT_GE(got, Verdict::kSuspicious) << detail;
    } else if (f.expect == "clean") {
      EXPECT_LE(got, Verdict::kClean) << detail;
      for (const auto& fr : r.files) EXPECT_TRUE(fr.analysed || fr.format == "text") << fr.path;
    } else {
      ADD_FAILURE() << "unknown expectation '" << f.expect << "'";
    }
    ++checked;
  }
  std::printf("checked %d fixtures\n", checked);
}

}  // namespace
}  // namespace aigis::scan
