// Model manifests as OMS v1.0 defines them: the regular files of a model directory (or one file),
// relative '/'-separated names in code-point order, each hashed whole ("files") or in fixed-size
// byte ranges ("shards", named "path:start:end"). Hashing runs on a ThreadPool.
// Symlinks are never followed out of the model directory; with allow_symlinks=false they are
// reported, not followed. Thread safety: the functions are reentrant; results are plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "sign/hashing.h"
#include "sign/oms_limits.h"

namespace aigis::sign {

enum class SerializationMethod : uint8_t { kFiles, kShards };

// OMS reference default: 1 000 000 000 bytes per shard.
inline constexpr uint64_t kDefaultShardSize = 1'000'000'000;

struct ManifestOptions {
  SerializationMethod method = SerializationMethod::kFiles;
  HashAlgorithm hash = HashAlgorithm::kSha256;
  uint64_t shard_size = kDefaultShardSize;
  // Relative to the model root, '/'-separated; a path ignores itself and everything below it.
  std::vector<std::string> ignore_paths;
  // Follow symlinks that resolve to regular files inside the model root.
  bool allow_symlinks = false;
  size_t threads = 0;  // 0 = hardware concurrency
  OmsLimits limits;
};

struct ModelFile {
  std::string name;      // relative name recorded in the manifest
  std::string abs_path;  // what is opened (a resolved target for followed symlinks)
  uint64_t size = 0;
};

// Something in the model tree that cannot be part of a manifest.
struct TreeProblem {
  enum class Kind : uint8_t { kSymlink, kSymlinkOutside, kSpecialFile, kUnreadable };
  Kind kind;
  std::string name;
  std::string detail;
};

struct ModelTree {
  bool single_file = false;
  std::vector<ModelFile> files;  // sorted by name (byte order == code-point order for UTF-8)
  std::vector<TreeProblem> problems;
};

struct Resource {
  std::string name;  // "path" or "path:start:end"
  std::string path;
  uint64_t start = 0;
  uint64_t end = 0;  // exclusive; for "files" the file size
  std::vector<uint8_t> digest;
  Status error;  // non-OK when the bytes could not be read; digest is then empty
};

struct Manifest {
  SerializationMethod method = SerializationMethod::kFiles;
  HashAlgorithm hash = HashAlgorithm::kSha256;
  uint64_t shard_size = 0;
  std::vector<Resource> resources;
};

// Normalises an ignore path: strips "./" prefixes and trailing '/'; rejects "..", absolute paths.
Result<std::string> NormalizeRelativePath(std::string_view path);
bool IsIgnored(std::string_view name, const std::vector<std::string>& ignore_paths);

// Lists the files of `model_path` (a directory or a regular file). kNotFound when it is missing,
// kLimitExceeded past limits.max_files / max_dir_depth.
Result<ModelTree> EnumerateModel(const std::string& model_path, const ManifestOptions& opts);

// Hashes every file (or shard) of `tree` in parallel. Per-resource read errors are kept in
// Resource::error so that callers can report them next to the others.
Result<Manifest> HashModel(const ModelTree& tree, const ManifestOptions& opts);

// "path:start:end" and its inverse (the last two ':' fields, so paths may contain ':').
std::string ShardName(std::string_view path, uint64_t start, uint64_t end);
Result<Resource> ParseShardName(std::string_view name);

// OMS root digest: SHA-256 over the concatenated raw digests, in the order given.
std::vector<uint8_t> RootDigest(const std::vector<std::vector<uint8_t>>& digests);

}  // namespace aigis::sign
