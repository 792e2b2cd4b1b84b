// Scan adapters for TensorFlow graphs: SavedModel (saved_model.pb) and bare GraphDef (.pb).
// Every op of every graph and library function is checked against the op policy
// (rules/tensorflow/), functions named from attrs are resolved, path/URL strings, PrintV2 targets,
// saver ops outside the saver and asset file names are reported (rule ids tensorflow.*).
// Thread safety: stateless; one call per item.
#pragma once

#include "core/bytes.h"
#include "scan/analyzer.h"

namespace aigis::scan {

// AnalyzerFn for saved_model.pb. Sniff with formats::savedmodel::SniffTensorflowPb.
void AnalyzeSavedModel(ByteView data, AnalysisContext& ctx);
// AnalyzerFn for a bare (frozen) GraphDef .pb.
void AnalyzeGraphDef(ByteView data, AnalysisContext& ctx);
// AnalyzerFn for keras_metadata.pb (TF-Keras layer configs inside a SavedModel directory). Flags
// Lambda layers itself and hands every layer's JSON to the Keras config analysis as a child
// (format_hint "keras-config"). Sniff with formats::savedmodel::LooksLikeKerasMetadata.
void AnalyzeKerasMetadata(ByteView data, AnalysisContext& ctx);

}  // namespace aigis::scan
