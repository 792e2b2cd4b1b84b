// Limits for the TensorFlow SavedModel / GraphDef reader (formats/savedmodel). Hitting one is a
// kLimitExceeded issue; parsing stops there and what was read before is kept.
// Plain value type; thread-compatible.
#pragma once

#include <cstdint>

namespace aigis::formats::savedmodel {

struct TfLimits {
  // MetaGraphDefs in one SavedModel; real ones have 1-3 (one per tag set).
  uint64_t max_meta_graphs = 256;
  // NodeDefs across the graph and every function. Big SavedModels have ~1M (function bodies
  // repeat per concrete function); 20M bounds memory at ~2 GB of node records.
  uint64_t max_nodes = 20'000'000;
  // FunctionDefs in all libraries; TF2 models have hundreds to tens of thousands.
  uint64_t max_functions = 1'000'000;
  // AttrValue nesting through func attrs (NameAttrList.attr -> AttrValue -> ...). Real graphs
  // nest 1-3 levels; TF itself has no cap, so 32 is generous and bounds the explicit stack.
  int max_attr_depth = 32;
  // AttrValues visited in one node (list(func) and nested attrs multiply); bounds per-node work.
  uint64_t max_attr_values_per_node = 100'000;
  // Path/URL-like strings recorded (each may become a finding).
  uint64_t max_strings = 100'000;
  // Bytes kept of one recorded string (names, ops, paths). PATH_MAX is 4096.
  uint64_t max_string_bytes = 4096;
  // Issues recorded before further ones are dropped.
  uint64_t max_issues = 64;
};

}  // namespace aigis::formats::savedmodel
