#include "scan/onnx_scan.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "core/checked_math.h"
#include "formats/onnx/external_data.h"
#include "formats/onnx/onnx_reader.h"
#include "scan/capped_reporter.h"

namespace aigis::scan {

namespace {

namespace onnx = formats::onnx;

// Findings of one rule past this count are summarised (capped_reporter.h).
constexpr int kMaxFindingsPerRule = 20;

std::string Clip(std::string_view s) { return ClipEvidence(s); }

class Reporter : public CappedReporter {
 public:
  explicit Reporter(AnalysisContext& ctx) : CappedReporter(ctx, kMaxFindingsPerRule) {}
};

void CheckLocationText(Reporter& rep, const onnx::ExternalDataRef& ref, std::string_view key,
                       const std::string& value, const onnx::LocationText& t) {
  std::string ev = std::string(key) + "=" + Clip(value) + " (tensor '" + Clip(ref.tensor_name) +
                   "', " + Clip(ref.scope) + ")";
  if (t.ort_memory_marker) {
    rep.Add("onnx.external_data.ort_memory_marker", Severity::kMalicious,
            "external data uses the ONNX Runtime in-memory marker: the offset is read as a raw "
            "memory address",
            ev, "memory-access", ref.offset);
  }
  if (t.absolute_posix || t.drive_letter || t.unc || t.url || t.home_ref) {
    rep.Add("onnx.external_data.absolute_path", Severity::kMalicious,
            "external data location is absolute (or a drive, UNC, URL or home path): the loader "
            "reads a file outside the model directory",
            ev, "file-access", ref.offset);
  }
  if (t.parent_ref) {
    rep.Add("onnx.external_data.path_traversal", Severity::kMalicious,
            "external data location climbs out of the model directory with '..'", ev,
            "path-traversal", ref.offset);
  }
  if (t.backslash && !t.parent_ref && !t.drive_letter && !t.unc) {
    rep.Add("onnx.external_data.backslash", Severity::kSuspicious,
            "external data location contains a backslash (a separator on Windows, a name byte "
            "elsewhere)",
            ev, "path-traversal", ref.offset);
  }
  if (t.control_char) {
    rep.Add("onnx.external_data.control_char", Severity::kSuspicious,
            "external data location contains NUL or control bytes", ev, "path-traversal",
            ref.offset);
  }
  if (t.empty) {
    rep.Add("onnx.external_data.empty_location", Severity::kSuspicious,
            "external data location is empty (resolves to the model directory itself)", ev,
            "malformed", ref.offset);
  }
}

}  // namespace

void AnalyzeOnnx(ByteView data, AnalysisContext& ctx) {
  ctx.SetFormat("onnx");
  onnx::OnnxModel m = onnx::ParseOnnxModel(data);
  ctx.AddBytesExamined(data.size() - std::min<uint64_t>(data.size(), m.payload_bytes_skipped));
  Reporter rep(ctx);

  for (const Status& st : m.issues) {
    bool limit = st.code() == StatusCode::kLimitExceeded;
    rep.Add(limit ? "onnx.limit_exceeded" : "onnx.malformed", Severity::kSuspicious,
            limit ? "ONNX model exceeds a parser limit; the rest was not analysed"
                  : "ONNX model is malformed; the damaged part was skipped",
            Clip(st.message()), limit ? "limit" : "malformed", st.has_offset() ? st.offset() : 0,
            st.has_offset());
  }

  // --- external data ---
  const bool on_disk = ctx.member().empty() && !ctx.path().empty();
  std::map<std::string, onnx::ExternalFile> file_cache;
  for (const onnx::ExternalDataRef& ref : m.external_data) {
    std::string where = "tensor '" + Clip(ref.tensor_name) + "', " + Clip(ref.scope);
    const std::string* loc = ref.Find("location");
    if (!ref.marked_external) {
      rep.Add("onnx.external_data.unmarked", Severity::kInfo,
              "tensor has external_data entries but data_location is not EXTERNAL", where,
              "malformed", ref.offset);
    }
    if (ref.has_raw_data) {
      rep.Add("onnx.external_data.raw_data_conflict", Severity::kSuspicious,
              "tensor has both raw_data and external data; loaders disagree on which wins", where,
              "malformed", ref.offset);
    }
    bool bad_number = false;
    std::optional<uint64_t> offset, length;
    for (const auto& [k, v] : ref.entries) {
      if (k == "location" || k == "checksum") continue;
      if (k == "offset" || k == "length") {
        auto n = onnx::ParseExternalNumber(v);
        if (!n) {
          bad_number = true;
          rep.Add("onnx.external_data.bad_number", Severity::kSuspicious,
                  "external data " + k + " is not a plain non-negative decimal number",
                  k + "=" + Clip(v) + " (" + where + ")", "malformed", ref.offset);
        } else {
          (k == "offset" ? offset : length) = n;
        }
      } else if (k == "basepath") {
        rep.Add("onnx.external_data.basepath", Severity::kSuspicious,
                "external data carries a 'basepath' entry that redirects old onnx loaders",
                "basepath=" + Clip(v) + " (" + where + ")", "path-traversal", ref.offset);
        CheckLocationText(rep, ref, k, v, onnx::CheckLocationText(v));
      } else {
        rep.Add("onnx.external_data.unknown_key", Severity::kSuspicious,
                "external data has a key outside the spec (old onnx set every key as an "
                "attribute)",
                Clip(k) + "=" + Clip(v) + " (" + where + ")", "tampering", ref.offset);
      }
    }
    if (loc == nullptr) {
      rep.Add("onnx.external_data.no_location", Severity::kSuspicious,
              "external data tensor has no 'location' entry", where, "malformed", ref.offset);
      continue;
    }
    onnx::LocationText t = onnx::CheckLocationText(*loc);
    CheckLocationText(rep, ref, "location", *loc, t);
    if (!on_disk || t.escapes() || t.ort_memory_marker || t.control_char || t.empty) continue;

    auto it = file_cache.find(*loc);
    if (it == file_cache.end()) {
      it = file_cache.emplace(*loc, onnx::CheckExternalFile(ctx.path(), *loc)).first;
    }
    const onnx::ExternalFile& ef = it->second;
    if (!ef.checked) continue;
    std::string ev = "location=" + Clip(*loc) + " -> " + Clip(ef.resolved) + " (" + where + ")";
    if (ef.through_symlink && ef.outside_model_dir) {
      rep.Add("onnx.external_data.symlink_escape", Severity::kMalicious,
              "external data location goes through a symbolic link that leaves the model "
              "directory",
              ev, "path-traversal", ref.offset);
      continue;
    }
    if (ef.outside_model_dir) {
      rep.Add("onnx.external_data.outside_model_dir", Severity::kMalicious,
              "external data location resolves outside the model directory", ev, "path-traversal",
              ref.offset);
      continue;
    }
    if (ef.through_symlink) {
      rep.Add("onnx.external_data.symlink", Severity::kSuspicious,
              "external data location goes through a symbolic link (recent onnx refuses links)", ev,
              "path-traversal", ref.offset);
    }
    if (!ef.exists) {
      rep.Add("onnx.external_data.missing_file", Severity::kInfo,
              "external data file is not next to the model", ev, "integrity", ref.offset);
      continue;
    }
    if (!ef.regular_file) {
      rep.Add("onnx.external_data.not_regular_file", Severity::kSuspicious,
              "external data location is not a regular file (directory, device or pipe)", ev,
              "file-access", ref.offset);
      continue;
    }
    if (bad_number) continue;
    uint64_t off = offset.value_or(0);
    bool fits = length ? RangeFits(off, *length, ef.size) : off <= ef.size;
    if (!fits) {
      rep.Add("onnx.external_data.out_of_range", Severity::kSuspicious,
              "external data offset/length reach past the end of the data file",
              "offset=" + std::to_string(off) +
                  (length ? " length=" + std::to_string(*length) : std::string()) +
                  " file_size=" + std::to_string(ef.size) + " (" + ev + ")",
              "integrity", ref.offset);
    }
  }

  // --- operators ---
  for (const onnx::CustomOpUse& op : m.custom_ops) {
    std::string ev = Clip(op.domain) + "::" + Clip(op.op_type) + " (" + std::to_string(op.count) +
                     " node" + (op.count == 1 ? "" : "s") + ")";
    if (op.local_function) continue;  // its body was analysed like any graph
    if (onnx::IsRuntimeContribDomain(op.domain)) {
      rep.Add("onnx.operator.contrib", Severity::kInfo,
              "operator from a runtime contrib domain (shipped with ONNX Runtime / PyTorch)", ev,
              "custom-code", op.first_offset);
    } else {
      rep.Add("onnx.operator.custom_domain", Severity::kSuspicious,
              "operator from a custom domain: needs a user-supplied kernel library to run", ev,
              "custom-code", op.first_offset);
    }
  }
  rep.Flush();

  // --- BOM facts ---
  if (m.has_ir_version) ctx.AddProperty("ir_version", std::to_string(m.ir_version));
  std::string opset;
  for (const onnx::OpsetImport& o : m.opset_imports) {
    if (!opset.empty()) opset += ",";
    opset += (o.domain.empty() ? "ai.onnx" : Clip(o.domain)) + ":" + std::to_string(o.version);
  }
  if (!opset.empty()) ctx.AddProperty("opset", opset);
  if (!m.producer_name.empty()) {
    ctx.AddProperty(
        "producer",
        Clip(m.producer_name) + (m.producer_version.empty() ? "" : " " + Clip(m.producer_version)));
  }
  if (!m.graph_name.empty()) ctx.AddProperty("graph_name", Clip(m.graph_name));
  if (!m.parameter_count_overflow) {
    ctx.AddProperty("parameters", std::to_string(m.parameter_count));
  }
  std::string dtypes;
  for (int32_t d : m.dtypes) {
    if (!dtypes.empty()) dtypes += ",";
    dtypes += onnx::DataTypeName(d);
  }
  if (!dtypes.empty()) ctx.AddProperty("dtypes", dtypes);
  ctx.AddProperty("nodes", std::to_string(m.nodes));
  if (!m.external_data.empty()) {
    ctx.AddProperty("external_data_tensors", std::to_string(m.external_data.size()));
  }
}

}  // namespace aigis::scan
