#include "core/finding.h"

namespace aigis {

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kSuspicious:
      return "suspicious";
    case Severity::kMalicious:
      return "malicious";
  }
  return "unknown";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
  if (name == "info") return Severity::kInfo;
  if (name == "suspicious") return Severity::kSuspicious;
  if (name == "malicious") return Severity::kMalicious;
  return std::nullopt;
}

}  // namespace aigis
