// The scanner: walks paths, memory-maps each file, identifies every item by content
// (formats/registry), runs the matching analyzer and analyses nested content from an explicit work
// list. Files are scanned in parallel on a thread pool; each file is handled by one thread.
// Thread safety: a Scanner is immutable after construction; Scan() may run concurrently.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/mapped_file.h"
#include "core/scan_result.h"
#include "scan/scan_options.h"

namespace aigis::scan {

// Called from worker threads after each file; must be thread-safe.
using ProgressFn = std::function<void(size_t done, size_t total, const std::string& path)>;

class Scanner {
 public:
  // REQUIRES: options.pickle_policy != nullptr
  explicit Scanner(ScanOptions options);

  // Scans files and directories (recursively). Symbolic links are followed only when their target
  // stays inside the scanned root; others are reported, not followed. Results are sorted by path.
  ScanReport Scan(const std::vector<std::string>& paths, const ProgressFn& progress = {}) const;

  // Scans an in-memory buffer as if it were a file called `name` (tests, fuzzing).
  FileReport ScanBuffer(ByteView data, const std::string& name) const;

  // Scans a file opened by the caller (Scan() opens each file itself; tests use this to change a
  // file between opening and reading it). `root`: the scanned root, for links inside the file.
  FileReport ScanOpened(std::shared_ptr<const MappedFile> file, const std::string& path,
                        const std::string& root) const;

  const ScanOptions& options() const { return options_; }

 private:
  FileReport ScanFile(const std::string& path, const std::string& root) const;
  // `file`: the mapped file `data` is the view of (nullptr for a buffer), for ReaderFor().
  void AnalyzeTree(ByteView data, std::shared_ptr<const void> owner, const MappedFile* file,
                   const std::string& path, const std::string& root, FileReport* out) const;

  ScanOptions options_;
};

}  // namespace aigis::scan
