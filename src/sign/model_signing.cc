#include "sign/model_signing.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "sign/encoding.h"
#include "sign/keys.h"

namespace aigis::sign {
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kGitPaths = {".git", ".gitattributes", ".github", ".gitignore"};

bool IsDirectory(const std::string& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// Path of `p` relative to `root` when p lies inside root, else empty.
std::string RelativeInside(const fs::path& root, const fs::path& p) {
  std::error_code ec;
  fs::path cp = fs::weakly_canonical(p, ec);
  if (ec) return "";
  fs::path rel = cp.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") return "";
  std::string s = rel.generic_string();
  return s == "." ? "" : s;
}

Result<std::vector<uint8_t>> ReadFileLimited(const std::string& path, uint64_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open signature file");
  std::vector<uint8_t> data;
  char buf[65536];
  while (in.read(buf, sizeof(buf)) || in.gcount() > 0) {
    data.insert(data.end(), buf, buf + in.gcount());
    if (data.size() > max_bytes) {
      return Status::LimitExceeded(path + ": larger than " + std::to_string(max_bytes) + " bytes");
    }
  }
  return data;
}

// Writes `data` to `path` through a temporary file and rename, so a crash never leaves a half
// written signature behind.
Status WriteFileAtomic(const std::string& path, std::string_view data) {
  std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError(tmp + ": " + std::strerror(errno));
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int e = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return Status::IOError(tmp + ": write: " + std::strerror(e));
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return Status::IOError(tmp + ": " + std::strerror(errno));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    return Status::IOError(path + ": rename: " + std::strerror(e));
  }
  return Status::Ok();
}

// User-given ignore paths: absolute, or relative to the current directory when that lands inside
// the model, else relative to the model root.
Result<std::vector<std::string>> ResolveIgnorePaths(const fs::path& root,
                                                    const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& p : paths) {
    std::string rel;
    if (fs::path(p).is_absolute() || fs::exists(p, ec)) rel = RelativeInside(root, p);
    if (rel.empty()) {
      if (fs::path(p).is_absolute()) {
        return Status::InvalidArgument("--ignore-paths " + p + " is outside the model");
      }
      AIGIS_ASSIGN_OR_RETURN(rel, NormalizeRelativePath(p));
    }
    if (!rel.empty()) out.push_back(rel);
  }
  return out;
}

std::string SubjectName(const std::string& model_path) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(model_path, ec);
  std::string n = (ec ? fs::path(model_path) : c).filename().string();
  return n.empty() ? "model" : n;
}

VerifyReport Fail(VerifyReport r, VerifyOutcome o, std::string msg) {
  r.outcome = o;
  r.message = std::move(msg);
  return r;
}

// True when any signature verifies over the DSSE PAE (or the pre-1.0 variant, which the
// reference signed with SHA-256 whatever the curve).
Result<bool> AnySignatureVerifies(EVP_PKEY* key, const Bundle& b) {
  AIGIS_ASSIGN_OR_RETURN(const EVP_MD* md, HashForKey(key));
  std::vector<uint8_t> pae = DssePae(b.payload_type, b.payload);
  std::vector<uint8_t> compat;
  for (const auto& s : b.signatures) {
    AIGIS_ASSIGN_OR_RETURN(bool ok, VerifyMessage(key, md, pae, s.sig));
    if (ok) return true;
  }
  compat = DssePaeCompat(b.payload_type, b.payload);
  for (const auto& s : b.signatures) {
    AIGIS_ASSIGN_OR_RETURN(bool ok, VerifyMessage(key, EVP_sha256(), compat, s.sig));
    if (ok) return true;
    AIGIS_ASSIGN_OR_RETURN(ok, VerifyMessage(key, md, compat, s.sig));
    if (ok) return true;
  }
  return false;
}

FileIssue::Kind IssueKindFor(TreeProblem::Kind k) {
  switch (k) {
    case TreeProblem::Kind::kSymlink:
    case TreeProblem::Kind::kSymlinkOutside:
      return FileIssue::Kind::kSymlink;
    case TreeProblem::Kind::kSpecialFile:
      return FileIssue::Kind::kSpecialFile;
    case TreeProblem::Kind::kUnreadable:
      return FileIssue::Kind::kUnreadable;
  }
  return FileIssue::Kind::kUnreadable;
}

