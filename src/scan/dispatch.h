// Maps an identified format to its analyzer, and the analyzers for containers (zip, tar/7z,
// compressed streams, .npy) and PyTorch layouts, which are scan-level logic over format readers.
#pragma once

#include <string>

#include "core/bytes.h"
#include "core/scan_result.h"
#include "formats/registry/sniff.h"
#include "scan/analyzer.h"

namespace aigis::scan {

// Identifies `data` (or uses `hint`) and runs the analyzer. Returns false when no analyzer
// understood the content (the item is then reported as not analysed). `*format` gets what was
// identified.
bool DispatchItem(ByteView data, const std::string& hint, const std::string& name,
                  AnalysisContext& ctx, formats::Format* format);

// Container analyzers (scan/container_scan.cc).
void AnalyzeZip(ByteView data, AnalysisContext& ctx);
void AnalyzeCompressed(ByteView data, AnalysisContext& ctx);
void AnalyzeArchive(ByteView data, AnalysisContext& ctx);  // tar, 7z
void AnalyzeNpy(ByteView data, AnalysisContext& ctx);
// A pickle stream that may be a legacy PyTorch checkpoint (magic number + 5 pickles + storages).
void AnalyzePickleOrLegacyTorch(ByteView data, AnalysisContext& ctx);
// A member that holds raw tensor bytes in a PyTorch zip: analysed as a pickle only if it really is
// one (torch.load(pickle_file=...) can load any member).
bool AnalyzeMaybePickle(ByteView data, AnalysisContext& ctx);

// True when `name` ends in an extension used for model files (.pt, .pkl, .safetensors, ...).
bool HasModelExtension(const std::string& name);

// Adds a finding when the file's extension names a different format than its content.
void CheckExtension(const std::string& path, const std::string& content_format, FileReport* out);

}  // namespace aigis::scan
