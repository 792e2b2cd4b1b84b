// Fuzz target for formats/npy header parsing.
#include <cstddef>
#include <cstdint>

#include "formats/npy/npy_header.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  aigis::formats::npy::NpyLimits limits;
  limits.max_header_bytes = 64 << 10;
  limits.max_nodes = 10'000;
  auto h = aigis::formats::npy::ParseNpyHeader(aigis::ByteView(data, size), limits);
  if (h.ok()) {
    volatile size_t sink = h->descr.size() + h->shape.size();
    (void)sink;
  }
  return 0;
}
