#include "sign/sealed.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

#include "sign/encoding.h"
#include "sign/keys.h"

namespace aigis::sign {
namespace {

// Bytes [0, 32) of the header never change (magic .. file id): bound into every chunk.
constexpr size_t kImmutablePrefix = 32;
// Bytes [0, 40) (prefix + KEK id) are the AAD of the key wrap.
constexpr size_t kWrapAadSize = 40;

void PutU16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v);
  p[1] = static_cast<uint8_t>(v >> 8);
}
void PutU64(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

struct CipherCtxDeleter {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

// One AES-256-GCM key, many messages. The key schedule is computed once; each message only
// resets the IV (that is what keeps chunked GCM at AES-NI speed).
class Gcm {
 public:
  Gcm(const uint8_t* key, bool encrypt) : ctx_(EVP_CIPHER_CTX_new()) {
    ok_ = ctx_ != nullptr && EVP_CipherInit_ex(ctx_.get(), EVP_aes_256_gcm(), nullptr, key, nullptr,
                                               encrypt ? 1 : 0) == 1;
  }

  Status Seal(const uint8_t nonce[12], ByteView aad, ByteView in, uint8_t* out,
              uint8_t tag[kGcmTagSize]) {
    int len = 0;
    if (!ok_ || EVP_CipherInit_ex(ctx_.get(), nullptr, nullptr, nullptr, nonce, 1) != 1 ||
        EVP_CipherUpdate(ctx_.get(), nullptr, &len, aad.data(), static_cast<int>(aad.size())) !=
            1 ||
        (!in.empty() &&
         EVP_CipherUpdate(ctx_.get(), out, &len, in.data(), static_cast<int>(in.size())) != 1) ||
        EVP_CipherFinal_ex(ctx_.get(), out, &len) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagSize, tag) != 1) {
      return Status::Internal("AES-256-GCM encryption failed");
    }
    return Status::Ok();
  }

  // False when the tag does not verify.
  bool Open(const uint8_t nonce[12], ByteView aad, ByteView in, const uint8_t tag[kGcmTagSize],
            uint8_t* out) {
    int len = 0;
    if (!ok_ || EVP_CipherInit_ex(ctx_.get(), nullptr, nullptr, nullptr, nonce, 0) != 1 ||
        EVP_CipherUpdate(ctx_.get(), nullptr, &len, aad.data(), static_cast<int>(aad.size())) !=
            1 ||
        (!in.empty() &&
         EVP_CipherUpdate(ctx_.get(), out, &len, in.data(), static_cast<int>(in.size())) != 1) ||
        EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagSize,
                            const_cast<uint8_t*>(tag)) != 1) {
      return false;
    }
    return EVP_CipherFinal_ex(ctx_.get(), out + in.size(), &len) == 1;
  }

 private:
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter> ctx_;
  bool ok_ = false;
};

struct ChunkParams {
  std::array<uint8_t, 12> nonce{};
  std::array<uint8_t, kImmutablePrefix + 9> aad{};
};

ChunkParams MakeChunkParams(const uint8_t* header, uint64_t index, bool last) {
  ChunkParams p;
  PutU64(p.nonce.data(), index);
  p.nonce[8] = last ? 1 : 0;
  std::memcpy(p.aad.data(), header, kImmutablePrefix);
  PutU64(p.aad.data() + kImmutablePrefix, index);
  p.aad[kImmutablePrefix + 8] = last ? 1 : 0;
  return p;
}

Status WrapDek(SealedHeader& h, const SecretKey& kek, const SecretKey& dek) {
  h.kek_id = kek.Id();
  AIGIS_RETURN_IF_ERROR(RandomBytes(h.wrap_nonce));
  auto hdr = SerializeSealedHeader(h);
  Gcm gcm(kek.data(), true);
  return gcm.Seal(h.wrap_nonce.data(), ByteView(hdr.data(), kWrapAadSize), dek.view(),
                  h.wrapped_dek.data(), h.wrap_tag.data());
}

