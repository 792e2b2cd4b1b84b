#include "sign/hashing.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace aigis::sign {

struct Hasher::Ctx {
  EVP_MD_CTX* md = nullptr;
  ~Ctx() { EVP_MD_CTX_free(md); }
};

namespace {

const EVP_MD* MdFor(HashAlgorithm alg) {
  switch (alg) {
    case HashAlgorithm::kSha256:
      return EVP_sha256();
    case HashAlgorithm::kBlake2b:
      return EVP_blake2b512();
  }
  return nullptr;
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string_view HashAlgorithmName(HashAlgorithm alg) {
  return alg == HashAlgorithm::kSha256 ? "sha256" : "blake2b";
}

Result<HashAlgorithm> ParseHashAlgorithm(std::string_view name) {
  if (name == "sha256") return HashAlgorithm::kSha256;
  // The reference tool's CLI/API says "blake2" but records "blake2b" (standards.md 4.3).
  if (name == "blake2b" || name == "blake2") return HashAlgorithm::kBlake2b;
  return Status::Unsupported("hash algorithm '" + std::string(name) +
                             "' is not supported (sha256, blake2b)");
}

size_t DigestSize(HashAlgorithm alg) { return alg == HashAlgorithm::kSha256 ? 32 : 64; }

Hasher::Hasher(HashAlgorithm alg) : ctx_(std::make_unique<Ctx>()) {
  ctx_->md = EVP_MD_CTX_new();
  if (ctx_->md == nullptr || EVP_DigestInit_ex(ctx_->md, MdFor(alg), nullptr) != 1) {
    init_status_ = Status::Internal("hash: EVP_DigestInit failed");
  }
}

Hasher::~Hasher() = default;

Status Hasher::Update(ByteView data) {
  if (!init_status_.ok()) return init_status_;
  if (EVP_DigestUpdate(ctx_->md, data.data(), data.size()) != 1) {
    return Status::Internal("hash: EVP_DigestUpdate failed");
  }
  return Status::Ok();
}

Result<std::vector<uint8_t>> Hasher::Final() {
  if (!init_status_.ok()) return init_status_;
  std::vector<uint8_t> out(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx_->md, out.data(), &len) != 1) {
    return Status::Internal("hash: EVP_DigestFinal failed");
  }
  out.resize(len);
  return out;
}

std::vector<uint8_t> Sha256(ByteView data) {
  std::vector<uint8_t> out(32);
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr) != 1) {
    out.clear();  // callers compare digests; an empty one never matches
  }
  return out;
}

Result<std::vector<uint8_t>> HashFile(const std::string& path, HashAlgorithm alg, uint64_t offset,
                                      std::optional<uint64_t> length, std::span<uint8_t> buffer) {
  if (buffer.empty()) return Status::InvalidArgument("hash: empty buffer");
  Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) return Status::IOError(path + ": " + std::strerror(errno));
  if (offset == 0 && !length) {
    (void)::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  Hasher hasher(alg);
  uint64_t pos = offset;
  uint64_t left = length.value_or(UINT64_MAX);
  while (left > 0) {
    size_t want = buffer.size();
    if (left < want) want = static_cast<size_t>(left);
    ssize_t n = ::pread(fd.get(), buffer.data(), want, static_cast<off_t>(pos));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IOError(path + ": read: " + std::strerror(errno));
    }
    if (n == 0) {
      if (length) {
        return Status::IOError(path + ": file shrank while hashing (ends at " +
                               std::to_string(pos) + ")");
      }
      break;
    }
    AIGIS_RETURN_IF_ERROR(hasher.Update(ByteView(buffer.data(), static_cast<size_t>(n))));
    pos += static_cast<uint64_t>(n);
    if (length) left -= static_cast<uint64_t>(n);
  }
  return hasher.Final();
}

}  // namespace aigis::sign
