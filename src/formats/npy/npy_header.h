// Parser for the numpy .npy header: magic, version, and the Python dict literal
// {'descr': ..., 'fortran_order': ..., 'shape': (...)}. Read by a small bounded literal parser
// (never eval). An object dtype anywhere means the data part is a pickle, which the scanner
// must analyse. Thread safety: reentrant. Ownership: results own their strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/npy/npy_limits.h"

namespace aigis::formats::npy {

struct NpyHeader {
  uint8_t major = 0;
  uint8_t minor = 0;
  std::string descr;  // normalised Python literal text, e.g. "'<f4'" or "[('a', '|O')]"
  bool fortran_order = false;
  std::vector<uint64_t> shape;
  uint64_t header_len = 0;               // bytes of the dict literal (with padding)
  uint64_t data_offset = 0;              // where the array data (or the pickle) starts
  bool has_object = false;               // 'O' dtype anywhere, structured fields included
  std::optional<uint64_t> itemsize;      // when the dtype is understood
  std::optional<uint64_t> data_bytes;    // itemsize * prod(shape), overflow-checked; not for 'O'
  bool over_numpy_header_limit = false;  // numpy refuses it without allow_pickle=True
  bool unexpected_keys = false;          // keys beyond the three numpy accepts (numpy refuses)
};

// REQUIRES: data starts at the magic \x93NUMPY. Errors: kMalformed (bad magic, truncated,
// not a dict literal, missing/ill-typed keys), kUnsupported (version), kLimitExceeded.
Result<NpyHeader> ParseNpyHeader(ByteView data, const NpyLimits& limits);

}  // namespace aigis::formats::npy
