#include "formats/onnx/onnx_reader.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "core/checked_math.h"
#include "formats/protobuf/wire_reader.h"

namespace aigis::formats::onnx {

namespace {

using protobuf::WireField;
using protobuf::WireReader;
using protobuf::WireType;

// Field numbers from onnx/onnx.proto (IR version 10).
namespace model_f {
constexpr uint32_t kIrVersion = 1, kProducerName = 2, kProducerVersion = 3, kDomain = 4,
                   kModelVersion = 5, kDocString = 6, kGraph = 7, kOpsetImport = 8,
                   kMetadataProps = 14, kTrainingInfo = 20, kFunctions = 25;
}
namespace graph_f {
constexpr uint32_t kNode = 1, kName = 2, kInitializer = 5, kSparseInitializer = 15;
}
namespace node_f {
constexpr uint32_t kName = 3, kOpType = 4, kAttribute = 5, kDomain = 7;
}
namespace attr_f {
constexpr uint32_t kName = 1, kT = 5, kG = 6, kTensors = 10, kGraphs = 11, kSparseTensor = 22,
                   kSparseTensors = 23;
}
namespace tensor_f {
constexpr uint32_t kDims = 1, kDataType = 2, kName = 8, kRawData = 9, kExternalData = 13,
                   kDataLocation = 14;
}
namespace sparse_f {
constexpr uint32_t kValues = 1, kIndices = 2;
}
namespace function_f {
constexpr uint32_t kName = 1, kNode = 7, kDomain = 10;
}
namespace training_f {
constexpr uint32_t kInitialization = 1, kAlgorithm = 2;
}
constexpr uint64_t kDataLocationExternal = 1;

enum class ItemKind : uint8_t { kGraph, kFunction, kTrainingInfo };

struct Item {
  ItemKind kind;
  ByteView data;
  uint64_t base;
  int depth;          // graph nesting depth (main graph = 0)
  std::string scope;  // human-readable path to this item
};

class Parser {
 public:
  Parser(const OnnxLimits& limits, OnnxModel& model) : limits_(limits), m_(model) {}

  void Run(ByteView data) {
    ParseModel(data);
    while (!work_.empty() && !stopped_) {
      Item item = std::move(work_.front());
      work_.pop_front();
      Status st;
      switch (item.kind) {
        case ItemKind::kGraph:
          st = ParseGraph(item);
          break;
        case ItemKind::kFunction:
          st = ParseFunction(item);
          break;
        case ItemKind::kTrainingInfo:
          st = ParseTrainingInfo(item);
          break;
      }
      if (!st.ok()) Issue(std::move(st), item.scope);
    }
    Finish();
  }

 private:
  std::string Cut(std::string_view s) const {
    return std::string(
        s.substr(0, static_cast<size_t>(std::min<uint64_t>(s.size(), limits_.max_string_bytes))));
  }

  void Issue(Status st, const std::string& scope) {
    if (st.code() == StatusCode::kLimitExceeded) stopped_ = true;
    if (m_.issues.size() >= limits_.max_issues) return;
    if (scope.empty()) {
      m_.issues.push_back(std::move(st));
    } else if (st.code() == StatusCode::kLimitExceeded) {
      m_.issues.push_back(Status::LimitExceeded(st.offset(), scope + ": " + st.message()));
    } else {
      m_.issues.push_back(Status::Malformed(st.offset(), scope + ": " + st.message()));
    }
  }

  Status PushGraph(ByteView data, uint64_t base, int depth, std::string scope) {
    if (depth > limits_.max_graph_depth) {
      return Status::LimitExceeded(
          base, "onnx: subgraphs nested deeper than " + std::to_string(limits_.max_graph_depth));
    }
    if (++m_.graphs > limits_.max_graphs) {
      return Status::LimitExceeded(
          base, "onnx: more than " + std::to_string(limits_.max_graphs) + " graphs");
    }
    work_.push_back(Item{ItemKind::kGraph, data, base, depth, std::move(scope)});
    return Status::Ok();
  }

