// Not a Google Benchmark: which folded-text rules the literal matcher pays for. Scans 1 MiB of
// English prose (folded as the engine folds it) with each rule alone, then, for the costliest
// alone, with the whole set and the set without that rule in alternation (best of 9 each, so a
// noisy spell on the shared host hits both sides). Usage: rule_cost [top_n]
// The engine scans ASCII text with the folded-text and raw rules merged into one database; this
// tool times the folded-text set alone, where almost all of that cost is.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "english_prose.h"
#include "guard/normalize/normalizer.h"
#include "guard/pattern_set.h"
#include "guard/rules.h"

namespace {

using aigis::guard::PatternScanner;
using aigis::guard::PatternSet;
using aigis::guard::PatternSpec;
using aigis::guard::RawMatch;

std::unique_ptr<PatternScanner> Build(const std::vector<PatternSpec>& specs) {
  auto set = PatternSet::Compile(specs, 4096);
  if (!set.ok()) {
    std::fprintf(stderr, "compile: %s\n", set.status().ToString().c_str());
    std::exit(1);
  }
  auto sc = PatternScanner::Create(*set);
  if (!sc.ok()) {
    std::fprintf(stderr, "scanner: %s\n", sc.status().ToString().c_str());
    std::exit(1);
  }
  return std::make_unique<PatternScanner>(std::move(*sc));
}

double ScanMs(PatternScanner& sc, std::string_view text) {
  std::vector<RawMatch> m;
  auto t0 = std::chrono::steady_clock::now();
  const aigis::Status st = sc.Scan(text, 1u << 20, &m);
  auto t1 = std::chrono::steady_clock::now();
  if (!st.ok()) {
    std::fprintf(stderr, "scan: %s\n", st.ToString().c_str());
    std::exit(1);
  }
  return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  const size_t top = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 25;
  auto rules = aigis::guard::LoadRules("");
  if (!rules.ok()) return 1;
  std::string text = aigis::bench::EnglishProse(1 << 20, 1);
  aigis::guard::normalize::Normalizer normalizer;
  aigis::guard::normalize::NormalizedText norm;
  std::vector<aigis::guard::normalize::HiddenSpan> hidden;
  normalizer.Normalize(text, &norm, &hidden);
  std::vector<PatternSpec> all;
  for (const auto& r : *rules) {
    if (r.target != aigis::guard::RuleTarget::kNormalized) continue;
    all.push_back(aigis::guard::ToPatternSpec(r));
  }
  auto whole = Build(all);
  std::vector<std::pair<double, size_t>> alone;
  for (size_t i = 0; i < all.size(); ++i) {
    auto one = Build({all[i]});
    double best = 1e9;
    for (int k = 0; k < 5; ++k) best = std::min(best, ScanMs(*one, norm.text()));
    alone.push_back({best, i});
  }
  std::sort(alone.rbegin(), alone.rend());
  std::printf("%zu folded-text rules\n", all.size());
  std::printf("  alone  whole  without  saving  (ms per MiB)\n");
  for (size_t k = 0; k < std::min(top, alone.size()); ++k) {
    const size_t i = alone[k].second;
    std::vector<PatternSpec> rest = all;
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
    auto without = Build(rest);
    double w = 1e9, r = 1e9;
    for (int round = 0; round < 9; ++round) {
      w = std::min(w, ScanMs(*whole, norm.text()));
      r = std::min(r, ScanMs(*without, norm.text()));
    }
    std::printf("%7.2f %6.2f %8.2f %7.2f  %s%s\n", alone[k].first, w, r, w - r, all[i].id.c_str(),
                all[i].literal_gate ? " (gated)" : "");
    std::fflush(stdout);
  }
  return 0;
}
