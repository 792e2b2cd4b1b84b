#include "sign/keys.h"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <fstream>
#include <sstream>

#include "sign/encoding.h"
#include "sign/hashing.h"

namespace aigis::sign {

void PKeyDeleter::operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
void X509Deleter::operator()(X509* c) const { X509_free(c); }

namespace {

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;
struct StoreDeleter {
  void operator()(X509_STORE* s) const { X509_STORE_free(s); }
};
struct StoreCtxDeleter {
  void operator()(X509_STORE_CTX* s) const { X509_STORE_CTX_free(s); }
};
struct StackDeleter {
  void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }
};

std::string OpenSslError() {
  unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "unknown OpenSSL error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof(buf));
  return buf;
}

Result<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open");
  std::string data;
  char buf[4096];
  while (in.read(buf, sizeof(buf)) || in.gcount() > 0) {
    data.append(buf, static_cast<size_t>(in.gcount()));
    // Keys and certificate bundles are small; refuse to slurp a model by mistake.
    if (data.size() > (4u << 20)) return Status::LimitExceeded(path + ": larger than 4 MiB");
  }
  return data;
}

// Curve size in bits for EC keys, 0 otherwise.
int EcBits(EVP_PKEY* key) {
  if (EVP_PKEY_base_id(key) != EVP_PKEY_EC) return 0;
  return EVP_PKEY_get_bits(key);
}

Status CheckSupportedKey(EVP_PKEY* key, const std::string& what) {
  int bits = EcBits(key);
  if (bits == 256 || bits == 384 || bits == 521) return Status::Ok();
  return Status::Unsupported(what + ": " + DescribeKey(key) +
                             " is not an OMS key type (ECDSA P-256, P-384 or P-521)");
}

}  // namespace

std::string DescribeKey(EVP_PKEY* key) {
  int bits = EcBits(key);
  if (bits == 256) return "ECDSA P-256";
  if (bits == 384) return "ECDSA P-384";
  if (bits == 521) return "ECDSA P-521";
  const char* name = EVP_PKEY_get0_type_name(key);
  return std::string(name ? name : "unknown") + " key";
}

Result<PKey> LoadPrivateKeyPem(const std::string& path) {
  AIGIS_ASSIGN_OR_RETURN(std::string pem, ReadSmallFile(path));
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return Status::Internal("BIO_new_mem_buf failed");
  // An empty passphrase callback: encrypted keys fail instead of prompting on the terminal.
  PKey key(PEM_read_bio_PrivateKey(
      bio.get(), nullptr, [](char*, int, int, void*) { return 0; }, nullptr));
  if (!key)
    return Status::Malformed(path + ": not an unencrypted PEM private key (" + OpenSslError() +
                             ")");
  AIGIS_RETURN_IF_ERROR(CheckSupportedKey(key.get(), path));
  return key;
}

Result<PKey> ParsePublicKeyPem(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return Status::Internal("BIO_new_mem_buf failed");
  PKey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!key) {
    ERR_clear_error();
    BioPtr bio2(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    X509Ptr cert(PEM_read_bio_X509(bio2.get(), nullptr, nullptr, nullptr));
    if (!cert) return Status::Malformed("not a PEM public key or certificate");
    return CertificatePublicKey(cert.get());
  }
  return key;
}

Result<PKey> LoadPublicKeyPem(const std::string& path) {
  AIGIS_ASSIGN_OR_RETURN(std::string pem, ReadSmallFile(path));
  auto key = ParsePublicKeyPem(pem);
  if (!key.ok()) return Status::Malformed(path + ": " + key.status().message());
  AIGIS_RETURN_IF_ERROR(CheckSupportedKey(key->get(), path));
  return key;
}

Result<std::string> PublicKeyHint(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1) {
    return Status::Internal("PEM_write_bio_PUBKEY: " + OpenSslError());
  }
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  if (len < 0) return Status::Internal("BIO_get_mem_data failed");
  auto digest = Sha256(ByteView(reinterpret_cast<const uint8_t*>(data), static_cast<size_t>(len)));
  return HexEncode(digest);
}

Result<const EVP_MD*> HashForKey(EVP_PKEY* key) {
  switch (EcBits(key)) {
    case 256:
      return EVP_sha256();
    case 384:
      return EVP_sha384();
    case 521:
      return EVP_sha512();
    default:
      return Status::Unsupported(DescribeKey(key) + " is not an OMS key type");
  }
}

