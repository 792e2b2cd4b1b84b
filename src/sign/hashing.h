// Streaming file digests through OpenSSL EVP (SHA-256 uses SHA-NI when the CPU has it; BLAKE2b-512
// for OMS `blake2b`). Files are read with a fixed buffer, so memory does not grow with file size.
// Thread safety: a Hasher is one stream, one thread; the free functions are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"

namespace aigis::sign {

enum class HashAlgorithm : uint8_t { kSha256, kBlake2b };

// Name recorded in OMS bundles ("sha256", "blake2b").
std::string_view HashAlgorithmName(HashAlgorithm alg);
// Accepts "sha256", "blake2b" and the reference tool's API spelling "blake2". "blake3" and anything
// else is kUnsupported (blake3 is optional in OMS v1.0 and not in OpenSSL).
Result<HashAlgorithm> ParseHashAlgorithm(std::string_view name);
size_t DigestSize(HashAlgorithm alg);

// Read buffer used by the file hashers: large enough to amortise syscalls, small enough to stay
// in L2 next to the hashing state.
inline constexpr size_t kHashBufferSize = 1 << 20;

class Hasher {
 public:
  explicit Hasher(HashAlgorithm alg);
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  Status Update(ByteView data);
  // Finishes the stream; REQUIRES: called once.
  Result<std::vector<uint8_t>> Final();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
  Status init_status_;
};

std::vector<uint8_t> Sha256(ByteView data);

// Digest of bytes [offset, offset + length) of `path`, or of the whole file when length is nullopt.
// The file is opened without following a symlink in its last component. `buffer` is scratch space
// (any size > 0); kIOError when the file is shorter than the range or cannot be read.
Result<std::vector<uint8_t>> HashFile(const std::string& path, HashAlgorithm alg, uint64_t offset,
                                      std::optional<uint64_t> length, std::span<uint8_t> buffer);

}  // namespace aigis::sign
