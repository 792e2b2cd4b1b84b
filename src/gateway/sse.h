// A small incremental parser for server-sent events (WHATWG HTML "Server-sent events", 9.2.6
// "Interpreting an event stream"), used to read streamed answers from LLM upstreams. Input comes
// from the network in arbitrary chunks; lines end with CRLF, LF or CR (a CR at the end of one chunk
// and an LF at the start of the next are one line end). Every buffer is bounded by SseLimits, and a
// stream that ends inside an event is an error, so a truncated answer is never taken as complete.
// Also the writer for the events the gateway emits. Thread-compatible; one parser per stream.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace aigis::gateway {

struct SseLimits {
  // One event's data. Upstream deltas are a few bytes; 1 MiB leaves room for a Responses-API
  // "response.completed" event carrying the whole answer without letting one event eat memory.
  size_t max_event_bytes = 1 << 20;
  // Events returned by one Feed() call; a chunk holding more is an event flood.
  size_t max_events_per_feed = 65536;
};

struct SseEvent {
  std::string event;  // "event:" field; empty means "message"
  std::string data;   // "data:" lines joined with '\n'
  std::string id;
};

class SseParser {
 public:
  explicit SseParser(SseLimits limits = {}) : limits_(limits) {}
  // Parses `chunk`, appending each completed event to *out. kLimitExceeded when an event or line
  // outgrows the limits; the parser is then unusable.
  Status Feed(std::string_view chunk, std::vector<SseEvent>* out);
  // The stream ended: kMalformed when it ended inside a line or an event with fields.
  Status Finish();
  uint64_t offset() const { return offset_; }

 private:
  Status Line(std::string_view line, std::vector<SseEvent>* out);
  SseLimits limits_;
  std::string line_;
  SseEvent cur_;
  bool has_field_ = false;
  bool has_data_ = false;
  bool last_cr_ = false;
  bool failed_ = false;
  uint64_t offset_ = 0;
  size_t emitted_ = 0;
};

// Serialises one event ("event: x\ndata: ...\n\n"; multi-line data becomes several data lines).
std::string FormatSseEvent(std::string_view event, std::string_view data);

}  // namespace aigis::gateway
