// aigis-full: every command, one subcommand per capability (the lean `aigis` is main_lean.cc).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstring>

#include "cli/commands.h"

namespace {

using RegisterFn = void (*)(CLI::App&, int*);

// Top-level subcommand name -> the function that registers it (some register several names).
struct Command {
  const char* name;
  RegisterFn reg;
};

constexpr Command kCommands[] = {
    {"scan", aigis::cli::RegisterScanCommand},
#ifdef AIGIS_HAVE_BOM
    {"bom", aigis::cli::RegisterBomCommand},
#endif
#ifdef AIGIS_HAVE_GUARD_CMD
    {"guard", aigis::cli::RegisterGuardCommand},
#endif
#ifdef AIGIS_HAVE_TRAIN_CMD
    {"train", aigis::cli::RegisterTrainCommand},
#endif
#ifdef AIGIS_HAVE_SIGN_CMD
    {"sign", aigis::cli::RegisterSignCommands},   {"verify", aigis::cli::RegisterSignCommands},
    {"seal", aigis::cli::RegisterSignCommands},   {"unseal", aigis::cli::RegisterSignCommands},
#endif
#ifdef AIGIS_HAVE_GATEWAY
    {"serve", aigis::cli::RegisterServeCommand},  {"keys", aigis::cli::RegisterKeysCommand},
#endif
#ifdef AIGIS_HAVE_AUDIT_CMD
    {"audit", aigis::cli::RegisterAuditCommands}, {"incident", aigis::cli::RegisterAuditCommands},
#endif
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"aigis: AI security platform (model scanning, text guard, signing)"};
  app.set_version_flag("--version", std::string(aigis::cli::kVersionLine));
  app.require_subcommand(1);
  int exit_code = aigis::cli::kExitOk;
  // Building every subcommand's option tree was a visible share of start-up, so when the first
  // argument names a subcommand only that one is registered (the top level has no options that
  // take a value, so argv[1] is the subcommand if there is one). Anything else (--help, a typo)
  // registers all of them, so help and error messages still list every command; a bare --version
  // needs none.
  RegisterFn only = nullptr;
  bool version_only = argc == 2 && std::strcmp(argv[1], "--version") == 0;
  if (argc > 1) {
    for (const Command& c : kCommands) {
      if (std::strcmp(argv[1], c.name) == 0) only = c.reg;
    }
  }
  if (only != nullptr) {
    only(app, &exit_code);
  } else if (!version_only) {
    RegisterFn last = nullptr;
    for (const Command& c : kCommands) {
      if (c.reg != last) c.reg(app, &exit_code);  // entries of one function are adjacent
      last = c.reg;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? aigis::cli::kExitOk : aigis::cli::kExitError;
  }
  return exit_code;
}
