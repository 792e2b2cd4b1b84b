// aigis: one binary, one subcommand per capability.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"aigis: AI security platform (model scanning, text guard, signing)"};
  app.set_version_flag("--version", std::string("aigis 0.1.0"));
  app.require_subcommand(1);
  int exit_code = aigis::cli::kExitOk;
  aigis::cli::RegisterScanCommand(app, &exit_code);
#ifdef AIGIS_HAVE_BOM
  aigis::cli::RegisterBomCommand(app, &exit_code);
#endif
#ifdef AIGIS_HAVE_GUARD_CMD
  aigis::cli::RegisterGuardCommand(app, &exit_code);
#endif
#ifdef AIGIS_HAVE_TRAIN_CMD
  aigis::cli::RegisterTrainCommand(app, &exit_code);
#endif
#ifdef AIGIS_HAVE_SIGN_CMD
  aigis::cli::RegisterSignCommands(app, &exit_code);
#endif
#ifdef AIGIS_HAVE_GATEWAY
  aigis::cli::RegisterServeCommand(app, &exit_code);
  aigis::cli::RegisterKeysCommand(app, &exit_code);
#endif
#ifdef AIGIS_HAVE_AUDIT_CMD
  aigis::cli::RegisterAuditCommands(app, &exit_code);
#endif
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? aigis::cli::kExitOk : aigis::cli::kExitError;
  }
  return exit_code;
}