Result<SecretKey> UnwrapDek(const SealedHeader& h, const SecretKey& kek) {
  if (h.kek_id != kek.Id()) {
    return Status::InvalidArgument("wrong key: the file was sealed with key id " +
                                   HexEncode(h.kek_id) + ", this key has id " +
                                   HexEncode(kek.Id()));
  }
  auto hdr = SerializeSealedHeader(h);
  std::array<uint8_t, kSecretKeySize> dek{};
  Gcm gcm(kek.data(), false);
  if (!gcm.Open(h.wrap_nonce.data(), ByteView(hdr.data(), kWrapAadSize), h.wrapped_dek,
                h.wrap_tag.data(), dek.data())) {
    return Status::Malformed(0,
                             "sealed: header is damaged or was tampered with (key-wrap "
                             "authentication failed although the key id matches)");
  }
  SecretKey k(dek);
  OPENSSL_cleanse(dek.data(), dek.size());
  return k;
}

class FdSource : public ByteSource {
 public:
  explicit FdSource(int fd) : fd_(fd) {}
  Result<size_t> ReadFull(std::span<uint8_t> out) override {
    size_t got = 0;
    while (got < out.size()) {
      ssize_t n = ::read(fd_, out.data() + got, out.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Status::IOError(std::string("read: ") + std::strerror(errno));
      if (n == 0) break;
      got += static_cast<size_t>(n);
    }
    return got;
  }

 private:
  int fd_;
};

class FdSink : public ByteSink {
 public:
  explicit FdSink(int fd) : fd_(fd) {}
  Status Write(ByteView data) override {
    size_t off = 0;
    while (off < data.size()) {
      ssize_t n = ::write(fd_, data.data() + off, data.size() - off);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Status::IOError(std::string("write: ") + std::strerror(errno));
      off += static_cast<size_t>(n);
    }
    return Status::Ok();
  }

 private:
  int fd_;
};

class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  UniqueFd& operator=(UniqueFd&& o) noexcept {
    if (this != &o) {
      reset();
      fd_ = o.fd_;
      o.fd_ = -1;
    }
    return *this;
  }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// Output that becomes visible at `dest` only on Commit(). Prefers an unnamed O_TMPFILE inode,
// which the kernel frees if we crash; falls back to a hidden owner-only staging file.
class StagedOutput {
 public:
  static Result<std::unique_ptr<StagedOutput>> Create(const std::string& dest, mode_t mode) {
    auto out = std::unique_ptr<StagedOutput>(new StagedOutput(dest));
    std::filesystem::path p(dest);
    std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
    // Linking an O_TMPFILE inode into place goes through /proc/self/fd without privileges.
    if (::access("/proc/self/fd", X_OK) == 0) {
      out->fd_ = UniqueFd(::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode));
      if (out->fd_.get() >= 0) return out;
    }
    AIGIS_ASSIGN_OR_RETURN(out->staging_,
                           RandomName(dir + "/." + p.filename().string() + ".aigis-partial-"));
    out->fd_ = UniqueFd(
        ::open(out->staging_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 0600));
    if (out->fd_.get() < 0) {
      return Status::IOError(dest + ": cannot create output: " + std::strerror(errno));
    }
    return out;
  }

  ~StagedOutput() {
    fd_.reset();
    if (!committed_ && !staging_.empty()) ::unlink(staging_.c_str());
  }

  int fd() const { return fd_.get(); }

  Status Commit() {
    if (::fsync(fd_.get()) != 0) return Status::IOError(dest_ + ": fsync: " + std::strerror(errno));
    if (staging_.empty()) {
      AIGIS_ASSIGN_OR_RETURN(staging_, RandomName(dest_ + ".aigis-tmp-"));
      std::string proc = "/proc/self/fd/" + std::to_string(fd_.get());
      if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, staging_.c_str(), AT_SYMLINK_FOLLOW) != 0 &&
          ::linkat(fd_.get(), "", AT_FDCWD, staging_.c_str(), AT_EMPTY_PATH) != 0) {
        int e = errno;
        staging_.clear();
        return Status::IOError(dest_ + ": cannot link output into place: " + std::strerror(e));
      }
    }
    fd_.reset();
    if (::rename(staging_.c_str(), dest_.c_str()) != 0) {
      return Status::IOError(dest_ + ": rename: " + std::strerror(errno));
    }
    committed_ = true;
    return Status::Ok();
  }

 private:
  explicit StagedOutput(std::string dest) : dest_(std::move(dest)) {}
  static Result<std::string> RandomName(const std::string& prefix) {
    std::array<uint8_t, 8> r{};
    AIGIS_RETURN_IF_ERROR(RandomBytes(r));
    return prefix + HexEncode(r);
  }

  std::string dest_;
  std::string staging_;
  UniqueFd fd_;
  bool committed_ = false;
};

