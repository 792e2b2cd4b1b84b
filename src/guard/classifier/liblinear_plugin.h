// The API table the plugin libaigis_liblinear.so (trainer_liblinear.cc) hands to trainer.cc: one
// L2-regularised logistic regression fit. Both sides are built from the same tree with the same
// compiler, so C++ types cross the boundary; the stamp and size catch a stale module.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/status.h"

namespace aigis::guard::classifier {

inline constexpr uint32_t kLiblinearPluginAbi = 2;  // bump when FitProblem changes

struct FitProblem {
  uint32_t buckets = 0;                                       // feature indices are 0..buckets-1
  std::vector<std::vector<std::pair<uint32_t, float>>> rows;  // sorted sparse rows
  std::vector<uint8_t> attack;                                // 1 = attack, per row
  double attack_weight = 1.0;                                 // class weight of attacks (benign 1)
  double c = 1.0;
  double eps = 0.01;
  bool bias = true;  // false: no bias term (returned as 0), text without evidence scores 0
};

struct LiblinearPluginApi {
  uint32_t abi;
  uint32_t problem_size;
  // Weights oriented towards "attack", `buckets` of them, then the bias.
  Result<std::vector<double>> (*fit)(const FitProblem& p);
};

}  // namespace aigis::guard::classifier
