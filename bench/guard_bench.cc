// Guard pipeline benchmarks (Google Benchmark). Throughput on English prose and chat prompts,
// per-prompt latency (p50/p99 counters), and time on adversarial near-matches at two sizes to
// show linear scaling. Prose uses ordinary word frequencies; set AIGIS_GUARD_BENCH_JSONL=file.jsonl
// to also measure real prompts
// ({"text": ...} lines). The classifier is not part of these numbers.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "english_prose.h"
#include "guard/engine.h"
#include "guard/normalize/decoders.h"
#include "guard/normalize/normalizer.h"
#include "guard/pattern_set.h"
#include "guard/rules.h"
#include "jsonl_texts.h"

namespace {

using aigis::bench::ReadJsonlTexts;
using aigis::guard::GuardEngine;
using aigis::guard::GuardPolicy;
using aigis::guard::GuardScanner;

std::shared_ptr<const GuardEngine> Engine() {
  static std::shared_ptr<const GuardEngine> e = [] {
    auto r = GuardEngine::Create(GuardPolicy::Defaults());
    if (!r.ok()) std::abort();
    return *r;
  }();
  return e;
}

std::string Prose(size_t bytes, uint32_t seed) { return aigis::bench::EnglishProse(bytes, seed); }

std::vector<std::string> ChatPrompts(size_t count, size_t bytes_each) {
  const char* openers[] = {
      "Can you help me write an email to my landlord about the broken heating? ",
      "Explain the difference between TCP and UDP in simple terms. ",
      "I want you to act as a travel guide for a weekend in Lisbon. ",
      "Summarize the following article for a ten year old: ",
      "Write a Python function that parses a CSV file and returns the average of column B. ",
      "Was ist der Unterschied zwischen einer GmbH und einer AG? Bitte kurz erklären. "};
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) {
    std::string p = openers[i % 6];
    p += Prose(bytes_each > p.size() ? bytes_each - p.size() : 0, static_cast<uint32_t>(i));
    p.resize(bytes_each);
    out.push_back(std::move(p));
  }
  return out;
}

