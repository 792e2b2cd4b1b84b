#include "guard/classifier/metrics.h"

#include <algorithm>
#include <cmath>

namespace aigis::guard::classifier {

void Confusion::Add(bool positive, bool predicted) {
  if (positive && predicted)
    ++tp;
  else if (positive)
    ++fn;
  else if (predicted)
    ++fp;
  else
    ++tn;
}
double Confusion::Precision() const { return tp + fp ? double(tp) / double(tp + fp) : 0; }
double Confusion::Recall() const { return tp + fn ? double(tp) / double(tp + fn) : 0; }
double Confusion::F1() const {
  double p = Precision(), r = Recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}
double Confusion::Fpr() const { return fp + tn ? double(fp) / double(fp + tn) : 0; }
double Confusion::Tnr() const { return fp + tn ? double(tn) / double(fp + tn) : 0; }
double Confusion::BalancedAccuracy() const {
  bool has_pos = tp + fn > 0, has_neg = fp + tn > 0;
  if (has_pos && has_neg) return (Recall() + Tnr()) / 2;
  if (has_pos) return Recall();
  if (has_neg) return Tnr();
  return 0;
}

Confusion ConfusionAt(const std::vector<Scored>& s, double threshold) {
  Confusion c;
  for (const Scored& x : s) c.Add(x.positive, x.score >= threshold);
  return c;
}

double RocAuc(std::vector<Scored> s) {
  // Mann-Whitney U with average ranks for ties.
  std::sort(s.begin(), s.end(), [](const Scored& a, const Scored& b) { return a.score < b.score; });
  double pos = 0, neg = 0, rank_sum = 0;
  for (size_t i = 0; i < s.size();) {
    size_t j = i;
    while (j < s.size() && s[j].score == s[i].score) ++j;
    double avg_rank = (double(i + 1) + double(j)) / 2;
    for (size_t k = i; k < j; ++k) {
      if (s[k].positive) {
        rank_sum += avg_rank;
        ++pos;
      } else {
        ++neg;
      }
    }
    i = j;
  }
  if (pos == 0 || neg == 0) return 0;
  return (rank_sum - pos * (pos + 1) / 2) / (pos * neg);
}

double RecallAtFpr(std::vector<Scored> s, double max_fpr) {
  std::sort(s.begin(), s.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });
  size_t pos = 0, neg = 0;
  for (const Scored& x : s) (x.positive ? pos : neg)++;
  if (pos == 0) return 0;
  const auto budget = static_cast<size_t>(std::floor(max_fpr * double(neg) + 1e-9));
  size_t tp = 0, fp = 0, best = 0;
  // Walk thresholds from high to low; a tie group is admitted whole or not at all.
  for (size_t i = 0; i < s.size();) {
    size_t j = i, gtp = 0, gfp = 0;
    while (j < s.size() && s[j].score == s[i].score) (s[j++].positive ? gtp : gfp)++;
    if (fp + gfp > budget) break;
    tp += gtp;
    fp += gfp;
    best = tp;
    i = j;
  }
  return double(best) / double(pos);
}

}  // namespace aigis::guard::classifier
