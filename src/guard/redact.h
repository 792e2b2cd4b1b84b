// Redaction with typed placeholders ([EMAIL_1], [IBAN_2]) and the Vault that restores them in a
// model's answer. The same original value always gets the same placeholder within one Vault.
// Thread safety: a Vault is used by one conversation (one thread) at a time.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "guard/detection.h"

namespace aigis::guard {

class Vault {
 public:
  // Returns the placeholder for `value` of type `entity`, creating it if needed.
  std::string PlaceholderFor(const std::string& entity, std::string_view value);
  // Replaces every known placeholder in `text` with its original value.
  std::string Restore(std::string_view text) const;
  size_t size() const { return by_placeholder_.size(); }

 private:
  std::map<std::string, std::string> by_placeholder_;
  std::map<std::string, std::string> by_value_;  // entity + '\0' + value -> placeholder
  std::map<std::string, int> counters_;
};

// Placeholder type for a detection: its entity, else its category upper-cased ("SECRET").
std::string EntityOf(const Detection& d);

// Replaces the spans of `to_redact` in `text` (overlapping spans are merged; the first span's
// entity names the merged one). With a null vault placeholders are still numbered per call.
std::string Redact(std::string_view text, std::vector<Detection> to_redact, Vault* vault);

}  // namespace aigis::guard
