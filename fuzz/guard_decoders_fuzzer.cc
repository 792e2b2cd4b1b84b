// Fuzzes segment finding and the base64/hex/URL/ROT13 decoders with small limits; segments must
// lie inside the input and decoded sizes must respect max_out.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "guard/normalize/decoders.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1 << 16)) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  aigis::guard::GuardLimits lim;
  lim.max_encoded_segment = 512;
  std::vector<aigis::guard::normalize::EncodedSegment> segs;
  aigis::guard::normalize::FindEncodedSegments(in, lim, &segs);
  std::string out;
  for (const auto& s : segs) {
    if (s.start >= s.end || s.end > size) std::abort();
    if (aigis::guard::normalize::Decode(s.encoding, in.substr(s.start, s.end - s.start), 256,
                                        &out) &&
        out.size() > 256) {
      std::abort();
    }
    (void)aigis::guard::normalize::LooksLikeText(out);
  }
  for (auto e :
       {aigis::guard::normalize::Encoding::kBase64, aigis::guard::normalize::Encoding::kHex,
        aigis::guard::normalize::Encoding::kUrl, aigis::guard::normalize::Encoding::kRot13}) {
    if (aigis::guard::normalize::Decode(e, in, 128, &out) && out.size() > 128) std::abort();
  }
  return 0;
}
