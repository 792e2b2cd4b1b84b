// GuardPolicy: which detectors run, their thresholds, the action per category, output-side
// settings (allow-listed hosts, canaries, system prompt) and limits. Parsed from the `guard:`
// section of aigis's config file (documented in docs/guard.md). Value type; thread-compatible.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"
#include "guard/detection.h"
#include "guard/guard_limits.h"
#include "guard/rules.h"

namespace YAML {
class Node;
}

namespace aigis::guard {

struct DetectorConfig {
  bool enabled = true;
  double threshold = 0.5;  // detections scoring below are dropped
  // Detections scoring at least `threshold` but below this are at most flagged (reported and
  // audited, never blocked or redacted): a review band for a detector whose low scores are where
  // its false positives are. 0: off. When set, threshold < flag_below <= 1.
  double flag_below = 0;
};

struct GuardPolicy {
  Direction direction = Direction::kInput;
  Source source = Source::kUser;  // kDocument enables the indirect-injection rules
  DetectorConfig injection;
  DetectorConfig pii;
  DetectorConfig secrets;
  DetectorConfig hidden_text;
  DetectorConfig output;    // exfiltration links, HTML/JS, canaries, leakage (output direction)
  DetectorConfig decoders;  // base64/base32/hex/url/rot13, leetspeak/spelling/reversed,
                            // Morse/NATO/braille rescanning
  // Token soup of optimisation attacks (GCG and kin) after a request: input direction only.
  DetectorConfig adversarial_suffix;
  // The learned classifier: its score is calibrated so that 0.5 is the model's operating point
  // (<= 1% false positives on dev). It runs when the caller supplies a model (the CLI loads the
  // shipped one by default).
  DetectorConfig classifier{true, 0.5};
  std::string classifier_model;  // model file; empty: the shipped (embedded) model
  // Action per category (or detector name); categories not listed use default_action.
  std::map<std::string, Action> actions;
  Action default_action = Action::kFlag;
  std::set<std::string> disabled_rules;
  std::vector<std::string> allowed_hosts;  // exact host or a suffix after '.'
  std::vector<std::string> canaries;
  std::string system_prompt;      // text for leakage detection
  int leakage_shingle_words = 6;  // words per shingle
  int leakage_min_words = 10;     // shortest copied run reported
  std::string rules_dir;          // empty: built-in rules
  // Where compiled pattern databases are cached (empty: no cache). Defaults to
  // PatternSet::DefaultCacheDir() in Defaults().
  std::string cache_dir;
  bool vault = true;  // keep originals to restore placeholders
  GuardLimits limits;

  // The defaults: injection/jailbreak block, secrets and PII redact, the rest flag.
  static GuardPolicy Defaults();
  Action ActionFor(const Detection& d) const;
  // The config of a detector by name ("injection", "pii" ...); nullptr when unknown.
  const DetectorConfig* ConfigFor(const std::string& detector) const;
  DetectorConfig* MutableConfigFor(const std::string& detector);
};

// Parses the `guard:` node (a map). Unknown keys, bad actions and bad numbers are errors that
// name the key.
Result<GuardPolicy> ParseGuardPolicy(const YAML::Node& guard);
// Reads `path` and parses its `guard:` key; a file without one gives the defaults. A
// system_prompt_file is resolved relative to the policy file.
Result<GuardPolicy> LoadGuardPolicyFile(const std::string& path);

}  // namespace aigis::guard
