#include "scan/hf_repo_scan.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/mapped_file.h"
#include "formats/gguf/gguf_reader.h"
#include "formats/safetensors/safetensors_reader.h"
#include "scan/gguf_scan.h"

namespace aigis::scan {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

// HF configs nest < 10 levels; deeper JSON is hostile (and bounds nlohmann's DOM teardown).
constexpr uint32_t kMaxJsonDepth = 64;
constexpr uint32_t kMaxReportedDuplicates = 8;

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}
std::string_view BaseName(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// First pass over HF JSON: depth cap and duplicate keys (nlohmann's DOM silently keeps one).
class StrictSax {
 public:
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(json::number_integer_t) { return true; }
  bool number_unsigned(json::number_unsigned_t) { return true; }
  bool number_float(json::number_float_t, const json::string_t&) { return true; }
  bool string(json::string_t&) { return true; }
  bool binary(json::binary_t&) { return true; }
  bool start_object(size_t) {
    keys_.emplace_back();
    return Push();
  }
  bool end_object() {
    keys_.pop_back();
    --depth_;
    return true;
  }
  bool start_array(size_t) {
    keys_.emplace_back();  // placeholder so pops stay paired
    return Push();
  }
  bool end_array() {
    keys_.pop_back();
    --depth_;
    return true;
  }
  bool key(json::string_t& k) {
    if (!keys_.back().insert(k).second && duplicates.size() < kMaxReportedDuplicates)
      duplicates.push_back(k);
    return true;
  }
  bool parse_error(size_t pos, const std::string&, const nlohmann::detail::exception& ex) {
    error = ex.what();
    error_pos = pos;
    return false;
  }
  bool too_deep = false;
  std::vector<std::string> duplicates;
  std::string error;
  size_t error_pos = 0;

 private:
  bool Push() {
    if (++depth_ > kMaxJsonDepth) {
      too_deep = true;
      return false;
    }
    return true;
  }
  uint32_t depth_ = 0;
  std::vector<std::unordered_set<std::string>> keys_;
};

uint64_t FindOffset(std::string_view text, std::string_view needle) {
  const size_t p = text.find(needle);
  return p == std::string_view::npos ? 0 : p;
}

// "module.Class" or "org/repo--module.Class" -> report.
void ReportAutoMapRef(std::string_view where, const std::string& key, const std::string& ref,
                      AnalysisContext& ctx, uint64_t off) {
  const size_t sep = ref.find("--");
  std::string module_ref = sep == std::string::npos ? ref : ref.substr(sep + 2);
  const size_t dot = module_ref.rfind('.');
  const std::string module_file =
      (dot == std::string::npos ? module_ref : module_ref.substr(0, dot)) + ".py";
  if (sep != std::string::npos) {
    const std::string repo = ref.substr(0, sep);
    ctx.Report("hf.remote-code.cross-repo", Severity::kMalicious,
               std::string(where) + " '" + key + "' loads code from another repository '" + repo +
                   "' (" + module_file + ") when trust_remote_code=True",
               ref.substr(0, 256), "remote-code", off);
  } else {
    ctx.Report("hf.remote-code", Severity::kSuspicious,
               std::string(where) + " '" + key + "' runs " + module_file +
                   " from this repository when trust_remote_code=True",
               ref.substr(0, 256), "remote-code", off);
  }
}

void AnalyzeAutoMap(const json& am, std::string_view text, AnalysisContext& ctx) {
  const uint64_t off = FindOffset(text, "\"auto_map\"");
  if (!am.is_object()) {
    ctx.Report("hf.json.auto-map-type", Severity::kSuspicious, "auto_map is not an object",
               am.type_name(), "format-anomaly", off);
    return;
  }
  for (auto it = am.begin(); it != am.end(); ++it) {
    const json& v = it.value();
    if (v.is_string()) {
      ReportAutoMapRef("auto_map", it.key(), v.get<std::string>(), ctx, off);
    } else if (v.is_array()) {  // AutoTokenizer: [slow, fast]
      for (const json& e : v)
        if (e.is_string()) ReportAutoMapRef("auto_map", it.key(), e.get<std::string>(), ctx, off);
    }
  }
}

void AnalyzeCustomPipelines(const json& cp, std::string_view text, AnalysisContext& ctx) {
  const uint64_t off = FindOffset(text, "\"custom_pipelines\"");
  if (!cp.is_object()) return;
  for (auto it = cp.begin(); it != cp.end(); ++it) {
    std::string impl;
    if (it.value().is_object() && it.value().contains("impl") && it.value()["impl"].is_string()) {
      impl = it.value()["impl"].get<std::string>();
    }
    if (impl.find("--") != std::string::npos) {
      ReportAutoMapRef("custom_pipelines", it.key(), impl, ctx, off);
    } else {
      ctx.Report("hf.custom-pipeline", Severity::kSuspicious,
                 "custom pipeline '" + it.key() + "' runs repository code (" + impl + ")",
                 impl.substr(0, 256), "remote-code", off);
    }
  }
}

void AnalyzeChatTemplateValue(const json& ct, std::string_view text, AnalysisContext& ctx) {
  const uint64_t off = FindOffset(text, "\"chat_template\"");
  if (ct.is_string()) {
    AnalyzeChatTemplate(ct.get_ref<const std::string&>(), ctx, off);
    return;
  }
  if (ct.is_array()) {
    for (const json& e : ct) {
      if (e.is_object() && e.contains("template") && e["template"].is_string()) {
        AnalyzeChatTemplate(e["template"].get_ref<const std::string&>(), ctx, off);
      }
    }
    return;
  }
  if (!ct.is_null()) {
    ctx.Report("hf.json.chat-template-type", Severity::kSuspicious,
               "chat_template is neither a string nor a list", ct.type_name(), "format-anomaly",
               off);
  }
}

// Code patterns in shipped Python. Bare calls must not follow '.' or an identifier character
// (model.eval() and torch.compile() are ordinary).
struct PyPattern {
  std::string_view needle;
  bool bare_call;
  bool malicious;
};
constexpr PyPattern kPyPatterns[] = {
    {"exec(", true, true},
    {"eval(", true, true},
    {"__import__(", true, true},
    {"os.system(", false, true},
    {"os.popen(", false, true},
    {"os.exec", false, true},
    {"os.spawn", false, true},
    {"subprocess.", false, true},
    {"import subprocess", false, true},
    {"from subprocess", false, true},
    {"import socket", false, true},
    {"socket.socket(", false, true},
    {"pty.spawn(", false, true},
    {"marshal.loads(", false, true},
    {"pickle.loads(", false, true},
    {"ctypes.cdll", false, true},
    {"compile(", true, false},
    {"import requests", false, false},
    {"requests.get(", false, false},
    {"requests.post(", false, false},
    {"urllib.request", false, false},
    {"urlopen(", false, false},
    {"http.client", false, false},
    {"base64.b64decode(", false, false},
    {"codecs.decode(", false, false},
    {"bytes.fromhex(", false, false},
};

}  // namespace

