// Limits for .npy header parsing (formats/npy). Plain value type; thread-compatible.
#pragma once

#include <cstdint>

namespace aigis::formats::npy {

struct NpyLimits {
  // Hard cap on the header we parse at all. numpy refuses > 10000 by default (reported as a
  // flag, see numpy_header_limit); 1 MiB leaves room for huge structured dtypes.
  uint32_t max_header_bytes = 1 << 20;
  // numpy's default max_header_size: bigger headers load only with allow_pickle=True.
  uint32_t numpy_header_limit = 10000;
  // Nesting of the dict literal (nested structured dtypes); numpy itself nests a handful.
  uint32_t max_depth = 32;
  // NPY_MAXDIMS is 32 (64 in numpy 2); 64 accepts both.
  uint32_t max_dims = 64;
  // Values in the literal (strings, ints, containers) bound the parse cost.
  uint32_t max_nodes = 100'000;
};

}  // namespace aigis::formats::npy
