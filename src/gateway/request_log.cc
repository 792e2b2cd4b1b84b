#include "gateway/request_log.h"

#include <fcntl.h>
#include <simdjson.h>
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

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

Result<std::unique_ptr<FileRequestLog>> FileRequestLog::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Status::IOError("request log: cannot open " + path);
  FILE* f = fdopen(fd, "a");
  if (!f) {
    ::close(fd);
    return Status::IOError("request log: cannot open " + path);
  }
  return std::unique_ptr<FileRequestLog>(new FileRequestLog(f));
}

FileRequestLog::~FileRequestLog() { std::fclose(f_); }

void FileRequestLog::Write(std::string_view line) {
  std::lock_guard<std::mutex> lock(mu_);
  std::fwrite(line.data(), 1, line.size(), f_);
  std::fputc('\n', f_);
  std::fflush(f_);
}

}  // namespace aigis::gateway
