// Findings for graph formats (ONNX, TensorFlow SavedModel), capped per rule: a model with 10,000
// bad tensors or ReadFile nodes gives the first findings of each rule and one summary finding
// with the count and the worst severity of the rest, instead of a report nobody reads.
// Thread safety: one per analysis (not shared).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "scan/analyzer.h"

namespace aigis::scan {

// Evidence from untrusted names: at most max_bytes, control bytes as \xNN, "..." when clipped.
std::string ClipEvidence(std::string_view s, size_t max_bytes = 512);

class CappedReporter {
 public:
  CappedReporter(AnalysisContext& ctx, int max_per_rule) : ctx_(ctx), max_per_rule_(max_per_rule) {}

  void Add(const std::string& rule, Severity sev, std::string message, std::string evidence,
           std::string category, uint64_t offset, bool has_offset = true);
  // Writes one summary finding per rule that went over the cap. Call once, at the end.
  void Flush();

 private:
  AnalysisContext& ctx_;
  const int max_per_rule_;
  std::map<std::string, int> counts_;
  std::map<std::string, Severity> worst_dropped_;
};

}  // namespace aigis::scan
