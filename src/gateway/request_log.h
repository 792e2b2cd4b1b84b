// Where the gateway records one JSON line per request (key id, model, route, status, verdicts,
// detection categories, tokens, latency; never keys, prompts or answers). An interface so the
// audit issue can put a tamper-evident store behind it. Thread safety: Write may be called from
// any thread.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/status.h"

namespace aigis::gateway {

// Builds a one-line JSON object field by field, as nlohmann would print it (strings escaped the
// same way, invalid UTF-8 replaced by U+FFFD), without building a document first: the per-request
// log line built as an nlohmann object cost ~5 % of an I/O thread. Keys must be plain names (they
// are not escaped); call fields in the order they should appear.
class JsonLine {
 public:
  JsonLine();
  JsonLine& Str(std::string_view key, std::string_view value);
  JsonLine& Int(std::string_view key, int64_t value);
  JsonLine& Uint(std::string_view key, uint64_t value);
  JsonLine& Double(std::string_view key, double value);
  JsonLine& Bool(std::string_view key, bool value);
  template <typename Strings>
  JsonLine& StrArray(std::string_view key, const Strings& values) {
    Key(key);
    s_ += '[';
    bool first = true;
    for (const auto& v : values) {
      if (!first) s_ += ',';
      first = false;
      AppendString(v);
    }
    s_ += ']';
    return *this;
  }
  // The line ("{...}"); the builder is spent.
  std::string Done();

 private:
  void Key(std::string_view key);
  void AppendString(std::string_view v);
  std::string s_;
};

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
