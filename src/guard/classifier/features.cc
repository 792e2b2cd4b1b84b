#include "guard/classifier/features.h"

#include <algorithm>
#include <cmath>

namespace aigis::guard::classifier {

namespace {
// Byte -> replacement, or 0 for whitespace. One table lookup per byte on the scoring hot path.
struct CompactTable {
  unsigned char map[256];
  constexpr CompactTable() : map() {
    for (int c = 0; c < 256; ++c) map[c] = static_cast<unsigned char>(c);
    for (int c = '0'; c <= '9'; ++c) map[c] = '0';
    for (int c = 'A'; c <= 'Z'; ++c) map[c] = static_cast<unsigned char>(c - 'A' + 'a');
    for (int c : {' ', '\t', '\n', '\r', '\v', '\f'}) map[c] = 0;
  }
};
constexpr CompactTable kCompact;
}  // namespace

void CompactText(std::string_view folded, std::string* out) {
  // Writes through a pointer into a pre-sized buffer (output is never longer than the input);
  // NUL bytes of the input are kept as they are.
  out->resize(folded.size());
  char* o = out->data();
  size_t n = 0;
  bool space = false;
  for (char ch : folded) {
    auto c = static_cast<unsigned char>(ch);
    unsigned char m = kCompact.map[c];
    if (m == 0 && c != 0) {
      space = true;
      continue;
    }
    if (space && n != 0) o[n++] = ' ';
    space = false;
    o[n++] = static_cast<char>(m);
  }
  out->resize(n);
}

void SparseFeatures(std::string_view compact, const FeatureConfig& cfg,
                    std::vector<std::pair<uint32_t, float>>* out) {
  out->clear();
  std::vector<std::pair<uint32_t, int32_t>> raw;
  ForEachFeature(compact, cfg, [&](uint32_t b, int sign, size_t) { raw.push_back({b, sign}); });
  if (raw.empty()) return;
  const float norm = 1.0f / std::sqrt(static_cast<float>(raw.size()));
  std::sort(raw.begin(), raw.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < raw.size();) {
    size_t j = i;
    int32_t sum = 0;
    while (j < raw.size() && raw[j].first == raw[i].first) sum += raw[j++].second;
    if (sum != 0) out->push_back({raw[i].first, static_cast<float>(sum) * norm});
    i = j;
  }
}

}  // namespace aigis::guard::classifier
