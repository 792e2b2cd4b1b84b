// Output writers shared by every command: readable text, JSON and SARIF 2.1.0.
// They only read a ScanReport; they never decide exit codes. Thread-compatible.
#pragma once

#include <charconv>
#include <cstdio>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/scan_result.h"

namespace aigis::report {

struct WriterOptions {
  std::string tool_version = "0.1.0";
  bool color = false;                       // ANSI colours in text output (only on a terminal)
  bool verbose = false;                     // text: list clean files and info findings too
  Severity min_severity = Severity::kInfo;  // findings below this are left out of text output
  // Text: also list clean files that have a finding at or above this level (the --fail-on level:
  // with --fail-on info, the files that fail the build are named even without --verbose).
  std::optional<Severity> list_clean_at;
};

// Where a writer's bytes go: a buffer handed to `sink` every 64 KiB and at Flush(), so a large
// report is never held whole. Numbers are formatted with std::to_chars, not iostreams: the lean
// `aigis` has no iostreams, whose start-up (the locale's facets) was ~0.6 ms and ~22 page faults
// of every scan (docs/performance.md, session 15).
class Out {
 public:
  using Sink = std::function<bool(std::string_view)>;  // false: the bytes were not all written
  explicit Out(Sink sink) : sink_(std::move(sink)) {}
  ~Out() { Flush(); }
  Out(const Out&) = delete;
  Out& operator=(const Out&) = delete;

  Out& operator<<(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= kFlushBytes) Flush();
    return *this;
  }
  Out& operator<<(const char* s) { return *this << std::string_view(s); }
  Out& operator<<(const std::string& s) { return *this << std::string_view(s); }
  Out& operator<<(char c) { return *this << std::string_view(&c, 1); }
  template <typename T,
            typename = std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, char> &&
                                        !std::is_same_v<T, bool>>>
  Out& operator<<(T n) {
    char digits[24];
    auto r = std::to_chars(digits, digits + sizeof digits, n);
    return *this << std::string_view(digits, static_cast<size_t>(r.ptr - digits));
  }
  // Not formatted here: without these, a bool or a double would be written as a char.
  Out& operator<<(bool) = delete;
  Out& operator<<(double) = delete;

  // Hands the buffered bytes to the sink. False once any write has failed.
  bool Flush();

  // Writes to `f` with fwrite (the caller flushes or closes it).
  static Sink ToFile(std::FILE* f);

 private:
  static constexpr size_t kFlushBytes = 64 << 10;
  Sink sink_;
  std::string buf_;
  bool ok_ = true;
};

void WriteText(const ScanReport& r, const WriterOptions& o, Out& out);
// JSON document, documented in docs/report-formats.md.
void WriteJson(const ScanReport& r, const WriterOptions& o, Out& out);
// SARIF 2.1.0 for GitHub code scanning: one run, rules from the rule catalogue.
void WriteSarif(const ScanReport& r, const WriterOptions& o, Out& out);

// The same, to a stream (tests, and callers that already have one).
void WriteText(const ScanReport& r, const WriterOptions& o, std::ostream& out);
void WriteJson(const ScanReport& r, const WriterOptions& o, std::ostream& out);
void WriteSarif(const ScanReport& r, const WriterOptions& o, std::ostream& out);

}  // namespace aigis::report
