#include "guard/engine.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstring>

#include "guard/detectors/adversarial_suffix.h"
#include "guard/detectors/validators.h"
#include "guard/normalize/byte_scan.h"
#include "guard/normalize/decoders.h"
#include "guard/normalize/escapes.h"

namespace aigis::guard {
namespace {

// Folded-text buffers up to this size stay allocated between scans (see GuardScanner::norms_):
// 4 MiB of text, about 45 MB with its offset maps.
constexpr size_t kKeptFoldedBytes = 4u << 20;

// Texts up to this size are read for typoglycemia (see DetectAt). A text this short is scanned
// whole by a stream too (its windows are at least stream_holdback long), so both agree.
constexpr size_t kMaxTypoglycemiaText = 4096;

// A cipher_block_hint also covers this many non-empty lines after its own, starting within this
// many bytes of its line's end (and half a segment; see DetectAt): the ciphertext a hint
// introduces, not the document.
constexpr size_t kCipherHintLines = 3;
constexpr size_t kCipherHintReach = 2048;

// A run of words written together is rescanned when its split has at least this many of the
// rules' words of 3 letters or more and all its words cover at least this share of its letters
// (see DetectAt).
constexpr size_t kMinRunTogetherWords = 3;
constexpr double kMinRunTogetherCover = 0.8;

// True when a detection indexed in `by_start` ((start, index into dets), sorted) is rule `rule`
// and lies inside [start, end). Only the detections starting in the range are looked at, so a
// text of many lines, each with an attack and an obfuscated copy, stays linear.
bool SameRuleInside(const std::vector<Detection>& dets,
                    const std::vector<std::pair<uint64_t, size_t>>& by_start,
                    const std::string& rule, uint64_t start, uint64_t end) {
  auto it = std::lower_bound(by_start.begin(), by_start.end(), std::make_pair(start, size_t{0}));
  for (; it != by_start.end() && it->first < end; ++it) {
    const Detection& d = dets[it->second];
    if (d.end <= end && d.rule == rule) return true;
  }
  return false;
}

using normalize::HiddenKind;
using normalize::HiddenSpan;

// Per hidden-character kind: category and score.
struct HiddenInfo {
  const char* category;
  double score;
};
HiddenInfo InfoFor(HiddenKind k) {
  switch (k) {
    case HiddenKind::kUnicodeTag:
      return {"ascii-smuggling", 0.95};
    case HiddenKind::kVariationSelectors:
      return {"ascii-smuggling", 0.8};
    case HiddenKind::kBidi:
      return {"hidden-text", 0.7};
    case HiddenKind::kHomoglyph:
      return {"hidden-text", 0.7};
    case HiddenKind::kZeroWidth:
      return {"hidden-text", 0.6};
    case HiddenKind::kInvalidUtf8:
      return {"malformed-text", 0.5};
  }
  return {"hidden-text", 0.5};
}

// Sorts matches and keeps, per pattern, the longest match per start and no match contained in
// another match of the same pattern (Vectorscan reports every end offset).
void DedupeMatches(std::vector<RawMatch>* m) {
  std::sort(m->begin(), m->end(), [](const RawMatch& a, const RawMatch& b) {
    if (a.index != b.index) return a.index < b.index;
    if (a.from != b.from) return a.from < b.from;
    return a.to > b.to;
  });
  size_t w = 0;
  uint32_t cur = UINT32_MAX;
  uint64_t max_to = 0;
  for (size_t i = 0; i < m->size(); ++i) {
    const RawMatch& r = (*m)[i];
    if (r.index != cur) {
      cur = r.index;
      max_to = 0;
    } else if (r.to <= max_to) {
      continue;  // same start with a shorter end, or contained in an earlier match
    }
    max_to = std::max(max_to, r.to);
    (*m)[w++] = r;
  }
  m->resize(w);
}

bool DirectionAllows(Direction rule, Direction scan) {
  return rule == Direction::kAny || rule == scan;
}

std::string Snippet(std::string_view text, uint64_t s, uint64_t e) {
  if (e > text.size() || s >= e) return "";
  size_t len = static_cast<size_t>(std::min<uint64_t>(e - s, 120));
  std::string out(text.substr(static_cast<size_t>(s), len));
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

// Host of the first http(s) URL in `s`, lower-cased, without userinfo or port.
std::string HostOf(std::string_view s, std::string_view* rest) {
  size_t p = s.find("://");
  if (p == std::string_view::npos) return "";
  size_t start = p + 3;
  size_t end = start;
  while (end < s.size() && s[end] != '/' && s[end] != '?' && s[end] != '#' && s[end] != ')' &&
         s[end] != ' ' && s[end] != '"' && s[end] != '\'' && s[end] != '>') {
    ++end;
  }
  std::string_view auth = s.substr(start, end - start);
  size_t at = auth.rfind('@');
  if (at != std::string_view::npos) auth = auth.substr(at + 1);
  size_t colon = auth.find(':');
  if (colon != std::string_view::npos) auth = auth.substr(0, colon);
  std::string host;
  for (char c : auth) host.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  *rest = s.substr(end);
  return host;
}

bool HostAllowed(const std::string& host, const std::vector<std::string>& allowed) {
  for (const std::string& a : allowed) {
    if (host == a) return true;
    if (host.size() > a.size() && host.compare(host.size() - a.size(), a.size(), a) == 0 &&
        host[host.size() - a.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

// Words for leakage shingles: runs of ASCII alphanumerics and non-ASCII bytes, at most 64 bytes.
struct Word {
  size_t start;
  size_t end;
  uint64_t hash;
};
constexpr size_t kMaxWordBytes = 64;
constexpr size_t kMaxWordGap = 64;

void Tokenize(std::string_view t, std::vector<Word>* words) {
  size_t i = 0;
  while (i < t.size()) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    bool w =
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
    if (!w) {
      ++i;
      continue;
    }
    size_t s = i;
    uint64_t h = 1469598103934665603ull;
    while (i < t.size()) {
      unsigned char d = static_cast<unsigned char>(t[i]);
      bool wd =
          (d >= '0' && d <= '9') || (d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') || d >= 0x80;
      if (!wd) break;
      if (d >= 'A' && d <= 'Z') d = static_cast<unsigned char>(d + 32);
      h = (h ^ d) * 1099511628211ull;
      ++i;
    }
    if (i - s <= kMaxWordBytes)
      words->push_back(Word{s, i, h});
    else
      words->push_back(Word{s, i, 0});  // too long: breaks shingles
  }
}

// Calls fn(first_word, last_word) for each k-word shingle that does not cross a break.
template <typename Fn>
void ForEachShingle(const std::vector<Word>& w, size_t k, Fn fn) {
  if (w.size() < k) return;
  size_t run_start = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    bool brk = w[i].hash == 0 || (i > 0 && w[i].start - w[i - 1].end > kMaxWordGap);
    if (brk) run_start = w[i].hash == 0 ? i + 1 : i;
    if (w[i].hash == 0) continue;
    if (i + 1 >= run_start + k) {
      uint64_t h = 0;
      for (size_t j = i + 1 - k; j <= i; ++j) h = h * 0x9E3779B97F4A7C15ull + w[j].hash;
      fn(i + 1 - k, i, h);
    }
  }
}

void SplitOnGrid(const Detection& d, uint64_t grid, std::vector<Detection>* out) {
  uint64_t s = d.start;
  while (s < d.end) {
    uint64_t cell_end = (s / grid + 1) * grid;
    Detection piece = d;
    piece.start = s;
    piece.end = std::min(d.end, cell_end);
    s = piece.end;
    out->push_back(std::move(piece));
  }
}

// PII candidates overlap (a phone pattern inside a card number, two phone patterns on one
// number): keep the longest; on equal spans keep the higher score. Candidates inside a shadow span
// (a failed IBAN) are dropped.
void ResolvePiiOverlaps(std::vector<std::pair<uint64_t, uint64_t>> shadows,
                        std::vector<Detection>* dets) {
  std::vector<size_t> pii;
  for (size_t i = 0; i < dets->size(); ++i) {
    if ((*dets)[i].detector == "pii") pii.push_back(i);
  }
  if (pii.empty()) return;
  // Sweep in (start, -end, -score) order: a candidate whose end does not pass the furthest end
  // seen so far lies inside an earlier (longer or better) candidate. O(n log n).
  std::sort(pii.begin(), pii.end(), [&](size_t x, size_t y) {
    const Detection& a = (*dets)[x];
    const Detection& b = (*dets)[y];
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end > b.end;
    if (a.score != b.score) return a.score > b.score;
    return x < y;
  });
  std::sort(shadows.begin(), shadows.end());
  std::vector<uint8_t> drop(dets->size(), 0);
  uint64_t max_end = 0;
  bool any = false;
  size_t sh = 0;
  uint64_t shadow_end = 0;
  for (size_t i : pii) {
    const Detection& x = (*dets)[i];
    if (any && x.end <= max_end) drop[i] = 1;
    max_end = any ? std::max(max_end, x.end) : x.end;
    any = true;
    while (sh < shadows.size() && shadows[sh].first <= x.start) {
      shadow_end = std::max(shadow_end, shadows[sh].second);
      ++sh;
    }
    if (x.end <= shadow_end) drop[i] = 1;
  }
  size_t w = 0;
  for (size_t i = 0; i < dets->size(); ++i) {
    if (drop[i]) continue;
    if (w != i) (*dets)[w] = std::move((*dets)[i]);  // never self-move (empties strings)
    ++w;
  }
  dets->resize(w);
}

bool IsRunRule(const std::string& rule) {
  return rule.rfind("hidden.", 0) == 0 || rule == "output.prompt_leak";
}

Detection LimitDetection(const Status& st, uint64_t at) {
  Detection d;
  d.detector = "guard";
  d.rule = "guard.limit_exceeded";
  d.category = "limit";
  d.start = at;
  d.end = at + 1;
  d.score = 1.0;
  d.evidence = st.message();
  return d;
}

}  // namespace

GuardEngine::~GuardEngine() = default;

size_t GuardEngine::rule_count(const std::string& detector) const {
  size_t n = 0;
  for (const Rule& r : rules_) n += r.detector == detector && r.kind == RuleKind::kDetect;
  return n;
}

Result<std::shared_ptr<const GuardEngine>> GuardEngine::Create(
    GuardPolicy policy, std::shared_ptr<const Classifier> classifier) {
  AIGIS_RETURN_IF_ERROR(policy.limits.Validate());
  std::shared_ptr<GuardEngine> e(new GuardEngine());
  e->policy_ = std::move(policy);
  e->classifier_ = std::move(classifier);
  AIGIS_ASSIGN_OR_RETURN(e->rules_, LoadRules(e->policy_.rules_dir));
  std::vector<PatternSpec> norm_specs, raw_specs, gated_specs;
  for (const Rule& r : e->rules_) {
    CompiledRule c{&r, nullptr, nullptr, false, r.validator == "phone"};
    if (!r.validator.empty()) {
      if (r.validator == "exfil_url") {
        c.exfil_url = true;
      } else {
        c.validator = detectors::FindValidator(r.validator);
        if (c.validator == nullptr) {
          return Status::InvalidArgument("guard: rule " + r.id + ": unknown validator " +
                                         r.validator);
        }
      }
    }
    if (!r.capture.empty()) {
      RE2::Options o;
      o.set_log_errors(false);
      o.set_case_sensitive(!r.caseless);
      c.capture = std::make_unique<RE2>(r.capture, o);
      if (!c.capture->ok() || c.capture->NumberOfCapturingGroups() < 1) {
        return Status::InvalidArgument("guard: rule " + r.id +
                                       ": bad capture regex: " + c.capture->error());
      }
    }
    PatternSpec spec = ToPatternSpec(r);
    if (r.target == RuleTarget::kNormalized) {
      norm_specs.push_back(std::move(spec));
      e->norm_rules_.push_back(std::move(c));
    } else if (r.needs_digit) {
      gated_specs.push_back(std::move(spec));
      e->gated_rules_.push_back(std::move(c));
    } else {
      raw_specs.push_back(std::move(spec));
      e->raw_rules_.push_back(std::move(c));
    }
  }
  uint32_t width = e->policy_.limits.max_pattern_width;
  const std::string& cache = e->policy_.cache_dir;
  AIGIS_ASSIGN_OR_RETURN(e->norm_set_, PatternSet::Compile(norm_specs, width, cache));
  AIGIS_ASSIGN_OR_RETURN(e->raw_set_, PatternSet::Compile(raw_specs, width, cache));
  AIGIS_ASSIGN_OR_RETURN(e->gated_set_, PatternSet::Compile(gated_specs, width, cache));
  if (!norm_specs.empty() && !raw_specs.empty()) {
    std::vector<PatternSpec> merged = std::move(norm_specs);
    merged.insert(merged.end(), std::make_move_iterator(raw_specs.begin()),
                  std::make_move_iterator(raw_specs.end()));
    AIGIS_ASSIGN_OR_RETURN(e->merged_set_, PatternSet::Compile(merged, width, cache));
  }
  e->gate_reach_ = static_cast<size_t>(e->gated_set_->max_width()) + 1;
  for (const Rule& r : e->rules_) {
    // Detect rules only: the hint rules' words are reversed or enciphered forms.
    if (r.detector != "injection" || (r.lang != "en" && !r.lang.empty()) ||
        r.kind != RuleKind::kDetect)
      continue;
    // The literal words of the pattern: runs of a-z, skipping the byte after each backslash
    // ("\\bignore" is "ignore", "\\s" is no word).
    const std::string& pat = r.pattern;
    size_t i = 0;
    while (i < pat.size()) {
      if (pat[i] == '\\') {
        i += 2;
        continue;
      }
      size_t j = i;
      while (j < pat.size() && pat[j] >= 'a' && pat[j] <= 'z') ++j;
      e->split_vocabulary_.Add(std::string_view(pat).substr(i, j - i));
      i = j > i ? j : i + 1;
    }
  }
  // Typoglycemia: the words attacks are made of. A short list on purpose: every word of a text
  // with the shape (first letter, last letter, length) of one of them costs a sort and a hash
  // lookup, and the rules' whole vocabulary ("your", "what", "this") made prompts 40% slower.
  for (std::string_view w :
       {"ignore", "previous", "instructions", "instruction", "disregard", "system", "prompt",
        "reveal", "bypass", "safety", "forget", "override", "guidelines", "restrictions",
        "jailbreak", "pretend", "unrestricted", "developer", "password", "confidential", "secret",
        "everything", "above", "prior", "rules", "filters", "delete", "execute", "unfiltered",
        // "your": extraction rules need it before "system prompt" (rules/guard/injection.yaml).
        "your"}) {
    e->typo_vocabulary_.Add(w);
  }
  for (const std::string& c : e->policy_.canaries) {
    if (c.size() < 4) return Status::InvalidArgument("guard: canary shorter than 4 bytes");
    e->folded_canaries_.push_back(normalize::FoldForMatching(c));
  }
  if (!e->policy_.system_prompt.empty()) {
    std::string folded = normalize::FoldForMatching(e->policy_.system_prompt);
    std::vector<Word> words;
    Tokenize(folded, &words);
    ForEachShingle(words, static_cast<size_t>(e->policy_.leakage_shingle_words),
                   [&](size_t, size_t, uint64_t h) { e->prompt_shingles_.insert(h); });
  }
  return std::shared_ptr<const GuardEngine>(e);
}

Result<GuardScanner> GuardScanner::Create(std::shared_ptr<const GuardEngine> engine) {
  GuardScanner s;
  s.engine_ = std::move(engine);
  AIGIS_ASSIGN_OR_RETURN(PatternScanner n, PatternScanner::Create(s.engine_->norm_set_));
  AIGIS_ASSIGN_OR_RETURN(PatternScanner r, PatternScanner::Create(s.engine_->raw_set_));
  s.norm_scanner_ = std::make_unique<PatternScanner>(std::move(n));
  s.raw_scanner_ = std::make_unique<PatternScanner>(std::move(r));
  AIGIS_ASSIGN_OR_RETURN(PatternScanner g, PatternScanner::Create(s.engine_->gated_set_));
  s.gated_scanner_ = std::make_unique<PatternScanner>(std::move(g));
  if (s.engine_->merged_set_ != nullptr) {
    AIGIS_ASSIGN_OR_RETURN(PatternScanner m, PatternScanner::Create(s.engine_->merged_set_));
    s.merged_scanner_ = std::make_unique<PatternScanner>(std::move(m));
  }
  return s;
}

void GuardScanner::SignatureDetections(std::string_view text, const normalize::NormalizedText& norm,
                                       std::vector<Detection>* out, std::vector<DecodeHint>* hints,
                                       Status* st) {
  const GuardEngine& e = *engine_;
  const GuardPolicy& p = e.policy_;
  const size_t kMaxMatches = 1u << 20;  // raw matches per scan; beyond that the input is hostile
  // Pure ASCII: the folded view is the input itself (folded-text patterns are caseless), so one
  // scan of the merged database gives both passes' matches (a pattern's matches should not depend
  // on its database's other patterns; Vectorscan 5.4.9's raw database drops a few that the merged
  // one finds, docs/performance.md). On a limit the separate scans run instead: their caps and
  // start budgets are per pass.
  bool merged = false;
  if (single_scan_ && norm.identity() && merged_scanner_ != nullptr) {
    merged_matches_.clear();
    merged = merged_scanner_->Scan(text, kMaxMatches, &merged_matches_).ok();
  }
  for (int pass = 0; pass < 3; ++pass) {
    const bool normalized = pass == 0;
    const auto& crules = pass == 0 ? e.norm_rules_ : pass == 1 ? e.raw_rules_ : e.gated_rules_;
    if (crules.empty()) continue;
    matches_.clear();
    Status s;
    if (merged && pass < 2) {
      const uint32_t n = static_cast<uint32_t>(e.norm_rules_.size());
      for (const RawMatch& m : merged_matches_) {
        if ((m.index < n) == (pass == 0)) {
          matches_.push_back(RawMatch{pass == 0 ? m.index : m.index - n, m.from, m.to});
        }
      }
    } else if (pass == 0) {
      s = norm_scanner_->Scan(norm.text(), kMaxMatches, &matches_);
    } else if (pass == 1) {
      s = raw_scanner_->Scan(text, kMaxMatches, &matches_);
    } else {
      // Digit-gated rules: every match contains a digit, so only the regions within the widest
      // pattern's reach of a digit are scanned (prose has few digits).
      const size_t reach = e.gate_reach_;
      size_t i = 0, range_s = 0, range_e = 0;
      bool open = false;
      while (i < text.size() && s.ok()) {
        const size_t d = normalize::FindDigit(text, i);
        if (d == text.size()) break;
        size_t rs = d > reach ? d - reach : 0;
        size_t re = std::min(text.size(), d + reach + 1);
        if (open && rs <= range_e) {
          range_e = std::max(range_e, re);
        } else {
          if (open) s = gated_scanner_->ScanRange(text, range_s, range_e, kMaxMatches, &matches_);
          range_s = rs;
          range_e = re;
          open = true;
        }
        i = d + 1;
      }
      if (open && s.ok())
        s = gated_scanner_->ScanRange(text, range_s, range_e, kMaxMatches, &matches_);
    }
    if (!s.ok() && st->ok()) *st = s;
    DedupeMatches(&matches_);
    for (const RawMatch& m : matches_) {
      const GuardEngine::CompiledRule& cr = crules[m.index];
      const Rule& r = *cr.rule;
      if (!DirectionAllows(r.direction, p.direction) || p.disabled_rules.count(r.id)) continue;
      if (r.source == Source::kDocument && p.source != Source::kDocument) continue;
      uint64_t s0 = m.from, e0 = m.to;
      if (normalized)
        norm.ToOriginal(static_cast<size_t>(m.from), static_cast<size_t>(m.to), &s0, &e0);
      if (r.kind == RuleKind::kRot13Hint || r.kind == RuleKind::kReverseHint) {
        hints->push_back({s0, r.kind == RuleKind::kRot13Hint ? normalize::Encoding::kRot13
                                                             : normalize::Encoding::kReversed});
        continue;
      }
      if (r.kind == RuleKind::kTypoHint) {
        hints->push_back({s0, normalize::Encoding::kTypoglycemia});
        continue;
      }
      if (r.kind == RuleKind::kCipherHint || r.kind == RuleKind::kCipherBlockHint) {
        // The shift is unknown: the line is read as Atbash and as the best-fitting Caesar shift.
        const bool block = r.kind == RuleKind::kCipherBlockHint;
        hints->push_back({s0, normalize::Encoding::kAtbash, block});
        hints->push_back({s0, normalize::Encoding::kCaesar, block});
        continue;
      }
      const DetectorConfig* cfg = p.ConfigFor(r.detector);
      if (cfg != nullptr && !cfg->enabled) continue;
      double score = r.score;
      if (cr.capture) {
        // Narrow to the capture group (the value after its context words).
        std::string_view hay = normalized ? norm.text().substr(m.from, m.to - m.from)
                                          : text.substr(m.from, m.to - m.from);
        re2::StringPiece g;
        if (!RE2::PartialMatch(re2::StringPiece(hay.data(), hay.size()), *cr.capture, &g) ||
            g.empty()) {
          continue;
        }
        uint64_t gs = m.from + static_cast<uint64_t>(g.data() - hay.data());
        uint64_t ge = gs + g.size();
        if (normalized) {
          norm.ToOriginal(static_cast<size_t>(gs), static_cast<size_t>(ge), &s0, &e0);
        } else {
          s0 = gs;
          e0 = ge;
        }
      }
      std::string_view cand = text.substr(static_cast<size_t>(s0), static_cast<size_t>(e0 - s0));
      std::string evidence;
      if (cr.validator != nullptr && !cr.validator(cand, &score)) {
        if (r.shadow) shadows_.push_back({s0, e0});
        continue;
      }
      if (cr.hex_context &&
          detectors::InHexContext(text, static_cast<size_t>(s0), static_cast<size_t>(e0))) {
        continue;
      }
      if (cr.exfil_url) {
        std::string_view rest;
        std::string host = HostOf(cand, &rest);
        if (host.empty() || HostAllowed(host, p.allowed_hosts)) continue;
        bool query = rest.find('?') != std::string_view::npos || rest.size() > 48;
        if (!query) score *= 0.5;
        evidence = host;
      }
      Detection d;
      d.detector = r.detector;
      d.rule = r.id;
      d.category = r.category;
      d.start = s0;
      d.end = e0;
      d.score = score;
      d.entity = r.entity;
      if (evidence.empty() && r.detector != "pii" && r.detector != "secrets") {
        evidence = Snippet(text, s0, e0);
      }
      d.evidence = std::move(evidence);
      out->push_back(std::move(d));
    }
  }
}

void GuardScanner::OutputDetections(std::string_view text, const normalize::NormalizedText& norm,
                                    std::vector<Detection>* out) {
  const GuardEngine& e = *engine_;
  const GuardPolicy& p = e.policy_;
  if (!p.output.enabled) return;
  // Canaries: exact bytes, and folded (catches case changes and look-alike spellings).
  for (size_t c = 0; c < p.canaries.size(); ++c) {
    auto add = [&](uint64_t s, uint64_t en) {
      Detection d{"output", "output.canary", "canary-leak", s, en, 1.0, "", "", "canary token"};
      out->push_back(std::move(d));
    };
    const std::string& raw = p.canaries[c];
    for (size_t pos = text.find(raw); pos != std::string_view::npos;
         pos = text.find(raw, pos + 1)) {
      add(pos, pos + raw.size());
    }
    std::string_view nt = norm.text();
    const std::string& f = e.folded_canaries_[c];
    for (size_t pos = 0; pos + f.size() <= nt.size();) {
      size_t hit = std::string_view::npos;
      if (norm.identity()) {
        // Identity view is not lower-cased: compare case-insensitively.
        for (size_t q = pos; q + f.size() <= nt.size(); ++q) {
          bool eq = true;
          for (size_t k = 0; k < f.size() && eq; ++k) {
            char ch = nt[q + k];
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
            eq = ch == f[k];
          }
          if (eq) {
            hit = q;
            break;
          }
        }
      } else {
        hit = nt.find(f, pos);
      }
      if (hit == std::string_view::npos) break;
      uint64_t s, en;
      norm.ToOriginal(hit, hit + f.size(), &s, &en);
      add(s, en);
      pos = hit + 1;
    }
  }
  // System-prompt leakage: runs of copied k-word shingles.
  if (!e.prompt_shingles_.empty()) {
    std::vector<Word> words;
    std::string_view nt = norm.text();
    Tokenize(nt, &words);
    std::vector<uint8_t> covered(words.size(), 0);
    ForEachShingle(words, static_cast<size_t>(p.leakage_shingle_words),
                   [&](size_t a, size_t b, uint64_t h) {
                     if (e.prompt_shingles_.count(h)) {
                       for (size_t k = a; k <= b; ++k) covered[k] = 1;
                     }
                   });
    size_t i = 0;
    while (i < words.size()) {
      if (!covered[i]) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j + 1 < words.size() && covered[j + 1] &&
             words[j + 1].start - words[j].end <= kMaxWordGap) {
        ++j;
      }
      size_t n = j - i + 1;
      if (n >= static_cast<size_t>(p.leakage_min_words)) {
        uint64_t s, en;
        norm.ToOriginal(words[i].start, words[j].end, &s, &en);
        Detection d{"output",
                    "output.prompt_leak",
                    "prompt-leak",
                    s,
                    en,
                    std::min(1.0, 0.6 + static_cast<double>(n) / 100.0),
                    "",
                    "",
                    std::to_string(n) + " words copied from the system prompt"};
        out->push_back(std::move(d));
      }
      i = j + 1;
    }
  }
}

Status GuardScanner::DetectAt(std::string_view text, uint64_t base, int depth,
                              size_t* decode_budget, std::vector<Detection>* out, bool classify) {
  const GuardEngine& e = *engine_;
  const GuardPolicy& p = e.policy_;
  const GuardLimits& lim = p.limits;
  Status st;
  if (text.size() > lim.max_input_bytes || text.size() >= (1ull << 32)) {
    return Status::LimitExceeded("guard: input of " + std::to_string(text.size()) +
                                 " bytes exceeds max_input_bytes");
  }
  std::vector<Detection> local;
  normalize::Normalizer normalizer;
  if (norms_.size() <= static_cast<size_t>(depth)) norms_.resize(static_cast<size_t>(depth) + 1);
  if (norms_[depth] == nullptr) norms_[depth] = std::make_unique<normalize::NormalizedText>();
  normalize::NormalizedText& norm = *norms_[depth];
  std::vector<HiddenSpan> hidden;
  normalizer.Normalize(text, &norm, p.hidden_text.enabled ? &hidden : nullptr);
  for (const HiddenSpan& h : hidden) {
    HiddenInfo info = InfoFor(h.kind);
    Detection d;
    d.detector = "hidden_text";
    d.rule = std::string(normalize::HiddenRuleId(h.kind));
    d.category = info.category;
    d.start = h.start;
    d.end = h.end;
    d.score = info.score;
    local.push_back(std::move(d));
  }
  std::vector<DecodeHint> hints;
  shadows_.clear();
  SignatureDetections(text, norm, &local, &hints, &st);
  ResolvePiiOverlaps(shadows_, &local);
  if (p.direction == Direction::kOutput) OutputDetections(text, norm, &local);
  // Optimiser token soup, on the original bytes (case changes are the signal, folding loses
  // them); top level only: a decoded payload has no request around it. Segments are cut on the
  // absolute span grid, so a stream window sees the same ones.
  if (depth == 0 && p.adversarial_suffix.enabled && p.direction == Direction::kInput &&
      !p.disabled_rules.count("adversarial_suffix.token_soup")) {
    std::vector<detectors::SuffixSpan> spans;
    detectors::FindAdversarialSuffixes(text, base, lim.span_grid, &spans);
    for (const detectors::SuffixSpan& s : spans) {
      // The least dense window that fires (weight 5) scores 0.8; denser ones up to 0.95.
      double score = std::min(0.95, 0.55 + 0.05 * s.artefacts);
      local.push_back(Detection{"adversarial_suffix", "adversarial_suffix.token_soup",
                                "adversarial-suffix", s.start, s.end, score, "", "",
                                Snippet(text, s.start, s.end)});
    }
  }

  // Classifier on the whole top-level text and on every decoded payload (depth > 0): an attack
  // only the classifier recognises stays recognised base64-encoded (400 jailbreak prompts from
  // jailbreak_llms, base64 in a carrier sentence: recall 0.37 -> 0.63, benign FPR 0 -> 0.003).
  if (classify && (depth > 0 || base == 0) && p.classifier.enabled && e.classifier_ != nullptr) {
    // The folded view as is: on the ASCII fast path it is the input, and CompactText lower-cases
    // ASCII itself, so re-folding here (a second normaliser pass plus a copy) bought nothing.
    Result<double> sc = e.classifier_->Score(norm.text());
    if (sc.ok() && *sc >= p.classifier.threshold && !text.empty()) {
      local.push_back(Detection{"classifier", "classifier." + std::string(e.classifier_->name()),
                                "prompt-injection", 0, text.size(), *sc, "", "", ""});
    } else if (!sc.ok() && st.ok()) {
      st = sc.status();
    }
  }
  norm.ReleaseIfOver(kKeptFoldedBytes);  // not used below

  // Decode and rescan embedded payloads.
  if (p.decoders.enabled && depth < lim.max_decode_depth) {
    std::vector<normalize::EncodedSegment> segs;
    normalize::FindEncodedSegments(text, lim, &segs);
    // Character-level obfuscation is rescanned only where it hides something the plain text did
    // not already show (the signatures found the plain part; see the filter below).
    const size_t plain = segs.size();
    std::vector<normalize::EncodedSegment> run_together;
    normalize::FindObfuscatedSegments(text, lim, &segs, &run_together);
    const size_t obfuscated_end = segs.size();
    // Letter-by-letter codes: the segment is the coded run itself, so no plain words to filter.
    normalize::FindMorseSegments(text, lim, &segs);
    normalize::FindNatoSegments(text, lim, &segs);
    normalize::FindBrailleSegments(text, lim, &segs);
    normalize::FindEscapedSegments(text, lim, &segs);
    // Typoglycemia, in prompts and decoded payloads (texts of at most kMaxTypoglycemiaText
    // bytes): the whole text is rescanned when a shuffled or hyphen-split rule word was put
    // back. A Vectorscan hint for the shuffled words (any order of the inner letters) ran as a
    // DFA over every byte and made 1 MiB of prose 40% slower, so longer texts are left to the
    // classifier.
    if (text.size() <= kMaxTypoglycemiaText && e.typo_vocabulary_.Unscramble(text, &typo_buf_)) {
      segs.push_back({normalize::Encoding::kTypoglycemia, 0, text.size()});
    }
    // Vertical text keeps its plain words (filtered like character-level segments).
    const size_t vertical_begin = segs.size();
    normalize::FindVerticalSegments(text, lim, &segs);
    const size_t vertical_end = segs.size();
    // Words run together: rescanned only where the split reads as the rules' words (below).
    segs.insert(segs.end(), run_together.begin(), run_together.end());
    std::sort(hints.begin(), hints.end(), [](const DecodeHint& a, const DecodeHint& b) {
      return a.encoding != b.encoding ? a.encoding < b.encoding : a.offset < b.offset;
    });
    // A hint's own line is skipped when an earlier hint's own line overlaps it (as before the
    // following lines existed), and a following line only when an earlier hint already took that
    // same line: so whether a hint's following lines are read does not depend on the hints
    // before it, which a stream window may lack.
    uint64_t last_end = 0, last_follow_end = 0;
    normalize::Encoding last_encoding = normalize::Encoding::kRot13;
    for (const DecodeHint& h : hints) {
      if (h.encoding != last_encoding) last_end = last_follow_end = 0;
      last_encoding = h.encoding;
      // The line around the hint, at most 2 KiB each side (keeps the segment local).
      size_t hs = static_cast<size_t>(h.offset);
      size_t s = hs, en = hs;
      while (s > 0 && text[s - 1] != '\n' && hs - s < 2048) --s;
      while (en < text.size() && text[en] != '\n' && en - hs < 2048) ++en;
      if (s >= last_end) {
        segs.push_back({h.encoding, s, en});
        last_end = en;
      }
      // A named cipher ("Decode this Caesar cipher:", kind cipher_block_hint) usually introduces
      // text on the lines that follow: each of the next few non-empty lines is read on its own
      // too, so the hint's plain words do not skew the shift that best fits the ciphertext.
      if (!h.lines_after) continue;
      if (en >= text.size() || text[en] != '\n') continue;  // the hint's line goes on
      // Within half a segment each: with the hint's own line (2 KiB after it), the last byte
      // stays within 2 KiB + max_encoded_segment of the hint, inside stream_holdback (at least
      // twice max_encoded_segment) once that is 2 KiB or more.
      const size_t half = lim.max_encoded_segment / 2;
      const size_t reach = std::min(text.size(), en + std::min(kCipherHintReach, half));
      size_t pos = en;
      for (size_t k = 0; k < kCipherHintLines; ++k) {
        size_t ls = pos;
        while (ls < reach && (text[ls] == '\n' || text[ls] == '\r')) ++ls;
        if (ls >= reach) break;
        size_t le = ls;
        while (le < text.size() && text[le] != '\n' && le - ls < half) ++le;
        if (ls >= last_follow_end) {
          segs.push_back({h.encoding, ls, le});
          last_follow_end = le;
        }
        if (le >= text.size() || text[le] != '\n') break;  // a line longer than that ends it
        pos = le;
      }
    }
    // Detections so far by start, built on first use: the plain text's and those of the
    // encoded segments decoded before it (the char-level segments come after them in `segs`).
    std::vector<std::pair<uint64_t, size_t>> plain_by_start;
    bool indexed = false;
    std::string decoded, split;
    for (size_t si = 0; si < segs.size(); ++si) {
      const normalize::EncodedSegment& seg = segs[si];
      const bool char_level = (si >= plain && si < obfuscated_end) ||
                              (si >= vertical_begin && si < vertical_end) ||
                              seg.encoding == normalize::Encoding::kReversed ||
                              seg.encoding == normalize::Encoding::kTypoglycemia ||
                              seg.encoding == normalize::Encoding::kRunTogether;
      std::string_view raw = text.substr(seg.start, seg.end - seg.start);
      if (seg.encoding == normalize::Encoding::kRunTogether) {
        // Split into the rules' words, and rescanned only when at least kMinRunTogetherWords of
        // them cover kMinRunTogetherCover of the run's letters (German compounds and sequences
        // do not read as attack words).
        normalize::SplitStats split_stats;
        normalize::SplitRunTogetherWords(raw, e.split_vocabulary_, &decoded, &split_stats);
        if (split_stats.words < kMinRunTogetherWords ||
            static_cast<double>(split_stats.covered) <
                kMinRunTogetherCover * static_cast<double>(split_stats.letters)) {
          continue;
        }
      } else if (!normalize::Decode(seg.encoding, raw, lim.max_encoded_segment, &decoded)) {
        continue;
      }
      // Shuffled words: rescanned only where a word was put back (the hint words also match
      // the plain word).
      if (seg.encoding == normalize::Encoding::kTypoglycemia &&
          !e.typo_vocabulary_.Unscramble(raw, &decoded)) {
        continue;
      }

      if (!normalize::LooksLikeText(decoded)) continue;
      if (seg.encoding == normalize::Encoding::kNato ||
          seg.encoding == normalize::Encoding::kMorse ||
          seg.encoding == normalize::Encoding::kBraille ||
          seg.encoding == normalize::Encoding::kVertical) {
        // garak's NATO probe writes no word gaps: split run-together letters into rule words.
        normalize::SplitRunTogetherWords(decoded, e.split_vocabulary_, &split);
        decoded.swap(split);
      }
      if (decoded.size() > *decode_budget) {
        if (st.ok()) st = Status::LimitExceeded("guard: max_decoded_bytes reached");
        local.push_back(
            LimitDetection(Status::LimitExceeded("max_decoded_bytes reached"), seg.start));
        break;
      }
      *decode_budget -= decoded.size();
      std::vector<Detection> inner;
      // Words written one per line are the words the classifier scored in the plain text (its
      // features fold line breaks into spaces); letters one per line are new to it.
      // Run-together words are the plain text's letters, which it scored already.
      const bool classify_inner =
          (seg.encoding != normalize::Encoding::kVertical || normalize::VerticalLetters(raw)) &&
          seg.encoding != normalize::Encoding::kRunTogether;
      Status is = DetectAt(decoded, 0, depth + 1, decode_budget, &inner, classify_inner);
      if (!is.ok() && st.ok()) st = is;
      std::string enc(normalize::EncodingName(seg.encoding));
      for (Detection& d : inner) {
        if (d.detector == "hidden_text" && d.rule == "hidden.invalid_utf8") continue;
        // A de-obfuscated or reversed line keeps its plain words, and an encoded payload inside
        // it decodes again: a rule that already fired inside the segment, on the plain text or
        // on a payload decoded there, is not reported a second time.
        if (char_level && !indexed) {
          for (size_t i = 0; i < local.size(); ++i) plain_by_start.emplace_back(local[i].start, i);
          std::sort(plain_by_start.begin(), plain_by_start.end());
          indexed = true;
        }
        if (char_level && SameRuleInside(local, plain_by_start, d.rule, seg.start, seg.end))
          continue;
        d.start = seg.start;
        d.end = seg.end;
        d.via = d.via.empty() ? enc : enc + "/" + d.via;
        if (d.detector == "pii" || d.detector == "secrets") d.evidence.clear();
        local.push_back(std::move(d));
      }
    }
  }

  // Thresholds, absolute offsets, grid split for run-like detections, dedupe.
  std::vector<Detection> kept;
  kept.reserve(local.size());
  for (Detection& d : local) {
    const DetectorConfig* cfg = p.ConfigFor(d.detector);
    if (cfg != nullptr && d.score < cfg->threshold) continue;
    d.start += base;
    d.end += base;
    if (IsRunRule(d.rule)) {
      SplitOnGrid(d, lim.span_grid, &kept);
    } else {
      kept.push_back(std::move(d));
    }
  }
  for (Detection& d : kept) {
    if (d.rule == "hidden.unicode_tags" && d.via.empty()) {
      std::string s = normalize::DecodeTagCharacters(
          text.substr(static_cast<size_t>(d.start - base), static_cast<size_t>(d.end - d.start)));
      if (s.size() > 200) s.resize(200);
      d.evidence = "hidden ASCII: " + s;
    }
  }
  std::sort(kept.begin(), kept.end(), DetectionLess);
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  if (kept.size() > lim.max_detections) {
    kept.resize(lim.max_detections);
    Status ls = Status::LimitExceeded("guard: more than " + std::to_string(lim.max_detections) +
                                      " detections");
    kept.push_back(LimitDetection(ls, kept.back().end));
    if (st.ok()) st = ls;
  }
  out->insert(out->end(), std::make_move_iterator(kept.begin()),
              std::make_move_iterator(kept.end()));
  return st;
}

Status GuardScanner::Detect(std::string_view text, std::vector<Detection>* out) {
  size_t budget = engine_->policy_.limits.max_decoded_bytes;
  return DetectAt(text, 0, 0, &budget, out);
}

GuardResult Decide(const GuardPolicy& policy, std::vector<Detection> detections,
                   std::string_view text, Vault* vault) {
  GuardResult r;
  std::sort(detections.begin(), detections.end(), DetectionLess);
  std::vector<Detection> to_redact;
  for (const Detection& d : detections) {
    Action a = policy.ActionFor(d);
    r.actions.push_back(a);
    if (a > r.verdict) r.verdict = a;
    if (a >= Action::kFlag) r.score = std::max(r.score, d.score);
    if (a == Action::kRedact) to_redact.push_back(d);
  }
  r.detections = std::move(detections);
  if (!to_redact.empty()) {
    r.has_redacted = true;
    r.redacted = Redact(text, std::move(to_redact), policy.vault ? vault : nullptr);
  }
  return r;
}

GuardResult GuardScanner::Scan(std::string_view text, Vault* vault) {
  std::vector<Detection> dets;
  Status st = Detect(text, &dets);
  if (!st.ok() && st.code() == StatusCode::kLimitExceeded && dets.empty()) {
    dets.push_back(LimitDetection(st, 0));
  }
  GuardResult r = Decide(engine_->policy_, std::move(dets), text, vault);
  r.status = std::move(st);
  return r;
}

GuardStream::GuardStream(GuardScanner* scanner) : scanner_(scanner) {}

Status GuardStream::Feed(std::string_view chunk, std::vector<Detection>* out) {
  buf_.append(chunk);
  total_ += chunk.size();
  const GuardLimits& lim = scanner_->engine().policy().limits;
  if (total_ - final_ >= lim.stream_holdback + lim.stream_step) return Process(false, out);
  return Status::Ok();
}

Status GuardStream::Finish(std::vector<Detection>* out) { return Process(true, out); }

Status GuardStream::Process(bool finish, std::vector<Detection>* out) {
  const uint64_t h = scanner_->engine().policy().limits.stream_holdback;
  uint64_t f_new = finish ? total_ : total_ - h;
  if (f_new <= final_ && !(finish && total_ == 0)) return Status::Ok();
  uint64_t b = final_ > h ? final_ - h : 0;
  if (b < buf_base_) b = buf_base_;
  std::string_view window(buf_);
  window.remove_prefix(static_cast<size_t>(b - buf_base_));
  std::vector<Detection> dets;
  size_t budget = scanner_->engine().policy().limits.max_decoded_bytes;
  Status st = scanner_->DetectAt(window, b, 0, &budget, &dets);
  for (Detection& d : dets) {
    if (d.end > final_ && d.end <= f_new) out->push_back(std::move(d));
  }
  final_ = f_new;
  uint64_t keep_from = final_ > h ? final_ - h : 0;
  if (keep_from > buf_base_) {
    buf_.erase(0, static_cast<size_t>(keep_from - buf_base_));
    buf_base_ = keep_from;
  }
  return st;
}

}  // namespace aigis::guard
