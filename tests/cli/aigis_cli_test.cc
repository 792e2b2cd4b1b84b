// Runs the built `aigis` binary as CI would and checks exit codes and reports.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct RunResult {
  int code;
  std::string out;
};

// Runs `bin args`; stderr is dropped, or merged into `out` when `with_stderr`.
RunResult RunBinary(const std::string& bin, const std::string& args, bool with_stderr) {
  std::string cmd = bin + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null");
  RunResult r{-1, ""};
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

RunResult Exec(const std::string& args) { return RunBinary(AIGIS_BIN, args, false); }

std::string Src(const std::string& rel) { return std::string(AIGIS_SOURCE_DIR) + "/" + rel; }

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("aigis_cli_" + std::to_string(::getpid()) + "_" + std::to_string(n_++));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  static inline int n_ = 0;
  fs::path path_;
};

TEST(AigisCliTest, ExitCodes) {
  EXPECT_EQ(Exec("scan " + Src("examples/benign")).code, 0);
  EXPECT_EQ(Exec("scan " + Src("examples")).code, 1);
  EXPECT_EQ(Exec("scan --fail-on malicious " + Src("examples/benign")).code, 0);
  // The benign checkpoint is clean with an info finding (zip.zip64): --fail-on info fails the
  // build, and the text report names the file (and JSON keeps the finding) though it is clean.
  RunResult info = Exec("scan --fail-on info " + Src("examples/benign"));
  EXPECT_EQ(info.code, 1);
  EXPECT_NE(info.out.find("CLEAN  " + Src("examples/benign/tiny_cnn.pt")), std::string::npos)
      << info.out;
  EXPECT_NE(info.out.find("zip.zip64"), std::string::npos) << info.out;
  EXPECT_EQ(Exec("scan --fail-on info --format json " + Src("examples/benign")).code, 1);
  EXPECT_EQ(Exec("scan " + Src("examples/benign")).out.find("tiny_cnn.pt"), std::string::npos);
  EXPECT_EQ(Exec("scan /nonexistent/path/for/aigis").code, 2);
  EXPECT_EQ(Exec("scan --format bogus " + Src("examples")).code, 2);
  EXPECT_EQ(Exec("scan").code, 2);
  // Only a README: nothing analysed is never a pass.
  TempDir d;
  std::ofstream(d.path() / "README.md") << "# notes\n";
  EXPECT_EQ(Exec("scan " + d.path().string()).code, 2);
}

TEST(AigisCliTest, JsonReportFields) {
  RunResult r = Exec("scan --format json " + Src("examples"));
  ASSERT_EQ(r.code, 1);
  auto doc = nlohmann::json::parse(r.out);
  bool saw_malicious = false;
  for (const auto& f : doc["files"]) {
    ASSERT_TRUE(f.contains("path") && f.contains("verdict") && f.contains("findings"));
    if (f["verdict"] == "malicious") {
      saw_malicious = true;
      const auto& x = f["findings"][0];
      EXPECT_TRUE(x.contains("rule") && x.contains("severity") && x.contains("message") &&
                  x.contains("member") && x.contains("offset"));
    }
  }
  EXPECT_TRUE(saw_malicious);
}

// "-o -" means standard output (it used to create a file named "-").
TEST(AigisCliTest, OutputDashIsStandardOutput) {
  TempDir dir;
  const std::string cd = "cd " + dir.path().string() + " && ";
  RunResult scan = Exec("scan --format json -o - " + Src("examples/benign"));
  EXPECT_EQ(scan.code, 0);
  EXPECT_TRUE(nlohmann::json::parse(scan.out, nullptr, false).is_object()) << scan.out;
  RunResult bom = Exec("bom -o - " + Src("examples/benign"));
  EXPECT_TRUE(nlohmann::json::parse(bom.out, nullptr, false).is_object()) << bom.out;
  // Run from the temp dir: no file named "-" may appear there.
  std::string cmd =
      cd + AIGIS_BIN + std::string(" scan -o - ") + Src("examples/benign") + " >/dev/null 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_FALSE(fs::exists(dir.path() / "-"));
}

TEST(AigisCliTest, ConfigAllowListAndUnknownKeys) {
  TempDir d;
  std::ofstream(d.path() / "bad.yaml") << "scan:\n  fail_onn: malicious\n";
  EXPECT_EQ(Exec("scan --config " + (d.path() / "bad.yaml").string() + " " + Src("examples")).code,
            2);
  std::ofstream(d.path() / "ok.yaml") << "scan:\n  fail_on: malicious\n";
  EXPECT_EQ(Exec("scan --config " + (d.path() / "ok.yaml").string() + " " + Src("examples")).code,
            1);
}

