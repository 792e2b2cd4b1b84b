// Where the gateway records one JSON line per request (key id, model, route, status, verdicts,
// detection categories, tokens, latency; never keys, prompts or answers). An interface so the
// audit issue can put a tamper-evident store behind it. Thread safety: Write may be called from
// any thread.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/status.h"

namespace aigis::gateway {

class RequestLog {
 public:
  virtual ~RequestLog() = default;
  virtual void Write(std::string_view json_line) = 0;
};

// Appends lines to a file (created owner-only), flushed per line.
class FileRequestLog : public RequestLog {
 public:
  static Result<std::unique_ptr<FileRequestLog>> Open(const std::string& path);
  ~FileRequestLog() override;
  void Write(std::string_view json_line) override;

 private:
  explicit FileRequestLog(FILE* f) : f_(f) {}
  std::mutex mu_;
  FILE* f_;
};

}  // namespace aigis::gateway
