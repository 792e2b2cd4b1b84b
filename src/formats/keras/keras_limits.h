// Limits for the Keras readers (formats/keras): the config.json walker and the HDF5 reader.
// Every cost a hostile file controls is capped here. Plain value type; thread-compatible.
#pragma once

#include <cstdint>

namespace aigis::formats::keras {

struct KerasLimits {
  // config.json of the largest keras_hub presets is a few MB; an inline 100k-token vocabulary
  // adds ~1 MB. 64 MiB bounds the parsed DOM (roughly 5-10x the text) well under a GiB.
  uint64_t max_config_bytes = 64ull << 20;
  // Real configs nest < 20 levels (model > layer > config > initializer > config); 256 leaves
  // room for deeply nested sub-models while keeping the walker's stack small.
  uint32_t max_depth = 256;
  // JSON values (objects, arrays, scalars). A 100k-token inline vocabulary is ~100k nodes, a
  // 5000-layer Functional model ~500k. 2M keeps the DOM plus walker stack to a few hundred MB.
  uint64_t max_nodes = 2'000'000;
  // Symbol objects (module/class_name) recorded; a large Functional model has a few thousand
  // layers with about five nested objects each.
  uint64_t max_objects = 200'000;
  // Facts of one kind kept per config; more only repeat the same finding.
  uint32_t max_facts = 1000;
  // Decoded base64 payloads (Lambda bytecode, TorchModuleWrapper modules): a wrapped torch
  // module could hold real weights, but 512 MiB inside JSON is abuse.
  uint64_t max_embedded_bytes = 512ull << 20;
  // Evidence strings (paths, values) are cut to this many bytes in findings.
  uint32_t max_evidence_bytes = 200;
  // HDF5 files are copied into libhdf5's in-memory driver, which is not hardened against
  // hostile input; legacy Keras .h5 models and .keras weight files are rarely above 4 GiB.
  uint64_t max_hdf5_bytes = 4ull << 30;
  // One string attribute (model_config, training_config): same reason as max_config_bytes.
  uint64_t max_attribute_bytes = 64ull << 20;
  // Objects (groups + datasets) visited in an HDF5 file; Keras weight files have a few per layer.
  uint64_t max_hdf5_objects = 200'000;
  // Group nesting in an HDF5 file; Keras nests model_weights/<layer>/<layer>/<var>, about 6.
  uint32_t max_hdf5_depth = 64;
  // libhdf5 runs in a child process (core/isolated_call.h) so that a crash or hang in it on a
  // hostile file is a finding, not the end of the scan. Off only in tests that compare.
  bool isolate_hdf5 = true;
  // The child's wall-clock budget: real .h5 models take milliseconds.
  uint32_t hdf5_timeout_ms = 30'000;
  // Memory the child may allocate beyond what it inherited; libhdf5 keeps metadata caches and
  // copies attribute values (model_config up to max_attribute_bytes).
  uint64_t max_hdf5_memory_bytes = 2ull << 30;
};

}  // namespace aigis::formats::keras
