#include "gateway/request_log.h"

#include <fcntl.h>
#include <unistd.h>

namespace aigis::gateway {

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
