#include "core/isolated_call.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace aigis {
namespace {

const std::string kChild = AIGIS_BINARY_DIR "/tests/core/isolated_call_test_child";

Result<std::string> RunChild(std::string_view cmd,
                             const IsolationLimits& limits = IsolationLimits()) {
  return RunIsolatedProgram(kChild, {AsBytes(cmd)}, limits);
}

TEST(RunIsolatedProgramTest, ReturnsWhatTheChildWrote) {
  Result<std::string> r = RunChild("echo:facts");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "facts");
  // More than a pipe's buffer: the parent reads while the child writes.
  r = RunChild("big");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::string big(5 << 20, 'x');
  big[12345] = 'y';
  EXPECT_EQ(*r, big);
  r = RunChild("echo:");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "");
}

TEST(RunIsolatedProgramTest, InputPartsArriveConcatenated) {
  std::string tail(3 << 20, 'q');  // more than a pipe's buffer too
  Result<std::string> r = RunIsolatedProgram(
      kChild, {AsBytes(std::string_view("ec")), AsBytes(std::string_view("ho:")), AsBytes(tail)},
      IsolationLimits());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, tail);
}

TEST(RunIsolatedProgramTest, ACrashInTheChildIsAStatusNotTheEndOfTheCaller) {
  // SIGILL, not SIGSEGV: AddressSanitizer turns a SEGV into a report and exit(1), which would
  // test the sanitizer instead of the signal path.
  Result<std::string> r = RunChild("trap");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kMalformed);
  EXPECT_NE(r.status().message().find("SIGILL"), std::string::npos) << r.status().message();
  r = RunChild("abort");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("SIGABRT"), std::string::npos) << r.status().message();
}

TEST(RunIsolatedProgramTest, NonZeroExitIsMalformed) {
  Result<std::string> r = RunChild("exit7");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kMalformed);
  EXPECT_NE(r.status().message().find("status 7"), std::string::npos) << r.status().message();
}

TEST(RunIsolatedProgramTest, AHangIsStoppedAtTheDeadline) {
  IsolationLimits lim;
  lim.timeout_ms = 200;
  Result<std::string> r = RunChild("hang", lim);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kLimitExceeded);
  EXPECT_NE(r.status().message().find("200 ms"), std::string::npos) << r.status().message();
}

TEST(RunIsolatedProgramTest, OutputOverTheLimitIsStopped) {
  IsolationLimits lim;
  lim.max_output_bytes = 1000;
  Result<std::string> r = RunChild("flood", lim);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kLimitExceeded);
  lim.max_output_bytes = 1 << 20;
  r = RunChild("flood", lim);
  EXPECT_TRUE(r.ok());  // exactly at the limit
}

TEST(RunIsolatedProgramTest, AMissingProgramIsInternal) {
  Result<std::string> r =
      RunIsolatedProgram(kChild + "-missing", {AsBytes(std::string_view("echo:x"))}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  EXPECT_NE(r.status().message().find("cannot start"), std::string::npos) << r.status().message();
}

TEST(RunIsolatedProgramTest, ParentDescriptorsAreClosedInTheChild) {
  char path[] = "/tmp/aigis-isolated-XXXXXX";
  int tmp = mkstemp(path);
  ASSERT_GE(tmp, 0);
  // Not close-on-exec, as a library's descriptor may be.
  int fd = fcntl(tmp, F_DUPFD, 50);
  ASSERT_GE(fd, 50);
  close(tmp);
  Result<std::string> r = RunChild("fd:" + std::to_string(fd));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, std::strerror(EBADF));
  EXPECT_EQ(lseek(fd, 0, SEEK_END), 0);  // nothing reached the file
  close(fd);
  unlink(path);
}

