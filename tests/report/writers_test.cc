#include "report/writers.h"

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
  FileReport bad;
  bad.path = "models/evil.pt";
  bad.format = "pytorch-zip";
  bad.analysed = true;
  bad.size = 100;
  Finding f;
  f.rule = "pickle.global.denied";
  f.severity = Severity::kMalicious;
  f.message = "imports posix.system";
  f.evidence = "posix.system";
  f.category = "code-execution";
  f.location.path = bad.path;
  f.location.member = "evil/data.pkl";
  f.location.offset = 0x2a;
  f.location.has_offset = true;
  bad.findings.push_back(f);
  Finding g = f;
  g.rule = "zip.crc-mismatch";
  g.severity = Severity::kSuspicious;
  g.message = "bad \x1b[31m crc";
  g.location.has_offset = false;
  bad.findings.push_back(g);
  bad.verdict = VerdictFor(bad);
  FileReport ok;
  ok.path = "models/good.safetensors";
  ok.format = "safetensors";
  ok.analysed = true;
  ok.verdict = VerdictFor(ok);
  FileReport unk;
  unk.path = "README.md";
  unk.format = "text";
  unk.verdict = VerdictFor(unk);
  r.files = {bad, ok, unk};
  r.bytes_total = 200;
  r.bytes_examined = 50;
  return r;
}

TEST(VerdictTest, FindingsWinOverErrors) {
  FileReport f;
  f.error = "I/O error";
  EXPECT_EQ(VerdictFor(f), Verdict::kError);
  Finding m;
  m.severity = Severity::kMalicious;
  f.findings.push_back(m);
  EXPECT_EQ(VerdictFor(f), Verdict::kMalicious);
  FileReport u;
  EXPECT_EQ(VerdictFor(u), Verdict::kUnsupported);
  u.analysed = true;
  EXPECT_EQ(VerdictFor(u), Verdict::kClean);
}

TEST(WritersTest, JsonHasDocumentedFields) {
  std::ostringstream out;
  WriteJson(Sample(), WriterOptions{}, out);
  auto doc = nlohmann::json::parse(out.str());
  ASSERT_EQ(doc["files"].size(), 3u);
  const auto& f0 = doc["files"][0];
  EXPECT_EQ(f0["path"], "models/evil.pt");
  EXPECT_EQ(f0["verdict"], "malicious");
  ASSERT_EQ(f0["findings"].size(), 2u);
  EXPECT_EQ(f0["findings"][0]["rule"], "pickle.global.denied");
  EXPECT_EQ(f0["findings"][0]["severity"], "malicious");
  EXPECT_EQ(f0["findings"][0]["member"], "evil/data.pkl");
  EXPECT_EQ(f0["findings"][0]["offset"], 42);
  EXPECT_TRUE(f0["findings"][1]["offset"].is_null());
  EXPECT_EQ(doc["files"][1]["verdict"], "clean");
  EXPECT_EQ(doc["files"][2]["verdict"], "unsupported");
  EXPECT_EQ(doc["summary"]["malicious"], 1);
}

TEST(WritersTest, TextEscapesControlCharacters) {
  std::ostringstream out;
  WriteText(Sample(), WriterOptions{}, out);
  std::string s = out.str();
  EXPECT_NE(s.find("MALICIOUS  models/evil.pt"), std::string::npos);
  EXPECT_EQ(s.find('\x1b'), std::string::npos);
  EXPECT_NE(s.find("\\x1b"), std::string::npos);
  EXPECT_NE(s.find("Summary: 3 files: 1 malicious"), std::string::npos);
}

// A clean file with an info finding is listed only when that level fails the build (--fail-on
// info), so exit code 1 never comes with a report that names no file.
TEST(WritersTest, TextListsCleanFilesWithFindingsAtTheFailLevel) {
  ScanReport r = Sample();
  Finding z;
  z.rule = "zip.zip64";
  z.severity = Severity::kInfo;
  z.message = "ZIP64 end of central directory record";
  r.files[1].findings.push_back(z);
  ASSERT_EQ(VerdictFor(r.files[1]), Verdict::kClean);
  auto text = [&r](std::optional<Severity> at) {
    WriterOptions o;
    o.list_clean_at = at;
    std::ostringstream out;
    WriteText(r, o, out);
    return out.str();
  };
  EXPECT_EQ(text(std::nullopt).find("models/good.safetensors"), std::string::npos);
  EXPECT_EQ(text(Severity::kSuspicious).find("models/good.safetensors"), std::string::npos);
  std::string info = text(Severity::kInfo);
  EXPECT_NE(info.find("CLEAN  models/good.safetensors"), std::string::npos) << info;
  EXPECT_NE(info.find("info  zip.zip64"), std::string::npos) << info;
  EXPECT_NE(info.find("MALICIOUS  models/evil.pt"), std::string::npos);
}

