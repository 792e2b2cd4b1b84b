// Output writers shared by every command: readable text, JSON and SARIF 2.1.0.
// They only read a ScanReport; they never decide exit codes. Thread-compatible.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "core/scan_result.h"

namespace aigis::report {

struct WriterOptions {
  std::string tool_version = "0.1.0";
  bool color = false;                       // ANSI colours in text output (only on a terminal)
  bool verbose = false;                     // text: list clean files and info findings too
  Severity min_severity = Severity::kInfo;  // findings below this are left out of text output
  // Text: also list clean files that have a finding at or above this level (the --fail-on level:
  // with --fail-on info, the files that fail the build are named even without --verbose).
  std::optional<Severity> list_clean_at;
};

void WriteText(const ScanReport& r, const WriterOptions& o, std::ostream& out);
// JSON document, documented in docs/report-formats.md.
void WriteJson(const ScanReport& r, const WriterOptions& o, std::ostream& out);
// SARIF 2.1.0 for GitHub code scanning: one run, rules from the rule catalogue.
void WriteSarif(const ScanReport& r, const WriterOptions& o, std::ostream& out);

}  // namespace aigis::report
