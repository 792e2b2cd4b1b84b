// The training recipe's command-line options, shared by `aigis train` and `aigis guard eval
// --leave-source-out`, so that every recipe a model can be trained with can also be judged
// leave-one-family-out with the same spelling and the same defaults.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "guard/classifier/trainer.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace aigis::cli {

struct RecipeArgs {
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
  std::vector<std::string> budget_exclude;
  bool no_bias = false;
  bool benign_windows = false;
  bool group_thresholds = false;
  size_t min_group_benign = 100;
  bool fold_encoded = false;
  bool fold_numbers = false;
  int concept_copies = 0;
};

// Adds the recipe's options to `app` and returns them; every help text starts with `help_prefix`
// (eval says which mode the option belongs to, and makes each need that mode's flag).
std::vector<CLI::Option*> AddRecipeOptions(CLI::App* app, RecipeArgs* a,
                                           const std::string& help_prefix);

// The trainer's options for `a` (the model name and the weights are left to the caller/trainer).
guard::classifier::TrainOptions ToTrainOptions(const RecipeArgs& a);

}  // namespace aigis::cli
