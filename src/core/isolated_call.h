// Runs a helper program in a sandboxed child process, for third-party code that parses hostile
// input and was not written for it (libhdf5): a crash, hang or memory blow-up there ends the
// child, not the scan, and comes back as a Status.
//
// The child is a fresh program (posix_spawn + exec), not a fork of the caller: after a fork in a
// multithreaded process only async-signal-safe calls are allowed, and a library that allocates
// there deadlocks whenever another thread held an allocator lock at the fork (we saw exactly
// that: one child in about 300 hung in malloc under AddressSanitizer). A fresh program also
// holds none of the caller's memory or environment.
//
// The child gets: stdin = a sealed, read-only memfd holding the input; stdout = a pipe to the
// caller; stderr = /dev/null; no other descriptor; an empty environment; default signal
// dispositions; and its limits in argv. The program must call EnterIsolation (after whatever
// start-up needs files, before it touches the input), which applies a CPU, memory, file-size and
// core limit and (x86_64, aarch64) a seccomp filter under which opening files, sockets, exec and
// process creation fail with EPERM. What the program writes to stdout comes back to the caller,
// who must parse it as untrusted bytes (the child ran the hostile input).
//
// Thread safety: RunIsolatedProgram may be called from several threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"

namespace aigis {

struct IsolationLimits {
  // Wall clock for the whole child; it is killed after this. Real Keras .h5 files take
  // milliseconds; 30 s leaves room for a 4 GiB file on a slow disk.
  uint32_t timeout_ms = 30'000;
  // Bytes the child may send back (the facts, not the file).
  uint64_t max_output_bytes = 256ull << 20;
  // Heap and anonymous memory the child may add to what it had at EnterIsolation (RLIMIT_DATA).
  uint64_t max_memory_bytes = 2ull << 30;
};

// Runs `program` (an absolute path found by the caller in a trusted place, never from input)
// with the concatenation of `input` on its stdin, and returns what it wrote to stdout, or:
//   Malformed:      the child died from a signal (a crash in the library) or exited non-zero;
//   LimitExceeded:  it ran out of time (killed) or sent more than max_output_bytes;
//   Internal:       the child could not be started (memfd, pipe, spawn).
Result<std::string> RunIsolatedProgram(const std::string& program,
                                       const std::vector<ByteView>& input,
                                       const IsolationLimits& limits);

// In the program: the limits RunIsolatedProgram passed in argv, and its input (fd 0) mapped
// read-only for the life of the process. InvalidArgument when the program was not started by
// RunIsolatedProgram.
struct IsolatedInvocation {
  IsolationLimits limits;
  ByteView input;
};
Result<IsolatedInvocation> ReadIsolatedInvocation(int argc, char** argv);

// In the program: applies the limits and the seccomp filter. Call it once start-up that needs
// files (loading libraries) is done; from then on files, sockets and exec are refused.
void EnterIsolation(const IsolationLimits& limits);

// In the program: writes `out` to stdout (the pipe) completely; false on a write error.
bool WriteIsolatedOutput(std::string_view out);

}  // namespace aigis
