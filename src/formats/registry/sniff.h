// Identifies a format by content, never by extension (like yara's module list, but for formats).
// Pure functions of the bytes; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/bytes.h"

namespace aigis::formats {

enum class Format : uint8_t {
  kUnknown,
  kEmpty,
  kZip,  // any zip: PyTorch, .keras, .npz, plain (the zip analyzer tells which)
  kPickle,
  kNpy,
  kCompressed,  // gzip, zlib, bzip2, xz, lzma, zstd stream
  kTar,
  kSevenZip,
  kSafetensors,
  kGguf,
  kHdf5,
  kOnnx,
  kTfSavedModel,
  kTfGraphDef,
  kJson,
  kLfsPointer,  // Git LFS pointer standing in for the real file
  kText,
};

std::string_view FormatName(Format f);

// `data` is the whole item (files are memory-mapped, so this touches only the pages it reads);
// `name` is used only to break ties between content interpretations that are equally valid
// (e.g. JSON config files), never to skip content checks.
Format Sniff(ByteView data, std::string_view name);

// True when the bytes end with a zip end-of-central-directory record (a zip that may not start
// with a local header: prefix data, self-extractors, polyglots).
bool HasZipEocd(ByteView data);

}  // namespace aigis::formats
