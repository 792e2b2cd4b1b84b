#include "formats/keras/keras_policy.h"

#include <utility>

#include "core/rule_lines.h"
#include "formats/keras/keras_rules_data.h"

namespace aigis::formats::keras {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Splits a rule line into its first two whitespace-separated words; more words are malformed.
Status SplitLine(std::string_view line, std::string_view* first, std::string_view* second) {
  size_t i = 0;
  while (i < line.size() && !IsSpace(line[i])) ++i;
  *first = line.substr(0, i);
  std::string_view rest = TrimRuleText(line.substr(i));
  size_t j = 0;
  while (j < rest.size() && !IsSpace(rest[j])) ++j;
  *second = rest.substr(0, j);
  if (!TrimRuleText(rest.substr(j)).empty()) {
    return Status::Malformed("keras rules: more than two words in '" + std::string(line) + "'");
  }
  return Status::Ok();
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view text) {
  // Classic backtracking over the last '*' only: linear memory, no recursion.
  size_t p = 0, t = 0;
  size_t star = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_t = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

Result<ModulePolicy> ModulePolicy::Parse(std::string_view allow_text, std::string_view deny_text) {
  ModulePolicy policy;
  auto allow_line = [&](size_t n, std::string_view line) {
    std::string_view first, second;
    AIGIS_RETURN_IF_ERROR(SplitLine(line, &first, &second));
    if (!second.empty()) {
      return Status::Malformed("keras allow rules: line " + std::to_string(n) +
                               ": unexpected second word");
    }
    policy.allow_.emplace_back(first);
    return Status::Ok();
  };
  auto deny_line = [&](size_t, std::string_view line) {
    std::string_view first, second;
    AIGIS_RETURN_IF_ERROR(SplitLine(line, &first, &second));
    policy.deny_.push_back(
        DenyEntry{std::string(first), second.empty() ? "code-execution" : std::string(second)});
    return Status::Ok();
  };
  AIGIS_RETURN_IF_ERROR(ForEachRuleLine(allow_text, allow_line));
  AIGIS_RETURN_IF_ERROR(ForEachRuleLine(deny_text, deny_line));
  return policy;
}

const ModulePolicy& ModulePolicy::Default() {
  static const ModulePolicy* const kPolicy = [] {
    Result<ModulePolicy> p = Parse(EmbeddedModulesAllow(), EmbeddedDeny());
    AIGIS_CHECK(p.ok());  // the embedded rules are ours; a parse failure is our bug
    return new ModulePolicy(std::move(p).value());
  }();
  return *kPolicy;
}

bool ModulePolicy::IsAllowedModule(std::string_view module) const {
  for (const std::string& g : allow_) {
    if (GlobMatch(g, module)) return true;
  }
  return false;
}

const DenyEntry* ModulePolicy::MatchDenied(std::string_view qualified_name) const {
  for (const DenyEntry& e : deny_) {
    if (GlobMatch(e.pattern, qualified_name)) return &e;
  }
  return nullptr;
}

}  // namespace aigis::formats::keras