void AnalyzeHfJson(ByteView data, AnalysisContext& ctx) {
  ctx.SetFormat("hf-config");
  ctx.AddBytesExamined(data.size());
  const std::string_view text = AsStringView(data);
  StrictSax sax;
  bool ok = false;
  try {
    ok = json::sax_parse(text.begin(), text.end(), &sax);
  } catch (const std::exception& e) {
    sax.error = e.what();
  }
  if (sax.too_deep) {
    ctx.Report("hf.json.too-deep", Severity::kSuspicious,
               "JSON nests deeper than " + std::to_string(kMaxJsonDepth), "", "format-anomaly", 0);
    return;
  }
  if (!ok) {
    ctx.Report("hf.json.malformed", Severity::kSuspicious, "not valid JSON: " + sax.error, "",
               "format-anomaly", sax.error_pos);
    return;
  }
  for (const std::string& k : sax.duplicates) {
    ctx.Report("hf.json.duplicate-key", Severity::kSuspicious,
               "duplicate key '" + k.substr(0, 64) + "' (loaders keep the last value)",
               k.substr(0, 64), "format-anomaly", FindOffset(text, "\"" + k + "\""));
  }
  json doc;
  try {
    doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  } catch (const std::exception&) {
    doc = json(json::value_t::discarded);
  }
  if (!doc.is_object()) return;  // valid JSON but not a config object: nothing to look for
  if (doc.contains("auto_map")) AnalyzeAutoMap(doc["auto_map"], text, ctx);
  if (doc.contains("custom_pipelines")) AnalyzeCustomPipelines(doc["custom_pipelines"], text, ctx);
  if (doc.contains("chat_template")) AnalyzeChatTemplateValue(doc["chat_template"], text, ctx);
  if (doc.contains("trust_remote_code") && doc["trust_remote_code"].is_boolean() &&
      doc["trust_remote_code"].get<bool>()) {
    ctx.Report("hf.trust-remote-code", Severity::kSuspicious,
               "config asks loaders to trust remote code", "trust_remote_code: true", "remote-code",
               FindOffset(text, "\"trust_remote_code\""));
  }
  if (doc.contains("architectures") && doc["architectures"].is_array() &&
      !doc["architectures"].empty() && doc["architectures"][0].is_string()) {
    ctx.AddProperty("architecture", doc["architectures"][0].get<std::string>().substr(0, 128));
  }
  if (doc.contains("model_type") && doc["model_type"].is_string()) {
    ctx.AddProperty("model_type", doc["model_type"].get<std::string>().substr(0, 128));
  }
  if (doc.contains("torch_dtype") && doc["torch_dtype"].is_string()) {
    ctx.AddProperty("torch_dtype", doc["torch_dtype"].get<std::string>().substr(0, 32));
  }
}