TEST(AigisCliTest, BomIsDeterministic) {
  RunResult a = Exec("bom " + Src("examples"));
  RunResult b = Exec("bom " + Src("examples"));
  ASSERT_EQ(a.code, 0);
  EXPECT_EQ(a.out, b.out);
  auto doc = nlohmann::json::parse(a.out);
  EXPECT_EQ(doc["specVersion"], "1.6");
  EXPECT_GE(doc["components"].size(), 2u);
  // Model files carry their SHA-256 (cmd_bom supplies the digest to the scanner).
  size_t hashed = 0;
  for (const auto& c : doc["components"])
    if (c.contains("hashes") && c["hashes"][0]["alg"] == "SHA-256" &&
        c["hashes"][0]["content"].get<std::string>().size() == 64)
      ++hashed;
  EXPECT_GE(hashed, 2u) << a.out;
  if (std::system("/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "python3-jsonschema not installed: schema validation skipped";
  TempDir d;
  std::ofstream(d.path() / "bom.json") << a.out;
  std::string cmd = "/usr/bin/python3 " + Src("tests/report/validate_json.py") + " cyclonedx " +
                    (d.path() / "bom.json").string();
  EXPECT_EQ(std::system(cmd.c_str()), 0);
}

TEST(AigisCliTest, ScanVerifyScansOnlyWhatVerifies) {
  if (Exec("sign --help").code != 0) GTEST_SKIP() << "built without the sign module";
  if (std::system("openssl version >/dev/null 2>&1") != 0) GTEST_SKIP() << "no openssl binary";
  TempDir d;
  fs::path model = d.path() / "model";
  fs::create_directories(model);
  fs::copy_file(Src("examples/benign/tiny_cnn.pt"), model / "tiny_cnn.pt");
  std::string key = (d.path() / "key.pem").string(), pub = (d.path() / "pub.pem").string();
  ASSERT_EQ(std::system(("openssl ecparam -name prime256v1 -genkey -noout -out " + key +
                         " 2>/dev/null && openssl ec -in " + key + " -pubout -out " + pub +
                         " 2>/dev/null")
                            .c_str()),
            0);
  std::string sig = (d.path() / "model.sig").string();
  ASSERT_EQ(Exec("sign --key " + key + " --signature " + sig + " " + model.string()).code, 0);
  EXPECT_EQ(Exec("scan --verify-key " + pub + " --signature " + sig + " " + model.string()).code,
            0);
  // Tampering: the file no longer matches its signed digest, so nothing is scanned: exit 1.
  std::ofstream(model / "tiny_cnn.pt", std::ios::app) << "x";
  EXPECT_EQ(Exec("scan --verify-key " + pub + " --signature " + sig + " " + model.string()).code,
            1);
}

// main.cc registers only the subcommand named by argv[1] (start-up cost): every top-level command
// that --help lists must still parse on its own, and anything else must still fail as before.
TEST(AigisCliTest, EachSubcommandParsesWhenRegisteredAlone) {
  RunResult version = Exec("--version");
  EXPECT_EQ(version.code, 0);
  EXPECT_EQ(version.out.rfind("aigis ", 0), 0u) << version.out;
  RunResult help = Exec("--help");
  ASSERT_EQ(help.code, 0);
  size_t at = help.out.find("Subcommands:");
  ASSERT_NE(at, std::string::npos) << help.out;
  std::istringstream lines(help.out.substr(at));
  std::string line;
  std::vector<std::string> names;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string name;
    if (words >> name) names.push_back(name);
  }
  ASSERT_GE(names.size(), 2u) << help.out;
  for (const std::string& name : names) {
    RunResult sub = Exec(name + " --help");
    EXPECT_EQ(sub.code, 0) << name;
    EXPECT_NE(sub.out.find(name), std::string::npos) << name << ": " << sub.out;
  }
  EXPECT_EQ(Exec("no-such-command").code, 2);
  EXPECT_EQ(Exec("").code, 2);
  EXPECT_EQ(Exec("scan --no-such-flag " + Src("examples/benign")).code, 2);
}

// aigis links zlib, xz, zstd and (outside sanitizer builds) libstdc++ statically but hidden; the
// archive and HDF5 plugins bring their own shared copies (libarchive, libhdf5, libstdc++.so). Both
// must work in one process.
TEST(AigisCliTest, PluginsWorkBesideTheStaticLibraries) {
  RunResult sevenz =
      Exec("scan " + Src("tests/testdata/models/malicious/torch/nullifai_7z_torch_archive.7z"));
  EXPECT_EQ(sevenz.code, 1);
  EXPECT_NE(sevenz.out.find("pickle.global.denied"), std::string::npos) << sevenz.out;
  RunResult h5 = Exec("scan " + Src("tests/testdata/keras/benign/legacy_sequential.h5"));
  EXPECT_EQ(h5.code, 0) << h5.out;
  EXPECT_NE(h5.out.find("1 clean"), std::string::npos) << h5.out;
}

// `aigis` runs scan itself and execs aigis-full (next to it) for everything else. Alone in a
// folder it still scans, and every other command, and a scan that asks for signature checks, fail
// with a message naming aigis-full: never a scan that skipped the verification it was asked for.
TEST(AigisCliTest, LeanBinaryWithoutAigisFull) {
  TempDir d;
  fs::path lone = d.path() / "aigis";
  fs::copy_file(AIGIS_BIN, lone);
  auto run = [&](const std::string& args) { return RunBinary(lone.string(), args, true); };
  EXPECT_EQ(run("scan " + Src("examples/benign")).code, 0);
  EXPECT_EQ(run("scan " + Src("examples")).code, 1);
  EXPECT_EQ(run("--version").code, 0);
  for (const std::string& args :
       {std::string("guard --help"), std::string("--help"), std::string("bom ") + Src("examples"),
        std::string("no-such-command")}) {
    RunResult r = run(args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_NE(r.out.find("aigis-full"), std::string::npos) << args << ": " << r.out;
  }
  if (Exec("sign --help").code != 0) return;  // built without the sign module
  RunResult verify =
      run("scan --verify-key " + Src("examples/benign/tiny_cnn.pt") + " " + Src("examples/benign"));
  EXPECT_EQ(verify.code, 2);
  EXPECT_NE(verify.out.find("aigis-full"), std::string::npos) << verify.out;
  EXPECT_EQ(verify.out.find("CLEAN"), std::string::npos) << verify.out;
}

}  // namespace
