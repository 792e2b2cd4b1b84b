#include "gateway/request_log.h"

#include <fcntl.h>
#include <simdjson.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <utility>

namespace aigis::gateway {

JsonLine::JsonLine() {
  s_.reserve(512);
  s_ += '{';
}

void JsonLine::Key(std::string_view key) {
  if (s_.size() > 1) s_ += ',';
  s_ += '"';
  s_ += key;
  s_ += "\":";
}

void JsonLine::AppendString(std::string_view v) {
  if (!simdjson::validate_utf8(v.data(), v.size())) {  // rare: nlohmann's replacement rules
    s_ += nlohmann::json(std::string(v))
              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  static const char kHex[] = "0123456789abcdef";
  s_ += '"';
  for (char c : v) {
    switch (c) {
      case '"':
        s_ += "\\\"";
        break;
      case '\\':
        s_ += "\\\\";
        break;
      case '\b':
        s_ += "\\b";
        break;
      case '\f':
        s_ += "\\f";
        break;
      case '\n':
        s_ += "\\n";
        break;
      case '\r':
        s_ += "\\r";
        break;
      case '\t':
        s_ += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          s_ += "\\u00";
          s_ += kHex[(c >> 4) & 15];
          s_ += kHex[c & 15];
        } else {
          s_ += c;
        }
    }
  }
  s_ += '"';
}

JsonLine& JsonLine::Str(std::string_view key, std::string_view value) {
  Key(key);
  AppendString(value);
  return *this;
}

JsonLine& JsonLine::Int(std::string_view key, int64_t value) {
  Key(key);
  s_ += std::to_string(value);
  return *this;
}

JsonLine& JsonLine::Uint(std::string_view key, uint64_t value) {
  Key(key);
  s_ += std::to_string(value);
  return *this;
}

JsonLine& JsonLine::Double(std::string_view key, double value) {
  Key(key);
  if (!std::isfinite(value)) {  // nlohmann prints null for these
    s_ += "null";
    return *this;
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  std::string_view d(buf, ec == std::errc() ? static_cast<size_t>(end - buf) : 0);
  s_ += d;
  if (d.find_first_of(".e") == std::string_view::npos) s_ += ".0";  // as nlohmann: 5.0, not 5
  return *this;
}

JsonLine& JsonLine::Bool(std::string_view key, bool value) {
  Key(key);
  s_ += value ? "true" : "false";
  return *this;
}

std::string JsonLine::Done() {
  s_ += '}';
  return std::move(s_);
}

LineWriter::LineWriter(int fd, bool own_fd, LineWriterLimits limits)
    : fd_(fd), own_fd_(own_fd), limits_(limits) {
  thread_ = std::thread([this] { Run(); });
}

LineWriter::~LineWriter() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  (void)Flush();
  if (own_fd_) ::close(fd_);
}

void LineWriter::Write(std::string_view line) {
  bool was_empty, full;
  {
    std::lock_guard<std::mutex> l(mu_);
    was_empty = buf_.empty();
    buf_.append(line);
    buf_ += '\n';
    full = buf_.size() >= limits_.max_buffer_bytes;
  }
  if (full) {
    std::lock_guard<std::mutex> w(write_mu_);
    WriteOut();
  } else if (was_empty) {
    cv_.notify_one();  // the flusher waits for a first line; later ones join its batch
  }
}

Status LineWriter::Flush() {
  std::lock_guard<std::mutex> w(write_mu_);
  WriteOut();
  int err = std::exchange(write_errno_, 0);
  if (err) return Status::IOError(std::string("log write failed: ") + std::strerror(err));
  return Status::Ok();
}

void LineWriter::WriteOut() {
  std::string batch;
  {
    std::lock_guard<std::mutex> l(mu_);
    batch.swap(buf_);
  }
  size_t off = 0;
  while (off < batch.size()) {
    ssize_t n = ::write(fd_, batch.data() + off, batch.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      write_errno_ = n < 0 ? errno : EIO;
      return;
    }
    off += static_cast<size_t>(n);
  }
}

void LineWriter::Run() {
  std::unique_lock<std::mutex> l(mu_);
  for (;;) {
    cv_.wait(l, [this] { return stop_ || !buf_.empty(); });
    if (stop_) return;  // the destructor writes what is left
    // Lines arriving during the delay join this batch.
    cv_.wait_for(l, limits_.max_delay, [this] { return stop_; });
    l.unlock();
    {
      std::lock_guard<std::mutex> w(write_mu_);
      WriteOut();
    }
    l.lock();
  }
}

Result<std::unique_ptr<FileRequestLog>> FileRequestLog::Open(const std::string& path,
                                                             LineWriterLimits limits) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Status::IOError("request log: cannot open " + path);
  return std::unique_ptr<FileRequestLog>(new FileRequestLog(fd, limits));
}

}  // namespace aigis::gateway
