// Which Python modules and symbols a Keras config may name: the allow-list of modules and the
// deny-list of gadgets (rules/keras/modules_allow.txt and rules/keras/deny.txt, embedded at build
// time). Patterns are globs where '*' matches any run of characters, dots included.
//
// Thread safety: immutable after Parse(); Default() is safe to call from several threads.
// Ownership: plain value; Default() returns a reference to a process-lifetime object.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace aigis::formats::keras {

struct DenyEntry {
  std::string pattern;
  // "safe-mode" for gadgets that turn Keras safe mode off; otherwise a finding category
  // ("code-execution", "file-access", "network"). Defaults to "code-execution".
  std::string tag;
};

class ModulePolicy {
 public:
  // Parses the two rule texts (one glob per line, '#' comments; deny lines may carry a tag).
  // Returns kMalformed on an empty pattern with a tag or a pattern with whitespace inside.
  static Result<ModulePolicy> Parse(std::string_view allow_text, std::string_view deny_text);
  // The policy built from the rules embedded at build time.
  static const ModulePolicy& Default();

  // True when `module` matches an allow-list glob.
  bool IsAllowedModule(std::string_view module) const;
  // The first deny entry matching `qualified_name` ("os.system", "keras.utils.get_file"),
  // or nullptr.
  const DenyEntry* MatchDenied(std::string_view qualified_name) const;

  const std::vector<std::string>& allow() const { return allow_; }
  const std::vector<DenyEntry>& deny() const { return deny_; }

 private:
  std::vector<std::string> allow_;
  std::vector<DenyEntry> deny_;
};

// Glob match where '*' matches any (possibly empty) run of characters. Iterative, O(n*m) worst.
bool GlobMatch(std::string_view pattern, std::string_view text);

}  // namespace aigis::formats::keras
