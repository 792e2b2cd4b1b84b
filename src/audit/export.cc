#include "audit/export.h"

#include <ctime>
#include <nlohmann/json.hpp>

namespace aigis::audit {

namespace {

using nlohmann::json;

const char* OcsfSeverityName(int id) {
  switch (id) {
    case 1:
      return "Informational";
    case 2:
      return "Low";
    case 3:
      return "Medium";
    case 4:
      return "High";
    case 5:
      return "Critical";
    default:
      return "Unknown";
  }
}

// CEF severity 0-10: Low 0-3, Medium 4-6, High 7-8, Very-High 9-10.
int CefSeverity(int ocsf) {
  switch (ocsf) {
    case 1:
      return 1;
    case 3:
      return 5;
    case 4:
      return 8;
    default:
      return 0;
  }
}

bool Blocked(const AuditRecord& r) { return r.verdict == "block" || r.verdict == "deny"; }

std::string Title(const AuditRecord& r) {
  if (r.kind == "alert") return "aigis alert: " + r.verdict;
  if (r.detections.empty()) return "LLM request " + r.verdict;
  return "LLM request " + r.verdict + ": " + r.detections.front().rule;
}

std::string SyslogTime(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  // RFC 3164 TIMESTAMP: "Mmm dd hh:mm:ss" with the day space-padded.
  std::strftime(buf, sizeof(buf), "%b %e %H:%M:%S", &tm);
  return buf;
}

}  // namespace

int OcsfSeverityId(const AuditRecord& r) {
  int sev = 1;
  for (const auto& d : r.detections) {
    if (d.severity == "malicious")
      sev = std::max(sev, 4);
    else if (d.severity == "suspicious")
      sev = std::max(sev, 3);
  }
  if (r.kind == "alert") sev = std::max(sev, 3);
  return sev;
}

std::string CefEscapeHeader(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '|') out += '\\';
    out += (static_cast<unsigned char>(c) < 0x20) ? ' ' : c;
  }
  return out;
}

std::string CefEscapeExtension(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '=') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::string> ToOcsf(const StoredRecord& row, const ExportOptions& opts) {
  AIGIS_ASSIGN_OR_RETURN(ParsedBody p, ParseBody(row.body));
  const AuditRecord& r = p.record;
  int sev = OcsfSeverityId(r);
  json ev = json::object();
  ev["activity_id"] = 1;
  ev["activity_name"] = "Create";
  ev["category_uid"] = 2;
  ev["category_name"] = "Findings";
  ev["class_uid"] = 2004;
  ev["class_name"] = "Detection Finding";
  ev["type_uid"] = 200401;  // class_uid * 100 + activity_id
  ev["type_name"] = "Detection Finding: Create";
  ev["time"] = r.time_ms;
  ev["severity_id"] = sev;
  ev["severity"] = OcsfSeverityName(sev);
  ev["status_id"] = 1;
  ev["status"] = "New";
  ev["is_alert"] = Blocked(r) || r.kind == "alert" || sev >= 3;
  ev["message"] = Title(r);
  ev["metadata"] = {
      {"version", "1.8.0"},
      {"product", {{"name", "aigis"}, {"vendor_name", "aigis"}, {"version", opts.product_version}}},
      {"uid", row.hash},
      {"sequence", row.seq},
      {"correlation_uid", r.request_id},
      {"log_name", "aigis-audit"}};
  json types = json::array();
  json evidences = json::array();
  for (const auto& d : r.detections) {
    if (!d.category.empty() && std::find(types.begin(), types.end(), d.category) == types.end())
      types.push_back(d.category);
    evidences.push_back(
        {{"data", {{"rule", d.rule}, {"category", d.category}, {"severity", d.severity}}}});
  }
  json info = {
      {"uid", "aigis-audit-" + std::to_string(row.seq)}, {"title", Title(r)}, {"types", types}};
  if (!r.detections.empty())
    info["analytic"] = {{"uid", r.detections.front().rule},
                        {"name", r.detections.front().rule},
                        {"type_id", 1},
                        {"type", "Rule"}};
  if (!r.note.empty()) info["desc"] = r.note;
  ev["finding_info"] = std::move(info);
  if (!evidences.empty()) ev["evidences"] = std::move(evidences);
  ev["actor"] = {{"user", {{"uid", r.client_key_id}}}};
  ev["unmapped"] = {{"model", r.model},
                    {"route", r.route},
                    {"verdict", r.verdict},
                    {"kind", r.kind},
                    {"prompt_tokens", r.prompt_tokens},
                    {"completion_tokens", r.completion_tokens},
                    {"latency_ms", r.latency_ms},
                    {"upstream_status", r.upstream_status},
                    {"record_prev_hash", p.prev_hash}};
  return ev.dump(-1, ' ', true, json::error_handler_t::replace);
}

Result<std::string> ToCef(const StoredRecord& row, const ExportOptions& opts) {
  AIGIS_ASSIGN_OR_RETURN(ParsedBody p, ParseBody(row.body));
  const AuditRecord& r = p.record;
  int sev = CefSeverity(OcsfSeverityId(r));
  std::string sig = r.detections.empty() ? "aigis.audit." + r.verdict : r.detections.front().rule;
  std::string cats;
  for (const auto& d : r.detections) {
    if (d.category.empty() || ("," + cats + ",").find("," + d.category + ",") != std::string::npos)
      continue;
    if (!cats.empty()) cats += ",";
    cats += d.category;
  }
  // <134> = facility local0 (16), severity informational (6).
  std::string line = "<134>" + SyslogTime(r.time_ms) + " " +
                     (opts.hostname.empty() ? std::string("-") : opts.hostname) +
                     " CEF:0|aigis|aigis|" + CefEscapeHeader(opts.product_version) + "|" +
                     CefEscapeHeader(sig) + "|" + CefEscapeHeader(Title(r)) + "|" +
                     std::to_string(sev) + "|";
  std::vector<std::pair<std::string, std::string>> ext = {
      {"rt", std::to_string(r.time_ms)},
      {"externalId", r.request_id},
      {"suser", r.client_key_id},
      {"request", r.route},
      {"act", r.verdict},
      {"cat", cats},
      {"cs1Label", "model"},
      {"cs1", r.model},
      {"cs2Label", "recordHash"},
      {"cs2", row.hash},
      {"cn1Label", "auditSeq"},
      {"cn1", std::to_string(row.seq)},
      {"cn2Label", "promptTokens"},
      {"cn2", std::to_string(r.prompt_tokens)},
      {"cn3Label", "completionTokens"},
      {"cn3", std::to_string(r.completion_tokens)},
  };
  if (r.upstream_status) ext.emplace_back("outcome", std::to_string(r.upstream_status));
  if (!r.note.empty()) ext.emplace_back("msg", r.note);
  bool first = true;
  for (const auto& [k, v] : ext) {
    if (v.empty()) continue;
    if (!first) line += ' ';
    first = false;
    line += k + "=" + CefEscapeExtension(v);
  }
  return line;
}

}  // namespace aigis::audit
