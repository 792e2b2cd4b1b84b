#include "report/cyclonedx.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

namespace aigis::report {

namespace {

using nlohmann::json;

// FNV-1a 64 over the inputs, twice with different seeds: a stable, content-derived serial number.
uint64_t Fnv(std::string_view s, uint64_t h) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::string SerialFor(const std::string& seed) {
  uint64_t a = Fnv(seed, 0xcbf29ce484222325ull), b = Fnv(seed, 0x84222325cbf29ce4ull);
  char buf[64];
  // RFC 9562 version 8 (custom) UUID layout.
  std::snprintf(buf, sizeof buf, "urn:uuid:%08x-%04x-8%03x-%04x-%012llx",
                static_cast<unsigned>(a >> 32), static_cast<unsigned>((a >> 16) & 0xffff),
                static_cast<unsigned>(a & 0xfff),
                static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                static_cast<unsigned long long>(b & 0xffffffffffffull));
  return buf;
}

std::string Prop(const FileReport& f, const std::string& key) {
  auto it = f.properties.find(key);
  return it == f.properties.end() ? std::string() : it->second;
}

}  // namespace

bool IsModelFormat(const std::string& format) {
  static const std::set<std::string> kModels = {"pickle",
                                                "pytorch-zip",
                                                "pytorch-legacy",
                                                "pytorch-legacy-tar",
                                                "torchscript",
                                                "numpy",
                                                "numpy-npz",
                                                "safetensors",
                                                "gguf",
                                                "onnx",
                                                "keras",
                                                "keras-h5",
                                                "hdf5",
                                                "tensorflow-savedmodel",
                                                "tensorflow-graphdef",
                                                "joblib"};
  return kModels.count(format) > 0;
}

void WriteCycloneDx(const ScanReport& r, const BomOptions& o, std::ostream& out) {
  json components = json::array();
  std::map<std::string, json> datasets;  // bom-ref -> component
  std::string seed;
  for (const auto& f : r.files) {
    // Models, and anything flagged: a malicious archive must not vanish from the inventory.
    bool model = IsModelFormat(f.format);
    if (!model && f.verdict != Verdict::kSuspicious && f.verdict != Verdict::kMalicious) continue;
    seed += f.path + "\x1f" + f.sha256 + "\x1e";
    std::string dir = std::filesystem::path(f.path).parent_path().string();
    const ModelCardInfo* card = nullptr;
    if (auto it = o.cards.find(dir); it != o.cards.end()) card = &it->second;

    std::string name = Prop(f, "name");
    if (name.empty()) name = std::filesystem::path(f.path).filename().string();
    json c = {{"type", model ? "machine-learning-model" : "file"},
              {"bom-ref", (model ? "model:" : "file:") + f.path},
              {"name", name}};
    if (!f.sha256.empty()) c["hashes"] = json::array({{{"alg", "SHA-256"}, {"content", f.sha256}}});
    std::string license = Prop(f, "license");
    if (license.empty() && card) license = card->license;
    if (!license.empty()) c["licenses"] = json::array({{{"license", {{"name", license}}}}});

    json props = json::array();
    auto add = [&props](const std::string& k, const std::string& v) {
      if (!v.empty()) props.push_back({{"name", k}, {"value", v}});
    };
    add("aigis:path", f.path);
    add("aigis:format", f.format);
    add("aigis:verdict", std::string(VerdictName(f.verdict)));
    size_t at_or_above = 0;
    for (const auto& x : f.findings) at_or_above += x.severity >= Severity::kSuspicious;
    add("aigis:findings", std::to_string(at_or_above));
    for (const auto& [k, v] : f.properties) add("aigis:" + k, v);
    c["properties"] = props;

    json params = json::object();
    std::string arch = Prop(f, "architecture");
    if (arch.empty() && card) arch = card->architecture;
    if (!arch.empty()) {
      params["modelArchitecture"] = arch;
      params["architectureFamily"] = arch;
    }
    if (card && !card->pipeline_tag.empty()) params["task"] = card->pipeline_tag;
    if (card && !card->datasets.empty()) {
      json refs = json::array();
      for (const auto& d : card->datasets) {
        std::string ref = "dataset:" + d;
        refs.push_back({{"ref", ref}});
        datasets.emplace(ref, json{{"type", "data"},
                                   {"bom-ref", ref},
                                   {"name", d},
                                   {"data", json::array({{{"type", "dataset"}, {"name", d}}})}});
      }
      params["datasets"] = refs;
    }
    json card_props = json::array();
    if (card && !card->base_model.empty())
      card_props.push_back({{"name", "base_model"}, {"value", card->base_model}});
    std::string parameters = Prop(f, "parameters");
    if (!parameters.empty()) card_props.push_back({{"name", "parameters"}, {"value", parameters}});
    std::string dtypes = Prop(f, "dtypes");
    if (!dtypes.empty()) card_props.push_back({{"name", "dtypes"}, {"value", dtypes}});
    json model_card = json::object();
    if (!params.empty()) model_card["modelParameters"] = params;
    if (!card_props.empty()) model_card["properties"] = card_props;
    if (!model_card.empty()) c["modelCard"] = model_card;
    components.push_back(std::move(c));
  }
  for (auto& [ref, d] : datasets) components.push_back(d);

  json metadata = {{"tools",
                    {{"components", json::array({{{"type", "application"},
                                                  {"name", "aigis"},
                                                  {"version", o.tool_version}}})}}}};
  if (!o.timestamp.empty()) metadata["timestamp"] = o.timestamp;
  if (!o.subject.empty())
    metadata["component"] = {{"type", "application"}, {"name", o.subject}, {"bom-ref", "subject"}};
  json doc = {{"$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json"},
              {"bomFormat", "CycloneDX"},
              {"specVersion", "1.6"},
              {"serialNumber", SerialFor(seed)},
              {"version", 1},
              {"metadata", metadata},
              {"components", components}};
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace aigis::report