void AnalyzePythonSource(ByteView data, AnalysisContext& ctx) {
  ctx.SetFormat("python");
  ctx.AddBytesExamined(data.size());
  const std::string_view text = AsStringView(data);
  ctx.Report("hf.remote-code.python", Severity::kSuspicious,
             "Python file shipped with the model (executed with trust_remote_code=True)", "",
             "remote-code", 0);
  bool decode = false, exec = false;
  std::unordered_set<std::string_view> reported;
  size_t line_start = 0;
  while (line_start < text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    const size_t first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos && line[first] != '#') {
      for (const PyPattern& p : kPyPatterns) {
        for (size_t at = line.find(p.needle); at != std::string_view::npos;
             at = line.find(p.needle, at + 1)) {
          if (p.bare_call && at > 0) {
            const auto prev = static_cast<unsigned char>(line[at - 1]);
            if (std::isalnum(prev) || prev == '_' || prev == '.') continue;
          }
          if (p.needle == "base64.b64decode(" || p.needle == "codecs.decode(" ||
              p.needle == "bytes.fromhex(")
            decode = true;
          if (p.needle == "exec(" || p.needle == "eval(") exec = true;
          if (reported.insert(p.needle).second) {
            ctx.Report("hf.remote-code.dangerous-python",
                       p.malicious ? Severity::kMalicious : Severity::kSuspicious,
                       std::string(p.malicious ? "code execution / process / network primitive"
                                               : "network access or payload decoding") +
                           " in shipped Python",
                       std::string(line.substr(first, 160)), "remote-code", line_start + at);
          }
          break;
        }
      }
    }
    line_start = line_end + 1;
  }
  if (decode && exec) {
    ctx.ReportNoOffset("hf.remote-code.dangerous-python", Severity::kMalicious,
                       "decodes a payload and executes it (obfuscated loader)",
                       "decode + exec/eval", "remote-code");
  }
}

bool LooksLikeLfsPointer(ByteView head) {
  return AsStringView(head).rfind("version https://git-lfs.github.com/spec/", 0) == 0;
}

