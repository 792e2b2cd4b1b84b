// Line-oriented rule files (rules/pickle/*.txt, rules/keras/*.txt, rules/tensorflow/*.txt and the
// user's extensions): one entry per line, '#' starts a comment, blank lines are skipped. Shared so
// that every rule list is split the same way; what a line means stays with its parser.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/status.h"

namespace aigis {

// Strips spaces, tabs and carriage returns (files written on Windows) from both ends.
inline std::string_view TrimRuleText(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// Calls fn(line_number, line) (1-based; line trimmed, comment removed) for every non-empty line
// and stops at the first error fn returns.
template <typename Fn>
Status ForEachRuleLine(std::string_view text, Fn&& fn) {
  size_t line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = TrimRuleText(line);
    if (line.empty()) continue;
    AIGIS_RETURN_IF_ERROR(fn(line_no, line));
  }
  return Status::Ok();
}

}  // namespace aigis
