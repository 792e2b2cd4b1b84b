// Throwaway X.509 material for TLS tests, generated at test time with the OpenSSL API (no
// private key is committed): a CA, server and client certificates it issues (EC P-256, valid
// from an hour ago for a day), written as PEM files into a test's temp dir. Test-only.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <string>

namespace aigis::testing {

struct PkiKeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct PkiCertDeleter {
  void operator()(X509* c) const { X509_free(c); }
};

struct KeyAndCert {
  std::unique_ptr<EVP_PKEY, PkiKeyDeleter> key;
  std::unique_ptr<X509, PkiCertDeleter> cert;
};

inline bool AddExt(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) return false;
  bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

// issuer null: a self-signed CA. kind: "ca", "server" (SAN 127.0.0.1 and localhost) or "client".
inline KeyAndCert MakeCert(const std::string& cn, const std::string& kind, long serial,
                           const KeyAndCert* issuer = nullptr) {
  KeyAndCert out;
  out.key.reset(EVP_EC_gen("P-256"));
  out.cert.reset(X509_new());
  X509* c = out.cert.get();
  X509_set_version(c, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(c), serial);
  X509_gmtime_adj(X509_getm_notBefore(c), -3600);
  X509_gmtime_adj(X509_getm_notAfter(c), 24 * 3600);
  X509_NAME* name = X509_get_subject_name(c);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509* issuer_cert = issuer ? issuer->cert.get() : c;
  X509_set_issuer_name(c, X509_get_subject_name(issuer_cert));
  X509_set_pubkey(c, out.key.get());
  if (kind == "ca") {
    AddExt(c, issuer_cert, NID_basic_constraints, "critical,CA:TRUE");
    AddExt(c, issuer_cert, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    AddExt(c, issuer_cert, NID_basic_constraints, "critical,CA:FALSE");
    AddExt(c, issuer_cert, NID_ext_key_usage, kind == "server" ? "serverAuth" : "clientAuth");
    if (kind == "server")
      AddExt(c, issuer_cert, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
  }
  X509_sign(c, issuer ? issuer->key.get() : out.key.get(), EVP_sha256());
  return out;
}

inline bool WriteCertPem(const std::string& path, const X509* cert) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) return false;
  bool ok = PEM_write_X509(f, cert) == 1;
  std::fclose(f);
  return ok;
}

// Mode 0600 unless `mode` says otherwise; passphrase non-empty: encrypted (AES-256-CBC).
inline bool WriteKeyPem(const std::string& path, EVP_PKEY* key, mode_t mode = 0600,
                        const std::string& passphrase = "") {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) return false;
  bool ok;
  if (passphrase.empty()) {
    ok = PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  } else {
    ok = PEM_write_PrivateKey(f, key, EVP_aes_256_cbc(),
                              reinterpret_cast<const unsigned char*>(passphrase.data()),
                              static_cast<int>(passphrase.size()), nullptr, nullptr) == 1;
  }
  std::fclose(f);
  return ok && ::chmod(path.c_str(), mode) == 0;
}

}  // namespace aigis::testing
