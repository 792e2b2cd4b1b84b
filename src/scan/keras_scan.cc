#include "scan/keras_scan.h"

#include <map>
#include <memory>
#include <string>
#include <utility>

#include "formats/keras/keras_config.h"
#include "formats/keras/keras_h5.h"
#include "formats/keras/keras_limits.h"
#include "formats/keras/keras_policy.h"

namespace aigis::scan {
namespace {

namespace fk = formats::keras;

// More findings of one rule in one item only repeat themselves; the rest are counted.
constexpr int kMaxFindingsPerRule = 50;

class Reporter {
 public:
  explicit Reporter(AnalysisContext& ctx) : ctx_(ctx) {}
  ~Reporter() {
    for (const auto& [rule, n] : suppressed_) {
      ctx_.ReportNoOffset(rule.first, rule.second,
                          std::to_string(n) + " more findings of this rule were not listed", "",
                          "summary");
    }
  }

  void Add(const std::string& rule, Severity sev, std::string message, std::string evidence,
           std::string category) {
    int& n = counts_[rule];
    if (++n > kMaxFindingsPerRule) {
      ++suppressed_[{rule, sev}];
      return;
    }
    ctx_.ReportNoOffset(rule, sev, std::move(message), std::move(evidence), std::move(category));
  }

  void AddStatus(const Status& st, const std::string& prefix, std::string_view what) {
    if (st.ok()) return;
    bool limit = st.code() == StatusCode::kLimitExceeded;
    std::string rule = prefix + (limit ? ".limit" : ".malformed");
    std::string msg =
        std::string(what) +
        (limit ? " hit a limit; analysis is partial: " : " could not be fully parsed: ") +
        st.ToString();
    if (st.has_offset()) {
      ctx_.Report(rule, Severity::kSuspicious, msg, "", limit ? "resource-limit" : "malformed",
                  st.offset());
    } else {
      Add(rule, Severity::kSuspicious, msg, "", limit ? "resource-limit" : "malformed");
    }
  }

