#include "formats/keras/keras_config.h"

#include <algorithm>
#include <array>
#include <exception>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "core/checked_math.h"

namespace aigis::formats::keras {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kLambdaClass = "__lambda__";

// ---------------------------------------------------------------------------------------------
// Pre-pass over the raw text: depth and size checks before any DOM is built, and the Python-only
// tokens neutralised in place (same length, so parse offsets still point into the original).

struct Prepared {
  std::string text;
  Status status;
};

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

Prepared Prepare(ByteView json, const KerasLimits& limits) {
  Prepared out;
  out.text.assign(AsStringView(json));
  std::string& s = out.text;
  uint64_t depth = 0;
  uint64_t values = 1;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') {
        // \uD800-\uDFFF: Python keeps lone surrogates, nlohmann rejects them; names never need
        // them, so any surrogate escape becomes U+FFFD.
        if (i + 5 < s.size() && s[i + 1] == 'u' && (s[i + 2] == 'd' || s[i + 2] == 'D') &&
            IsHex(s[i + 3]) && IsHex(s[i + 4]) && IsHex(s[i + 5])) {
          char second = static_cast<char>(s[i + 3] | 0x20);
          if (second == '8' || second == '9' || (second >= 'a' && second <= 'f')) {
            s.replace(i + 2, 4, "FFFD");
          }
        }
        ++i;  // skip the escaped character
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '{':
      case '[':
        if (++depth > limits.max_depth) {
          out.status = Status::LimitExceeded(
              i, "keras config: nesting deeper than " + std::to_string(limits.max_depth));
          return out;
        }
        break;
      case '}':
      case ']':
        if (depth > 0) --depth;
        break;
      case ',':
        if (++values > limits.max_nodes) {
          out.status = Status::LimitExceeded(
              i, "keras config: more than " + std::to_string(limits.max_nodes) + " values");
          return out;
        }
        break;
      case 'N':
        if (s.compare(i, 3, "NaN") == 0) s.replace(i, 3, "0  ");
        break;
      case 'I':
        if (s.compare(i, 8, "Infinity") == 0) s.replace(i, 8, "0       ");
        break;
      case '-':
        if (s.compare(i, 9, "-Infinity") == 0) s.replace(i, 9, "0        ");
        break;
      default:
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Small helpers over the DOM.

const std::string* StringAt(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return nullptr;
  return &it->get_ref<const std::string&>();
}

const Json* At(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

std::string Cut(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  return std::string(s.substr(0, max)) + "...";
}

bool IsIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// "$.config.layers[2]" style paths; odd keys are quoted and non-printables replaced.
std::string ChildPath(const std::string& parent, std::string_view key) {
  std::string p = parent;
  bool plain = !key.empty() && key.size() <= 64 && std::all_of(key.begin(), key.end(), IsIdentChar);
  if (plain) {
    p += '.';
    p += key;
    return p;
  }
  p += "[\"";
  for (char c : key.substr(0, 64)) {
    unsigned char u = static_cast<unsigned char>(c);
    p += (u < 0x20 || u == 0x7f || c == '"' || c == '\\') ? '?' : c;
  }
  if (key.size() > 64) p += "...";
  p += "\"]";
  return p;
}

std::string IndexPath(const std::string& parent, size_t i) {
  return parent + "[" + std::to_string(i) + "]";
}

bool IsVocabularyKey(std::string_view key) {
  static constexpr std::array<std::string_view, 9> kKeys = {
      "vocabulary",  "vocabulary_path", "vocabulary_file", "vocab",         "vocab_file",
      "idf_weights", "merges",          "proto",           "spm_model_file"};
  return std::find(kKeys.begin(), kKeys.end(), key) != kKeys.end();
}

bool LooksLikeUrl(std::string_view v) {
  size_t sep = v.find("://");
  if (sep == std::string_view::npos || sep == 0 || sep > 16) return false;
  for (size_t i = 0; i < sep; ++i) {
    char c = static_cast<char>(v[i] | 0x20);
    bool ok =
        (c >= 'a' && c <= 'z') ||
        (i > 0 && ((v[i] >= '0' && v[i] <= '9') || v[i] == '+' || v[i] == '.' || v[i] == '-'));
    if (!ok) return false;
  }
  return true;
}

bool LooksLikeLocalPath(std::string_view v) {
  if (v.size() >= 2 && v[0] == '/' && (IsIdentChar(v[1]) || v[1] == '.')) return true;
  if (v.size() >= 2 && v[0] == '~' && (v[1] == '/' || IsIdentChar(v[1]))) return true;
  if (v.substr(0, 3) == "../" || v.substr(0, 3) == "..\\") return true;
  if (v.substr(0, 2) == "\\\\") return true;  // UNC
  if (v.size() >= 3 && ((v[0] | 0x20) >= 'a' && (v[0] | 0x20) <= 'z') && v[1] == ':' &&
      (v[2] == '\\' || v[2] == '/')) {
    return true;  // drive letter
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The walker.

class Walker {
 public:
  Walker(const KerasLimits& limits, const ModulePolicy& policy, KerasConfigFacts& facts)
      : limits_(limits), policy_(policy), facts_(facts) {}

  void Run(const Json& root) {
    if (root.is_object()) {
      if (const std::string* c = StringAt(root, "class_name")) facts_.top_class_name = *c;
      if (const std::string* m = StringAt(root, "module")) facts_.top_module = *m;
    }
    struct Frame {
      const Json* node;
      std::string path;
      uint32_t depth;
      bool vocabulary_list;  // elements of an inline vocabulary: tokens, not paths
    };
    std::vector<Frame> stack;
    stack.push_back(Frame{&root, "$", 0, false});
    while (!stack.empty()) {
      Frame f = std::move(stack.back());
      stack.pop_back();
      if (!Count(f.path)) return;
      if (f.depth > limits_.max_depth) {  // the pre-pass already bounds this; belt and braces
        SetStatus(Status::LimitExceeded("keras config: nesting deeper than " +
                                        std::to_string(limits_.max_depth) + " at " + f.path));
        return;
      }
      const Json& node = *f.node;
      if (node.is_object()) {
        bool symbol = VisitObject(node, f.path);
        // Push in reverse so children are visited in document order.
        std::vector<Frame> children;
        for (auto it = node.begin(); it != node.end(); ++it) {
          const std::string& key = it.key();
          const Json& v = *it;
          if (v.is_structured()) {
            if (key == "layers" && v.is_array()) {
              for (const Json& e : v) {
                if (e.is_object()) ++facts_.layer_count;
              }
            }
            children.push_back(Frame{&v, ChildPath(f.path, key), f.depth + 1,
                                     v.is_array() && IsVocabularyKey(key)});
          } else {
            if (!Count(f.path)) return;
            bool symbol_field = symbol && (key == "module" || key == "class_name" ||
                                           key == "registered_name" || key == "config");
            if (v.is_string()) {
              VisitString(v.get_ref<const std::string&>(), key, f.path, false, symbol_field);
            }
          }
        }
        for (auto it = children.rbegin(); it != children.rend(); ++it)
          stack.push_back(std::move(*it));
      } else if (node.is_array()) {
        std::vector<Frame> children;
        size_t i = 0;
        for (const Json& v : node) {
          if (v.is_structured()) {
            children.push_back(Frame{&v, IndexPath(f.path, i), f.depth + 1, false});
          } else {
            if (!Count(f.path)) return;
            if (v.is_string()) {
              VisitString(v.get_ref<const std::string&>(), std::string_view(), IndexPath(f.path, i),
                          f.vocabulary_list, false, /*is_element=*/true);
            }
          }
          ++i;
        }
        for (auto it = children.rbegin(); it != children.rend(); ++it)
          stack.push_back(std::move(*it));
      }
    }
  }

 private:
  bool Count(const std::string& path) {
    if (++facts_.nodes > limits_.max_nodes) {
      SetStatus(Status::LimitExceeded("keras config: more than " +
                                      std::to_string(limits_.max_nodes) + " values at " + path));
      return false;
    }
    return true;
  }

  void SetStatus(Status st) {
    if (facts_.status.ok()) facts_.status = std::move(st);
  }

  template <typename T>
  bool Room(const std::vector<T>& v) {
    if (v.size() < limits_.max_facts) return true;
    SetStatus(Status::LimitExceeded("keras config: more than " + std::to_string(limits_.max_facts) +
                                    " facts of one kind"));
    return false;
  }

  // Object-level semantics. Returns true when the object names a symbol (has class_name).
  bool VisitObject(const Json& obj, const std::string& path) {
    CheckSafeModeKey(obj, path);
    CheckKeras2Function(obj, path, "function_type", "function", "module");
    CheckKeras2Function(obj, path, "output_shape_type", "output_shape", "output_shape_module");

    const std::string* class_name = StringAt(obj, "class_name");
    if (class_name == nullptr) return false;
    const std::string* module = StringAt(obj, "module");
    const std::string* registered = StringAt(obj, "registered_name");
    const Json* config = At(obj, "config");

    KerasObject o;
    o.path = path;
    o.class_name = *class_name;
    if (module != nullptr) o.module = *module;
    if (registered != nullptr) o.registered_name = *registered;
    // Function objects: {"module": "m", "class_name": "function", "config": "fn"} imports m.fn.
    std::string_view symbol = *class_name;
    if (*class_name == "function" && config != nullptr && config->is_string()) {
      symbol = config->get_ref<const std::string&>();
    }
    o.qualified = o.module.empty() ? std::string(symbol) : o.module + "." + std::string(symbol);
    if (!o.module.empty()) {
      o.deny = policy_.MatchDenied(o.qualified);
      if (o.deny == nullptr) o.deny = policy_.MatchDenied(o.module);
      if (o.deny != nullptr) {
        o.verdict = ModuleVerdict::kDenied;
      } else {
        o.verdict =
            policy_.IsAllowedModule(o.module) ? ModuleVerdict::kAllowed : ModuleVerdict::kUnknown;
      }
    }

    if (*class_name == kLambdaClass) {
      AddKeras3Lambda(config, path);
    } else if (*class_name == "Lambda") {
      AddLambdaLayer(config, path);
    } else if (*class_name == "TorchModuleWrapper") {
      AddTorchModule(config, path);
    }

    if (facts_.objects.size() < limits_.max_objects) {
      facts_.objects.push_back(std::move(o));
    } else {
      SetStatus(Status::LimitExceeded("keras config: more than " +
                                      std::to_string(limits_.max_objects) + " objects"));
    }
    return true;
  }

  void CheckSafeModeKey(const Json& obj, const std::string& path) {
    const Json* v = At(obj, "safe_mode");
    if (v == nullptr) return;
    bool off = (v->is_boolean() && !v->get<bool>()) || (v->is_number() && v->get<double>() == 0) ||
               (v->is_string() && (*v == "false" || *v == "False" || *v == "0"));
    if (off && Room(facts_.safe_mode)) {
      facts_.safe_mode.push_back(SafeModeFact{ChildPath(path, "safe_mode"), "safe_mode: false"});
    }
  }

  // Keras 2 Lambda-style fields: {"function": [b64, defaults, closure], "function_type":
  // "lambda"} or {"function": "name", "function_type": "function", "module": "m"}.
  void CheckKeras2Function(const Json& obj, const std::string& path, const char* type_key,
                           const char* value_key, const char* module_key) {
    const std::string* type = StringAt(obj, type_key);
    if (type == nullptr || (*type != "lambda" && *type != "function")) return;
    if (!Room(facts_.lambdas)) return;
    LambdaFact l;
    l.path = ChildPath(path, value_key);
    const Json* value = At(obj, value_key);
    if (const std::string* m = StringAt(obj, module_key)) l.module = *m;
    if (*type == "lambda") {
      l.form = LambdaForm::kKeras2Lambda;
      if (value != nullptr) {
        if (value->is_array() && !value->empty() && (*value)[0].is_string()) {
          DescribeCode((*value)[0].get_ref<const std::string&>(), l);
        } else if (value->is_string()) {
          DescribeCode(value->get_ref<const std::string&>(), l);
        }
      }
    } else {
      l.form = LambdaForm::kKeras2Function;
      if (value != nullptr && value->is_string()) {
        l.function_name = Cut(value->get_ref<const std::string&>(), limits_.max_evidence_bytes);
      }
    }
    facts_.lambdas.push_back(std::move(l));
  }

  void AddKeras3Lambda(const Json* config, const std::string& path) {
    if (!Room(facts_.lambdas)) return;
    LambdaFact l;
    l.path = path;
    l.form = LambdaForm::kKeras3Lambda;
    if (config != nullptr && config->is_object()) {
      // Lambda.get_config writes "code"; serialize_keras_object writes "value": func_dump().
      const Json* code = At(*config, "code");
      if (code == nullptr) code = At(*config, "value");
      if (code != nullptr && code->is_array() && !code->empty()) code = &(*code)[0];
      if (code != nullptr && code->is_string()) {
        DescribeCode(code->get_ref<const std::string&>(), l);
      }
    }
    facts_.lambdas.push_back(std::move(l));
  }

  // The Lambda layer itself; skipped when its function is reported more precisely elsewhere
  // (a nested __lambda__ object, or Keras 2 function_type fields), so one Lambda = one fact.
  void AddLambdaLayer(const Json* config, const std::string& path) {
    if (config != nullptr && config->is_object()) {
      const std::string* type = StringAt(*config, "function_type");
      if (type != nullptr && (*type == "lambda" || *type == "function")) return;
      const Json* fn = At(*config, "function");
      if (fn != nullptr && fn->is_object()) {
        const std::string* c = StringAt(*fn, "class_name");
        if (c != nullptr && *c == kLambdaClass) return;
      }
    }
    if (!Room(facts_.lambdas)) return;
    LambdaFact l;
    l.path = path;
    l.form = LambdaForm::kLambdaLayer;
    if (config != nullptr && config->is_object()) {
      const Json* fn = At(*config, "function");
      if (fn != nullptr && fn->is_object()) {
        if (const std::string* m = StringAt(*fn, "module")) l.module = *m;
        const Json* name = At(*fn, "config");
        if (name != nullptr && name->is_string()) {
          l.function_name = Cut(name->get_ref<const std::string&>(), limits_.max_evidence_bytes);
        }
      } else if (fn != nullptr && fn->is_string()) {
        l.function_name = Cut(fn->get_ref<const std::string&>(), limits_.max_evidence_bytes);
      }
    }
    facts_.lambdas.push_back(std::move(l));
  }

  void DescribeCode(const std::string& b64, LambdaFact& l) {
    Result<std::vector<uint8_t>> code = DecodeBase64(b64, limits_.max_embedded_bytes);
    if (!code.ok()) return;
    l.code_bytes = code->size();
    l.code_strings = MarshalStrings(ByteView(*code), 16, limits_.max_evidence_bytes);
  }

  // TorchModuleWrapper.get_config() stores torch.save(module) as base64 in config["module"];
  // older Keras wrote raw bytes as {"class_name": "__bytes__", "config": {"value": str}}.
  void AddTorchModule(const Json* config, const std::string& path) {
    if (!Room(facts_.torch_modules)) return;
    EmbeddedPayload p;
    p.path = ChildPath(path, "config");
    const Json* field = config != nullptr && config->is_object() ? At(*config, "module") : nullptr;
    if (field == nullptr) {
      p.error = "no config.module field";
    } else if (field->is_string()) {
      p.path = ChildPath(p.path, "module");
      Result<std::vector<uint8_t>> bytes =
          DecodeBase64(field->get_ref<const std::string&>(), limits_.max_embedded_bytes);
      if (bytes.ok()) {
        p.bytes = std::make_shared<const std::vector<uint8_t>>(std::move(bytes).value());
      } else {
        p.error = bytes.error().ToString();
      }
    } else if (field->is_object() && StringAt(*field, "class_name") != nullptr &&
               *StringAt(*field, "class_name") == "__bytes__") {
      p.path = ChildPath(p.path, "module");
      const Json* inner = At(*field, "config");
      const std::string* value =
          inner != nullptr && inner->is_object() ? StringAt(*inner, "value") : nullptr;
      if (value == nullptr) {
        p.error = "__bytes__ object without config.value";
      } else if (value->size() > limits_.max_embedded_bytes) {
        p.error = "embedded module larger than max_embedded_bytes";
      } else {
        p.bytes = std::make_shared<const std::vector<uint8_t>>(value->begin(), value->end());
      }
    } else {
      p.error = "config.module is neither a base64 string nor a __bytes__ object";
    }
    facts_.torch_modules.push_back(std::move(p));
  }

  void VisitString(const std::string& v, std::string_view key, const std::string& parent_path,
                   bool vocabulary_token, bool symbol_field, bool is_element = false) {
    if (symbol_field) return;  // judged through the object's verdict
    auto path = [&] { return is_element ? parent_path : ChildPath(parent_path, key); };
    if (v.find("enable_unsafe_deserialization") != std::string::npos && Room(facts_.safe_mode)) {
      facts_.safe_mode.push_back(SafeModeFact{path(), Cut(v, limits_.max_evidence_bytes)});
    }
    if (vocabulary_token || v.empty()) return;
    PathKind kind;
    if (LooksLikeUrl(v)) {
      kind = PathKind::kUrl;
    } else if (LooksLikeLocalPath(v) || (!is_element && IsVocabularyKey(key) && key != "proto")) {
      // A string-valued vocabulary is always a file Keras opens (tf.io.gfile: CVE-2025-12058).
      kind = PathKind::kLocalPath;
    } else {
      return;
    }
    if (!Room(facts_.paths)) return;
    facts_.paths.push_back(
        PathFact{path(), std::string(key), Cut(v, limits_.max_evidence_bytes), kind});
  }

  const KerasLimits& limits_;
  const ModulePolicy& policy_;
  KerasConfigFacts& facts_;
};

// ---------------------------------------------------------------------------------------------
// Raw fallback when the JSON does not parse: the strongest indicators by substring.

std::string RawPath(size_t offset) { return "(unparsed)@" + std::to_string(offset); }

void RawFallback(std::string_view text, const KerasLimits& limits, const ModulePolicy& policy,
                 KerasConfigFacts& facts) {
  auto each = [&](std::string_view needle, auto fn) {
    size_t n = 0;
    for (size_t pos = text.find(needle); pos != std::string_view::npos && n < limits.max_facts;
         pos = text.find(needle, pos + 1), ++n) {
      fn(pos);
    }
  };
  each("\"__lambda__\"", [&](size_t pos) {
    facts.lambdas.push_back(LambdaFact{RawPath(pos), LambdaForm::kKeras3Lambda, "", "", 0, ""});
  });
  each("\"Lambda\"", [&](size_t pos) {
    facts.lambdas.push_back(LambdaFact{RawPath(pos), LambdaForm::kLambdaLayer, "", "", 0, ""});
  });
  each("\"function_type\"", [&](size_t pos) {
    std::string_view tail = text.substr(pos, 64);
    if (tail.find("\"lambda\"") != std::string_view::npos) {
      facts.lambdas.push_back(LambdaFact{RawPath(pos), LambdaForm::kKeras2Lambda, "", "", 0, ""});
    }
  });
  each("TorchModuleWrapper", [&](size_t pos) {
    facts.torch_modules.push_back(EmbeddedPayload{RawPath(pos), nullptr, "config did not parse"});
  });
  each("enable_unsafe_deserialization", [&](size_t pos) {
    facts.safe_mode.push_back(SafeModeFact{RawPath(pos), "enable_unsafe_deserialization"});
  });
  // "module": "<name>" pairs, judged on the module alone.
  each("\"module\"", [&](size_t pos) {
    size_t i = pos + 8;
    while (i < text.size() && (text[i] == ' ' || text[i] == ':' || text[i] == '\n' ||
                               text[i] == '\t' || text[i] == '\r')) {
      ++i;
    }
    if (i >= text.size() || text[i] != '"') return;
    size_t end = text.find('"', i + 1);
    if (end == std::string_view::npos || end - i > 256) return;
    KerasObject o;
    o.path = RawPath(pos);
    o.module = std::string(text.substr(i + 1, end - i - 1));
    o.qualified = o.module;
    o.deny = policy.MatchDenied(o.module);
    o.verdict = o.deny != nullptr                  ? ModuleVerdict::kDenied
                : policy.IsAllowedModule(o.module) ? ModuleVerdict::kAllowed
                                                   : ModuleVerdict::kUnknown;
    facts.objects.push_back(std::move(o));
  });
}

}  // namespace

std::string_view LambdaFormName(LambdaForm form) {
  switch (form) {
    case LambdaForm::kLambdaLayer:
      return "Lambda layer";
    case LambdaForm::kKeras3Lambda:
      return "__lambda__ (Keras 3 marshalled bytecode)";
    case LambdaForm::kKeras2Lambda:
      return "function_type lambda (Keras 2 marshalled bytecode)";
    case LambdaForm::kKeras2Function:
      return "function_type function (Keras 2 named function)";
  }
  return "?";
}

KerasConfigFacts WalkKerasConfig(ByteView json, const KerasLimits& limits,
                                 const ModulePolicy& policy) {
  KerasConfigFacts facts;
  if (json.size() > limits.max_config_bytes) {
    facts.status = Status::LimitExceeded(0, "keras config: " + std::to_string(json.size()) +
                                                " bytes > max_config_bytes " +
                                                std::to_string(limits.max_config_bytes));
    return facts;
  }
  Prepared prepared = Prepare(json, limits);
  if (!prepared.status.ok()) {
    facts.status = std::move(prepared.status);
    RawFallback(AsStringView(json), limits, policy, facts);
    return facts;
  }
  Json root;
  try {
    root = Json::parse(prepared.text);
  } catch (const Json::parse_error& e) {
    facts.status = Status::Malformed(e.byte > 0 ? e.byte - 1 : 0,
                                     std::string("keras config: invalid JSON: ") + e.what());
  } catch (const std::exception& e) {
    facts.status = Status::Malformed(std::string("keras config: invalid JSON: ") + e.what());
  }
  if (!facts.status.ok()) {
    RawFallback(AsStringView(json), limits, policy, facts);
    return facts;
  }
  facts.parsed = true;
  Walker(limits, policy, facts).Run(root);
  return facts;
}

bool LooksLikeKerasConfig(ByteView json) {
  std::string_view s = AsStringView(json.subspan(0, std::min<size_t>(json.size(), 64 * 1024)));
  size_t i = 0;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // BOM
  while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
  if (i >= s.size() || s[i] != '{') return false;
  return s.find("\"class_name\"") != std::string_view::npos &&
         s.find("\"config\"") != std::string_view::npos;
}

Result<std::vector<uint8_t>> DecodeBase64(std::string_view text, uint64_t max_bytes) {
  std::vector<uint8_t> out;
  // 3 bytes per 4 characters at most; reserve what the limit allows.
  out.reserve(static_cast<size_t>(std::min<uint64_t>(text.size() / 4 * 3 + 3, max_bytes)));
  uint32_t acc = 0;
  int quad = 0;
  int pads = 0;
  for (char ch : text) {
    int v;
    if (ch >= 'A' && ch <= 'Z') {
      v = ch - 'A';
    } else if (ch >= 'a' && ch <= 'z') {
      v = ch - 'a' + 26;
    } else if (ch >= '0' && ch <= '9') {
      v = ch - '0' + 52;
    } else if (ch == '+' || ch == '-') {
      v = 62;
    } else if (ch == '/' || ch == '_') {
      v = 63;
    } else if (ch == '=') {
      // binascii.a2b_base64: a completed pad sequence ends the data.
      if (quad >= 2 && quad + ++pads >= 4) break;
      continue;
    } else {
      continue;  // Python discards characters outside the alphabet
    }
    pads = 0;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    if (++quad == 4) {
      if (out.size() + 3 > max_bytes) {
        return Status::LimitExceeded("base64: decoded payload larger than " +
                                     std::to_string(max_bytes) + " bytes");
      }
      out.push_back(static_cast<uint8_t>(acc >> 16));
      out.push_back(static_cast<uint8_t>(acc >> 8));
      out.push_back(static_cast<uint8_t>(acc));
      acc = 0;
      quad = 0;
    }
  }
  if (quad == 1) return Status::Malformed("base64: one character left over");
  if (quad >= 2) {
    if (out.size() + static_cast<size_t>(quad - 1) > max_bytes) {
      return Status::LimitExceeded("base64: decoded payload larger than " +
                                   std::to_string(max_bytes) + " bytes");
    }
    acc <<= 6 * (4 - quad);
    out.push_back(static_cast<uint8_t>(acc >> 16));
    if (quad == 3) out.push_back(static_cast<uint8_t>(acc >> 8));
  }
  return out;
}

std::string MarshalStrings(ByteView data, size_t max_strings, size_t max_len) {
  std::vector<std::string> found;
  std::set<std::string> seen;
  auto printable = [](ByteView b) {
    return std::all_of(b.begin(), b.end(), [](uint8_t c) { return c >= 0x20 && c < 0x7f; });
  };
  size_t i = 0;
  while (i + 1 < data.size() && found.size() < max_strings) {
    uint8_t type = data[i] & 0x7f;  // 0x80 is marshal's FLAG_REF
    uint64_t len = 0;
    size_t header = 0;
    if (type == 'z' || type == 'Z') {  // short ascii: 1-byte length
      len = data[i + 1];
      header = 2;
    } else if ((type == 'a' || type == 'A' || type == 'u' || type == 't') && i + 5 <= data.size()) {
      len = LoadU32Le(data, i + 1);
      header = 5;
    }
    if (header != 0 && len >= 2 && len <= 256 && RangeFits(i + header, len, data.size())) {
      ByteView s = data.subspan(i + header, static_cast<size_t>(len));
      if (printable(s)) {
        std::string str(AsStringView(s));
        if (seen.insert(str).second) found.push_back(std::move(str));
        i += header + static_cast<size_t>(len);
        continue;
      }
    }
    ++i;
  }
  std::string out;
  for (const std::string& s : found) {
    if (!out.empty()) out += ',';
    out += s;
  }
  return Cut(out, max_len);
}

}  // namespace aigis::formats::keras
