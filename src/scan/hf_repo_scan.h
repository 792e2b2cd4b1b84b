// Scan adapters for model repositories as downloaded from a hub (Hugging Face layout):
//  - HF JSON configs (config.json, tokenizer_config.json, ...): auto_map / custom_pipelines remote
//    code, cross-repository references, chat_template (string or [{name, template}]).
//  - Python files in the repo (trust_remote_code): presence + a quick scan for dangerous calls.
//  - Git LFS pointer files standing where weights should be (the weights were not analysed).
//  - Files whose extension names a code-free format while the content is pickle/zip.
// Thread safety: stateless; AnalyzeHfRepository reads the directory and nothing else.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "scan/analyzer.h"

namespace aigis::scan {

// AnalyzerFn for config.json / tokenizer_config.json / generation_config.json / ... Rules:
// hf.remote-code (suspicious), hf.remote-code.cross-repo (malicious), hf.custom-pipeline
// (suspicious), hf.trust-remote-code (suspicious), hf.json.* (suspicious), template.* via
// AnalyzeChatTemplate. Properties: architecture, model_type, torch_dtype.
void AnalyzeHfJson(ByteView data, AnalysisContext& ctx);

// AnalyzerFn for a .py file shipped with a model. Rules: hf.remote-code.python (suspicious),
// hf.remote-code.dangerous-python (malicious: exec/eval/os.system/subprocess/socket/decode+exec;
// suspicious: network clients, base64 decoding alone).
void AnalyzePythonSource(ByteView data, AnalysisContext& ctx);

// AnalyzerFn for a Git LFS pointer file. Rule: hf.lfs-pointer (suspicious).
void AnalyzeLfsPointer(ByteView data, AnalysisContext& ctx);

struct HfRepoOptions {
  // Also analyse the JSON configs, chat_template.jinja, .py and LFS pointers found. Set to
  // false when the per-file scanner already dispatches those files to the AnalyzerFns above.
  bool analyse_files = true;
  uint64_t max_files = 100'000;           // a hub repo has < 10k files
  int max_depth = 16;                     // directory nesting walked (no symlinks followed)
  uint64_t max_text_bytes = 64ull << 20;  // JSON/.py/.jinja files read at most this size
};

// Walks `dir` (not following symlinks, skipping .git). Findings carry the relative file name in
// their message/evidence. README.md front matter gives BOM properties card.license,
// card.datasets, card.base_model, card.pipeline_tag, card.library_name, card.language.
// Rules above plus hf.extension-mismatch (suspicious), hf.symlink (suspicious: link leaving the
// folder), hf.limit, hf.read-error (a file changed while it was read).
void AnalyzeHfRepository(const std::string& dir, AnalysisContext& ctx);
void AnalyzeHfRepository(const std::string& dir, AnalysisContext& ctx, const HfRepoOptions& opts);

// Format a filename's extension promises: "safetensors", "gguf", "pickle", "pytorch", "onnx",
// "keras", "hdf5", "npy", "npz", "json", "msgpack", "joblib", "python", "jinja" or "" when unknown.
std::string_view ExpectedFormatForExtension(std::string_view filename);

// Sniffers.
bool LooksLikeHfConfigJson(std::string_view filename, ByteView head);
bool LooksLikeLfsPointer(ByteView head);
bool LooksLikeChatTemplateFile(std::string_view filename);

}  // namespace aigis::scan
