// Limits for whole-stream decompression (formats/compress). Plain value type; thread-compatible.
#pragma once

#include <cstdint>

namespace aigis::formats::compress {

struct DecompressLimits {
  // joblib-compressed pickles with inline arrays reach a few GiB; 4 GiB bounds memory.
  uint64_t max_output_bytes = 4ull << 30;
  // Real pickles/weights compress < 20:1; zstd/xz can reach >1000:1 only on padding: a bomb.
  uint64_t max_ratio = 200;
  // The ratio check starts after this much output so tiny compressible files are not flagged.
  uint64_t ratio_min_bytes = 1 << 20;
  // Concatenated gzip members (Python's gzip reads them all); caps per-member overhead loops.
  uint32_t max_gzip_members = 1024;
  // xz/lzma decoder memory (dictionary); xz -9 needs 65 MiB, so 256 MiB is generous.
  uint64_t max_lzma_memory = 256ull << 20;
  // zstd window; the format's default max for decoders is 128 MiB (windowLog 27).
  uint32_t max_zstd_window_log = 27;
};

}  // namespace aigis::formats::compress
