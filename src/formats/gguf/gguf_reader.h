// GGUF (v1-v3) header reader: magic, version, every metadata key/value (all value types, nested
// arrays walked iteratively with a depth cap) and the tensor infos, validated against ggml's rules
// (docs/formats/gguf.md). Tensor data is never read: a 10 GiB file costs its header bytes.
// Every count and length is checked against the bytes that remain before anything is allocated.
//
// Ownership: string values and keys are views into the input (zero-copy); the caller keeps the
// input alive while it uses a GgufFile. Thread safety: stateless functions; results are values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/gguf/gguf_limits.h"

namespace aigis::formats::gguf {

// gguf.md GGUFMetadataValueType.
enum class ValueType : uint32_t {
  kU8 = 0,
  kI8 = 1,
  kU16 = 2,
  kI16 = 3,
  kU32 = 4,
  kI32 = 5,
  kF32 = 6,
  kBool = 7,
  kString = 8,
  kArray = 9,
  kU64 = 10,
  kI64 = 11,
  kF64 = 12,
};
std::string_view ValueTypeName(ValueType t);

enum class IssueCode : uint8_t {
  kBadMagic,           // not GGUF
  kBigEndian,          // version reads byte-swapped: big-endian file (not analysed further)
  kBadVersion,         // version not 1..3
  kTruncated,          // header ends before the declared KVs / tensor infos
  kBadValueType,       // unknown value type id
  kBadBool,            // bool byte not 0/1
  kArrayTooDeep,       // nested arrays beyond max_array_depth
  kCountTooLarge,      // a count/length larger than the bytes left (or a limit)
  kBadKey,             // empty key, non-ASCII key, key longer than max_key_bytes
  kDuplicateKey,       // same key twice
  kBadUtf8,            // string value not UTF-8
  kBadAlignment,       // general.alignment not a power of two multiple of 8 / wrong type
  kTooManyDims,        // n_dims > GGML_MAX_DIMS
  kBadDim,             // zero or overflowing dimension
  kBadTensorName,      // empty / too long tensor name
  kDuplicateTensor,    // two tensors with the same name
  kUnknownTensorType,  // ggml type id unknown or removed
  kBadRowSize,         // ne[0] not a multiple of the type's block size
  kMisaligned,         // tensor offset not a multiple of the alignment
  kOutOfRange,         // tensor data past the end of the file
  kOverlap,            // two tensors share bytes
  kLimit,              // a GgufLimits bound was hit
};
std::string_view IssueCodeName(IssueCode code);

struct Issue {
  IssueCode code;
  uint64_t offset;  // absolute offset in the file
  std::string message;
};

struct KeyValue {
  std::string_view key;
  ValueType type = ValueType::kU8;
  uint64_t offset = 0;  // of the key's length field
  // Scalars (type != kString/kArray): integers in u64/i64, floats in f64, bools in u64.
  uint64_t u64 = 0;
  int64_t i64 = 0;
  double f64 = 0;
  std::string_view str;     // kString
  uint64_t str_offset = 0;  // absolute offset of the string bytes
  // kArray: element type, count, and the strings of small string arrays (max_kept_array_strings).
  ValueType elem_type = ValueType::kU8;
  uint64_t count = 0;
  std::vector<std::string_view> strings;
  std::vector<uint64_t> string_offsets;
  bool nested = false;  // array of arrays
};

struct TensorInfo {
  std::string_view name;
  std::vector<uint64_t> dims;
  uint32_t type = 0;
  uint64_t offset = 0;       // relative to the tensor data start
  uint64_t nbytes = 0;       // 0 when the type is unknown
  uint64_t info_offset = 0;  // absolute offset of this tensor info
};

struct GgufFile {
  uint32_t version = 0;
  uint64_t tensor_count = 0;  // declared
  uint64_t kv_count = 0;      // declared
  uint32_t alignment = 32;
  std::vector<KeyValue> kvs;
  std::vector<TensorInfo> tensors;
  uint64_t header_end = 0;       // end of tensor infos
  uint64_t data_start = 0;       // header_end aligned up
  uint64_t parameter_count = 0;  // sum of element counts (saturating)
  uint64_t bytes_parsed = 0;     // header bytes consumed (how far parsing got)
  std::vector<Issue> issues;
  // OK when magic, KVs and tensor infos were read completely; otherwise the first fatal error.
  // What was read before the error is kept.
  Status status;

  const KeyValue* Find(std::string_view key) const;
  // The string value of `key`, if present and a string.
  std::optional<std::string_view> FindString(std::string_view key) const;
};

// ggml type name ("Q4_K") or "" when unknown; block size and bytes per block (0 when unknown).
std::string_view GgmlTypeName(uint32_t type);
bool GgmlTypeSize(uint32_t type, uint64_t* block, uint64_t* type_size);
// llama.cpp LLAMA_FTYPE name for general.file_type ("MOSTLY_Q4_K_M") or "".
std::string_view FileTypeName(uint64_t file_type);

// Parses `file` (the whole file content, usually memory-mapped). Reads only the header.
GgufFile ReadGguf(ByteView file, const GgufLimits& limits = {});

// Magic "GGUF" followed by a little-endian version 1..3.
bool LooksLikeGguf(ByteView head);

}  // namespace aigis::formats::gguf
