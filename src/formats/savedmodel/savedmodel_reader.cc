#include "formats/savedmodel/savedmodel_reader.h"

#include <algorithm>
#include <set>
#include <utility>

#include "formats/protobuf/wire_reader.h"

namespace aigis::formats::savedmodel {

namespace {

using protobuf::WireField;
using protobuf::WireReader;
using protobuf::WireType;

// saved_model.proto
namespace saved_model_f {
constexpr uint32_t kSchemaVersion = 1, kMetaGraphs = 2;
}
// meta_graph.proto
namespace meta_graph_f {
// collection_def = 4 and signature_def = 5 hold no ops and are skipped.
constexpr uint32_t kMetaInfoDef = 1, kGraphDef = 2, kSaverDef = 3, kAssetFileDef = 6,
                   kObjectGraphDef = 7;
}  // namespace meta_graph_f
namespace meta_info_f {
constexpr uint32_t kTags = 4, kTensorflowVersion = 5;
}
namespace asset_f {
constexpr uint32_t kFilename = 2;
}
// saver.proto
namespace saver_f {
constexpr uint32_t kFilenameTensor = 1, kSaveTensor = 2, kRestoreOp = 3;
}
// graph.proto, versions.proto
namespace graph_f {
constexpr uint32_t kNode = 1, kLibrary = 2, kVersions = 4;
}
// function.proto, op_def.proto
namespace library_f {
constexpr uint32_t kFunction = 1;
}
namespace function_f {
constexpr uint32_t kSignature = 1, kNodeDef = 3;
}
// node_def.proto
namespace node_f {
constexpr uint32_t kName = 1, kOp = 2, kAttr = 5;
}
// attr_value.proto
namespace attr_f {
constexpr uint32_t kList = 1, kS = 2, kTensor = 8, kFunc = 10;
}
namespace list_f {
constexpr uint32_t kS = 2, kTensor = 8, kFunc = 9;
}
namespace name_attr_list_f {
constexpr uint32_t kName = 1, kAttr = 2;
}
// tensor.proto
namespace tensor_f {
constexpr uint32_t kStringVal = 8;
}

struct PendingAttr {
  ByteView data;  // an AttrValue
  uint64_t base;
  int depth;
  std::string name;  // attr key
};

class Parser {
 public:
  Parser(const TfLimits& limits, TfModel& model) : limits_(limits), m_(model) {}

  void RunSavedModel(ByteView data) {
    m_.is_saved_model = true;
    Guard(ParseSavedModel(data), "saved_model");
    Finish();
  }
  void RunGraphDef(ByteView data) {
    Guard(ParseGraph(data, 0, 0), "graph");
    Finish();
  }

 private:
  std::string Cut(std::string_view s) const {
    return std::string(
        s.substr(0, static_cast<size_t>(std::min<uint64_t>(s.size(), limits_.max_string_bytes))));
  }

  void Guard(Status st, const std::string& where) {
    if (st.ok() || m_.issues.size() >= limits_.max_issues) return;
    std::string msg = where + ": " + st.message();
    m_.issues.push_back(st.code() == StatusCode::kLimitExceeded
                            ? Status::LimitExceeded(st.offset(), std::move(msg))
                            : Status::Malformed(st.offset(), std::move(msg)));
  }

  Status ParseSavedModel(ByteView data) {
    WireReader r(data);
    WireField f;
    bool any = false;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      any = true;
      if (f.number == saved_model_f::kSchemaVersion && f.type == WireType::kVarint) {
        m_.schema_version = f.as_int64();
      } else if (f.number == saved_model_f::kMetaGraphs && f.type == WireType::kLen) {
        if (m_.meta_graphs.size() >= limits_.max_meta_graphs) {
          return Status::LimitExceeded(
              f.offset,
              "tensorflow: more than " + std::to_string(limits_.max_meta_graphs) + " meta graphs");
        }
        m_.meta_graphs.emplace_back();
        int32_t idx = static_cast<int32_t>(m_.meta_graphs.size() - 1);
        Status st = ParseMetaGraph(f, idx);
        if (st.code() == StatusCode::kLimitExceeded) return st;
        Guard(std::move(st), "meta_graph " + std::to_string(idx));
      }
    }
    if (!any) return Status::Malformed(0, "tensorflow: empty SavedModel");
    return Status::Ok();
  }

