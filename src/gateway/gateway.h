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

#include "core/status.h"
#include "gateway/metrics.h"
#include "gateway/quota.h"
#include "gateway/request_log.h"
#include "gateway/runtime.h"

namespace aigis::gateway {

// Receives each JSON log line (no trailing newline). Lines never hold keys, prompts or answers.
using LogSink = std::function<void(std::string_view line)>;

class Gateway {
 public:
  // REQUIRES: runtime non-null. request_log may be null (no request log).
  static Result<std::unique_ptr<Gateway>> Create(std::shared_ptr<const Runtime> runtime,
                                                 std::unique_ptr<QuotaStore> quota,
                                                 std::unique_ptr<RequestLog> request_log,
                                                 LogSink log);
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
