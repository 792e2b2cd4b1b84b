#include "guard/classifier/features.h"

#include <algorithm>
#include <cmath>

namespace aigis::guard::classifier {

void CompactText(std::string_view folded, std::string* out) {
  out->clear();
  out->reserve(folded.size());
  bool space = false;
  for (char ch : folded) {
    auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      space = true;
      continue;
    }
    if (space && !out->empty()) out->push_back(' ');
    space = false;
    if (c >= '0' && c <= '9') {
      out->push_back('0');
    } else if (c >= 'A' && c <= 'Z') {
      out->push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      out->push_back(ch);
    }
  }
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
