// Zip reader that reads archives the way PyTorch's loader does, and reports every oddity.
//
// Why our own reader: PyTorch (PyTorchStreamReader) reads zips with miniz, which trusts the
// central directory, ignores CRCs and general-purpose flag bits, and never compares the local
// header name with the central one. Python's zipfile refuses such files; scanners built on it
// were bypassed exactly through that difference (CVE-2025-1944 name mismatch, CVE-2025-1945
// flag bits, CVE-2025-10156 bad CRC). So we parse like miniz (central directory first, data
// offset = local header + local name + local extra) and record each deviation as a ZipAnomaly
// instead of refusing. A scanner must see what the victim's loader sees.
//
// Ownership: ZipArchive keeps a ByteView of the input; the caller keeps those bytes alive for as
// long as the archive and any ZipMember whose `owned` is null (stored members are views).
// Thread safety: Open() is thread-compatible; after it, Read() is safe from several threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/zip/zip_limits.h"

namespace aigis::formats::zip {

enum class ZipAnomalyCode : uint8_t {
  kPrefixData,            // bytes before the first entry (polyglot, self-extractor)
  kUnusualStart,          // archive does not start with PK\3\4 (e.g. PK\7\8 spanned marker)
  kNameMismatch,          // local header name != central directory name (CVE-2025-1944)
  kFlagEncrypted,         // bit 0: Python refuses, miniz ignores (CVE-2025-1945)
  kFlagPatched,           // bit 5: compressed patched data
  kFlagStrongEncryption,  // bit 6
  kFlagUnusual,           // other bits outside {1,2,3,11}, or local flags != central flags
  kCrcMismatch,           // reported by Read() through ZipMember::crc_ok (CVE-2025-10156)
  kDuplicateName,         // two central entries with the same name
  kPathTraversal,         // absolute path, '..' component, backslash, drive letter
  kSymlink,               // unix mode in external attributes says symlink
  kLocalHeaderMissing,    // local header out of range or bad signature (miniz refuses to read)
  kOverlappingEntries,    // two entries share bytes (bomb technique, parser differential)
  kEntryCountMismatch,    // EOCD count disagrees with the central directory contents
  kZip64,                 // ZIP64 structures present
  kUnsupportedMethod,     // neither stored (0) nor deflate (8); Read() returns kUnsupported
  kDataBeyondEnd,         // entry data runs past the end of the input
  kTrailingData,          // bytes after the EOCD comment
  kSizeMismatch,          // local vs central sizes/crc differ, or stored csize != usize
  kCentralDirectoryGap,   // central directory offsets only work as absolute (miniz) offsets
  kLimit,                 // a ZipLimits bound cut the listing short (see ZipArchive::status())
};

std::string_view AnomalyCodeName(ZipAnomalyCode code);  // "name-mismatch", ...

struct ZipAnomaly {
  ZipAnomalyCode code;
  int64_t entry;    // index into entries(), or -1 for the archive
  uint64_t offset;  // absolute offset in the input the anomaly refers to
  std::string message;
};

struct ZipEntry {
  size_t index = 0;
  std::string name;        // central directory name: what miniz/PyTorch look up
  std::string local_name;  // name in the local header (empty if that header is missing)
  uint16_t method = 0;
  uint16_t flags = 0;  // central general-purpose flags
  uint16_t local_flags = 0;
  uint32_t crc32 = 0;  // central CRC
  uint64_t compressed_size = 0;
  uint64_t uncompressed_size = 0;
  uint64_t local_header_offset = 0;  // absolute in the input (archive_start() applied)
  uint64_t data_offset = 0;          // absolute; valid only if has_local_header
  bool has_local_header = false;
  bool is_dir = false;
  bool is_symlink = false;
  bool zip64 = false;
};

struct ZipMember {
  ByteView data;  // stored: view into the input; deflate: view of *owned
  std::shared_ptr<std::vector<uint8_t>> owned;
  bool crc_ok = false;
  bool crc_checked = false;  // false when Read() was asked not to verify, or data is partial  //
                             // only true when all data was produced and its CRC matches
  Status status;             // non-OK: `data` is partial (limit hit, truncated or corrupt stream)
};

class ZipArchive {
 public:
  // Finds the end of central directory (searching back from the end like miniz and zipfile)
  // and lists the central directory. Fails only when no usable central directory exists;
  // anything less is an anomaly, and a listing cut short sets status().
  // `read_at`, when set, reads the same bytes as `data` another way (pread on a mapped file): the
  // local headers are read through it, so a large archive's members are not faulted in one page
  // (and one page table) each. Every local header is still read and checked.
  static Result<ZipArchive> Open(ByteView data, const ZipLimits& limits,
                                 const ReadAtFn& read_at = {});

  const std::vector<ZipEntry>& entries() const { return entries_; }
  const std::vector<ZipAnomaly>& anomalies() const { return anomalies_; }
  // Non-OK when the listing is partial (limit or malformed central record after some entries).
  const Status& status() const { return status_; }
  // Offset in the input where the zip proper starts (> 0 with prefix data).
  uint64_t archive_start() const { return start_; }
  // Offset of the end-of-central-directory record.
  uint64_t eocd_offset() const { return eocd_offset_; }

  // Reads member `index` like miniz: flags and CRC are not enforced (crc_ok reports the CRC).
  // Errors: kNotFound (bad index), kUnsupported (method), kMalformed (no local header / data
  // out of range). Decompression problems come back as a ZipMember with partial data + status.
  // `verify_crc` = false skips the CRC pass, so that large stored members whose content is only
  // sniffed (tensor storages) are not read in full.
  Result<ZipMember> Read(size_t index, bool verify_crc = true) const;

 private:
  ZipArchive() = default;

  ByteView data_;
  ZipLimits limits_;
  uint64_t start_ = 0;
  uint64_t eocd_offset_ = 0;
  std::vector<ZipEntry> entries_;
  std::vector<ZipAnomaly> anomalies_;
  Status status_;
  // Bytes produced by all Read() calls; shared so the archive stays movable.
  std::shared_ptr<std::atomic<uint64_t>> total_out_ = std::make_shared<std::atomic<uint64_t>>(0);
};

}  // namespace aigis::formats::zip
