#include "core/isolated_call.h"

#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

namespace aigis {
namespace {

#if defined(__x86_64__)
constexpr uint32_t kAuditArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr uint32_t kAuditArch = AUDIT_ARCH_AARCH64;
#else
constexpr uint32_t kAuditArch = 0;  // no filter on other architectures
#endif

// A deny-list, not an allow-list: the library's and the allocator's (and, in test builds, the
// sanitizers') ordinary syscalls must keep working, and what is refused is what would let code
// that took over the child reach anything outside its memory: files, the network, other
// processes, new programs. Refused calls fail with EPERM, so a library that tries one gets an
// error instead of killing the child (which would cost us the facts of a benign file).
void InstallSeccompFilter() {
  if (kAuditArch == 0) return;
  static const int kDenied[] = {
#ifdef SYS_open
      SYS_open,
#endif
#ifdef SYS_creat
      SYS_creat,
#endif
#ifdef SYS_fork
      SYS_fork,
#endif
#ifdef SYS_vfork
      SYS_vfork,
#endif
#ifdef SYS_link
      SYS_link,
#endif
#ifdef SYS_unlink
      SYS_unlink,
#endif
#ifdef SYS_rename
      SYS_rename,
#endif
#ifdef SYS_symlink
      SYS_symlink,
#endif
#ifdef SYS_mkdir
      SYS_mkdir,
#endif
#ifdef SYS_rmdir
      SYS_rmdir,
#endif
#ifdef SYS_chmod
      SYS_chmod,
#endif
#ifdef SYS_chown
      SYS_chown,
#endif
#ifdef SYS_openat2
      SYS_openat2,
#endif
#ifdef SYS_clone3
      SYS_clone3,
#endif
#ifdef SYS_accept
      SYS_accept,
#endif
#ifdef SYS_pidfd_open
      SYS_pidfd_open,
#endif
#ifdef SYS_pidfd_getfd
      SYS_pidfd_getfd,
#endif
#ifdef SYS_pidfd_send_signal
      SYS_pidfd_send_signal,
#endif
#ifdef SYS_process_madvise
      SYS_process_madvise,
#endif
      SYS_openat,
      SYS_open_by_handle_at,
      SYS_name_to_handle_at,
      SYS_socket,
      SYS_socketpair,
      SYS_connect,
      SYS_bind,
      SYS_listen,
      SYS_accept4,
      SYS_sendto,
      SYS_sendmsg,
      SYS_execve,
      SYS_execveat,
      SYS_clone,
      SYS_ptrace,
      SYS_kcmp,
      SYS_process_vm_readv,
      SYS_process_vm_writev,
      SYS_unlinkat,
      SYS_renameat,
      SYS_renameat2,
      SYS_linkat,
      SYS_symlinkat,
      SYS_mkdirat,
      SYS_fchmod,
      SYS_fchmodat,
      SYS_fchown,
      SYS_fchownat,
      SYS_truncate,
      SYS_ftruncate,
      SYS_mount,
      SYS_umount2,
      SYS_chroot,
      SYS_pivot_root,
      SYS_unshare,
      SYS_setns,
      SYS_bpf,
      SYS_perf_event_open,
      SYS_userfaultfd,
      SYS_io_uring_setup,
      SYS_keyctl,
      SYS_add_key,
      SYS_request_key,
      SYS_init_module,
      SYS_finit_module,
      SYS_memfd_create,
      SYS_setuid,
      SYS_setgid,
  };
  std::vector<sock_filter> prog;
  auto stmt = [&](uint16_t code, uint32_t k) { prog.push_back(BPF_STMT(code, k)); };
  auto jump = [&](uint16_t code, uint32_t k, uint8_t jt, uint8_t jf) {
    prog.push_back(BPF_JUMP(code, k, jt, jf));
  };
  const uint32_t deny = SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA);
  stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch));
  jump(BPF_JMP | BPF_JEQ | BPF_K, kAuditArch, 1, 0);
  stmt(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);  // another ABI: nothing is expected there
  stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr));
#if defined(__x86_64__)
  jump(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, 0, 1);  // x32 numbers alias the 64-bit ones
  stmt(BPF_RET | BPF_K, deny);
