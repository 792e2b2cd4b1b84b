// Fuzz target for the safetensors header reader and the metadata text heuristics.
#include <cstddef>
#include <cstdint>

#include "formats/safetensors/metadata_text.h"
#include "formats/safetensors/safetensors_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace st = aigis::formats::safetensors;
  st::SafetensorsLimits limits;
  limits.max_header_bytes = 1 << 20;  // small limits: spend time on structure, not size
  limits.max_tensors = 4096;
  limits.max_rank = 16;
  aigis::ByteView in(data, size);
  st::SafetensorsHeader h = st::ReadSafetensors(in, limits);
  for (const auto& [k, v] : h.metadata) (void)st::CodeLikeKind(v);
  (void)st::LooksLikeSafetensors(in, size);
  return 0;
}