  void ParseModel(ByteView data) {
    WireReader r(data);
    WireField f;
    bool any = false;
    while (true) {
      auto more = r.Next(&f);
      if (!more.ok()) {
        Issue(more.status(), any ? "model" : "");
        return;
      }
      if (!*more) break;
      any = true;
      Status st;
      switch (f.number) {
        case model_f::kIrVersion:
          if (f.type == WireType::kVarint) {
            m_.has_ir_version = true;
            m_.ir_version = f.as_int64();
          }
          break;
        case model_f::kProducerName:
          if (f.type == WireType::kLen) m_.producer_name = Cut(f.str());
          break;
        case model_f::kProducerVersion:
          if (f.type == WireType::kLen) m_.producer_version = Cut(f.str());
          break;
        case model_f::kDomain:
          if (f.type == WireType::kLen) m_.model_domain = Cut(f.str());
          break;
        case model_f::kModelVersion:
          if (f.type == WireType::kVarint) m_.model_version = f.as_int64();
          break;
        case model_f::kGraph:
          if (f.type == WireType::kLen) st = PushGraph(f.bytes, f.data_offset, 0, "");
          break;
        case model_f::kOpsetImport:
          if (f.type == WireType::kLen) st = ParseOpset(f);
          break;
        case model_f::kMetadataProps:
          if (f.type == WireType::kLen) {
            std::string k, v;
            st = ParseEntry(f, &k, &v);
            if (st.ok() && m_.metadata_props.size() < limits_.max_metadata_props) {
              m_.metadata_props.emplace_back(std::move(k), std::move(v));
            }
          }
          break;
        case model_f::kTrainingInfo:
          if (f.type == WireType::kLen) {
            work_.push_back(
                Item{ItemKind::kTrainingInfo, f.bytes, f.data_offset, 0, "training_info"});
          }
          break;
        case model_f::kFunctions:
          if (f.type == WireType::kLen) {
            if (++m_.functions > limits_.max_functions) {
              st = Status::LimitExceeded(
                  f.offset,
                  "onnx: more than " + std::to_string(limits_.max_functions) + " functions");
            } else {
              work_.push_back(Item{ItemKind::kFunction, f.bytes, f.data_offset, 0, "function"});
            }
          }
          break;
        default:
          break;  // doc_string and fields we do not need
      }
      if (!st.ok()) {
        Issue(std::move(st), "model");
        if (stopped_) return;
      }
    }
    if (!any) Issue(Status::Malformed(0, "onnx: empty model"), "");
  }

  Status ParseOpset(const WireField& outer) {
    WireReader r(outer.bytes, outer.data_offset);
    WireField f;
    OpsetImport op;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.number == 1 && f.type == WireType::kLen) op.domain = Cut(f.str());
      if (f.number == 2 && f.type == WireType::kVarint) op.version = f.as_int64();
    }
    if (m_.opset_imports.size() < limits_.max_custom_op_kinds) {
      m_.opset_imports.push_back(std::move(op));
    }
    return Status::Ok();
  }