#endif
  for (int nr : kDenied) {
    jump(BPF_JMP | BPF_JEQ | BPF_K, static_cast<uint32_t>(nr), 0, 1);
    stmt(BPF_RET | BPF_K, deny);
  }
  // Signals only to itself (abort() and raise() use tgkill on their own pid; the child has one
  // thread, so its tid is its pid): the first argument must be this process. The accumulator is
  // changed only on paths that return.
  const auto self = static_cast<uint32_t>(getpid());
  for (int nr : {SYS_kill, SYS_tkill, SYS_tgkill}) {
    jump(BPF_JMP | BPF_JEQ | BPF_K, static_cast<uint32_t>(nr), 0, 4);
    stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, args[0]));  // low half (little endian)
    jump(BPF_JMP | BPF_JEQ | BPF_K, self, 0, 1);
    stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    stmt(BPF_RET | BPF_K, deny);
  }
  stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
  sock_fprog fprog{static_cast<unsigned short>(prog.size()), prog.data()};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return;
  (void)prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0);
}

// Pages of data + stack the process has now (/proc/self/statm field 6), or 0.
uint64_t InheritedDataBytes() {
  int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[256];
  ssize_t n = ::read(fd, buf, sizeof(buf) - 1);
  ::close(fd);
  if (n <= 0) return 0;
  buf[n] = '\0';
  unsigned long long f[6] = {};
  if (std::sscanf(buf, "%llu %llu %llu %llu %llu %llu", &f[0], &f[1], &f[2], &f[3], &f[4], &f[5]) !=
      6) {
    return 0;
  }
  return static_cast<uint64_t>(f[5]) * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

// The one argument RunIsolatedProgram passes: "--aigis-isolated=<timeout ms>,<memory bytes>".
constexpr std::string_view kLimitsFlag = "--aigis-isolated=";

Status Errno(const char* what) {
  return Status::Internal(std::string("isolated call: ") + what + ": " + std::strerror(errno));
}

// Writes all of [data, data + size) to fd, through EINTR; false on an error.
bool WriteAll(int fd, const uint8_t* data, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t w = ::write(fd, data + done, size - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    done += static_cast<size_t>(w);
  }
  return true;
}

// A sealed memfd holding the input: the child reads exactly these bytes and nobody can change
// them after the fact.
Result<int> InputMemfd(const std::vector<ByteView>& input) {
  int fd = static_cast<int>(syscall(SYS_memfd_create, "aigis-isolated-input",
                                    static_cast<unsigned>(MFD_CLOEXEC | MFD_ALLOW_SEALING)));
  if (fd < 0) return Errno("memfd_create");
  for (ByteView part : input) {
    if (!WriteAll(fd, part.data(), part.size())) {
      Status st = Errno("writing the input");
      ::close(fd);
      return st;
    }
  }
  if (fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
    Status st = Errno("sealing the input");
    ::close(fd);
    return st;
  }
  return fd;
}

bool ParseU64(std::string_view s, uint64_t* out) {
  if (s.empty() || s.size() > 19) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

Result<std::string> RunIsolatedProgram(const std::string& program,
                                       const std::vector<ByteView>& input,
                                       const IsolationLimits& limits) {
  Result<int> in = InputMemfd(input);
  if (!in.ok()) return in.status();
  const int in_fd = *in;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    Status st = Errno("pipe");
    ::close(in_fd);
    return st;
  }

  // The memfd is made first, so it is the lowest of the three descriptors and no dup2 below
  // overwrites one not yet copied, even when the caller runs with 0, 1 or 2 closed; a dup2 onto
  // itself clears close-on-exec (glibc since 2.29).
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);  // sockets, scanned files, databases
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t all, none;
  sigfillset(&all);
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&attr, &all);  // the caller may ignore SIGPIPE; the child must not
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  std::string flag = std::string(kLimitsFlag) + std::to_string(limits.timeout_ms) + "," +
                     std::to_string(limits.max_memory_bytes);
  char* argv[] = {const_cast<char*>(program.c_str()), flag.data(), nullptr};
  char* envp[] = {nullptr};  // nothing of the caller's environment (keys, paths) reaches it
  pid_t pid = -1;
  int err = posix_spawn(&pid, program.c_str(), &actions, &attr, argv, envp);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(in_fd);
  ::close(fds[1]);
  if (err != 0) {
    ::close(fds[0]);
    return Status::Internal("isolated call: cannot start " + program + ": " + std::strerror(err));
  }

  std::string out;
  Status stop;  // why the parent killed the child, if it did
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(limits.timeout_ms);
  char buf[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      stop = Status::LimitExceeded("took longer than " + std::to_string(limits.timeout_ms) +
                                   " ms; stopped");
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    int pr = poll(&p, 1, static_cast<int>(left));
    if (pr < 0 && errno == EINTR) continue;
    if (pr == 0) continue;  // the deadline check above ends it
    ssize_t n = ::read(fds[0], buf, sizeof(buf));
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) break;  // EOF (child done or dead) or a read error: waitpid tells which
    if (out.size() + static_cast<size_t>(n) > limits.max_output_bytes) {
      stop = Status::LimitExceeded("sent more than " + std::to_string(limits.max_output_bytes) +
                                   " bytes of results; stopped");
      break;
    }
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  if (!stop.ok()) (void)kill(pid, SIGKILL);
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0) {
    if (errno != EINTR) return Status::Internal("isolated call: waitpid failed");
  }
  if (!stop.ok()) return stop;
  if (WIFSIGNALED(wstatus)) {
    int sig = WTERMSIG(wstatus);
    if (sig == SIGXCPU) {
      return Status::LimitExceeded("used more than its CPU budget of " +
                                   std::to_string(limits.timeout_ms / 1000 + 1) + " s; stopped");
    }
    const char* name = sigabbrev_np(sig);
    return Status::Malformed("crashed (signal " + std::to_string(sig) + ", SIG" +
                             (name ? name : "?") + ")");
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    return Status::Malformed("exited with status " + std::to_string(WEXITSTATUS(wstatus)));
  }
  return out;
}

