#include "audit/audit_record.h"

#include <openssl/evp.h>

#include <nlohmann/json.hpp>

namespace aigis::audit {

namespace {

using nlohmann::json;

constexpr int kFormatVersion = 1;

// JSON nesting depth without parsing, so the parser never sees input deeper than the limit (the
// parser recurses when destroying values; STYLE rule 6).
bool DepthWithin(std::string_view s, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return false;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return true;
}

Status GetString(const json& j, const char* key, bool required, size_t max_len, std::string* out) {
  auto it = j.find(key);
  if (it == j.end()) {
    if (required) return Status::Malformed(std::string("audit record: missing \"") + key + "\"");
    return Status::Ok();
  }
  if (!it->is_string())
    return Status::Malformed(std::string("audit record: \"") + key + "\" is not a string");
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max_len)
    return Status::LimitExceeded(std::string("audit record: \"") + key + "\" longer than limit");
  *out = s;
  return Status::Ok();
}

Status GetInt(const json& j, const char* key, bool required, int64_t* out) {
  auto it = j.find(key);
  if (it == j.end()) {
    if (required) return Status::Malformed(std::string("audit record: missing \"") + key + "\"");
    return Status::Ok();
  }
  if (!it->is_number_integer())
    return Status::Malformed(std::string("audit record: \"") + key + "\" is not an integer");
  *out = it->get<int64_t>();
  return Status::Ok();
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // SHA-256 through the default provider cannot fail for in-memory input.
  AIGIS_CHECK(EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) == 1);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(len * 2, '0');
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = kHex[md[i] >> 4];
    out[2 * i + 1] = kHex[md[i] & 15];
  }
  return out;
}

std::string CategoriesColumn(const AuditRecord& r) {
  std::string out = ",";
  for (const auto& d : r.detections) {
    if (d.category.empty()) continue;
    std::string needle = "," + d.category + ",";
    if (out.find(needle) == std::string::npos) out += d.category + ",";
  }
  return out;
}

std::string CanonicalBody(const AuditRecord& r, int64_t seq, std::string_view prev_hash) {
  // nlohmann::json objects are std::map-backed: keys come out sorted, which is the canonical order.
  json j = json::object();
  j["v"] = kFormatVersion;
  j["seq"] = seq;
  j["prev"] = std::string(prev_hash);
  j["time_ms"] = r.time_ms;
  j["kind"] = r.kind;
  j["request_id"] = r.request_id;
  j["client"] = r.client_key_id;
  j["model"] = r.model;
  j["route"] = r.route;
  j["verdict"] = r.verdict;
  json dets = json::array();
  for (const auto& d : r.detections)
    dets.push_back({{"rule", d.rule}, {"category", d.category}, {"severity", d.severity}});
  j["detections"] = std::move(dets);
  j["tokens"] = {{"prompt", r.prompt_tokens}, {"completion", r.completion_tokens}};
  j["latency_ms"] = r.latency_ms;
  j["upstream_status"] = r.upstream_status;
  if (r.prompt) j["prompt"] = *r.prompt;
  if (r.response) j["response"] = *r.response;
  if (!r.note.empty()) j["note"] = r.note;
  return j.dump(-1, ' ', /*ensure_ascii=*/true, json::error_handler_t::replace);
}

StoredRecord ChainRecord(const AuditRecord& r, int64_t seq, std::string_view prev_hash) {
  StoredRecord s;
  s.seq = seq;
  s.prev_hash = std::string(prev_hash);
  s.body = CanonicalBody(r, seq, prev_hash);
  s.hash = Sha256Hex(s.body);
  s.time_ms = r.time_ms;
  s.kind = r.kind;
  s.request_id = r.request_id;
  s.client_key_id = r.client_key_id;
  s.model = r.model;
  s.route = r.route;
  s.verdict = r.verdict;
  s.categories = CategoriesColumn(r);
  return s;
}

