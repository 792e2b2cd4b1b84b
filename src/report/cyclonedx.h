// CycloneDX 1.6 JSON AI-BOM writer: one machine-learning-model component per model file, dataset
// components where a model card names them, scan verdicts as properties. Deterministic: the same
// input gives the same bytes (the serial number is derived from the content; the timestamp is
// included only when given).
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "core/scan_result.h"

namespace aigis::report {

// Facts from a repository's model card (README.md front matter) or config files.
struct ModelCardInfo {
  std::string license;
  std::vector<std::string> datasets;
  std::string base_model;
  std::string pipeline_tag;  // task
  std::string architecture;  // from config.json "architectures"/"model_type"
};

struct BomOptions {
  std::string tool_version = "0.1.0";
  std::string timestamp;  // ISO 8601; empty = omit (deterministic output)
  std::string subject;    // name of what was scanned
  // Model-card facts per directory (absolute or as scanned), applied to the models in it.
  std::map<std::string, ModelCardInfo> cards;
};

// True for formats that hold a model (weights, graphs or serialized estimators).
bool IsModelFormat(const std::string& format);

void WriteCycloneDx(const ScanReport& r, const BomOptions& o, std::ostream& out);

}  // namespace aigis::report
