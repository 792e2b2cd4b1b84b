// Limits for the zip reader (formats/zip). Every hostile-input cost is capped here.
// Plain value type; thread-compatible.
#pragma once

#include <cstdint>

namespace aigis::formats::zip {

struct ZipLimits {
  // Real checkpoints hold a few thousand records; 100k keeps the entry table under ~30 MB.
  uint64_t max_entries = 100'000;
  // Names longer than this are not paths a loader will open; PATH_MAX on Linux is 4096.
  uint32_t max_name_bytes = 4096;
  // The format caps an extra field at 65535; PyTorch's alignment padding uses < 64 bytes.
  uint32_t max_extra_bytes = 65535;
  // One decompressed member: 4 GiB covers real pickles and npy members we must look at.
  uint64_t max_entry_uncompressed = 4ull << 30;
  // Whether max_entry_uncompressed also cuts stored members (views of the input, no copy).
  bool cap_stored = true;
  // All Read() calls together on one archive: 16 GiB (bounds a bomb with many members).
  uint64_t max_total_uncompressed = 16ull << 30;
  // Deflate tops out near 1032:1; real weights/pickles compress < 20:1. 200:1 is a bomb.
  uint64_t max_deflate_ratio = 200;
  // The ratio check only applies once output exceeds this, so tiny highly-compressible
  // members (e.g. a zero-filled "version" record) are not flagged.
  uint64_t ratio_min_bytes = 1 << 20;
  // The archive comment field is u16 anyway; larger "comments" are trailing data.
  uint32_t max_comment_bytes = 65535;
};

}  // namespace aigis::formats::zip
