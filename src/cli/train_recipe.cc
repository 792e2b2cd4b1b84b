#include "cli/train_recipe.h"

#include <CLI/CLI.hpp>

#include "guard/classifier/model_limits.h"

namespace aigis::cli {

std::vector<CLI::Option*> AddRecipeOptions(CLI::App* app, RecipeArgs* a,
                                           const std::string& help_prefix) {
  auto h = [&help_prefix](const char* text) { return help_prefix + text; };
  const size_t before = app->get_options().size();
  app->add_option("--seed", a->seed, h("Seed for subsampling and the dev split"));
  app->add_option("--c", a->c, h("liblinear C (inverse L2 regularisation)"));
  app->add_option("--log2-buckets", a->log2_buckets, h("Hash table size (2^N weights)"))
      ->check(CLI::Range(10, 24));
  app->add_option("--char-min", a->char_min, h("Shortest character n-gram"))
      ->check(CLI::Range(1, 8));
  app->add_option("--char-max", a->char_max, h("Longest character n-gram"))
      ->check(CLI::Range(1, 8));
  app->add_option("--word-max", a->word_max, h("Longest word n-gram (0: none)"))
      ->check(CLI::Range(0, 3));
  app->add_option("--window", a->window, h("Window size in bytes for long inputs"));
  app->add_option("--stride", a->stride, h("Window step in bytes (divides --window)"));
  app->add_option("--max-per-family", a->max_per_family, h("Rows kept per family (0: all)"));
  app->add_option("--min-per-family", a->min_per_family,
                  h("Repeat small families' training rows up to N per class"));
  app->add_option("--dev-fraction", a->dev_fraction,
                  h("Share of groups held out for the threshold"))
      ->check(CLI::Range(0.0, 0.9));
  app->add_option("--target-fpr", a->target_fpr, h("False-positive budget on dev benign rows"))
      ->check(CLI::Range(0.0, 0.5));
  app->add_flag("--fpr-per-family", a->fpr_per_family,
                h("Budget per benign family on dev (default: pooled over dev benign rows)"));
  app->add_option("--budget-exclude", a->budget_exclude,
                  h("Family whose benign dev rows do not count in the false-positive budget "
                    "(they still train; repeatable)"));
  app->add_flag("--no-bias", a->no_bias,
                h("No bias term: text without known n-grams scores 0 instead of the bias"));
  app->add_flag("--benign-windows", a->benign_windows,
                h("Benign rows longer than a window also train as their windows"));
  app->add_flag("--group-thresholds", a->group_thresholds,
                h("One threshold per language group (English-like, other Latin, non-Latin "
                  "script)"));
  app->add_option("--min-group-benign", a->min_group_benign,
                  h("With --group-thresholds: fewer benign dev rows in a group than this: use "
                    "the global threshold"));
  app->add_flag("--fold-encoded", a->fold_encoded,
                h("Hex dumps, hashes, UUIDs and base64 runs become one token before features "
                  "(model version 4; the decoders rescan what such runs hide)"));
  app->add_flag(
      "--fold-numbers", a->fold_numbers,
      h("Every number, and every run of numbers, becomes one token before features "
        "(model feature flag 2; the decoders rescan decimal and binary character codes)"));
  app->add_option("--concepts", a->concept_copies,
                  h("Concept features from the built-in cross-lingual lexicon, each this many "
                    "times (0 = none; model version 5)"))
      ->check(CLI::Range(0, int{guard::classifier::ModelLimits().max_concept_copies}));
  std::vector<CLI::Option*> all = app->get_options();  // in the order they were added
  return std::vector<CLI::Option*>(all.begin() + static_cast<std::ptrdiff_t>(before), all.end());
}

guard::classifier::TrainOptions ToTrainOptions(const RecipeArgs& a) {
  guard::classifier::TrainOptions o;
  o.shape.features.char_min = static_cast<uint8_t>(a.char_min);
  o.shape.features.char_max = static_cast<uint8_t>(a.char_max);
  o.shape.features.word_max = static_cast<uint8_t>(a.word_max);
  o.shape.features.log2_buckets = static_cast<uint8_t>(a.log2_buckets);
  o.shape.features.fold_encoded = a.fold_encoded;
  o.shape.features.fold_numbers = a.fold_numbers;
  o.shape.features.concept_copies = static_cast<uint8_t>(a.concept_copies);
  o.shape.window_bytes = a.window;
  o.shape.window_stride = a.stride;
  o.seed = a.seed;
  o.c = a.c;
  o.max_per_family = a.max_per_family;
  o.min_per_family = a.min_per_family;
  o.dev_fraction = a.dev_fraction;
  o.target_fpr = a.target_fpr;
  o.fpr_per_family = a.fpr_per_family;
  o.budget_exclude = a.budget_exclude;
  o.bias = !a.no_bias;
  o.benign_windows = a.benign_windows;
  o.group_thresholds = a.group_thresholds;
  o.min_group_benign = a.min_group_benign;
  return o;
}

}  // namespace aigis::cli
