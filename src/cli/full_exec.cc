#include "cli/full_exec.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/exit_codes.h"
#include "core/plugin.h"

namespace aigis::cli {
namespace {

char** g_argv = nullptr;

}  // namespace

void SetCommandLine(char** argv) { g_argv = argv; }

int ExecFull() {
  std::string dir = ExecutableDir();
  if (dir.empty() || g_argv == nullptr) {
    std::fprintf(stderr, "aigis: cannot locate aigis-full (no /proc/self/exe)\n");
    return kExitError;
  }
  std::string tried;
  for (const std::string& path : {dir + "/aigis-full", dir + "/../lib/aigis/aigis-full"}) {
    if (::access(path.c_str(), X_OK) != 0) {
      tried += (tried.empty() ? "" : ", ") + path;
      continue;
    }
    std::fflush(nullptr);
    ::execv(path.c_str(), g_argv);  // returns only on failure
    tried += (tried.empty() ? "" : ", ") + path + " (" + std::strerror(errno) + ")";
  }
  std::fprintf(stderr,
               "aigis: this command needs aigis-full, which is installed next to aigis; not found "
               "or not runnable (tried %s)\n",
               tried.c_str());
  return kExitError;
}

}  // namespace aigis::cli
