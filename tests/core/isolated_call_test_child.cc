// The program isolated_call_test runs through RunIsolatedProgram: its input names what to do, so
// each test drives one behaviour of a sandboxed child (answer, crash, hang, escape attempts).
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/isolated_call.h"

extern char** environ;

int main(int argc, char** argv) {
  auto inv = aigis::ReadIsolatedInvocation(argc, argv);
  if (!inv.ok()) return 2;
  aigis::EnterIsolation(inv->limits);
  const std::string cmd(reinterpret_cast<const char*>(inv->input.data()), inv->input.size());
  std::string out;
  if (cmd.rfind("echo:", 0) == 0) {
    out = cmd.substr(5);
  } else if (cmd == "big") {
    out.assign(5 << 20, 'x');
    out[12345] = 'y';
  } else if (cmd == "flood") {
    out.assign(1 << 20, 'z');
  } else if (cmd == "trap") {
    __builtin_trap();
  } else if (cmd == "abort") {
    std::abort();
  } else if (cmd == "exit7") {
    _exit(7);
  } else if (cmd == "hang") {
    for (;;) pause();
  } else if (cmd.rfind("fd:", 0) == 0) {
    ssize_t w = write(std::atoi(cmd.c_str() + 3), "owned", 5);
    out = w < 0 ? std::strerror(errno) : "written";
  } else if (cmd == "stdin") {
    // A shared writable mapping is how the input could be changed under the caller's feet.
    void* p = mmap(nullptr, inv->input.size(), PROT_READ | PROT_WRITE, MAP_SHARED, 0, 0);
    out = p == MAP_FAILED && errno == EPERM ? "map-writable:EPERM" : "map-writable:allowed";
  } else if (cmd == "env") {
    int n = 0;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) ++n;
    struct sigaction sa;
    sigaction(SIGPIPE, nullptr, &sa);
    out = "vars:" + std::to_string(n) +
          (sa.sa_handler == SIG_DFL ? " sigpipe:default" : " sigpipe:set");
  } else if (cmd == "escape") {
    int f = open("/etc/passwd", O_RDONLY);
    out += f < 0 && errno == EPERM ? "open:EPERM " : "open:allowed ";
    int s = socket(AF_INET, SOCK_STREAM, 0);
    out += s < 0 && errno == EPERM ? "socket:EPERM " : "socket:allowed ";
    char* args[] = {const_cast<char*>("/bin/true"), nullptr};
    execv("/bin/true", args);
    out += errno == EPERM ? "exec:EPERM " : "exec:other ";
    out += kill(getppid(), 0) != 0 && errno == EPERM ? "kill-parent:EPERM" : "kill-parent:ok";
  } else if (cmd == "malloc") {
    void* p = std::malloc(256 << 20);
    if (p == nullptr) {
      out = "refused";
    } else {
      std::memset(p, 1, 256 << 20);
      out = "allocated";
    }
  } else {
    return 3;
  }
  _exit(aigis::WriteIsolatedOutput(out) ? 0 : 4);
}