Result<ParsedBody> ParseBody(std::string_view body, const RecordLimits& limits) {
  if (body.size() > limits.max_body_bytes)
    return Status::LimitExceeded("audit record: body of " + std::to_string(body.size()) +
                                 " bytes exceeds limit");
  if (!DepthWithin(body, limits.max_depth))
    return Status::LimitExceeded("audit record: JSON nested deeper than limit");
  json j = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::Malformed("audit record: body is not valid JSON");
  if (!j.is_object()) return Status::Malformed("audit record: body is not a JSON object");
  int64_t version = 0;
  AIGIS_RETURN_IF_ERROR(GetInt(j, "v", true, &version));
  if (version != kFormatVersion)
    return Status::Unsupported("audit record: format version " + std::to_string(version));
  ParsedBody out;
  AuditRecord& r = out.record;
  const size_t m = limits.max_string_bytes;
  AIGIS_RETURN_IF_ERROR(GetInt(j, "seq", true, &out.seq));
  AIGIS_RETURN_IF_ERROR(GetString(j, "prev", true, 64, &out.prev_hash));
  AIGIS_RETURN_IF_ERROR(GetInt(j, "time_ms", true, &r.time_ms));
  AIGIS_RETURN_IF_ERROR(GetString(j, "kind", true, m, &r.kind));
  AIGIS_RETURN_IF_ERROR(GetString(j, "request_id", true, m, &r.request_id));
  AIGIS_RETURN_IF_ERROR(GetString(j, "client", true, m, &r.client_key_id));
  AIGIS_RETURN_IF_ERROR(GetString(j, "model", true, m, &r.model));
  AIGIS_RETURN_IF_ERROR(GetString(j, "route", true, m, &r.route));
  AIGIS_RETURN_IF_ERROR(GetString(j, "verdict", true, m, &r.verdict));
  AIGIS_RETURN_IF_ERROR(GetInt(j, "latency_ms", false, &r.latency_ms));
  int64_t upstream = 0;
  AIGIS_RETURN_IF_ERROR(GetInt(j, "upstream_status", false, &upstream));
  if (upstream < 0 || upstream > 999)
    return Status::Malformed("audit record: upstream_status out of range");
  r.upstream_status = static_cast<int32_t>(upstream);
  if (auto t = j.find("tokens"); t != j.end()) {
    if (!t->is_object()) return Status::Malformed("audit record: \"tokens\" is not an object");
    AIGIS_RETURN_IF_ERROR(GetInt(*t, "prompt", false, &r.prompt_tokens));
    AIGIS_RETURN_IF_ERROR(GetInt(*t, "completion", false, &r.completion_tokens));
  }
  if (auto d = j.find("detections"); d != j.end()) {
    if (!d->is_array()) return Status::Malformed("audit record: \"detections\" is not an array");
    if (d->size() > limits.max_detections)
      return Status::LimitExceeded("audit record: more detections than limit");
    for (const auto& e : *d) {
      if (!e.is_object()) return Status::Malformed("audit record: detection is not an object");
      Detection det;
      AIGIS_RETURN_IF_ERROR(GetString(e, "rule", true, m, &det.rule));
      AIGIS_RETURN_IF_ERROR(GetString(e, "category", false, m, &det.category));
      AIGIS_RETURN_IF_ERROR(GetString(e, "severity", false, m, &det.severity));
      r.detections.push_back(std::move(det));
    }
  }
  std::string s;
  if (j.contains("prompt")) {
    AIGIS_RETURN_IF_ERROR(GetString(j, "prompt", true, m, &s));
    r.prompt = s;
  }
  if (j.contains("response")) {
    AIGIS_RETURN_IF_ERROR(GetString(j, "response", true, m, &s));
    r.response = s;
  }
  AIGIS_RETURN_IF_ERROR(GetString(j, "note", false, m, &r.note));
  return out;
}

}  // namespace aigis::audit