Result<std::vector<uint8_t>> SignMessage(EVP_PKEY* key, ByteView message) {
  AIGIS_ASSIGN_OR_RETURN(const EVP_MD* md, HashForKey(key));
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key) != 1) {
    return Status::Internal("EVP_DigestSignInit: " + OpenSslError());
  }
  size_t len = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &len, message.data(), message.size()) != 1) {
    return Status::Internal("EVP_DigestSign: " + OpenSslError());
  }
  std::vector<uint8_t> sig(len);
  if (EVP_DigestSign(ctx.get(), sig.data(), &len, message.data(), message.size()) != 1) {
    return Status::Internal("EVP_DigestSign: " + OpenSslError());
  }
  sig.resize(len);
  return sig;
}

Result<bool> VerifyMessage(EVP_PKEY* key, const EVP_MD* md, ByteView message, ByteView sig) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key) != 1) {
    return Status::Internal("EVP_DigestVerifyInit: " + OpenSslError());
  }
  int rc = EVP_DigestVerify(ctx.get(), sig.data(), sig.size(), message.data(), message.size());
  ERR_clear_error();  // a malformed DER signature leaves decode errors on the queue
  return rc == 1;
}

bool SameKey(EVP_PKEY* a, EVP_PKEY* b) { return EVP_PKEY_eq(a, b) == 1; }

Result<std::vector<X509Ptr>> LoadCertificatesPem(const std::string& path) {
  AIGIS_ASSIGN_OR_RETURN(std::string pem, ReadSmallFile(path));
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return Status::Internal("BIO_new_mem_buf failed");
  std::vector<X509Ptr> certs;
  for (;;) {
    X509Ptr c(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!c) break;
    certs.push_back(std::move(c));
  }
  ERR_clear_error();  // the loop ends on a "no start line" error
  if (certs.empty()) return Status::Malformed(path + ": no PEM certificate found");
  return certs;
}

Result<X509Ptr> ParseCertificateDer(ByteView der) {
  const unsigned char* p = der.data();
  X509Ptr c(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!c) return Status::Malformed("certificate: invalid DER (" + OpenSslError() + ")");
  if (p != der.data() + der.size())
    return Status::Malformed("certificate: trailing bytes after DER");
  return c;
}

Result<std::vector<uint8_t>> CertificateDer(X509* cert) {
  unsigned char* buf = nullptr;
  int len = i2d_X509(cert, &buf);
  if (len <= 0) return Status::Internal("i2d_X509: " + OpenSslError());
  std::vector<uint8_t> out(buf, buf + len);
  OPENSSL_free(buf);
  return out;
}

std::string CertificateSubject(X509* cert) {
  char buf[512];
  X509_NAME_oneline(X509_get_subject_name(cert), buf, sizeof(buf));
  return buf;
}

Result<PKey> CertificatePublicKey(X509* cert) {
  PKey key(X509_get_pubkey(cert));
  if (!key) return Status::Malformed("certificate: unreadable public key (" + OpenSslError() + ")");
  return key;
}

Status VerifyCertificateChain(X509* leaf, const std::vector<X509Ptr>& untrusted,
                              const std::vector<X509Ptr>& roots) {
  std::unique_ptr<X509_STORE, StoreDeleter> store(X509_STORE_new());
  if (!store) return Status::Internal("X509_STORE_new failed");
  for (const auto& r : roots) {
    if (X509_STORE_add_cert(store.get(), r.get()) != 1) {
      return Status::Internal("X509_STORE_add_cert: " + OpenSslError());
    }
  }
  std::unique_ptr<STACK_OF(X509), StackDeleter> chain(sk_X509_new_null());
  for (const auto& c : untrusted) sk_X509_push(chain.get(), c.get());  // not owned by the stack
  std::unique_ptr<X509_STORE_CTX, StoreCtxDeleter> ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), leaf, chain.get()) != 1) {
    return Status::Internal("X509_STORE_CTX_init: " + OpenSslError());
  }
  int rc = X509_verify_cert(ctx.get());
  ERR_clear_error();
  if (rc == 1) return Status::Ok();
  int err = X509_STORE_CTX_get_error(ctx.get());
  int depth = X509_STORE_CTX_get_error_depth(ctx.get());
  return Status::InvalidArgument(std::string("certificate chain: ") +
                                 X509_verify_cert_error_string(err) + " (depth " +
                                 std::to_string(depth) + ")");
}

Status RandomBytes(std::span<uint8_t> out) {
  if (out.empty()) return Status::Ok();
  if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) {
    return Status::Internal("RAND_bytes failed");
  }
  return Status::Ok();
}

}  // namespace aigis::sign
