// Fuzz target for the GGUF header reader.
#include <cstddef>
#include <cstdint>

#include "formats/gguf/gguf_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace gg = aigis::formats::gguf;
  gg::GgufLimits limits;
  limits.max_kv = 4096;  // small limits: spend time on structure, not size
  limits.max_tensors = 4096;
  limits.max_string_bytes = 1 << 16;
  limits.max_array_depth = 4;
  aigis::ByteView in(data, size);
  gg::GgufFile f = gg::ReadGguf(in, limits);
  (void)f.FindString("tokenizer.chat_template");
  (void)gg::LooksLikeGguf(in);
  return 0;
}
