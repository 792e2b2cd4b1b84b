// Whole-stream decompression of the wrappers joblib (and hand-made droppers) put around a
// pickle: zlib, gzip, bzip2, xz, lzma-alone, zstd. Bounded by DecompressLimits; partial output
// is kept when a stream is corrupt, truncated or over a limit, so the scanner can still look.
// Ownership: results own their output. Thread safety: all functions are reentrant.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/compress/compress_limits.h"

namespace aigis::formats::compress {

enum class Codec : uint8_t { kZlib, kGzip, kBzip2, kXz, kLzma, kZstd, kLz4 };

// Identifies a codec from the first bytes (>= 13 bytes lets every check run). zlib needs a
// valid CMF/FLG pair (CM 8, window <= 32K, no preset dictionary, header % 31 == 0) and
// lzma-alone a plausible dictionary size, so random data rarely matches.
std::optional<Codec> SniffCodec(ByteView head);

// "zlib", "gzip", "bzip2", "xz", "lzma", "zstd".
std::string_view CodecName(Codec codec);

struct DecompressResult {
  std::vector<uint8_t> data;    // everything decoded, also when status is not OK
  Status status;                // kMalformed (corrupt/truncated), kLimitExceeded, kInternal
  uint64_t trailing_bytes = 0;  // input after the last stream that the loader would ignore
  uint32_t streams = 0;         // complete streams/members/frames decoded
};

// Decodes all of `in`. Concatenated streams are followed like Python does: gzip members
// (zero padding allowed, other trailing bytes are an error, as in the gzip module), zlib
// streams (joblib's reader), bzip2/xz/lzma streams and zstd frames; other trailing bytes
// after zlib/bzip2/xz/lzma are ignored by Python and reported in trailing_bytes.
DecompressResult Decompress(ByteView in, Codec codec, const DecompressLimits& limits);

}  // namespace aigis::formats::compress
