// Limits for the safetensors header reader (formats/safetensors). Plain value type.
#pragma once

#include <cstdint>

namespace aigis::formats::safetensors {

struct SafetensorsLimits {
  // The reference implementation's MAX_HEADER_SIZE (HeaderTooLarge above it).
  uint64_t max_header_bytes = 100'000'000;
  // The largest real checkpoints hold ~100k tensors; a 100 MB header cannot describe more than
  // ~2M entries anyway. Caps the tensor table's memory.
  uint64_t max_tensors = 2'000'000;
  // Real tensors have rank <= 8; thousands of dimensions are a parser-bomb, not a tensor.
  uint32_t max_rank = 32;
  // Legit headers nest 3 levels (root / tensor / shape); deeper is hostile. Bounds the JSON walk.
  uint32_t max_json_depth = 16;
  // __metadata__ entries: real files have < 100 ("format": "pt", training parameters).
  uint64_t max_metadata_entries = 100'000;
  // Not a hard limit: metadata strings above this size are reported as odd (payload smuggling).
  uint64_t large_metadata_string_bytes = 64 * 1024;
  // Duplicate keys reported one by one up to this count, then summarised.
  uint32_t max_reported_duplicates = 16;
};

}  // namespace aigis::formats::safetensors
