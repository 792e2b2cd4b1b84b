// A fake OpenAI/Anthropic upstream for tests and demos: answers /v1/chat/completions,
// /v1/completions, /v1/embeddings, /v1/responses and /v1/messages (streamed or not) with a
// scripted reply, echoing the last user text by default, with controllable chunking, delays and
// faults. Runs on 127.0.0.1 with its own threads (one per connection; it is a test double).
// Thread safety: all methods may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace aigis::gateway::testing {

enum class Fault {
  kNone,
  k500,            // 500 with a JSON error
  kReset,          // TCP reset instead of an answer
  kGarbage,        // 200 with a body that is not JSON
  kMalformedSse,   // a stream whose event data is not JSON
  kHang,           // never answers (first-byte timeout; notices the gateway closing)
  kStall,          // streams two events, then goes silent (idle timeout)
  kTruncate,       // streams two events, then closes without ending the chunked body
  kDuplicateName,  // an answer (or one stream event) with "content" twice: a secret, then benign
};

struct Behaviour {
  std::string reply;           // answer text; empty: "You said: <last user text>"
  std::string tool_arguments;  // when set, chat answers are one tool call with these arguments
  size_t chunk_bytes = 0;      // text bytes per streamed delta (0: 8)
  int delay_ms = 0;            // before each streamed event
  Fault fault = Fault::kNone;
  bool include_usage = true;
  // > 0: the answer is this many tokens ("tok " each) unless the request's output cap is lower,
  // which is obeyed as a real API does (chat: max_completion_tokens, else max_tokens; completions
  // and messages: max_tokens; responses: max_output_tokens), times n; usage reports what was made.
  // 0: the reply above, reported as 7 output tokens.
  int64_t output_tokens = 0;
  // Input tokens reported in usage, request i (counted from 0) reporting [i % size]; empty: 11.
  std::vector<int64_t> input_tokens;
};

class FakeUpstream {
 public:
  FakeUpstream();
  ~FakeUpstream();
  // Listens on 127.0.0.1:port (0: any free port). Returns false when it cannot.
  bool Start(uint16_t port = 0);
  void Stop();
  uint16_t port() const { return port_; }
  void Set(Behaviour b);
  // Bodies and header lines ("name: value") of every request received, in order.
  std::vector<std::string> bodies();
  std::vector<std::string> headers();
  int requests() const { return requests_.load(); }
  int connections() const { return connections_.load(); }
  // Hanging or streaming answers that saw their client (the gateway) go away.
  int peer_closed() const { return peer_closed_.load(); }

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  uint16_t port_ = 0;
  std::atomic<int> requests_{0}, connections_{0}, peer_closed_{0};
};

}  // namespace aigis::gateway::testing