struct Expected {
  // path -> (resource name -> digest). For "files" the single name equals the path.
  std::map<std::string, std::map<std::string, std::vector<uint8_t>>> by_path;
};

Result<Expected> BuildExpected(const Statement& st) {
  Expected e;
  std::set<std::string> seen;
  for (const auto& r : st.resources) {
    if (!seen.insert(r.name).second) {
      return Status::Malformed("statement: resource '" + r.name + "' listed twice");
    }
    std::string path = r.name;
    if (st.method == SerializationMethod::kShards && !st.legacy_v01) {
      AIGIS_ASSIGN_OR_RETURN(Resource parsed, ParseShardName(r.name));
      path = parsed.path;
    }
    if (path == ".") {
      // model_signing < 1.0.1 names the one resource of a single-file model ".".
      e.by_path["."][r.name] = r.digest;
      continue;
    }
    auto norm = NormalizeRelativePath(path);
    if (!norm.ok() || norm->empty()) {
      return Status::Malformed("statement: resource name '" + r.name +
                               "' is not a relative path inside the model");
    }
    e.by_path[*norm][r.name] = r.digest;
  }
  return e;
}

}  // namespace

std::string DefaultSignaturePath(const std::string& model_path) {
  if (IsDirectory(model_path)) return (fs::path(model_path) / kDefaultSignatureName).string();
  return model_path + ".sig";
}

std::string_view VerifyOutcomeName(VerifyOutcome o) {
  switch (o) {
    case VerifyOutcome::kVerified:
      return "verified";
    case VerifyOutcome::kNeedsTransparencyLog:
      return "needs-transparency-log";
    case VerifyOutcome::kWrongKey:
      return "wrong-key";
    case VerifyOutcome::kBadSignature:
      return "bad-signature";
    case VerifyOutcome::kUntrustedCertificate:
      return "untrusted-certificate";
    case VerifyOutcome::kMalformedBundle:
      return "malformed-bundle";
    case VerifyOutcome::kWrongPredicateType:
      return "wrong-predicate-type";
    case VerifyOutcome::kUnsupported:
      return "unsupported";
    case VerifyOutcome::kModelMismatch:
      return "model-mismatch";
  }
  return "unknown";
}

std::string_view FileIssueKindName(FileIssue::Kind k) {
  switch (k) {
    case FileIssue::Kind::kModified:
      return "modified";
    case FileIssue::Kind::kMissing:
      return "missing";
    case FileIssue::Kind::kExtra:
      return "extra";
    case FileIssue::Kind::kUnreadable:
      return "unreadable";
    case FileIssue::Kind::kSymlink:
      return "symlink";
    case FileIssue::Kind::kSpecialFile:
      return "special-file";
  }
  return "unknown";
}

