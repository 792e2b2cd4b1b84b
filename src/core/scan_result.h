// What a scan produced: one FileReport per file, with its verdict and findings. Shared by the
// scanner (which fills it) and the report writers (which only read it). Value types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace aigis {

// Ordered by how bad it is for reporting; see VerdictFor().
enum class Verdict : uint8_t { kClean, kUnsupported, kError, kSuspicious, kMalicious };

std::string_view VerdictName(Verdict v);

struct FileReport {
  std::string path;
  std::string format;  // "pickle", "pytorch-zip", ... or "unknown"
  Verdict verdict = Verdict::kClean;
  std::vector<Finding> findings;
  uint64_t size = 0;
  uint64_t bytes_examined = 0;
  bool analysed = false;  // at least one analyzer understood (part of) the content
  std::string error;      // I/O error that stopped the file from being read, if any
  std::string sha256;     // hex, when the scan was asked to hash files
  std::map<std::string, std::string> properties;  // BOM facts from analyzers
  std::vector<std::string> members;               // formats of nested members, "name: format"

  Severity MaxSeverity() const;
  bool HasFindingAtOrAbove(Severity s) const;
};

// Derives the verdict: malicious > suspicious findings; then an I/O error; then unsupported
// (nothing analysed); else clean. Findings are never hidden by errors.
Verdict VerdictFor(const FileReport& f);

struct ScanReport {
  std::vector<FileReport> files;
  double elapsed_seconds = 0;
  uint64_t bytes_total = 0;
  uint64_t bytes_examined = 0;
  std::vector<std::string> errors;  // errors not tied to one file (bad root path, ...)

  size_t CountVerdict(Verdict v) const;
  size_t AnalysedCount() const;
};

}  // namespace aigis
