#include "scan/dispatch.h"

#include <filesystem>
#include <set>

#include "formats/pickle/pickle_analyzer.h"
#include "scan/pickle_scan.h"
#ifdef AIGIS_HAVE_SCAN_HF
#include "scan/gguf_scan.h"
#include "scan/hf_repo_scan.h"
#include "scan/safetensors_scan.h"
#endif
#ifdef AIGIS_HAVE_SCAN_GRAPH
#include "formats/savedmodel/keras_metadata.h"
#include "scan/onnx_scan.h"
#include "scan/savedmodel_scan.h"
#endif
#ifdef AIGIS_HAVE_SCAN_KERAS
#include "scan/keras_scan.h"
#endif

namespace aigis::scan {

namespace {

using formats::Format;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string BaseName(const std::string& name) {
  size_t slash = name.find_last_of("/!");
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

// Text and JSON files that matter in a model repository: configs with auto_map / chat templates,
// remote-code Python files, standalone Jinja chat templates.
bool AnalyzeText(ByteView data, const std::string& name, AnalysisContext& ctx) {
#ifdef AIGIS_HAVE_SCAN_HF
  std::string base = BaseName(name);
  if (LooksLikeHfConfigJson(base, data)) {
    AnalyzeHfJson(data, ctx);
    return true;
  }
  if (LooksLikeChatTemplateFile(base)) {
    AnalyzeChatTemplateFile(data, ctx);
    return true;
  }
  if (ExpectedFormatForExtension(base) == "python") {
    AnalyzePythonSource(data, ctx);
    return true;
  }
#endif
  (void)data;
  (void)name;
  (void)ctx;
  return false;
}

}  // namespace

namespace {
bool DispatchPrimary(ByteView data, const std::string& hint, const std::string& name,
                     AnalysisContext& ctx, Format* format);
}  // namespace

bool DispatchItem(ByteView data, const std::string& hint, const std::string& name,
                  AnalysisContext& ctx, Format* format) {
  bool analysed = DispatchPrimary(data, hint, name, ctx, format);
  Format f = *format;
  if (!hint.empty() || f == Format::kPickle || f == Format::kZip || f == Format::kUnknown ||
      f == Format::kEmpty)
    return analysed;
  // Polyglots: pickle.load reads from the start, zipfile from the end; a file that is also one of
  // those is analysed as that too (a tar header or an HDF5 user block can hold a pickle).
  ByteView head = data.first(std::min<size_t>(data.size(), 4096));
  if (formats::pickle::LooksLikePickle(head)) {
    ctx.ReportNoOffset("scan.polyglot", Severity::kSuspicious,
                       "content is also a pickle from its first byte; pickle.load would run it",
                       std::string(formats::FormatName(f)) + "+pickle", "scanner-evasion");
    AnalyzePickleItem(data, ctx, {});
  }
  bool archive_like = f == Format::kTar || f == Format::kSevenZip || f == Format::kCompressed ||
                      f == Format::kText || f == Format::kJson || f == Format::kSafetensors;
  if (!archive_like && formats::HasZipEocd(data)) {
    ctx.ReportNoOffset("scan.polyglot", Severity::kSuspicious,
                       "content is also a zip archive (found from its end, as zipfile does)",
                       std::string(formats::FormatName(f)) + "+zip", "scanner-evasion");
    AnalyzeZip(data, ctx);
  }
  return analysed;
}

namespace {

bool DispatchPrimary(ByteView data, const std::string& hint, const std::string& name,
                     AnalysisContext& ctx, Format* format) {
  if (hint == "pickle") {
    *format = Format::kPickle;
    AnalyzePickleItem(data, ctx, {});
    return true;
  }
#ifdef AIGIS_HAVE_SCAN_KERAS
  if (hint == "keras-config") {
    *format = Format::kJson;
    AnalyzeKerasConfig(data, ctx);
    return true;
  }
#endif
#ifdef AIGIS_HAVE_SCAN_GRAPH
  // TF-Keras metadata is a protobuf of JSON strings: identified by its file name plus its shape.
  if (BaseName(name) == "keras_metadata.pb" && formats::savedmodel::LooksLikeKerasMetadata(data)) {
    *format = Format::kTfSavedModel;
    AnalyzeKerasMetadata(data, ctx);
    return true;
  }
#endif
  if (hint == "maybe-pickle") {
    // A tensor storage: the only way a loader runs it is as a pickle (torch.load(pickle_file=)),
    // so it is probed as one and not sniffed further (sniffing reads pages all over each member).
    *format = Format::kPickle;
    AnalyzeMaybePickle(data, ctx);
    return true;
  }
  Format f = formats::Sniff(data, name);
  *format = f;
  switch (f) {
    case Format::kZip:
      AnalyzeZip(data, ctx);
      return true;
    case Format::kPickle:
      AnalyzePickleOrLegacyTorch(data, ctx);
      if (formats::HasZipEocd(data)) {
        // Both a pickle (pickle.load reads from the start) and a zip (zipfile reads from the end).
        ctx.ReportNoOffset(
            "scan.polyglot", Severity::kSuspicious,
            "file is both a pickle and a zip archive; loaders disagree on what it is", "",
            "scanner-evasion");
        AnalyzeZip(data, ctx);
      }
      return true;
    case Format::kNpy:
      AnalyzeNpy(data, ctx);
      return true;
    case Format::kCompressed:
      AnalyzeCompressed(data, ctx);
      return true;
    case Format::kTar:
    case Format::kSevenZip:
      AnalyzeArchive(data, ctx);
      return true;
#ifdef AIGIS_HAVE_SCAN_HF
    case Format::kSafetensors:
      AnalyzeSafetensors(data, ctx);
      return true;
    case Format::kGguf:
      AnalyzeGguf(data, ctx);
      return true;
#endif
#ifdef AIGIS_HAVE_SCAN_GRAPH
    case Format::kOnnx:
      AnalyzeOnnx(data, ctx);
      return true;
    case Format::kTfSavedModel:
      AnalyzeSavedModel(data, ctx);
      return true;
    case Format::kTfGraphDef:
      AnalyzeGraphDef(data, ctx);
      return true;
#endif
#ifdef AIGIS_HAVE_SCAN_KERAS
    case Format::kHdf5:
      AnalyzeHdf5(data, ctx);
      return true;
#endif
    case Format::kLfsPointer:
#ifdef AIGIS_HAVE_SCAN_HF
      AnalyzeLfsPointer(data, ctx);
#else
      ctx.SetFormat("git-lfs-pointer");
      ctx.ReportNoOffset("scan.lfs-pointer", Severity::kSuspicious,
                         "file is a Git LFS pointer: the real content was not downloaded and was "
                         "not analysed",
                         "", "not-analysed");
#endif
      return true;
    case Format::kJson:
    case Format::kText:
      return AnalyzeText(data, name, ctx);
    default:
      return false;
  }
}

}  // namespace

bool HasModelExtension(const std::string& name) {
  static const std::set<std::string> kModelExt = {
      ".safetensors", ".gguf", ".onnx", ".pt",   ".pth",   ".ckpt", ".pkl", ".pickle", ".joblib",
      ".npy",         ".npz",  ".h5",   ".hdf5", ".keras", ".pb",   ".bin", ".dill",   ".model"};
  std::string base = BaseName(name);
  size_t dot = base.rfind('.');
  return dot != std::string::npos && kModelExt.count(Lower(base.substr(dot))) > 0;
}

void CheckExtension(const std::string& path, const std::string& content, FileReport* out) {
  std::string ext = Lower(std::filesystem::path(path).extension().string());
  if (ext.empty() || content == "empty") return;
  if (content == "unknown") {
    // A file named like a model that no analyzer understood: corrupt, truncated, or a format
    // variant crafted to be skipped. Not analysed, so never clean.
    if (!HasModelExtension(path)) return;
    Finding x;
    x.rule = "scan.unrecognised-model";
    x.severity = Severity::kSuspicious;
    x.message = "file is named like a model ('" + ext +
                "') but its content is not a recognised format; it was not analysed";
    x.evidence = ext;
    x.category = "not-analysed";
    x.location.path = path;
    out->findings.push_back(std::move(x));
    return;
  }
  // Extension -> formats whose content is acceptable under it.
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kExpect = {
      {".safetensors", {"safetensors"}},
      {".gguf", {"gguf"}},
      {".onnx", {"onnx"}},
      {".npy", {"numpy"}},
      {".npz", {"numpy-npz", "zip"}},
      {".json", {"json", "text"}},
      {".txt", {"text", "json"}},
      {".md", {"text"}},
      {".h5", {"hdf5", "keras-h5"}},
      {".hdf5", {"hdf5", "keras-h5"}},
      {".keras", {"keras"}},
      {".pb", {"tensorflow-savedmodel", "tensorflow-graphdef", "tf-keras-metadata"}},
      {".pkl", {"pickle", "pytorch-legacy", "gzip", "zlib", "bzip2", "xz", "lzma", "zstd", "lz4"}},
      {".pickle", {"pickle", "pytorch-legacy"}},
  };
  for (const auto& [e, formats] : kExpect) {
    if (ext != e) continue;
    for (const auto& f : formats)
      if (f == content) return;
    bool code_capable = content == "pickle" || content == "pytorch-legacy" ||
                        content == "pytorch-zip" || content == "torchscript" || content == "zip" ||
                        content == "tar" || content == "7z" || content == "hdf5";
    Finding x;
    x.rule = "scan.extension-mismatch";
    x.severity = code_capable ? Severity::kSuspicious : Severity::kInfo;
    x.message = "extension '" + ext + "' names another format than the content (" + content + ")";
    x.evidence = ext + " -> " + content;
    x.category = "scanner-evasion";
    x.location.path = path;
    out->findings.push_back(std::move(x));
    return;
  }
}

}  // namespace aigis::scan
