// Limits for the GGUF header reader (formats/gguf). Plain value type.
#pragma once

#include <cstdint>

namespace aigis::formats::gguf {

struct GgufLimits {
  // Real files hold < 100 metadata pairs; 1M bounds the KV table (~100 MB worst case).
  uint64_t max_kv = 1'000'000;
  // Largest real models have ~10k tensors (MoE); 1M bounds the tensor table.
  uint64_t max_tensors = 1'000'000;
  // The spec caps keys at 65535 bytes.
  uint64_t max_key_bytes = 65535;
  // One string value: tokenizer.huggingface.json can embed a whole tokenizer (~20 MB).
  uint64_t max_string_bytes = 256ull << 20;
  // Arrays of arrays: real files never nest; the walk is iterative, this caps its stack.
  uint32_t max_array_depth = 8;
  // String arrays with at most this many entries keep their values (tokenizer.chat_templates);
  // bigger ones (vocabularies) are only counted.
  uint64_t max_kept_array_strings = 1024;
  // GGML_MAX_DIMS; llama.cpp refuses more.
  uint32_t max_dims = 4;
  // GGML_MAX_NAME is 64 including the NUL; longer names are refused by llama.cpp.
  uint64_t max_tensor_name_bytes = 63;
  // Issues of one kind reported one by one up to this count.
  uint32_t max_reported_per_kind = 16;
};

}  // namespace aigis::formats::gguf
