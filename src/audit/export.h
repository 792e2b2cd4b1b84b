// SIEM exports of audit records: OCSF Detection Finding (class 2004) JSON lines and CEF lines with
// an RFC 3164 syslog header. Both carry the record's seq and chain hash so an analyst can take an
// event back to `aigis audit verify`.
// Thread safety: pure functions.
#pragma once

#include <string>

#include "audit/audit_record.h"
#include "core/status.h"

namespace aigis::audit {

struct ExportOptions {
  std::string product_version = "0.1.0";
  std::string hostname;  // syslog HOSTNAME; empty = "-"
};

// One OCSF 1.8 Detection Finding event, as a single JSON line (no trailing newline).
Result<std::string> ToOcsf(const StoredRecord& r, const ExportOptions& opts = {});
// One syslog line carrying a CEF:0 event (no trailing newline).
Result<std::string> ToCef(const StoredRecord& r, const ExportOptions& opts = {});

// CEF escaping (ArcSight CEF rules): header fields escape '\' and '|'; extension values escape
// '\' and '=' and encode CR/LF as \r and \n. Other control characters become spaces in both.
std::string CefEscapeHeader(std::string_view s);
std::string CefEscapeExtension(std::string_view s);

// OCSF severity_id for a record: 1 Informational (no detection), 3 Medium (suspicious or alert),
// 4 High (malicious).
int OcsfSeverityId(const AuditRecord& r);

}  // namespace aigis::audit