  // StringStringEntryProto {key = 1, value = 2}.
  Status ParseEntry(const WireField& outer, std::string* key, std::string* value) {
    WireReader r(outer.bytes, outer.data_offset);
    WireField f;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.number == 1 && f.type == WireType::kLen) *key = Cut(f.str());
      if (f.number == 2 && f.type == WireType::kLen) *value = Cut(f.str());
    }
    return Status::Ok();
  }

  Status ParseGraph(const Item& item) {
    WireField f;
    // The name (field 2) is serialized after the nodes (field 1); find it first for the scope.
    std::string name;
    WireReader names(item.data, item.base);
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, names.Next(&f));
      if (!more) break;
      if (f.number == graph_f::kName && f.type == WireType::kLen) name = Cut(f.str());
    }
    if (item.depth == 0 && item.scope.empty()) m_.graph_name = name;
    std::string scope = item.scope + (item.scope.empty() ? "" : " > ") + "graph '" + name + "'";
    WireReader r(item.data, item.base);
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.type != WireType::kLen) continue;
      switch (f.number) {
        case graph_f::kNode:
          AIGIS_RETURN_IF_ERROR(ParseNode(f, item.depth, scope));
          break;
        case graph_f::kInitializer:
          AIGIS_RETURN_IF_ERROR(ParseTensor(f, /*initializer=*/true, scope));
          break;
        case graph_f::kSparseInitializer:
          AIGIS_RETURN_IF_ERROR(ParseSparseTensor(f, scope));
          break;
        default:
          break;
      }
    }
    return Status::Ok();
  }

  Status ParseFunction(const Item& item) {
    WireReader r(item.data, item.base);
    WireField f;
    std::string name, domain;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.type != WireType::kLen) continue;
      if (f.number == function_f::kName) name = Cut(f.str());
      if (f.number == function_f::kDomain) domain = Cut(f.str());
    }
    local_functions_.insert(domain + '\0' + name);
    std::string scope = "function '" + domain + (domain.empty() ? "" : ".") + name + "'";
    // Second pass for the nodes, now that the scope name is known (name/domain may follow them).
    WireReader r2(item.data, item.base);
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r2.Next(&f));
      if (!more) break;
      if (f.number == function_f::kNode && f.type == WireType::kLen) {
        AIGIS_RETURN_IF_ERROR(ParseNode(f, 0, scope));
      }
    }
    return Status::Ok();
  }

  Status ParseTrainingInfo(const Item& item) {
    WireReader r(item.data, item.base);
    WireField f;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.type != WireType::kLen) continue;
      if (f.number == training_f::kInitialization) {
        AIGIS_RETURN_IF_ERROR(PushGraph(f.bytes, f.data_offset, 1, "training_info initialization"));
      } else if (f.number == training_f::kAlgorithm) {
        AIGIS_RETURN_IF_ERROR(PushGraph(f.bytes, f.data_offset, 1, "training_info algorithm"));
      }
    }
    return Status::Ok();
  }

  struct PendingGraph {
    ByteView data;
    uint64_t base;
    std::string attr;
  };

  Status ParseNode(const WireField& outer, int depth, const std::string& scope) {
    if (++m_.nodes > limits_.max_nodes) {
      return Status::LimitExceeded(
          outer.offset, "onnx: more than " + std::to_string(limits_.max_nodes) + " nodes");
    }
    WireReader r(outer.bytes, outer.data_offset);
    WireField f;
    std::string_view name, op_type, domain;
    std::vector<PendingGraph> subgraphs;
    std::vector<WireField> attrs;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.type != WireType::kLen) continue;
      switch (f.number) {
        case node_f::kName:
          name = f.str();
          break;
        case node_f::kOpType:
          op_type = f.str();
          break;
        case node_f::kDomain:
          domain = f.str();
          break;
        case node_f::kAttribute:
          attrs.push_back(f);
          break;
        default:
          break;
      }
    }
    std::string node_scope = scope + " > node '" + Cut(name.empty() ? op_type : name) + "'";
    for (const WireField& a : attrs) {
      AIGIS_RETURN_IF_ERROR(ParseAttribute(a, node_scope, &subgraphs));
    }
    for (PendingGraph& g : subgraphs) {
      AIGIS_RETURN_IF_ERROR(PushGraph(g.data, g.base, depth + 1, node_scope + " > " + g.attr));
    }
    if (!IsStandardDomain(domain)) {
      std::string key = Cut(domain) + '\0' + Cut(op_type);
      auto it = custom_.find(key);
      if (it != custom_.end()) {
        ++it->second.count;
      } else if (custom_.size() < limits_.max_custom_op_kinds) {
        CustomOpUse use;
        use.domain = Cut(domain);
        use.op_type = Cut(op_type);
        use.count = 1;
        use.first_offset = outer.offset;
        custom_.emplace(std::move(key), std::move(use));
      } else {
        return Status::LimitExceeded(outer.offset, "onnx: more than " +
                                                       std::to_string(limits_.max_custom_op_kinds) +
                                                       " custom operator kinds");
      }
    }
    return Status::Ok();
  }

  Status ParseAttribute(const WireField& outer, const std::string& scope,
                        std::vector<PendingGraph>* subgraphs) {
    WireReader r(outer.bytes, outer.data_offset);
    WireField f;
    std::string attr_name;
    std::vector<WireField> graphs;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.type != WireType::kLen) continue;
      switch (f.number) {
        case attr_f::kName:
          attr_name = Cut(f.str());
          break;
        case attr_f::kT:
        case attr_f::kTensors:
          AIGIS_RETURN_IF_ERROR(ParseTensor(f, /*initializer=*/false, scope));
          break;
        case attr_f::kSparseTensor:
        case attr_f::kSparseTensors:
          AIGIS_RETURN_IF_ERROR(ParseSparseTensor(f, scope));
          break;
        case attr_f::kG:
        case attr_f::kGraphs:
          graphs.push_back(f);
          break;
        default:
          break;
      }
    }
    for (const WireField& g : graphs) {
      subgraphs->push_back(PendingGraph{g.bytes, g.data_offset, "attribute '" + attr_name + "'"});
    }
    return Status::Ok();
  }

  Status ParseSparseTensor(const WireField& outer, const std::string& scope) {
    WireReader r(outer.bytes, outer.data_offset);
    WireField f;
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      if (f.type == WireType::kLen &&
          (f.number == sparse_f::kValues || f.number == sparse_f::kIndices)) {
        AIGIS_RETURN_IF_ERROR(ParseTensor(f, /*initializer=*/false, scope));
      }
    }
    return Status::Ok();
  }

  Status ParseTensor(const WireField& outer, bool initializer, const std::string& scope) {
    if (++tensors_ > limits_.max_tensors) {
      return Status::LimitExceeded(
          outer.offset, "onnx: more than " + std::to_string(limits_.max_tensors) + " tensors");
    }
    WireReader r(outer.bytes, outer.data_offset);
    WireField f;
    ExternalDataRef ref;
    ref.offset = outer.offset;
    int32_t data_type = 0;
    uint64_t elements = 1;
    bool overflow = false;
    bool negative_dim = false;
    auto add_dim = [&](uint64_t raw) {
      auto d = static_cast<int64_t>(raw);
      if (d < 0) {
        negative_dim = true;
        return true;
      }
      auto prod = CheckedMul(elements, static_cast<uint64_t>(d));
      if (!prod)
        overflow = true;
      else
        elements = *prod;
      return true;
    };
    while (true) {
      AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
      if (!more) break;
      switch (f.number) {
        case tensor_f::kDims:
          if (f.type == WireType::kVarint) {
            add_dim(f.value);
          } else if (f.type == WireType::kLen) {  // packed encoding
            AIGIS_RETURN_IF_ERROR(protobuf::ForEachPackedVarint(f.bytes, f.data_offset, add_dim));
          }
          break;
        case tensor_f::kDataType:
          if (f.type == WireType::kVarint) data_type = static_cast<int32_t>(f.value);
          break;
        case tensor_f::kName:
          if (f.type == WireType::kLen) ref.tensor_name = Cut(f.str());
          break;
        case tensor_f::kRawData:
          if (f.type == WireType::kLen) {
            ref.has_raw_data = true;
            m_.payload_bytes_skipped += f.bytes.size();
          }
          break;
        case tensor_f::kExternalData:
          if (f.type == WireType::kLen) {
            if (ref.entries.size() >= limits_.max_external_entries) {
              return Status::LimitExceeded(f.offset,
                                           "onnx: tensor has more than " +
                                               std::to_string(limits_.max_external_entries) +
                                               " external_data entries");
            }
            std::string k, v;
            AIGIS_RETURN_IF_ERROR(ParseEntry(f, &k, &v));
            ref.entries.emplace_back(std::move(k), std::move(v));
          }
          break;
        case tensor_f::kDataLocation:
          if (f.type == WireType::kVarint) ref.marked_external = f.value == kDataLocationExternal;
          break;
        default:
          // float_data, int32_data, string_data, int64_data, double_data, uint64_data, ...
          if (f.type == WireType::kLen) m_.payload_bytes_skipped += f.bytes.size();
          break;
      }
    }
    if (negative_dim) {
      return Status::Malformed(outer.offset,
                               "onnx: tensor '" + ref.tensor_name + "' has a negative dimension");
    }
    if (!overflow) {
      auto bytes = CheckedMul(elements, DataTypeSize(data_type));
      ref.expected_bytes = bytes ? *bytes : 0;
    }
    if (initializer) {
      ++m_.initializers;
      dtypes_.insert(data_type);
      if (overflow) {
        m_.parameter_count_overflow = true;
      } else {
        auto sum = CheckedAdd(m_.parameter_count, elements);
        if (!sum)
          m_.parameter_count_overflow = true;
        else
          m_.parameter_count = *sum;
      }
    }
    if (ref.marked_external || !ref.entries.empty()) {
      if (m_.external_data.size() >= limits_.max_external_refs) {
        return Status::LimitExceeded(outer.offset, "onnx: more than " +
                                                       std::to_string(limits_.max_external_refs) +
                                                       " external-data tensors");
      }
      ref.scope = scope;
      m_.external_data.push_back(std::move(ref));
    }
    return Status::Ok();
  }

  void Finish() {
    m_.dtypes.assign(dtypes_.begin(), dtypes_.end());
    for (auto& [key, use] : custom_) {
      use.local_function = local_functions_.count(key) > 0;
      m_.custom_ops.push_back(std::move(use));
    }
  }

  const OnnxLimits& limits_;
  OnnxModel& m_;
  std::deque<Item> work_;
  std::map<std::string, CustomOpUse> custom_;  // key: domain '\0' op_type (sorted)
  std::set<std::string> local_functions_;      // domain '\0' name
  std::set<int32_t> dtypes_;
  uint64_t tensors_ = 0;
  bool stopped_ = false;
};

}  // namespace

