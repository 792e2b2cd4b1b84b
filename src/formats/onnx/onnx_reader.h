// Reads an ONNX ModelProto (onnx/onnx.proto, IR v3-v10) straight from the protobuf wire format and
// keeps what a security scan and an AI-BOM need: model facts (IR version, opsets, producer,
// parameter count, dtypes), every tensor that points at external data (with where it sits), and
// every operator used from a non-standard domain. Subgraphs (If/Loop/Scan attribute graphs,
// training graphs) and model-local functions are walked from an explicit work list, never by
// recursion; tensor payloads (raw_data) are never copied.
//
// Thread safety: pure functions. Ownership: the returned model owns copies of every string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/onnx/onnx_limits.h"

namespace aigis::formats::onnx {

struct OpsetImport {
  std::string domain;  // "" is the default ai.onnx domain
  int64_t version = 0;
};

// A TensorProto whose data lives outside the model file (onnx.proto TensorProto.external_data,
// data_location = EXTERNAL).
struct ExternalDataRef {
  std::string tensor_name;
  std::string scope;    // where the tensor sits: "graph 'main' > node 'If_0' > then_branch"
  uint64_t offset = 0;  // byte offset of the TensorProto in the model file
  bool marked_external = false;  // data_location == EXTERNAL (1)
  bool has_raw_data = false;     // raw_data is present too (the spec requires it empty)
  std::vector<std::pair<std::string, std::string>> entries;  // key/value in file order
  // Bytes the dims and data_type imply (0 when unknown, e.g. strings or overflow).
  uint64_t expected_bytes = 0;

  // Value of the first entry with `key`, or nullptr.
  const std::string* Find(std::string_view key) const;
};

// Nodes using an operator from a domain outside the ONNX standard set.
struct CustomOpUse {
  std::string domain;
  std::string op_type;
  uint64_t count = 0;
  uint64_t first_offset = 0;    // NodeProto offset of the first use
  bool local_function = false;  // defined by a FunctionProto in this model
};

struct OnnxModel {
  bool has_ir_version = false;
  int64_t ir_version = 0;
  std::string producer_name;
  std::string producer_version;
  std::string model_domain;
  int64_t model_version = 0;
  std::string graph_name;  // main graph
  std::vector<OpsetImport> opset_imports;
  std::vector<std::pair<std::string, std::string>> metadata_props;

  uint64_t graphs = 0;  // main + subgraphs + training graphs
  uint64_t nodes = 0;
  uint64_t initializers = 0;
  uint64_t functions = 0;
  // Elements over all dense initializers in every graph (dims product).
  uint64_t parameter_count = 0;
  bool parameter_count_overflow = false;
  std::vector<int32_t> dtypes;  // distinct TensorProto.DataType of initializers, sorted

  std::vector<ExternalDataRef> external_data;
  std::vector<CustomOpUse> custom_ops;  // sorted by (domain, op_type)

  // Tensor payload bytes (raw_data, float_data, ...) skipped without being read; the rest of the
  // file was examined.
  uint64_t payload_bytes_skipped = 0;

  // Malformed parts and limits hit. Parsing continued with the next part after each.
  std::vector<Status> issues;
};

// Parses `data` as a ModelProto. Never fails as a whole: anything unreadable is recorded in
// `issues` and what was read before it is kept. An input that is not ONNX at all yields an empty
// model with an issue.
OnnxModel ParseOnnxModel(ByteView data, const OnnxLimits& limits = {});

// Cheap sniff from the first bytes of a file of `size` bytes: a ModelProto starts with ir_version
// (field 1, a small varint) and its first fields are all ModelProto fields of the right wire type,
// including graph (7) or opset_import (8). A length running past the end of the file is accepted
// (a truncated model is still ONNX, and the analyzer reports it malformed).
bool LooksLikeOnnx(ByteView head, uint64_t size);

// "", "ai.onnx", "ai.onnx.ml", "ai.onnx.training", "ai.onnx.preview.training".
bool IsStandardDomain(std::string_view domain);
// Domains of ONNX Runtime's and PyTorch's own contrib operators (com.microsoft, ...): known code
// shipped with the runtime, not user-supplied kernels.
bool IsRuntimeContribDomain(std::string_view domain);

// "FLOAT", "INT64", ... for TensorProto.DataType; "TYPE_<n>" for unknown values.
std::string DataTypeName(int32_t type);
// Bytes per element, 0 for variable-size (STRING) or unknown types.
uint32_t DataTypeSize(int32_t type);

}  // namespace aigis::formats::onnx