Result<SignResult> SignModel(const SignOptions& opts) {
  AIGIS_ASSIGN_OR_RETURN(PKey key, LoadPrivateKeyPem(opts.private_key_path));
  BundleMaterial material;
  if (!opts.certificate_path.empty()) {
    material.method = BundleMethod::kCertificateChain;
    AIGIS_ASSIGN_OR_RETURN(auto leaf_certs, LoadCertificatesPem(opts.certificate_path));
    AIGIS_ASSIGN_OR_RETURN(PKey leaf_key, CertificatePublicKey(leaf_certs[0].get()));
    if (!SameKey(leaf_key.get(), key.get())) {
      return Status::InvalidArgument(opts.certificate_path +
                                     ": certificate does not match the private key");
    }
    for (const auto& c : leaf_certs) {
      AIGIS_ASSIGN_OR_RETURN(auto der, CertificateDer(c.get()));
      material.certificates.push_back(std::move(der));
    }
    for (const auto& p : opts.certificate_chain_paths) {
      AIGIS_ASSIGN_OR_RETURN(auto certs, LoadCertificatesPem(p));
      for (const auto& c : certs) {
        AIGIS_ASSIGN_OR_RETURN(auto der, CertificateDer(c.get()));
        material.certificates.push_back(std::move(der));
      }
    }
  } else {
    if (!opts.certificate_chain_paths.empty()) {
      return Status::InvalidArgument("--certificate-chain needs --certificate (the leaf)");
    }
    AIGIS_ASSIGN_OR_RETURN(material.key_hint, PublicKeyHint(key.get()));
  }

  std::error_code ec;
  if (!fs::exists(opts.model_path, ec)) {
    return Status::NotFound(opts.model_path + ": no such file or directory");
  }
  const bool is_dir = IsDirectory(opts.model_path);
  fs::path root = fs::canonical(opts.model_path, ec);
  if (ec) return Status::IOError(opts.model_path + ": " + ec.message());
  std::string sig_path =
      opts.signature_path.empty() ? DefaultSignaturePath(opts.model_path) : opts.signature_path;

  ManifestOptions mo;
  mo.method = opts.method;
  mo.hash = opts.hash;
  mo.shard_size = opts.shard_size;
  mo.allow_symlinks = opts.allow_symlinks;
  mo.threads = opts.threads;
  mo.limits = opts.limits;
  if (is_dir) {
    if (opts.ignore_git_paths) mo.ignore_paths = kGitPaths;
    AIGIS_ASSIGN_OR_RETURN(auto extra, ResolveIgnorePaths(root, opts.ignore_paths));
    mo.ignore_paths.insert(mo.ignore_paths.end(), extra.begin(), extra.end());
    std::string sig_rel = RelativeInside(root, sig_path);
    if (!sig_rel.empty()) mo.ignore_paths.push_back(sig_rel);
  }

  AIGIS_ASSIGN_OR_RETURN(ModelTree tree, EnumerateModel(opts.model_path, mo));
  if (!tree.problems.empty()) {
    const TreeProblem& p = tree.problems.front();
    return Status::InvalidArgument(p.name + ": " + p.detail + " (" +
                                   std::to_string(tree.problems.size()) +
                                   " file(s) cannot be signed; use --ignore-paths)");
  }
  if (tree.files.empty()) return Status::InvalidArgument(opts.model_path + ": no files to sign");
  AIGIS_ASSIGN_OR_RETURN(Manifest manifest, HashModel(tree, mo));
  SignResult out;
  for (const auto& r : manifest.resources) {
    if (!r.error.ok()) return r.error;
  }
  for (const auto& f : tree.files) out.bytes += f.size;
  out.files = tree.files.size();
  out.resources = manifest.resources.size();

  std::string statement =
      BuildStatement(manifest, SubjectName(opts.model_path), mo.ignore_paths, mo.allow_symlinks);
  std::vector<uint8_t> pae = DssePae(kInTotoPayloadType, AsBytes(statement));
  AIGIS_ASSIGN_OR_RETURN(std::vector<uint8_t> sig, SignMessage(key.get(), pae));
  std::string bundle = BuildBundle(material, statement, sig);
  AIGIS_RETURN_IF_ERROR(WriteFileAtomic(sig_path, bundle));
  out.signature_path = sig_path;
  auto st = ParseStatement(AsBytes(statement), opts.limits);
  if (st.ok()) out.root_digest = HexEncode(st->subject_digest);
  return out;
}

