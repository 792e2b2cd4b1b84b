// Fuzzes formats::Sniff, the content identifier every scanned item goes through.
#include <cstddef>
#include <cstdint>

#include "formats/registry/sniff.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  aigis::ByteView v(data, size);
  (void)aigis::formats::Sniff(v, "input.bin");
  (void)aigis::formats::HasZipEocd(v);
  return 0;
}
