// Detection: one thing the guard found in a text, with the byte span in the ORIGINAL text, and
// Action, what a policy does about it. Value types; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace aigis::guard {

// Ordered: a higher action wins when detections are combined into a verdict.
enum class Action : uint8_t { kAllow = 0, kFlag = 1, kRedact = 2, kBlock = 3 };

std::string_view ActionName(Action a);
std::optional<Action> ParseAction(std::string_view name);

struct Detection {
  std::string detector;  // "injection", "pii", "secrets", "hidden_text", "output", "classifier"
  std::string rule;      // stable id, e.g. "pii.iban", "injection.override.ignore_previous"
  std::string category;  // e.g. "instruction-override", "pii", "secret", "exfiltration"
  uint64_t start = 0;    // [start, end) byte span in the original text
  uint64_t end = 0;
  double score = 1.0;    // confidence in [0, 1]
  std::string entity;    // placeholder type for redaction ("EMAIL"); empty when not redactable
  std::string via;       // decoder chain when found inside an encoded segment ("base64")
  std::string evidence;  // short note (decoded hidden text, host name); never a secret value

  bool operator==(const Detection& o) const {
    return rule == o.rule && start == o.start && end == o.end && via == o.via;
  }
};

// Sort key used everywhere output must be deterministic: start, end, rule, via.
bool DetectionLess(const Detection& a, const Detection& b);

// Converts to the shared findings model. Severity: block -> malicious, otherwise suspicious.
Finding ToFinding(const Detection& d, Action action);

}  // namespace aigis::guard