Result<VerifyReport> VerifyModel(const VerifyOptions& opts) {
  VerifyReport rep;
  std::error_code ec;
  if (!fs::exists(opts.model_path, ec)) {
    return Status::NotFound(opts.model_path + ": no such file or directory");
  }
  std::string sig_path =
      opts.signature_path.empty() ? DefaultSignaturePath(opts.model_path) : opts.signature_path;
  AIGIS_ASSIGN_OR_RETURN(std::vector<uint8_t> raw,
                         ReadFileLimited(sig_path, opts.limits.max_bundle_bytes));
  // Trust anchors are loaded before the bundle is judged: a bad --key is a usage error.
  PKey user_key;
  if (!opts.public_key_path.empty()) {
    AIGIS_ASSIGN_OR_RETURN(user_key, LoadPublicKeyPem(opts.public_key_path));
  }
  std::vector<X509Ptr> roots;
  for (const auto& p : opts.trusted_root_paths) {
    AIGIS_ASSIGN_OR_RETURN(auto certs, LoadCertificatesPem(p));
    for (auto& c : certs) roots.push_back(std::move(c));
  }

  auto bundle_or = ParseBundle(raw, opts.limits);
  if (!bundle_or.ok()) {
    return Fail(rep, VerifyOutcome::kMalformedBundle,
                sig_path + ": " + bundle_or.status().message());
  }
  Bundle b = std::move(bundle_or).value();
  rep.method = b.method;
  if (b.payload_type != kInTotoPayloadType) {
    return Fail(rep, VerifyOutcome::kMalformedBundle,
                "envelope: payloadType '" + b.payload_type + "' is not " + kInTotoPayloadType);
  }

  // 1. The statement, checked for structure before any cryptography, as the OMS schema
  //    validation does: a wrong predicate type is reported as such even when its signature
  //    is also wrong.
  auto st_or = ParseStatement(b.payload, opts.limits);
  if (!st_or.ok()) {
    VerifyOutcome o = st_or.status().code() == StatusCode::kUnsupported
                          ? VerifyOutcome::kUnsupported
                          : VerifyOutcome::kMalformedBundle;
    return Fail(rep, o, st_or.status().message());
  }
  Statement st = std::move(st_or).value();
  rep.predicate_type = st.predicate_type;
  if (!st.known_predicate) {
    return Fail(rep, VerifyOutcome::kWrongPredicateType,
                "predicateType '" + st.predicate_type + "' is not an OMS model signature (" +
                    kPredicateTypeV1 + ")");
  }
  // 2. Signature over the statement.
  if (b.method == BundleMethod::kSigstore) {
    // Keyless: the Fulcio certificate's key checks the DSSE signature, but who signed it (the
    // certificate's identity, its chain to Fulcio, and the time of signing) can only be
    // established with the Rekor log and the Sigstore trust root: unavailable offline.
    auto cert = ParseCertificateDer(b.certificates[0]);
    if (!cert.ok()) {
      return Fail(rep, VerifyOutcome::kMalformedBundle, "bundle: " + cert.status().message());
    }
    rep.signer = CertificateSubject(cert->get());
    auto ck_or = CertificatePublicKey(cert->get());
    if (!ck_or.ok()) {
      return Fail(rep, VerifyOutcome::kMalformedBundle, "bundle: " + ck_or.status().message());
    }
    PKey ck = std::move(ck_or).value();
    auto md = HashForKey(ck.get());
    if (md.ok()) {
      AIGIS_ASSIGN_OR_RETURN(bool ok, AnySignatureVerifies(ck.get(), b));
      if (!ok) {
        return Fail(rep, VerifyOutcome::kBadSignature,
                    "signature does not verify with the bundle's signing certificate");
      }
    }
  } else if (user_key) {
    rep.signer = DescribeKey(user_key.get());
    bool hint_mismatch = false;
    if (b.method == BundleMethod::kPublicKey && !b.key_hint.empty()) {
      AIGIS_ASSIGN_OR_RETURN(std::string hint, PublicKeyHint(user_key.get()));
      hint_mismatch = hint != b.key_hint;
    }
    AIGIS_ASSIGN_OR_RETURN(bool ok, AnySignatureVerifies(user_key.get(), b));
    if (!ok) {
      if (hint_mismatch) {
        return Fail(rep, VerifyOutcome::kWrongKey,
                    "wrong key: the bundle was signed with key " + b.key_hint.substr(0, 16) +
                        "..., not with " + opts.public_key_path);
      }
      return Fail(rep, VerifyOutcome::kBadSignature,
                  b.key_hint.empty()
                      ? "signature does not verify with " + opts.public_key_path +
                            " (wrong key, or the bundle was modified)"
                      : "signature does not verify although the key matches the bundle's key "
                        "hint: the signature or the signed statement was modified");
    }
  } else if (!roots.empty()) {
    if (b.method != BundleMethod::kCertificateChain) {
      return Fail(rep, VerifyOutcome::kWrongKey,
                  "the bundle was signed with a public key (no certificate chain); verify it "
                  "with --key");
    }
    std::vector<X509Ptr> chain;
    for (const auto& der : b.certificates) {
      auto c = ParseCertificateDer(der);
      if (!c.ok()) {
        return Fail(rep, VerifyOutcome::kMalformedBundle, "bundle: " + c.status().message());
      }
      chain.push_back(std::move(c).value());
    }
    rep.signer = CertificateSubject(chain[0].get());
    std::vector<X509Ptr> untrusted;
    for (size_t i = 1; i < chain.size(); ++i) untrusted.push_back(std::move(chain[i]));
    Status cs = VerifyCertificateChain(chain[0].get(), untrusted, roots);
    if (!cs.ok()) return Fail(rep, VerifyOutcome::kUntrustedCertificate, cs.message());
    AIGIS_ASSIGN_OR_RETURN(PKey leaf_key, CertificatePublicKey(chain[0].get()));
    auto md = HashForKey(leaf_key.get());
    if (!md.ok()) return Fail(rep, VerifyOutcome::kUnsupported, md.status().message());
    AIGIS_ASSIGN_OR_RETURN(bool ok, AnySignatureVerifies(leaf_key.get(), b));
    if (!ok) {
      return Fail(rep, VerifyOutcome::kBadSignature,
                  "signature does not verify with the leaf certificate's key (" + rep.signer + ")");
    }
  } else {
    return Status::InvalidArgument(
        "verify needs a trust anchor: --key PUBLIC.pem or --certificate-chain CA.pem");
  }

  // 3. The signed statement must be self-consistent: the subject is the root of the resources.
  if (!st.legacy_v01) {
    std::vector<std::vector<uint8_t>> digests;
    for (const auto& r : st.resources) digests.push_back(r.digest);
    bool root_ok = RootDigest(digests) == st.subject_digest;
    if (!root_ok) {
      std::vector<const PredicateResource*> sorted;
      for (const auto& r : st.resources) sorted.push_back(&r);
      std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b2) { return a->name < b2->name; });
      digests.clear();
      for (auto* r : sorted) digests.push_back(r->digest);
      root_ok = RootDigest(digests) == st.subject_digest;
    }
    if (!root_ok) {
      return Fail(rep, VerifyOutcome::kMalformedBundle,
                  "statement: subject digest does not match the listed resources");
    }
  }
  auto expected_or = BuildExpected(st);
  if (!expected_or.ok()) {
    return Fail(rep, VerifyOutcome::kMalformedBundle, expected_or.status().message());
  }
  Expected expected = std::move(expected_or).value();

  // 4. Re-enumerate and re-hash the model as it was serialised.
  ManifestOptions mo;
  mo.method = st.legacy_v01 ? SerializationMethod::kFiles : st.method;
  mo.hash = st.hash;
  mo.shard_size = st.shard_size;
  mo.allow_symlinks = st.allow_symlinks;
  mo.threads = opts.threads;
  mo.limits = opts.limits;
  mo.ignore_paths = st.has_serialization ? st.ignore_paths : kGitPaths;
  fs::path root = fs::canonical(opts.model_path, ec);
  if (ec) return Status::IOError(opts.model_path + ": " + ec.message());
  if (IsDirectory(opts.model_path)) {
    std::string sig_rel = RelativeInside(root, sig_path);
    if (!sig_rel.empty()) mo.ignore_paths.push_back(sig_rel);
    // Bundles before 1.1.0 did not record ignore paths: the verifier names them again.
    AIGIS_ASSIGN_OR_RETURN(auto extra, ResolveIgnorePaths(root, opts.ignore_paths));
    mo.ignore_paths.insert(mo.ignore_paths.end(), extra.begin(), extra.end());
  }
  AIGIS_ASSIGN_OR_RETURN(ModelTree tree, EnumerateModel(opts.model_path, mo));
  if (tree.single_file && tree.files.size() == 1 && expected.by_path.size() == 1) {
    // The name recorded for a single-file model is informational (basename or "."): map it.
    tree.files[0].name = expected.by_path.begin()->first;
  }
  for (const auto& p : tree.problems) {
    if (IsIgnored(p.name, mo.ignore_paths)) continue;
    rep.issues.push_back({IssueKindFor(p.kind), p.name, p.detail});
  }
  ModelTree to_hash;
  std::set<std::string> on_disk;
  for (auto& f : tree.files) {
    on_disk.insert(f.name);
    if (expected.by_path.count(f.name)) {
      to_hash.files.push_back(f);
    } else if (mo.method == SerializationMethod::kShards && f.size == 0) {
      // A sharded manifest cannot list empty files (no byte range); the reference tool omits
      // them when signing and when verifying, and so do we.
      continue;
    } else if (!opts.ignore_unsigned_files) {
      rep.issues.push_back(
          {FileIssue::Kind::kExtra, f.name, "file is not covered by the signature"});
    }
  }
  for (const auto& [path, names] : expected.by_path) {
    if (!on_disk.count(path)) {
      rep.issues.push_back({FileIssue::Kind::kMissing, path, "signed file is missing"});
    }
  }
  AIGIS_ASSIGN_OR_RETURN(Manifest actual, HashModel(to_hash, mo));
  std::map<std::string, std::vector<const Resource*>> actual_by_path;
  for (const auto& r : actual.resources) actual_by_path[r.path].push_back(&r);
  for (const auto& f : to_hash.files) {
    const auto& want = expected.by_path[f.name];
    const auto& got = actual_by_path[f.name];
    std::string problem;
    bool unreadable = false;
    size_t matched = 0;
    for (const Resource* r : got) {
      if (!r->error.ok()) {
        problem = r->error.message();
        unreadable = true;
        break;
      }
      auto it = want.find(r->name);
      if (it == want.end()) {
        problem = "size changed (byte range " + r->name.substr(f.name.size()) + " not signed)";
        break;
      }
      if (it->second != r->digest) {
        problem = got.size() > 1 ? "content differs in " + r->name : "content differs";
        if (got.size() == 1) {
          problem += " (expected " + HexEncode(it->second).substr(0, 16) + "..., got " +
                     HexEncode(r->digest).substr(0, 16) + "...)";
        }
        break;
      }
      ++matched;
    }
    if (problem.empty() && matched != want.size()) {
      problem = "size changed (" + std::to_string(want.size() - matched) +
                " signed byte range(s) absent)";
    }
    if (!problem.empty()) {
      rep.issues.push_back({unreadable ? FileIssue::Kind::kUnreadable : FileIssue::Kind::kModified,
                            f.name, problem});
      continue;
    }
    VerifiedFile vf;
    vf.path = f.name;
    vf.algorithm = std::string(HashAlgorithmName(st.hash));
    vf.size = f.size;
    vf.shards = mo.method == SerializationMethod::kShards ? got.size() : 0;
    if (!got.empty()) vf.digest = HexEncode(got.front()->digest);
    rep.verified.push_back(std::move(vf));
  }
  std::sort(rep.issues.begin(), rep.issues.end(),
            [](const FileIssue& a, const FileIssue& b2) { return a.path < b2.path; });

  if (!rep.issues.empty()) {
    return Fail(rep, VerifyOutcome::kModelMismatch,
                std::to_string(rep.issues.size()) + " file problem(s); " +
                    std::to_string(rep.verified.size()) + " file(s) match");
  }
  if (b.method == BundleMethod::kSigstore) {
    return Fail(rep, VerifyOutcome::kNeedsTransparencyLog,
                "keyless (sigstore) bundle: signature and " + std::to_string(rep.verified.size()) +
                    " file digest(s) match, but the signer identity needs transparency-log "
                    "(Rekor) and Fulcio verification, unavailable offline; NOT verified");
  }
  rep.outcome = VerifyOutcome::kVerified;
  rep.message = "verified " + std::to_string(rep.verified.size()) + " file(s), signed with " +
                std::string(BundleMethodName(b.method)) + " method by " + rep.signer;
  return rep;
}

}  // namespace aigis::sign