  Status ParseMetaGraph(const WireField& outer, int32_t idx) {
    WireReader r(outer.bytes, outer.data_offset);
    WireField f;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.type != WireType::kLen) continue;
      switch (f.number) {
        case meta_graph_f::kMetaInfoDef:
          AIGIS_RETURN_IF_ERROR(ParseMetaInfo(f, idx));
          break;
        case meta_graph_f::kGraphDef: {
          Status st = ParseGraph(f.bytes, f.data_offset, idx);
          if (st.code() == StatusCode::kLimitExceeded) return st;
          Guard(std::move(st), "meta_graph " + std::to_string(idx) + " graph_def");
          break;
        }
        case meta_graph_f::kSaverDef:
          AIGIS_RETURN_IF_ERROR(ParseSaver(f, idx));
          break;
        case meta_graph_f::kAssetFileDef:
          AIGIS_RETURN_IF_ERROR(ParseAsset(f, idx));
          break;
        default:
          break;  // collection_def, signature_def, object_graph_def: no ops in them
      }
    }
    return Status::Ok();
  }

  Status ParseMetaInfo(const WireField& outer, int32_t idx) {
    WireReader r(outer.bytes, outer.data_offset);
    WireField f;
    TfMetaGraph& mg = m_.meta_graphs[static_cast<size_t>(idx)];
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.type != WireType::kLen) continue;
      if (f.number == meta_info_f::kTags && mg.tags.size() < 64) mg.tags.push_back(Cut(f.str()));
      if (f.number == meta_info_f::kTensorflowVersion) mg.tensorflow_version = Cut(f.str());
    }
    return Status::Ok();
  }

  Status ParseSaver(const WireField& outer, int32_t idx) {
    WireReader r(outer.bytes, outer.data_offset);
    WireField f;
    TfMetaGraph& mg = m_.meta_graphs[static_cast<size_t>(idx)];
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.type != WireType::kLen) continue;
      if (f.number == saver_f::kFilenameTensor) mg.saver_filename_tensor = Cut(f.str());
      if (f.number == saver_f::kSaveTensor) mg.saver_save_tensor = Cut(f.str());
      if (f.number == saver_f::kRestoreOp) mg.saver_restore_op = Cut(f.str());
    }
    return Status::Ok();
  }

  Status ParseAsset(const WireField& outer, int32_t idx) {
    WireReader r(outer.bytes, outer.data_offset);
    WireField f;
    TfMetaGraph& mg = m_.meta_graphs[static_cast<size_t>(idx)];
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.number == asset_f::kFilename && f.type == WireType::kLen &&
          mg.asset_files.size() < limits_.max_strings) {
        mg.asset_files.push_back(Cut(f.str()));
      }
    }
    return Status::Ok();
  }

  // GraphDef: nodes, then the function library. A malformed node or function is recorded and
  // skipped; the siblings are still read.
  Status ParseGraph(ByteView data, uint64_t base, int32_t meta_graph) {
    WireReader r(data, base);
    WireField f;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.number == graph_f::kVersions && f.type == WireType::kLen && m_.graph_producer == 0) {
        WireReader vr(f.bytes, f.data_offset);
        WireField v;
        auto vm = vr.Next(&v);
        if (vm.ok() && *vm && v.number == 1 && v.type == WireType::kVarint) {
          m_.graph_producer = v.as_int64();
        }
      }
      if (f.type != WireType::kLen) continue;
      if (f.number == graph_f::kNode) {
        Status st = ParseNode(f, -1, meta_graph);
        if (st.code() == StatusCode::kLimitExceeded) return st;
        Guard(std::move(st), "node");
      } else if (f.number == graph_f::kLibrary) {
        AIGIS_RETURN_IF_ERROR(ParseLibrary(f, meta_graph));
      }
    }
    return Status::Ok();
  }

  Status ParseLibrary(const WireField& outer, int32_t meta_graph) {
    WireReader r(outer.bytes, outer.data_offset);
    WireField f;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.number != library_f::kFunction || f.type != WireType::kLen) continue;
      Status st = ParseFunction(f, meta_graph);
      if (st.code() == StatusCode::kLimitExceeded) return st;
      Guard(std::move(st), "function");
    }
    return Status::Ok();
  }

  Status ParseFunction(const WireField& outer, int32_t meta_graph) {
    if (m_.functions.size() >= limits_.max_functions) {
      return Status::LimitExceeded(
          outer.offset,
          "tensorflow: more than " + std::to_string(limits_.max_functions) + " functions");
    }
    TfFunction fn;
    fn.meta_graph = meta_graph;
    fn.offset = outer.offset;
    WireField f;
    // Signature first (its name labels the nodes), then the body.
    WireReader sig_reader(outer.bytes, outer.data_offset);
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, sig_reader.Next(&f));
      if (!more) break;
      if (f.number == function_f::kSignature && f.type == WireType::kLen) {
        WireReader op_def(f.bytes, f.data_offset);
        WireField g;
        while (true) {
          AIGIS_ASSIGN_OR_RETURN(bool m2, op_def.Next(&g));
          if (!m2) break;
          if (g.number == 1 && g.type == WireType::kLen) fn.name = Cut(g.str());
        }
      }
    }
    m_.functions.push_back(std::move(fn));
    auto idx = static_cast<int32_t>(m_.functions.size() - 1);
    WireReader r(outer.bytes, outer.data_offset);
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.number == function_f::kNodeDef && f.type == WireType::kLen) {
        Status st = ParseNode(f, idx, meta_graph);
        if (st.code() == StatusCode::kLimitExceeded) return st;
        Guard(std::move(st), "function '" + m_.functions[static_cast<size_t>(idx)].name + "'");
      }
    }
    return Status::Ok();
  }

  Status ParseNode(const WireField& outer, int32_t function, int32_t meta_graph) {
    if (m_.nodes.size() >= limits_.max_nodes) {
      return Status::LimitExceeded(
          outer.offset, "tensorflow: more than " + std::to_string(limits_.max_nodes) + " nodes");
    }
    TfNode node;
    node.function = function;
    node.meta_graph = meta_graph;
    node.offset = outer.offset;
    std::vector<PendingAttr> stack;
    WireReader r(outer.bytes, outer.data_offset);
    WireField f;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.type != WireType::kLen) continue;
      if (f.number == node_f::kName) node.name = Cut(f.str());
      if (f.number == node_f::kOp) node.op = Cut(f.str());
      if (f.number == node_f::kAttr) AIGIS_RETURN_IF_ERROR(PushAttrEntry(f, 0, &stack));
    }
    m_.nodes.push_back(std::move(node));
    auto node_idx = static_cast<uint32_t>(m_.nodes.size() - 1);
    // Attr values, nested through func attrs, from an explicit stack.
    uint64_t visited = 0;
    while (!stack.empty()) {
      PendingAttr a = std::move(stack.back());
      stack.pop_back();
      if (++visited > limits_.max_attr_values_per_node) {
        return Status::LimitExceeded(a.base, "tensorflow: node has more than " +
                                                 std::to_string(limits_.max_attr_values_per_node) +
                                                 " attr values");
      }
      AIGIS_RETURN_IF_ERROR(ParseAttrValue(a, node_idx, &stack));
    }
    return Status::Ok();
  }

  // map<string, AttrValue> entry: key = 1, value = 2.
  Status PushAttrEntry(const WireField& outer, int depth, std::vector<PendingAttr>* stack) {
    if (depth > limits_.max_attr_depth) {
      return Status::LimitExceeded(outer.offset, "tensorflow: attrs nested deeper than " +
                                                     std::to_string(limits_.max_attr_depth));
    }
    WireReader r(outer.bytes, outer.data_offset);
    WireField f;
    PendingAttr a{ByteView(), 0, depth, std::string()};
    bool has_value = false;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.type != WireType::kLen) continue;
      if (f.number == 1) a.name = Cut(f.str());
      if (f.number == 2) {
        a.data = f.bytes;
        a.base = f.data_offset;
        has_value = true;
      }
    }
    if (has_value) stack->push_back(std::move(a));
    return Status::Ok();
  }

  void NoteString(std::string_view s, const std::string& attr, uint32_t node) {
    bool keep = attr == "output_stream" || LooksLikePathOrUrl(s);
    if (!keep || m_.strings.size() >= limits_.max_strings) return;
    m_.strings.push_back(TfString{Cut(s), attr, node});
  }

  Status ParseStringTensor(const WireField& outer, const std::string& attr, uint32_t node) {
    WireReader r(outer.bytes, outer.data_offset);
    WireField f;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.type != WireType::kLen) continue;
      if (f.number == tensor_f::kStringVal) {
        NoteString(f.str(), attr, node);
      } else {
        m_.payload_bytes_skipped += f.bytes.size();  // tensor_content, packed values, shape
      }
    }
    return Status::Ok();
  }

  // NameAttrList {name = 1, attr = 2 (map<string, AttrValue>)}.
  Status ParseNameAttrList(const WireField& outer, int depth, std::vector<PendingAttr>* stack) {
    WireReader r(outer.bytes, outer.data_offset);
    WireField f;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.type != WireType::kLen) continue;
      if (f.number == name_attr_list_f::kName) referenced_.insert(Cut(f.str()));
      if (f.number == name_attr_list_f::kAttr) {
        AIGIS_RETURN_IF_ERROR(PushAttrEntry(f, depth + 1, stack));
      }
    }
    return Status::Ok();
  }

  Status ParseAttrValue(const PendingAttr& a, uint32_t node, std::vector<PendingAttr>* stack) {
    WireReader r(a.data, a.base);
    WireField f;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.type != WireType::kLen) continue;
      switch (f.number) {
        case attr_f::kS:
          NoteString(f.str(), a.name, node);
          break;
        case attr_f::kTensor:
          AIGIS_RETURN_IF_ERROR(ParseStringTensor(f, a.name, node));
          break;
        case attr_f::kFunc:
          AIGIS_RETURN_IF_ERROR(ParseNameAttrList(f, a.depth, stack));
          break;
        case attr_f::kList: {
          WireReader lr(f.bytes, f.data_offset);
          WireField g;
          while (true) {
            AIGIS_ASSIGN_OR_RETURN(bool m2, lr.Next(&g));
            if (!m2) break;
            if (g.type != WireType::kLen) continue;
            if (g.number == list_f::kS) NoteString(g.str(), a.name, node);
            if (g.number == list_f::kTensor) {
              AIGIS_RETURN_IF_ERROR(ParseStringTensor(g, a.name, node));
            }
            if (g.number == list_f::kFunc) {
              AIGIS_RETURN_IF_ERROR(ParseNameAttrList(g, a.depth, stack));
            }
          }
          break;
        }
        default:
          break;
      }
    }
    return Status::Ok();
  }

  void Finish() { m_.referenced_functions.assign(referenced_.begin(), referenced_.end()); }

  const TfLimits& limits_;
  TfModel& m_;
  std::set<std::string> referenced_;
};