// JSON and SARIF are streamed (large arrays element by element) but must read exactly as one
// nlohmann document dumped with indent 2: re-dumping the parsed output gives the same bytes, for a
// full report, an empty one and one with only errors; invalid UTF-8 is replaced either way.
TEST(WritersTest, StreamedJsonAndSarifAreFormattedAsOneDocument) {
  ScanReport full = Sample();
  full.files[0].properties = {{"pickle.count", "1"}, {"pickle.protocol", "2"}};
  full.files[0].members = {"evil/data.pkl: pickle", "evil/version: text"};
  full.files[1].error = "bad \xff byte";
  full.errors = {"/missing: no such file or directory"};
  full.elapsed_seconds = 0.125;
  ScanReport empty;
  ScanReport errors_only;
  errors_only.errors = {"a", "b"};
  for (const ScanReport* r : {&full, &empty, &errors_only}) {
    using StreamWriter = void (*)(const ScanReport&, const WriterOptions&, std::ostream&);
    for (StreamWriter write : {StreamWriter{&WriteJson}, StreamWriter{&WriteSarif}}) {
      std::ostringstream out;
      write(*r, WriterOptions{}, out);
      const std::string s = out.str();
      auto doc = nlohmann::json::parse(s);
      EXPECT_EQ(doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", s);
    }
  }
  std::ostringstream out;
  WriteJson(full, WriterOptions{}, out);
  auto doc = nlohmann::json::parse(out.str());
  EXPECT_EQ(doc["files"].size(), 3u);
  EXPECT_EQ(doc["files"][0]["members"].size(), 2u);
  EXPECT_EQ(doc["files"][1]["error"], "bad \xef\xbf\xbd byte");  // U+FFFD
  EXPECT_EQ(doc["errors"].size(), 1u);
  EXPECT_EQ(doc["summary"]["files"], 3u);
}

TEST(WritersTest, SarifIsValidAgainstTheSchema) {
  std::ostringstream out;
  WriteSarif(Sample(), WriterOptions{}, out);
  auto doc = nlohmann::json::parse(out.str());
  EXPECT_EQ(doc["version"], "2.1.0");
  const auto& run = doc["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), 2u);
  EXPECT_EQ(run["results"].size(), 2u);
  EXPECT_EQ(run["results"][0]["level"], "error");
  EXPECT_EQ(run["results"][1]["level"], "warning");

  EXPECT_TRUE(run["invocations"][0]["executionSuccessful"].get<bool>());
  ScanReport failed = Sample();
  failed.errors.push_back("/missing: no such file or directory");
  failed.files[0].path = "models/evil #1.pt";
  std::ostringstream out2;
  WriteSarif(failed, WriterOptions{}, out2);
  auto doc2 = nlohmann::json::parse(out2.str());
  EXPECT_FALSE(doc2["runs"][0]["invocations"][0]["executionSuccessful"].get<bool>());
  EXPECT_EQ(
      doc2["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
      "models/evil%20%231.pt");
  if (std::system("/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "python3-jsonschema not installed: schema validation skipped";
  auto path = std::filesystem::temp_directory_path() /
              ("aigis_sarif_" + std::to_string(::getpid()) + ".json");
  { std::ofstream(path) << out.str(); }
  std::string cmd = std::string("/usr/bin/python3 ") + AIGIS_SOURCE_DIR +
                    "/tests/report/validate_json.py sarif " + path.string();
  int rc = std::system(cmd.c_str());
  std::filesystem::remove(path);
  EXPECT_EQ(rc, 0) << "SARIF output failed schema validation";
}

// Out hands its bytes over in order, in chunks for large reports, formats numbers like printf, and
// reports a failed write.
TEST(WritersTest, OutFlushesInOrderAndReportsWriteErrors) {
  std::string got;
  size_t calls = 0;
  {
    Out out([&](std::string_view s) {
      got.append(s);
      ++calls;
      return true;
    });
    out << "n=" << 0 << ' ' << -12 << ' ' << uint64_t{18446744073709551615u} << ' ' << size_t{42};
    for (int i = 0; i < 20000; ++i) out << std::string_view("0123456789");
    EXPECT_TRUE(out.Flush());
  }
  EXPECT_EQ(got.substr(0, 35), "n=0 -12 18446744073709551615 420123");
  EXPECT_EQ(got.size(), 31 + 200000u);
  EXPECT_GT(calls, 1u);  // 200 KB went out in chunks, not held whole

  int attempts = 0;
  Out failing([&](std::string_view) {
    ++attempts;
    return false;
  });
  WriteJson(Sample(), WriterOptions{}, failing);
  EXPECT_FALSE(failing.Flush());
  EXPECT_FALSE(failing.Flush());  // stays failed
  EXPECT_EQ(attempts, 1);         // nothing more is written after a failure
}

// The Out and std::ostream forms write the same bytes.
TEST(WritersTest, OutAndStreamFormsAgree) {
  using OutWriter = void (*)(const ScanReport&, const WriterOptions&, Out&);
  using StreamWriter = void (*)(const ScanReport&, const WriterOptions&, std::ostream&);
  const std::pair<OutWriter, StreamWriter> writers[] = {
      {&WriteText, &WriteText}, {&WriteJson, &WriteJson}, {&WriteSarif, &WriteSarif}};
  for (const auto& [to_out, to_stream] : writers) {
    std::string a;
    {
      Out out([&](std::string_view s) {
        a.append(s);
        return true;
      });
      to_out(Sample(), WriterOptions{}, out);
    }
    std::ostringstream b;
    to_stream(Sample(), WriterOptions{}, b);
    EXPECT_FALSE(a.empty());
    EXPECT_EQ(a, b.str());
  }
}

}  // namespace
}  // namespace aigis::report
