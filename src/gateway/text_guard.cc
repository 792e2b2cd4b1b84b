#include "gateway/text_guard.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "gateway/request_body.h"

namespace aigis::gateway {
namespace {

using guard::Action;
using guard::Detection;
using Json = nlohmann::json;

// Keys whose values are identifiers or enums chosen by the API, not text anyone reads. They are
// skipped only while short; a long value is scanned like any text (a hostile upstream cannot hide
// an answer in "role").
bool IsMetadataKey(std::string_view k) {
  static const std::unordered_set<std::string_view> kKeys = {"model",
                                                             "role",
                                                             "type",
                                                             "id",
                                                             "object",
                                                             "created",
                                                             "finish_reason",
                                                             "stop_reason",
                                                             "system_fingerprint",
                                                             "item_id",
                                                             "call_id",
                                                             "tool_call_id",
                                                             "status",
                                                             "service_tier",
                                                             "encoding_format",
                                                             "embedding",
                                                             "logit_bias",
                                                             "anthropic_version",
                                                             "previous_response_id"};
  return kKeys.count(k) > 0;
}
constexpr size_t kMaxMetadataBytes = 128;
// Bytes a Vault placeholder ("[CREDIT_CARD_12]") can span; longer bracketed runs are not ones.
constexpr size_t kMaxPlaceholderBytes = 48;
// Detections kept per request for logs and metrics; the verdict counts all of them.
constexpr size_t kMaxKeptDetections = 256;

std::string IndexSuffix(const Json& obj) {
  std::string s;
  static const std::pair<const char*, char> kIdx[] = {
      {"index", 'i'}, {"output_index", 'o'}, {"content_index", 'c'}};
  for (const auto& [key, tag] : kIdx) {
    auto it = obj.find(key);
    if (it != obj.end() && it->is_number_integer()) {
      s += '#';
      s += tag;
      s += std::to_string(it->get<int64_t>());
    }
  }
  return s;
}

bool IsPlaceholderChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Placeholders of `restore` in text[from, upto) that end before `upto`. Returns where the search
// stopped (the start of a possible placeholder not yet complete, or upto).
uint64_t FindPlaceholders(std::string_view text, uint64_t from, uint64_t upto,
                          const guard::Vault& restore,
                          std::vector<std::pair<uint64_t, uint64_t>>* out,
                          std::vector<std::string>* originals) {
  uint64_t i = from;
  while (i < upto) {
    size_t open = text.find('[', i);
    if (open == std::string_view::npos || open >= upto) return upto;
    size_t j = open + 1;
    while (j < text.size() && j - open < kMaxPlaceholderBytes && IsPlaceholderChar(text[j])) ++j;
    if (j >= upto && j - open < kMaxPlaceholderBytes) return open;  // may still complete
    if (j < text.size() && text[j] == ']' && j > open + 1) {
      std::string_view cand = text.substr(open, j + 1 - open);
      std::string orig = restore.Restore(cand);
      if (orig != cand) {
        out->push_back({open, j + 1});
        originals->push_back(std::move(orig));
        i = j + 1;
        continue;
      }
    }
    i = open + 1;
  }
  return upto;
}

}  // namespace

bool SkipsAsMetadata(std::string_view key, size_t value_bytes) {
  return value_bytes <= kMaxMetadataBytes && IsMetadataKey(key);
}

std::string_view ApiName(Api api) {
  switch (api) {
    case Api::kChatCompletions:
      return "chat.completions";
    case Api::kCompletions:
      return "completions";
    case Api::kEmbeddings:
      return "embeddings";
    case Api::kResponses:
      return "responses";
    case Api::kMessages:
      return "messages";
  }
  return "unknown";
}

Result<Json> ParseJsonBody(std::string_view body, const JsonLimits& limits) {
  // nlohmann's parser is iterative (its own state stack); the callback only enforces depth.
  bool too_deep = false;
  Json::parser_callback_t cb = [&](int depth, Json::parse_event_t, Json&) {
    if (depth > limits.max_depth) too_deep = true;
    return !too_deep;
  };
  Json doc = Json::parse(body.begin(), body.end(), cb, /*allow_exceptions=*/false);
  if (too_deep) return Status::LimitExceeded("json: nesting deeper than max_depth");
  if (doc.is_discarded()) return Status::Malformed("json: not a valid JSON document");
  return doc;
}

Status CollectText(Json& doc, Api api, const JsonLimits& limits, std::vector<TextLeaf>* out) {
  struct Item {
    Json* node;
    std::string path;
    std::string_view key;
    bool delta;
    bool in_choices;
    int depth;
  };
  std::vector<Item> stack;
  stack.push_back({&doc, "", {}, false, false, 0});
  std::vector<Item> kids;
  while (!stack.empty()) {
    Item it = std::move(stack.back());
    stack.pop_back();
    if (it.depth > limits.max_depth)
      return Status::LimitExceeded("json: nesting deeper than max_depth");
    Json& n = *it.node;
    if (n.is_string()) {
      const std::string& s = n.get_ref<const std::string&>();
      if (s.empty()) continue;
      if (SkipsAsMetadata(it.key, s.size())) continue;
      if (out->size() >= limits.max_leaves)
        return Status::LimitExceeded("json: more string values than max_leaves");
      bool delta = it.delta || (api == Api::kCompletions && it.in_choices && it.key == "text");
      out->push_back({&n, it.path, delta});
    } else if (n.is_object()) {
      std::string base = it.path + IndexSuffix(n);
      kids.clear();
      for (auto kv = n.begin(); kv != n.end(); ++kv) {
        std::string_view k = kv.key();
        kids.push_back({&kv.value(), base + "/" + kv.key(), k, it.delta || k == "delta",
                        it.in_choices || k == "choices", it.depth + 1});
      }
      for (auto r = kids.rbegin(); r != kids.rend(); ++r) stack.push_back(std::move(*r));
    } else if (n.is_array()) {
      kids.clear();
      size_t pos = 0;
      for (Json& e : n) {
        std::string p = it.path + "/";
        // Streamed arrays (choices, tool_calls) carry their own "index"; positions are per chunk.
        auto idx = e.is_object() ? e.find("index") : e.end();
        if (e.is_object() && idx != e.end() && idx->is_number_integer()) {
          p += 'i';  // appended apart: g++ 12 warns falsely on "i" + std::string&& (-Wrestrict)
          p += std::to_string(idx->get<int64_t>());
        } else {
          p += std::to_string(pos);
        }
        kids.push_back({&e, std::move(p), it.key, it.delta, it.in_choices, it.depth + 1});
        ++pos;
      }
      for (auto r = kids.rbegin(); r != kids.rend(); ++r) stack.push_back(std::move(*r));
    }
  }
  return Status::Ok();
}

void GuardSummary::Add(Detection d, Action a) {
  if (a > verdict) verdict = a;
  if (detections.size() < kMaxKeptDetections) {
    detections.push_back(std::move(d));
    actions.push_back(a);
  }
}

std::string RenderRange(std::string_view text, uint64_t a, uint64_t b,
                        const std::vector<RenderSpan>& spans) {
  std::string out;
  uint64_t pos = a;
  for (const RenderSpan& s : spans) {
    if (s.end <= a || s.start >= b) continue;
    if (s.start >= pos) {
      out.append(text.substr(pos, s.start - pos));
      out.append(s.replacement);
    }
    pos = std::max(pos, std::min<uint64_t>(s.end, b));
  }
  if (pos < b) out.append(text.substr(pos, b - pos));
  return out;
}

GuardSummary GuardTexts(guard::GuardScanner& scanner, const std::vector<std::string_view>& texts,
                        guard::Vault* vault, const guard::Vault* restore,
                        std::vector<std::optional<std::string>>* rewritten) {
  GuardSummary sum;
  rewritten->clear();
  if (texts.empty()) return sum;
  std::string text;
  std::vector<uint64_t> offs;
  size_t total = 0;
  for (std::string_view t : texts) total += t.size() + 2;
  text.reserve(total);
  for (std::string_view t : texts) {
    if (!text.empty()) text += "\n\n";
    offs.push_back(text.size());
    text += t;
  }
  guard::GuardResult r = scanner.Scan(text, nullptr);
  const guard::GuardPolicy& policy = scanner.engine().policy();
  std::vector<const Detection*> redact;
  for (size_t i = 0; i < r.detections.size(); ++i) {
    if (r.actions[i] == Action::kRedact) redact.push_back(&r.detections[i]);
    sum.Add(r.detections[i], r.actions[i]);
  }
  if (sum.verdict == Action::kBlock) return sum;
  guard::Vault local;  // numbering for placeholders when no vault records them
  guard::Vault* v = (vault && policy.vault) ? vault : &local;
  bool restoring = restore && restore->size() > 0;
  if (redact.empty() && !restoring) return sum;
  for (size_t li = 0; li < texts.size(); ++li) {
    std::string_view s = texts[li];
    uint64_t lo = offs[li], hi = lo + s.size();
    std::vector<std::string> repl;
    std::vector<std::pair<uint64_t, uint64_t>> ranges;
    for (const Detection* d : redact) {
      if (d->end <= lo || d->start >= hi) continue;
      uint64_t a = std::max(d->start, lo) - lo, b = std::min(d->end, hi) - lo;
      if (!ranges.empty() && a < ranges.back().second) {  // overlapping: merge into the previous
        ranges.back().second = std::max(ranges.back().second, b);
        continue;
      }
      ranges.push_back({a, b});
      repl.push_back(v->PlaceholderFor(guard::EntityOf(*d), std::string_view(s).substr(a, b - a)));
    }
    if (restoring) {
      std::vector<std::pair<uint64_t, uint64_t>> ph;
      std::vector<std::string> orig;
      FindPlaceholders(s, 0, s.size(), *restore, &ph, &orig);
      for (size_t k = 0; k < ph.size(); ++k) {
        bool overlaps = false;
        for (const auto& rg : ranges)
          overlaps |= ph[k].first < rg.second && rg.first < ph[k].second;
        if (overlaps) continue;
        ranges.push_back(ph[k]);
        repl.push_back(std::move(orig[k]));
      }
    }
    if (ranges.empty()) continue;
    std::vector<size_t> order(ranges.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(),
              [&](size_t x, size_t y) { return ranges[x] < ranges[y]; });
    std::vector<RenderSpan> spans;
    for (size_t k : order) spans.push_back({ranges[k].first, ranges[k].second, repl[k]});
    rewritten->resize(texts.size());
    (*rewritten)[li] = RenderRange(s, 0, s.size(), spans);
    sum.modified = true;
  }
  return sum;
}

GuardSummary GuardDocument(guard::GuardScanner& scanner, std::vector<TextLeaf>& leaves,
                           guard::Vault* vault, const guard::Vault* restore) {
  std::vector<std::string_view> texts;
  texts.reserve(leaves.size());
  for (const TextLeaf& l : leaves) texts.push_back(l.node->get_ref<const std::string&>());
  std::vector<std::optional<std::string>> rewritten;
  GuardSummary sum = GuardTexts(scanner, texts, vault, restore, &rewritten);
  for (size_t i = 0; i < rewritten.size(); ++i)
    if (rewritten[i]) *leaves[i].node = std::move(*rewritten[i]);
  return sum;
}

std::optional<std::string> RedactForAudit(guard::GuardScanner& scanner, std::string text) {
  Json node = std::move(text);
  std::vector<TextLeaf> leaves{TextLeaf{&node, "", false}};
  GuardSummary gs = GuardDocument(scanner, leaves, nullptr, nullptr);
  if (gs.verdict == guard::Action::kBlock) return std::nullopt;
  return node.get<std::string>();
}

void ReadUsage(const Json& doc, Usage* usage) {
  const Json* u = nullptr;
  if (!doc.is_object()) return;
  for (const char* where : {"usage", "message", "response"}) {
    auto it = doc.find(where);
    if (it == doc.end() || !it->is_object()) continue;
    if (std::string_view(where) == "usage") {
      u = &*it;
    } else {
      auto in = it->find("usage");
      if (in != it->end() && in->is_object()) u = &*in;
    }
    if (u) break;
  }
  if (!u) return;
  auto get = [&](const char* k) -> uint64_t {
    auto it = u->find(k);
    return (it != u->end() && it->is_number_unsigned()) ? it->get<uint64_t>() : 0;
  };
  uint64_t in = std::max(get("prompt_tokens"), get("input_tokens"));
  uint64_t out = std::max(get("completion_tokens"), get("output_tokens"));
  if (in) usage->input = std::max(usage->input, in);
  if (out) usage->output = std::max(usage->output, out);
}

struct StreamGuard::Held {
  SseEvent ev;
  std::unique_ptr<Json> doc;
  std::vector<DeltaRef> refs;
  bool modified = false;
};

StreamGuard::StreamGuard(guard::GuardScanner* scanner, Api api, const guard::Vault* restore,
                         StreamLimits limits)
    : scanner_(scanner), api_(api), restore_(restore), limits_(limits), sse_(limits.sse) {}

StreamGuard::~StreamGuard() = default;

Status StreamGuard::Feed(std::string_view bytes, std::string* ready) {
  if (blocked_) return Status::InvalidArgument("stream: blocked");
  std::vector<SseEvent> events;
  AIGIS_RETURN_IF_ERROR(sse_.Feed(bytes, &events));
  for (SseEvent& e : events) AIGIS_RETURN_IF_ERROR(OnEvent(std::move(e)));
  Release(ready);
  return Status::Ok();
}

Status StreamGuard::Finish(std::string* ready) {
  if (blocked_) return Status::InvalidArgument("stream: blocked");
  AIGIS_RETURN_IF_ERROR(sse_.Finish());
  for (auto& [name, ch] : channels_) {
    std::vector<Detection> dets;
    Status st = ch.stream->Finish(&dets);
    AIGIS_RETURN_IF_ERROR(OnDetections(ch, dets));
    if (!st.ok() && st.code() != StatusCode::kLimitExceeded) return st;
  }
  finished_ = true;
  Release(ready);
  if (!held_.empty()) return Status::Internal("stream: events left after the end");
  return Status::Ok();
}

Status StreamGuard::OnEvent(SseEvent ev) {
  auto held = std::make_unique<Held>();
  if (ev.data == "[DONE]") {  // OpenAI's end marker: not JSON, carries no text
    held->ev = std::move(ev);
    held_.push_back(std::move(held));
    return Status::Ok();
  }
  // Duplicate names refused (request_body.h): an unmodified event is forwarded as received, so a
  // second value the guard never scanned would reach the client.
  AIGIS_ASSIGN_OR_RETURN(Json doc, ParseRequestJson(ev.data, limits_.json));
  held->doc = std::make_unique<Json>(std::move(doc));
  held->ev = std::move(ev);
  ReadUsage(*held->doc, &usage_);
  std::vector<TextLeaf> leaves, snaps;
  AIGIS_RETURN_IF_ERROR(CollectText(*held->doc, api_, limits_.json, &leaves));
  for (TextLeaf& l : leaves) {
    if (!l.delta) {
      snaps.push_back(l);
      continue;
    }
    auto it = channels_.find(l.channel);
    if (it == channels_.end()) {
      if (channels_.size() >= limits_.max_channels)
        return Status::LimitExceeded("stream: more channels than max_channels");
      it = channels_.emplace(l.channel, Channel{}).first;
      it->second.stream = std::make_unique<guard::GuardStream>(scanner_);
    }
    Channel& ch = it->second;
    const std::string& s = l.node->get_ref<const std::string&>();
    if (ch.text.size() + s.size() > limits_.max_channel_bytes)
      return Status::LimitExceeded("stream: answer longer than max_channel_bytes");
    uint64_t a = ch.text.size();
    ch.text += s;
    text_bytes_ += s.size();
    held->refs.push_back({&ch, a, ch.text.size(), l.node});
    std::vector<Detection> dets;
    Status st = ch.stream->Feed(s, &dets);
    AIGIS_RETURN_IF_ERROR(OnDetections(ch, dets));
    if (!st.ok() && st.code() != StatusCode::kLimitExceeded) return st;
  }
  if (!snaps.empty()) {
    // Whole texts inside events ("response.completed", "content_block_start"): scanned at once.
    GuardSummary s = GuardDocument(*scanner_, snaps, nullptr, restore_);
    for (size_t i = 0; i < s.detections.size(); ++i) summary_.Add(s.detections[i], s.actions[i]);
    if (s.verdict == Action::kBlock) {
      blocked_ = true;
      return Status::InvalidArgument("stream: answer blocked by the guard");
    }
    held->modified = s.modified;
  }
  held_.push_back(std::move(held));
  return Status::Ok();
}

Status StreamGuard::OnDetections(Channel& ch, std::vector<Detection>& dets) {
  const guard::GuardPolicy& policy = scanner_->engine().policy();
  for (Detection& d : dets) {
    Action a = policy.ActionFor(d);
    if (a == Action::kRedact && d.end <= ch.text.size() && d.start < d.end) {
      std::string entity = guard::EntityOf(d);
      std::string ph = "[" + entity + "_" + std::to_string(++ch.counters[entity]) + "]";
      // Detections come in end order; a span starts at or after the release point (hold-back).
      auto pos = std::lower_bound(ch.spans.begin(), ch.spans.end(), d.start,
                                  [](const Span& s, uint64_t v) { return s.start < v; });
      if (pos != ch.spans.begin() && std::prev(pos)->end > d.start) {
        std::prev(pos)->end = std::max(std::prev(pos)->end, d.end);
      } else {
        ch.spans.insert(pos, Span{d.start, d.end, std::move(ph)});
      }
    }
    summary_.Add(std::move(d), a);
    if (a == Action::kBlock) {
      blocked_ = true;
      return Status::InvalidArgument("stream: answer blocked by the guard");
    }
  }
  return Status::Ok();
}

uint64_t StreamGuard::Safe(Channel& ch) const {
  if (finished_) return ch.text.size();
  uint64_t st = ch.stream->scanned_through();
  uint64_t h = scanner_->engine().policy().limits.stream_holdback;
  return st > h ? st - h : 0;
}

void StreamGuard::Discover(Channel& ch, uint64_t upto) {
  if (!restore_ || restore_->size() == 0 || upto <= ch.placeholder_pos) return;
  std::vector<std::pair<uint64_t, uint64_t>> ph;
  std::vector<std::string> orig;
  ch.placeholder_pos = FindPlaceholders(ch.text, ch.placeholder_pos, upto, *restore_, &ph, &orig);
  for (size_t k = 0; k < ph.size(); ++k) {
    auto pos = std::lower_bound(ch.spans.begin(), ch.spans.end(), ph[k].first,
                                [](const Span& s, uint64_t v) { return s.start < v; });
    bool overlaps = (pos != ch.spans.end() && pos->start < ph[k].second) ||
                    (pos != ch.spans.begin() && std::prev(pos)->end > ph[k].first);
    if (!overlaps) ch.spans.insert(pos, Span{ph[k].first, ph[k].second, std::move(orig[k])});
  }
}

void StreamGuard::Release(std::string* ready) {
  std::map<Channel*, uint64_t> safe;
  for (auto& [name, ch] : channels_) {
    uint64_t s = Safe(ch);
    Discover(ch, s);
    // A placeholder still being completed holds back everything from its '['.
    bool restoring = restore_ && restore_->size() > 0;
    safe[&ch] = (finished_ || !restoring) ? s : std::min(s, ch.placeholder_pos);
  }
  while (!held_.empty()) {
    Held& h = *held_.front();
    for (const DeltaRef& r : h.refs)
      if (safe[r.ch] < r.b) return;
    for (const DeltaRef& r : h.refs) {
      if (r.ch->spans.empty()) continue;
      std::vector<RenderSpan> spans;
      for (const Span& s : r.ch->spans) {
        if (s.start >= r.b) break;
        if (s.end > r.a) spans.push_back({s.start, s.end, s.replacement});
      }
      if (spans.empty()) continue;
      *r.node = RenderRange(r.ch->text, r.a, r.b, spans);
      h.modified = true;
    }
    if (transcript_) {
      for (const DeltaRef& r : h.refs) {
        const std::string& t = r.node->get_ref<const std::string&>();
        size_t room =
            transcript_max_ > transcript_->size() ? transcript_max_ - transcript_->size() : 0;
        if (room == 0) break;
        transcript_->append(Utf8Prefix(t, room));  // stays valid text
      }
    }
    if (h.modified) {
      *ready +=
          FormatSseEvent(h.ev.event, h.doc->dump(-1, ' ', false, Json::error_handler_t::replace));
    } else {
      *ready += FormatSseEvent(h.ev.event, h.ev.data);
    }
    held_.pop_front();
  }
}

}  // namespace aigis::gateway
