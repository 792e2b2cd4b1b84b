#include "core/scan_result.h"

namespace aigis {

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kClean:
      return "clean";
    case Verdict::kUnsupported:
      return "unsupported";
    case Verdict::kError:
      return "error";
    case Verdict::kSuspicious:
      return "suspicious";
    case Verdict::kMalicious:
      return "malicious";
  }
  return "unknown";
}

Severity FileReport::MaxSeverity() const {
  Severity s = Severity::kInfo;
  for (const auto& f : findings)
    if (f.severity > s) s = f.severity;
  return s;
}

bool FileReport::HasFindingAtOrAbove(Severity s) const {
  for (const auto& f : findings)
    if (f.severity >= s) return true;
  return false;
}

Verdict VerdictFor(const FileReport& f) {
  bool any_suspicious = false;
  for (const auto& x : f.findings) {
    if (x.severity == Severity::kMalicious) return Verdict::kMalicious;
    if (x.severity == Severity::kSuspicious) any_suspicious = true;
  }
  if (any_suspicious) return Verdict::kSuspicious;
  if (!f.error.empty()) return Verdict::kError;
  if (!f.analysed) return Verdict::kUnsupported;
  return Verdict::kClean;
}

size_t ScanReport::CountVerdict(Verdict v) const {
  size_t n = 0;
  for (const auto& f : files) n += f.verdict == v;
  return n;
}

size_t ScanReport::AnalysedCount() const {
  size_t n = 0;
  for (const auto& f : files) n += f.analysed;
  return n;
}

}  // namespace aigis
