#include "scan/capped_reporter.h"

#include <algorithm>
#include <utility>

namespace aigis::scan {

std::string ClipEvidence(std::string_view s, size_t max_bytes) {
  std::string out;
  for (char c : s.substr(0, max_bytes)) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  if (s.size() > max_bytes) out += "...";
  return out;
}

void CappedReporter::Add(const std::string& rule, Severity sev, std::string message,
                         std::string evidence, std::string category, uint64_t offset,
                         bool has_offset) {
  int& n = counts_[rule];
  if (++n > max_per_rule_) {
    auto [it, fresh] = worst_dropped_.emplace(rule, sev);
    if (!fresh) it->second = std::max(it->second, sev);
    return;
  }
  if (has_offset) {
    ctx_.Report(rule, sev, std::move(message), std::move(evidence), std::move(category), offset);
  } else {
    ctx_.ReportNoOffset(rule, sev, std::move(message), std::move(evidence), std::move(category));
  }
}

void CappedReporter::Flush() {
  for (const auto& [rule, n] : counts_) {
    if (n <= max_per_rule_) continue;
    ctx_.ReportNoOffset(rule, worst_dropped_[rule],
                        std::to_string(n - max_per_rule_) + " more findings of this rule",
                        std::to_string(n) + " in total", "summary");
  }
}

}  // namespace aigis::scan
