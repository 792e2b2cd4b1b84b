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
#include "cli/train_recipe.h"
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
  RecipeArgs recipe;
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
  clf::TrainOptions o = ToTrainOptions(a.recipe);
  o.shape.name = a.name;
  if (Status st = clf::CheckBudgetExclude(rows, o); !st.ok()) {
    std::fprintf(stderr, "aigis train: %s\n", st.ToString().c_str());
    return kExitError;
  }
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
        std::printf("  threshold %.4f%s", rep.group_thresholds[g],
                    rep.group_dev_budgeted[g] < a.recipe.min_group_benign
                        ? " (global: too few benign)"
                        : "");
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
  AddRecipeOptions(sub, &a->recipe, "");
  sub->add_flag("-q,--quiet", a->quiet, "Print nothing on success");
  sub->callback([a, exit_code] { *exit_code = RunTrain(*a); });
}

}  // namespace aigis::cli
