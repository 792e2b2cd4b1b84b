#include "guard/redact.h"

#include <algorithm>

namespace aigis::guard {

std::string Vault::PlaceholderFor(const std::string& entity, std::string_view value) {
  std::string key = entity;
  key.push_back('\0');
  key.append(value);
  auto it = by_value_.find(key);
  if (it != by_value_.end()) return it->second;
  int n = ++counters_[entity];
  std::string ph = "[" + entity + "_" + std::to_string(n) + "]";
  by_value_[key] = ph;
  by_placeholder_[ph] = std::string(value);
  return ph;
}

std::string Vault::Restore(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '[') {
      size_t close = text.find(']', i + 1);
      if (close != std::string_view::npos && close - i <= 64) {
        auto it = by_placeholder_.find(std::string(text.substr(i, close - i + 1)));
        if (it != by_placeholder_.end()) {
          out += it->second;
          i = close + 1;
          continue;
        }
      }
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

std::string EntityOf(const Detection& d) {
  std::string e = d.entity;
  if (e.empty()) {
    for (char c : d.category) {
      if (c == '-' || c == ' ' || c == '.')
        e.push_back('_');
      else if (c >= 'a' && c <= 'z')
        e.push_back(static_cast<char>(c - 32));
      else
        e.push_back(c);
    }
  }
  return e.empty() ? "REDACTED" : e;
}

std::string Redact(std::string_view text, std::vector<Detection> to_redact, Vault* vault) {
  std::sort(to_redact.begin(), to_redact.end(), DetectionLess);
  Vault local;
  Vault* v = vault != nullptr ? vault : &local;
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  size_t i = 0;
  while (i < to_redact.size()) {
    uint64_t s = to_redact[i].start, e = to_redact[i].end;
    std::string entity = EntityOf(to_redact[i]);
    size_t j = i + 1;
    while (j < to_redact.size() && to_redact[j].start < e) {
      e = std::max(e, to_redact[j].end);
      ++j;
    }
    i = j;
    if (s < pos || e > text.size() || s >= e) continue;  // defensive: skip malformed spans
    out.append(text.substr(pos, s - pos));
    out += v->PlaceholderFor(entity, text.substr(s, e - s));
    pos = e;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace aigis::guard
