#include "formats/archive/archive_reader.h"

#include <zlib.h>

#include <algorithm>
#include <string_view>

#include "core/plugin.h"
#include "formats/archive/archive_plugin.h"

namespace aigis::formats::archive {

std::string_view EntryTypeName(ArchiveEntry::Type type) {
  switch (type) {
    case ArchiveEntry::Type::kFile:
      return "file";
    case ArchiveEntry::Type::kDir:
      return "dir";
    case ArchiveEntry::Type::kSymlink:
      return "symlink";
    case ArchiveEntry::Type::kHardlink:
      return "hardlink";
    case ArchiveEntry::Type::kOther:
      return "other";
  }
  return "other";
}

// libarchive sizes some 7z tables from header counts before it checks them (a 300-byte file made
// it calloc 3.4 GB under the fuzzer). Before handing a 7z over, check what the format lets us check
// cheaply: the start header's CRC, and that the next header lies inside the input with a matching
// CRC, so that only a consistent header reaches libarchive. (7z spec: signature header, 32 bytes.)
static Status Check7zStartHeader(ByteView data) {
  if (data.size() < 32) return Status::Malformed(0, "archive: 7z: truncated signature header");
  uint32_t start_crc = LoadU32Le(data, 8);
  if (static_cast<uint32_t>(crc32(0L, data.data() + 12, 20)) != start_crc)
    return Status::Malformed(8, "archive: 7z: start header CRC mismatch");
  uint64_t next_off = LoadU64Le(data, 12), next_size = LoadU64Le(data, 20);
  uint32_t next_crc = LoadU32Le(data, 28);
  if (next_off > data.size() - 32 || next_size > data.size() - 32 - next_off)
    return Status::Malformed(12, "archive: 7z: next header outside the file");
  if (next_size > (64u << 20))
    return Status::LimitExceeded(20, "archive: 7z: header larger than 64 MiB");
  size_t at = static_cast<size_t>(32 + next_off);
  if (static_cast<uint32_t>(crc32(0L, data.data() + at, static_cast<uInt>(next_size))) != next_crc)
    return Status::Malformed(28, "archive: 7z: next header CRC mismatch");
  return Status::Ok();
}

Result<ArchiveListing> ReadArchive(ByteView data, const ArchiveLimits& limits) {
  if (Looks7z(data)) AIGIS_RETURN_IF_ERROR(Check7zStartHeader(data));
  auto api = LoadPlugin("archive", "aigis_plugin_archive");
  if (!api.ok())
    return Status::Unsupported("archive: tar/7z reader unavailable: " + api.status().message());
  auto* table = static_cast<const ArchivePluginApi*>(*api);
  if (table->abi != kArchivePluginAbi || table->listing_size != sizeof(ArchiveListing) ||
      table->limits_size != sizeof(ArchiveLimits)) {
    return Status::Unsupported("archive: libaigis_archive.so is from another aigis build");
  }
  return table->read(data, limits);
}

bool LooksLikeTar(ByteView head) {
  if (head.size() < 512) return false;
  // POSIX ustar "ustar\0" and GNU "ustar  \0" both start with "ustar" at 257.
  if (AsStringView(head.subspan(257, 5)) == "ustar") return true;
  // v7 tar: octal checksum at 148..155 over the header with that field read as spaces.
  size_t i = 148;
  while (i < 156 && head[i] == ' ') ++i;
  uint32_t stored = 0;
  int digits = 0;
  for (; i < 156 && head[i] >= '0' && head[i] <= '7'; ++i, ++digits) {
    stored = stored * 8 + static_cast<uint32_t>(head[i] - '0');
  }
  if (digits == 0 || (i < 156 && head[i] != ' ' && head[i] != '\0')) return false;
  uint32_t sum = 0;
  for (size_t k = 0; k < 512; ++k) sum += (k >= 148 && k < 156) ? ' ' : head[k];
  if (sum == 8 * ' ') return false;  // an all-zero block is an end marker, not a header
  return stored == sum;
}

bool Looks7z(ByteView head) {
  static constexpr uint8_t kSig[6] = {0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C};
  return head.size() >= 6 && std::equal(kSig, kSig + 6, head.begin());
}

}  // namespace aigis::formats::archive
