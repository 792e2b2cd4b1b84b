// Scan adapter for GGUF files and chat templates: header/tensor-info issues, Jinja SSTI analysis
// of tokenizer.chat_template and tokenizer.chat_template.<name>, odd metadata strings, BOM facts.
// Headers only: tensor data is never read. Thread safety: stateless.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/bytes.h"
#include "scan/analyzer.h"

namespace aigis::scan {

// AnalyzerFn. Rules: gguf.<issue> (suspicious), gguf.metadata.code (suspicious),
// template.* (see AnalyzeChatTemplate). Properties: gguf.version, architecture, name, license,
// parameters, tensors, quantization, dtypes, chat_templates.
void AnalyzeGguf(ByteView data, AnalysisContext& ctx);

// Runs the Jinja SSTI analysis on one template; finding offsets are base_offset + offset in
// the template (pass the template's position in the item, or 0 when unknown).
// Rules: template.ssti.* (malicious for dunder/gadget/dangerous calls, suspicious for
// obfuscation hints), template.dos.*, template.limit, template.syntax.
void AnalyzeChatTemplate(std::string_view tmpl, AnalysisContext& ctx, uint64_t base_offset);

// AnalyzerFn for a stand-alone template file (chat_template.jinja).
void AnalyzeChatTemplateFile(ByteView data, AnalysisContext& ctx);

// Sniffer: "GGUF" magic and a little-endian version 1..3.
bool LooksLikeGguf(ByteView head);

}  // namespace aigis::scan
