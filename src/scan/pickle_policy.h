// The pickle import policy: allow-list by default. Globals a data-only loader needs are allowed;
// known-dangerous ones (deny-list with module-prefix matching, used for severity and explanation)
// are denied; everything else is unknown (suspicious). Default lists come from rules/pickle/*.txt,
// embedded at build time; users can extend the allow-list.
//
// Thread safety: a built policy is immutable and shared read-only (std::shared_ptr<const>).
// Mutating calls (AddAllowed, ExtendFromFile) are for building, before sharing.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/status.h"
#include "formats/pickle/pickle_analyzer.h"

namespace aigis::scan {

enum class PickleVerdict : uint8_t { kAllowed, kUnknown, kDenied };

struct PickleClassification {
  PickleVerdict verdict = PickleVerdict::kUnknown;
  std::string category;  // for kDenied: "code-execution", "file-access", "network", ...
  std::string reason;    // one line for people
  std::string matched;   // the list entry that decided ("os", "builtins.eval", ...)
};

class PicklePolicy {
 public:
  // The built-in lists. Cached: every call returns the same immutable policy.
  static Result<std::shared_ptr<const PicklePolicy>> LoadDefault();
  // A policy from list texts (allow.txt / deny.txt formats).
  static Result<std::unique_ptr<PicklePolicy>> FromText(std::string_view allow_text,
                                                        std::string_view deny_text);
  // A mutable copy of the built-in policy, to extend before sharing.
  static Result<std::unique_ptr<PicklePolicy>> DefaultBuilder();

  // Adds one allow entry: "mypkg.models.MyNet" (exact) or "mypkg.*" (module and submodules).
  Status AddAllowed(std::string_view entry);
  // Adds the entries of a file in allow.txt format.
  Status ExtendFromFile(const std::string& path);

  PickleClassification Classify(const formats::pickle::Import& import) const;
  PickleClassification ClassifyName(std::string_view module, std::string_view name) const;

  size_t allow_size() const { return allow_exact_.size() + allow_prefix_.size(); }
  size_t deny_size() const { return deny_.size(); }

 private:
  struct DenyEntry {
    std::string category;
    std::string reason;
  };
  Status ParseAllow(std::string_view text, std::string_view origin);
  Status ParseDeny(std::string_view text);
  // Deny entry matching `dotted` on a component prefix; nullptr if none.
  const std::pair<const std::string, DenyEntry>* FindDeny(std::string_view dotted) const;
  bool IsAllowed(std::string_view dotted) const;

  std::unordered_set<std::string> allow_exact_;
  std::unordered_set<std::string> allow_prefix_;
  std::unordered_map<std::string, DenyEntry> deny_;
};

}  // namespace aigis::scan
