#include "audit/checkpoint.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <sstream>

#include "audit/audit_record.h"

namespace aigis::audit {

namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

// Key files are small; anything larger is not a key (and is not read into memory).
constexpr std::streamsize kMaxPemBytes = 64 * 1024;

Result<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open key file");
  std::string data(static_cast<size_t>(kMaxPemBytes) + 1, '\0');
  in.read(data.data(), kMaxPemBytes + 1);
  if (in.gcount() > kMaxPemBytes) return Status::LimitExceeded(path + ": larger than a key file");
  data.resize(static_cast<size_t>(in.gcount()));
  return data;
}

std::string ToHex(const unsigned char* p, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kHex[p[i] >> 4];
    out[2 * i + 1] = kHex[p[i] & 15];
  }
  return out;
}

bool FromHex(const std::string& s, std::vector<unsigned char>* out) {
  if (s.size() % 2) return false;
  auto nib = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  out->clear();
  for (size_t i = 0; i < s.size(); i += 2) {
    int hi = nib(s[i]), lo = nib(s[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<unsigned char>(hi * 16 + lo));
  }
  return true;
}

}  // namespace

void PKeyFree::operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }

std::string CheckpointMessage(int64_t seq, const std::string& head_hash, int64_t time_ms) {
  return "aigis-audit-checkpoint-v1\n" + std::to_string(seq) + "\n" + head_hash + "\n" +
         std::to_string(time_ms) + "\n";
}

Result<std::string> KeyId(EVP_PKEY* key) {
  unsigned char raw[64];
  size_t len = sizeof(raw);
  if (EVP_PKEY_get_raw_public_key(key, raw, &len) != 1)
    return Status::Unsupported("audit key: cannot read the raw public key");
  return Sha256Hex(std::string_view(reinterpret_cast<const char*>(raw), len)).substr(0, 16);
}

Result<std::string> GenerateEd25519Pem() {
  PKeyPtr k(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (!k || !bio ||
      PEM_write_bio_PrivateKey(bio.get(), k.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return Status::Internal("audit key: Ed25519 key generation failed");
  char* p = nullptr;
  long n = BIO_get_mem_data(bio.get(), &p);
  return std::string(p, static_cast<size_t>(n));
}

Result<CheckpointSigner> CheckpointSigner::FromPemFile(const std::string& path) {
  AIGIS_ASSIGN_OR_RETURN(std::string pem, ReadSmallFile(path));
  auto r = FromPem(pem);
  if (!r.ok()) {
    // Name the file, never its contents.
    const Status& e = r.error();
    if (e.code() == StatusCode::kUnsupported) return Status::Unsupported(path + ": " + e.message());
    return Status::InvalidArgument(path + ": " + e.message());
  }
  return r;
}

Result<CheckpointSigner> CheckpointSigner::FromPem(const std::string& pem) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return Status::Internal("audit key: out of memory");
  EVP_PKEY* k = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (!k)
    return Status::InvalidArgument("not a PEM private key (encrypted keys are not supported)");
  std::shared_ptr<EVP_PKEY> key(k, PKeyFree());
  if (EVP_PKEY_get_id(k) != EVP_PKEY_ED25519)
    return Status::Unsupported("checkpoint keys must be Ed25519");
  CheckpointSigner s;
  AIGIS_ASSIGN_OR_RETURN(s.key_id_, KeyId(k));
  s.key_ = std::move(key);
  return s;
}

Result<Checkpoint> CheckpointSigner::Sign(int64_t seq, const std::string& head_hash,
                                          int64_t time_ms) const {
  std::string msg = CheckpointMessage(seq, head_hash, time_ms);
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  unsigned char sig[64];
  size_t sig_len = sizeof(sig);
  // Ed25519 is one-shot: no digest is named (RFC 8032 PureEdDSA).
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), sig, &sig_len, reinterpret_cast<const unsigned char*>(msg.data()),
                     msg.size()) != 1)
    return Status::Internal("audit checkpoint: signing failed");
  Checkpoint cp;
  cp.seq = seq;
  cp.head_hash = head_hash;
  cp.time_ms = time_ms;
  cp.key_id = key_id_;
  cp.signature = ToHex(sig, sig_len);
  return cp;
}

Result<std::string> CheckpointSigner::PublicKeyPem() const {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1)
    return Status::Internal("audit key: cannot write public key");
  char* p = nullptr;
  long n = BIO_get_mem_data(bio.get(), &p);
  return std::string(p, static_cast<size_t>(n));
}

Status CheckpointVerifier::AddPemFile(const std::string& path) {
  AIGIS_ASSIGN_OR_RETURN(std::string pem, ReadSmallFile(path));
  Status st = AddPem(pem);
  if (!st.ok()) return Status::InvalidArgument(path + ": " + st.message());
  return st;
}

Status CheckpointVerifier::AddPem(const std::string& pem) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return Status::Internal("audit key: out of memory");
  EVP_PKEY* k = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (!k) {
    BIO_reset(bio.get());
    k = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  }
  if (!k) return Status::InvalidArgument("not a PEM public key");
  std::shared_ptr<EVP_PKEY> key(k, PKeyFree());
  if (EVP_PKEY_get_id(k) != EVP_PKEY_ED25519)
    return Status::Unsupported("checkpoint keys must be Ed25519");
  AIGIS_ASSIGN_OR_RETURN(std::string id, KeyId(k));
  keys_.emplace_back(std::move(id), std::move(key));
  return Status::Ok();
}

Status CheckpointVerifier::Verify(const Checkpoint& cp) const {
  EVP_PKEY* key = nullptr;
  for (const auto& [id, k] : keys_)
    if (id == cp.key_id) key = k.get();
  if (!key) return Status::NotFound("checkpoint signed by unknown key " + cp.key_id);
  std::vector<unsigned char> sig;
  if (!FromHex(cp.signature, &sig) || sig.size() != 64)
    return Status::Malformed("checkpoint signature is not 64 hex-encoded bytes");
  std::string msg = CheckpointMessage(cp.seq, cp.head_hash, cp.time_ms);
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key) != 1)
    return Status::Internal("audit checkpoint: verifier setup failed");
  int rc = EVP_DigestVerify(ctx.get(), sig.data(), sig.size(),
                            reinterpret_cast<const unsigned char*>(msg.data()), msg.size());
  if (rc != 1) return Status::Malformed("checkpoint signature does not verify");
  return Status::Ok();
}

}  // namespace aigis::audit
