// 256-bit key-encryption keys (KEK) for sealed files: loaded from a key file or an environment
// variable (64 hex digits, base64 of 32 bytes, or exactly 32 raw bytes in a file), and generated
// into a new owner-only key file. Key bytes are wiped when a SecretKey is destroyed.
// Thread safety: values; no shared state.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/status.h"

namespace aigis::sign {

inline constexpr size_t kSecretKeySize = 32;

class SecretKey {
 public:
  SecretKey() { bytes_.fill(0); }
  explicit SecretKey(const std::array<uint8_t, kSecretKeySize>& b) : bytes_(b) {}
  ~SecretKey();
  SecretKey(const SecretKey&) = default;
  SecretKey& operator=(const SecretKey&) = default;

  ByteView view() const { return ByteView(bytes_.data(), bytes_.size()); }
  const uint8_t* data() const { return bytes_.data(); }
  // Public 8-byte identifier of the key (SHA-256 of a label and the key): lets unseal tell a
  // wrong key from a damaged file without revealing anything usable about the key.
  std::array<uint8_t, 8> Id() const;

 private:
  std::array<uint8_t, kSecretKeySize> bytes_;
};

// Text or raw forms described above; surrounding whitespace is ignored. kInvalidArgument otherwise.
Result<SecretKey> ParseSecretKey(ByteView text);
Result<SecretKey> LoadSecretKeyFile(const std::string& path);
Result<SecretKey> LoadSecretKeyEnv(const std::string& name);
// Writes a fresh random key as hex to `path`, created 0600 and never overwritten.
Result<SecretKey> GenerateSecretKeyFile(const std::string& path);
// A fresh random key.
Result<SecretKey> RandomSecretKey();

}  // namespace aigis::sign
