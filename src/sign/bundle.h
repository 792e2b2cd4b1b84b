// The OMS v1.0 signature file: a Sigstore bundle (JSON) holding verification material and a DSSE
// envelope whose payload is an in-toto Statement v1 with the OMS predicate (standards.md 4.3).
// Parsing takes untrusted bytes and never throws; writing produces what the reference verifier
// reads. Both protobuf-JSON spellings (camelCase, snake_case) are accepted when reading.
// Thread safety: pure functions on values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "sign/manifest.h"
#include "sign/oms_limits.h"

namespace aigis::sign {

inline constexpr char kBundleMediaType[] = "application/vnd.dev.sigstore.bundle.v0.3+json";
inline constexpr char kInTotoPayloadType[] = "application/vnd.in-toto+json";
inline constexpr char kStatementType[] = "https://in-toto.io/Statement/v1";
inline constexpr char kPredicateTypeV1[] = "https://model_signing/signature/v1.0";
// Deprecated v0.2 layout (per-file digests in the subject list); verify-only.
inline constexpr char kPredicateTypeV01[] = "https://model_signing/Digests/v0.1";

enum class BundleMethod : uint8_t {
  kPublicKey,         // verificationMaterial.publicKey
  kCertificateChain,  // verificationMaterial.x509CertificateChain
  kSigstore,          // verificationMaterial.certificate + tlogEntries (keyless, Fulcio + Rekor)
};
std::string_view BundleMethodName(BundleMethod m);

struct DsseSignature {
  std::vector<uint8_t> sig;
  std::string keyid;
};

struct Bundle {
  std::string media_type;
  BundleMethod method = BundleMethod::kPublicKey;
  std::string key_hint;                            // empty when absent (pre-1.1.0 bundles)
  std::vector<std::vector<uint8_t>> certificates;  // DER, leaf first
  size_t tlog_entries = 0;
  std::string payload_type;
  std::vector<uint8_t> payload;  // the signed statement bytes, exactly as signed
  std::vector<DsseSignature> signatures;
};

// kMalformed for anything that is not a well-formed bundle (empty file, missing envelope or
// verification material, a sigstore certificate without tlog entries, bad base64 ...).
Result<Bundle> ParseBundle(ByteView json, const OmsLimits& limits);

struct PredicateResource {
  std::string name;
  std::string algorithm;  // as recorded
  std::vector<uint8_t> digest;
};

struct Statement {
  std::string subject_name;
  std::vector<uint8_t> subject_digest;  // sha256 of the subject (root digest for v1.0)
  std::string predicate_type;
  bool known_predicate = false;  // v1.0 or the legacy v0.1 layout
  bool legacy_v01 = false;
  std::vector<PredicateResource> resources;
  bool has_serialization = false;
  SerializationMethod method = SerializationMethod::kFiles;
  HashAlgorithm hash = HashAlgorithm::kSha256;
  uint64_t shard_size = 0;
  bool allow_symlinks = false;
  std::vector<std::string> ignore_paths;
};

// Parses the in-toto statement. An unknown predicateType is not an error here: the statement comes
// back with known_predicate=false so the verifier can name the problem precisely.
// Reference-implementation quirks accepted: algorithm "sha256-sharded-<n>", shard_size as an
// integral float, hash_type "blake2".
Result<Statement> ParseStatement(ByteView payload, const OmsLimits& limits);

// DSSE v1 pre-authentication encoding and the reference tool's pre-1.0 variant
// ("DSSEV1 ... <python bytes repr>"), needed to verify its old signatures.
std::vector<uint8_t> DssePae(std::string_view payload_type, ByteView payload);
std::vector<uint8_t> DssePaeCompat(std::string_view payload_type, ByteView payload);

// In-toto statement for a manifest, resources sorted by name (shards by path then offset).
std::string BuildStatement(const Manifest& manifest, const std::string& subject_name,
                           const std::vector<std::string>& ignore_paths, bool allow_symlinks);

struct BundleMaterial {
  BundleMethod method = BundleMethod::kPublicKey;
  std::string key_hint;
  std::vector<std::vector<uint8_t>> certificates;  // DER, leaf first
};
std::string BuildBundle(const BundleMaterial& material, std::string_view payload,
                        ByteView signature);

}  // namespace aigis::sign
