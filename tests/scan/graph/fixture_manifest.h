// Test helper: loads tests/testdata/graph/manifest.json (written by
// tests/testdata/graph/gen/make_graph_fixtures.py) and the fixture bytes.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/finding.h"

namespace aigis::testing {

struct GraphFixture {
  std::string file;  // relative to tests/testdata/graph
  std::string technique;
  std::string expect;  // "clean", "suspicious", "malicious"
  std::string rule;    // a rule that must fire (not for clean fixtures)

  std::string path() const {
    return std::string(AIGIS_SOURCE_DIR) + "/tests/testdata/graph/" + file;
  }
  std::string Read() const {
    std::ifstream in(path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  Severity expected_severity() const {
    return expect == "malicious"    ? Severity::kMalicious
           : expect == "suspicious" ? Severity::kSuspicious
                                    : Severity::kInfo;
  }
};

// Fixtures whose file starts with `prefix` ("onnx/", "tensorflow/").
inline std::vector<GraphFixture> LoadGraphFixtures(const std::string& prefix) {
  std::ifstream in(std::string(AIGIS_SOURCE_DIR) + "/tests/testdata/graph/manifest.json");
  std::vector<GraphFixture> out;
  nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    GraphFixture f;
    f.file = e.value("file", "");
    if (f.file.rfind(prefix, 0) != 0) continue;
    f.technique = e.value("technique", "");
    f.expect = e.value("expect", "");
    f.rule = e.value("rule", "");
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace aigis::testing
