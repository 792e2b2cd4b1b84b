#include "guard/classifier/linear_classifier.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "guard/classifier/features.h"

namespace aigis::guard::classifier {

double CalibratedScore(double margin, double threshold) {
  return 1.0 / (1.0 + std::exp(-(margin - threshold)));
}

Result<std::shared_ptr<const LinearClassifier>> LinearClassifier::Create(LinearModel model) {
  AIGIS_RETURN_IF_ERROR(ValidateConfig(model));
  if (model.weights.size() != (size_t{1} << model.features.log2_buckets)) {
    return Status::InvalidArgument("classifier: weight table size does not match log2_buckets");
  }
  std::shared_ptr<LinearClassifier> c(new LinearClassifier(std::move(model)));
  MakeSignedWeights(c->model_.weights, &c->signed_weights_);
  c->concept_sums_ = ConceptEventSums(c->model_.features, c->model_.weights.data());
  c->scoring_.concept_sums = c->concept_sums_.empty() ? nullptr : c->concept_sums_.data();
  c->scoring_.cache_owner = NewWordCacheOwner();
  c->pair_weights_ = PairWeights(c->model_.features, c->model_.weights);
  c->scoring_.pair_weights = c->pair_weights_.empty() ? nullptr : c->pair_weights_.data();
  return std::shared_ptr<const LinearClassifier>(std::move(c));
}

void LinearClassifier::BlockSums(std::string_view compact, size_t stride, std::vector<int64_t>* acc,
                                 std::vector<uint64_t>* cnt) const {
  if (!signed_weights_.empty()) {
    SumSignedWeightsByBlock(compact, model_.features, signed_weights_.data(), stride, acc, cnt,
                            &scoring_);
  } else {
    SumWeightsByBlock(compact, model_.features, model_.weights.data(), stride, acc, cnt, &scoring_);
  }
}

double LinearClassifier::WindowMargin(int64_t acc, uint64_t count) const {
  if (count == 0) return model_.bias;
  return static_cast<double>(acc) * model_.scale / std::sqrt(static_cast<double>(count)) +
         model_.bias;
}

double LinearClassifier::Margin(std::string_view folded) const {
  thread_local std::string compact;
  CompactForModel(folded, model_.features, &compact);
  return CompactMargin(compact);
}

double LinearClassifier::CompactMargin(std::string_view compact) const {
  // Per-thread scratch: Score runs on the guard's hot path, once per prompt.
  thread_local std::vector<int64_t> block_acc;
  thread_local std::vector<uint64_t> block_cnt;
  const size_t n = compact.size();
  if (n <= model_.window_bytes) {  // one window: a single block
    BlockSums(compact, std::max<size_t>(n, 1), &block_acc, &block_cnt);
    return WindowMargin(block_acc[0], block_cnt[0]);
  }
  // Long text: features summed into stride-sized blocks by start position (each position's
  // features computed once), then a window of window_bytes/window_stride blocks slides over them.
  // Memory is O(n / stride), not O(n).
  const size_t stride = model_.window_stride;
  BlockSums(compact, stride, &block_acc, &block_cnt);
  const size_t nblocks = block_acc.size();
  const size_t k = model_.window_bytes / stride;  // blocks per window (>= 2 here since n > W)
  int64_t acc = 0;
  uint64_t cnt = 0;
  for (size_t i = 0; i < k && i < nblocks; ++i) {
    acc += block_acc[i];
    cnt += block_cnt[i];
  }
  double best = WindowMargin(acc, cnt);
  for (size_t i = k; i < nblocks; ++i) {
    acc += block_acc[i] - block_acc[i - k];
    cnt += block_cnt[i] - block_cnt[i - k];
    best = std::max(best, WindowMargin(acc, cnt));
  }
  return best;
}

double LinearClassifier::Threshold(std::string_view folded) const {
  if (model_.group_thresholds.empty()) return model_.threshold;
  thread_local std::string compact;
  CompactForModel(folded, model_.features, &compact);
  return ThresholdFor(model_, GroupOfCompact(compact));
}

Result<double> LinearClassifier::Score(std::string_view folded) const {
  thread_local std::string compact;
  CompactForModel(folded, model_.features, &compact);
  // The group is looked up only for a model that has group thresholds (version 3).
  const double threshold = model_.group_thresholds.empty()
                               ? model_.threshold
                               : ThresholdFor(model_, GroupOfCompact(compact));
  return CalibratedScore(CompactMargin(compact), threshold);
}

}  // namespace aigis::guard::classifier
