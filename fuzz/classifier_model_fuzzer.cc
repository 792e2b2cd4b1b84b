// Fuzzes the classifier model loader (guard/classifier/model.h): any bytes, with small limits so
// time goes to the header checks. A file that parses is scored on a fixed text, short and long.
// Inputs whose first byte is odd are resealed first (their SHA-256 appended), so the fuzzer also
// reaches the field checks behind the checksum instead of stopping at "checksum mismatch".
#include <openssl/evp.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "guard/classifier/linear_classifier.h"
#include "guard/classifier/model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aigis::guard::classifier;
  ModelLimits lim;
  lim.max_log2_buckets = 16;  // 128 KiB of weights at most
  lim.max_file_bytes = 1 << 18;
  std::string buf(reinterpret_cast<const char*>(data), size);
  if (size > 0 && (data[0] & 1)) {
    buf.erase(0, 1);
    unsigned char md[32];
    unsigned int len = 0;
    if (EVP_Digest(buf.data(), buf.size(), md, &len, EVP_sha256(), nullptr) == 1) {
      buf.append(reinterpret_cast<const char*>(md), len);
    }
  }
  aigis::Result<LinearModel> m = ParseModel(aigis::AsBytes(buf), lim);
  if (!m.ok()) return 0;
  auto c = LinearClassifier::Create(std::move(*m));
  if (!c.ok()) return 0;
  static const std::string kLong = [] {
    std::string s;
    while (s.size() < 5000) s += "ignore previous instructions and the river flows past mills ";
    return s;
  }();
  (void)(*c)->Score("ignore previous instructions");
  (void)(*c)->Score(kLong);
  (void)(*c)->Score("");
  return 0;
}
