#include "gateway/sse.h"

namespace aigis::gateway {

Status SseParser::Feed(std::string_view chunk, std::vector<SseEvent>* out) {
  if (failed_) return Status::Internal("sse: parser used after an error");
  emitted_ = 0;
  size_t i = 0;
  while (i < chunk.size()) {
    char c = chunk[i];
    if (last_cr_ && c == '\n') {  // the LF of a CRLF split across chunks
      last_cr_ = false;
      ++i;
      ++offset_;
      continue;
    }
    last_cr_ = false;
    // Take the run up to the next line end in one append.
    size_t j = i;
    while (j < chunk.size() && chunk[j] != '\n' && chunk[j] != '\r') ++j;
    if (line_.size() + (j - i) > limits_.max_event_bytes) {
      failed_ = true;
      return Status::LimitExceeded(offset_, "sse: line longer than max_event_bytes");
    }
    line_.append(chunk.data() + i, j - i);
    offset_ += j - i;
    i = j;
    if (i == chunk.size()) break;
    if (chunk[i] == '\r') last_cr_ = true;
    ++i;
    ++offset_;
    Status st = Line(line_, out);
    line_.clear();
    if (!st.ok()) {
      failed_ = true;
      return st;
    }
  }
  return Status::Ok();
}

Status SseParser::Line(std::string_view line, std::vector<SseEvent>* out) {
  if (line.empty()) {  // dispatch
    if (has_data_) {
      if (++emitted_ > limits_.max_events_per_feed)
        return Status::LimitExceeded(offset_, "sse: more than max_events_per_feed events");
      out->push_back(std::move(cur_));
    }
    cur_ = SseEvent{};
    has_field_ = has_data_ = false;
    return Status::Ok();
  }
  if (line[0] == ':') return Status::Ok();  // comment (keep-alive)
  std::string_view name = line, value;
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    name = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.remove_prefix(1);
  }
  has_field_ = true;
  if (name == "data") {
    size_t add = value.size() + (has_data_ ? 1 : 0);
    if (cur_.data.size() + add > limits_.max_event_bytes)
      return Status::LimitExceeded(offset_, "sse: event data longer than max_event_bytes");
    if (has_data_) cur_.data.push_back('\n');
    cur_.data.append(value);
    has_data_ = true;
  } else if (name == "event") {
    if (value.size() > 256) return Status::LimitExceeded(offset_, "sse: event name over 256 bytes");
    cur_.event.assign(value);
  } else if (name == "id") {
    if (value.size() > 256) return Status::LimitExceeded(offset_, "sse: id over 256 bytes");
    cur_.id.assign(value);
  }
  // "retry" and unknown fields are ignored, as the spec says.
  return Status::Ok();
}

Status SseParser::Finish() {
  if (failed_) return Status::Internal("sse: parser used after an error");
  if (!line_.empty() || has_field_)
    return Status::Malformed(offset_, "sse: stream ended inside an event");
  return Status::Ok();
}

std::string FormatSseEvent(std::string_view event, std::string_view data) {
  std::string s;
  s.reserve(data.size() + event.size() + 16);
  if (!event.empty()) {
    s += "event: ";
    s += event;
    s += '\n';
  }
  size_t start = 0;
  while (true) {
    size_t nl = data.find('\n', start);
    s += "data: ";
    s.append(
        data.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    s += '\n';
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  s += '\n';
  return s;
}

}  // namespace aigis::gateway
