// Overflow-checked arithmetic for sizes and offsets read from files.
#pragma once

#include <cstdint>
#include <optional>

namespace aigis {

inline std::optional<uint64_t> CheckedAdd(uint64_t a, uint64_t b) {
  uint64_t r;
  if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
  return r;
}
inline std::optional<uint64_t> CheckedMul(uint64_t a, uint64_t b) {
  uint64_t r;
  if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
  return r;
}
// True when [off, off+len) lies inside [0, size); overflow-safe.
inline bool RangeFits(uint64_t off, uint64_t len, uint64_t size) {
  return off <= size && len <= size - off;
}

}  // namespace aigis