TEST(RunIsolatedProgramTest, StandardDescriptorsClosedInTheCallerStillWork) {
  // A daemon may run with 0, 1 or 2 closed; the memfd and the pipe then land on them and must not
  // be overwritten (or closed at exec) while the child's 0, 1 and 2 are set up.
  for (std::vector<int> closed : {std::vector<int>{0}, {1}, {0, 1}, {1, 2}, {0, 1, 2}}) {
    std::vector<int> saved;
    for (int fd : closed) saved.push_back(dup(fd));
    for (int fd : closed) close(fd);
    Result<std::string> r = RunChild("echo:ok");
    for (size_t i = 0; i < closed.size(); ++i) {
      dup2(saved[i], closed[i]);
      close(saved[i]);
    }
    ASSERT_TRUE(r.ok()) << closed.size() << " closed: " << r.status().ToString();
    EXPECT_EQ(*r, "ok") << closed.size() << " closed";
  }
}

TEST(RunIsolatedProgramTest, ChildGetsNoEnvironmentAndDefaultSignals) {
  ASSERT_EQ(setenv("AIGIS_TEST_SECRET", "sk-not-for-the-child", 1), 0);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  struct sigaction old {};
  sigaction(SIGPIPE, &ignore, &old);
  Result<std::string> r = RunChild("env");
  sigaction(SIGPIPE, &old, nullptr);
  unsetenv("AIGIS_TEST_SECRET");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "vars:0 sigpipe:default");
}

TEST(RunIsolatedProgramTest, TheInputIsSealed) {
  Result<std::string> r = RunChild("stdin");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "map-writable:EPERM");
}

#if defined(__x86_64__) || defined(__aarch64__)
TEST(RunIsolatedProgramTest, ChildCannotOpenFilesSocketsRunProgramsOrSignalOthers) {
  Result<std::string> r = RunChild("escape");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "open:EPERM socket:EPERM exec:EPERM kill-parent:EPERM");
}
#endif

// The reason the child is a fresh program: forked children of a multithreaded caller hung in
// malloc when another thread held an allocator lock at the fork. Many concurrent calls while
// other threads allocate must all come back.
TEST(RunIsolatedProgramTest, ConcurrentCallsWhileOtherThreadsAllocate) {
  std::atomic<bool> stop{false};
  std::thread churn([&] {
    while (!stop.load()) {
      std::vector<std::string> v;
      for (int i = 0; i < 64; ++i) v.emplace_back(static_cast<size_t>(32 + i * 8), 'a');
    }
  });
  std::vector<std::thread> callers;
  std::vector<std::string> got(4);
  for (size_t i = 0; i < got.size(); ++i) {
    callers.emplace_back([&, i] {
      for (int k = 0; k < 10; ++k) {
        Result<std::string> r = RunChild("echo:" + std::to_string(i));
        got[i] += r.ok() ? *r : "!" + r.status().message();
      }
    });
  }
  for (auto& t : callers) t.join();
  stop = true;
  churn.join();
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], std::string(10, '0' + i));
}

TEST(ReadIsolatedInvocationTest, OnlyRunIsolatedProgramsArgumentIsAccepted) {
  char prog[] = "child";
  char wrong[] = "--help";
  char bad[] = "--aigis-isolated=12";
  char bad2[] = "--aigis-isolated=1x,5";
  char* none[] = {prog, nullptr};
  char* a1[] = {prog, wrong, nullptr};
  char* a2[] = {prog, bad, nullptr};
  char* a3[] = {prog, bad2, nullptr};
  EXPECT_EQ(ReadIsolatedInvocation(1, none).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadIsolatedInvocation(2, a1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadIsolatedInvocation(2, a2).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadIsolatedInvocation(2, a3).status().code(), StatusCode::kInvalidArgument);
}

#if defined(__SANITIZE_ADDRESS__)
#define AIGIS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AIGIS_ASAN 1
#endif
#endif

TEST(RunIsolatedProgramTest, MemoryBeyondTheBudgetIsRefused) {
#ifdef AIGIS_ASAN
  // AddressSanitizer's shadow memory counts as data the child already has (terabytes), so the
  // budget on top of it cannot bite; the production build is what this checks.
  GTEST_SKIP() << "RLIMIT_DATA budget is not measurable under AddressSanitizer";
#endif
  IsolationLimits lim;
  lim.max_memory_bytes = 16 << 20;
  Result<std::string> r = RunChild("malloc", lim);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "refused");
  r = RunChild("malloc");  // the default budget (2 GiB) allows it
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "allocated");
}

}  // namespace
}  // namespace aigis
