// The JSON body of an API request (and of a non-streamed upstream answer), as the gateway's hot
// path reads it: a few top-level members
// (model, stream, output caps, n) and every string leaf the guard must scan. Parsed with simdjson
// (DOM; one parser per request from a per-thread pool, so its buffers are reused) and walked once.
// nlohmann is used only where it is needed:
//   - to rebuild a document the gateway changes (redaction, upstream_model, a null cap replaced);
//   - as the reference parser for every body simdjson refuses: those take the previous code path
//     (nlohmann parse, CollectText), so what is accepted and which 400 answers what stays as it
//     was. simdjson refuses a superset of what nlohmann refuses (tested), plus integers beyond 64
//     bits, a UTF-8 byte order mark and a trailing NUL, which nlohmann accepts.
// Also on the reference path: documents nested deeper than kFastMaxDepth (nlohmann's depth limit
// decides them) and more string leaves than JsonLimits::max_leaves.
// One deliberate difference from plain nlohmann: a duplicate member name anywhere in the body is
// refused (kMalformed -> 400 invalid_json) on both paths. nlohmann keeps the last value and drops
// the first unseen, while the body may be forwarded byte for byte: an upstream whose parser keeps
// the first value would act on text the guard never scanned, or on a model or output cap the
// gateway did not check (RFC 8259 leaves duplicates to each implementation; I-JSON forbids them).
// Thread safety: a RequestBody is used by one thread; the parser pool is per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "gateway/text_guard.h"

namespace aigis::gateway {

// A top-level member as the request checks read it (the types nlohmann distinguishes there).
enum class FieldKind : uint8_t { kAbsent, kNull, kString, kBool, kUnsigned, kOther };
struct FieldValue {
  FieldKind kind = FieldKind::kAbsent;
  std::string_view str;  // kString; valid while the RequestBody lives
  bool boolean = false;  // kBool
  uint64_t number = 0;   // kUnsigned (a non-negative integer that fits 64 bits)
};

// What a forwarded body gets besides rewritten texts.
struct BodyEdits {
  std::optional<std::string> model;  // upstream_model: replaces "model"
  const char* cap_key = nullptr;     // sets this member to cap_value (a missing or null cap)
  uint64_t cap_value = 0;
};

// What a duplicate member name does. The gateway refuses it in requests (above) and in upstream
// answers (an unmodified answer is forwarded as received, so a value the guard did not scan would
// reach the client); kLastWins reads like nlohmann (the last value wins), for read-only callers.
enum class DuplicateNames : uint8_t { kRefuse, kLastWins };

class RequestBody {
 public:
  // Nesting the simdjson path handles; deeper documents go to the reference path.
  static constexpr int kFastMaxDepth = 48;

  RequestBody(RequestBody&&) noexcept;
  RequestBody& operator=(RequestBody&&) noexcept;
  ~RequestBody();

  // Parses `body`, which must outlive the result and not change meanwhile (the parse may reserve
  // padding in it, which does not change its bytes). kMalformed: not JSON, not an object or a
  // duplicate member name (the message tells which); kLimitExceeded: nesting beyond
  // limits.max_depth.
  static Result<RequestBody> Parse(std::string& body, const JsonLimits& limits,
                                   DuplicateNames dup = DuplicateNames::kRefuse);

  FieldValue Get(std::string_view key) const;
  bool Has(std::string_view key) const { return Get(key).kind != FieldKind::kAbsent; }

  // The string leaves the guard scans (CollectText's rule: every non-empty string except short
  // values of metadata keys). The simdjson path lists them in document order, the reference path
  // in nlohmann's (sorted keys). kLimitExceeded beyond the JSON limits.
  Status Texts(std::vector<std::string_view>* out) const;

  // The document with texts[i] replaced by rewritten[i] where set (indexes of Texts(); empty or
  // shorter means none) and `edits` applied, serialised by nlohmann.
  std::string Render(const std::vector<std::optional<std::string>>& rewritten,
                     const BodyEdits& edits) const;

  // The upstream's reported token usage, as gateway::ReadUsage reads an nlohmann document.
  void ReadUsage(Usage* usage) const;

  bool fast() const;  // parsed by simdjson (for tests)

 private:
  struct Impl;
  explicit RequestBody(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Reference parse for requests: ParseJsonBody plus the duplicate-name refusal.
Result<nlohmann::json> ParseRequestJson(std::string_view body, const JsonLimits& limits);

}  // namespace aigis::gateway