Result<IsolatedInvocation> ReadIsolatedInvocation(int argc, char** argv) {
  IsolatedInvocation inv;
  std::string_view flag = argc == 2 && argv[1] != nullptr ? argv[1] : "";
  if (flag.substr(0, kLimitsFlag.size()) != kLimitsFlag) {
    return Status::InvalidArgument("this program is run by aigis (RunIsolatedProgram) only");
  }
  flag.remove_prefix(kLimitsFlag.size());
  size_t comma = flag.find(',');
  uint64_t timeout = 0;
  if (comma == std::string_view::npos || !ParseU64(flag.substr(0, comma), &timeout) ||
      timeout > UINT32_MAX || !ParseU64(flag.substr(comma + 1), &inv.limits.max_memory_bytes)) {
    return Status::InvalidArgument("malformed " + std::string(kLimitsFlag) + " argument");
  }
  inv.limits.timeout_ms = static_cast<uint32_t>(timeout);
  struct stat st;
  if (fstat(0, &st) != 0) return Status::InvalidArgument("no input on descriptor 0");
  if (st.st_size > 0) {
    void* p = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, 0, 0);
    if (p == MAP_FAILED) return Status::Internal("cannot map the input");
    inv.input = ByteView(static_cast<const uint8_t*>(p), static_cast<size_t>(st.st_size));
  }
  return inv;
}

void EnterIsolation(const IsolationLimits& limits) {
  const rlim_t cpu = limits.timeout_ms / 1000 + 1;
  rlimit r_cpu{cpu, cpu + 1};
  (void)setrlimit(RLIMIT_CPU, &r_cpu);
  const auto data = static_cast<rlim_t>(InheritedDataBytes() + limits.max_memory_bytes);
  rlimit r_data{data, data};
  (void)setrlimit(RLIMIT_DATA, &r_data);
  rlimit r_fsize{0, 0};
  (void)setrlimit(RLIMIT_FSIZE, &r_fsize);
  rlimit r_core{0, 0};
  (void)setrlimit(RLIMIT_CORE, &r_core);
  InstallSeccompFilter();
}

bool WriteIsolatedOutput(std::string_view out) {
  return WriteAll(1, reinterpret_cast<const uint8_t*>(out.data()), out.size());
}

}  // namespace aigis
