// `aigis scan PATH...`: its arguments, the two parsers that fill them, and the run.
// aigis-full parses with CLI11 (AddScanOptions), which is the authority on the syntax, its help and
// its errors. The lean `aigis` parses with ParseScanArgs, which accepts only the plainest
// spellings and hands everything else to aigis-full (docs/architecture.md, "Two executables").
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace aigis::cli {

struct ScanArgs {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::string fail_on;
  std::string config;
  std::vector<std::string> allow;
  int threads = -1;
  std::string verify_key;                 // --verify-key: OMS public key
  std::vector<std::string> verify_chain;  // --verify-cert-chain: trusted roots
  std::string signature;                  // --signature: bundle path (default: OMS default)
  bool verbose = false;
  bool no_progress = false;

  bool operator==(const ScanArgs&) const = default;
};

// Adds scan's options to the `scan` subcommand `sub`, storing into *args.
void AddScanOptions(CLI::App& sub, ScanArgs* args);

// argv as main got it, argv[1] == "scan". Returns the arguments when every one uses a spelling this
// parser reads exactly as CLI11 does (tests/cli/scan_command_test.cc holds the two together);
// nullopt for anything else, valid or not: --help, --config, -fjson, "--", repeated options, a
// value that starts with '-', ... Never prints.
std::optional<ScanArgs> ParseScanArgs(int argc, char** argv);

// Runs the scan and returns the exit code (or ends the process with it).
int RunScan(const ScanArgs& a);

}  // namespace aigis::cli
