// Reads TensorFlow graphs straight from the protobuf wire format, without TensorFlow: a SavedModel
// (saved_model.pb: SavedModel -> MetaGraphDef -> GraphDef) or a bare GraphDef (frozen .pb). It
// records every node of every graph and of every library function (op, name, where), the
// functions named by func / list(func) attrs, path- or URL-like strings in attrs and string
// tensors, SaverDef names and asset file names — what an op allow-list check and a BOM need.
// Nested AttrValues are walked with an explicit stack; tensor contents are never copied.
//
// Field numbers: tensorflow/core/protobuf/{saved_model,meta_graph,saver}.proto and
// tensorflow/core/framework/{graph,node_def,attr_value,function,op_def,tensor}.proto.
// Thread safety: pure functions. Ownership: the returned model owns copies of its strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/savedmodel/savedmodel_limits.h"

namespace aigis::formats::savedmodel {

struct TfNode {
  std::string name;
  std::string op;
  int32_t function = -1;  // index into TfModel::functions; -1 = a top-level graph node
  int32_t meta_graph = 0;
  uint64_t offset = 0;  // NodeDef offset in the file
};

struct TfFunction {
  std::string name;  // OpDef signature name
  int32_t meta_graph = 0;
  uint64_t offset = 0;
};

// A string attr value or string-tensor element that looks like a path or URL (see
// LooksLikePathOrUrl), or any value of an attr named "output_stream" (PrintV2's target).
struct TfString {
  std::string value;
  std::string attr;   // attr name ("value" for Const tensors)
  uint32_t node = 0;  // index into TfModel::nodes
};

struct TfMetaGraph {
  std::vector<std::string> tags;
  std::string tensorflow_version;
  std::string saver_filename_tensor;     // SaverDef.filename_tensor_name
  std::string saver_save_tensor;         // SaverDef.save_tensor_name
  std::string saver_restore_op;          // SaverDef.restore_op_name
  std::vector<std::string> asset_files;  // AssetFileDef.filename
};

struct TfModel {
  bool is_saved_model = false;
  int64_t schema_version = 0;
  int64_t graph_producer = 0;            // VersionDef.producer of the first graph
  std::vector<TfMetaGraph> meta_graphs;  // empty for a bare GraphDef
  std::vector<TfFunction> functions;
  std::vector<TfNode> nodes;
  std::vector<TfString> strings;
  std::vector<std::string> referenced_functions;  // from func / list(func) attrs, sorted, unique
  // Tensor payload bytes (tensor_content, numeric values) skipped without being read.
  uint64_t payload_bytes_skipped = 0;
  std::vector<Status> issues;  // malformed parts and limits hit; parsing went on after them
};

// Parses saved_model.pb bytes. Never fails as a whole; see TfModel::issues.
TfModel ParseSavedModel(ByteView data, const TfLimits& limits = {});
// Parses a bare GraphDef (.pb).
TfModel ParseGraphDef(ByteView data, const TfLimits& limits = {});

enum class GraphKind { kNone, kSavedModel, kGraphDef };
// Sniffs the first bytes of a file of `size` bytes. SavedModel: schema version 1 then a
// MetaGraphDef whose first fields are MetaGraphDef fields. GraphDef: a first NodeDef whose name
// and op are identifier-like. Low false positives by design. Lengths past the end of the file are
// accepted (truncated graphs reach the analyzer, which reports them malformed).
GraphKind SniffTensorflowPb(ByteView head, uint64_t size);
// Same, when `data` is the whole file.
inline GraphKind SniffTensorflowPb(ByteView data) { return SniffTensorflowPb(data, data.size()); }
inline bool LooksLikeSavedModel(ByteView head, uint64_t size) {
  return SniffTensorflowPb(head, size) == GraphKind::kSavedModel;
}
inline bool LooksLikeGraphDef(ByteView head, uint64_t size) {
  return SniffTensorflowPb(head, size) == GraphKind::kGraphDef;
}

// True for strings a graph has no business holding: URLs (scheme://), absolute POSIX paths
// outside TF's own device names ("/job:...", "/device:..."), Windows drive/UNC paths, "~/" and
// "../" paths.
bool LooksLikePathOrUrl(std::string_view s);

}  // namespace aigis::formats::savedmodel
