#include "gateway/request_body.h"

#include <simdjson.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace aigis::gateway {
namespace {

using Json = nlohmann::json;
namespace dom = simdjson::dom;

// Parsers idle on this thread. A parser keeps buffers sized to the largest document it parsed;
// one that grew past kKeepParserBytes is freed instead of kept, so a rare large body does not pin
// its memory.
constexpr size_t kKeepParserBytes = 1 << 20;
constexpr size_t kMaxIdleParsers = 64;

std::vector<std::unique_ptr<dom::parser>>& IdleParsers() {
  thread_local std::vector<std::unique_ptr<dom::parser>> idle;
  return idle;
}

std::unique_ptr<dom::parser> TakeParser() {
  auto& idle = IdleParsers();
  if (idle.empty()) return std::make_unique<dom::parser>();
  auto p = std::move(idle.back());
  idle.pop_back();
  return p;
}

void GiveBackParser(std::unique_ptr<dom::parser> p) {
  auto& idle = IdleParsers();
  if (p && p->capacity() <= kKeepParserBytes && idle.size() < kMaxIdleParsers)
    idle.push_back(std::move(p));
}

// Keys of one object, checked for a repeated name (unescaped, as both parsers compare them).
bool HasDuplicateKey(dom::object obj, std::vector<std::string_view>* scratch) {
  scratch->clear();
  for (dom::key_value_pair kv : obj) scratch->push_back(kv.key);
  if (scratch->size() < 2) return false;
  if (scratch->size() <= 8) {  // the usual case: compare pairwise, no sort
    for (size_t i = 0; i < scratch->size(); ++i)
      for (size_t j = i + 1; j < scratch->size(); ++j)
        if ((*scratch)[i] == (*scratch)[j]) return true;
    return false;
  }
  std::sort(scratch->begin(), scratch->end());
  return std::adjacent_find(scratch->begin(), scratch->end()) != scratch->end();
}

// Typed views of an element whose type() was checked (no error is possible then).
dom::object AsObject(dom::element e) {
  dom::object o;
  if (e.get(o) != simdjson::SUCCESS) return {};
  return o;
}
dom::array AsArray(dom::element e) {
  dom::array a;
  if (e.get(a) != simdjson::SUCCESS) return {};
  return a;
}
std::string_view AsString(dom::element e) {
  std::string_view s;
  if (e.get(s) != simdjson::SUCCESS) return {};
  return s;
}

enum class Walk { kOk, kDuplicate, kTooDeep };

// One pass over the document: duplicate names, depth, and the string leaves (CollectText's rule)
// in document order. `key` is the member name a value sits under (array elements inherit it).
// kTooDeep past max_depth (the smaller of kFastMaxDepth and limits.max_depth): nlohmann then
// decides, and a value at walk depth d is at callback depth d there, so the two agree.
Walk WalkDom(dom::element e, std::string_view key, int depth, int max_depth,
             const JsonLimits& limits, std::vector<std::string_view>* leaves, bool* too_many,
             std::vector<std::string_view>* scratch) {
  if (depth > max_depth) return Walk::kTooDeep;
  switch (e.type()) {
    case dom::element_type::STRING: {
      std::string_view s = AsString(e);
      if (s.empty() || SkipsAsMetadata(key, s.size())) return Walk::kOk;
      if (leaves->size() >= limits.max_leaves) {
        *too_many = true;
        return Walk::kOk;
      }
      leaves->push_back(s);
      return Walk::kOk;
    }
    case dom::element_type::OBJECT: {
      dom::object obj = AsObject(e);
      if (HasDuplicateKey(obj, scratch)) return Walk::kDuplicate;
      for (dom::key_value_pair kv : obj)
        if (Walk w =
                WalkDom(kv.value, kv.key, depth + 1, max_depth, limits, leaves, too_many, scratch);
            w != Walk::kOk)
          return w;
      return Walk::kOk;
    }
    case dom::element_type::ARRAY:
      for (dom::element x : AsArray(e))
        if (Walk w = WalkDom(x, key, depth + 1, max_depth, limits, leaves, too_many, scratch);
            w != Walk::kOk)
          return w;
      return Walk::kOk;
    default:
      return Walk::kOk;
  }
}

// The same walk, building the nlohmann document with rewritten leaves (order as in WalkDom).
// Depth is bounded by kFastMaxDepth (checked by WalkDom before this runs).
Json ToJson(dom::element e, std::string_view key,
            const std::vector<std::optional<std::string>>& rewritten, size_t* leaf) {
  switch (e.type()) {
    case dom::element_type::STRING: {
      std::string_view s = AsString(e);
      if (s.empty() || SkipsAsMetadata(key, s.size())) return Json(std::string(s));
      size_t i = (*leaf)++;
      if (i < rewritten.size() && rewritten[i]) return Json(*rewritten[i]);
      return Json(std::string(s));
    }
    case dom::element_type::OBJECT: {
      Json o = Json::object();
      for (dom::key_value_pair kv : AsObject(e))
        o[std::string(kv.key)] = ToJson(kv.value, kv.key, rewritten, leaf);
      return o;
    }
    case dom::element_type::ARRAY: {
      Json a = Json::array();
      for (dom::element x : AsArray(e)) a.push_back(ToJson(x, key, rewritten, leaf));
      return a;
    }
    case dom::element_type::INT64:
      return Json(e.get_int64().value_unsafe());
    case dom::element_type::UINT64:
      return Json(e.get_uint64().value_unsafe());
    case dom::element_type::DOUBLE:
      return Json(e.get_double().value_unsafe());
    case dom::element_type::BOOL:
      return Json(e.get_bool().value_unsafe());
    case dom::element_type::NULL_VALUE:
      return Json(nullptr);
  }
  return Json(nullptr);
}

FieldValue FromNlohmann(const Json& doc, std::string_view key) {
  FieldValue f;
  auto it = doc.find(key);
  if (it == doc.end()) return f;
  if (it->is_null()) {
    f.kind = FieldKind::kNull;
  } else if (it->is_string()) {
    f.kind = FieldKind::kString;
    f.str = it->get_ref<const std::string&>();
  } else if (it->is_boolean()) {
    f.kind = FieldKind::kBool;
    f.boolean = it->get<bool>();
  } else if (it->is_number_unsigned()) {
    f.kind = FieldKind::kUnsigned;
    f.number = it->get<uint64_t>();
  } else {
    f.kind = FieldKind::kOther;
  }
  return f;
}

}  // namespace

