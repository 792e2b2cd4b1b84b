// The built-in pickle allow/deny lists as lookup tables built by the compiler (the generated
// pickle_rules_data.cc holds the list texts and the tables). Parsing the lists at every start was
// ~0.3 ms and a dozen fresh heap pages of each `aigis scan` (docs/performance.md, session 15).
// Slots hold offsets into the list text, not pointers, so the tables are plain read-only data
// that the loader does not relocate. A list line the compiler cannot read (bad name, missing
// category) stops the build. Internal to pickle_policy.cc and the generated file.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/rule_lines.h"

namespace aigis::scan::internal {

struct TextSpan {
  uint32_t off = 0;
  uint32_t len = 0;  // 0: an empty slot (keys are never empty)
};

struct StaticSlot {
  TextSpan key;
  TextSpan category;  // deny lists only
  TextSpan reason;    // deny lists only
};

// FNV-1a: the same at compile time and at run time.
constexpr uint64_t NameHash(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (char c : s) {
    h ^= static_cast<uint8_t>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// A view of a built table: the slots and the text their spans point into.
class StaticNameTable {
 public:
  constexpr StaticNameTable(const StaticSlot* slots, size_t capacity, size_t count,
                            std::string_view text)
      : slots_(slots), capacity_(capacity), count_(count), text_(text) {}

  const StaticSlot* Find(std::string_view key) const {
    if (key.empty()) return nullptr;
    const size_t mask = capacity_ - 1;
    for (size_t i = NameHash(key) & mask;; i = (i + 1) & mask) {
      const StaticSlot& s = slots_[i];
      if (s.key.len == 0) return nullptr;
      if (Text(s.key) == key) return &s;
    }
  }
  std::string_view Text(TextSpan s) const { return text_.substr(s.off, s.len); }
  size_t size() const { return count_; }

 private:
  const StaticSlot* slots_;
  size_t capacity_;  // a power of two, at least twice count_: probing always ends
  size_t count_;
  std::string_view text_;
};

// --- compile-time construction ---

enum class ListKind { kAllowExact, kAllowPrefix, kDeny };

using aigis::FindRuleChar;
using aigis::IsRuleSpace;
using aigis::RuleLineError;

constexpr bool ValidDottedName(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  char prev = 0;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.';
    if (!ok || (c == '.' && prev == '.')) return false;
    prev = c;
  }
  return true;
}

// One allow.txt line (trimmed, no comment): `module.name` (exact) or `module.*` (prefix).
struct AllowLine {
  std::string_view name;  // without ".*"
  bool prefix = false;
  const char* error = nullptr;
};
constexpr AllowLine ParseAllowLine(std::string_view line) {
  const bool prefix = line.size() > 2 && line.substr(line.size() - 2) == ".*";
  const std::string_view name = prefix ? line.substr(0, line.size() - 2) : line;
  if (!ValidDottedName(name) || (!prefix && FindRuleChar(name, '.') == std::string_view::npos))
    return {name, prefix, "must be module.name or module.*"};
  return {name, prefix, nullptr};
}

// One deny.txt line: `<prefix> <category> <reason...>`.
struct DenyLine {
  std::string_view prefix, category, reason;
  const char* error = nullptr;
};
constexpr DenyLine ParseDenyLine(std::string_view line) {
  size_t sp = 0;
  while (sp < line.size() && !IsRuleSpace(line[sp])) ++sp;
  size_t c = sp;
  while (c < line.size() && IsRuleSpace(line[c])) ++c;
  size_t ce = c;
  while (ce < line.size() && !IsRuleSpace(line[ce])) ++ce;
  size_t r = ce;
  while (r < line.size() && IsRuleSpace(line[r])) ++r;
  if (!ValidDottedName(line.substr(0, sp)) || c == ce)
    return {{}, {}, {}, "expected '<prefix> <category> <reason>'"};
  return {line.substr(0, sp), line.substr(c, ce - c), line.substr(r), nullptr};
}

// One entry of a list line, as spans of the list text.
struct ParsedLine {
  TextSpan key, category, reason;
};

// Calls fn(ParsedLine) for each entry of `kind` in `text`: the lines of core/rule_lines.h read by
// the line parsers above, the same ones PicklePolicy uses for user lists. Returns the first bad
// line (the compile-time builders below turn it into a compile error).
template <typename Fn>
constexpr RuleLineError ForEachListEntry(std::string_view text, ListKind kind, Fn&& fn) {
  // `part` lies inside `line`, which starts at `off` in `text`.
  auto span = [](size_t off, std::string_view line, std::string_view part) {
    return TextSpan{static_cast<uint32_t>(off + static_cast<size_t>(part.data() - line.data())),
                    static_cast<uint32_t>(part.size())};
  };
  return aigis::ScanRuleLines(text, [&](size_t, size_t off, std::string_view line) -> const char* {
    if (kind == ListKind::kDeny) {
      const DenyLine d = ParseDenyLine(line);
      if (d.error) return d.error;
      fn(ParsedLine{span(off, line, d.prefix), span(off, line, d.category),
                    span(off, line, d.reason)});
      return nullptr;
    }
    const AllowLine a = ParseAllowLine(line);
    if (a.error) return a.error;
    if (a.prefix == (kind == ListKind::kAllowPrefix))
      fn(ParsedLine{span(off, line, a.name), {}, {}});
    return nullptr;
  });
}

// A bad built-in line: evaluated at compile time, the throw is the compile error.
constexpr void RequireValidList(RuleLineError e) {
  if (!e.ok()) throw e.message;
}

constexpr size_t CountListEntries(std::string_view text, ListKind kind) {
  size_t n = 0;
  RequireValidList(ForEachListEntry(text, kind, [&n](const ParsedLine&) { ++n; }));
  return n;
}

constexpr size_t TableCapacity(size_t entries) {
  size_t cap = 16;
  while (cap < 2 * entries) cap *= 2;
  return cap;
}

template <size_t Cap>
struct StaticTableData {
  std::array<StaticSlot, Cap> slots{};
  size_t count = 0;
};

// The table of `kind` entries of `text`. A repeated key keeps its first slot and takes the later
// line's values, as PicklePolicy's run-time tables do.
template <size_t Cap>
constexpr StaticTableData<Cap> BuildListTable(std::string_view text, ListKind kind) {
  StaticTableData<Cap> t;
  RequireValidList(ForEachListEntry(text, kind, [&](const ParsedLine& e) {
    const std::string_view key = text.substr(e.key.off, e.key.len);
    for (size_t i = NameHash(key) & (Cap - 1);; i = (i + 1) & (Cap - 1)) {
      StaticSlot& s = t.slots[i];
      if (s.key.len == 0) ++t.count;
      if (s.key.len == 0 || text.substr(s.key.off, s.key.len) == key) {
        s = StaticSlot{e.key, e.category, e.reason};
        break;
      }
    }
  }));
  return t;
}

// The three tables of the built-in lists (defined in the generated pickle_rules_data.cc).
struct BuiltinPickleTables {
  StaticNameTable allow_exact;
  StaticNameTable allow_prefix;
  StaticNameTable deny;
};
extern const BuiltinPickleTables kBuiltinPickleTables;
// The list texts the tables were built from (for tests: FromText of them must agree).
extern const std::string_view kPickleAllowText;
extern const std::string_view kPickleDenyText;

}  // namespace aigis::scan::internal