 private:
  AnalysisContext& ctx_;
  std::map<std::string, int> counts_;
  std::map<std::pair<std::string, Severity>, uint64_t> suppressed_;
};

std::string At(const std::string& where, const std::string& path) {
  return where.empty() ? path : where + ":" + path;
}

// Package of a registered name "package>Name", or "" when it has no package.
std::string_view RegisteredPackage(std::string_view registered) {
  size_t gt = registered.find('>');
  return gt == std::string_view::npos ? std::string_view() : registered.substr(0, gt);
}

// Emits findings for one walked config. `where` names the source inside the item ("" for a
// config.json item, "model_config" / "training_config" for H5 attributes).
void EmitConfigFindings(const fk::KerasConfigFacts& facts, const std::string& where,
                        AnalysisContext& ctx, Reporter& rep) {
  const fk::ModulePolicy& policy = fk::ModulePolicy::Default();
  for (const fk::LambdaFact& l : facts.lambdas) {
    std::string ev = "at " + At(where, l.path);
    if (!l.module.empty()) ev += "; module " + l.module;
    if (!l.function_name.empty()) ev += "; function " + l.function_name;
    if (l.code_bytes > 0) ev += "; " + std::to_string(l.code_bytes) + " bytes of marshalled code";
    if (!l.code_strings.empty()) ev += "; names " + l.code_strings;
    rep.Add("keras.lambda", Severity::kMalicious,
            "Keras Lambda runs arbitrary Python when the model is loaded (" +
                std::string(fk::LambdaFormName(l.form)) + ")",
            std::move(ev), "code-execution");
  }
  for (const fk::KerasObject& o : facts.objects) {
    std::string ev = o.qualified + " at " + At(where, o.path);
    if (o.verdict == fk::ModuleVerdict::kDenied) {
      if (o.deny->tag == "safe-mode") {
        rep.Add("keras.safe-mode-disable", Severity::kMalicious,
                "config calls a function that turns Keras safe mode off (CVE-2025-9906 class)",
                ev + " (rule " + o.deny->pattern + ")", "code-execution");
      } else {
        rep.Add("keras.module.denied", Severity::kMalicious,
                "config names a dangerous Python symbol that Keras imports and calls on load "
                "(CVE-2025-1550 / CVE-2025-8747 class)",
                ev + " (rule " + o.deny->pattern + ")", o.deny->tag);
      }
    } else if (o.verdict == fk::ModuleVerdict::kUnknown) {
      rep.Add("keras.module.unknown", Severity::kSuspicious,
              "config names a module outside the Keras allow-list; Keras before 3.9 imports it "
              "on load (CVE-2025-1550)",
              std::move(ev), "code-execution");
    } else {
      std::string_view pkg = RegisteredPackage(o.registered_name);
      if (!pkg.empty() && !policy.IsAllowedModule(pkg)) {
        rep.Add("keras.custom-object", Severity::kSuspicious,
                "config needs a registered custom object; loading runs that package's code",
                o.registered_name + " at " + At(where, o.path), "code-execution");
      }
    }
  }
  for (const fk::SafeModeFact& s : facts.safe_mode) {
    rep.Add("keras.safe-mode-disable", Severity::kMalicious,
            "config tries to turn Keras safe mode off (CVE-2025-9906 class)",
            s.evidence + " at " + At(where, s.path), "code-execution");
  }
  for (const fk::EmbeddedPayload& p : facts.torch_modules) {
    std::string ev = "at " + At(where, p.path);
    if (p.bytes) ev += "; " + std::to_string(p.bytes->size()) + " bytes of torch.save() data";
    if (!p.error.empty()) ev += "; payload not decoded: " + p.error;
    rep.Add("keras.torch-module-wrapper", Severity::kMalicious,
            "TorchModuleWrapper layer: Keras calls torch.load(weights_only=False) on its "
            "embedded module, even in safe mode (CVE-2025-49655)",
            std::move(ev), "code-execution");
    if (p.bytes && !p.bytes->empty()) {
      ChildItem c;
      c.name = At(where, p.path);
      c.data = ByteView(*p.bytes);
      c.owner = p.bytes;
      ctx.AddChild(std::move(c));
    }
  }
  for (const fk::PathFact& p : facts.paths) {
    bool url = p.kind == fk::PathKind::kUrl;
    rep.Add("keras.file-path", Severity::kSuspicious,
            url ? "config holds a URL that Keras may fetch on load (CVE-2025-12058 class)"
                : "config holds a local file path that Keras may read on load "
                  "(CVE-2025-12058 class)",
            (p.key.empty() ? "" : p.key + " = ") + p.value + " at " + At(where, p.path),
            url ? "network" : "file-access");
  }
  rep.AddStatus(facts.status, "keras", where.empty() ? "keras config" : where);
}

void AddConfigProperties(const fk::KerasConfigFacts& facts, AnalysisContext& ctx) {
  if (!facts.top_class_name.empty()) ctx.AddProperty("architecture", facts.top_class_name);
  if (facts.parsed) ctx.AddProperty("layers", std::to_string(facts.layer_count));
}

}  // namespace

void AnalyzeKerasConfig(ByteView config_json, AnalysisContext& ctx) {
  ctx.SetFormat("keras");
  ctx.AddBytesExamined(config_json.size());
  fk::KerasLimits limits;
  fk::KerasConfigFacts facts = fk::WalkKerasConfig(config_json, limits);
  Reporter rep(ctx);
  EmitConfigFindings(facts, "", ctx, rep);
  AddConfigProperties(facts, ctx);
}

void AnalyzeHdf5(ByteView data, AnalysisContext& ctx) {
  ctx.AddBytesExamined(data.size());
  fk::KerasLimits limits;
  fk::Hdf5Facts h5 = fk::ReadHdf5(data, limits);
  Reporter rep(ctx);
  if (!h5.opened) {
    ctx.SetFormat("hdf5");
    rep.AddStatus(h5.status, "hdf5", "HDF5 file");
    return;
  }
  bool keras = h5.model_config.has_value();
  ctx.SetFormat(keras ? "keras-h5" : "hdf5");
  if (keras) {
    fk::KerasConfigFacts facts = fk::WalkKerasConfig(AsBytes(*h5.model_config), limits);
    EmitConfigFindings(facts, "model_config", ctx, rep);
    AddConfigProperties(facts, ctx);
  }
  if (h5.training_config.has_value()) {
    fk::KerasConfigFacts facts = fk::WalkKerasConfig(AsBytes(*h5.training_config), limits);
    EmitConfigFindings(facts, "training_config", ctx, rep);
  }
  if (h5.keras_version) ctx.AddProperty("keras_version", *h5.keras_version);
  if (h5.backend) ctx.AddProperty("backend", *h5.backend);
  ctx.AddProperty("parameters", std::to_string(h5.parameters));
  std::string dtypes;
  for (const std::string& d : h5.dtypes) dtypes += (dtypes.empty() ? "" : ",") + d;
  if (!dtypes.empty()) ctx.AddProperty("dtypes", dtypes);

  for (const fk::Hdf5Link& l : h5.links) {
    if (!l.external) continue;  // soft links stay inside the file
    rep.Add("hdf5.external-link", Severity::kSuspicious,
            "HDF5 external link: opening it reads another file", l.path + " -> " + l.target,
            "file-access");
  }
  for (const std::string& e : h5.external_storage) {
    rep.Add("hdf5.external-storage", Severity::kSuspicious,
            "HDF5 dataset stores its data in another file; loading the weights reads it", e,
            "file-access");
  }
  rep.AddStatus(h5.status, "hdf5", "HDF5 file");
}

}  // namespace aigis::scan
