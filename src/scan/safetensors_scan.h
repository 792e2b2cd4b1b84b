// Scan adapter for safetensors files: header validation issues, odd __metadata__ and BOM facts.
// Headers only: reads the first 8+N bytes of `data`; tensor bytes are never touched. Bytes after
// the last tensor (a polyglot payload) are handed back as a child item so the scanner sniffs them.
// Thread safety: stateless.
#pragma once

#include <cstdint>

#include "core/bytes.h"
#include "scan/analyzer.h"

namespace aigis::scan {

// AnalyzerFn. Rules: safetensors.<issue> (suspicious), safetensors.metadata.code,
// safetensors.metadata.large (suspicious). Properties: tensors, parameters, dtypes.
void AnalyzeSafetensors(ByteView data, AnalysisContext& ctx);

// Sniffer: plausible header length (<= file size, <= 100 MB) and a JSON object start.
bool LooksLikeSafetensors(ByteView head, uint64_t size);

}  // namespace aigis::scan
