// The LLM security gateway behind `aigis serve`: an HTTP/1.1 server (Boost.Beast on Asio, C++20
// coroutines) for OpenAI- and Anthropic-compatible APIs that authenticates virtual keys, applies
// their limits, scans prompts and answers (streamed or not) with the guard, and forwards to the
// upstream configured for the requested model. docs/gateway.md describes the behaviour.
//
// Threads: one io_context per worker thread; a connection lives on one worker, so a request's
// coroutines never run concurrently and per-thread state (guard scanners, upstream connection
// pools) needs no locks. Beast and Asio stay inside gateway.cc so this header is cheap.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "audit/abuse_signals.h"
#include "audit/audit_log.h"
#include "core/status.h"
#include "gateway/metrics.h"
#include "gateway/request_log.h"
#include "gateway/runtime.h"
#include "state/limit_store.h"

namespace aigis::gateway {

// Receives each JSON log line (no trailing newline). Lines never hold keys, prompts or answers.
using LogSink = std::function<void(std::string_view line)>;

// The audit trail of the gateway (docs/audit.md): one record per request, made durable before the
// client gets its response (the acknowledgement contract), plus abuse-signal alerts.
struct GatewayAudit {
  std::shared_ptr<audit::AuditLog> log;  // null: no audit records
  // When a record cannot be stored: false (default) answers 503 audit_unavailable instead of the
  // response (fail closed: nothing is served that is not on record); true serves it anyway and
  // logs the failure.
  bool fail_open = false;
  // Threads that wait for durable appends so the I/O threads never block on an fsync; the store's
  // group commit shares one fsync among all of them, so more threads = larger batches.
  int writer_threads = 16;
  // Keep the prompt as forwarded upstream (after the guard's redaction). Off by default.
  bool include_content = false;
  bool abuse_signals = true;  // run the AbuseDetector and record its alerts
  // Refuse a client (429 abuse_throttled) for throttle_ms after it raised an alert; 0 = off.
  int64_t abuse_throttle_ms = 0;
  audit::AbuseConfig abuse;
};

class Gateway {
 public:
  // REQUIRES: runtime non-null. limits null = a MemoryLimitStore; request_log may be null.
  static Result<std::unique_ptr<Gateway>> Create(std::shared_ptr<const Runtime> runtime,
                                                 std::shared_ptr<state::LimitStore> limits,
                                                 std::unique_ptr<RequestLog> request_log,
                                                 LogSink log, GatewayAudit audit = {});
  ~Gateway();
  // Binds the listen address (port 0 picks a free port) and starts the worker threads.
  Status Start();
  uint16_t port() const;
  // Replaces configuration and keys; requests in flight finish with the runtime they began with.
  // The listen address and thread count are fixed at Start.
  void Reload(std::shared_ptr<const Runtime> runtime);
  // Stops accepting, closes idle connections, lets requests in flight finish (up to
  // limits.drain_timeout_ms) and joins the threads. Idempotent.
  void Shutdown();
  Metrics& metrics();

  class Impl;

 private:
  explicit Gateway(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace aigis::gateway
