#include "scan/pickle_scan.h"

#include <map>
#include <string>

#include "core/checked_math.h"
#include "scan/pickle_policy.h"
#include "scan/scan_options.h"

namespace aigis::scan {

namespace fp = formats::pickle;

namespace {

std::string HexOff(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

struct Group {
  std::string rule;
  Severity severity = Severity::kSuspicious;
  std::string category;
  std::string reason;
  uint64_t first_offset = 0;
  uint64_t occurrences = 0;
  uint64_t calls = 0;
  uint64_t first_call = 0;
  std::string first_call_kind;
};

}  // namespace

void EmitPickleFindings(const fp::PickleReport& report, ByteView data, AnalysisContext& ctx,
                        bool trailing_ok) {
  std::shared_ptr<const PicklePolicy> policy = ctx.options().pickle_policy;
  if (!policy) {
    auto def = PicklePolicy::LoadDefault();
    if (def.ok()) policy = *def;
  }
  if (!policy) {
    ctx.ReportNoOffset("pickle.malformed", Severity::kSuspicious,
                       "pickle policy unavailable; imports could not be classified", "",
                       "internal");
  }

  // First call kind per import (calls are in order).
  std::vector<const fp::Call*> first_call(report.imports.size(), nullptr);
  for (const auto& c : report.calls)
    if (c.callee_import < first_call.size() && !first_call[c.callee_import])
      first_call[c.callee_import] = &c;

  // One finding per (rule, global), with the first offset and counts.
  std::map<std::pair<std::string, std::string>, Group> groups;
  std::vector<std::pair<std::string, std::string>> order;
  for (size_t i = 0; i < report.imports.size(); ++i) {
    const fp::Import& im = report.imports[i];
    PickleClassification cls;
    if (policy) cls = policy->Classify(im);
    if (cls.verdict == PickleVerdict::kAllowed) continue;
    std::string rule;
    Severity sev = Severity::kSuspicious;
    if (im.kind == fp::ImportKind::kExt) {
      rule = "pickle.ext";
    } else if (!im.constant_operands) {
      rule = "pickle.global.nonconstant";
      sev = Severity::kMalicious;
    } else if (cls.verdict == PickleVerdict::kDenied) {
      rule = "pickle.global.denied";
      sev = Severity::kMalicious;
    } else {
      rule = "pickle.global.unknown";
    }
    auto key = std::make_pair(rule, im.FullName());
    auto [it, inserted] = groups.try_emplace(key);
    Group& g = it->second;
    if (inserted) {
      order.push_back(key);
      g.rule = rule;
      g.severity = sev;
      g.category = cls.category.empty()
                       ? (sev == Severity::kMalicious ? "code-execution" : "unverified-import")
                       : cls.category;
      g.reason = cls.reason;
      g.first_offset = im.offset;
    }
    ++g.occurrences;
    if (im.call_count > 0) {
      if (g.calls == 0 || im.first_call_offset < g.first_call) {
        g.first_call = im.first_call_offset;
        g.first_call_kind = first_call[i] ? std::string(fp::CallKindName(first_call[i]->kind))
                                          : std::string("call");
      }
      g.calls += im.call_count;
    }
  }
  for (const auto& key : order) {
    const Group& g = groups[key];
    std::string msg;
    if (g.rule == "pickle.global.denied")
      msg = "dangerous global " + key.second + " (" + g.reason + ")";
    else if (g.rule == "pickle.global.nonconstant")
      msg = "STACK_GLOBAL with non-constant operands (" + key.second +
            "): the import is computed at load time";
    else if (g.rule == "pickle.ext")
      msg = "global from the copyreg extension registry: " + g.reason;
    else
      msg = "global " + key.second + " is not on the allow-list";
    msg += "; imported at " + HexOff(g.first_offset);
    if (g.occurrences > 1) msg += " (" + std::to_string(g.occurrences) + " times)";
    if (g.calls > 0)
      msg += ", called " + std::to_string(g.calls) + "x (first via " + g.first_call_kind + " at " +
             HexOff(g.first_call) + ")";
    else
      msg += ", not called directly";
    ctx.Report(g.rule, g.severity, std::move(msg), key.second, g.category, g.first_offset);
  }

  // Calls whose callee is not a global (the result of an earlier call, a persistent id ...).
  uint64_t indirect = 0, first_indirect = 0;
  std::string indirect_callee;
  for (const auto& c : report.calls) {
    if (c.callee_is_global) continue;
    if (indirect++ == 0) {
      first_indirect = c.offset;
      indirect_callee = report.CalleeName(c);
    }
  }
  if (indirect > 0) {
    ctx.Report("pickle.call.indirect", Severity::kSuspicious,
               std::to_string(indirect) +
                   " call(s) on a value that is not an imported global (first: " + indirect_callee +
                   " at " + HexOff(first_indirect) + ")",
               indirect_callee, "code-execution", first_indirect);
  }

  // Anomalies: one finding per code, with the first offset and a count.
  std::map<std::string, std::pair<const fp::Anomaly*, uint64_t>> anomalies;
  std::vector<std::string> anomaly_order;
  for (const auto& a : report.anomalies) {
    auto [it, inserted] = anomalies.try_emplace(a.code, &a, 0);
    if (inserted) anomaly_order.push_back(a.code);
    ++it->second.second;
  }
  for (const auto& code : anomaly_order) {
    const fp::Anomaly& a = *anomalies[code].first;
    uint64_t n = anomalies[code].second;
    std::string rule = "pickle.anomaly";
    Severity sev = Severity::kSuspicious;
    std::string category = "anomaly";
    if (code == "dunder") {
      rule = "pickle.dunder";
      sev = Severity::kMalicious;
      category = "code-execution";
    } else if (code == "module-mutation") {
      rule = "pickle.module-mutation";
      sev = Severity::kMalicious;
      category = "tampering";
    } else if (code == "frame-mismatch") {
      rule = "pickle.frame-mismatch";
      sev = Severity::kMalicious;
      category = "scanner-evasion";
    } else if (code == "trailing-data") {
      if (trailing_ok) continue;
      rule = "pickle.trailing-data";
    } else if (code == "memo-missing") {
      rule = "pickle.memo-missing";
      category = "malformed";
    } else if (code == "ext") {
      continue;  // reported per import as pickle.ext
    } else if (code == "proto-repeated") {
      rule = "pickle.protocol";
      sev = Severity::kInfo;
    }
    std::string msg = a.message;
    if (n > 1) msg += " (" + std::to_string(n) + " times)";
    ctx.Report(rule, sev, std::move(msg), code, category, a.offset);
  }
  if (report.anomalies_dropped > 0) {
    ctx.ReportNoOffset("pickle.limit", Severity::kSuspicious,
                       std::to_string(report.anomalies_dropped) + " further anomalies not recorded",
                       "", "limit");
  }

  if (!report.error.ok()) {
    bool limit = report.error.code() == StatusCode::kLimitExceeded;
    std::string msg = report.error.message();
    if (!report.imports.empty() || report.calls_total > 0)
      msg += " (findings before the error are reported)";
    Finding f;
    f.rule = limit ? "pickle.limit" : "pickle.malformed";
    f.severity = Severity::kSuspicious;
    f.message = std::move(msg);
    f.category = limit ? "limit" : "malformed";
    if (report.error.has_offset()) {
      f.location.offset = report.error.offset();
      f.location.has_offset = true;
    }
    ctx.AddFinding(std::move(f));
  }

  for (const auto& e : report.embedded) {
    if (!RangeFits(e.offset, e.length, data.size())) continue;
    ctx.Report("pickle.embedded", Severity::kInfo,
               "byte string of " + std::to_string(e.length) +
                   " bytes that starts like a pickle; "
                   "analysed as a child",
               "", "nested-pickle", e.offset);
    ChildItem child;
    child.name = "<embedded@" + HexOff(e.offset) + ">";
    child.data = data.subspan(static_cast<size_t>(e.offset), static_cast<size_t>(e.length));
    child.owner = ctx.owner();
    child.format_hint = "pickle";
    ctx.AddChild(std::move(child));
  }

  if (report.max_protocol > 0 || !report.pickles.empty())
    ctx.AddProperty("pickle.protocol", std::to_string(report.max_protocol));
  ctx.AddProperty("pickle.count", std::to_string(report.pickles.size()));
  if (report.joblib_arrays > 0)
    ctx.AddProperty("pickle.joblib_arrays", std::to_string(report.joblib_arrays));
}

fp::PickleReport AnalyzePickleItemWithReport(ByteView data, AnalysisContext& ctx,
                                             const fp::AnalyzeOptions& opts,
                                             const fp::PickleLimits& limits) {
  fp::PickleReport report = fp::AnalyzePickle(data, limits, opts);
  EmitPickleReport(report, data, ctx);
  return report;
}

void EmitPickleReport(const fp::PickleReport& report, ByteView data, AnalysisContext& ctx) {
  ctx.SetFormat("pickle");
  ctx.AddBytesExamined(report.bytes_examined);
  EmitPickleFindings(report, data, ctx);
}

void AnalyzePickleItem(ByteView data, AnalysisContext& ctx, const fp::AnalyzeOptions& opts,
                       const fp::PickleLimits& limits) {
  (void)AnalyzePickleItemWithReport(data, ctx, opts, limits);
}

}  // namespace aigis::scan
