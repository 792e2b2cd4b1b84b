// Where the gateway records one JSON line per request (key id, model, route, status, verdicts,
// detection categories, tokens, latency; never keys, prompts or answers). An interface so the
// audit issue can put a tamper-evident store behind it. Thread safety: Write may be called from
// any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

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

struct LineWriterLimits {
  // A line reaches the file at most this long after Write (give or take scheduling).
  std::chrono::milliseconds max_delay{50};
  // Past this many buffered bytes the writing thread writes the batch itself, so a slow disk
  // slows the writers down instead of growing the buffer.
  size_t max_buffer_bytes = 64 << 10;
};

// Appends lines to a file descriptor in batches: Write buffers the line, a background thread
// writes what has gathered within max_delay with one write(2), Flush and the destructor write all
// that is left (so a clean shutdown loses nothing; a SIGKILL loses at most max_delay of lines).
// One syscall per request was ~4 % of a gateway I/O thread at 32 connections. Lines reach the
// file whole and in the order Write was called. Thread safety: every method may be called from
// any thread.
class LineWriter {
 public:
  // Writes to fd, which it closes at destruction when own_fd.
  LineWriter(int fd, bool own_fd, LineWriterLimits limits = {});
  ~LineWriter();
  LineWriter(const LineWriter&) = delete;
  LineWriter& operator=(const LineWriter&) = delete;
  // Buffers `line` and a newline.
  void Write(std::string_view line);
  // Writes everything buffered so far before returning; an error if a write failed since the last
  // Flush (the lines of a failed write are dropped, as a full disk drops them).
  Status Flush();

 private:
  void Run();
  void WriteOut();  // takes the buffer and writes it; REQUIRES: write_mu_ held, mu_ not held

  const int fd_;
  const bool own_fd_;
  const LineWriterLimits limits_;
  std::mutex write_mu_;  // held across take-and-write, so batches reach the file in order
  int write_errno_ = 0;  // guarded by write_mu_
  std::mutex mu_;        // guards buf_ and stop_
  std::condition_variable cv_;
  std::string buf_;
  bool stop_ = false;
  std::thread thread_;
};

class RequestLog {
 public:
  virtual ~RequestLog() = default;
  virtual void Write(std::string_view json_line) = 0;
  // Everything written so far reaches its destination before this returns.
  virtual void Flush() {}
};

// Appends lines to a file (created owner-only) through a LineWriter: each line is on disk within
// its max_delay, and all of them once Flush or the destructor returns.
class FileRequestLog : public RequestLog {
 public:
  static Result<std::unique_ptr<FileRequestLog>> Open(const std::string& path,
                                                      LineWriterLimits limits = {});
  void Write(std::string_view json_line) override { out_.Write(json_line); }
  void Flush() override { (void)out_.Flush(); }

 private:
  FileRequestLog(int fd, LineWriterLimits limits) : out_(fd, true, limits) {}
  LineWriter out_;
};

}  // namespace aigis::gateway
