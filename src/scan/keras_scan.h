// Scan adapters for Keras: turn what formats/keras found into findings (rule ids keras.* and
// hdf5.*) and BOM properties.
//   keras.lambda                (malicious)  Lambda layer / marshalled bytecode anywhere
//   keras.module.denied         (malicious)  module/class names a deny-listed gadget
//   keras.safe-mode-disable     (malicious)  enable_unsafe_deserialization, keras.config.*,
//                                            safe_mode: false
//   keras.torch-module-wrapper  (malicious)  TorchModuleWrapper; its decoded torch payload is
//                                            queued as a child item for the pickle engine
//   keras.module.unknown        (suspicious) module outside the allow-list (CVE-2025-1550)
//   keras.custom-object         (suspicious) registered custom object of a non-Keras package
//   keras.file-path             (suspicious) vocabulary/file fields holding paths or URLs
//   keras.malformed / keras.limit (suspicious) config did not parse / hit a KerasLimits bound
//   hdf5.external-link, hdf5.external-storage (suspicious) data read from other files on load
//   hdf5.malformed / hdf5.limit (suspicious)
// Thread safety: stateless; one call per item.
#pragma once

#include "core/bytes.h"
#include "scan/analyzer.h"

namespace aigis::scan {

// AnalyzerFn for a Keras config JSON: config.json inside a .keras zip (the zip analyzer hints it
// "keras-config") or keras_metadata.pb-like JSON. Format "keras".
void AnalyzeKerasConfig(ByteView config_json, AnalysisContext& ctx);

// AnalyzerFn for HDF5 files. With a model_config root attribute (legacy Keras .h5): format
// "keras-h5" and the config is walked like config.json. Otherwise format "hdf5" (e.g. a .keras
// archive's model.weights.h5): properties only, plus findings for links/storage outside the file.
void AnalyzeHdf5(ByteView data, AnalysisContext& ctx);

}  // namespace aigis::scan
