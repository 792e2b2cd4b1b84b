// Limits for OMS bundle parsing and model manifests. Every field has a default and the reason for
// it; hitting one is kLimitExceeded, never a crash. Plain value type.
#pragma once

#include <cstddef>
#include <cstdint>

namespace aigis::sign {

struct OmsLimits {
  // A bundle with a million resources is ~150 MB of JSON; real ones are a few KB to a few MB.
  uint64_t max_bundle_bytes = 256ull << 20;
  // Largest checkpoints have ~100k shards/files; 2M bounds manifest memory to a few hundred MB.
  size_t max_resources = 2'000'000;
  // Longest resource name (path:start:end); PATH_MAX-ish.
  size_t max_name_bytes = 4096;
  // Leaf + intermediates; real chains are 2-4 certificates.
  size_t max_certificates = 16;
  // DSSE allows several signatures; OMS writes one. More is a sign of a crafted bundle.
  size_t max_signatures = 16;
  // JSON nesting of a bundle is ~6 levels; nlohmann's parser recurses, so cap before parsing.
  size_t max_json_depth = 64;
  // Directory depth walked when enumerating a model (explicit stack; bounds the stack size).
  size_t max_dir_depth = 128;
  // Files enumerated in one model directory.
  size_t max_files = 2'000'000;
};

}  // namespace aigis::sign
