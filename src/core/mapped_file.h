// A read-only view of a file's bytes. Large files are memory-mapped: pages are read from disk only
// when touched, so a parser that skips tensor data reads only the bytes it examines. Small files
// (<= kReadWholeBytes) are read into memory with one read(): for a folder of small checkpoints,
// mmap + munmap + page faults cost more than copying a few kilobytes. A mapped file that shrinks
// while it is read does not SIGBUS the process: the missing pages read as zeros and changed() says
// so. Move-only; the view lives as long as the object.
// A mapped file keeps its descriptor open for ReadAt(): a few bytes at many places far apart (the
// local headers of a 1 GiB checkpoint's 258 members) cost a page fault, a page-table page and its
// teardown each when touched through the mapping, and one small pread() each through ReadAt().
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"

namespace aigis {

class MappedFile {
 public:
  MappedFile() = default;
  ~MappedFile();
  MappedFile(MappedFile&& o) noexcept;
  MappedFile& operator=(MappedFile&& o) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  // Opens and maps `path` (a regular file). An empty file maps to an empty view.
  static Result<MappedFile> Open(const std::string& path);

  ByteView view() const {
    return ByteView(owned_ ? owned_ : static_cast<const uint8_t*>(addr_), size_);
  }
  uint64_t size() const { return size_; }
  // True when view() is a memory mapping (a large file), false for a read() copy or empty file.
  bool mapped() const { return addr_ != nullptr; }
  // Copies bytes [offset, offset + n) of the file to dst with pread(), without touching the
  // mapping. Returns false (dst unspecified) unless all n bytes were read: not mapped, out of
  // range, an I/O error or a file that shrank; the caller then reads view() instead.
  bool ReadAt(uint64_t offset, uint8_t* dst, size_t n) const;
  // True when a mapped file no longer has the size it was mapped with, or shrank while it was read
  // (its missing pages read as zeros instead of raising SIGBUS): what was read is not the file.
  bool changed() const;

  static constexpr size_t kReadWholeBytes = 256 * 1024;

 private:
  void Reset();
  void* addr_ = nullptr;      // mmap'ed region, or nullptr
  uint8_t* owned_ = nullptr;  // read() copy of a small file, or nullptr
  size_t size_ = 0;
  int fd_ = -1;          // open while mapped, for ReadAt()
  int guard_slot_ = -1;  // SIGBUS guard registration of the mapping, or -1
};

// Small reads of a mapped file by pread(), keeping what was read: a zip member's local header and
// the first bytes of its data lie within a few dozen bytes of each other but are read in two
// passes (every header while opening the archive, then each member's head), so one pread() serves
// both (258 instead of 516 on a 1 GiB checkpoint) when the first read asked for both (see
// ZipArchive::Open). Each read is kept at the size asked for: larger blocks were mostly bytes
// nobody read again, on fresh heap pages. Bounded: reads of kMaxKeptRead bytes or more, and any
// read after kMaxBlocks, go straight to the file. One per file scan; not thread-safe.
class BlockReader {
 public:
  explicit BlockReader(const MappedFile* file) : file_(file) {}
  // Same contract as MappedFile::ReadAt.
  bool ReadAt(uint64_t offset, uint8_t* dst, size_t n);
  size_t preads() const { return preads_; }

  static constexpr size_t kMaxKeptRead = 1024;
  static constexpr size_t kMaxBlocks = 1024;

 private:
  const MappedFile* file_;
  std::map<uint64_t, std::vector<uint8_t>> blocks_;  // by file offset
  size_t preads_ = 0;
};

}  // namespace aigis
