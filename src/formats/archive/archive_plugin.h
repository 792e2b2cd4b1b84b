// The API table that the plugin libaigis_archive.so (archive_libarchive.cc) hands to
// archive_reader.cc. Both sides are built from the same tree with the same compiler, so C++ types
// cross the boundary; the stamp and sizes catch a module left over from another build.
#pragma once

#include <cstdint>

#include "formats/archive/archive_reader.h"

namespace aigis::formats::archive {

inline constexpr uint32_t kArchivePluginAbi = 1;  // bump when ArchiveListing/Limits change

struct ArchivePluginApi {
  uint32_t abi;
  uint32_t listing_size;
  uint32_t limits_size;
  Result<ArchiveListing> (*read)(ByteView data, const ArchiveLimits& limits);
};

}  // namespace aigis::formats::archive
