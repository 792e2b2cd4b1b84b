#include "formats/savedmodel/tf_op_policy.h"

#include <utility>

#include "core/checked_math.h"
#include "core/rule_lines.h"

namespace aigis::formats::savedmodel {

Result<TfOpPolicy> TfOpPolicy::Parse(std::string_view allow_text, std::string_view deny_text) {
  TfOpPolicy p;
  AIGIS_RETURN_IF_ERROR(ForEachRuleLine(allow_text, [&](size_t, std::string_view line) {
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
      if (j > i) p.allow_.emplace(line.substr(i, j - i));
      i = j;
    }
    return Status::Ok();
  }));
  AIGIS_RETURN_IF_ERROR(ForEachRuleLine(deny_text, [&](size_t line_no, std::string_view line) {
    std::string_view parts[5];
    size_t n = 0;
    while (n < 4) {
      size_t bar = line.find('|');
      if (bar == std::string_view::npos) break;
      parts[n++] = TrimRuleText(line.substr(0, bar));
      line = line.substr(bar + 1);
    }
    parts[n++] = TrimRuleText(line);
    auto bad = [&](const std::string& why) {
      return Status::Malformed("tensorflow ops_deny line " + std::to_string(line_no) + ": " + why);
    };
    if (n != 5) return bad("expected Op|severity|category|flags|reason");
    if (parts[0].empty()) return bad("empty op name");
    auto sev = ParseSeverity(parts[1]);
    if (!sev) return bad("unknown severity '" + std::string(parts[1]) + "'");
    if (parts[3] != "-" && parts[3] != "saver")
      return bad("unknown flag '" + std::string(parts[3]) + "'");
    TfOpRule rule;
    rule.severity = *sev;
    rule.category = std::string(parts[2]);
    rule.reason = std::string(parts[4]);
    rule.saver = parts[3] == "saver";
    p.deny_[std::string(parts[0])] = std::move(rule);
    return Status::Ok();
  }));
  // An op on both lists is denied: the deny-list wins.
  for (const auto& [op, rule] : p.deny_) p.allow_.erase(op);
  return p;
}

const TfOpPolicy& TfOpPolicy::Default() {
  static const TfOpPolicy* policy = [] {
    auto parsed = Parse(internal::kTfOpsAllowText, internal::kTfOpsDenyText);
    // The embedded lists are checked by tf_op_policy_test; a broken list is our bug.
    AIGIS_CHECK(parsed.ok());
    return new TfOpPolicy(std::move(parsed).value());
  }();
  return *policy;
}

const TfOpRule* TfOpPolicy::Denied(std::string_view op) const {
  auto it = deny_.find(std::string(op));
  return it == deny_.end() ? nullptr : &it->second;
}

bool TfOpPolicy::Allowed(std::string_view op) const { return allow_.count(std::string(op)) > 0; }

}  // namespace aigis::formats::savedmodel
