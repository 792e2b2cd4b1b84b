// Line-oriented rule files (rules/pickle/*.txt, rules/keras/*.txt, rules/tensorflow/*.txt and the
// user's extensions): one entry per line, '#' starts a comment, blank lines are skipped. One
// splitter for every list, usable at compile time (the built-in pickle lists become tables in the
// compiler, scan/pickle_policy_tables.h) and at run time (user lists), so that a list reads the
// same in both; what a line means stays with its parser.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/status.h"

namespace aigis {

// Spaces, tabs and carriage returns (files written on Windows) separate and surround fields.
constexpr bool IsRuleSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// string_view::find within [from, to) without char_traits: clang 14 cannot evaluate libstdc++'s
// memchr-based find in a constant expression (and counts every step: searches stay in one line).
constexpr size_t FindRuleChar(std::string_view s, char c, size_t from = 0,
                              size_t to = std::string_view::npos) {
  if (to > s.size()) to = s.size();
  for (size_t i = from; i < to; ++i) {
    if (s[i] == c) return i;
  }
  return std::string_view::npos;
}

// Strips rule spaces from both ends.
constexpr std::string_view TrimRuleText(std::string_view s) {
  while (!s.empty() && IsRuleSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsRuleSpace(s.back())) s.remove_suffix(1);
  return s;
}

// The first bad line of a list: its 1-based number and what is wrong (message null: none).
struct RuleLineError {
  size_t line = 0;
  const char* message = nullptr;
  constexpr bool ok() const { return message == nullptr; }
};

// Calls fn(line_number, offset, line) for every non-empty line: 1-based number, the line's offset
// in `text`, the line with its comment removed and trimmed. fn returns null to go on or a message
// to stop with that line's error.
template <typename Fn>
constexpr RuleLineError ScanRuleLines(std::string_view text, Fn&& fn) {
  size_t pos = 0, line_no = 0;
  while (pos < text.size()) {
    size_t end = FindRuleChar(text, '\n', pos);
    if (end == std::string_view::npos) end = text.size();
    size_t stop = FindRuleChar(text, '#', pos, end);
    if (stop == std::string_view::npos) stop = end;
    size_t b = pos, e = stop;
    while (b < e && IsRuleSpace(text[b])) ++b;
    while (e > b && IsRuleSpace(text[e - 1])) --e;
    pos = end + 1;
    ++line_no;
    if (b == e) continue;
    if (const char* err = fn(line_no, b, text.substr(b, e - b))) return {line_no, err};
  }
  return {};
}

// The same lines for parsers that report a Status: fn(line_number, line) -> Status, and the
// first error is returned as it is.
template <typename Fn>
Status ForEachRuleLine(std::string_view text, Fn&& fn) {
  Status result = Status::Ok();
  ScanRuleLines(text, [&](size_t line_no, size_t, std::string_view line) -> const char* {
    result = fn(line_no, line);
    return result.ok() ? nullptr : "error";
  });
  return result;
}

}  // namespace aigis
