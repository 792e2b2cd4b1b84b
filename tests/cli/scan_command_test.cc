// ParseScanArgs (the lean `aigis`'s parser) against CLI11 (aigis-full's): whatever the first
// accepts, the second must read the same way; everything else must be left to CLI11.
#include "cli/scan_command.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <random>
#include <string>
#include <vector>

namespace aigis::cli {
namespace {

struct Argv {
  explicit Argv(std::vector<std::string> args) : strings(std::move(args)) {
    strings.insert(strings.begin(), {"aigis", "scan"});
    for (auto& s : strings) ptrs.push_back(s.data());
    ptrs.push_back(nullptr);
  }
  int argc() const { return static_cast<int>(strings.size()); }
  char** argv() { return ptrs.data(); }
  std::vector<std::string> strings;
  std::vector<char*> ptrs;
};

std::optional<ScanArgs> Fast(const std::vector<std::string>& args) {
  Argv a(args);
  return ParseScanArgs(a.argc(), a.argv());
}

// aigis-full's reading: nullopt when CLI11 rejects the command line.
std::optional<ScanArgs> Cli11(const std::vector<std::string>& args) {
  Argv a(args);
  CLI::App app{"aigis"};
  app.require_subcommand(1);
  ScanArgs parsed;
  AddScanOptions(*app.add_subcommand("scan", "scan"), &parsed);
  try {
    app.parse(a.argc(), a.argv());
  } catch (const CLI::ParseError&) {
    return std::nullopt;
  }
  return parsed;
}

std::string Show(const std::vector<std::string>& args) {
  std::string s = "scan";
  for (const auto& a : args) s += " [" + a + "]";
  return s;
}

TEST(ScanCommandTest, PlainCommandLinesAreReadAsCli11ReadsThem) {
  const std::vector<std::vector<std::string>> lines = {
      {"a.pt"},
      {"a.pt", "b.pt", "models/"},
      {"-f", "json", "a.pt"},
      {"--format", "sarif", "a.pt"},
      {"--format=text", "a.pt"},
      {"a.pt", "--format", "json"},
      {"-o", "report.json", "a.pt"},
      {"--output=-", "a.pt"},
      {"--output", "r.sarif", "-f", "sarif", "a.pt"},
      {"--fail-on", "malicious", "a.pt"},
      {"--fail-on=info", "a.pt"},
      {"-j", "4", "a.pt"},
      {"--threads=0", "a.pt"},
      {"--threads", "12", "a.pt", "b.pt"},
      {"-v", "a.pt"},
      {"--verbose", "--no-progress", "a.pt"},
      {"a.pt", "--allow", "pkg.mod.Class"},
      {"a.pt", "--allow=pkg.*", "--allow", "x.y", "-v"},
      {"--allow", "x.y", "-v", "a.pt"},
      {"a=b.pt", "dir with space/", "m\xc3\xa9t\xc3\xa9o.pt"},
      {"-f", "json", "-o", "r.json", "--fail-on", "info", "-j", "2", "-v", "--no-progress", "a.pt",
       "b.pt"},
  };
  for (const auto& line : lines) {
    auto fast = Fast(line);
    ASSERT_TRUE(fast.has_value()) << Show(line) << " should not need CLI11";
    auto full = Cli11(line);
    ASSERT_TRUE(full.has_value()) << Show(line) << ": CLI11 rejects it";
    EXPECT_EQ(*fast, *full) << Show(line);
  }
  auto all = Fast({"-f", "sarif", "-o", "r", "--fail-on", "info", "-j", "3", "-v", "--no-progress",
                   "a", "--allow", "x.y"});
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->format, "sarif");
  EXPECT_EQ(all->output, "r");
  EXPECT_EQ(all->fail_on, "info");
  EXPECT_EQ(all->threads, 3);
  EXPECT_TRUE(all->verbose && all->no_progress);
  EXPECT_EQ(all->paths, std::vector<std::string>{"a"});
  EXPECT_EQ(all->allow, std::vector<std::string>{"x.y"});
}

TEST(ScanCommandTest, EverythingElseIsLeftToCli11) {
  const std::vector<std::vector<std::string>> lines = {
      {},  // no path: CLI11's error message
      {"--help"},
      {"a.pt", "-h"},
      {"-c", "aigis.yaml", "a.pt"},  // config files: yaml-cpp is in aigis-full only
      {"--config=aigis.yaml", "a.pt"},
      {"--verify-key", "k.pem", "a.pt"},  // OpenSSL is in aigis-full only
      {"--verify-cert-chain", "root.pem", "a.pt"},
      {"--signature", "s.sig", "a.pt"},
      {"-fjson", "a.pt"},  // short options with attached values or bundled flags
      {"-vj4", "a.pt"},
      {"--", "-odd-name.pt"},
      {"a.pt", "++"},  // CLI11: end of scan's arguments
      {"++"},
      {"-"},
      {""},
      {"-f", "xml", "a.pt"},  // CLI11 words the error
      {"-f", "json", "-f", "sarif", "a.pt"},
      {"-v", "-v", "a.pt"},
      {"--verbose=true", "a.pt"},
      {"-j", "-1", "a.pt"},
      {"-j", "0x4", "a.pt"},
      {"-j", "04", "a.pt"},
      {"-j", "four", "a.pt"},
      {"-j", "9999999", "a.pt"},
      {"--allow", "x.y", "a.pt"},  // CLI11 decides whether a.pt is a second global
      {"--allow=x.y", "a.pt"},
      {"-o", "-", "a.pt"},
      {"--output=", "a.pt"},
      {"a.pt", "-o"},
      {"--no-such-option", "a.pt"},
  };
  for (const auto& line : lines) EXPECT_FALSE(Fast(line).has_value()) << Show(line);
}

TEST(ScanCommandTest, OnlyScanIsParsed) {
  std::vector<std::string> s = {"aigis", "guard", "a.pt"};
  std::vector<char*> p;
  for (auto& x : s) p.push_back(x.data());
  p.push_back(nullptr);
  EXPECT_FALSE(ParseScanArgs(3, p.data()).has_value());
}

// Random command lines from scan's vocabulary: whenever the fast parser accepts one, CLI11 accepts
// it with the same meaning.
TEST(ScanCommandTest, RandomCommandLinesNeverDisagree) {
  const std::vector<std::string> tokens = {"a.pt",     "b.pt",       "-f",
                                           "--format", "json",       "text",
                                           "xml",      "-o",         "out",
                                           "-",        "--output=-", "--fail-on",
                                           "info",     "malicious",  "-j",
                                           "4",        "0",          "--threads=2",
                                           "-v",       "--verbose",  "--no-progress",
                                           "--allow",  "x.y",        "--allow=z.*",
                                           "--",       "-c",         "c.yaml",
                                           "--help",   "-fjson",     "--format=sarif",
                                           "",         "-x",         "--output",
                                           "++"};
  std::mt19937 rng(20261129);
  int accepted = 0;
  for (int n = 0; n < 20000; ++n) {
    std::vector<std::string> line;
    const int len = static_cast<int>(rng() % 7);
    for (int k = 0; k < len; ++k) line.push_back(tokens[rng() % tokens.size()]);
    auto fast = Fast(line);
    if (!fast) continue;
    ++accepted;
    auto full = Cli11(line);
    ASSERT_TRUE(full.has_value()) << Show(line) << ": accepted here, rejected by CLI11";
    ASSERT_EQ(*fast, *full) << Show(line);
  }
  EXPECT_GT(accepted, 1000);  // the property was tested on many command lines, not vacuously
}

}  // namespace
}  // namespace aigis::cli
