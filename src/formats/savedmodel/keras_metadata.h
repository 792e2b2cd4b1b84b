// Reads keras_metadata.pb, the TF-Keras metadata stored next to saved_model.pb
// (tensorflow/python/keras/protobuf/saved_metadata.proto: SavedMetadata.nodes = 1, SavedObject
// node_id = 2, node_path = 3, identifier = 4, metadata = 5). Each object's metadata is the layer's
// JSON config, which Keras deserialises on load (Lambda layers carry marshalled bytecode,
// CVE-2024-3660). The JSON is returned as views for the Keras config analysis.
//
// Thread safety: pure functions. Ownership: views point into the caller's buffer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/savedmodel/savedmodel_limits.h"

namespace aigis::formats::savedmodel {

struct KerasMetadataObject {
  std::string node_path;   // "root.layer-1"
  std::string identifier;  // "_tf_keras_layer", "_tf_keras_model", ...
  ByteView metadata;       // JSON text, a view into the input
  uint64_t offset = 0;     // of the SavedObject in the file
};

struct KerasMetadata {
  std::vector<KerasMetadataObject> objects;
  std::vector<Status> issues;
};

// Never fails as a whole; see issues. At most limits.max_nodes objects are returned.
KerasMetadata ParseKerasMetadata(ByteView data, const TfLimits& limits = {});

// Sniff: the first field is a SavedObject whose fields are SavedObject fields and the head
// mentions a "_tf_keras_" identifier.
bool LooksLikeKerasMetadata(ByteView head);

}  // namespace aigis::formats::savedmodel