void AnalyzeLfsPointer(ByteView data, AnalysisContext& ctx) {
  ctx.SetFormat("git-lfs-pointer");
  ctx.AddBytesExamined(data.size());
  const std::string_view text = AsStringView(data.subspan(0, std::min<size_t>(data.size(), 1024)));
  std::string oid, size;
  const size_t o = text.find("oid sha256:");
  if (o != std::string_view::npos) oid = std::string(text.substr(o + 11, 64));
  const size_t s = text.find("\nsize ");
  if (s != std::string_view::npos) {
    const size_t e = text.find('\n', s + 6);
    size = std::string(text.substr(s + 6, e == std::string_view::npos ? 20 : e - s - 6));
  }
  ctx.Report("hf.lfs-pointer", Severity::kSuspicious,
             "Git LFS pointer instead of content: the real file (" + (size.empty() ? "?" : size) +
                 " bytes) was not downloaded and was NOT analysed",
             "sha256:" + oid, "not-analysed", 0);
}

std::string_view ExpectedFormatForExtension(std::string_view filename) {
  const std::string name = Lower(BaseName(filename));
  const size_t dot = name.rfind('.');
  if (dot == std::string::npos) return {};
  const std::string ext = name.substr(dot + 1);
  struct E {
    std::string_view ext, fmt;
  };
  static constexpr E kMap[] = {
      {"safetensors", "safetensors"},
      {"gguf", "gguf"},
      {"pkl", "pickle"},
      {"pickle", "pickle"},
      {"bin", "pytorch"},
      {"pt", "pytorch"},
      {"pth", "pytorch"},
      {"ckpt", "pytorch"},
      {"onnx", "onnx"},
      {"keras", "keras"},
      {"h5", "hdf5"},
      {"hdf5", "hdf5"},
      {"npy", "npy"},
      {"npz", "npz"},
      {"json", "json"},
      {"msgpack", "msgpack"},
      {"joblib", "joblib"},
      {"py", "python"},
      {"jinja", "jinja"},
      {"pb", "protobuf"},
  };
  for (const E& e : kMap)
    if (e.ext == ext) return e.fmt;
  return {};
}

bool LooksLikeHfConfigJson(std::string_view filename, ByteView head) {
  static constexpr std::string_view kNames[] = {"config.json",
                                                "tokenizer_config.json",
                                                "generation_config.json",
                                                "preprocessor_config.json",
                                                "processor_config.json",
                                                "chat_template.json",
                                                "adapter_config.json",
                                                "image_processor_config.json",
                                                "feature_extractor_config.json",
                                                "special_tokens_map.json",
                                                "model_index.json",
                                                "sentence_bert_config.json"};
  const std::string base = Lower(BaseName(filename));
  bool named = false;
  for (std::string_view n : kNames)
    if (base == n) named = true;
  if (!named) return false;
  for (uint8_t c : head) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{';
  }
  return false;
}

bool LooksLikeChatTemplateFile(std::string_view filename) {
  const std::string base = Lower(BaseName(filename));
  return base.size() > 6 && base.substr(base.size() - 6) == ".jinja";
}

namespace {

// Forwards to the directory's context with the file name in every message.
class FileContext : public AnalysisContext {
 public:
  FileContext(AnalysisContext& parent, std::string rel, bool forward_props)
      : p_(parent), rel_(std::move(rel)), props_(forward_props) {}
  const ScanOptions& options() const override { return p_.options(); }
  const std::string& path() const override { return p_.path(); }
  const std::string& member() const override { return p_.member(); }
  int depth() const override { return p_.depth(); }
  const std::string& root() const override { return p_.root(); }
  std::shared_ptr<const void> owner() const override { return nullptr; }
  void AddFinding(Finding f) override {
    f.message = rel_ + ": " + f.message;
    f.evidence = f.evidence.empty() ? rel_ : rel_ + ": " + f.evidence;
    p_.AddFinding(std::move(f));
  }
  void AddChild(ChildItem) override {}
  void SetFormat(std::string) override {}
  void AddProperty(std::string k, std::string v) override {
    if (props_) p_.AddProperty(std::move(k), std::move(v));
  }
  void AddBytesExamined(uint64_t n) override { p_.AddBytesExamined(n); }

