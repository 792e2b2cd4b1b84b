#include "guard/detection.h"

#include <tuple>

namespace aigis::guard {

std::string_view ActionName(Action a) {
  switch (a) {
    case Action::kAllow:
      return "allow";
    case Action::kFlag:
      return "flag";
    case Action::kRedact:
      return "redact";
    case Action::kBlock:
      return "block";
  }
  return "allow";
}

std::optional<Action> ParseAction(std::string_view name) {
  if (name == "allow") return Action::kAllow;
  if (name == "flag") return Action::kFlag;
  if (name == "redact") return Action::kRedact;
  if (name == "block") return Action::kBlock;
  return std::nullopt;
}

bool DetectionLess(const Detection& a, const Detection& b) {
  return std::tie(a.start, a.end, a.rule, a.via) < std::tie(b.start, b.end, b.rule, b.via);
}

Finding ToFinding(const Detection& d, Action action) {
  Finding f;
  f.rule = d.rule;
  f.severity = action == Action::kBlock ? Severity::kMalicious : Severity::kSuspicious;
  f.message = d.detector + ": " + d.category + (d.via.empty() ? "" : " (inside " + d.via + ")");
  f.location.offset = d.start;
  f.location.end = d.end;
  f.location.has_offset = true;
  f.evidence = d.evidence;
  f.category = d.category;
  f.score = d.score;
  return f;
}

}  // namespace aigis::guard
