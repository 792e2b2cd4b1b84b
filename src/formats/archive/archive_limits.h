// Limits for tar/7z listing and extraction (formats/archive). Plain value; thread-compatible.
#pragma once

#include <cstdint>

namespace aigis::formats::archive {

struct ArchiveLimits {
  // Model bundles hold hundreds of files; 100k bounds the listing at a few tens of MB.
  uint64_t max_entries = 100'000;
  // One regular file's bytes kept in memory: 4 GiB covers a legacy PyTorch storage blob.
  uint64_t max_entry_bytes = 4ull << 30;
  // All kept file bytes together (7z can be a bomb): 16 GiB.
  uint64_t max_total_bytes = 16ull << 30;
  // GNU/pax allow unbounded names; PATH_MAX on Linux is 4096.
  uint32_t max_name_bytes = 4096;
};

}  // namespace aigis::formats::archive
