#include "core/status.h"

#include <cinttypes>
#include <cstdio>
#include <cstdlib>

namespace aigis {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid argument";
    case StatusCode::kMalformed:
      return "malformed";
    case StatusCode::kLimitExceeded:
      return "limit exceeded";
    case StatusCode::kUnsupported:
      return "unsupported";
    case StatusCode::kIOError:
      return "I/O error";
    case StatusCode::kNotFound:
      return "not found";
    case StatusCode::kInternal:
      return "internal error";
  }
  return "unknown";
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(StatusCodeName(state_->code));
  if (state_->offset != kNoOffset) {
    char buf[32];
    std::snprintf(buf, sizeof buf, " at 0x%" PRIx64, state_->offset);
    out += buf;
  }
  out += ": ";
  out += state_->message;
  return out;
}

namespace internal {
void CheckFailed(const char* file, int line, const char* cond) {
  std::fprintf(stderr, "aigis: internal check failed at %s:%d: %s\n", file, line, cond);
  std::abort();
}
}  // namespace internal

}  // namespace aigis