Status CheckDistinct(const std::string& in, int in_fd, const std::string& out) {
  struct stat a, b;
  if (::fstat(in_fd, &a) == 0 && ::stat(out.c_str(), &b) == 0 && a.st_dev == b.st_dev &&
      a.st_ino == b.st_ino) {
    return Status::InvalidArgument(in + ": input and output are the same file");
  }
  return Status::Ok();
}

Result<UniqueFd> OpenInput(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return Status::IOError(path + ": " + std::strerror(errno));
  (void)::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  return fd;
}

}  // namespace

Result<size_t> MemorySource::ReadFull(std::span<uint8_t> out) {
  size_t n = std::min(out.size(), data_.size() - pos_);
  if (n > 0) std::memcpy(out.data(), data_.data() + pos_, n);
  pos_ += n;
  return n;
}

Result<SealedHeader> ParseSealedHeader(ByteView data, const SealedLimits& limits) {
  ByteReader r(data);
  AIGIS_ASSIGN_OR_RETURN(ByteView magic, r.ReadBytes(8));
  if (std::memcmp(magic.data(), kSealedMagic, 8) != 0) {
    return Status::Malformed(0, "sealed: not an aigis sealed file (bad magic)");
  }
  SealedHeader h;
  AIGIS_ASSIGN_OR_RETURN(h.version, r.ReadU16Le());
  if (h.version != kSealedVersion) {
    return Status::Malformed(8, "sealed: unsupported format version " + std::to_string(h.version));
  }
  AIGIS_ASSIGN_OR_RETURN(uint16_t header_size, r.ReadU16Le());
  if (header_size != kSealedHeaderSize) {
    return Status::Malformed(10, "sealed: header size " + std::to_string(header_size) +
                                     " != " + std::to_string(kSealedHeaderSize));
  }
  AIGIS_ASSIGN_OR_RETURN(h.cipher, r.ReadU8());
  AIGIS_ASSIGN_OR_RETURN(h.wrap, r.ReadU8());
  if (h.cipher != 1)
    return Status::Malformed(12, "sealed: unknown cipher " + std::to_string(h.cipher));
  if (h.wrap != 1)
    return Status::Malformed(13, "sealed: unknown key wrap " + std::to_string(h.wrap));
  AIGIS_ASSIGN_OR_RETURN(h.chunk_shift, r.ReadU8());
  if (h.chunk_shift < limits.min_chunk_shift || h.chunk_shift > limits.max_chunk_shift) {
    return Status::LimitExceeded(14, "sealed: chunk size 2^" + std::to_string(h.chunk_shift) +
                                         " outside [2^" + std::to_string(limits.min_chunk_shift) +
                                         ", 2^" + std::to_string(limits.max_chunk_shift) + "]");
  }
  AIGIS_ASSIGN_OR_RETURN(uint8_t reserved, r.ReadU8());
  if (reserved != 0) return Status::Malformed(15, "sealed: reserved byte is not zero");
  auto read_into = [&r](auto& arr) -> Status {
    AIGIS_ASSIGN_OR_RETURN(ByteView v, r.ReadBytes(arr.size()));
    std::memcpy(arr.data(), v.data(), arr.size());
    return Status::Ok();
  };
  AIGIS_RETURN_IF_ERROR(read_into(h.file_id));
  AIGIS_RETURN_IF_ERROR(read_into(h.kek_id));
  AIGIS_RETURN_IF_ERROR(read_into(h.wrap_nonce));
  AIGIS_RETURN_IF_ERROR(read_into(h.wrapped_dek));
  AIGIS_RETURN_IF_ERROR(read_into(h.wrap_tag));
  return h;
}

std::array<uint8_t, kSealedHeaderSize> SerializeSealedHeader(const SealedHeader& h) {
  std::array<uint8_t, kSealedHeaderSize> b{};
  std::memcpy(b.data(), kSealedMagic, 8);
  PutU16(b.data() + 8, h.version);
  PutU16(b.data() + 10, static_cast<uint16_t>(kSealedHeaderSize));
  b[12] = h.cipher;
  b[13] = h.wrap;
  b[14] = h.chunk_shift;
  b[15] = 0;
  std::memcpy(b.data() + 16, h.file_id.data(), 16);
  std::memcpy(b.data() + 32, h.kek_id.data(), 8);
  std::memcpy(b.data() + 40, h.wrap_nonce.data(), 12);
  std::memcpy(b.data() + 52, h.wrapped_dek.data(), 32);
  std::memcpy(b.data() + 84, h.wrap_tag.data(), 16);
  return b;
}

