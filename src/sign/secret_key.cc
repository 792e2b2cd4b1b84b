#include "sign/secret_key.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "sign/encoding.h"
#include "sign/hashing.h"
#include "sign/keys.h"

namespace aigis::sign {

SecretKey::~SecretKey() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }

std::array<uint8_t, 8> SecretKey::Id() const {
  static constexpr char kLabel[] = "aigis.seal.key-id.v1";
  std::vector<uint8_t> buf(kLabel, kLabel + sizeof(kLabel) - 1);
  buf.insert(buf.end(), bytes_.begin(), bytes_.end());
  std::vector<uint8_t> d = Sha256(buf);
  OPENSSL_cleanse(buf.data(), buf.size());
  std::array<uint8_t, 8> id{};
  for (size_t i = 0; i < id.size() && i < d.size(); ++i) id[i] = d[i];
  return id;
}

Result<SecretKey> ParseSecretKey(ByteView text) {
  std::array<uint8_t, kSecretKeySize> b{};
  if (text.size() == kSecretKeySize) {  // raw key file
    std::copy(text.begin(), text.end(), b.begin());
    return SecretKey(b);
  }
  std::string_view s = AsStringView(text);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  Result<std::vector<uint8_t>> decoded = Status::InvalidArgument("");
  if (s.size() == 2 * kSecretKeySize) {
    decoded = HexDecode(s);
  } else if (s.size() == 44 || s.size() == 43) {
    decoded = Base64Decode(s);
  }
  if (!decoded.ok() || decoded->size() != kSecretKeySize) {
    return Status::InvalidArgument(
        "key: expected 32 bytes as 64 hex digits, base64, or a 32-byte raw file");
  }
  std::copy(decoded->begin(), decoded->end(), b.begin());
  OPENSSL_cleanse(decoded->data(), decoded->size());
  return SecretKey(b);
}

Result<SecretKey> LoadSecretKeyFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IOError(path + ": " + std::strerror(errno));
  std::array<uint8_t, 256> buf{};
  size_t len = 0;
  for (;;) {
    ssize_t n = ::read(fd, buf.data() + len, buf.size() - len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      ::close(fd);
      return Status::IOError(path + ": " + std::strerror(e));
    }
    if (n == 0) break;
    len += static_cast<size_t>(n);
    if (len == buf.size()) {
      ::close(fd);
      return Status::InvalidArgument(path + ": too large for a key file");
    }
  }
  ::close(fd);
  auto key = ParseSecretKey(ByteView(buf.data(), len));
  OPENSSL_cleanse(buf.data(), buf.size());
  if (!key.ok()) return Status::InvalidArgument(path + ": " + key.status().message());
  return key;
}

Result<SecretKey> LoadSecretKeyEnv(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (v == nullptr || *v == '\0') {
    return Status::InvalidArgument("environment variable " + name + " is not set");
  }
  auto key = ParseSecretKey(AsBytes(v));
  if (!key.ok()) return Status::InvalidArgument("$" + name + ": " + key.status().message());
  return key;
}

Result<SecretKey> RandomSecretKey() {
  std::array<uint8_t, kSecretKeySize> b{};
  AIGIS_RETURN_IF_ERROR(RandomBytes(b));
  SecretKey k(b);
  OPENSSL_cleanse(b.data(), b.size());
  return k;
}

Result<SecretKey> GenerateSecretKeyFile(const std::string& path) {
  AIGIS_ASSIGN_OR_RETURN(SecretKey key, RandomSecretKey());
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status::IOError(path + ": " + std::strerror(errno));
  std::string hex = HexEncode(key.view()) + "\n";
  ssize_t n = ::write(fd, hex.data(), hex.size());
  OPENSSL_cleanse(hex.data(), hex.size());
  if (n != static_cast<ssize_t>(hex.size()) || ::fsync(fd) != 0) {
    ::close(fd);
    ::unlink(path.c_str());
    return Status::IOError(path + ": write failed");
  }
  ::close(fd);
  return key;
}

}  // namespace aigis::sign
