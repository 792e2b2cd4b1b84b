#include "guard/policy.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "guard/pattern_set.h"

namespace aigis::guard {
namespace {

Status ParseDetector(const YAML::Node& n, const std::string& name, DetectorConfig* c,
                     std::string* model) {
  if (n.IsScalar()) {
    c->enabled = n.as<bool>();
    return Status::Ok();
  }
  if (!n.IsMap()) return Status::InvalidArgument("guard.detectors." + name + ": not a map");
  for (const auto& kv : n) {
    std::string k = kv.first.as<std::string>();
    if (k == "enabled") {
      c->enabled = kv.second.as<bool>();
    } else if (k == "threshold" || k == "flag_below") {
      double& v = k == "threshold" ? c->threshold : c->flag_below;
      v = kv.second.as<double>();
      if (!(v >= 0 && v <= 1)) {  // NaN too
        return Status::InvalidArgument("guard.detectors." + name + "." + k + ": outside [0,1]");
      }
    } else if (k == "model" && name == "classifier") {
      *model = kv.second.as<std::string>();
    } else {
      return Status::InvalidArgument("guard.detectors." + name + ": unknown key '" + k + "'");
    }
  }
  if (c->flag_below != 0 && c->flag_below <= c->threshold) {
    return Status::InvalidArgument("guard.detectors." + name +
                                   ".flag_below: must be above the threshold");
  }
  return Status::Ok();
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("guard: cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Status ParseInto(const YAML::Node& guard, const std::string& base_dir, GuardPolicy* p) {
  if (!guard.IsMap()) return Status::InvalidArgument("guard: policy is not a map");
  for (const auto& kv : guard) {
    std::string k = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    if (k == "direction") {
      std::string d = v.as<std::string>();
      if (d == "input")
        p->direction = Direction::kInput;
      else if (d == "output")
        p->direction = Direction::kOutput;
      else
        return Status::InvalidArgument("guard.direction: '" + d + "' is not input|output");
    } else if (k == "source") {
      std::string d = v.as<std::string>();
      if (d == "user")
        p->source = Source::kUser;
      else if (d == "document")
        p->source = Source::kDocument;
      else
        return Status::InvalidArgument("guard.source: '" + d + "' is not user|document");
    } else if (k == "detectors") {
      if (!v.IsMap()) return Status::InvalidArgument("guard.detectors: not a map");
      for (const auto& d : v) {
        std::string name = d.first.as<std::string>();
        DetectorConfig* c = p->MutableConfigFor(name);
        if (c == nullptr)
          return Status::InvalidArgument("guard.detectors: unknown detector '" + name + "'");
        AIGIS_RETURN_IF_ERROR(ParseDetector(d.second, name, c, &p->classifier_model));
        if (!p->classifier_model.empty() && !base_dir.empty() &&
            std::filesystem::path(p->classifier_model).is_relative()) {
          p->classifier_model = (std::filesystem::path(base_dir) / p->classifier_model).string();
        }
      }
    } else if (k == "actions") {
      if (!v.IsMap()) return Status::InvalidArgument("guard.actions: not a map");
      for (const auto& a : v) {
        std::string cat = a.first.as<std::string>();
        std::string act = a.second.as<std::string>();
        std::optional<Action> parsed = ParseAction(act);
        if (!parsed) {
          return Status::InvalidArgument("guard.actions." + cat + ": '" + act +
                                         "' is not allow|flag|redact|block");
        }
        if (cat == "default")
          p->default_action = *parsed;
        else
          p->actions[cat] = *parsed;
      }
    } else if (k == "disabled_rules") {
      for (const auto& r : v) p->disabled_rules.insert(r.as<std::string>());
    } else if (k == "allowed_hosts") {
      for (const auto& r : v) p->allowed_hosts.push_back(r.as<std::string>());
    } else if (k == "canaries") {
      for (const auto& r : v) p->canaries.push_back(r.as<std::string>());
    } else if (k == "system_prompt") {
      p->system_prompt = v.as<std::string>();
    } else if (k == "system_prompt_file") {
      std::filesystem::path f = v.as<std::string>();
      if (f.is_relative() && !base_dir.empty()) f = std::filesystem::path(base_dir) / f;
      AIGIS_ASSIGN_OR_RETURN(p->system_prompt, ReadFile(f.string()));
    } else if (k == "leakage") {
      for (const auto& l : v) {
        std::string lk = l.first.as<std::string>();
        if (lk == "shingle_words")
          p->leakage_shingle_words = l.second.as<int>();
        else if (lk == "min_words")
          p->leakage_min_words = l.second.as<int>();
        else
          return Status::InvalidArgument("guard.leakage: unknown key '" + lk + "'");
      }
      if (p->leakage_shingle_words < 3 || p->leakage_shingle_words > 32 ||
          p->leakage_min_words < p->leakage_shingle_words || p->leakage_min_words > 64) {
        return Status::InvalidArgument(
            "guard.leakage: need 3 <= shingle_words <= 32 and shingle_words <= min_words <= 64");
      }
    } else if (k == "rules_dir") {
      std::filesystem::path f = v.as<std::string>();
      if (f.is_relative() && !base_dir.empty()) f = std::filesystem::path(base_dir) / f;
      p->rules_dir = f.string();
    } else if (k == "cache_dir") {
      p->cache_dir = v.as<std::string>();
    } else if (k == "vault") {
      p->vault = v.as<bool>();
    } else if (k == "limits") {
      for (const auto& l : v) {
        std::string lk = l.first.as<std::string>();
        if (lk == "max_input_bytes")
          p->limits.max_input_bytes = l.second.as<uint64_t>();
        else if (lk == "max_decode_depth")
          p->limits.max_decode_depth = l.second.as<int>();
        else if (lk == "max_decoded_bytes")
          p->limits.max_decoded_bytes = l.second.as<size_t>();
        else if (lk == "max_detections")
          p->limits.max_detections = l.second.as<size_t>();
        else if (lk == "max_encoded_segment")
          p->limits.max_encoded_segment = l.second.as<size_t>();
        else if (lk == "span_grid")
          p->limits.span_grid = l.second.as<uint64_t>();
        else if (lk == "max_pattern_width")
          p->limits.max_pattern_width = l.second.as<uint32_t>();
        else if (lk == "stream_holdback")
          p->limits.stream_holdback = l.second.as<size_t>();
        else if (lk == "stream_step")
          p->limits.stream_step = l.second.as<size_t>();
        else
          return Status::InvalidArgument("guard.limits: unknown key '" + lk + "'");
      }
      AIGIS_RETURN_IF_ERROR(p->limits.Validate());
    } else {
      return Status::InvalidArgument("guard: unknown key '" + k + "'");
    }
  }
  return Status::Ok();
}

}  // namespace

Status GuardLimits::Validate() const {
  auto bad = [](const char* key, const std::string& why) {
    return Status::InvalidArgument(std::string("guard.limits.") + key + ": " + why);
  };
  if (max_decode_depth < 0 || max_decode_depth > 4) return bad("max_decode_depth", "must be 0..4");
  if (max_encoded_segment < 64 || max_encoded_segment > (1u << 20)) {
    return bad("max_encoded_segment", "must be 64..1048576");
  }
  if (span_grid < 64) return bad("span_grid", "must be at least 64");
  if (max_pattern_width < 64) return bad("max_pattern_width", "must be at least 64");
  // Streaming reports exactly what a whole-text scan reports only if a window's context covers
  // the longest detection on both sides of the emission point.
  const uint64_t need =
      2 * std::max<uint64_t>({max_encoded_segment, span_grid, uint64_t{max_pattern_width}});
  if (stream_holdback < need) {
    return bad("stream_holdback", "must be at least " + std::to_string(need) +
                                      " (twice the largest of max_encoded_segment, span_grid "
                                      "and max_pattern_width)");
  }
  if (stream_step < 64 || stream_step > stream_holdback) {
    return bad("stream_step", "must be 64..stream_holdback");
  }
  return Status::Ok();
}

GuardPolicy GuardPolicy::Defaults() {
  GuardPolicy p;
  for (const char* c : {"instruction-override", "roleplay-jailbreak", "system-prompt-extraction",
                        "delimiter-injection", "tool-hijack", "prompt-injection", "ascii-smuggling",
                        "exfiltration", "canary-leak", "prompt-leak", "adversarial-suffix"}) {
    p.actions[c] = Action::kBlock;
  }
  p.actions["secret"] = Action::kRedact;
  p.actions["pii"] = Action::kRedact;
  p.default_action = Action::kFlag;
  p.cache_dir = PatternSet::DefaultCacheDir();
  return p;
}

Action GuardPolicy::ActionFor(const Detection& d) const {
  Action a = default_action;
  if (auto it = actions.find(d.category); it != actions.end()) {
    a = it->second;
  } else if (auto it2 = actions.find(d.detector); it2 != actions.end()) {
    a = it2->second;
  }
  const DetectorConfig* c = ConfigFor(d.detector);
  if (c != nullptr && d.score < c->flag_below && a > Action::kFlag) a = Action::kFlag;
  return a;
}

const DetectorConfig* GuardPolicy::ConfigFor(const std::string& detector) const {
  return const_cast<GuardPolicy*>(this)->MutableConfigFor(detector);
}

DetectorConfig* GuardPolicy::MutableConfigFor(const std::string& detector) {
  if (detector == "injection") return &injection;
  if (detector == "pii") return &pii;
  if (detector == "secrets") return &secrets;
  if (detector == "hidden_text") return &hidden_text;
  if (detector == "output") return &output;
  if (detector == "decoders") return &decoders;
  if (detector == "classifier") return &classifier;
  if (detector == "adversarial_suffix") return &adversarial_suffix;
  return nullptr;
}

Result<GuardPolicy> ParseGuardPolicy(const YAML::Node& guard) {
  GuardPolicy p = GuardPolicy::Defaults();
  try {
    AIGIS_RETURN_IF_ERROR(ParseInto(guard, "", &p));
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("guard policy: ") + e.what());
  }
  return p;
}

Result<GuardPolicy> LoadGuardPolicyFile(const std::string& path) {
  AIGIS_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  GuardPolicy p = GuardPolicy::Defaults();
  try {
    YAML::Node root = YAML::Load(text);
    if (!root || root.IsNull()) return p;
    if (!root.IsMap()) return Status::InvalidArgument(path + ": top level is not a map");
    YAML::Node g = root["guard"];
    if (!g) return p;
    std::string dir = std::filesystem::path(path).parent_path().string();
    AIGIS_RETURN_IF_ERROR(ParseInto(g, dir, &p));
  } catch (const std::exception& e) {
    return Status::InvalidArgument(path + ": " + e.what());
  }
  return p;
}

}  // namespace aigis::guard