Result<Json> ParseRequestJson(std::string_view body, const JsonLimits& limits) {
  // Keys arrive with depth d+1 for an object that started at depth d (nlohmann's callback), so
  // seen[d] holds the names of the object open at that depth.
  std::vector<std::set<std::string>> seen;
  bool duplicate = false;
  bool too_deep = false;
  Json::parser_callback_t cb = [&](int depth, Json::parse_event_t ev, Json& parsed) {
    if (depth > limits.max_depth) too_deep = true;
    if (too_deep) return false;
    if (ev == Json::parse_event_t::object_start) {
      if (seen.size() < static_cast<size_t>(depth) + 2) seen.resize(depth + 2);
      seen[depth + 1].clear();
    } else if (ev == Json::parse_event_t::key && static_cast<size_t>(depth) < seen.size()) {
      if (!seen[depth].insert(parsed.get<std::string>()).second) duplicate = true;
    }
    return true;
  };
  Json doc = Json::parse(body.begin(), body.end(), cb, /*allow_exceptions=*/false);
  if (too_deep) return Status::LimitExceeded("json: nesting deeper than max_depth");
  if (doc.is_discarded()) return Status::Malformed("json: not a valid JSON document");
  if (duplicate) return Status::Malformed("json: duplicate member name");
  return doc;
}

