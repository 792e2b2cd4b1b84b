// LinearClassifier: the guard's learned prompt-attack detector (fills guard/classifier.h).
// Scores the folded text with a hashed-n-gram logistic regression (model.h). Text longer than one
// window is scored in overlapping windows and the maximum counts, so a short injection inside a
// long document is not diluted by the benign text around it.
// The score is calibrated so that 0.5 is the model's operating point (the threshold picked on dev
// data for at most 1% false positives): score = sigmoid(margin - threshold), where a model with
// group thresholds uses the one of the text's language group (language_group.h).
// Thread safety: immutable after Create; Score is const and reentrant (per-thread scratch).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "guard/classifier.h"
#include "guard/classifier/features.h"
#include "guard/classifier/model.h"

namespace aigis::guard::classifier {

class LinearClassifier : public Classifier {
 public:
  // Validates the configuration; the weight table must have 2^log2_buckets entries.
  static Result<std::shared_ptr<const LinearClassifier>> Create(LinearModel model);

  // sigmoid(Margin(folded) - Threshold(folded)), in [0, 1].
  Result<double> Score(std::string_view folded_text) const override;
  std::string_view name() const override { return model_.name; }

  // The raw margin: maximum over windows of w.x/sqrt(|x|) + bias (the threshold is not applied).
  double Margin(std::string_view folded_text) const;
  // The same for text already through CompactText (callers that also group it compact once).
  double CompactMargin(std::string_view compact) const;
  // The operating threshold (a margin) for this text: its group's, or the global one.
  double Threshold(std::string_view folded_text) const;
  const LinearModel& model() const { return model_; }

 private:
  explicit LinearClassifier(LinearModel m) : model_(std::move(m)) {}
  double WindowMargin(int64_t acc, uint64_t count) const;
  // Feature sums per block of `stride` compacted bytes (the signed table when there is one).
  void BlockSums(std::string_view compact, size_t stride, std::vector<int64_t>* acc,
                 std::vector<uint64_t>* cnt) const;
  LinearModel model_;
  // MakeSignedWeights of model_.weights (1 MiB for the shipped model); empty when a weight is
  // -32768.
  std::vector<int16_t> signed_weights_;
  // ConceptEventSums of model_.weights (empty for a model without concept features).
  std::vector<int64_t> concept_sums_;
  // PairWeights of model_.weights (128 KiB; empty when the model has no 2-byte n-grams).
  std::vector<int16_t> pair_weights_;
  ScoringContext scoring_;  // concept_sums_ and this classifier's word cache id
};

// The calibrated score for a raw margin.
double CalibratedScore(double margin, double threshold);

}  // namespace aigis::guard::classifier
