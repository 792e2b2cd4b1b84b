// Limits for the ONNX model reader (formats/onnx). Every hostile-input cost is capped here; hitting
// one is recorded as a kLimitExceeded issue and parsing stops at that point (what was found before
// is kept). Plain value type; thread-compatible.
#pragma once

#include <cstdint>

namespace aigis::formats::onnx {

struct OnnxLimits {
  // If/Loop/Scan bodies nest a few levels in real exports; 64 is far past any real model and keeps
  // the scope strings short.
  int max_graph_depth = 64;
  // Graphs in the whole model (main + subgraphs + training graphs). Real models: < 1000.
  uint64_t max_graphs = 100'000;
  // Nodes across all graphs and functions. Large LLM exports have ~100k nodes.
  uint64_t max_nodes = 10'000'000;
  // Tensors (initializers and attribute tensors) across the model. LLMs: a few thousand.
  uint64_t max_tensors = 5'000'000;
  // Local functions (ModelProto.functions). Real models: < 100.
  uint64_t max_functions = 100'000;
  // External-data references recorded (each is later checked against the file system).
  uint64_t max_external_refs = 1'000'000;
  // key/value entries on one tensor's external_data; the spec defines 5 keys.
  uint64_t max_external_entries = 64;
  // metadata_props entries kept (free-form key/values; exporters write a handful).
  uint64_t max_metadata_props = 1024;
  // Distinct (domain, op_type) pairs outside the standard domains that are recorded.
  uint64_t max_custom_op_kinds = 10'000;
  // Bytes of one recorded string (names, locations); longer ones are cut (PATH_MAX is 4096).
  uint64_t max_string_bytes = 4096;
  // Issues recorded before further ones are dropped (one malformed model can have many).
  uint64_t max_issues = 64;
};

}  // namespace aigis::formats::onnx
