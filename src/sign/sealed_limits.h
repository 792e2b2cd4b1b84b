// Limits for reading sealed files (docs/formats/sealed.md). The chunk size comes from the
// untrusted header and sizes the two chunk buffers, so it is bounded. Plain value type.
#pragma once

#include <cstdint>

namespace aigis::sign {

struct SealedLimits {
  // log2 of the smallest chunk: 4 KiB; smaller chunks waste 16 bytes of tag per few bytes.
  uint8_t min_chunk_shift = 12;
  // log2 of the largest chunk: 64 MiB; unseal holds two chunks in memory (128 MiB worst case).
  uint8_t max_chunk_shift = 26;
};

}  // namespace aigis::sign