const std::string* ExternalDataRef::Find(std::string_view key) const {
  for (const auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

OnnxModel ParseOnnxModel(ByteView data, const OnnxLimits& limits) {
  OnnxModel model;
  Parser(limits, model).Run(data);
  return model;
}

namespace {

// ModelProto fields and their wire types, for the sniffer.
bool IsModelField(uint32_t n, protobuf::WireType t, bool* saw_graph_or_opset) {
  using protobuf::WireType;
  switch (n) {
    case model_f::kIrVersion:
    case model_f::kModelVersion:
      return t == WireType::kVarint;
    case model_f::kGraph:
    case model_f::kOpsetImport:
      *saw_graph_or_opset = true;
      return t == WireType::kLen;
    case model_f::kProducerName:
    case model_f::kProducerVersion:
    case model_f::kDomain:
    case model_f::kDocString:
    case model_f::kMetadataProps:
    case model_f::kTrainingInfo:
    case model_f::kFunctions:
      return t == WireType::kLen;
    default:
      return false;
  }
}

}  // namespace

bool LooksLikeOnnx(ByteView head, uint64_t size) {
  if (head.size() < 4 || head[0] != 0x08) return false;  // field 1 (ir_version), varint
  // ir_version: 1..10 exist today; allow headroom but reject big numbers (random data).
  if (head[1] == 0 || head[1] > 0x3f) return false;
  // Declared lengths are not held against `size`: a truncated model must still reach the analyzer,
  // which reports it as malformed.
  (void)size;
  bool saw_graph_or_opset = false;
  bool ok = protobuf::LooksLikeMessage(
      head, UINT64_MAX, /*min_fields=*/2, /*max_fields=*/16,
      [&](uint32_t n, protobuf::WireType t) { return IsModelField(n, t, &saw_graph_or_opset); });
  return ok && saw_graph_or_opset;
}

bool IsStandardDomain(std::string_view d) {
  return d.empty() || d == "ai.onnx" || d == "ai.onnx.ml" || d == "ai.onnx.training" ||
         d == "ai.onnx.preview.training";
}

bool IsRuntimeContribDomain(std::string_view d) {
  return d == "com.microsoft" || d == "com.microsoft.nchwc" || d == "com.microsoft.experimental" ||
         d == "com.microsoft.dml" || d == "com.ms.internal.nhwc" || d == "org.pytorch.aten" ||
         d == "pkg.onnxscript.torch_lib" || d == "pkg.onnxscript.torch_lib.common";
}

std::string DataTypeName(int32_t type) {
  static constexpr const char* kNames[] = {
      "UNDEFINED",      "FLOAT",      "UINT8",          "INT8",       "UINT16",   "INT16",
      "INT32",          "INT64",      "STRING",         "BOOL",       "FLOAT16",  "DOUBLE",
      "UINT32",         "UINT64",     "COMPLEX64",      "COMPLEX128", "BFLOAT16", "FLOAT8E4M3FN",
      "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4",      "INT4",     "FLOAT4E2M1"};
  if (type >= 0 && static_cast<size_t>(type) < std::size(kNames)) return kNames[type];
  return "TYPE_" + std::to_string(type);
}

uint32_t DataTypeSize(int32_t type) {
  switch (type) {
    case 2:
    case 3:
    case 9:
    case 17:
    case 18:
    case 19:
    case 20:
      return 1;
    case 4:
    case 5:
    case 10:
    case 16:
      return 2;
    case 1:
    case 6:
    case 12:
      return 4;
    case 7:
    case 11:
    case 13:
    case 14:
      return 8;
    case 15:
      return 16;
    default:
      return 0;  // STRING, sub-byte and unknown types
  }
}

}  // namespace aigis::formats::onnx
