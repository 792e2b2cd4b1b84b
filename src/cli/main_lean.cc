// aigis: the lean executable. It runs `aigis scan` (the command CI runs on every model, where
// start-up is most of the time) and `--version`; every other command line (other commands, --help,
// usage errors, and scan command lines ParseScanArgs leaves to CLI11) goes to aigis-full, which has
// every command (docs/architecture.md, "Two executables"). No CLI11 and no iostreams here.
#include <cstdio>
#include <cstring>

#include "cli/exit_codes.h"
#include "cli/full_exec.h"
#include "cli/scan_command.h"

int main(int argc, char** argv) {
  aigis::cli::SetCommandLine(argv);
  if (argc == 2 && std::strcmp(argv[1], "--version") == 0) {
    std::printf("%s\n", aigis::cli::kVersionLine);
    return aigis::cli::kExitOk;
  }
  if (auto args = aigis::cli::ParseScanArgs(argc, argv)) return aigis::cli::RunScan(*args);
  return aigis::cli::ExecFull();
}
