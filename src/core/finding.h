// The one findings model shared by every command (scan, guard, sign, serve): a rule id, a severity,
// where it was found and the evidence. Value types; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aigis {

// Ordered: a higher value is worse. `--fail-on` compares against this order.
enum class Severity : uint8_t {
  kInfo = 0,        // worth knowing, never fails a build by default
  kSuspicious = 1,  // not known-safe: not allow-listed, malformed, or could not be analysed fully
  kMalicious = 2,   // known-dangerous: code execution, file or network access, tampering
};

std::string_view SeverityName(Severity s);
std::optional<Severity> ParseSeverity(std::string_view name);

struct Location {
  std::string path;     // file on disk, as given or found by the walker
  std::string member;   // member chain inside containers, '!'-separated ("a.zip!archive/data.pkl")
  uint64_t offset = 0;  // byte offset inside the member (or the file when member is empty)
  bool has_offset = false;
  // For text findings: [start, end) byte span in the original text.
  uint64_t end = 0;
};

struct Finding {
  std::string rule;  // stable id, e.g. "pickle.global.denied"
  Severity severity = Severity::kSuspicious;
  std::string message;  // one sentence for people
  Location location;
  std::string evidence;  // the global, the call, the matched text (already redacted if sensitive)
  std::string category;  // e.g. "code-execution", "prompt-injection", "pii"
  double score = 1.0;    // detector confidence in [0, 1]
};

}  // namespace aigis
