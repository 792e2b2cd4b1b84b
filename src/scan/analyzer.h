// The contract between the scanner and each format analyzer.
//
// The scanner owns a work list of items (a file, or a member extracted from a container). For each
// item it sniffs the content (formats/registry), picks the analyzer for that format and calls it
// with an AnalysisContext. An analyzer turns what a format parser found into Findings and hands
// nested content (zip members, decompressed streams, embedded pickles) back with AddChild(); the
// scanner analyses children from its explicit work list, never by recursion, and enforces the depth
// limit.
//
// Thread safety: one AnalysisContext per item, used by one thread. Analyzers are stateless
// functions; shared state (the policy) is immutable.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/finding.h"
#include "core/status.h"

namespace aigis::scan {

struct ScanOptions;  // scan/scan_options.h

// What a lazy child producer returns.
struct LazyChild {
  ByteView data;
  std::shared_ptr<const void> owner;
  Status status;
  std::string error_rule;         // rule id for a non-OK status, e.g. "zip.read-error"
  std::vector<Finding> findings;  // found while producing the bytes (e.g. a CRC mismatch)
};

// A child item: bytes that will be sniffed and analysed like a file.
struct ChildItem {
  std::string name;  // member name inside the parent, e.g. "archive/data.pkl"
  ByteView data;     // REQUIRES: kept alive by `owner` or by the parent's owner
  std::shared_ptr<const void> owner;
  // If the parent already knows the format ("pickle" for joblib's nested arrays), the scanner
  // uses it instead of sniffing. Empty = sniff.
  std::string format_hint;
  // Optional lazy producer, called when the scanner gets to this child (so that a container with
  // many compressed members holds one expanded member in memory at a time, not all of them).
  // When set, `data`/`owner` are ignored and replaced by what it returns; a non-OK status in
  // LazyChild is reported as a finding by the scanner and any partial data is still analysed.
  std::function<LazyChild()> lazy;
};

class AnalysisContext {
 public:
  virtual ~AnalysisContext() = default;

  virtual const ScanOptions& options() const = 0;
  // File on disk this item came from (the top-level file for members).
  virtual const std::string& path() const = 0;
  // Member chain of this item inside the file ("" for the file itself).
  virtual const std::string& member() const = 0;
  // Nesting depth: 0 for a file, 1 for a member of it, ...
  virtual int depth() const = 0;
  // Directory-level context: path of the scan root (for analyzers resolving sibling files, e.g.
  // ONNX external data). Empty when scanning a buffer.
  virtual const std::string& root() const = 0;
  // Keeps this item's bytes alive; children that are views of the parent pass it on.
  virtual std::shared_ptr<const void> owner() const = 0;

  // Records a finding. The context fills location.path and location.member; the analyzer sets
  // location.offset/has_offset (relative to this item's bytes).
  virtual void AddFinding(Finding f) = 0;
  // Queues nested content for analysis.
  virtual void AddChild(ChildItem child) = 0;
  // Says that about n AddChild calls follow (a container's member count), so the queue grows once.
  virtual void ExpectChildren(size_t n) { (void)n; }
  // Names the format that was analysed ("pickle", "pytorch-zip", ...); shown in reports and BOMs.
  virtual void SetFormat(std::string format) = 0;
  // Records a key/value fact for the BOM (e.g. "parameters" -> "1234", "dtypes" -> "F32,F16").
  virtual void AddProperty(std::string key, std::string value) = 0;
  // Counts bytes the analyzer actually examined (for the "bytes read" figure).
  virtual void AddBytesExamined(uint64_t n) = 0;
  // Another route to `data` (which must be this item's bytes or part of them): pread() on the
  // memory-mapped file they are a view of, so that reading a few bytes at many far-apart places
  // does not fault in a page and a page table for each (MappedFile::ReadAt). Empty when the bytes
  // are not a view of a mapped file; the returned function is valid while this context is.
  virtual ReadAtFn ReaderFor(ByteView data) const {
    (void)data;
    return {};
  }

  // Convenience: a finding at an offset in this item.
  void Report(std::string rule, Severity severity, std::string message, std::string evidence,
              std::string category, uint64_t offset) {
    Finding f;
    f.rule = std::move(rule);
    f.severity = severity;
    f.message = std::move(message);
    f.evidence = std::move(evidence);
    f.category = std::move(category);
    f.location.offset = offset;
    f.location.has_offset = true;
    AddFinding(std::move(f));
  }
  void ReportNoOffset(std::string rule, Severity severity, std::string message,
                      std::string evidence, std::string category) {
    Finding f;
    f.rule = std::move(rule);
    f.severity = severity;
    f.message = std::move(message);
    f.evidence = std::move(evidence);
    f.category = std::move(category);
    AddFinding(std::move(f));
  }
};

// An analyzer for one format. `data` is the item's whole content.
using AnalyzerFn = void (*)(ByteView data, AnalysisContext& ctx);

}  // namespace aigis::scan