bool IsIdentChar(uint8_t c, bool first) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_') return true;
  if (first) return false;
  return c >= '0' && c <= '9';
}

// Reads one length-delimited field with the expected tag byte at r; returns its payload view,
// clipped to what `head` holds.
bool ReadLenField(ByteReader& r, uint8_t tag, uint64_t* len, ByteView* payload) {
  auto t = r.ReadU8();
  if (!t.ok() || *t != tag) return false;
  auto l = protobuf::ReadVarint(r);
  if (!l.ok()) return false;
  *len = *l;
  uint64_t avail = std::min<uint64_t>(*l, r.remaining());
  *payload = r.rest().subspan(0, static_cast<size_t>(avail));
  return true;
}

// First NodeDef of a GraphDef: name (field 1) then op (field 2), both identifier-like.
bool LooksLikeNodeDef(ByteView node) {
  ByteReader r(node);
  uint64_t len;
  ByteView name, op;
  if (!ReadLenField(r, 0x0a, &len, &name) || len == 0 || len > 4096 || name.size() != len) {
    return false;
  }
  for (size_t i = 0; i < name.size(); ++i) {
    uint8_t c = name[i];
    bool ok = IsIdentChar(c, false) || c == '.' || c == '/' || c == '>' || c == '-';
    if (!ok) return false;
  }
  (void)r.Skip(len);
  if (!ReadLenField(r, 0x12, &len, &op) || len == 0 || len > 256 || op.size() != len) return false;
  for (size_t i = 0; i < op.size(); ++i) {
    if (!IsIdentChar(op[i], i == 0)) return false;
  }
  return true;
}

}  // namespace

