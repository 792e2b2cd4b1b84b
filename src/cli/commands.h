// Subcommands of the `aigis` binary. Each Register* adds its subcommand to `app`; when the
// subcommand runs it stores the process exit code in *exit_code. Only cli/ prints or picks exit
// codes. Exit codes shared by every command: 0 ok / nothing at or above the threshold, 1 findings
// at or above it, 2 usage or I/O error.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/exit_codes.h"

namespace aigis::cli {

void RegisterScanCommand(CLI::App& app, int* exit_code);
void RegisterBomCommand(CLI::App& app, int* exit_code);
void RegisterGuardCommand(CLI::App& app, int* exit_code);   // guard, guard eval
void RegisterSignCommands(CLI::App& app, int* exit_code);   // sign, verify, seal, unseal
void RegisterServeCommand(CLI::App& app, int* exit_code);   // serve (the LLM gateway)
void RegisterKeysCommand(CLI::App& app, int* exit_code);    // keys create|list|revoke
void RegisterAuditCommands(CLI::App& app, int* exit_code);  // audit ..., incident ...
void RegisterTrainCommand(CLI::App& app, int* exit_code);   // train (prompt-attack classifier)

}  // namespace aigis::cli