void BM_Prose(benchmark::State& state) {
  std::string text = Prose(static_cast<size_t>(state.range(0)), 1);
  auto scanner = GuardScanner::Create(Engine());
  std::vector<aigis::guard::Detection> d;
  for (auto _ : state) {
    d.clear();
    (void)scanner->Detect(text, &d);
    benchmark::DoNotOptimize(d.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
  state.counters["detections"] = static_cast<double>(d.size());
}
BENCHMARK(BM_Prose)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

// Full Scan (detect + verdict + redaction) per 1 KiB prompt, with latency percentiles.
void BM_ChatPrompt1K(benchmark::State& state) {
  std::vector<std::string> prompts = ChatPrompts(512, 1024);
  auto scanner = GuardScanner::Create(Engine());
  std::vector<double> us;
  size_t i = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    aigis::guard::GuardResult r = scanner->Scan(prompts[i++ % prompts.size()]);
    auto t1 = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(r.verdict);
    us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * 1024);
  std::sort(us.begin(), us.end());
  if (!us.empty()) {
    state.counters["p50_us"] = us[us.size() / 2];
    state.counters["p99_us"] = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  }
}
BENCHMARK(BM_ChatPrompt1K)->Unit(benchmark::kMicrosecond);

// Adversarial near-matches: attack fragments that never complete, digit runs that look like
// cards/phones, base64-looking runs, '@' without domains. Run at 1 MiB and 10 MiB: MB/s should
// stay flat (linear time).
std::string Adversarial(size_t bytes) {
  const char* frags[] = {"ignore previous ",
                         "ignore all the previous ",
                         "disregard prior ",
                         "4111 1111 1111 ",
                         "+49 30 12 ",
                         "aGVsbG8gd29ybGQ ",
                         "a@b ",
                         "<|im_sta ",
                         "you are now ",
                         "%41%42 ",
                         "ghp_abc ",
                         "eyJhbGciOi. ",
                         "\xE2\x80\x8B",
                         "\xD0\xB0"};
  std::string s;
  size_t i = 0;
  while (s.size() < bytes) s += frags[i++ % (sizeof(frags) / sizeof(frags[0]))];
  return s;
}

void BM_Adversarial(benchmark::State& state) {
  std::string text = Adversarial(static_cast<size_t>(state.range(0)));
  aigis::guard::GuardPolicy p = GuardPolicy::Defaults();
  p.limits.max_detections = 1u << 22;  // let every detection through: measure the work
  auto engine = GuardEngine::Create(p);
  auto scanner = GuardScanner::Create(*engine);
  std::vector<aigis::guard::Detection> d;
  for (auto _ : state) {
    d.clear();
    (void)scanner->Detect(text, &d);
    benchmark::DoNotOptimize(d.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
  state.counters["detections"] = static_cast<double>(d.size());
}
BENCHMARK(BM_Adversarial)->Arg(1 << 20)->Arg(10 << 20)->Unit(benchmark::kMillisecond);

void BM_Stream(benchmark::State& state) {
  std::string text = Prose(1 << 20, 3);
  auto scanner = GuardScanner::Create(Engine());
  std::vector<aigis::guard::Detection> d;
  for (auto _ : state) {
    d.clear();
    aigis::guard::GuardStream stream(&*scanner);
    for (size_t pos = 0; pos < text.size(); pos += 4096) {
      (void)stream.Feed(std::string_view(text).substr(pos, 4096), &d);
    }
    (void)stream.Finish(&d);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_Stream)->Unit(benchmark::kMillisecond);

// Up to 1 MiB of real text: the JSONL texts ($AIGIS_GUARD_BENCH_JSONL) joined by blank lines.
std::string RealText() {
  std::string text;
  const char* path = std::getenv("AIGIS_GUARD_BENCH_JSONL");
  if (path == nullptr) return text;
  for (const std::string& t : ReadJsonlTexts(path)) {
    if (text.size() + t.size() > (1u << 20)) break;
    text += t;
    text += "\n\n";
  }
  return text;
}

// One pipeline stage alone on 1 MiB of prose (second argument 0) or real text (1), to see where the
// time goes: 0 normalise, 1 folded-text signatures (injection, HTML/JS; `gate: literal` rules gated
// as in the engine), 5 the same with EVERY rule gated (shows why gating is per rule), 2 raw
// signatures (secrets, PII without digits, links), 3 digit-gated PII signatures over the whole text
// (the engine scans only around digits), 4 encoded-segment search.
void BM_Stage(benchmark::State& state) {
  using aigis::guard::PatternScanner;
  using aigis::guard::PatternSet;
  using aigis::guard::PatternSpec;
  using aigis::guard::RawMatch;
  using aigis::guard::RuleTarget;
  std::string text = state.range(1) == 0 ? Prose(1 << 20, 1) : RealText();
  if (text.empty()) {
    state.SkipWithError("set AIGIS_GUARD_BENCH_JSONL");
    return;
  }
  int stage = static_cast<int>(state.range(0));
  std::unique_ptr<PatternScanner> ps;
  const bool gate = stage == 5;
  if (gate) stage = 1;
  if (stage >= 1 && stage <= 3) {
    auto rules = aigis::guard::LoadRules("");
    if (!rules.ok()) std::abort();
    std::vector<PatternSpec> specs;
    for (const auto& r : *rules) {
      bool norm = r.target == RuleTarget::kNormalized;
      if ((stage == 1 && norm) || (stage == 2 && !norm && !r.needs_digit) ||
          (stage == 3 && !norm && r.needs_digit)) {
        // Stage 5 gates every rule that has literals; stage 1 only those the rules mark.
        specs.push_back(aigis::guard::ToPatternSpec(r));
        specs.back().literal_gate |= gate;
      }
    }
    auto set = PatternSet::Compile(specs, 4096, PatternSet::DefaultCacheDir());
    if (!set.ok()) std::abort();
    auto sc = PatternScanner::Create(*set);
    if (!sc.ok()) std::abort();
    ps = std::make_unique<PatternScanner>(std::move(*sc));
  }
  aigis::guard::normalize::Normalizer normalizer;
  aigis::guard::normalize::NormalizedText norm;
  std::vector<RawMatch> m;
  std::vector<aigis::guard::normalize::HiddenSpan> hidden;
  std::vector<aigis::guard::normalize::EncodedSegment> segs;
  normalizer.Normalize(text, &norm, &hidden);
  // Stage 1 scans the folded text, as the engine does.
  std::string_view scanned = stage == 1 ? norm.text() : std::string_view(text);
  aigis::guard::GuardLimits limits;
  for (auto _ : state) {
    if (stage == 0) {
      hidden.clear();
      normalizer.Normalize(text, &norm, &hidden);  // as the engine: hidden spans collected
      benchmark::DoNotOptimize(norm.text().data());
    } else if (stage == 4) {
      segs.clear();
      aigis::guard::normalize::FindEncodedSegments(text, limits, &segs);
      benchmark::DoNotOptimize(segs.data());
    } else {
      m.clear();
      (void)ps->Scan(scanned, 1u << 20, &m);
      benchmark::DoNotOptimize(m.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_Stage)->ArgsProduct({{0, 1, 5, 2, 3, 4}, {0, 1}})->Unit(benchmark::kMillisecond);

void BM_RealPrompts(benchmark::State& state) {
  const char* path = std::getenv("AIGIS_GUARD_BENCH_JSONL");
  if (path == nullptr) {
    state.SkipWithError("set AIGIS_GUARD_BENCH_JSONL");
    return;
  }
  std::vector<std::string> texts = ReadJsonlTexts(path);
  if (texts.empty()) {
    state.SkipWithError("no texts");
    return;
  }
  auto scanner = GuardScanner::Create(Engine());
  size_t bytes = 0, i = 0;
  std::vector<aigis::guard::Detection> d;
  for (auto _ : state) {
    const std::string& t = texts[i++ % texts.size()];
    d.clear();
    (void)scanner->Detect(t, &d);
    bytes += t.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_RealPrompts)->Unit(benchmark::kMicrosecond);

// Real English text as one document: the JSONL texts joined by blank lines, up to 1 MiB (the
// honest counterpart of BM_Prose, whose vocabulary is small).
void BM_RealText(benchmark::State& state) {
  const char* path = std::getenv("AIGIS_GUARD_BENCH_JSONL");
  if (path == nullptr) {
    state.SkipWithError("set AIGIS_GUARD_BENCH_JSONL");
    return;
  }
  std::string text = RealText();
  auto scanner = GuardScanner::Create(Engine());
  std::vector<aigis::guard::Detection> d;
  for (auto _ : state) {
    d.clear();
    (void)scanner->Detect(text, &d);
    benchmark::DoNotOptimize(d.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
  state.counters["detections"] = static_cast<double>(d.size());
}
BENCHMARK(BM_RealText)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