 private:
  AnalysisContext& p_;
  std::string rel_;
  bool props_;
};

std::string ContentKind(ByteView head, uint64_t size) {
  if (LooksLikeLfsPointer(head)) return "lfs";
  if (head.size() >= 2 && head[0] == 0x80 && head[1] >= 2 && head[1] <= 5) return "pickle";
  if (head.size() >= 4 && head[0] == 'P' && head[1] == 'K' &&
      (head[2] == 3 || head[2] == 5 || head[2] == 7))
    return "zip";
  if (formats::gguf::LooksLikeGguf(head)) return "gguf";
  if (formats::safetensors::LooksLikeSafetensors(head, size)) return "safetensors";
  if (head.size() >= 8 && std::equal(head.begin(), head.begin() + 8, "\x89HDF\r\n\x1a\n"))
    return "hdf5";
  if (head.size() >= 6 && head[0] == 0x93 && AsStringView(head.subspan(1, 5)) == "NUMPY")
    return "npy";
  return "";
}

// Model-card front matter (README.md between "---" lines): the BOM fields a hub shows.
// Line-based: "key: value" and "- item" lists; nothing else of YAML is needed here.
void ReadModelCard(std::string_view text, AnalysisContext& ctx) {
  if (text.rfind("---", 0) != 0) return;
  static constexpr std::string_view kKeys[] = {"license",    "license_name", "datasets",
                                               "base_model", "pipeline_tag", "library_name",
                                               "language"};
  size_t pos = text.find('\n');
  std::string current;
  std::string values;
  auto flush = [&]() {
    if (!current.empty() && !values.empty())
      ctx.AddProperty("card." + current, values.substr(0, 512));
    current.clear();
    values.clear();
  };
  int lines = 0;
  while (pos != std::string_view::npos && pos + 1 < text.size() && ++lines < 2000) {
    const size_t start = pos + 1;
    pos = text.find('\n', start);
    std::string_view line =
        text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.rfind("---", 0) == 0) break;
    auto trim = [](std::string_view v) {
      while (!v.empty() && (v.front() == ' ' || v.front() == '"' || v.front() == '\''))
        v.remove_prefix(1);
      while (!v.empty() && (v.back() == ' ' || v.back() == '"' || v.back() == '\''))
        v.remove_suffix(1);
      return v;
    };
    const size_t first = line.find_first_not_of(' ');
    if (first == std::string_view::npos) continue;
    if (line[first] == '-' && !current.empty()) {
      std::string_view item = trim(line.substr(first + 1));
      if (!item.empty()) values += (values.empty() ? "" : ",") + std::string(item);
      continue;
    }
    if (first != 0) continue;
    flush();
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key(trim(line.substr(0, colon)));
    bool wanted = false;
    for (std::string_view k : kKeys) wanted |= (k == key);
    if (!wanted) continue;
    current = key;
    std::string_view v = trim(line.substr(colon + 1));
    if (!v.empty() && v.front() == '[') {  // inline list
      v.remove_prefix(1);
      if (!v.empty() && v.back() == ']') v.remove_suffix(1);
    }
    values = std::string(v);
  }
  flush();
}

}  // namespace

void AnalyzeHfRepository(const std::string& dir, AnalysisContext& ctx) {
  AnalyzeHfRepository(dir, ctx, HfRepoOptions{});
}