TfModel ParseSavedModel(ByteView data, const TfLimits& limits) {
  TfModel model;
  Parser(limits, model).RunSavedModel(data);
  return model;
}

TfModel ParseGraphDef(ByteView data, const TfLimits& limits) {
  TfModel model;
  Parser(limits, model).RunGraphDef(data);
  return model;
}

GraphKind SniffTensorflowPb(ByteView head, uint64_t size) {
  // Lengths past the end of the file are accepted: a truncated graph is still TensorFlow, and the
  // analyzer reports it malformed.
  (void)size;
  ByteReader r(head);
  if (head.size() >= 2 && head[0] == 0x08) {
    // SavedModel: saved_model_schema_version = 1, then meta_graphs (field 2).
    if (head[1] != 0x01) return GraphKind::kNone;
    (void)r.Skip(2);
    uint64_t len;
    ByteView mg;
    if (!ReadLenField(r, 0x12, &len, &mg) || len == 0) return GraphKind::kNone;
    if (mg.empty() || (mg[0] != 0x0a && mg[0] != 0x12)) return GraphKind::kNone;
    bool ok = protobuf::LooksLikeMessage(mg, UINT64_MAX, 1, 8, [](uint32_t n, WireType t) {
      return n >= meta_graph_f::kMetaInfoDef && n <= meta_graph_f::kObjectGraphDef + 2 &&
             t == WireType::kLen;
    });
    return ok ? GraphKind::kSavedModel : GraphKind::kNone;
  }
  if (!head.empty() && head[0] == 0x0a) {
    uint64_t len;
    ByteView node;
    if (!ReadLenField(r, 0x0a, &len, &node) || len == 0) return GraphKind::kNone;
    return LooksLikeNodeDef(node) ? GraphKind::kGraphDef : GraphKind::kNone;
  }
  return GraphKind::kNone;
}

