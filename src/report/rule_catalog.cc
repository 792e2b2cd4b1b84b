#include "report/rule_catalog.h"

namespace aigis::report {

namespace {
// Families first matched exactly, then by prefix. Keep ids stable: SARIF consumers key on them.
const std::vector<RuleInfo> kRules = {
    {"pickle.global.denied", "Pickle imports a known-dangerous callable",
     "Loading this pickle imports a callable that can run code, touch files or the network. Do not "
     "load it; obtain the model from a trusted source or convert it to safetensors.",
     "CWE-502,AML.T0011.000,AML.T0010.003,OWASP-LLM03"},
    {"pickle.global.unknown", "Pickle imports a global that is not on the allow-list",
     "Only globals needed to rebuild tensors, arrays and plain data are allow-listed. Review the "
     "global; if it is legitimate, add it to the scan policy's pickle allow-list.",
     "CWE-502,AML.T0010.003"},
    {"pickle.global.nonconstant", "Pickle builds an import from computed values",
     "STACK_GLOBAL received operands that are not constant strings; the imported name cannot be "
     "known statically. This is a scanner-evasion technique.",
     "CWE-502,AML.T0011.000"},
    {"pickle.dunder", "Pickle accesses dunder attributes",
     "Dotted names with __class__, __globals__, __builtins__ and similar walk to arbitrary "
     "objects.",
     "CWE-502,AML.T0011.000"},
    {"pickle.module-mutation", "Pickle mutates a module or class",
     "BUILD/SETITEM on a module or class rewrites its attributes so that later allow-listed "
     "imports "
     "resolve to dangerous objects.",
     "CWE-502,AML.T0011.000"},
    {"pickle", "Pickle stream anomaly",
     "The pickle stream is malformed, truncated, exceeds a limit or differs from how CPython reads "
     "it. A loader may execute code that a scanner does not see; treat it as untrusted.",
     "CWE-502"},
    {"zip", "Zip container anomaly",
     "The zip archive has properties that make loaders and scanners disagree (name mismatch, flag "
     "bits, CRC errors, traversal names, duplicates).",
     "CWE-434,AML.T0010.003"},
    {"archive", "Archive anomaly",
     "The archive has unsafe entries or could not be read completely.", "CWE-22"},
    {"compress", "Compressed stream anomaly",
     "A compressed stream is corrupt or expands past the scan limits (decompression bomb).",
     "CWE-409"},
    {"numpy", "NumPy file anomaly",
     "The .npy header is malformed or the array uses the object dtype, which is a pickle.",
     "CWE-502"},
    {"pytorch", "PyTorch checkpoint anomaly",
     "The checkpoint's structure differs from what torch.save writes.", "CWE-502"},
    {"scan.unsupported", "File not analysed",
     "The content is not a recognised model format; it was not analysed.", ""},
    {"scan.limit", "Scan limit reached",
     "A nesting, size or count limit stopped the analysis; the rest was not analysed.", "CWE-400"},
    {"scan.extension-mismatch", "File extension disagrees with content",
     "The file's extension names one format but its content is another; loaders that pick a loader "
     "by content may run code the extension hides.",
     "CWE-434,AML.T0010.003"},
    {"scan.special-file", "Not a regular file",
     "A FIFO, socket or device in the scanned folder was not read; one named like a model gives "
     "its loader whatever is sent at load time, which no scan can see.",
     "CWE-367"},
    {"scan.io-error", "File could not be read",
     "An I/O error prevented the analysis, or the file changed while it was being read.", ""},
    {"scan", "Scan notice", "A condition of the scan itself.", ""},
};
}  // namespace

const std::vector<RuleInfo>& AllRules() { return kRules; }

const RuleInfo* FindRule(std::string_view rule) {
  for (const auto& r : kRules)
    if (r.id == rule) return &r;
  // Longest family prefix: "pickle.malformed" -> "pickle".
  const RuleInfo* best = nullptr;
  for (const auto& r : kRules) {
    if (rule.size() > r.id.size() && rule.substr(0, r.id.size()) == r.id &&
        rule[r.id.size()] == '.' && (!best || r.id.size() > best->id.size()))
      best = &r;
  }
  return best;
}

}  // namespace aigis::report
