// Sealed files: models and datasets encrypted at rest with AES-256-GCM in independently
// authenticated chunks (format: docs/formats/sealed.md). A random data key (DEK) encrypts the
// chunks; a key-encryption key (KEK) wraps the DEK in the header, so rotating the KEK (Rewrap)
// rewrites only the header. Each chunk's nonce and AAD bind the file id, the chunk index and a
// last-chunk flag: modified, truncated, reordered, swapped or appended chunks all fail.
// Memory is constant (two chunk buffers) for any file size.
// Thread safety: functions are reentrant; streams are used by one thread.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "sign/sealed_limits.h"
#include "sign/secret_key.h"

namespace aigis::sign {

inline constexpr char kSealedMagic[8] = {'A', 'I', 'G', 'I', 'S', 'E', 'A', 'L'};
inline constexpr uint16_t kSealedVersion = 1;
inline constexpr size_t kSealedHeaderSize = 100;
inline constexpr size_t kGcmTagSize = 16;
inline constexpr uint8_t kDefaultChunkShift = 20;  // 1 MiB

struct SealedHeader {
  uint16_t version = kSealedVersion;
  uint8_t cipher = 1;  // 1 = AES-256-GCM chunks
  uint8_t wrap = 1;    // 1 = AES-256-GCM key wrap
  uint8_t chunk_shift = kDefaultChunkShift;
  std::array<uint8_t, 16> file_id{};
  std::array<uint8_t, 8> kek_id{};
  std::array<uint8_t, 12> wrap_nonce{};
  std::array<uint8_t, 32> wrapped_dek{};
  std::array<uint8_t, 16> wrap_tag{};

  uint64_t chunk_size() const { return uint64_t{1} << chunk_shift; }
};

// Parses the fixed header at the start of `data`. kMalformed for a wrong magic, an unknown
// version/cipher/wrap or non-zero reserved bytes; kLimitExceeded for a chunk size outside limits.
Result<SealedHeader> ParseSealedHeader(ByteView data, const SealedLimits& limits = {});
std::array<uint8_t, kSealedHeaderSize> SerializeSealedHeader(const SealedHeader& h);

// Byte sources and sinks for the streaming API (files, memory in tests and benchmarks).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Fills up to out.size() bytes; returns fewer only at end of input.
  virtual Result<size_t> ReadFull(std::span<uint8_t> out) = 0;
};
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual Status Write(ByteView data) = 0;
};

class MemorySource : public ByteSource {
 public:
  explicit MemorySource(ByteView data) : data_(data) {}
  Result<size_t> ReadFull(std::span<uint8_t> out) override;

 private:
  ByteView data_;
  size_t pos_ = 0;
};
class MemorySink : public ByteSink {
 public:
  Status Write(ByteView data) override {
    out.insert(out.end(), data.begin(), data.end());
    return Status::Ok();
  }
  std::vector<uint8_t> out;
};

struct SealOptions {
  uint8_t chunk_shift = kDefaultChunkShift;
};

// Encrypts `in` to `out` (header, then chunks). REQUIRES: a valid chunk_shift (12..26).
Status SealStream(ByteSource& in, ByteSink& out, const SecretKey& kek, const SealOptions& opts);
// Decrypts; plaintext is written chunk by chunk, each only after its tag verified. On failure the
// sink may hold a verified prefix: callers must discard it (UnsealFile does).
// kMalformed for a damaged or tampered file, kInvalidArgument "wrong key" for a KEK mismatch.
Status UnsealStream(ByteSource& in, ByteSink& out, const SecretKey& kek,
                    const SealedLimits& limits = {});

// File front-ends. SealFile/UnsealFile never leave a partial OUT behind: output goes to an
// unnamed O_TMPFILE inode in OUT's directory (or, where unsupported, an owner-only hidden
// staging file that is unlinked on failure) and appears at OUT only once complete and verified.
// Unsealed output is created with mode 0600.
Status SealFile(const std::string& in, const std::string& out, const SecretKey& kek,
                const SealOptions& opts = {});
Status UnsealFile(const std::string& in, const std::string& out, const SecretKey& kek,
                  const SealedLimits& limits = {});
// Re-wraps the data key under `new_kek`, rewriting only the 100-byte header in place.
Status RewrapFile(const std::string& path, const SecretKey& old_kek, const SecretKey& new_kek,
                  const SealedLimits& limits = {});

}  // namespace aigis::sign
