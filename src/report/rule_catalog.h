// Descriptions, help and taxonomy tags for rule ids, used by SARIF and the docs. Rules not in the
// catalogue fall back to their family (the part before the first '.') and then to the finding text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aigis::report {

struct RuleInfo {
  std::string_view id;
  std::string_view short_description;
  std::string_view help;
  std::string_view tags;  // comma-separated: CWE, MITRE ATLAS, OWASP ids
};

// Returns the catalogue entry for `rule` (exact id, else its family), or nullptr.
const RuleInfo* FindRule(std::string_view rule);
const std::vector<RuleInfo>& AllRules();

}  // namespace aigis::report
