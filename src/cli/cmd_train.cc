// `aigis train`: trains the prompt-attack classifier (guard/classifier) from labelled JSONL files
// and writes a model file. Deterministic: the same data, options and seed give the same bytes.
// Only cli/ prints and picks exit codes: 0 ok, 2 usage, I/O or training error.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "guard/classifier/language_group.h"
#include "guard/classifier/model.h"
#include "guard/classifier/trainer.h"

namespace aigis::cli {
namespace {

namespace clf = guard::classifier;

struct TrainArgs {
  std::vector<std::string> data;
  std::string out;
  std::string name = "prompt-attack";
  uint64_t seed = 1;
  double c = 4.0;
  int log2_buckets = 18;
  int char_min = 2, char_max = 5, word_max = 2;
  uint32_t window = 1024, stride = 512;
  size_t max_per_family = 3000;
  size_t min_per_family = 0;
  double dev_fraction = 0.2;
  double target_fpr = 0.01;
  bool fpr_per_family = false;
  bool no_bias = false;
  bool benign_windows = false;
  bool group_thresholds = false;
  bool fold_encoded = false;
  size_t min_group_benign = 100;
  bool quiet = false;
};

int RunTrain(const TrainArgs& a) {
  std::vector<clf::Example> rows;
  for (const std::string& path : a.data) {
    size_t skipped = 0;
    Status st = clf::ReadExamples(path, &rows, &skipped);
    if (!st.ok()) {
      std::fprintf(stderr, "aigis train: %s: %s\n", path.c_str(), st.ToString().c_str());
      return kExitError;
    }
    if (skipped && !a.quiet) {
      std::fprintf(stderr, "aigis train: %s: skipped %zu rows (no text/label)\n", path.c_str(),
                   skipped);
    }
  }
  clf::TrainOptions o;
  o.shape.features.char_min = static_cast<uint8_t>(a.char_min);
  o.shape.features.char_max = static_cast<uint8_t>(a.char_max);
  o.shape.features.word_max = static_cast<uint8_t>(a.word_max);
  o.shape.features.log2_buckets = static_cast<uint8_t>(a.log2_buckets);
  o.shape.window_bytes = a.window;
  o.shape.window_stride = a.stride;
  o.shape.name = a.name;
  o.seed = a.seed;
  o.c = a.c;
  o.max_per_family = a.max_per_family;
  o.min_per_family = a.min_per_family;
  o.dev_fraction = a.dev_fraction;
  o.target_fpr = a.target_fpr;
  o.fpr_per_family = a.fpr_per_family;
  o.bias = !a.no_bias;
  o.benign_windows = a.benign_windows;
  o.group_thresholds = a.group_thresholds;
  o.shape.features.fold_encoded = a.fold_encoded;
  o.min_group_benign = a.min_group_benign;
  clf::TrainReport rep;
  Result<clf::LinearModel> m = clf::Train(rows, o, &rep);
  if (!m.ok()) {
    std::fprintf(stderr, "aigis train: %s\n", m.status().ToString().c_str());
    return kExitError;
  }
  std::string bytes = clf::SerializeModel(*m);
  std::ofstream f(a.out, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) {
    std::fprintf(stderr, "aigis train: cannot write %s\n", a.out.c_str());
    return kExitError;
  }
  if (!a.quiet) {
    std::map<std::string, size_t> fams;
    for (const auto& r : rows) ++fams[r.family];
    std::printf("rows %zu in %zu families; train %zu (%zu attacks), dev %zu (%zu attacks)\n",
                rows.size(), fams.size(), rep.train_rows, rep.train_attacks, rep.dev_rows,
                rep.dev_attacks);
    std::printf("threshold (margin) %.4f  dev: recall %.4f  FPR %.4f  BA %.4f  AUC %.4f\n",
                rep.threshold, rep.dev.Recall(), rep.dev.Fpr(), rep.dev.BalancedAccuracy(),
                rep.dev_auc);
    for (size_t g = 0; g < rep.group_dev_benign.size(); ++g) {
      std::printf("  group %-11s dev benign %5zu attacks %5zu",
                  std::string(clf::LanguageGroupName(static_cast<clf::LanguageGroup>(g))).c_str(),
                  rep.group_dev_benign[g], rep.group_dev_attacks[g]);
      if (g < rep.group_thresholds.size()) {
        std::printf(
            "  threshold %.4f%s", rep.group_thresholds[g],
            rep.group_dev_benign[g] < a.min_group_benign ? " (global: too few benign)" : "");
      }
      std::printf("\n");
    }
    std::printf("wrote %s (%zu bytes)\n", a.out.c_str(), bytes.size());
  }
  return kExitOk;
}

}  // namespace

void RegisterTrainCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<TrainArgs>();
  CLI::App* sub = app.add_subcommand(
      "train", "Train the prompt-attack classifier from labelled JSONL (text, label, source)");
  sub->add_option("--data", a->data, "JSONL files (label: injection | jailbreak | benign)")
      ->required();
  sub->add_option("-o,--out", a->out, "Model file to write")->required();
  sub->add_option("--name", a->name, "Model name (rule id classifier.<name>)");
  sub->add_option("--seed", a->seed, "Seed for subsampling and the dev split");
  sub->add_option("--c", a->c, "liblinear C (inverse L2 regularisation)");
  sub->add_option("--log2-buckets", a->log2_buckets, "Hash table size (2^N weights)")
      ->check(CLI::Range(10, 24));
  sub->add_option("--char-min", a->char_min, "Shortest character n-gram")->check(CLI::Range(1, 8));
  sub->add_option("--char-max", a->char_max, "Longest character n-gram")->check(CLI::Range(1, 8));
  sub->add_option("--word-max", a->word_max, "Longest word n-gram (0: none)")
      ->check(CLI::Range(0, 3));
  sub->add_option("--window", a->window, "Window size in bytes for long inputs");
  sub->add_option("--stride", a->stride, "Window step in bytes (divides --window)");
  sub->add_option("--max-per-family", a->max_per_family, "Rows kept per family (0: all)");
  sub->add_option("--min-per-family", a->min_per_family,
                  "Repeat small families' training rows up to N per class");
  sub->add_option("--dev-fraction", a->dev_fraction, "Share of groups held out for the threshold")
      ->check(CLI::Range(0.0, 0.9));
  sub->add_option("--target-fpr", a->target_fpr, "False-positive budget per benign family")
      ->check(CLI::Range(0.0, 0.5));
  sub->add_flag("--fpr-per-family", a->fpr_per_family,
                "Budget per benign family on dev (default: pooled over dev benign rows)");
  sub->add_flag("--no-bias", a->no_bias,
                "No bias term: text without known n-grams scores 0 instead of the bias");
  sub->add_flag("--benign-windows", a->benign_windows,
                "Benign rows longer than a window also train as their windows");
  sub->add_flag("--group-thresholds", a->group_thresholds,
                "One threshold per language group (English-like, other Latin, non-Latin script)");
  sub->add_option("--min-group-benign", a->min_group_benign,
                  "--group-thresholds: fewer benign dev rows in a group: use the global threshold");
  sub->add_flag("--fold-encoded", a->fold_encoded,
                "Hex dumps, hashes, UUIDs and base64 runs become one token before features "
                "(model version 4; the decoders rescan what such runs hide)");
  sub->add_flag("-q,--quiet", a->quiet, "Print nothing on success");
  sub->callback([a, exit_code] { *exit_code = RunTrain(*a); });
}

}  // namespace aigis::cli
