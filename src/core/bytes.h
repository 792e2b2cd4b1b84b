// ByteView (a non-owning view of bytes) and ByteReader, the only way parsers read untrusted bytes.
// Every read is bounds-checked and returns Result; nothing reads past the end of the view.
// Ownership: a ByteView never owns; whoever created it keeps the bytes alive (leveldb Slice rule).
// Thread safety: ByteReader is a cursor, one per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace aigis {

using ByteView = std::span<const uint8_t>;

// Copies bytes [offset, offset + n) of a view to dst by another route than the view itself
// (MappedFile::ReadAt: pread() instead of faulting in pages of a mapping). Returns false when it
// cannot; the caller then reads the view. An empty function means there is no other route.
using ReadAtFn = std::function<bool(uint64_t offset, uint8_t* dst, size_t n)>;

// Appends the UTF-8 encoding of `cp` (callers decide what surrogates or values past U+10FFFF
// become; they are encoded as they are).
inline void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

inline ByteView AsBytes(std::string_view s) {
  return ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}
inline std::string_view AsStringView(ByteView b) {
  return std::string_view(reinterpret_cast<const char*>(b.data()), b.size());
}

class ByteReader {
 public:
  // `base_offset` is added to offsets in error messages (position of this view in its file).
  explicit ByteReader(ByteView data, uint64_t base_offset = 0)
      : data_(data), pos_(0), base_(base_offset) {}

  size_t offset() const { return pos_; }
  uint64_t absolute_offset() const { return base_ + pos_; }
  size_t size() const { return data_.size(); }
  size_t remaining() const { return data_.size() - pos_; }
  bool empty() const { return pos_ >= data_.size(); }
  ByteView data() const { return data_; }
  ByteView rest() const { return data_.subspan(pos_); }

  Result<uint8_t> ReadU8() {
    if (pos_ >= data_.size()) return Truncated(1);
    return data_[pos_++];
  }
  Result<uint16_t> ReadU16Le() { return ReadLe<uint16_t>(); }
  Result<uint32_t> ReadU32Le() { return ReadLe<uint32_t>(); }
  Result<uint64_t> ReadU64Le() { return ReadLe<uint64_t>(); }
  Result<int32_t> ReadI32Le() {
    AIGIS_ASSIGN_OR_RETURN(uint32_t v, ReadLe<uint32_t>());
    return static_cast<int32_t>(v);
  }
  Result<uint16_t> ReadU16Be() { return ReadBe<uint16_t>(); }
  Result<uint32_t> ReadU32Be() { return ReadBe<uint32_t>(); }

  // Returns a view of the next n bytes (not copied) and advances.
  Result<ByteView> ReadBytes(uint64_t n) {
    if (n > remaining()) return Truncated(n);
    ByteView v = data_.subspan(pos_, static_cast<size_t>(n));
    pos_ += static_cast<size_t>(n);
    return v;
  }
  Result<std::string_view> ReadString(uint64_t n) {
    AIGIS_ASSIGN_OR_RETURN(ByteView v, ReadBytes(n));
    return AsStringView(v);
  }
  // Reads up to and excluding '\n' (consumed), at most max_len bytes before it.
  Result<std::string_view> ReadLine(size_t max_len) {
    size_t limit = remaining() < max_len + 1 ? remaining() : max_len + 1;
    const void* nl = limit ? std::memchr(data_.data() + pos_, '\n', limit) : nullptr;
    if (nl == nullptr) {
      if (limit == remaining()) return Truncated(remaining() + 1);
      return Status::LimitExceeded(absolute_offset(),
                                   "line longer than " + std::to_string(max_len));
    }
    size_t len = static_cast<size_t>(static_cast<const uint8_t*>(nl) - (data_.data() + pos_));
    std::string_view s(reinterpret_cast<const char*>(data_.data() + pos_), len);
    pos_ += len + 1;
    return s;
  }
  Status Skip(uint64_t n) {
    if (n > remaining()) return Truncated(n);
    pos_ += static_cast<size_t>(n);
    return Status::Ok();
  }
  Status Seek(uint64_t off) {
    if (off > data_.size()) {
      return Status::Malformed(base_ + pos_, "seek to " + std::to_string(off) + " past end " +
                                                 std::to_string(data_.size()));
    }
    pos_ = static_cast<size_t>(off);
    return Status::Ok();
  }
  // Peeks without advancing; returns -1 at the end.
  int Peek() const { return pos_ < data_.size() ? data_[pos_] : -1; }

 private:
  template <typename T>
  Result<T> ReadLe() {
    if (remaining() < sizeof(T)) return Truncated(sizeof(T));
    T v = 0;
    for (size_t i = 0; i < sizeof(T); ++i)
      v |= static_cast<T>(static_cast<T>(data_[pos_ + i]) << (8 * i));
    pos_ += sizeof(T);
    return v;
  }
  template <typename T>
  Result<T> ReadBe() {
    if (remaining() < sizeof(T)) return Truncated(sizeof(T));
    T v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) v = static_cast<T>((v << 8) | data_[pos_ + i]);
    pos_ += sizeof(T);
    return v;
  }
  Status Truncated(uint64_t want) const {
    return Status::Malformed(base_ + pos_, "truncated: need " + std::to_string(want) + " bytes, " +
                                               std::to_string(remaining()) + " left");
  }

  ByteView data_;
  size_t pos_;
  uint64_t base_;
};

// Little-endian loads from a view that the caller has already bounds-checked.
// REQUIRES: off + sizeof(T) <= b.size()
inline uint16_t LoadU16Le(ByteView b, size_t off) {
  return static_cast<uint16_t>(b[off] | (b[off + 1] << 8));
}
inline uint32_t LoadU32Le(ByteView b, size_t off) {
  return static_cast<uint32_t>(b[off]) | (static_cast<uint32_t>(b[off + 1]) << 8) |
         (static_cast<uint32_t>(b[off + 2]) << 16) | (static_cast<uint32_t>(b[off + 3]) << 24);
}
inline uint64_t LoadU64Le(ByteView b, size_t off) {
  return static_cast<uint64_t>(LoadU32Le(b, off)) |
         (static_cast<uint64_t>(LoadU32Le(b, off + 4)) << 32);
}

// Little-endian append of the low `bytes` bytes of v: the writer side of the formats above that
// aigis itself produces (classifier model, HDF5 facts).
inline void AppendLe(std::string* out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

}  // namespace aigis
