// Signature rules, loaded from YAML files (rules/guard/*.yaml; data, not code) and embedded into
// the binary at build time so the CLI works from any directory. A rules file:
//   detector: injection            # default detector for the file
//   target: normalized | raw       # scan folded text (caseless) or the original bytes
//   macros: {VERB: "(?:ignore|disregard)"}   # referenced as {{VERB}} in patterns
//   rules:
//     - id: injection.override.ignore_previous
//       category: instruction-override
//       score: 0.9
//       pattern: "\\b{{VERB}}\\b[^\\n]{0,40}\\bprevious\\b"
//       caseless: true             # raw rules only; normalized rules are always caseless
//       validate: luhn             # optional validator (see detectors/validators.h)
//       capture: "RE2 with one group"   # optional: narrows the span to group 1
//       entity: EMAIL              # placeholder type for redaction
//       direction: any | input | output
//       kind: detect | rot13_hint | reverse_hint | cipher_hint | cipher_block_hint | typo_hint
//       shadow: true               # a failed candidate still hides other PII inside it
//       gate: digit                # every match contains a digit: only scanned near digits
//       gate: literal              # only scanned around the literals every match contains
//       gate_literals: ["@", "://"]  # the same around these (rarer) literals; checked at compile
//       source: any | document     # document: only for third-party content (indirect injection)
//       isolate: true              # own Vectorscan database (PatternSpec::isolate)
// Thread safety: values; the parser is reentrant.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "guard/pattern_set.h"

namespace aigis::guard {

enum class RuleTarget : uint8_t { kNormalized, kRaw };
// kCipherBlockHint: as kCipherHint, and the next few non-empty lines are read too (a named cipher
// introduces its ciphertext; "decode" alone is too common in code prompts to pay for that).
enum class RuleKind : uint8_t {
  kDetect,
  kRot13Hint,
  kReverseHint,
  kCipherHint,
  kCipherBlockHint,
  kTypoHint
};
enum class Direction : uint8_t { kAny, kInput, kOutput };
// Who wrote the text: the user (a prompt) or a third party (retrieved document, e-mail, tool
// output). Some rules ("include X in your answer") are attacks only inside third-party content.
enum class Source : uint8_t { kAny, kUser, kDocument };

struct Rule {
  std::string id;
  std::string detector;
  std::string category;
  std::string pattern;  // after macro expansion
  std::string validator;
  std::string capture;
  std::string entity;
  std::string lang;
  double score = 0.8;
  bool caseless = true;
  RuleTarget target = RuleTarget::kNormalized;
  RuleKind kind = RuleKind::kDetect;
  Direction direction = Direction::kAny;
  Source source = Source::kAny;  // kDocument: only when scanning third-party content
  // A candidate of this rule that FAILS validation still hides other PII candidates inside it
  // (digits of a mistyped IBAN are not a card or phone number).
  bool shadow = false;
  // Every match contains an ASCII digit: the rule is only run around digits (speed).
  bool needs_digit = false;
  // Scanned only around the literals every match contains (PatternSpec::literal_gate): for
  // expensive patterns whose required words are rare.
  bool literal_gate = false;
  // Given gate literals (implies literal_gate): used instead of the derived ones; compiling fails
  // unless every match contains one of them (PatternSpec::gate_literals).
  std::vector<std::string> gate_literals;
  // Compiled into a Vectorscan database of its own (PatternSpec::isolate).
  bool isolate = false;
};

// The rule as the engine compiles it (pattern, case, gate, given gate literals, isolation); one
// place, so a bench or tool cannot compile a rule differently from the engine.
PatternSpec ToPatternSpec(const Rule& r);

// Parses one rules file. `source` names it in error messages. Fails on unknown keys in a rule,
// missing id/pattern, a bad enum value, an unknown macro, or YAML syntax errors.
Result<std::vector<Rule>> ParseRules(std::string_view yaml_text, std::string_view source);

// The rules files compiled into the binary: {name, yaml text}.
struct EmbeddedRules {
  const char* name;
  const char* text;
};
const std::vector<EmbeddedRules>& BuiltinRules();

// Loads every built-in rules file, or every *.yaml in `dir` when dir is not empty.
Result<std::vector<Rule>> LoadRules(const std::string& dir);

}  // namespace aigis::guard
