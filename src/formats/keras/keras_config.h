// Walker over a Keras model config (config.json of a .keras archive, the model_config /
// training_config attributes of a legacy .h5 file, keras_metadata.pb-style JSON). It never runs
// anything: it parses the JSON and visits every value with an explicit stack, collecting facts
// that say what Keras' deserializer would import, call or read:
//   - every object naming a Python symbol (module / class_name / registered_name) and its verdict
//     against the module policy (keras_policy.h);
//   - Lambda layers in the Keras 3 form ({"class_name": "__lambda__", "config": {"code": b64}})
//     and the Keras 2 form ("function": [b64 marshal, ...], "function_type": "lambda"|"function"
//     |"raw" + "module");
//   - TorchModuleWrapper layers, whose base64 torch.save() payload is decoded and returned;
//   - values that are local paths or URLs (StringLookup/IndexLookup/TextVectorization vocabulary,
//     file names), and anything that turns safe mode off.
// Python's json module accepts NaN/Infinity and lone surrogate escapes; nlohmann-json does not,
// so those tokens are neutralised (same length) before parsing. When the JSON still does not
// parse, a raw-text fallback reports the strongest indicators so that a broken file can not hide
// a Lambda.
//
// Thread safety: WalkKerasConfig is reentrant. Ownership: facts own their strings; payloads are
// shared_ptr-owned so they can outlive the facts as scan children.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/keras/keras_limits.h"
#include "formats/keras/keras_policy.h"

namespace aigis::formats::keras {

enum class ModuleVerdict : uint8_t {
  kNoModule,  // Keras 2 style object without "module": resolved only among Keras' own classes
  kAllowed,
  kDenied,
  kUnknown,  // module outside the allow-list: Keras < 3.9 imports it (CVE-2025-1550)
};

// An object naming a Python symbol.
struct KerasObject {
  std::string path;    // "$.config.layers[2].config.function"
  std::string module;  // "" when absent or null
  std::string class_name;
  std::string registered_name;  // "" when absent or null
  std::string qualified;        // module.class_name (function objects: module.<config string>)
  ModuleVerdict verdict = ModuleVerdict::kNoModule;
  const DenyEntry* deny = nullptr;  // set when verdict == kDenied; points into the policy
};

enum class LambdaForm : uint8_t {
  kLambdaLayer,     // class_name "Lambda" (any function, even a named one, runs on load)
  kKeras3Lambda,    // {"class_name": "__lambda__"}: marshalled bytecode
  kKeras2Lambda,    // function_type "lambda": marshalled bytecode in "function"
  kKeras2Function,  // function_type "function": a named function looked up in "module"
};
std::string_view LambdaFormName(LambdaForm form);

struct LambdaFact {
  std::string path;
  LambdaForm form = LambdaForm::kLambdaLayer;
  std::string module;         // Keras 2 "module" next to function_type
  std::string function_name;  // Keras 2 named function
  uint64_t code_bytes = 0;    // decoded size of the marshalled code, 0 if none or undecodable
  std::string code_strings;   // printable strings found in the marshalled code ("os,system")
};

// A TorchModuleWrapper layer (CVE-2025-49655): torch.load(weights_only=False) on its payload.
struct EmbeddedPayload {
  std::string path;
  std::shared_ptr<const std::vector<uint8_t>> bytes;  // null when the field did not decode
  std::string error;                                  // why it did not decode
};

enum class PathKind : uint8_t { kLocalPath, kUrl };

struct PathFact {
  std::string path;   // JSON path of the value
  std::string key;    // the object key holding it ("vocabulary")
  std::string value;  // cut to max_evidence_bytes
  PathKind kind = PathKind::kLocalPath;
};

struct SafeModeFact {
  std::string path;
  std::string evidence;
};

struct KerasConfigFacts {
  std::vector<KerasObject> objects;
  std::vector<LambdaFact> lambdas;
  std::vector<EmbeddedPayload> torch_modules;
  std::vector<PathFact> paths;
  std::vector<SafeModeFact> safe_mode;
  // The outermost object: "Sequential", "Functional", ...
  std::string top_class_name;
  std::string top_module;
  uint64_t layer_count = 0;  // objects inside any "layers" array, nested models included
  uint64_t nodes = 0;        // JSON values visited
  bool parsed = false;       // false: the JSON did not parse; facts come from the raw fallback
  // First malformed/limit error; facts found before it are kept (degrade, don't abort).
  Status status;
};

// Walks `json` (UTF-8 JSON text). Never fails as a whole: errors land in facts.status.
KerasConfigFacts WalkKerasConfig(ByteView json, const KerasLimits& limits,
                                 const ModulePolicy& policy = ModulePolicy::Default());

// Cheap sniff: a JSON object whose first kilobytes mention "class_name" and "config".
bool LooksLikeKerasConfig(ByteView json);

// Lenient base64 like Python's base64.b64decode / binascii.a2b_base64: characters outside the
// alphabet (standard or URL-safe) are skipped, decoding stops at completed padding.
// kMalformed when one lone character is left over (Python refuses that too), kLimitExceeded
// when the output would exceed max_bytes.
Result<std::vector<uint8_t>> DecodeBase64(std::string_view text, uint64_t max_bytes);

// Up to `max_strings` distinct printable strings stored in a Python marshal stream (short and
// long str/ascii objects: names, constants), comma-joined and cut to max_len. For evidence only.
std::string MarshalStrings(ByteView data, size_t max_strings, size_t max_len);

}  // namespace aigis::formats::keras
