// Scan adapter for ONNX models: turns what formats/onnx found into findings (rule ids onnx.*) and
// BOM properties. External-data locations are checked as text always, and on disk (symlinks,
// containment in the model's directory, target size) when the item is a file on disk.
// Thread safety: stateless; one call per item.
#pragma once

#include "core/bytes.h"
#include "scan/analyzer.h"

namespace aigis::scan {

// AnalyzerFn for ONNX ModelProto files (.onnx). Sniff with formats::onnx::LooksLikeOnnx.
void AnalyzeOnnx(ByteView data, AnalysisContext& ctx);

}  // namespace aigis::scan
