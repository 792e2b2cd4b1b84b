// Classifier: the slot for a learned prompt-attack classifier (filled by the classifier issue).
// The engine calls Score on the folded text of a whole input when the policy enables the
// "classifier" detector; a score at or above its threshold becomes a detection covering the text.
// Thread safety: Score is const and must be safe to call from many threads at once.
#pragma once

#include <string_view>

#include "core/status.h"

namespace aigis::guard {

class Classifier {
 public:
  virtual ~Classifier() = default;
  // Probability in [0, 1] that `folded_text` is a prompt attack.
  virtual Result<double> Score(std::string_view folded_text) const = 0;
  // Short name used as the rule suffix ("classifier.<name>").
  virtual std::string_view name() const = 0;
};

}  // namespace aigis::guard
