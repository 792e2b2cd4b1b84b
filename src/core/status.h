// Status and Result<T>: how every fallible call in aigis reports failure.
// Our code never throws; third-party exceptions are caught where that code is called.
// Thread safety: values, freely copyable; no shared state.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace aigis {

enum class StatusCode : uint8_t {
  kOk = 0,
  kInvalidArgument,
  kMalformed,
  kLimitExceeded,
  kUnsupported,
  kIOError,
  kNotFound,
  kInternal,
};

std::string_view StatusCodeName(StatusCode code);

// OK is a null state (leveldb), so success costs one pointer test.
class [[nodiscard]] Status {
 public:
  static constexpr uint64_t kNoOffset = UINT64_MAX;

  Status() = default;
  Status(const Status& o) : state_(o.state_ ? std::make_unique<State>(*o.state_) : nullptr) {}
  Status& operator=(const Status& o) {
    if (this != &o) state_ = o.state_ ? std::make_unique<State>(*o.state_) : nullptr;
    return *this;
  }
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return Status(StatusCode::kInvalidArgument, kNoOffset, std::move(msg));
  }
  static Status Malformed(uint64_t offset, std::string msg) {
    return Status(StatusCode::kMalformed, offset, std::move(msg));
  }
  static Status Malformed(std::string msg) {
    return Status(StatusCode::kMalformed, kNoOffset, std::move(msg));
  }
  static Status LimitExceeded(uint64_t offset, std::string msg) {
    return Status(StatusCode::kLimitExceeded, offset, std::move(msg));
  }
  static Status LimitExceeded(std::string msg) {
    return Status(StatusCode::kLimitExceeded, kNoOffset, std::move(msg));
  }
  static Status Unsupported(std::string msg) {
    return Status(StatusCode::kUnsupported, kNoOffset, std::move(msg));
  }
  static Status IOError(std::string msg) {
    return Status(StatusCode::kIOError, kNoOffset, std::move(msg));
  }
  static Status NotFound(std::string msg) {
    return Status(StatusCode::kNotFound, kNoOffset, std::move(msg));
  }
  static Status Internal(std::string msg) {
    return Status(StatusCode::kInternal, kNoOffset, std::move(msg));
  }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  // Byte offset in the input the error refers to, or kNoOffset.
  uint64_t offset() const { return state_ ? state_->offset : kNoOffset; }
  bool has_offset() const { return offset() != kNoOffset; }
  const std::string& message() const;
  // "malformed at 0x1f0: zip: name too long"
  std::string ToString() const;

 private:
  struct State {
    StatusCode code;
    uint64_t offset;
    std::string message;
  };
  Status(StatusCode code, uint64_t offset, std::string msg)
      : state_(std::make_unique<State>(State{code, offset, std::move(msg)})) {}
  std::unique_ptr<State> state_;
};

// A value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::in_place_index<1>, std::move(status)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  // REQUIRES: !ok() for a meaningful status; returns OK when holding a value.
  Status status() const { return ok() ? Status::Ok() : std::get<1>(v_); }
  const Status& error() const { return std::get<1>(v_); }
  // REQUIRES: ok()
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace aigis

#define AIGIS_CONCAT_INNER_(a, b) a##b
#define AIGIS_CONCAT_(a, b) AIGIS_CONCAT_INNER_(a, b)

#define AIGIS_RETURN_IF_ERROR(expr)        \
  do {                                     \
    ::aigis::Status _aigis_st = (expr);    \
    if (!_aigis_st.ok()) return _aigis_st; \
  } while (0)

#define AIGIS_ASSIGN_OR_RETURN_IMPL_(tmp, decl, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return std::move(tmp).status();      \
  decl = std::move(tmp).value()

#define AIGIS_ASSIGN_OR_RETURN(decl, expr) \
  AIGIS_ASSIGN_OR_RETURN_IMPL_(AIGIS_CONCAT_(_aigis_res_, __LINE__), decl, expr)

// Aborts always: for our own bugs only, never for conditions derived from input.
#define AIGIS_CHECK(cond)                                                   \
  do {                                                                      \
    if (!(cond)) ::aigis::internal::CheckFailed(__FILE__, __LINE__, #cond); \
  } while (0)
#ifdef NDEBUG
#define AIGIS_DCHECK(cond) \
  do {                     \
  } while (0)
#else
#define AIGIS_DCHECK(cond) AIGIS_CHECK(cond)
#endif

namespace aigis::internal {
[[noreturn]] void CheckFailed(const char* file, int line, const char* cond);
}  // namespace aigis::internal
