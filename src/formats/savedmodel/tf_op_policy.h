// The TensorFlow op policy: which ops only compute (allow-list) and which reach files, the
// network, Python or process memory (deny-list, with severity, category and reason). The lists
// are data (rules/tensorflow/ops_{allow,deny}.txt), compiled into the binary at build time.
//
// Thread safety: Default() is built once (thread-safe static init) and immutable afterwards.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/finding.h"
#include "core/status.h"

namespace aigis::formats::savedmodel {

struct TfOpRule {
  Severity severity = Severity::kMalicious;
  std::string category;  // "file-read", "network", "code-execution", ...
  std::string reason;
  bool saver = false;  // normal inside the SavedModel's own save/restore functions
};

class TfOpPolicy {
 public:
  // The policy built from the embedded rule files.
  static const TfOpPolicy& Default();
  // Builds a policy from rule text (formats as in rules/tensorflow/*.txt). kMalformed names the
  // first bad deny line.
  static Result<TfOpPolicy> Parse(std::string_view allow_text, std::string_view deny_text);

  // nullptr when `op` is not on the deny-list.
  const TfOpRule* Denied(std::string_view op) const;
  bool Allowed(std::string_view op) const;
  size_t allow_size() const { return allow_.size(); }
  size_t deny_size() const { return deny_.size(); }

 private:
  std::unordered_set<std::string> allow_;
  std::unordered_map<std::string, TfOpRule> deny_;
};

namespace internal {
extern const char* const kTfOpsAllowText;
extern const char* const kTfOpsDenyText;
}  // namespace internal

}  // namespace aigis::formats::savedmodel
