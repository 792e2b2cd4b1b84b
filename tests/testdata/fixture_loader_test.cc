// Proves the pickle-family detection fixtures in tests/testdata/models/ are real: runs
// gen/check_loads.py (every malicious fixture with runs_payload=true creates its marker file when
// Python loads it, every benign fixture loads), and checks manifest.json against the files on disk.
// Single-threaded; shells out to python3 via popen.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace aigis::testdata {
namespace {

namespace fs = std::filesystem;

const fs::path kTestdata = fs::path(AIGIS_SOURCE_DIR) / "tests" / "testdata";
const fs::path kModels = kTestdata / "models";

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) result.output.append(buf, n);
  const int status = pclose(pipe);
  result.exit_code = (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
  return result;
}

// The first interpreter that can import torch: $AIGIS_PYTHON, Debian's /usr/bin/python3 (where
// python3-torch installs), then python3 from PATH.
std::optional<std::string> FindPythonWithTorch() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("AIGIS_PYTHON"); env != nullptr && *env != '\0') {
    candidates.emplace_back(env);
  }
  candidates.emplace_back("/usr/bin/python3");
  candidates.emplace_back("python3");
  for (const std::string& py : candidates) {
    if (RunCommand(Quote(py) + " -c 'import torch'").exit_code == 0) return py;
  }
  return std::nullopt;
}

std::optional<nlohmann::json> LoadManifest() {
  std::ifstream in(kModels / "manifest.json");
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json doc = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return std::nullopt;
  return doc;
}

TEST(FixtureLoaderTest, EveryFixtureBehavesAsManifestSays) {
  if (RunCommand("python3 --version").exit_code != 0 && !fs::exists("/usr/bin/python3")) {
    GTEST_SKIP() << "python3 not found: cannot prove the fixtures' payloads run";
  }
  const std::optional<std::string> python = FindPythonWithTorch();
  if (!python) {
    GTEST_SKIP() << "no python3 with the torch module (Debian: apt-get install python3-torch "
                    "python3-sklearn python3-joblib python3-dill); fixtures not verified";
  }
  const fs::path script = kTestdata / "gen" / "check_loads.py";
  const CommandResult r = RunCommand(Quote(*python) + " " + Quote(script.string()));
  // On failure show the end of the JSON summary and the FAILED lines.
  const std::string tail =
      r.output.size() > 6000 ? r.output.substr(r.output.size() - 6000) : r.output;
  EXPECT_EQ(r.exit_code, 0) << "check_loads.py (" << *python << ") failed:\n" << tail;
  EXPECT_NE(r.output.find("\"failed\": 0"), std::string::npos) << tail;
}

TEST(FixtureLoaderTest, ManifestListsExactlyTheFilesUnderModels) {
  const std::optional<nlohmann::json> manifest = LoadManifest();
  ASSERT_TRUE(manifest.has_value()) << "cannot read/parse " << (kModels / "manifest.json");
  ASSERT_TRUE(manifest->is_array());
  ASSERT_FALSE(manifest->empty());

  std::set<std::string> listed;
  for (const nlohmann::json& e : *manifest) {
    ASSERT_TRUE(e.is_object());
    ASSERT_TRUE(e.contains("file") && e["file"].is_string()) << e.dump();
    const std::string file = e["file"].get<std::string>();
    EXPECT_TRUE(listed.insert(file).second) << "listed twice: " << file;
    EXPECT_TRUE(fs::is_regular_file(kModels / file)) << "listed but missing: " << file;
    ASSERT_TRUE(e.contains("expect") && e["expect"].is_string()) << file;
    const std::string expect = e["expect"].get<std::string>();
    EXPECT_TRUE(expect == "malicious" || expect == "suspicious" || expect == "clean") << file;
    // benign/ holds only clean fixtures, malicious/ none.
    EXPECT_EQ(file.rfind("benign/", 0) == 0, expect == "clean") << file;
    EXPECT_TRUE(file.rfind("benign/", 0) == 0 || file.rfind("malicious/", 0) == 0) << file;
    EXPECT_TRUE(e.contains("technique") && e["technique"].is_string() &&
                !e["technique"].get<std::string>().empty())
        << file;
    EXPECT_TRUE(e.contains("loader") && e["loader"].is_string() &&
                !e["loader"].get<std::string>().empty())
        << file;
    ASSERT_TRUE(e.contains("runs_payload") && e["runs_payload"].is_boolean()) << file;
    if (expect == "clean") {
      EXPECT_FALSE(e["runs_payload"].get<bool>()) << file;
    }
  }

  std::error_code ec;
  size_t on_disk = 0;
  for (fs::recursive_directory_iterator it(kModels, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string rel = fs::relative(it->path(), kModels).generic_string();
    if (rel == "manifest.json") continue;
    ++on_disk;
    EXPECT_EQ(listed.count(rel), 1u) << "file under models/ not in manifest.json: " << rel;
  }
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(on_disk, listed.size());
}

}  // namespace
}  // namespace aigis::testdata
