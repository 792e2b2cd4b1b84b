// Fuzz target for the Jinja lexer and the SSTI template analyser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/jinja/template_analyzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace jj = aigis::formats::jinja;
  jj::JinjaLimits limits;
  limits.max_template_bytes = 1 << 16;  // small limits for throughput
  limits.max_tokens = 20000;
  limits.max_expression_depth = 32;
  limits.max_folded_string = 512;
  (void)jj::AnalyzeTemplate(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  return 0;
}
