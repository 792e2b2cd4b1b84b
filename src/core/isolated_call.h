// Runs a function in a forked child process, for third-party code that parses hostile input and
// was not written for it (libhdf5): a crash, hang or memory blow-up there ends the child, not the
// scan, and comes back as a Status. The child shares nothing writable with the parent but one
// pipe: stdin, stdout and stderr are /dev/null, every other descriptor is closed, it has a CPU,
// memory and wall-clock budget and (x86_64, aarch64) a seccomp filter that makes opening files,
// sockets, exec and process creation fail with EPERM. What the function returns is written to the
// pipe; the caller must parse it as untrusted bytes (the child ran the hostile input).
//
// Thread safety: may be called from several threads at once. Only async-signal-safe work and the
// function itself run in the child, so `fn` must not wait for locks other threads may hold
// (another thread of the parent may have held them at fork time).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"

namespace aigis {

struct IsolationLimits {
  // Wall clock for the whole child; it is killed after this. Real Keras .h5 files take
  // milliseconds; 30 s leaves room for a 4 GiB file on a slow disk.
  uint32_t timeout_ms = 30'000;
  // Bytes the child may send back (the facts, not the file).
  uint64_t max_output_bytes = 256ull << 20;
  // Heap and anonymous memory the child may add to what it inherited (RLIMIT_DATA).
  uint64_t max_memory_bytes = 2ull << 30;
};

// Returns what fn returned in the child, or:
//   Malformed:      the child died from a signal (a crash in the library) or exited non-zero;
//   LimitExceeded:  it ran out of time (killed) or sent more than max_output_bytes;
//   Internal:       the child could not be started (pipe, fork).
Result<std::string> RunIsolated(const std::function<std::string()>& fn,
                                const IsolationLimits& limits);

}  // namespace aigis
