// OpenSSL key and certificate handling for OMS signing: PEM loading, ECDSA sign/verify with the
// hash the reference implementation pairs with each curve, the OMS public-key hint, and X.509
// chain verification against trusted roots. Each C handle is wrapped once in a unique_ptr.
// Thread safety: functions are reentrant; handles are not shared between threads by this code.
#pragma once

#include <openssl/types.h>

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"

namespace aigis::sign {

struct PKeyDeleter {
  void operator()(EVP_PKEY* k) const;
};
struct X509Deleter {
  void operator()(X509* c) const;
};
using PKey = std::unique_ptr<EVP_PKEY, PKeyDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

// PEM private key (PKCS#8 or SEC1 EC); unencrypted. kUnsupported for non-EC keys or curves other
// than P-256/P-384/P-521 (the OMS key types).
Result<PKey> LoadPrivateKeyPem(const std::string& path);
// PEM SubjectPublicKeyInfo; a PEM certificate is accepted too (its key is used).
Result<PKey> LoadPublicKeyPem(const std::string& path);
Result<PKey> ParsePublicKeyPem(std::string_view pem);

// OMS `publicKey.hint`: hex SHA-256 of the key's PEM SubjectPublicKeyInfo text.
Result<std::string> PublicKeyHint(EVP_PKEY* key);
// "ECDSA P-384" for messages.
std::string DescribeKey(EVP_PKEY* key);

// Hash paired with the key's curve: P-256 SHA-256, P-384 SHA-384, P-521 SHA-512.
Result<const EVP_MD*> HashForKey(EVP_PKEY* key);
// DER-encoded ECDSA signature over `message`.
Result<std::vector<uint8_t>> SignMessage(EVP_PKEY* key, ByteView message);
// True when `sig` verifies; false for a wrong signature. Errors only for unusable keys.
Result<bool> VerifyMessage(EVP_PKEY* key, const EVP_MD* md, ByteView message, ByteView sig);
bool SameKey(EVP_PKEY* a, EVP_PKEY* b);

// Every certificate in a PEM file, in file order. kMalformed when there is none.
Result<std::vector<X509Ptr>> LoadCertificatesPem(const std::string& path);
Result<X509Ptr> ParseCertificateDer(ByteView der);
Result<std::vector<uint8_t>> CertificateDer(X509* cert);
std::string CertificateSubject(X509* cert);
Result<PKey> CertificatePublicKey(X509* cert);

// Verifies that `leaf` chains, through `untrusted` intermediates, to one of `roots`, with validity
// periods checked at the current time. The error message carries OpenSSL's reason.
Status VerifyCertificateChain(X509* leaf, const std::vector<X509Ptr>& untrusted,
                              const std::vector<X509Ptr>& roots);

// Cryptographically secure random bytes.
Status RandomBytes(std::span<uint8_t> out);

}  // namespace aigis::sign