void AnalyzeHfRepository(const std::string& dir, AnalysisContext& ctx, const HfRepoOptions& opts) {
  ctx.SetFormat("hf-repository");
  std::error_code ec;
  const fs::path root = fs::path(dir);
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    ctx.ReportNoOffset("hf.unreadable", Severity::kSuspicious,
                       "cannot list directory: " + ec.message(), dir, "not-analysed");
    return;
  }
  uint64_t files = 0, py_files = 0;
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::directory_entry& e = *it;
    const std::string rel = fs::relative(e.path(), root, ec).generic_string();
    ec.clear();
    const fs::file_status ls = e.symlink_status(ec);
    if (ec) {
      ec.clear();
      continue;
    }
    if (fs::is_symlink(ls)) {
      const fs::path target = fs::read_symlink(e.path(), ec);
      const std::string t = target.generic_string();
      if (!ec && (target.is_absolute() || t.find("..") != std::string::npos)) {
        ctx.ReportNoOffset("hf.symlink", Severity::kSuspicious,
                           rel + ": symbolic link leaving the folder", rel + " -> " + t,
                           "path-traversal");
      }
      ec.clear();
      continue;
    }
    if (fs::is_directory(ls)) {
      if (e.path().filename() == ".git" || it.depth() >= opts.max_depth)
        it.disable_recursion_pending();
      continue;
    }
    if (!fs::is_regular_file(ls)) continue;
    if (++files > opts.max_files) {
      ctx.ReportNoOffset(
          "hf.limit", Severity::kSuspicious,
          "more than " + std::to_string(opts.max_files) + " files; the rest were not examined", dir,
          "not-analysed");
      break;
    }
    const uint64_t size = e.file_size(ec);
    if (ec) {
      ec.clear();
      continue;
    }
    // Head sniff (64 bytes) for every file: extension vs content, LFS pointers.
    uint8_t buf[64] = {};
    size_t got = 0;
    if (std::FILE* in = std::fopen(e.path().c_str(), "rb")) {
      got = std::fread(buf, 1, sizeof(buf), in);
      std::fclose(in);
    }
    ByteView head(buf, got);
    ctx.AddBytesExamined(got);
    const std::string kind = ContentKind(head, size);
    const std::string_view expect = ExpectedFormatForExtension(rel);
    const std::string base = Lower(BaseName(rel));
    FileContext fctx(ctx, rel, base == "config.json" && rel == "config.json");

    if (kind == "lfs") {
      if (opts.analyse_files) {
        auto m = MappedFile::Open(e.path().string());
        if (m.ok()) AnalyzeLfsPointer(m->view(), fctx);
      }
      continue;
    }
    // Code-capable content under the name of a code-free (or different) format.
    if (!expect.empty() && !kind.empty()) {
      static constexpr std::string_view kCodeFree[] = {"safetensors", "gguf",    "hdf5", "npy",
                                                       "json",        "msgpack", "onnx"};
      bool code_free = false;
      for (std::string_view c : kCodeFree) code_free |= (c == expect);
      const bool code_capable = kind == "pickle" || kind == "zip";
      if ((code_free && code_capable) ||
          ((expect == "safetensors" || expect == "gguf") && kind != expect)) {
        ctx.ReportNoOffset(
            "hf.extension-mismatch", Severity::kSuspicious,
            rel + ": extension says " + std::string(expect) + " but the content is " + kind, rel,
            "format-confusion");
      }
    } else if ((expect == "safetensors" || expect == "gguf") && kind.empty() && size > 0) {
      ctx.ReportNoOffset(
          "hf.extension-mismatch", Severity::kSuspicious,
          rel + ": extension says " + std::string(expect) + " but the content is not", rel,
          "format-confusion");
    }
    if (rel == "README.md" && size <= opts.max_text_bytes) {
      auto card = MappedFile::Open(e.path().string());
      if (card.ok()) ReadModelCard(AsStringView(card->view()), ctx);
    }
    if (!opts.analyse_files) continue;
    const bool is_py = expect == "python";
    const bool is_json = LooksLikeHfConfigJson(rel, head);
    const bool is_tmpl = LooksLikeChatTemplateFile(rel);
    if (!is_py && !is_json && !is_tmpl) continue;
    if (size > opts.max_text_bytes) {
      ctx.ReportNoOffset(
          "hf.limit", Severity::kSuspicious,
          rel + ": " + std::to_string(size) + " bytes, larger than the text limit; not analysed",
          rel, "not-analysed");
      continue;
    }
    auto m = MappedFile::Open(e.path().string());
    if (!m.ok()) continue;
    if (is_py) {
      ++py_files;
      AnalyzePythonSource(m->view(), fctx);
    } else if (is_json) {
      AnalyzeHfJson(m->view(), fctx);
    } else {
      AnalyzeChatTemplate(AsStringView(m->view()), fctx, 0);
    }
    if (m->changed()) {
      ctx.ReportNoOffset("hf.read-error", Severity::kSuspicious,
                         rel + ": the file changed while it was being read; scan it again", rel,
                         "not-analysed");
    }
  }
  ctx.AddProperty("files", std::to_string(std::min(files, opts.max_files)));
  if (py_files) ctx.AddProperty("python_files", std::to_string(py_files));
}

}  // namespace aigis::scan
