// Not a Google Benchmark: scores one text with the shipped classifier (or runs the whole guard
// pipeline on it) a given number of times and prints the wall time per MiB. Run it under
// `valgrind --tool=cachegrind` with 1 and with 4 repetitions; the difference over 3 is the
// instruction count (and the simulated cache misses) of one, which the host's neighbours do not
// change (docs/performance.md).
//
//   classifier_cost [reps] [english|prose|FILE.jsonl] [classifier|pipeline|signatures]
//
// pipeline: GuardScanner::Scan with the default policy and the shipped classifier; signatures:
// the same without the classifier (classifier_bench's classifier:0).
// english: 1 MiB of bench/english_prose.h text; prose: classifier_bench's 30-word vocabulary;
// a JSONL file: its "text" fields joined by newlines, up to 1 MiB (real prompts).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "english_prose.h"
#include "guard/classifier/embedded_model.h"
#include "guard/classifier/linear_classifier.h"
#include "guard/engine.h"
#include "jsonl_texts.h"

namespace clf = aigis::guard::classifier;

int main(int argc, char** argv) {
  const int reps = argc > 1 ? std::atoi(argv[1]) : 1;
  const std::string which = argc > 2 ? argv[2] : "english";
  std::string text;
  if (which == "english") {
    text = aigis::bench::EnglishProse(1 << 20, 1);
  } else if (which == "prose") {
    text = aigis::bench::VocabularyProse(1 << 20, 3);
  } else {
    for (const std::string& t : aigis::bench::ReadJsonlTexts(which.c_str())) {
      if (text.size() + t.size() + 1 > (1 << 20)) break;
      text += t;
      text += '\n';
    }
  }
  if (reps < 1 || text.empty()) {
    std::fprintf(stderr, "usage: classifier_cost [reps >= 1] [english|prose|FILE.jsonl]\n");
    return 2;
  }
  const std::string mode = argc > 3 ? argv[3] : "classifier";
  if (mode != "classifier" && mode != "pipeline" && mode != "signatures") {
    std::fprintf(stderr, "unknown mode %s (classifier, pipeline or signatures)\n", mode.c_str());
    return 2;
  }
  auto m = clf::ParseModel(clf::EmbeddedModel());
  if (!m.ok()) return 1;
  auto c = clf::LinearClassifier::Create(std::move(*m));
  if (!c.ok()) return 1;
  double sum = 0;
  std::chrono::steady_clock::time_point t0, t1;
  if (mode == "classifier") {
    t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < reps; ++i) sum += (*c)->Margin(text);
    t1 = std::chrono::steady_clock::now();
  } else {
    auto engine = mode == "pipeline"
                      ? aigis::guard::GuardEngine::Create(aigis::guard::GuardPolicy::Defaults(), *c)
                      : aigis::guard::GuardEngine::Create(aigis::guard::GuardPolicy::Defaults());
    if (!engine.ok()) return 1;
    auto scanner = aigis::guard::GuardScanner::Create(*engine);
    if (!scanner.ok()) return 1;
    t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < reps; ++i)
      sum += static_cast<double>(scanner->Scan(text).detections.size());
    t1 = std::chrono::steady_clock::now();
  }
  const double ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
  std::printf("%zu bytes, %d x %s, result %.6f, %.3f ms per MiB\n", text.size(), reps, mode.c_str(),
              sum / reps, ms / reps * (1 << 20) / static_cast<double>(text.size()));
  return 0;
}
