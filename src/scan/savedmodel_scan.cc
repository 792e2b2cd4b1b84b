#include "scan/savedmodel_scan.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "formats/savedmodel/keras_metadata.h"
#include "formats/savedmodel/savedmodel_reader.h"
#include "formats/savedmodel/tf_op_policy.h"
#include "scan/capped_reporter.h"

namespace aigis::scan {

namespace {

namespace tf = formats::savedmodel;

// Findings of one rule past this count are summarised (capped_reporter.h).
constexpr int kMaxFindingsPerRule = 20;

std::string Clip(std::string_view s) { return ClipEvidence(s); }

class Reporter : public CappedReporter {
 public:
  explicit Reporter(AnalysisContext& ctx) : CappedReporter(ctx, kMaxFindingsPerRule) {}
};

bool Contains(std::string_view s, std::string_view needle) {
  return s.find(needle) != std::string_view::npos;
}

// TF2 writes its checkpoint code as functions named __inference__traced_save_<n> /
// __inference__traced_restore_<n>; trackable objects add ..._save_fn_<n> / ..._restore_fn_<n>.
bool IsSaverFunction(std::string_view name) {
  return Contains(name, "_traced_save") || Contains(name, "_traced_restore") ||
         Contains(name, "_save_fn_") || Contains(name, "_restore_fn_");
}

// TF1: the saver's ops live under the scope of SaverDef.restore_op_name ("save/restore_all").
std::string SaverScope(const tf::TfMetaGraph& mg) {
  for (const std::string* n : {&mg.saver_restore_op, &mg.saver_save_tensor}) {
    size_t slash = n->find('/');
    if (slash != std::string::npos && slash > 0) return n->substr(0, slash + 1);
  }
  return "";
}

bool IsSensitivePath(std::string_view s) {
  static constexpr std::string_view kPrefixes[] = {
      "/etc/", "/proc/",      "/sys/",       "/dev/",      "/root",      "/boot/",    "/var/run/",
      "/run/", "/bin/",       "/sbin/",      "/usr/bin/",  "/usr/sbin/", "/usr/lib/", "/lib/",
      "~/",    "C:\\Windows", "c:\\windows", "C:/Windows", "\\\\"};
  for (std::string_view p : kPrefixes)
    if (s.rfind(p, 0) == 0) return true;
  return Contains(s, "/.ssh") || Contains(s, "/.aws") || Contains(s, "/.bashrc") ||
         Contains(s, "/.profile") || Contains(s, "/.config/") || Contains(s, "/.kube") ||
         Contains(s, "/.docker") || Contains(s, "/cron");
}

bool IsUrl(std::string_view s) {
  size_t p = s.find("://");
  return p != std::string_view::npos && p > 0 && p < 16;
}

// An asset file name that leaves the SavedModel's assets/ directory.
bool AssetEscapes(std::string_view s) {
  if (s.empty()) return false;
  if (s[0] == '/' || s[0] == '\\' || s.rfind("~/", 0) == 0 || IsUrl(s)) return true;
  if (s.size() >= 2 && s[1] == ':') return true;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = s.size();
    if (s.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

std::string Where(const tf::TfModel& m, const tf::TfNode& n) {
  std::string w = "node '" + Clip(n.name) + "'";
  if (n.function >= 0) {
    w += " in function '" + Clip(m.functions[static_cast<size_t>(n.function)].name) + "'";
  } else {
    w += " in the graph";
  }
  if (m.meta_graphs.size() > 1) w += " (meta graph " + std::to_string(n.meta_graph) + ")";
  return w;
}

void Analyze(const tf::TfModel& m, AnalysisContext& ctx) {
  const tf::TfOpPolicy& policy = tf::TfOpPolicy::Default();
  Reporter rep(ctx);

  for (const Status& st : m.issues) {
    bool limit = st.code() == StatusCode::kLimitExceeded;
    rep.Add(limit ? "tensorflow.limit_exceeded" : "tensorflow.malformed", Severity::kSuspicious,
            limit ? "TensorFlow graph exceeds a parser limit; the rest was not analysed"
                  : "TensorFlow graph is malformed; the damaged part was skipped",
            Clip(st.message()), limit ? "limit" : "malformed", st.has_offset() ? st.offset() : 0,
            st.has_offset());
  }

  std::set<std::string> function_names;
  for (const tf::TfFunction& f : m.functions) function_names.insert(f.name);
  std::vector<std::string> saver_scopes;
  for (const tf::TfMetaGraph& mg : m.meta_graphs) saver_scopes.push_back(SaverScope(mg));

  // Strings per node, for PrintV2's output_stream.
  std::multimap<uint32_t, const tf::TfString*> strings_by_node;
  for (const tf::TfString& s : m.strings) strings_by_node.emplace(s.node, &s);

  struct Unknown {
    uint64_t count = 0;
    std::string first;
    uint64_t offset = 0;
  };
  std::map<std::string, Unknown> unknown_ops;
  std::map<std::string, uint64_t> saver_ops;
  std::set<std::string> ops_seen;

  for (size_t i = 0; i < m.nodes.size(); ++i) {
    const tf::TfNode& n = m.nodes[i];
    ops_seen.insert(n.op);
    if (n.op.empty()) {
      rep.Add("tensorflow.malformed", Severity::kSuspicious, "node without an op", Where(m, n),
              "malformed", n.offset);
      continue;
    }
    if (function_names.count(n.op)) continue;  // a call of a library function, analysed itself
    if (const tf::TfOpRule* rule = policy.Denied(n.op)) {
      bool in_saver = false;
      if (rule->saver) {
        if (n.function >= 0) {
          in_saver = IsSaverFunction(m.functions[static_cast<size_t>(n.function)].name);
        } else if (static_cast<size_t>(n.meta_graph) < saver_scopes.size()) {
          const std::string& scope = saver_scopes[static_cast<size_t>(n.meta_graph)];
          in_saver = !scope.empty() && n.name.rfind(scope, 0) == 0;
        }
      }
      if (in_saver) {
        ++saver_ops[n.op];
      } else if (rule->saver) {
        rep.Add("tensorflow.op.saver_outside_saver", rule->severity,
                "checkpoint op '" + n.op +
                    "' outside the SavedModel's save/restore code: " + rule->reason,
                n.op + " at " + Where(m, n), rule->category, n.offset);
      } else {
        rep.Add("tensorflow.op.denied", rule->severity, "op '" + n.op + "' " + rule->reason,
                n.op + " at " + Where(m, n), rule->category, n.offset);
      }
      continue;
    }
    if (policy.Allowed(n.op)) {
      if (n.op == "PrintV2") {
        auto range = strings_by_node.equal_range(static_cast<uint32_t>(i));
        for (auto it = range.first; it != range.second; ++it) {
          const tf::TfString& s = *it->second;
          if (s.attr != "output_stream") continue;
          bool std_stream =
              s.value == "stderr" || s.value == "stdout" || s.value.rfind("log(", 0) == 0;
          if (!std_stream) {
            rep.Add("tensorflow.op.print_to_file", Severity::kMalicious,
                    "PrintV2 writes tensors to a file instead of a standard stream",
                    "output_stream=" + Clip(s.value) + " at " + Where(m, n), "file-write",
                    n.offset);
          }
        }
      }
      continue;
    }
    Unknown& u = unknown_ops[n.op];
    if (u.count++ == 0) {
      u.first = Where(m, n);
      u.offset = n.offset;
    }
  }
  for (const auto& [op, u] : unknown_ops) {
    rep.Add("tensorflow.op.unknown", Severity::kSuspicious,
            "op '" + Clip(op) +
                "' is not a known TensorFlow op: it needs a custom kernel library to run",
            Clip(op) + " (" + std::to_string(u.count) + " node" + (u.count == 1 ? "" : "s") +
                ", first: " + u.first + ")",
            "custom-code", u.offset);
  }
  if (!saver_ops.empty()) {
    std::string ev;
    for (const auto& [op, count] : saver_ops) {
      ev += (ev.empty() ? "" : ", ") + op + " x" + std::to_string(count);
    }
    rep.Add("tensorflow.op.saver", Severity::kInfo,
            "checkpoint ops inside the SavedModel's own save/restore code (expected)", ev,
            "file-access", 0, false);
  }

  // Functions named from attrs (StatefulPartitionedCall f, If/While branches, Case branches,
  // dataset map functions). A name that is no library function is instantiated as a primitive op
  // by TensorFlow's function runtime, so it goes through the op policy too.
  for (const std::string& name : m.referenced_functions) {
    if (function_names.count(name) || name.empty()) continue;
    if (const tf::TfOpRule* rule = policy.Denied(name)) {
      rep.Add("tensorflow.op.denied", rule->severity,
              "op '" + name + "' called through a function attr: " + rule->reason,
              "func attr name=" + Clip(name), rule->category, 0, false);
    } else if (!policy.Allowed(name)) {
      rep.Add("tensorflow.function.missing", Severity::kSuspicious,
              "a function attr names neither a library function nor a known op",
              "func attr name=" + Clip(name), "custom-code", 0, false);
    }
  }

  for (const tf::TfString& s : m.strings) {
    if (s.attr == "output_stream") continue;
    const tf::TfNode& n = m.nodes[s.node];
    std::string ev =
        Clip(s.value) + " (attr '" + Clip(s.attr) + "' of " + n.op + " " + Where(m, n) + ")";
    if (IsUrl(s.value)) {
      rep.Add("tensorflow.string.url", Severity::kSuspicious,
              "graph holds a URL (network or file access by an op)", ev, "network", n.offset);
    } else if (IsSensitivePath(s.value)) {
      rep.Add("tensorflow.string.sensitive_path", Severity::kSuspicious,
              "graph holds a path to a sensitive system or user file", ev, "file-access", n.offset);
    } else {
      rep.Add("tensorflow.string.path", Severity::kInfo, "graph holds an absolute path", ev,
              "file-access", n.offset);
    }
  }

  for (size_t g = 0; g < m.meta_graphs.size(); ++g) {
    for (const std::string& a : m.meta_graphs[g].asset_files) {
      if (AssetEscapes(a)) {
        rep.Add("tensorflow.asset.path_traversal", Severity::kMalicious,
                "asset file name leaves the SavedModel's assets/ directory",
                "asset filename=" + Clip(a), "path-traversal", 0, false);
      }
    }
  }
  rep.Flush();

  // --- BOM facts ---
  ctx.AddProperty("nodes", std::to_string(m.nodes.size()));
  ctx.AddProperty("functions", std::to_string(m.functions.size()));
  ctx.AddProperty("distinct_ops", std::to_string(ops_seen.size()));
  if (m.graph_producer) ctx.AddProperty("graph_producer", std::to_string(m.graph_producer));
  if (m.is_saved_model) {
    ctx.AddProperty("schema_version", std::to_string(m.schema_version));
    std::string tags, versions;
    for (const tf::TfMetaGraph& mg : m.meta_graphs) {
      std::string t;
      for (const std::string& tag : mg.tags) t += (t.empty() ? "" : "+") + Clip(tag);
      tags += (tags.empty() ? "" : ",") + t;
      if (!mg.tensorflow_version.empty() &&
          versions.find(mg.tensorflow_version) == std::string::npos) {
        versions += (versions.empty() ? "" : ",") + Clip(mg.tensorflow_version);
      }
    }
    if (!tags.empty()) ctx.AddProperty("tags", tags);
    if (!versions.empty()) ctx.AddProperty("tensorflow_version", versions);
    ctx.AddProperty("meta_graphs", std::to_string(m.meta_graphs.size()));
  }
}

// The class_name values in a JSON text, found lexically: "class_name" <ws> : <ws> "<value>".
// (The full JSON walk is the Keras config analysis, which gets the text as a child item.)
std::vector<std::string_view> ClassNames(std::string_view json) {
  std::vector<std::string_view> out;
  constexpr std::string_view kKey = "\"class_name\"";
  size_t pos = 0;
  while ((pos = json.find(kKey, pos)) != std::string_view::npos) {
    pos += kKey.size();
    size_t i = pos;
    auto skip_ws = [&] {
      while (i < json.size() &&
             (json[i] == ' ' || json[i] == '\n' || json[i] == '\t' || json[i] == '\r')) {
        ++i;
      }
    };
    skip_ws();
    if (i >= json.size() || json[i] != ':') continue;
    ++i;
    skip_ws();
    if (i >= json.size() || json[i] != '"') continue;
    size_t end = json.find('"', i + 1);
    if (end == std::string_view::npos) break;
    out.push_back(json.substr(i + 1, end - i - 1));
    if (out.size() >= 100000) break;  // bounded by the text anyway; keeps the vector small
  }
  return out;
}

}  // namespace

void AnalyzeKerasMetadata(ByteView data, AnalysisContext& ctx) {
  ctx.SetFormat("tf-keras-metadata");
  ctx.AddBytesExamined(data.size());
  tf::KerasMetadata km = tf::ParseKerasMetadata(data);
  Reporter rep(ctx);
  for (const Status& st : km.issues) {
    bool limit = st.code() == StatusCode::kLimitExceeded;
    rep.Add(limit ? "tensorflow.limit_exceeded" : "tensorflow.malformed", Severity::kSuspicious,
            limit ? "keras_metadata.pb exceeds a parser limit; the rest was not analysed"
                  : "keras_metadata.pb is malformed; the damaged part was skipped",
            Clip(st.message()), limit ? "limit" : "malformed", st.has_offset() ? st.offset() : 0,
            st.has_offset());
  }
  for (size_t i = 0; i < km.objects.size(); ++i) {
    const tf::KerasMetadataObject& o = km.objects[i];
    if (o.metadata.empty()) continue;
    for (std::string_view cls : ClassNames(AsStringView(o.metadata))) {
      if (cls == "Lambda" || cls == "__lambda__") {
        rep.Add("tensorflow.keras_metadata.lambda", Severity::kMalicious,
                "Keras Lambda layer in keras_metadata.pb: its Python bytecode runs when the "
                "model is loaded with Keras (CVE-2024-3660)",
                "node_path=" + Clip(o.node_path) + " identifier=" + Clip(o.identifier),
                "code-execution", o.offset);
      }
    }
    ChildItem child;
    child.name = o.node_path.empty() ? "object-" + std::to_string(i) : o.node_path;
    child.data = o.metadata;
    child.owner = ctx.owner();
    child.format_hint = "keras-config";
    ctx.AddChild(std::move(child));
  }
  rep.Flush();
  ctx.AddProperty("keras_objects", std::to_string(km.objects.size()));
}

void AnalyzeSavedModel(ByteView data, AnalysisContext& ctx) {
  ctx.SetFormat("tensorflow-savedmodel");
  tf::TfModel m = tf::ParseSavedModel(data);
  ctx.AddBytesExamined(data.size() - std::min<uint64_t>(data.size(), m.payload_bytes_skipped));
  Analyze(m, ctx);
}

void AnalyzeGraphDef(ByteView data, AnalysisContext& ctx) {
  ctx.SetFormat("tensorflow-graphdef");
  tf::TfModel m = tf::ParseGraphDef(data);
  ctx.AddBytesExamined(data.size() - std::min<uint64_t>(data.size(), m.payload_bytes_skipped));
  Analyze(m, ctx);
}

}  // namespace aigis::scan
