#include "guard/classifier/linear_classifier.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "guard/classifier/features.h"

namespace aigis::guard::classifier {

namespace {
// w * sign for sign in {+1, -1} without a multiply: (w ^ m) - m with m = 0 or -1.
inline int64_t Signed(int16_t w, int sign) {
  const int64_t m = sign >> 1;  // +1 -> 0, -1 -> -1 (arithmetic shift)
  return (int64_t{w} ^ m) - m;
}
}  // namespace

double CalibratedScore(double margin, double threshold) {
  return 1.0 / (1.0 + std::exp(-(margin - threshold)));
}

Result<std::shared_ptr<const LinearClassifier>> LinearClassifier::Create(LinearModel model) {
  AIGIS_RETURN_IF_ERROR(ValidateConfig(model));
  if (model.weights.size() != (size_t{1} << model.features.log2_buckets)) {
    return Status::InvalidArgument("classifier: weight table size does not match log2_buckets");
  }
  return std::shared_ptr<const LinearClassifier>(new LinearClassifier(std::move(model)));
}

double LinearClassifier::WindowMargin(int64_t acc, uint64_t count) const {
  if (count == 0) return model_.bias;
  return static_cast<double>(acc) * model_.scale / std::sqrt(static_cast<double>(count)) +
         model_.bias;
}

double LinearClassifier::Margin(std::string_view folded) const {
  // Per-thread scratch: Score runs on the guard's hot path, once per prompt.
  thread_local std::string compact;
  thread_local std::vector<int64_t> block_acc;
  thread_local std::vector<uint64_t> block_cnt;
  CompactText(folded, &compact);
  const int16_t* w = model_.weights.data();
  const size_t n = compact.size();
  if (n <= model_.window_bytes) {
    int64_t acc = 0;
    uint64_t cnt = 0;
    ForEachFeature(compact, model_.features, [&](uint32_t b, int sign, size_t) {
      acc += Signed(w[b], sign);
      ++cnt;
    });
    return WindowMargin(acc, cnt);
  }
  // Long text: sum features into stride-sized blocks by start position, then slide a window of
  // window_bytes/window_stride blocks over them. Memory is O(n / stride), not O(n).
  const size_t stride = model_.window_stride;
  const size_t nblocks = (n + stride - 1) / stride;
  block_acc.assign(nblocks, 0);
  block_cnt.assign(nblocks, 0);
  // The current block's sums stay in registers and are flushed when the position leaves it (a
  // read-modify-write of block_acc per feature made every feature wait for the previous store).
  size_t blk = 0, blk_start = 0, blk_end = stride;
  int64_t cur_acc = 0;
  uint64_t cur_cnt = 0;
  ForEachFeature(compact, model_.features, [&](uint32_t b, int sign, size_t pos) {
    if (pos < blk_start || pos >= blk_end) [[unlikely]] {  // positions are monotonic per pass
      block_acc[blk] += cur_acc;
      block_cnt[blk] += cur_cnt;
      cur_acc = 0;
      cur_cnt = 0;
      blk = pos / stride;
      blk_start = blk * stride;
      blk_end = blk_start + stride;
    }
    cur_acc += Signed(w[b], sign);
    ++cur_cnt;
  });
  block_acc[blk] += cur_acc;
  block_cnt[blk] += cur_cnt;
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

Result<double> LinearClassifier::Score(std::string_view folded) const {
  return CalibratedScore(Margin(folded), model_.threshold);
}

}  // namespace aigis::guard::classifier
