// Training the prompt-attack classifier with liblinear (L2-regularised logistic regression, primal
// trust-region Newton: deterministic) over hashed features (features.h) of the guard's folded text.
//
// Data handling: rows carry a source family (rows of one generator or template collection) and a
// group inside it (a BIPIA e-mail/table context, a jailbreak template). Train/dev splits and the
// leave-one-family-out evaluation split whole groups, never rows, so near-duplicates never
// straddle. Big families are subsampled (deterministically for a seed) and classes are balanced by
// weight. The operating threshold is chosen on dev: the lowest margin at which the dev benign rows
// (or, with fpr_per_family, every benign family in dev) keep a false-positive rate <= target_fpr;
// with group_thresholds, also one per language group on that group's dev benign rows.
// Thread safety: functions are reentrant (liblinear's print hook is process-wide; we silence it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "guard/classifier/metrics.h"
#include "guard/classifier/model.h"

namespace aigis::guard::classifier {

struct Example {
  std::string folded;  // the guard's normalised/folded text
  bool attack = false;
  std::string label;   // injection | jailbreak | benign
  std::string family;  // source family (leave-one-out unit)
  std::string group;   // context/template inside the family (split unit)
  std::string file;    // where it came from (per-file reports)
};

struct ExampleLimits {
  // A JSONL row longer than this is skipped as a whole (in-the-wild jailbreaks reach 55 KB; 1 MiB
  // leaves room and keeps a hostile file from making one row cost gigabytes).
  size_t max_line_bytes = 1 << 20;
  // Rows kept per file: the largest shared file has 8,852 rows.
  size_t max_rows = 1000000;
};

// Reads a JSONL file of {"text", "label", "source"[, "family", "meta"]}; rows without a string text
// or with an unknown label are skipped and counted in *skipped. Applies the guard's folding.
Status ReadExamples(const std::string& path, std::vector<Example>* out, size_t* skipped,
                    const ExampleLimits& limits = ExampleLimits());

// The source family of a row (an explicit "family" field wins); exposed for tests.
std::string FamilyOf(const std::string& source, const std::string& label,
                     const std::string& explicit_family);

struct TrainOptions {
  LinearModel shape;              // features, window, name (weights/bias/threshold are outputs)
  double c = 4.0;                 // liblinear C (inverse regularisation)
  double eps = 0.01;              // liblinear stopping tolerance
  uint64_t seed = 1;              // subsampling and split
  size_t max_per_family = 3000;   // rows kept per family for training (0 = all)
  size_t min_per_family = 0;      // small families' train rows are repeated up to this, per class
  double dev_fraction = 0.2;      // share of groups held out for the threshold
  double target_fpr = 0.01;       // false-positive budget on dev benign rows
  bool fpr_per_family = false;    // budget per benign family (stricter) instead of pooled
  size_t max_train_bytes = 4096;  // compacted bytes of a row used as its training vector
  bool bias = true;               // false: no bias term, so text without known n-grams scores 0
  // Benign rows longer than a window also train as their windows (non-overlapping, within
  // max_train_bytes): the scorer takes the maximum over windows, so every window of a long
  // benign document has to score low, not only the document as a whole.
  bool benign_windows = false;
  // One threshold per language group (language_group.h), each on the dev benign rows of that
  // group at target_fpr; a group with fewer than min_group_benign benign dev rows keeps the
  // global threshold: below 1/target_fpr rows (100 at 1%) the "quantile" allows no benign row
  // above it and is just the maximum of a handful of margins, an estimate that swings with
  // the split.
  bool group_thresholds = false;
  size_t min_group_benign = 100;
  // Families whose benign dev rows do not count in the false-positive budget (they still train and
  // are still scored in the dev report): sets written to be hard, such as near-miss workplace
  // requests, whose share of dev would otherwise set the operating point for all traffic.
  std::vector<std::string> budget_exclude;
};

// Fails naming the first family of opt.budget_exclude that has no benign row in `rows` (a typo
// would otherwise leave the budget as it is and silently void a comparison). Called on the whole
// data before training or leave-one-family-out, where a held-out family is legitimately absent.
Status CheckBudgetExclude(const std::vector<Example>& rows, const TrainOptions& opt);

struct TrainReport {
  size_t train_rows = 0, train_attacks = 0, dev_rows = 0, dev_attacks = 0;
  double threshold = 0;
  std::vector<float> group_thresholds;  // empty unless TrainOptions::group_thresholds
  std::vector<size_t> group_dev_benign, group_dev_attacks;  // dev rows per LanguageGroup
  std::vector<size_t> group_dev_budgeted;  // benign dev rows in the budget, per LanguageGroup
  Confusion dev;  // at the threshold (each dev row at its group's, with group thresholds)
  double dev_auc = 0;
};

// Trains on `rows`; a dev split of whole groups is carved out of them for the threshold.
Result<LinearModel> Train(const std::vector<Example>& rows, const TrainOptions& opt,
                          TrainReport* report);

// Deterministic 64-bit hash of a string with a seed (FNV-1a + mix); used for splits.
uint64_t SeededHash(const std::string& s, uint64_t seed);

}  // namespace aigis::guard::classifier
