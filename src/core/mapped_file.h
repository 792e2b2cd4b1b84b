// A read-only memory map of a file. Pages are read from disk only when touched, so a parser that
// skips tensor data reads only the bytes it examines. Move-only; the view lives as long as the object.
#pragma once

#include <cstdint>
#include <string>

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

  ByteView view() const { return ByteView(static_cast<const uint8_t*>(addr_), size_); }
  uint64_t size() const { return size_; }

 private:
  void* addr_ = nullptr;
  size_t size_ = 0;
};

}  // namespace aigis
