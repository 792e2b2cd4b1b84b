// The "text" fields of a JSONL file, for benchmarks on real text (minimal extraction, no JSON
// dependency in the benches).
#pragma once

#include <fstream>
#include <string>
#include <vector>

namespace aigis::bench {

inline std::vector<std::string> ReadJsonlTexts(const char* path) {
  std::vector<std::string> texts;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    size_t k = line.find("\"text\": \"");
    if (k == std::string::npos) continue;
    size_t s = k + 9, e = s;
    std::string t;
    while (e < line.size() && line[e] != '"') {
      if (line[e] == '\\' && e + 1 < line.size()) {
        char c = line[++e];
        t += c == 'n' ? '\n' : c;
      } else {
        t += line[e];
      }
      ++e;
    }
    texts.push_back(std::move(t));
  }
  return texts;
}

}  // namespace aigis::bench
