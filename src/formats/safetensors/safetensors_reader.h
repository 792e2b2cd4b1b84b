// Safetensors header reader: validates the header exactly like the reference Rust implementation
// (safetensors/src/tensor.rs, see docs/formats/safetensors.md) and records every deviation as an
// issue instead of stopping at the first one.
//
// Layout: u64 LE N | N bytes UTF-8 JSON header | byte buffer. Only the first 8+N bytes are read
// (plus the file size); tensor bytes are never touched, so a memory-mapped 10 GiB file costs a few
// pages.
//
// Ownership: ReadSafetensors() copies what it keeps (names, dtypes, metadata); the input view may
// be released afterwards. Thread safety: stateless functions; results are plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/safetensors/safetensors_limits.h"

namespace aigis::formats::safetensors {

enum class IssueCode : uint8_t {
  kHeaderTooSmall,     // file < 8 bytes (HeaderTooSmall)
  kHeaderTooLarge,     // N > max_header_bytes (HeaderTooLarge)
  kHeaderLength,       // 8 + N > file size (InvalidHeaderLength)
  kInvalidUtf8,        // header is not UTF-8 (InvalidHeader)
  kInvalidJson,        // header is not JSON (InvalidHeaderDeserialization)
  kHeaderStart,        // first byte is not '{' (InvalidHeaderStart)
  kNotObject,          // top-level JSON value is not an object
  kJsonTooDeep,        // nesting beyond max_json_depth
  kDuplicateKey,       // same key twice in one object (loaders keep the last)
  kMetadataNotObject,  // __metadata__ is not an object
  kMetadataNotString,  // a __metadata__ value is not a string
  kTooManyMetadata,    // beyond max_metadata_entries
  kBadTensorEntry,     // tensor entry is not an object or lacks dtype/shape/data_offsets
  kUnknownField,       // extra field in a tensor entry (ignored by loaders)
  kUnknownDtype,       // dtype not in the reference list
  kBadShape,           // non-integer / negative dimension
  kTooManyDims,        // rank > max_rank
  kBadOffsets,         // data_offsets not two unsigned integers, or end < begin
  kSizeMismatch,       // end - begin != prod(shape) * dtype size (TensorInvalidInfo)
  kOverflow,           // product of dimensions overflows (ValidationOverflow)
  kGap,                // bytes between two tensors (InvalidOffset)
  kOverlap,            // two tensors share bytes (InvalidOffset)
  kOffsetBeyondFile,   // tensor data ends past the end of the file
  kTrailingData,       // bytes after the last tensor (MetadataIncompleteBuffer): polyglot
  kTooManyTensors,     // beyond max_tensors
};

std::string_view IssueCodeName(IssueCode code);  // "trailing-data", ...

struct Issue {
  IssueCode code;
  uint64_t offset;  // absolute file offset the issue refers to (header start when unknown)
  std::string message;
};

struct TensorInfo {
  std::string name;
  std::string dtype;
  std::vector<uint64_t> shape;
  uint64_t begin = 0;  // data_offsets, relative to the byte buffer
  uint64_t end = 0;
  uint64_t numel = 0;  // valid when shape_ok
  bool shape_ok = false;
  bool offsets_ok = false;
};

struct SafetensorsHeader {
  uint64_t file_size = 0;
  uint64_t header_len = 0;          // N
  uint64_t data_start = 0;          // 8 + N
  std::vector<TensorInfo> tensors;  // in header order; later duplicates replace earlier ones
  std::vector<std::pair<std::string, std::string>> metadata;  // string-valued entries
  std::vector<Issue> issues;
  uint64_t parameter_count = 0;  // saturates at UINT64_MAX
  uint64_t data_end = 0;         // max tensor end (relative to the byte buffer)
  uint64_t trailing_bytes = 0;  // bytes after data_end (absolute range [data_start+data_end, size))
  // OK when the header was parsed (issues may still be present); otherwise why it could not be.
  Status status;
  // True when the file follows every validation rule of the reference loader.
  bool Valid() const { return status.ok() && issues.empty(); }
};

// Known dtype -> size in bits (0 when unknown). Sub-byte types (F4, F6_*) need numel*bits % 8 == 0.
uint32_t DtypeBits(std::string_view dtype);

// Reads and validates the header of a safetensors file whose full content is `file`.
// Touches only file[0, 8+N).
SafetensorsHeader ReadSafetensors(ByteView file, const SafetensorsLimits& limits = {});

// Cheap sniff: plausible N and a header starting with '{' (optionally after spaces).
bool LooksLikeSafetensors(ByteView head, uint64_t file_size);

}  // namespace aigis::formats::safetensors
