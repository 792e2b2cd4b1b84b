// Puts the guard on LLM API bodies. Every string in a request or answer document is text a model
// or a client reads, so the walker takes every string leaf (all messages, content parts, tool
// arguments and definitions, system prompts, Responses-API items) except a short list of metadata
// keys whose values are bounded; nothing is skipped because its shape is new (fail closed).
//   - GuardDocument scans a whole document (request or non-streamed answer) as one text, redacts
//     in place (placeholders recorded in a Vault) and restores a request's placeholders in answers.
//   - StreamGuard does the same for a streamed answer: deltas go to one GuardStream per channel
//     (choice, tool call, content block); an event is released only once every byte it carries
//     has been scanned (hold-back), so a secret split across chunks is caught before it leaves.
// Thread safety: none; one StreamGuard per stream, used by the thread running that request.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "gateway/sse.h"
#include "guard/engine.h"

namespace aigis::gateway {

enum class Api : uint8_t { kChatCompletions, kCompletions, kEmbeddings, kResponses, kMessages };
std::string_view ApiName(Api api);

struct JsonLimits {
  // Nesting of request/answer documents; real ones nest under 10 (tool schemas a little more).
  int max_depth = 64;
  // String leaves per document; a chat with thousands of parts is still under this.
  size_t max_leaves = 100000;
};

// Parses `body` (no exceptions escape). kMalformed for bad JSON, kLimitExceeded beyond max_depth.
Result<nlohmann::json> ParseJsonBody(std::string_view body, const JsonLimits& limits);

// True for the values CollectText skips: short (<= 128 bytes) values of metadata keys ("model",
// "role", "type", "id", ...), which are identifiers or enums, not text anyone reads.
bool SkipsAsMetadata(std::string_view key, size_t value_bytes);

struct TextLeaf {
  nlohmann::json* node;  // the string value; owned by the document
  std::string channel;   // stream channel: path with choice/tool/block indexes
  bool delta = false;    // a streamed fragment of a longer text
};

// Every string leaf of `doc` in document order, without recursion (explicit stack).
Status CollectText(nlohmann::json& doc, Api api, const JsonLimits& limits,
                   std::vector<TextLeaf>* out);

struct GuardSummary {
  guard::Action verdict = guard::Action::kAllow;
  std::vector<guard::Detection> detections;
  std::vector<guard::Action> actions;  // parallel to detections
  bool modified = false;               // some leaf was redacted or restored
  void Add(guard::Detection d, guard::Action a);
};

// Scans `leaves` as one text (joined by blank lines), then rewrites leaves in place: redact-action
// spans become placeholders (recorded in *vault when non-null), and placeholders of `restore`
// found in the remaining text become their originals. Returns the verdict and detections.
GuardSummary GuardDocument(guard::GuardScanner& scanner, std::vector<TextLeaf>& leaves,
                           guard::Vault* vault, const guard::Vault* restore);

// GuardDocument over plain texts: leaves are not written; (*rewritten)[i] holds the new text of
// texts[i] where it changed (rewritten is empty when nothing did).
GuardSummary GuardTexts(guard::GuardScanner& scanner, const std::vector<std::string_view>& texts,
                        guard::Vault* vault, const guard::Vault* restore,
                        std::vector<std::optional<std::string>>* rewritten);

// `text` with every span that `scanner`'s policy redacts replaced by a typed placeholder, for
// storing content in the audit log. Empty optional when the policy would block the text (it is
// then not stored at all).
std::optional<std::string> RedactForAudit(guard::GuardScanner& scanner, std::string text);

// The first at most `n` bytes of `s`, not cutting a UTF-8 sequence.
inline std::string_view Utf8Prefix(std::string_view s, size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

// Token usage reported by an upstream document (OpenAI prompt/completion, Anthropic and Responses
// input/output, under "usage", "message.usage" or "response.usage"). 0 when absent.
struct Usage {
  uint64_t input = 0;
  uint64_t output = 0;
  uint64_t total() const { return input + output; }
};
void ReadUsage(const nlohmann::json& doc, Usage* usage);

struct StreamLimits {
  SseLimits sse;
  JsonLimits json;
  // Text kept per channel for redaction/restore bookkeeping; an answer longer than this ends
  // with an error rather than growing memory without bound.
  size_t max_channel_bytes = 16 << 20;
  size_t max_channels = 1024;
};

class StreamGuard {
 public:
  // REQUIRES: scanner (output direction) and restore outlive the StreamGuard.
  StreamGuard(guard::GuardScanner* scanner, Api api, const guard::Vault* restore,
              StreamLimits limits);
  ~StreamGuard();
  // Feeds upstream bytes; appends SSE bytes that may go to the client to *ready. A non-OK status
  // ends the stream: blocked() tells a guard block from a malformed upstream.
  Status Feed(std::string_view bytes, std::string* ready);
  // The upstream stream ended; releases what is left.
  Status Finish(std::string* ready);
  bool blocked() const { return blocked_; }
  const GuardSummary& summary() const { return summary_; }
  const Usage& usage() const { return usage_; }
  uint64_t text_bytes() const { return text_bytes_; }
  // Collects the text released to the client (after redaction and restoration) into *t, at most
  // `max` bytes (for the audit record's content; null = off).
  void set_transcript(std::string* t, size_t max) {
    transcript_ = t;
    transcript_max_ = max;
  }

 private:
  struct Span {
    uint64_t start, end;
    std::string replacement;
  };
  struct Channel {
    std::unique_ptr<guard::GuardStream> stream;
    std::string text;
    std::vector<Span> spans;  // sorted by start, disjoint
    uint64_t placeholder_pos = 0;
    std::map<std::string, int> counters;
  };
  struct DeltaRef {
    Channel* ch;
    uint64_t a, b;
    nlohmann::json* node;
  };
  struct Held;
  Status OnEvent(SseEvent ev);
  Status OnDetections(Channel& ch, std::vector<guard::Detection>& dets);
  uint64_t Safe(Channel& ch) const;
  void Discover(Channel& ch, uint64_t upto);
  void Release(std::string* ready);

  guard::GuardScanner* scanner_;
  std::string* transcript_ = nullptr;
  size_t transcript_max_ = 0;
  Api api_;
  const guard::Vault* restore_;
  StreamLimits limits_;
  SseParser sse_;
  std::map<std::string, Channel> channels_;
  std::deque<std::unique_ptr<Held>> held_;
  GuardSummary summary_;
  Usage usage_;
  bool finished_ = false;
  bool blocked_ = false;
  uint64_t text_bytes_ = 0;
};

// Renders [a, b) of `text` with disjoint sorted spans replaced (a span is written where it
// starts; its bytes are skipped in every range it covers).
struct RenderSpan {
  uint64_t start, end;
  std::string_view replacement;
};
std::string RenderRange(std::string_view text, uint64_t a, uint64_t b,
                        const std::vector<RenderSpan>& spans);

}  // namespace aigis::gateway
