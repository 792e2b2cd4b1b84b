// The guard pipeline: normalise -> hidden-text findings -> signature scan of the folded text
// (injection, HTML/JS) -> signature scan of the original bytes (secrets, PII, exfiltration links)
// with validators -> canaries and system-prompt leakage -> decode base64/hex/URL/ROT13 segments
// and rescan them (bounded) -> optional classifier -> verdict under the policy -> redaction.
//
//   auto engine = GuardEngine::Create(GuardPolicy::Defaults());      // compile once, share
//   GuardScanner scanner = *GuardScanner::Create(*engine);            // one per thread
//   GuardResult r = scanner.Scan(text);                               // r.verdict, r.detections
//
// GuardStream gives the same detections for text fed in chunks (a proxy streaming a response).
// Thread safety: GuardEngine is immutable and shared (shared_ptr<const>); GuardScanner and
// GuardStream belong to one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/status.h"
#include "guard/classifier.h"
#include "guard/detection.h"
#include "guard/normalize/decoders.h"
#include "guard/normalize/normalizer.h"
#include "guard/pattern_set.h"
#include "guard/policy.h"
#include "guard/redact.h"
#include "guard/rules.h"

namespace re2 {
class RE2;
}

namespace aigis::guard {

struct GuardResult {
  Action verdict = Action::kAllow;
  double score = 0;                   // highest score among detections acted on (>= flag)
  std::vector<Detection> detections;  // sorted by DetectionLess
  std::vector<Action> actions;        // parallel to detections
  bool has_redacted = false;
  std::string redacted;  // the text with redact-action spans replaced
  Status status;         // non-OK when a limit cut the scan short (kept partial)
};

class GuardEngine {
 public:
  // Loads and compiles the rules (built-in or policy.rules_dir). Fails naming a bad rule.
  static Result<std::shared_ptr<const GuardEngine>> Create(
      GuardPolicy policy, std::shared_ptr<const Classifier> classifier = nullptr);
  ~GuardEngine();

  const GuardPolicy& policy() const { return policy_; }
  const std::vector<Rule>& rules() const { return rules_; }
  size_t rule_count(const std::string& detector) const;

 private:
  friend class GuardScanner;
  GuardEngine() = default;
  struct CompiledRule {
    const Rule* rule;
    std::unique_ptr<re2::RE2> capture;
    bool (*validator)(std::string_view, double*);
    bool exfil_url;    // validator "exfil_url": needs the policy's allowed hosts
    bool hex_context;  // validator "phone": dropped inside hex dumps and UUIDs (InHexContext)
  };
  GuardPolicy policy_;
  std::shared_ptr<const Classifier> classifier_;
  std::vector<Rule> rules_;
  std::vector<CompiledRule> norm_rules_;
  std::vector<CompiledRule> raw_rules_;
  std::vector<CompiledRule> gated_rules_;  // raw rules that only match around digits
  std::shared_ptr<const PatternSet> norm_set_;
  std::shared_ptr<const PatternSet> raw_set_;
  std::shared_ptr<const PatternSet> gated_set_;
  // norm_specs then raw_specs in one database, for pure-ASCII input (see SignatureDetections).
  std::shared_ptr<const PatternSet> merged_set_;
  size_t gate_reach_ = 1;  // bytes around a digit that a gated match can reach
  std::vector<std::string> folded_canaries_;
  std::unordered_set<uint64_t> prompt_shingles_;
  // Lower-case words of the injection rules: decoded letter codes written without word gaps are
  // split into them before the rescan (normalize::SplitRunTogetherWords).
  normalize::SplitVocabulary split_vocabulary_;
  normalize::TypoVocabulary typo_vocabulary_;  // the same words, for typo_hint lines
};

// Where a hint rule (kind rot13_hint, reverse_hint, cipher_hint, cipher_block_hint or typo_hint)
// matched, in the original text: the line around it is decoded that way and rescanned, and with
// lines_after (cipher_block_hint) the next few non-empty lines too.
struct DecodeHint {
  uint64_t offset;
  normalize::Encoding encoding;
  bool lines_after = false;
};

class GuardScanner {
 public:
  static Result<GuardScanner> Create(std::shared_ptr<const GuardEngine> engine);

  // Detections for `text` (no verdict); direction from the policy.
  Status Detect(std::string_view text, std::vector<Detection>* out);
  // Detect + verdict + redaction. With a vault, placeholders are recorded for Restore.
  GuardResult Scan(std::string_view text, Vault* vault = nullptr);

  const GuardEngine& engine() const { return *engine_; }

  // Pure-ASCII input is scanned once against the merged folded+raw database (default on). Off
  // forces the separate folded and raw scans, the general path; tests compare the two.
  void set_single_scan(bool on) { single_scan_ = on; }

  // Internal, used by GuardStream: detections of `text` located at absolute offset `base`.
  // `classify` false skips the classifier (a decoded text whose words it has already scored).
  Status DetectAt(std::string_view text, uint64_t base, int depth, size_t* decode_budget,
                  std::vector<Detection>* out, bool classify = true);

 private:
  GuardScanner() = default;
  void SignatureDetections(std::string_view text, const normalize::NormalizedText& norm,
                           std::vector<Detection>* out, std::vector<DecodeHint>* hints, Status* st);
  void OutputDetections(std::string_view text, const normalize::NormalizedText& norm,
                        std::vector<Detection>* out);
  std::shared_ptr<const GuardEngine> engine_;
  std::unique_ptr<PatternScanner> norm_scanner_;
  std::unique_ptr<PatternScanner> raw_scanner_;
  std::unique_ptr<PatternScanner> gated_scanner_;
  std::unique_ptr<PatternScanner> merged_scanner_;  // null when the engine has no merged set
  bool single_scan_ = true;
  std::vector<RawMatch> matches_;
  // One folded-text buffer per decode depth, reused across calls: allocating them per call
  // (about 11 bytes per input byte) cost page faults that made 1 MiB scans up to 3x slower.
  std::vector<std::unique_ptr<normalize::NormalizedText>> norms_;
  std::string typo_buf_;  // Unscramble's output when only the answer is needed
  std::vector<RawMatch> merged_matches_;
  std::vector<std::pair<uint64_t, uint64_t>> shadows_;  // failed shadow-rule candidates
};

// Combines detections into a verdict under `policy`; redacts `text` when an action is redact.
GuardResult Decide(const GuardPolicy& policy, std::vector<Detection> detections,
                   std::string_view text, Vault* vault);

// Feeds text in chunks; emits each detection once, as soon as no later byte can change it
// (stream_holdback bytes behind the end), and the same set as GuardScanner::Detect on the whole
// text (except the whole-text classifier and the per-scan decode budget, which are per window).
class GuardStream {
 public:
  // REQUIRES: scanner outlives the stream.
  explicit GuardStream(GuardScanner* scanner);
  Status Feed(std::string_view chunk, std::vector<Detection>* out);
  Status Finish(std::vector<Detection>* out);
  uint64_t bytes_seen() const { return total_; }
  // Every detection ending at or before this offset has been emitted. A proxy may release text
  // before scanned_through() - limits.stream_holdback: no later detection can start there.
  uint64_t scanned_through() const { return final_; }

 private:
  Status Process(bool finish, std::vector<Detection>* out);
  GuardScanner* scanner_;
  std::string buf_;  // original bytes from buf_base_ to total_
  uint64_t buf_base_ = 0;
  uint64_t total_ = 0;
  uint64_t final_ = 0;  // detections ending at or before this were emitted
};

}  // namespace aigis::guard
