// Audit-write throughput (records/s) of the SQLite store with the default durability policy
// (WAL, synchronous=FULL, group commit): every Append returns only after its commit is durable.
// Threads model concurrent gateway requests; group commit turns them into shared fsyncs.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "audit/abuse_signals.h"
#include "audit/sqlite_store.h"

namespace {

aigis::audit::AuditRecord Record(int64_t i) {
  aigis::audit::AuditRecord r;
  r.time_ms = 1'700'000'000'000 + i;
  r.request_id = "req-" + std::to_string(i);
  r.client_key_id = "client-" + std::to_string(i % 16);
  r.model = "gpt-4o-mini";
  r.route = "/v1/chat/completions";
  r.verdict = i % 10 == 0 ? "block" : "allow";
  if (i % 10 == 0)
    r.detections.push_back({"guard.injection.ignore", "prompt-injection", "malicious"});
  r.prompt_tokens = 120;
  r.completion_tokens = 240;
  r.latency_ms = 35;
  r.upstream_status = 200;
  return r;
}

std::unique_ptr<aigis::audit::SqliteAuditStore> g_store;
std::string g_dir;

void BM_SqliteAppend(benchmark::State& state) {
  if (state.thread_index() == 0) {
    char tmpl[] = "/tmp/aigis-audit-bench-XXXXXX";
    g_dir = mkdtemp(tmpl);
    auto s = aigis::audit::SqliteAuditStore::Open(g_dir + "/audit.db");
    if (!s.ok()) {
      state.SkipWithError(s.error().ToString().c_str());
      return;
    }
    g_store = std::move(s).value();
  }
  int64_t i = state.thread_index() * 1'000'000'000LL;
  for (auto _ : state) {
    auto r = g_store->Append(Record(i++));
    if (!r.ok()) state.SkipWithError(r.error().ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    g_store.reset();
    std::filesystem::remove_all(g_dir);
  }
}
BENCHMARK(BM_SqliteAppend)->Threads(1)->Threads(8)->Threads(32)->UseRealTime();

}  // namespace

// The abuse detector's cost per request in the worst case it is built for: one client probing
// with near-duplicates of a 1 KiB template, the window full (2,048 events), so every request is
// compared with all of them.
void BM_AbuseObserve(benchmark::State& state) {
  std::mt19937 rng(1);
  std::string base;
  for (int i = 0; i < 1024; ++i) base += static_cast<char>(i % 6 == 5 ? ' ' : 'a' + rng() % 26);
  std::vector<std::string> prompts;
  for (int i = 0; i < 4096; ++i) {
    std::string p = base;
    p.replace(rng() % 1000, 8, std::to_string(rng()));
    prompts.push_back(std::move(p));
  }
  aigis::audit::AbuseDetector det;
  int64_t t = 0;
  for (auto _ : state) {
    aigis::audit::ObservedRequest r;
    r.time_ms = t;
    r.client_key_id = "client";
    r.model = "m";
    r.prompt = prompts[static_cast<size_t>(t) % prompts.size()];
    r.completion_tokens = 100;
    benchmark::DoNotOptimize(det.Observe(r));
    ++t;
  }
}
BENCHMARK(BM_AbuseObserve)->MinWarmUpTime(0.5);

BENCHMARK_MAIN();