Status SealStream(ByteSource& in, ByteSink& out, const SecretKey& kek, const SealOptions& opts) {
  SealedLimits limits;
  if (opts.chunk_shift < limits.min_chunk_shift || opts.chunk_shift > limits.max_chunk_shift) {
    return Status::InvalidArgument("seal: chunk size must be 2^12 .. 2^26 bytes");
  }
  SealedHeader h;
  h.chunk_shift = opts.chunk_shift;
  AIGIS_RETURN_IF_ERROR(RandomBytes(h.file_id));
  AIGIS_ASSIGN_OR_RETURN(SecretKey dek, RandomSecretKey());
  AIGIS_RETURN_IF_ERROR(WrapDek(h, kek, dek));
  auto hdr = SerializeSealedHeader(h);
  AIGIS_RETURN_IF_ERROR(out.Write(hdr));

  const size_t chunk = static_cast<size_t>(h.chunk_size());
  std::vector<uint8_t> cur(chunk), next(chunk), enc(chunk + kGcmTagSize);
  Gcm gcm(dek.data(), true);
  AIGIS_ASSIGN_OR_RETURN(size_t cur_len, in.ReadFull(cur));
  for (uint64_t index = 0;; ++index) {
    size_t next_len = 0;
    if (cur_len == chunk) {
      AIGIS_ASSIGN_OR_RETURN(next_len, in.ReadFull(next));
    }
    const bool last = next_len == 0;
    ChunkParams p = MakeChunkParams(hdr.data(), index, last);
    AIGIS_RETURN_IF_ERROR(gcm.Seal(p.nonce.data(), p.aad, ByteView(cur.data(), cur_len), enc.data(),
                                   enc.data() + cur_len));
    AIGIS_RETURN_IF_ERROR(out.Write(ByteView(enc.data(), cur_len + kGcmTagSize)));
    if (last) break;
    std::swap(cur, next);
    cur_len = next_len;
  }
  OPENSSL_cleanse(cur.data(), cur.size());
  OPENSSL_cleanse(next.data(), next.size());
  return Status::Ok();
}

Status UnsealStream(ByteSource& in, ByteSink& out, const SecretKey& kek,
                    const SealedLimits& limits) {
  std::array<uint8_t, kSealedHeaderSize> hdr{};
  AIGIS_ASSIGN_OR_RETURN(size_t hlen, in.ReadFull(hdr));
  if (hlen < kSealedHeaderSize) {
    if (hlen >= 8 && std::memcmp(hdr.data(), kSealedMagic, 8) != 0) {
      return Status::Malformed(0, "sealed: not an aigis sealed file (bad magic)");
    }
    return Status::Malformed(hlen, "sealed: truncated header (" + std::to_string(hlen) + " of " +
                                       std::to_string(kSealedHeaderSize) + " bytes)");
  }
  AIGIS_ASSIGN_OR_RETURN(SealedHeader h, ParseSealedHeader(hdr, limits));
  AIGIS_ASSIGN_OR_RETURN(SecretKey dek, UnwrapDek(h, kek));

  const size_t chunk = static_cast<size_t>(h.chunk_size());
  const size_t rec = chunk + kGcmTagSize;
  std::vector<uint8_t> cur(rec), next(rec), plain(chunk);
  Gcm gcm(dek.data(), false);
  uint64_t offset = kSealedHeaderSize;
  AIGIS_ASSIGN_OR_RETURN(size_t cur_len, in.ReadFull(cur));
  if (cur_len == 0) {
    return Status::Malformed(offset, "sealed: truncated: no chunk after the header");
  }
  Status result = Status::Ok();
  for (uint64_t index = 0;; ++index) {
    size_t next_len = 0;
    if (cur_len == rec) {
      AIGIS_ASSIGN_OR_RETURN(next_len, in.ReadFull(next));
    }
    const bool last = next_len == 0;
    const std::string where =
        "sealed: chunk " + std::to_string(index) + " at offset " + std::to_string(offset);
    if (cur_len < kGcmTagSize) {
      result = Status::Malformed(offset, where + ": truncated (" + std::to_string(cur_len) +
                                             " bytes, shorter than its tag)");
      break;
    }
    const size_t body = cur_len - kGcmTagSize;
    ChunkParams p = MakeChunkParams(hdr.data(), index, last);
    if (!gcm.Open(p.nonce.data(), p.aad, ByteView(cur.data(), body), cur.data() + body,
                  plain.data())) {
      // Tell truncation and appended data apart from modified bytes: the same chunk with the
      // other last-chunk flag authenticates only in those two cases.
      ChunkParams q = MakeChunkParams(hdr.data(), index, !last);
      std::vector<uint8_t> scratch(body);
      bool other = gcm.Open(q.nonce.data(), q.aad, ByteView(cur.data(), body), cur.data() + body,
                            scratch.data());
      OPENSSL_cleanse(scratch.data(), scratch.size());
      if (other && last) {
        result = Status::Malformed(offset + cur_len, where +
                                                         ": file is truncated (this chunk is "
                                                         "not the final one; data is missing)");
      } else if (other && !last) {
        result = Status::Malformed(offset + cur_len, where +
                                                         ": unexpected data after the final "
                                                         "chunk (bytes were appended)");
      } else {
        result = Status::Malformed(offset, where +
                                               ": authentication failed (modified, "
                                               "reordered, or swapped chunk)");
      }
      break;
    }
    result = out.Write(ByteView(plain.data(), body));
    if (!result.ok() || last) break;
    offset += cur_len;
    std::swap(cur, next);
    cur_len = next_len;
  }
  OPENSSL_cleanse(plain.data(), plain.size());
  return result;
}

