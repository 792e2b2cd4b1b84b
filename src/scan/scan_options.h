// Options for one scan: limits for every layer and the policy. Immutable once the scan starts;
// shared read-only by all worker threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/finding.h"

namespace aigis::scan {

class PicklePolicy;  // scan/pickle_policy.h

// Limits of the scan itself (formats have their own <fmt>_limits.h structs, held below once the
// format module exists). Hitting one is a finding, never a crash.
struct ScanLimits {
  // Containers inside containers (zip in tar in gzip ...). Real models nest 1-2 levels.
  int max_depth = 8;
  // Bytes one decompressed member may have; bounds memory per item (decompressed data is held in
  // memory, file data is memory-mapped).
  uint64_t max_member_bytes = 2ull << 30;
  // Decompressed bytes across one top-level file: stops zip/gzip bombs that expand many members.
  uint64_t max_total_decompressed = 8ull << 30;
  // Members expanded from one top-level file.
  uint64_t max_members = 100000;
  // Files visited in one directory walk.
  uint64_t max_files = 10'000'000;
};

struct ScanOptions {
  ScanLimits limits;
  std::shared_ptr<const PicklePolicy> pickle_policy;  // never null in a running scan
  int threads = 0;                                    // 0 = cores + 1
  // When set, every file is hashed with it (reads all bytes; for the AI-BOM) into
  // FileReport::sha256. A function, not a flag, so that the scan module links no crypto library:
  // OpenSSL's EVP layer drags its provider tables into any binary that calls it, ~90 relocated
  // pages at every start of `aigis scan` (docs/performance.md, session 14).
  std::string (*file_sha256)(ByteView data) = nullptr;
  // Unset: Scan() keeps every file's report whole (JSON, SARIF, AI-BOM). Set: a file whose verdict
  // is clean keeps only its findings at or above this severity and no BOM facts (members,
  // properties), freed as soon as the file is done. For consumers that list only what needs
  // attention (the text report without --verbose, which passes its --fail-on level so the exit
  // code is unchanged): kept to the end of a scan of 1,000 small checkpoints, those parts were
  // ~1 MB of fresh heap pages, a third of the scan's page faults (docs/performance.md).
  std::optional<Severity> brief_clean_below;
};

}  // namespace aigis::scan
