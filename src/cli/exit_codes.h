// Exit codes shared by every command: 0 ok / nothing at or above the threshold, 1 findings at or
// above it, 2 usage or I/O error. Only cli/ prints or picks exit codes.
#pragma once

namespace aigis::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitError = 2;

// What `aigis --version` prints (both executables).
inline constexpr const char* kVersionLine = "aigis 0.1.0";

}  // namespace aigis::cli
