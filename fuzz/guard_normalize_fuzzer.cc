// Fuzzes the guard normaliser: arbitrary bytes in, folded text out; every output byte must map to
// a span inside the input and hidden-character spans must lie inside the input; the ASCII
// shortcuts must give exactly what the general path (NormalizeReference) gives.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "guard/normalize/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1 << 16)) return 0;  // small inputs: time goes to interesting bytes
  std::string_view in(reinterpret_cast<const char*>(data), size);
  aigis::guard::normalize::Normalizer n;
  aigis::guard::normalize::NormalizedText t;
  std::vector<aigis::guard::normalize::HiddenSpan> hidden;
  n.Normalize(in, &t, &hidden);
  for (size_t i = 0; i < t.text().size(); ++i) {
    uint64_t s, e;
    t.ToOriginal(i, i + 1, &s, &e);
    if (s >= e || e > size) std::abort();
  }
  for (const auto& h : hidden) {
    if (h.start > h.end || h.end > size) std::abort();
  }
  aigis::guard::normalize::NormalizedText r;
  std::vector<aigis::guard::normalize::HiddenSpan> rh;
  n.NormalizeReference(in, &r, &rh);
  if (r.text().size() != t.text().size()) std::abort();
  for (size_t i = 0; i < t.text().size(); ++i) {
    char c = t.text()[i];
    if (t.identity() && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != r.text()[i]) std::abort();
    uint64_t s, e, rs, re;
    t.ToOriginal(i, i + 1, &s, &e);
    r.ToOriginal(i, i + 1, &rs, &re);
    if (s != rs || e != re) std::abort();
  }
  if (rh.size() != hidden.size()) std::abort();
  for (size_t i = 0; i < rh.size(); ++i) {
    if (rh[i].kind != hidden[i].kind || rh[i].start != hidden[i].start ||
        rh[i].end != hidden[i].end) {
      std::abort();
    }
  }
  (void)aigis::guard::normalize::DecodeTagCharacters(in);
  return 0;
}