struct RequestBody::Impl {
  JsonLimits limits;
  DuplicateNames dup = DuplicateNames::kRefuse;
  std::string_view source;  // the body as parsed
  // simdjson path: the parser owns the document; leaves point into it.
  std::unique_ptr<dom::parser> parser;
  dom::element root_element;
  dom::object root;
  std::vector<std::string_view> leaves;
  bool too_many_leaves = false;
  // Reference path.
  Json doc;
  ~Impl() { GiveBackParser(std::move(parser)); }
};

RequestBody::RequestBody(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RequestBody::RequestBody(RequestBody&&) noexcept = default;
RequestBody& RequestBody::operator=(RequestBody&&) noexcept = default;
RequestBody::~RequestBody() = default;

namespace {
Result<Json> ReferenceParse(std::string_view body, const JsonLimits& limits, DuplicateNames dup) {
  return dup == DuplicateNames::kRefuse ? ParseRequestJson(body, limits)
                                        : ParseJsonBody(body, limits);
}
}  // namespace

Result<RequestBody> RequestBody::Parse(std::string& body, const JsonLimits& limits,
                                       DuplicateNames dup) {
  auto impl = std::make_unique<Impl>();
  impl->limits = limits;
  impl->dup = dup;
  // simdjson reads up to SIMDJSON_PADDING bytes past the end; with that much spare capacity it
  // parses the string in place instead of copying it.
  body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  impl->parser = TakeParser();
  impl->source = body;
  dom::element root;
  if (impl->parser->parse(body).get(root) == simdjson::SUCCESS) {
    // Valid JSON but not an object (nlohmann agrees on what is valid here).
    if (!root.is_object()) return Status::Malformed("json: not an object");
    // Kept per thread: growing a fresh one to an object's member count was ~3 mallocs per
    // document (two documents per proxied request). Not kept once a huge object grew it.
    thread_local std::vector<std::string_view> scratch;
    const int max_depth = std::min(kFastMaxDepth, limits.max_depth);
    impl->leaves.reserve(8);  // a chat request has a few texts: one allocation instead of ~3
    Walk w =
        WalkDom(root, {}, 0, max_depth, limits, &impl->leaves, &impl->too_many_leaves, &scratch);
    if (scratch.capacity() > 1024) scratch = {};
    if (w == Walk::kDuplicate && dup == DuplicateNames::kRefuse)
      return Status::Malformed("json: duplicate member name");
    if (w == Walk::kOk) {
      impl->root_element = root;
      impl->root = AsObject(root);
      return RequestBody(std::move(impl));
    }
  }
  // Reference path: anything simdjson refused, documents nested beyond kFastMaxDepth, and
  // duplicate names where they are not refused.
  GiveBackParser(std::move(impl->parser));
  impl->leaves.clear();
  impl->too_many_leaves = false;
  AIGIS_ASSIGN_OR_RETURN(impl->doc, ReferenceParse(body, limits, dup));
  if (!impl->doc.is_object()) return Status::Malformed("json: not an object");
  return RequestBody(std::move(impl));
}

bool RequestBody::fast() const { return impl_->parser != nullptr; }

FieldValue RequestBody::Get(std::string_view key) const {
  if (!fast()) return FromNlohmann(impl_->doc, key);
  FieldValue f;
  dom::element e;
  if (impl_->root.at_key(key).get(e) != simdjson::SUCCESS) return f;
  switch (e.type()) {
    case dom::element_type::NULL_VALUE:
      f.kind = FieldKind::kNull;
      break;
    case dom::element_type::STRING:
      f.kind = FieldKind::kString;
      f.str = AsString(e);
      break;
    case dom::element_type::BOOL:
      f.kind = FieldKind::kBool;
      f.boolean = e.get_bool().value_unsafe();
      break;
    case dom::element_type::UINT64:
      f.kind = FieldKind::kUnsigned;
      f.number = e.get_uint64().value_unsafe();
      break;
    case dom::element_type::INT64: {
      // simdjson reads "-0" as the integer 0, which nlohmann keeps signed (not an unsigned
      // number); the DOM cannot tell "0" from "-0", so a zero is decided from the text by the
      // reference parser. Positive values are the same number in both.
      int64_t v = e.get_int64().value_unsafe();
      if (v > 0) {
        f.kind = FieldKind::kUnsigned;
        f.number = static_cast<uint64_t>(v);
      } else if (v == 0) {
        auto ref = ReferenceParse(impl_->source, impl_->limits, impl_->dup);
        f = ref.ok() ? FromNlohmann(*ref, key) : FieldValue{FieldKind::kOther};
        if (f.kind == FieldKind::kUnsigned) f.number = 0;
        f.str = {};
      } else {
        f.kind = FieldKind::kOther;
      }
      break;
    }
    default:
      f.kind = FieldKind::kOther;
  }
  return f;
}

void RequestBody::ReadUsage(Usage* usage) const {
  if (!fast()) {
    gateway::ReadUsage(impl_->doc, usage);
    return;
  }
  // Same lookup as ReadUsage(json): "usage", else "message.usage", else "response.usage".
  dom::object u;
  bool found = false;
  for (std::string_view where : {"usage", "message", "response"}) {
    dom::element it;
    if (impl_->root.at_key(where).get(it) != simdjson::SUCCESS || !it.is_object()) continue;
    if (where == "usage") {
      u = AsObject(it);
      found = true;
    } else {
      dom::element in;
      if (AsObject(it).at_key("usage").get(in) == simdjson::SUCCESS && in.is_object()) {
        u = AsObject(in);
        found = true;
      }
    }
    if (found) break;
  }
  if (!found) return;
  // Non-negative integers only ("-0" and "0" both count as nothing).
  auto get = [&](std::string_view k) -> uint64_t {
    dom::element v;
    if (u.at_key(k).get(v) != simdjson::SUCCESS) return 0;
    uint64_t n = 0;
    if (v.type() == dom::element_type::UINT64 && v.get(n) == simdjson::SUCCESS) return n;
    int64_t i = 0;
    if (v.type() == dom::element_type::INT64 && v.get(i) == simdjson::SUCCESS && i > 0)
      return static_cast<uint64_t>(i);
    return 0;
  };
  uint64_t in = std::max(get("prompt_tokens"), get("input_tokens"));
  uint64_t out = std::max(get("completion_tokens"), get("output_tokens"));
  if (in) usage->input = std::max(usage->input, in);
  if (out) usage->output = std::max(usage->output, out);
}

Status RequestBody::Texts(std::vector<std::string_view>* out) const {
  out->clear();
  if (fast()) {
    if (impl_->too_many_leaves)
      return Status::LimitExceeded("json: more string values than max_leaves");
    *out = impl_->leaves;
    return Status::Ok();
  }
  std::vector<TextLeaf> leaves;
  AIGIS_RETURN_IF_ERROR(CollectText(impl_->doc, Api::kChatCompletions, impl_->limits, &leaves));
  for (const TextLeaf& l : leaves) out->push_back(l.node->get_ref<const std::string&>());
  return Status::Ok();
}

std::string RequestBody::Render(const std::vector<std::optional<std::string>>& rewritten,
                                const BodyEdits& edits) const {
  Json doc;
  if (fast()) {
    size_t leaf = 0;
    doc = ToJson(impl_->root_element, {}, rewritten, &leaf);
  } else {
    doc = impl_->doc;
    std::vector<TextLeaf> leaves;
    if (CollectText(doc, Api::kChatCompletions, impl_->limits, &leaves).ok())
      for (size_t i = 0; i < leaves.size() && i < rewritten.size(); ++i)
        if (rewritten[i]) *leaves[i].node = *rewritten[i];
  }
  if (edits.model) doc["model"] = *edits.model;
  if (edits.cap_key) doc[edits.cap_key] = edits.cap_value;
  return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace aigis::gateway
