// Signed checkpoints: an Ed25519 signature (OpenSSL 3) over the hash of record `seq`, so rewriting
// the chain up to a checkpoint (recomputing every hash) is still detected without the private key.
// Thread safety: a Signer/Verifier is immutable after construction and may be shared.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace aigis::audit {

struct Checkpoint {
  int64_t seq = 0;        // last record covered
  std::string head_hash;  // hash of record `seq`
  int64_t time_ms = 0;    // when it was signed
  std::string key_id;     // KeyId() of the signing key
  std::string signature;  // hex Ed25519 signature over CheckpointMessage()
};

// The exact bytes signed: a domain-separation tag, then seq, head hash and time, one per line.
std::string CheckpointMessage(int64_t seq, const std::string& head_hash, int64_t time_ms);

struct PKeyFree {
  void operator()(EVP_PKEY* k) const;
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, PKeyFree>;

class CheckpointSigner {
 public:
  // Unencrypted PEM Ed25519 private key (PKCS#8). Error messages never include key material.
  static Result<CheckpointSigner> FromPemFile(const std::string& path);
  static Result<CheckpointSigner> FromPem(const std::string& pem);
  Result<Checkpoint> Sign(int64_t seq, const std::string& head_hash, int64_t time_ms) const;
  const std::string& key_id() const { return key_id_; }
  // PEM SubjectPublicKeyInfo of the key, for `audit verify --pubkey`.
  Result<std::string> PublicKeyPem() const;

 private:
  std::shared_ptr<EVP_PKEY> key_;
  std::string key_id_;
};

class CheckpointVerifier {
 public:
  // One or more PEM public keys (SubjectPublicKeyInfo); an Ed25519 private key is accepted too.
  Status AddPemFile(const std::string& path);
  Status AddPem(const std::string& pem);
  bool empty() const { return keys_.empty(); }
  // OK when the signature verifies under the key named by cp.key_id; kNotFound for an unknown key,
  // kMalformed for a bad signature.
  Status Verify(const Checkpoint& cp) const;

 private:
  std::vector<std::pair<std::string, std::shared_ptr<EVP_PKEY>>> keys_;
};

// A new Ed25519 private key as unencrypted PKCS#8 PEM (for `aigis audit keygen`).
Result<std::string> GenerateEd25519Pem();

// First 16 hex digits of SHA-256 over the raw 32-byte public key.
Result<std::string> KeyId(EVP_PKEY* key);

}  // namespace aigis::audit
