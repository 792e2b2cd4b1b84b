// The `aigis` executable runs `aigis scan` itself and hands every other command to the
// `aigis-full` executable (docs/architecture.md, "Two executables"). Only the lean binary uses
// this.
#pragma once

namespace aigis::cli {

// Remembers the command line, for ExecFull.
void SetCommandLine(char** argv);  // argv as main got it, NULL-terminated

// Replaces this process by aigis-full with the same arguments. aigis-full is looked up only next to
// the running executable and in <that directory>/../lib/aigis, never through PATH or the
// environment. Returns (kExitError, after saying why on stderr) only when it could not be run.
int ExecFull();

}  // namespace aigis::cli
