// Lists (and keeps the bytes of) tar and 7z archives read from memory, through libarchive with
// only the tar and 7zip formats enabled (zip is parsed by formats/zip; no external programs).
// Names, symlinks and hardlinks are reported exactly as stored: the scanner decides what is
// dangerous ('../' names, absolute paths, links out of the tree).
// Ownership: ArchiveListing owns everything it holds; the input is only read during the call.
// Thread safety: ReadArchive is reentrant (one libarchive handle per call).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/archive/archive_limits.h"

namespace aigis::formats::archive {

struct ArchiveEntry {
  enum class Type : uint8_t { kFile, kDir, kSymlink, kHardlink, kOther };
  std::string name;  // as stored (cut to max_name_bytes, then name_truncated is set)
  Type type = Type::kOther;
  uint64_t size = 0;                           // declared size
  std::string link_target;                     // symlink or hardlink target
  std::shared_ptr<std::vector<uint8_t>> data;  // regular files only; may be partial
  bool truncated = false;                      // data cut by a limit or by a read error
  bool name_truncated = false;
};

struct ArchiveListing {
  std::string format;  // libarchive's name, e.g. "POSIX ustar format", "7-Zip"
  std::vector<ArchiveEntry> entries;
  Status status;  // first error or limit hit after a partial listing
};

// Reads a tar (v7, ustar, pax, gnu) or 7z archive. Fails only when the input is not such an
// archive or its first header is unreadable; later problems go to ArchiveListing::status.
Result<ArchiveListing> ReadArchive(ByteView data, const ArchiveLimits& limits);

// "ustar" magic at 257, or a valid octal header checksum at 148 (v7 tar). Needs 512 bytes.
bool LooksLikeTar(ByteView head);
// 7z signature 37 7A BC AF 27 1C.
bool Looks7z(ByteView head);

std::string_view EntryTypeName(ArchiveEntry::Type type);  // "file", "dir", "symlink", ...

}  // namespace aigis::formats::archive
