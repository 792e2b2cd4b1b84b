// `aigis scan`'s options as CLI11 declares them: aigis-full's parser, the authority on the syntax.
// Apart from cmd_scan.cc so that tests/cli/scan_command_test.cc can hold ParseScanArgs to it.
#include <CLI/CLI.hpp>

#include "cli/scan_command.h"

namespace aigis::cli {

void AddScanOptions(CLI::App& sub, ScanArgs* args) {
  sub.add_option("paths", args->paths, "Files or folders to scan")->required();
  sub.add_option("-f,--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  sub.add_option("-o,--output", args->output,
                 "Write the report to this file (- = standard output)");
  sub.add_option("--fail-on", args->fail_on,
                 "Exit 1 when a finding is at or above this severity (default: suspicious)")
      ->check(CLI::IsMember({"info", "suspicious", "malicious"}));
  sub.add_option("-c,--config", args->config, "aigis YAML config file (uses its scan: section)");
  sub.add_option("--allow", args->allow,
                 "Extra allowed pickle global (module.name or module.*); repeatable");
  sub.add_option("-j,--threads", args->threads, "Worker threads (default: cores + 1)");
#ifdef AIGIS_SCAN_VERIFY
  sub.add_option("--verify-key", args->verify_key,
                 "Verify the OpenSSF Model Signing bundle with this public key first; scan only "
                 "what verifies");
  sub.add_option("--verify-cert-chain", args->verify_chain,
                 "Verify with these trusted root certificates instead of a key (repeatable)");
  sub.add_option("--signature", args->signature, "Signature bundle (default: model.sig)");
#endif
  sub.add_flag("-v,--verbose", args->verbose, "List clean files and info findings too");
  sub.add_flag("--no-progress", args->no_progress, "No progress line on the terminal");
}

}  // namespace aigis::cli
