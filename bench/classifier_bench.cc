// Classifier benchmarks (Google Benchmark): the shipped model (embedded) scoring a 1 KB prompt,
// a 64 KB document (windowed), and the whole guard pipeline with the classifier enabled
// (classifier:1) and, as the control, without it (classifier:0) on 1 KB chat prompts, 1 MB of
// prose and 1 MB of guard_bench's English prose. Text is generated (fixed seeds), so no data
// files are needed. The generated texts repeat a small vocabulary; BM_PipelineWithClassifier-
// RealText1MB measures up to 1 MiB of real text ($AIGIS_GUARD_BENCH_JSONL, as guard_bench), whose
// long tail of words the classifier's per-thread word cache does not all hold.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "english_prose.h"
#include "guard/classifier/embedded_model.h"
#include "guard/classifier/features.h"
#include "guard/classifier/language_group.h"
#include "guard/classifier/linear_classifier.h"
#include "guard/engine.h"
#include "guard/normalize/normalizer.h"
#include "jsonl_texts.h"

namespace {

namespace clf = aigis::guard::classifier;
using aigis::guard::GuardEngine;
using aigis::guard::GuardPolicy;
using aigis::guard::GuardScanner;

std::shared_ptr<const clf::LinearClassifier> Model() {
  static std::shared_ptr<const clf::LinearClassifier> c = [] {
    // AIGIS_CLASSIFIER_BENCH_MODEL=file measures another model (e.g. a smaller hash table).
    const char* path = std::getenv("AIGIS_CLASSIFIER_BENCH_MODEL");
    auto m = path ? clf::LoadModelFile(path) : clf::ParseModel(clf::EmbeddedModel());
    if (!m.ok()) std::abort();
    auto r = clf::LinearClassifier::Create(std::move(*m));
    if (!r.ok()) std::abort();
    return *r;
  }();
  return c;
}

// The 30-word vocabulary (english_prose.h).
std::string Prose(size_t bytes, uint32_t seed) {
  return aigis::bench::VocabularyProse(bytes, seed);
}

// guard_bench.cc's Prose (ordinary English word frequencies, sentences, commas, line breaks), on
// which the signatures cost about 3 ms/MiB; the vocabulary above ("you", "please", "write", ...)
// costs them about 21 ms/MiB, so the pipeline is measured on both.
using aigis::bench::EnglishProse;

// The bodies of the Score benchmarks, for the shipped model and the one with group thresholds.
void ScorePrompts1KB(benchmark::State& state, const clf::LinearClassifier& c) {
  std::vector<std::string> prompts;
  for (uint32_t i = 0; i < 64; ++i) prompts.push_back(Prose(1024, i));
  size_t i = 0;
  for (auto _ : state) {
    auto s = c.Score(prompts[i++ & 63]);
    benchmark::DoNotOptimize(s);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * 1024);
}

void ScoreDocument64KB(benchmark::State& state, const clf::LinearClassifier& c) {
  std::string doc = Prose(64 * 1024, 7);
  for (auto _ : state) {
    auto s = c.Score(doc);
    benchmark::DoNotOptimize(s);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * 64 * 1024);
}

void BM_ClassifierScore1KB(benchmark::State& state) { ScorePrompts1KB(state, *Model()); }
BENCHMARK(BM_ClassifierScore1KB);

void BM_ClassifierScore64KB(benchmark::State& state) { ScoreDocument64KB(state, *Model()); }
BENCHMARK(BM_ClassifierScore64KB);

// The same model with per-language-group thresholds (all equal to its threshold, so the scores
// do not change): the extra cost is the grouping of each text (language_group.h).
std::shared_ptr<const clf::LinearClassifier> GroupedModel() {
  static std::shared_ptr<const clf::LinearClassifier> c = [] {
    clf::LinearModel m = Model()->model();
    m.group_thresholds.assign(clf::kLanguageGroups, m.threshold);
    auto r = clf::LinearClassifier::Create(std::move(m));
    if (!r.ok()) std::abort();
    return *r;
  }();
  return c;
}

void BM_ClassifierScoreGroups1KB(benchmark::State& state) {
  ScorePrompts1KB(state, *GroupedModel());
}
BENCHMARK(BM_ClassifierScoreGroups1KB);

void BM_ClassifierScoreGroups64KB(benchmark::State& state) {
  ScoreDocument64KB(state, *GroupedModel());
}
BENCHMARK(BM_ClassifierScoreGroups64KB);

// The grouping alone on 1 KB of compacted text: 64 English prose prompts (arg 0, the ASCII path;
// different texts, so the word-boundary branches are not learnt) and Russian (arg 1, every
// letter decoded and looked up in utf8proc's tables).
void BM_LanguageGroup1KB(benchmark::State& state) {
  std::vector<std::string> texts;
  for (uint32_t i = 0; i < 64; ++i) {
    std::string t;
    if (state.range(0) == 0) {
      t = Prose(1024, i);
    } else {
      while (t.size() < 1024) t += "пожалуйста кратко перескажи этот отчёт для меня ";
      t.resize(1024);
    }
    std::string compact;
    clf::CompactText(t, &compact);
    texts.push_back(std::move(compact));
  }
  size_t i = 0;
  for (auto _ : state) {
    auto g = clf::GroupOfCompact(texts[i++ & 63]);
    benchmark::DoNotOptimize(g);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * 1024);
}
BENCHMARK(BM_LanguageGroup1KB)->ArgName("russian")->Arg(0)->Arg(1);

std::shared_ptr<const GuardEngine> EngineWithClassifier() {
  static std::shared_ptr<const GuardEngine> e = [] {
    auto r = GuardEngine::Create(GuardPolicy::Defaults(), Model());
    if (!r.ok()) std::abort();
    return *r;
  }();
  return e;
}

// The same engine without the classifier: the control for the pipeline benchmarks, so the
// classifier's share is the difference on the same text (this vocabulary costs the signatures
// more than guard_bench's prose does).
std::shared_ptr<const GuardEngine> EngineWithoutClassifier() {
  static std::shared_ptr<const GuardEngine> e = [] {
    auto r = GuardEngine::Create(GuardPolicy::Defaults());
    if (!r.ok()) std::abort();
    return *r;
  }();
  return e;
}

std::shared_ptr<const GuardEngine> PipelineEngine(const benchmark::State& state) {
  return state.range(0) != 0 ? EngineWithClassifier() : EngineWithoutClassifier();
}

void BM_PipelineWithClassifier1KB(benchmark::State& state) {
  auto s = GuardScanner::Create(PipelineEngine(state));
  if (!s.ok()) std::abort();
  std::vector<std::string> prompts;
  for (uint32_t i = 0; i < 64; ++i) {
    prompts.push_back("Can you help me write an email to my landlord? " + Prose(1024 - 48, i));
  }
  size_t i = 0;
  for (auto _ : state) {
    auto r = s->Scan(prompts[i++ & 63]);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * 1024);
}
BENCHMARK(BM_PipelineWithClassifier1KB)->ArgName("classifier")->Arg(1)->Arg(0);

void BM_PipelineWithClassifierProse1MB(benchmark::State& state) {
  auto s = GuardScanner::Create(PipelineEngine(state));
  if (!s.ok()) std::abort();
  std::string doc = Prose(1 << 20, 3);
  for (auto _ : state) {
    auto r = s->Scan(doc);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * (1 << 20));
}
BENCHMARK(BM_PipelineWithClassifierProse1MB)->ArgName("classifier")->Arg(1)->Arg(0);

// The whole pipeline on guard_bench's English prose (BM_Prose there, plus the classifier).
void BM_PipelineWithClassifierEnglish1MB(benchmark::State& state) {
  auto s = GuardScanner::Create(PipelineEngine(state));
  if (!s.ok()) std::abort();
  std::string doc = EnglishProse(1 << 20, 1);
  for (auto _ : state) {
    auto r = s->Scan(doc);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(doc.size()));
}
BENCHMARK(BM_PipelineWithClassifierEnglish1MB)->ArgName("classifier")->Arg(1)->Arg(0);

void BM_PipelineWithClassifierRealText1MB(benchmark::State& state) {
  const char* path = std::getenv("AIGIS_GUARD_BENCH_JSONL");
  if (path == nullptr) {
    state.SkipWithError("set AIGIS_GUARD_BENCH_JSONL");
    return;
  }
  std::string doc;
  for (const std::string& t : aigis::bench::ReadJsonlTexts(path)) {
    if (doc.size() + t.size() > (1u << 20)) break;
    doc += t;
    doc += "\n\n";
  }
  auto s = GuardScanner::Create(PipelineEngine(state));
  if (!s.ok()) std::abort();
  for (auto _ : state) {
    auto r = s->Scan(doc);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(doc.size()));
}
BENCHMARK(BM_PipelineWithClassifierRealText1MB)->ArgName("classifier")->Arg(1)->Arg(0);

}  // namespace

BENCHMARK_MAIN();
