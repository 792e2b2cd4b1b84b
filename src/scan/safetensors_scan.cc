#include "scan/safetensors_scan.h"

#include <algorithm>
#include <set>
#include <string>

#include "formats/safetensors/metadata_text.h"
#include "formats/safetensors/safetensors_reader.h"

namespace aigis::scan {

namespace st = formats::safetensors;

bool LooksLikeSafetensors(ByteView head, uint64_t size) {
  return st::LooksLikeSafetensors(head, size);
}

void AnalyzeSafetensors(ByteView data, AnalysisContext& ctx) {
  ctx.SetFormat("safetensors");
  st::SafetensorsLimits limits;
  st::SafetensorsHeader h = st::ReadSafetensors(data, limits);
  ctx.AddBytesExamined(
      std::min<uint64_t>(data.size(), 8 + std::min<uint64_t>(h.header_len, data.size())));

  for (const st::Issue& is : h.issues) {
    const bool polyglot = is.code == st::IssueCode::kTrailingData;
    ctx.Report("safetensors." + std::string(st::IssueCodeName(is.code)), Severity::kSuspicious,
               is.message, std::string(st::IssueCodeName(is.code)),
               polyglot ? "polyglot" : "format-anomaly", is.offset);
  }
  if (!h.status.ok() && h.issues.empty()) {
    ctx.Report("safetensors.unreadable", Severity::kSuspicious, h.status.ToString(), "",
               "format-anomaly", 0);
  }

  for (const auto& [key, value] : h.metadata) {
    std::string_view evidence;
    std::string_view kind = st::CodeLikeKind(value, &evidence);
    if (kind.empty()) kind = st::CodeLikeKind(key, &evidence);
    if (!kind.empty()) {
      ctx.Report(
          "safetensors.metadata.code", Severity::kSuspicious,
          "__metadata__['" + key.substr(0, 64) + "'] looks like " + std::string(kind) + " code",
          std::string(evidence) + ": " + value.substr(0, 160), "code-in-metadata", 8);
    }
    if (value.size() > limits.large_metadata_string_bytes) {
      ctx.Report(
          "safetensors.metadata.large", Severity::kSuspicious,
          "__metadata__['" + key.substr(0, 64) + "'] is " + std::to_string(value.size()) + " bytes",
          value.substr(0, 80), "format-anomaly", 8);
    }
  }

  if (h.status.ok()) {
    std::set<std::string> dtypes;
    for (const st::TensorInfo& t : h.tensors)
      if (!t.dtype.empty()) dtypes.insert(t.dtype.substr(0, 32));
    std::string joined;
    for (const std::string& d : dtypes) joined += (joined.empty() ? "" : ",") + d;
    ctx.AddProperty("tensors", std::to_string(h.tensors.size()));
    ctx.AddProperty("parameters", std::to_string(h.parameter_count));
    ctx.AddProperty("dtypes", joined);
    for (const auto& [key, value] : h.metadata)
      if (key == "format") ctx.AddProperty("safetensors.format", value.substr(0, 64));
  }

  // Appended bytes are what a second loader (pickle, zip) would read: let the scanner sniff them.
  if (h.trailing_bytes > 0) {
    const uint64_t start = h.data_start + h.data_end;
    if (start < data.size()) {
      ChildItem child;
      child.name = "<trailing@" + std::to_string(start) + ">";
      child.data = data.subspan(static_cast<size_t>(start));
      child.owner = ctx.owner();
      ctx.AddChild(std::move(child));
    }
  }
}

}  // namespace aigis::scan
