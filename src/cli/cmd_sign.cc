// `aigis sign` / `aigis verify` (OpenSSF Model Signing bundles) and `aigis seal` / `aigis unseal`
// (models encrypted at rest). Only this file prints and picks exit codes; the work is in sign/.
// Exit codes: 0 signed / verified / sealed / unsealed; 1 verification failed (any bundle or file
// problem, a keyless bundle that needs the transparency log, a tampered or wrong-key sealed file);
// 2 usage or I/O error.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "sign/encoding.h"
#include "sign/model_signing.h"
#include "sign/sealed.h"
#include "sign/secret_key.h"

namespace aigis::cli {
namespace {

struct SignArgs {
  std::string model;
  std::string key;
  std::string certificate;
  std::vector<std::string> certificate_chain;
  std::string signature;
  std::vector<std::string> ignore_paths;
  bool no_git_ignores = false;
  uint64_t shard_size = 0;
  std::string hash = "sha256";
  bool allow_symlinks = false;
  int threads = 0;
};

struct VerifyArgs {
  std::string model;
  std::string key;
  std::vector<std::string> certificate_chain;
  std::string signature;
  bool ignore_unsigned = false;
  std::vector<std::string> ignore_paths;
  bool json = false;
  bool verbose = false;
  int threads = 0;
};

struct SealArgs {
  std::vector<std::string> paths;
  std::string key;
  std::string key_env;
  std::string new_key;
  std::string new_key_env;
  std::string generate_key;
  bool rewrap = false;
  uint64_t chunk_size = 0;
};

int Error(const char* cmd, const std::string& msg) {
  std::fprintf(stderr, "aigis %s: %s\n", cmd, msg.c_str());
  return kExitError;
}

int RunSign(const SignArgs& a) {
  sign::SignOptions o;
  o.model_path = a.model;
  o.private_key_path = a.key;
  o.certificate_path = a.certificate;
  o.certificate_chain_paths = a.certificate_chain;
  o.signature_path = a.signature;
  o.ignore_paths = a.ignore_paths;
  o.ignore_git_paths = !a.no_git_ignores;
  o.allow_symlinks = a.allow_symlinks;
  o.threads = a.threads > 0 ? static_cast<size_t>(a.threads) : 0;
  if (a.shard_size > 0) {
    o.method = sign::SerializationMethod::kShards;
    o.shard_size = a.shard_size;
  }
  auto hash = sign::ParseHashAlgorithm(a.hash);
  if (!hash.ok()) return Error("sign", hash.status().message());
  o.hash = *hash;
  auto r = sign::SignModel(o);
  if (!r.ok()) return Error("sign", r.status().message());
  std::printf("signed %zu file(s), %llu bytes (%zu resource(s)) -> %s\n  root sha256:%s\n",
              r->files, static_cast<unsigned long long>(r->bytes), r->resources,
              r->signature_path.c_str(), r->root_digest.c_str());
  return kExitOk;
}

std::string JsonEscape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

void PrintReportJson(const sign::VerifyReport& r) {
  std::printf(
      "{\"outcome\":\"%s\",\"verified\":%s,\"message\":\"%s\",\"method\":\"%s\","
      "\"signer\":\"%s\",\"predicate_type\":\"%s\",\"files\":[",
      std::string(sign::VerifyOutcomeName(r.outcome)).c_str(), r.ok() ? "true" : "false",
      JsonEscape(r.message).c_str(), std::string(sign::BundleMethodName(r.method)).c_str(),
      JsonEscape(r.signer).c_str(), JsonEscape(r.predicate_type).c_str());
  for (size_t i = 0; i < r.verified.size(); ++i) {
    const auto& f = r.verified[i];
    std::printf("%s{\"path\":\"%s\",\"algorithm\":\"%s\",\"digest\":\"%s\",\"size\":%llu}",
                i ? "," : "", JsonEscape(f.path).c_str(), f.algorithm.c_str(), f.digest.c_str(),
                static_cast<unsigned long long>(f.size));
  }
  std::printf("],\"issues\":[");
  for (size_t i = 0; i < r.issues.size(); ++i) {
    const auto& p = r.issues[i];
    std::printf("%s{\"kind\":\"%s\",\"path\":\"%s\",\"detail\":\"%s\"}", i ? "," : "",
                std::string(sign::FileIssueKindName(p.kind)).c_str(), JsonEscape(p.path).c_str(),
                JsonEscape(p.detail).c_str());
  }
  std::printf("]}\n");
}

int RunVerify(const VerifyArgs& a) {
  sign::VerifyOptions o;
  o.model_path = a.model;
  o.signature_path = a.signature;
  o.public_key_path = a.key;
  o.trusted_root_paths = a.certificate_chain;
  o.ignore_unsigned_files = a.ignore_unsigned;
  o.ignore_paths = a.ignore_paths;
  o.threads = a.threads > 0 ? static_cast<size_t>(a.threads) : 0;
  auto r = sign::VerifyModel(o);
  if (!r.ok()) return Error("verify", r.status().message());
  if (a.json) {
    PrintReportJson(*r);
  } else {
    if (r->ok()) {
      std::printf("VERIFIED: %s\n", r->message.c_str());
    } else {
      std::printf("NOT VERIFIED (%s): %s\n",
                  std::string(sign::VerifyOutcomeName(r->outcome)).c_str(), r->message.c_str());
    }
    for (const auto& p : r->issues) {
      std::printf("  %-12s %s: %s\n", std::string(sign::FileIssueKindName(p.kind)).c_str(),
                  p.path.c_str(), p.detail.c_str());
    }
    if (a.verbose) {
      for (const auto& f : r->verified) {
        std::printf("  ok           %s %s:%s\n", f.path.c_str(), f.algorithm.c_str(),
                    f.digest.c_str());
      }
    }
  }
  return r->ok() ? kExitOk : kExitFindings;
}

Result<sign::SecretKey> LoadKek(const std::string& file, const std::string& env,
                                const char* file_flag, const char* env_flag) {
  if (!file.empty() && !env.empty()) {
    return Status::InvalidArgument(std::string(file_flag) + " and " + env_flag +
                                   " are mutually exclusive");
  }
  if (!file.empty()) return sign::LoadSecretKeyFile(file);
  if (!env.empty()) return sign::LoadSecretKeyEnv(env);
  return Status::InvalidArgument(std::string("a key is required: ") + file_flag + " FILE or " +
                                 env_flag + " NAME");
}

Result<uint8_t> ChunkShift(uint64_t chunk_size) {
  if (chunk_size == 0) return sign::kDefaultChunkShift;
  for (uint8_t s = 12; s <= 26; ++s) {
    if ((uint64_t{1} << s) == chunk_size) return s;
  }
  return Status::InvalidArgument("--chunk-size must be a power of two from 4096 to 67108864");
}

int RunSeal(const SealArgs& a) {
  if (!a.generate_key.empty()) {
    if (!a.paths.empty() || a.rewrap) return Error("seal", "--generate-key takes no other input");
    auto k = sign::GenerateSecretKeyFile(a.generate_key);
    if (!k.ok()) return Error("seal", k.status().message());
    auto id = k->Id();
    std::printf("wrote new 256-bit key to %s (mode 0600), key id %s\n", a.generate_key.c_str(),
                sign::HexEncode(id).c_str());
    return kExitOk;
  }
  auto kek = LoadKek(a.key, a.key_env, "--key", "--key-env");
  if (!kek.ok()) return Error("seal", kek.status().message());
  if (a.rewrap) {
    if (a.paths.size() != 1) return Error("seal", "--rewrap takes exactly one FILE");
    auto nk = LoadKek(a.new_key, a.new_key_env, "--new-key", "--new-key-env");
    if (!nk.ok()) return Error("seal", nk.status().message());
    Status s = sign::RewrapFile(a.paths[0], *kek, *nk);
    if (!s.ok()) {
      std::fprintf(stderr, "aigis seal --rewrap: %s\n", s.message().c_str());
      return s.code() == StatusCode::kIOError ? kExitError : kExitFindings;
    }
    std::printf("rewrapped %s (header only)\n", a.paths[0].c_str());
    return kExitOk;
  }
  if (!a.new_key.empty() || !a.new_key_env.empty()) {
    return Error("seal", "--new-key needs --rewrap");
  }
  if (a.paths.size() != 2) return Error("seal", "expected IN OUT");
  auto shift = ChunkShift(a.chunk_size);
  if (!shift.ok()) return Error("seal", shift.status().message());
  sign::SealOptions o;
  o.chunk_shift = *shift;
  Status s = sign::SealFile(a.paths[0], a.paths[1], *kek, o);
  if (!s.ok()) return Error("seal", s.message());
  std::printf("sealed %s -> %s\n", a.paths[0].c_str(), a.paths[1].c_str());
  return kExitOk;
}

int RunUnseal(const SealArgs& a) {
  if (a.paths.size() != 2) return Error("unseal", "expected IN OUT");
  auto kek = LoadKek(a.key, a.key_env, "--key", "--key-env");
  if (!kek.ok()) return Error("unseal", kek.status().message());
  Status s = sign::UnsealFile(a.paths[0], a.paths[1], *kek);
  if (!s.ok()) {
    std::fprintf(stderr, "aigis unseal: %s: %s\n", a.paths[0].c_str(), s.message().c_str());
    // A damaged, tampered or wrong-key file failed verification; anything else is I/O or usage.
    bool verification =
        s.code() == StatusCode::kMalformed || s.code() == StatusCode::kLimitExceeded ||
        (s.code() == StatusCode::kInvalidArgument && s.message().rfind("wrong key", 0) == 0);
    return verification ? kExitFindings : kExitError;
  }
  std::printf("unsealed %s -> %s (every chunk authenticated)\n", a.paths[0].c_str(),
              a.paths[1].c_str());
  return kExitOk;
}

}  // namespace

void RegisterSignCommands(CLI::App& app, int* exit_code) {
  auto sa = std::make_shared<SignArgs>();
  CLI::App* sign = app.add_subcommand(
      "sign", "Sign a model directory or file (OpenSSF Model Signing v1.0 bundle)");
  sign->add_option("model", sa->model, "Model directory or file")->required();
  sign->add_option("--key", sa->key, "Private key (PEM, ECDSA P-256/P-384/P-521)")->required();
  sign->add_option("--certificate", sa->certificate,
                   "Signing certificate (PEM) matching --key: use the certificate method");
  sign->add_option("--certificate-chain", sa->certificate_chain,
                   "Intermediate certificates (PEM) to embed after the signing certificate");
  sign->add_option("--signature", sa->signature,
                   "Output bundle (default MODEL_DIR/model.sig, or FILE.sig)");
  sign->add_option("--ignore-paths", sa->ignore_paths, "Paths to leave out of the signature");
  sign->add_flag("--no-ignore-git-paths", sa->no_git_ignores,
                 "Also sign .git, .gitattributes, .github and .gitignore");
  sign->add_option("--shard-size", sa->shard_size,
                   "Hash files in shards of this many bytes (OMS 'shards' method)");
  sign->add_option("--hash", sa->hash, "Digest: sha256 (default) or blake2b")
      ->check(CLI::IsMember({"sha256", "blake2b", "blake2"}));
  sign->add_flag("--allow-symlinks", sa->allow_symlinks,
                 "Follow symlinks that stay inside the model directory");
  sign->add_option("-j,--threads", sa->threads, "Hashing threads (default: all cores)");
  sign->callback([sa, exit_code] { *exit_code = RunSign(*sa); });

  auto va = std::make_shared<VerifyArgs>();
  CLI::App* verify = app.add_subcommand(
      "verify", "Verify a model against its OpenSSF Model Signing bundle (offline)");
  verify->add_option("model", va->model, "Model directory or file")->required();
  auto* key = verify->add_option("--key", va->key, "Public key (PEM) of the signer");
  auto* chain = verify->add_option("--certificate-chain", va->certificate_chain,
                                   "Trusted root CA certificate(s) (PEM) for certificate bundles");
  key->excludes(chain);
  verify->add_option("--signature", va->signature,
                     "Bundle to check (default MODEL_DIR/model.sig, or FILE.sig)");
  verify->add_flag("--ignore-unsigned-files", va->ignore_unsigned,
                   "Do not fail on files that the signature does not cover");
  verify->add_option("--ignore-paths", va->ignore_paths,
                     "More paths to leave out (bundles before 1.1.0 do not record them)");
  verify->add_flag("--json", va->json, "Print the report as JSON");
  verify->add_flag("-v,--verbose", va->verbose, "List every verified file");
  verify->add_option("-j,--threads", va->threads, "Hashing threads (default: all cores)");
  verify->callback([va, exit_code] { *exit_code = RunVerify(*va); });

  auto ka = std::make_shared<SealArgs>();
  CLI::App* seal = app.add_subcommand(
      "seal", "Encrypt a file at rest (AES-256-GCM chunks; see docs/formats/sealed.md)");
  seal->add_option("paths", ka->paths, "IN OUT, or FILE with --rewrap");
  seal->add_option("--key", ka->key, "Key file (32 bytes: 64 hex digits, base64 or raw)");
  seal->add_option("--key-env", ka->key_env, "Environment variable holding the key");
  seal->add_flag("--rewrap", ka->rewrap, "Re-wrap FILE's data key under --new-key (header only)");
  seal->add_option("--new-key", ka->new_key, "New key file for --rewrap");
  seal->add_option("--new-key-env", ka->new_key_env, "Environment variable with the new key");
  seal->add_option("--chunk-size", ka->chunk_size, "Chunk size in bytes (power of two, 1 MiB)");
  seal->add_option("--generate-key", ka->generate_key,
                   "Write a new random key file (mode 0600) and exit");
  seal->callback([ka, exit_code] { *exit_code = RunSeal(*ka); });

  auto ua = std::make_shared<SealArgs>();
  CLI::App* unseal = app.add_subcommand(
      "unseal", "Decrypt and authenticate a sealed file; OUT appears only if all of it verifies");
  unseal->add_option("paths", ua->paths, "IN OUT")->required();
  unseal->add_option("--key", ua->key, "Key file");
  unseal->add_option("--key-env", ua->key_env, "Environment variable holding the key");
  unseal->callback([ua, exit_code] { *exit_code = RunUnseal(*ua); });
}

}  // namespace aigis::cli
