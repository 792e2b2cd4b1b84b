// The `scan:` section of aigis's YAML configuration (docs/configuration.md).
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"
#include "core/status.h"
#include "scan/scan_options.h"

namespace aigis::cli {

struct ScanConfig {
  Severity fail_on = Severity::kSuspicious;
  std::vector<std::string> allow_globals;  // extra pickle globals: "pkg.mod.Class" or "pkg.mod.*"
  scan::ScanLimits limits;
  int threads = 0;
};

// Reads the `scan:` section of a config file; a missing section gives defaults. Unknown keys are
// errors (a typo must not silently weaken the policy).
Result<ScanConfig> LoadScanConfig(const std::string& path);

}  // namespace aigis::cli
