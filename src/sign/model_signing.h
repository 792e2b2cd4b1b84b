// Signing and verifying models with OpenSSF Model Signing (OMS v1.0) bundles, offline:
// the private-key method (ECDSA P-256/P-384/P-521) and the certificate-chain method. Keyless
// (sigstore) bundles are recognised and reported as needing a transparency-log check, which is a
// distinct outcome, never a pass. VerifyModel is also the library call behind `aigis scan
// --verify`. Thread safety: both calls are reentrant; each hashes on its own ThreadPool.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "sign/bundle.h"
#include "sign/manifest.h"
#include "sign/oms_limits.h"

namespace aigis::sign {

inline constexpr char kDefaultSignatureName[] = "model.sig";

struct SignOptions {
  std::string model_path;        // a directory or a single file
  std::string signature_path;    // empty: MODEL_DIR/model.sig, or FILE.sig for a file
  std::string private_key_path;  // PEM, ECDSA P-256/P-384/P-521
  std::string certificate_path;  // leaf certificate (PEM): selects the certificate method
  std::vector<std::string> certificate_chain_paths;  // intermediates (PEM), leaf excluded
  // Absolute, relative to the current directory when that lands inside the model, else relative
  // to the model root.
  std::vector<std::string> ignore_paths;
  bool ignore_git_paths = true;  // .git, .gitattributes, .github, .gitignore at the top level
  SerializationMethod method = SerializationMethod::kFiles;
  uint64_t shard_size = kDefaultShardSize;
  HashAlgorithm hash = HashAlgorithm::kSha256;
  bool allow_symlinks = false;
  size_t threads = 0;
  OmsLimits limits;
};

struct SignResult {
  std::string signature_path;
  size_t files = 0;
  size_t resources = 0;
  uint64_t bytes = 0;
  std::string root_digest;  // hex
};

// Hashes the model and writes the bundle. Any symlink, special or unreadable file is an error
// (a signature must cover what will be loaded).
Result<SignResult> SignModel(const SignOptions& opts);

struct VerifyOptions {
  std::string model_path;
  std::string signature_path;                   // empty: as for SignOptions
  std::string public_key_path;                  // PEM public key (or certificate)
  std::vector<std::string> trusted_root_paths;  // PEM CA certificates (--certificate-chain)
  bool ignore_unsigned_files = false;           // extra files on disk are then not a failure
  // Added to the ignore paths recorded in the bundle (needed for pre-1.1.0 bundles, which do not
  // record them); resolved as SignOptions::ignore_paths.
  std::vector<std::string> ignore_paths;
  size_t threads = 0;
  OmsLimits limits;
};

enum class VerifyOutcome : uint8_t {
  kVerified = 0,
  kNeedsTransparencyLog,  // keyless sigstore bundle: Rekor/Fulcio checks unavailable offline
  kWrongKey,              // the bundle names another key, or was made with another method
  kBadSignature,          // the signature does not verify over the statement
  kUntrustedCertificate,  // the certificate chain does not lead to a trusted root
  kMalformedBundle,       // not a (well-formed) OMS bundle
  kWrongPredicateType,    // a valid statement, but not an OMS model signature
  kUnsupported,           // e.g. blake3, an unknown serialization method
  kModelMismatch,         // signature fine; files modified, missing or extra
};
std::string_view VerifyOutcomeName(VerifyOutcome o);

struct VerifiedFile {
  std::string path;
  std::string algorithm;
  std::string digest;  // hex; for shards, the digest of the first shard
  uint64_t size = 0;
  size_t shards = 0;  // 0 for the "files" method
};

struct FileIssue {
  enum class Kind : uint8_t { kModified, kMissing, kExtra, kUnreadable, kSymlink, kSpecialFile };
  Kind kind;
  std::string path;
  std::string detail;
};
std::string_view FileIssueKindName(FileIssue::Kind k);

struct VerifyReport {
  VerifyOutcome outcome = VerifyOutcome::kMalformedBundle;
  std::string message;  // one line: what was verified or exactly what failed
  BundleMethod method = BundleMethod::kPublicKey;
  std::string signer;  // key description or certificate subject
  std::string predicate_type;
  std::vector<VerifiedFile> verified;  // files whose digests matched
  std::vector<FileIssue> issues;
  bool ok() const { return outcome == VerifyOutcome::kVerified; }
};

// Verifies the signature and every digest. A Status error means the verification could not be
// attempted (no such model or signature file, unreadable key, no trust anchor given); every
// verdict about the bundle or the files is in the report.
Result<VerifyReport> VerifyModel(const VerifyOptions& opts);

// Default signature path for a model path (see SignOptions::signature_path).
std::string DefaultSignaturePath(const std::string& model_path);

}  // namespace aigis::sign
