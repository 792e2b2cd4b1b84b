// aigis-fake-upstream: the test double of tests/gateway/fake_upstream.h as a program, for demos
// (examples/gateway/) and benchmarks. Runs until SIGINT/SIGTERM.
//   aigis-fake-upstream [--port N] [--reply TEXT] [--chunk-bytes N] [--delay-ms N]
//                       [--fault none|500|reset|garbage|malformed-sse|hang|stall|truncate]
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "gateway/fake_upstream.h"

using aigis::gateway::testing::Fault;

int main(int argc, char** argv) {
  aigis::gateway::testing::Behaviour b;
  int port = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "missing value for %s\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--port")
      port = std::atoi(next().c_str());
    else if (a == "--reply")
      b.reply = next();
    else if (a == "--chunk-bytes")
      b.chunk_bytes = static_cast<size_t>(std::atoi(next().c_str()));
    else if (a == "--delay-ms")
      b.delay_ms = std::atoi(next().c_str());
    else if (a == "--fault") {
      std::string f = next();
      if (f == "none")
        b.fault = Fault::kNone;
      else if (f == "500")
        b.fault = Fault::k500;
      else if (f == "reset")
        b.fault = Fault::kReset;
      else if (f == "garbage")
        b.fault = Fault::kGarbage;
      else if (f == "malformed-sse")
        b.fault = Fault::kMalformedSse;
      else if (f == "hang")
        b.fault = Fault::kHang;
      else if (f == "stall")
        b.fault = Fault::kStall;
      else if (f == "truncate")
        b.fault = Fault::kTruncate;
      else {
        std::fprintf(stderr, "unknown fault %s\n", f.c_str());
        return 2;
      }
    } else {
      std::fprintf(stderr,
                   "usage: aigis-fake-upstream [--port N] [--reply T] [--chunk-bytes N] "
                   "[--delay-ms N] [--fault F]\n");
      return 2;
    }
  }
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  aigis::gateway::testing::FakeUpstream up;
  up.Set(b);
  if (!up.Start(static_cast<uint16_t>(port))) {
    std::fprintf(stderr, "cannot listen on 127.0.0.1:%d\n", port);
    return 2;
  }
  std::printf("fake upstream on http://127.0.0.1:%u\n", up.port());
  std::fflush(stdout);
  int sig;
  sigwait(&set, &sig);
  up.Stop();
  return 0;
}
