#include "guard/rules.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "guard/normalize/normalizer.h"

namespace aigis::guard {
namespace {

// Rules on the folded text may spell non-ASCII words as they are typed ("Игнорируй", "무시해"):
// each run of non-ASCII characters is folded like the text (Cyrillic look-alikes to Latin, marks
// stripped, Hangul to jamo), so authors need not write the folded form by hand. ASCII is left
// alone (it is already caseless, and "\S" must not become "\s"). A fold that yields ASCII
// punctuation ("｜" -> "|") is escaped so it stays a literal. Patterns are matched as bytes, so a
// quantifier after a non-ASCII character would apply to its last byte: the character is grouped
// ("و?" -> "(?:و)?"). Inside [...] a non-ASCII character is a set of bytes; avoid it there.
std::string FoldPatternText(std::string_view p) {
  std::string out;
  bool in_class = false;
  size_t i = 0;
  while (i < p.size()) {
    unsigned char b = static_cast<unsigned char>(p[i]);
    if (b < 0x80) {
      if (p[i] == '\\' && i + 1 < p.size()) {
        out.append(p.substr(i, 2));
        i += 2;
        continue;
      }
      if (p[i] == '[') in_class = true;
      if (p[i] == ']') in_class = false;
      out.push_back(p[i++]);
      continue;
    }
    size_t j = i;
    while (j < p.size() && static_cast<unsigned char>(p[j]) >= 0x80) ++j;
    std::string folded;
    size_t last = 0;  // start of the last folded code point
    for (char c : normalize::FoldForMatching(p.substr(i, j - i))) {
      unsigned char u = static_cast<unsigned char>(c);
      if ((u & 0xC0) != 0x80) last = folded.size();
      if (u < 0x80 && std::ispunct(u)) folded.push_back('\\');
      folded.push_back(c);
    }
    bool quantified = j < p.size() && (p[j] == '?' || p[j] == '*' || p[j] == '+' || p[j] == '{');
    if (quantified && !in_class && folded.size() - last > 1) {
      out.append(folded, 0, last);
      out.append("(?:").append(folded, last, std::string::npos).append(")");
    } else {
      out.append(folded);
    }
    i = j;
  }
  return out;
}

Result<std::string> ExpandMacros(const std::string& pattern,
                                 const std::map<std::string, std::string>& macros,
                                 const std::string& where) {
  std::string out;
  size_t i = 0;
  int expansions = 0;
  while (i < pattern.size()) {
    size_t open = pattern.find("{{", i);
    if (open == std::string::npos) {
      out.append(pattern, i, std::string::npos);
      break;
    }
    size_t close = pattern.find("}}", open + 2);
    if (close == std::string::npos) return Status::InvalidArgument(where + ": unclosed {{");
    out.append(pattern, i, open - i);
    std::string name = pattern.substr(open + 2, close - open - 2);
    auto it = macros.find(name);
    if (it == macros.end()) return Status::InvalidArgument(where + ": unknown macro " + name);
    if (++expansions > 64) return Status::InvalidArgument(where + ": too many macros");
    out += it->second;
    i = close + 2;
  }
  return out;
}

Status ParseRuleNode(const YAML::Node& n, const Rule& defaults,
                     const std::map<std::string, std::string>& macros, const std::string& where,
                     Rule* r) {
  static const std::set<std::string> kKeys = {
      "id",       "category",  "score",    "pattern",   "caseless", "validate",      "capture",
      "entity",   "direction", "kind",     "lang",      "source",   "shadow",        "gate",
      "detector", "target",    "examples", "negatives", "note",     "gate_literals", "isolate"};
  if (!n.IsMap()) return Status::InvalidArgument(where + ": rule is not a map");
  *r = defaults;
  for (const auto& kv : n) {
    std::string key = kv.first.as<std::string>();
    if (!kKeys.count(key)) return Status::InvalidArgument(where + ": unknown key '" + key + "'");
  }
  if (!n["id"] || !n["pattern"])
    return Status::InvalidArgument(where + ": rule needs id and pattern");
  r->id = n["id"].as<std::string>();
  std::string w = where + " rule " + r->id;
  if (n["detector"]) r->detector = n["detector"].as<std::string>();
  if (n["category"]) r->category = n["category"].as<std::string>();
  if (n["score"]) r->score = n["score"].as<double>();
  if (r->score < 0 || r->score > 1) return Status::InvalidArgument(w + ": score outside [0,1]");
  if (n["caseless"]) r->caseless = n["caseless"].as<bool>();
  if (n["validate"]) r->validator = n["validate"].as<std::string>();
  if (n["capture"]) r->capture = n["capture"].as<std::string>();
  if (n["entity"]) r->entity = n["entity"].as<std::string>();
  if (n["shadow"]) r->shadow = n["shadow"].as<bool>();
  if (n["gate"]) {
    std::string g = n["gate"].as<std::string>();
    if (g == "digit") {
      r->needs_digit = true;
    } else if (g == "literal") {
      r->literal_gate = true;
    } else {
      return Status::InvalidArgument(w + ": bad gate '" + g + "'");
    }
  }
  if (n["gate_literals"]) {
    if (!n["gate_literals"].IsSequence() || n["gate_literals"].size() == 0)
      return Status::InvalidArgument(w + ": gate_literals is not a non-empty list");
    for (const auto& g : n["gate_literals"]) {
      r->gate_literals.push_back(g.as<std::string>());
      if (r->gate_literals.back().empty())
        return Status::InvalidArgument(w + ": empty gate literal");
    }
    if (r->needs_digit) return Status::InvalidArgument(w + ": gate_literals with gate: digit");
    r->literal_gate = true;
  }
  if (n["isolate"]) r->isolate = n["isolate"].as<bool>();
  if (n["lang"]) r->lang = n["lang"].as<std::string>();
  if (n["target"]) {
    std::string t = n["target"].as<std::string>();
    if (t == "normalized")
      r->target = RuleTarget::kNormalized;
    else if (t == "raw")
      r->target = RuleTarget::kRaw;
    else
      return Status::InvalidArgument(w + ": bad target '" + t + "'");
  }
  if (n["direction"]) {
    std::string d = n["direction"].as<std::string>();
    if (d == "any")
      r->direction = Direction::kAny;
    else if (d == "input")
      r->direction = Direction::kInput;
    else if (d == "output")
      r->direction = Direction::kOutput;
    else
      return Status::InvalidArgument(w + ": bad direction '" + d + "'");
  }
  if (n["source"]) {
    std::string src = n["source"].as<std::string>();
    if (src == "any")
      r->source = Source::kAny;
    else if (src == "document")
      r->source = Source::kDocument;
    else
      return Status::InvalidArgument(w + ": bad source '" + src + "'");
  }
  if (n["kind"]) {
    std::string k = n["kind"].as<std::string>();
    if (k == "detect")
      r->kind = RuleKind::kDetect;
    else if (k == "rot13_hint")
      r->kind = RuleKind::kRot13Hint;
    else if (k == "reverse_hint")
      r->kind = RuleKind::kReverseHint;
    else if (k == "cipher_hint")
      r->kind = RuleKind::kCipherHint;
    else if (k == "cipher_block_hint")
      r->kind = RuleKind::kCipherBlockHint;
    else if (k == "typo_hint")
      r->kind = RuleKind::kTypoHint;
    else
      return Status::InvalidArgument(w + ": bad kind '" + k + "'");
  }
  if (r->target == RuleTarget::kNormalized) r->caseless = true;
  AIGIS_ASSIGN_OR_RETURN(r->pattern, ExpandMacros(n["pattern"].as<std::string>(), macros, w));
  if (r->target == RuleTarget::kNormalized) {
    r->pattern = FoldPatternText(r->pattern);
    for (std::string& g : r->gate_literals) g = normalize::FoldForMatching(g);
  }
  if (r->category.empty() || r->detector.empty()) {
    return Status::InvalidArgument(w + ": needs a category and a detector");
  }
  return Status::Ok();
}

}  // namespace

PatternSpec ToPatternSpec(const Rule& r) {
  return PatternSpec{r.id, r.pattern, r.caseless, r.literal_gate, r.gate_literals, r.isolate};
}

Result<std::vector<Rule>> ParseRules(std::string_view yaml_text, std::string_view source) {
  std::string where(source);
  try {
    YAML::Node root = YAML::Load(std::string(yaml_text));
    if (!root.IsMap()) return Status::InvalidArgument(where + ": top level is not a map");
    Rule defaults;
    if (root["detector"]) defaults.detector = root["detector"].as<std::string>();
    if (root["category"]) defaults.category = root["category"].as<std::string>();
    if (root["target"]) {
      std::string t = root["target"].as<std::string>();
      if (t == "raw")
        defaults.target = RuleTarget::kRaw;
      else if (t != "normalized")
        return Status::InvalidArgument(where + ": bad target " + t);
    }
    if (root["caseless"]) defaults.caseless = root["caseless"].as<bool>();
    if (root["direction"]) {
      std::string d = root["direction"].as<std::string>();
      defaults.direction = d == "output"  ? Direction::kOutput
                           : d == "input" ? Direction::kInput
                                          : Direction::kAny;
    }
    std::map<std::string, std::string> macros;
    if (root["macros"]) {
      if (!root["macros"].IsMap()) return Status::InvalidArgument(where + ": macros is not a map");
      // Macros may use earlier macros (in file order).
      for (const auto& kv : root["macros"]) {
        std::string name = kv.first.as<std::string>();
        AIGIS_ASSIGN_OR_RETURN(std::string v, ExpandMacros(kv.second.as<std::string>(), macros,
                                                           where + " macro " + name));
        macros[name] = "(?:" + v + ")";
      }
    }
    std::vector<Rule> rules;
    const YAML::Node list = root["rules"];
    if (!list || !list.IsSequence()) return Status::InvalidArgument(where + ": no rules list");
    std::set<std::string> seen;
    for (size_t i = 0; i < list.size(); ++i) {
      Rule r;
      AIGIS_RETURN_IF_ERROR(ParseRuleNode(list[i], defaults, macros,
                                          where + ": rules[" + std::to_string(i) + "]", &r));
      if (!seen.insert(r.id).second) {
        return Status::InvalidArgument(where + ": duplicate rule id " + r.id);
      }
      rules.push_back(std::move(r));
    }
    return rules;
  } catch (const std::exception& e) {
    return Status::InvalidArgument(where + ": " + e.what());
  }
}

Result<std::vector<Rule>> LoadRules(const std::string& dir) {
  std::vector<Rule> all;
  if (dir.empty()) {
    for (const EmbeddedRules& f : BuiltinRules()) {
      AIGIS_ASSIGN_OR_RETURN(std::vector<Rule> r, ParseRules(f.text, f.name));
      all.insert(all.end(), r.begin(), r.end());
    }
    return all;
  }
  std::error_code ec;
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  }
  if (ec) return Status::IOError("guard: cannot list rules dir " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return Status::IOError("guard: cannot read " + f);
    std::stringstream ss;
    ss << in.rdbuf();
    AIGIS_ASSIGN_OR_RETURN(std::vector<Rule> r, ParseRules(ss.str(), f));
    all.insert(all.end(), r.begin(), r.end());
  }
  return all;
}

}  // namespace aigis::guard