Status SealFile(const std::string& in, const std::string& out, const SecretKey& kek,
                const SealOptions& opts) {
  AIGIS_ASSIGN_OR_RETURN(UniqueFd in_fd, OpenInput(in));
  AIGIS_RETURN_IF_ERROR(CheckDistinct(in, in_fd.get(), out));
  AIGIS_ASSIGN_OR_RETURN(auto staged, StagedOutput::Create(out, 0644));
  FdSource src(in_fd.get());
  FdSink sink(staged->fd());
  Status s = SealStream(src, sink, kek, opts);
  if (!s.ok())
    return Status(s.code() == StatusCode::kIOError
                      ? Status::IOError(in + " -> " + out + ": " + s.message())
                      : s);
  return staged->Commit();
}

Status UnsealFile(const std::string& in, const std::string& out, const SecretKey& kek,
                  const SealedLimits& limits) {
  AIGIS_ASSIGN_OR_RETURN(UniqueFd in_fd, OpenInput(in));
  AIGIS_RETURN_IF_ERROR(CheckDistinct(in, in_fd.get(), out));
  AIGIS_ASSIGN_OR_RETURN(auto staged, StagedOutput::Create(out, 0600));
  FdSource src(in_fd.get());
  FdSink sink(staged->fd());
  Status s = UnsealStream(src, sink, kek, limits);
  if (!s.ok()) return s;  // ~StagedOutput discards the verified prefix
  return staged->Commit();
}

Status RewrapFile(const std::string& path, const SecretKey& old_kek, const SecretKey& new_kek,
                  const SealedLimits& limits) {
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
  if (fd.get() < 0) return Status::IOError(path + ": " + std::strerror(errno));
  std::array<uint8_t, kSealedHeaderSize> hdr{};
  FdSource src(fd.get());
  AIGIS_ASSIGN_OR_RETURN(size_t n, src.ReadFull(hdr));
  if (n < kSealedHeaderSize) return Status::Malformed(n, "sealed: truncated header");
  AIGIS_ASSIGN_OR_RETURN(SealedHeader h, ParseSealedHeader(hdr, limits));
  AIGIS_ASSIGN_OR_RETURN(SecretKey dek, UnwrapDek(h, old_kek));
  AIGIS_RETURN_IF_ERROR(WrapDek(h, new_kek, dek));
  auto out = SerializeSealedHeader(h);
  // The header is 100 bytes at offset 0: one sector, written in one pwrite.
  if (::pwrite(fd.get(), out.data(), out.size(), 0) != static_cast<ssize_t>(out.size()) ||
      ::fsync(fd.get()) != 0) {
    return Status::IOError(path + ": cannot rewrite header: " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace aigis::sign
