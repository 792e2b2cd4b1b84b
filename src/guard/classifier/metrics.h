// Binary-classification metrics over scored examples: confusion matrix at a threshold, precision,
// recall, F1, balanced accuracy, ROC-AUC (ties counted half) and recall at a false-positive budget.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <vector>

namespace aigis::guard::classifier {

struct Scored {
  double score;
  bool positive;
};

struct Confusion {
  size_t tp = 0, fp = 0, fn = 0, tn = 0;
  void Add(bool positive, bool predicted);
  double Precision() const;
  double Recall() const;  // true-positive rate
  double F1() const;
  double Fpr() const;
  double Tnr() const;
  // Mean of recall and TNR; a class with no examples is left out of the mean.
  double BalancedAccuracy() const;
};

Confusion ConfusionAt(const std::vector<Scored>& s, double threshold);  // predicted: score >= thr
// Area under the ROC curve; 0 when either class is empty.
double RocAuc(std::vector<Scored> s);
// Highest recall over thresholds whose false-positive rate is <= max_fpr (no more than
// floor(max_fpr * negatives) negatives at or above the threshold).
double RecallAtFpr(std::vector<Scored> s, double max_fpr);

}  // namespace aigis::guard::classifier