bool LooksLikePathOrUrl(std::string_view s) {
  if (s.size() < 3) return false;
  // scheme://  (scheme = letter then letters/digits/+.-)
  size_t p = s.find("://");
  if (p != std::string_view::npos && p > 0 && p < 16) {
    bool scheme = (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z');
    for (size_t i = 1; i < p && scheme; ++i) {
      char c = s[i];
      scheme = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '+' || c == '.' || c == '-';
    }
    if (scheme) return true;
  }
  if (s[0] == '/') {
    if (s.rfind("/job:", 0) == 0 || s.rfind("/device:", 0) == 0 || s.rfind("/cpu:", 0) == 0 ||
        s.rfind("/gpu:", 0) == 0) {
      return false;
    }
    // "/x..." with at least one letter after the slash: a path, not an operator like "/".
    return (s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z') || s[1] == '.' ||
           s[1] == '_' || s[1] == '/';
  }
  if (s.size() >= 3 && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')) &&
      s[1] == ':' && (s[2] == '\\' || s[2] == '/')) {
    return true;
  }
  if (s.rfind("\\\\", 0) == 0 || s.rfind("~/", 0) == 0 || s.rfind("../", 0) == 0 ||
      s.rfind("..\\", 0) == 0) {
    return true;
  }
  return false;
}

}  // namespace aigis::formats::savedmodel
