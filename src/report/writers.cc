#include "report/writers.h"

#include <cinttypes>
#include <cstdio>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "report/rule_catalog.h"

namespace aigis::report {

namespace {

using nlohmann::json;

std::string Hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
  return buf;
}

std::string HumanBytes(uint64_t n) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(n);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

const char* VerdictColor(Verdict v) {
  switch (v) {
    case Verdict::kMalicious:
      return "\x1b[1;31m";
    case Verdict::kSuspicious:
      return "\x1b[1;33m";
    case Verdict::kError:
      return "\x1b[1;35m";
    case Verdict::kUnsupported:
      return "\x1b[2m";
    case Verdict::kClean:
      return "\x1b[32m";
  }
  return "";
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Replaces control characters so that hostile names cannot rewrite the terminal.
std::string Printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// RFC 3986 percent-encoding for artifact URIs: keep unreserved characters and '/'.
std::string UriEncode(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

json FindingJson(const Finding& f) {
  json j = {{"rule", f.rule},
            {"severity", std::string(SeverityName(f.severity))},
            {"message", f.message},
            {"member", f.location.member}};
  if (f.location.has_offset) {
    j["offset"] = f.location.offset;
  } else {
    j["offset"] = nullptr;
  }
  if (f.location.end > f.location.offset) j["end"] = f.location.end;
  if (!f.evidence.empty()) j["evidence"] = f.evidence;
  if (!f.category.empty()) j["category"] = f.category;
  return j;
}

// Writes `j` as nlohmann's dump(2) would inside a document at `depth` levels of nesting: the
// writers stream a report's large arrays element by element, each a small document of its own,
// instead of building one tree of the whole report and one string of all of it (for 1,000 small
// checkpoints those were ~1,150 of the JSON scan's 1,927 page faults). Safe to indent line by
// line: dump() escapes every newline inside strings.
void DumpAt(const json& j, int depth, Out& out) {
  const std::string s = j.dump(2, ' ', false, json::error_handler_t::replace);
  std::string pad(static_cast<size_t>(2 * depth) + 1, ' ');
  pad[0] = '\n';
  const std::string_view v = s;
  size_t from = 0;
  for (size_t nl = v.find('\n'); nl != std::string::npos; nl = v.find('\n', from)) {
    out << v.substr(from, nl - from) << pad;
    from = nl + 1;
  }
  out << v.substr(from);
}

// Streams a JSON array at `depth` (its elements at depth + 1) from a producer that calls
// `emit(json)` once per element, formatted exactly as dump(2) formats an array.
template <typename Producer>
void StreamArray(int depth, Out& out, Producer&& produce) {
  const std::string pad(static_cast<size_t>(2 * (depth + 1)), ' ');
  bool first = true;
  produce([&](const json& e) {
    out << (first ? "[\n" : ",\n") << pad;
    first = false;
    DumpAt(e, depth + 1, out);
  });
  if (first) {
    out << "[]";
  } else {
    out << "\n" << std::string(static_cast<size_t>(2 * depth), ' ') << "]";
  }
}

}  // namespace

bool Out::Flush() {
  if (!buf_.empty()) {
    if (ok_ && !sink_(buf_)) ok_ = false;
    buf_.clear();
  }
  return ok_;
}

Out::Sink Out::ToFile(std::FILE* f) {
  return [f](std::string_view s) { return std::fwrite(s.data(), 1, s.size(), f) == s.size(); };
}

void WriteText(const ScanReport& r, const WriterOptions& o, Out& out) {
  const char* reset = o.color ? "\x1b[0m" : "";
  for (const auto& f : r.files) {
    // Not-analysed text files (READMEs, code) are counted in the summary; binary content that
    // nothing understood is listed, since that is where something could hide.
    bool quiet_unsupported = f.verdict == Verdict::kUnsupported &&
                             (f.format == "text" || f.format == "json" || f.format == "empty");
    bool show = o.verbose || (f.verdict != Verdict::kClean && !quiet_unsupported) ||
                (o.list_clean_at && f.HasFindingAtOrAbove(*o.list_clean_at));
    if (!show) continue;
    out << (o.color ? VerdictColor(f.verdict) : "") << Upper(VerdictName(f.verdict)) << reset
        << "  " << Printable(f.path) << "  (" << (f.format.empty() ? "unknown" : f.format) << ")\n";
    if (!f.error.empty()) out << "    error: " << Printable(f.error) << "\n";
    for (const auto& x : f.findings) {
      if (x.severity < o.min_severity && !o.verbose) continue;
      out << "    " << SeverityName(x.severity) << "  " << x.rule;
      if (!x.location.member.empty() || x.location.has_offset) {
        out << "  [";
        if (!x.location.member.empty()) out << Printable(x.location.member);
        if (x.location.has_offset)
          out << (x.location.member.empty() ? "" : " ") << "@" << Hex(x.location.offset);
        out << "]";
      }
      out << "\n      " << Printable(x.message);
      if (!x.evidence.empty()) out << "  {" << Printable(x.evidence) << "}";
      out << "\n";
    }
  }
  out << "Summary: " << r.files.size() << (r.files.size() == 1 ? " file" : " files") << ": "
      << r.CountVerdict(Verdict::kMalicious) << " malicious, "
      << r.CountVerdict(Verdict::kSuspicious) << " suspicious, " << r.CountVerdict(Verdict::kClean)
      << " clean, " << r.CountVerdict(Verdict::kUnsupported) << " not analysed, "
      << r.CountVerdict(Verdict::kError) << " errors; examined " << HumanBytes(r.bytes_examined)
      << " of " << HumanBytes(r.bytes_total);
  char buf[32];
  std::snprintf(buf, sizeof buf, " in %.3f s\n", r.elapsed_seconds);
  out << buf;
  for (const auto& e : r.errors) out << "error: " << Printable(e) << "\n";
}

void WriteJson(const ScanReport& r, const WriterOptions& o, Out& out) {
  // Keys in nlohmann's (sorted) order, as dumping one document of the whole report gave.
  out << "{\n  \"errors\": ";
  DumpAt(json(r.errors), 1, out);
  out << ",\n  \"files\": ";
  StreamArray(1, out, [&r](auto&& emit) {
    for (const auto& f : r.files) {
      json findings = json::array();
      for (const auto& x : f.findings) findings.push_back(FindingJson(x));
      json jf = {{"path", f.path},
                 {"verdict", std::string(VerdictName(f.verdict))},
                 {"format", f.format.empty() ? "unknown" : f.format},
                 {"size", f.size},
                 {"bytes_examined", f.bytes_examined},
                 {"findings", std::move(findings)}};
      if (!f.error.empty()) jf["error"] = f.error;
      if (!f.properties.empty()) jf["properties"] = f.properties;
      if (!f.members.empty()) jf["members"] = f.members;
      emit(jf);
    }
  });
  json summary = {{"files", r.files.size()},
                  {"malicious", r.CountVerdict(Verdict::kMalicious)},
                  {"suspicious", r.CountVerdict(Verdict::kSuspicious)},
                  {"clean", r.CountVerdict(Verdict::kClean)},
                  {"unsupported", r.CountVerdict(Verdict::kUnsupported)},
                  {"error", r.CountVerdict(Verdict::kError)},
                  {"bytes_total", r.bytes_total},
                  {"bytes_examined", r.bytes_examined},
                  {"elapsed_seconds", r.elapsed_seconds}};
  out << ",\n  \"summary\": ";
  DumpAt(summary, 1, out);
  out << ",\n  \"tool\": ";
  DumpAt(json{{"name", "aigis"}, {"version", o.tool_version}}, 1, out);
  out << "\n}\n";
}

void WriteSarif(const ScanReport& r, const WriterOptions& o, Out& out) {
  // Rules: one per distinct rule id, in first-seen order, described from the catalogue.
  std::vector<std::string> rule_ids;
  std::map<std::string, size_t> rule_index;
  std::map<std::string, std::string> first_message;
  for (const auto& f : r.files)
    for (const auto& x : f.findings)
      if (rule_index.emplace(x.rule, rule_ids.size()).second) {
        rule_ids.push_back(x.rule);
        first_message[x.rule] = x.message;
      }

  auto level_of = [](Severity s) {
    switch (s) {
      case Severity::kMalicious:
        return "error";
      case Severity::kSuspicious:
        return "warning";
      case Severity::kInfo:
        return "note";
    }
    return "note";
  };
  auto security_severity = [](Severity s) {
    switch (s) {
      case Severity::kMalicious:
        return "9.0";
      case Severity::kSuspicious:
        return "5.0";
      case Severity::kInfo:
        return "1.0";
    }
    return "1.0";
  };

  // Default level per rule = the worst severity seen for it.
  std::map<std::string, Severity> worst;
  for (const auto& f : r.files)
    for (const auto& x : f.findings) {
      auto it = worst.find(x.rule);
      if (it == worst.end() || x.severity > it->second) worst[x.rule] = x.severity;
    }

  json rules = json::array();
  for (const auto& id : rule_ids) {
    const RuleInfo* info = FindRule(id);
    std::string short_desc = info ? std::string(info->short_description) : first_message[id];
    std::string help = info ? std::string(info->help) : first_message[id];
    if (short_desc.empty()) short_desc = id;
    if (help.empty()) help = short_desc;
    json tags = json::array({"security"});
    if (info && !info->tags.empty()) {
      std::string_view t = info->tags;
      while (!t.empty()) {
        size_t c = t.find(',');
        tags.push_back(std::string(t.substr(0, c)));
        if (c == std::string_view::npos) break;
        t.remove_prefix(c + 1);
      }
    }
    rules.push_back({{"id", id},
                     {"name", id},
                     {"shortDescription", {{"text", short_desc.substr(0, 1000)}}},
                     {"fullDescription", {{"text", help.substr(0, 1000)}}},
                     {"help", {{"text", help}}},
                     {"defaultConfiguration", {{"level", level_of(worst[id])}}},
                     {"properties",
                      {{"tags", tags},
                       {"precision", "high"},
                       {"security-severity", security_severity(worst[id])}}}});
  }

  // Errors not tied to one file (a path that does not exist, a folder that cannot be read) make
  // the run unsuccessful, so consumers do not read a partial scan as a complete one.
  json notes = json::array();
  for (const auto& e : r.errors) notes.push_back({{"level", "error"}, {"message", {{"text", e}}}});
  json invocation = {{"executionSuccessful", r.errors.empty()},
                     {"toolExecutionNotifications", notes}};
  // Keys in nlohmann's (sorted) order; the results array is streamed (DumpAt).
  out << "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"runs\": [\n    "
         "{\n"
         "      \"automationDetails\": ";
  DumpAt(json{{"id", "aigis/scan/"}}, 3, out);
  out << ",\n      \"invocations\": ";
  DumpAt(json::array({invocation}), 3, out);
  out << ",\n      \"results\": ";
  StreamArray(3, out, [&](auto&& emit) {
    for (const auto& f : r.files) {
      for (const auto& x : f.findings) {
        std::string where = x.location.member;
        if (x.location.has_offset) where += (where.empty() ? "@" : " @") + Hex(x.location.offset);
        std::string text = x.message;
        if (!x.evidence.empty()) text += " (evidence: " + x.evidence + ")";
        if (!where.empty()) text += " [" + where + "]";
        json region = {{"startLine", 1}};
        json phys = {{"artifactLocation", {{"uri", UriEncode(f.path)}}}, {"region", region}};
        json loc = {{"physicalLocation", phys}};
        if (!x.location.member.empty())
          loc["logicalLocations"] =
              json::array({{{"fullyQualifiedName", x.location.member}, {"kind", "member"}}});
        size_t h = std::hash<std::string>{}(x.rule + "\x1f" + f.path + "\x1f" + x.location.member +
                                            "\x1f" + x.evidence);
        json res = {{"ruleId", x.rule},
                    {"ruleIndex", rule_index[x.rule]},
                    {"level", level_of(x.severity)},
                    {"message", {{"text", text}}},
                    {"locations", json::array({loc})},
                    {"partialFingerprints", {{"aigisFindingHash/v1", Hex(h)}}},
                    {"properties",
                     {{"severity", std::string(SeverityName(x.severity))},
                      {"verdict", std::string(VerdictName(f.verdict))}}}};
        if (x.location.has_offset) res["properties"]["byteOffset"] = x.location.offset;
        if (!x.category.empty()) res["properties"]["category"] = x.category;
        emit(res);
      }
    }
  });
  out << ",\n      \"tool\": ";
  DumpAt(
      json{{"driver",
            {{"name", "aigis"}, {"semanticVersion", o.tool_version}, {"rules", std::move(rules)}}}},
      3, out);
  out << "\n    }\n  ],\n  \"version\": \"2.1.0\"\n}\n";
}

}  // namespace aigis::report
