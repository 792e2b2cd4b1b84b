// Fuzz target for formats/compress: byte 0 picks the codec, the rest is the stream.
#include <cstddef>
#include <cstdint>

#include "formats/compress/decompress.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aigis::formats::compress;
  if (size == 0) return 0;
  aigis::ByteView in(data + 1, size - 1);
  (void)SniffCodec(in);
  DecompressLimits limits;
  limits.max_output_bytes = 1 << 20;
  limits.ratio_min_bytes = 64 << 10;
  limits.max_gzip_members = 64;
  limits.max_lzma_memory = 16 << 20;
  limits.max_zstd_window_log = 22;
  DecompressResult r = Decompress(in, static_cast<Codec>(data[0] % 6), limits);
  volatile uint8_t sink = 0;
  for (uint8_t b : r.data) sink = static_cast<uint8_t>(sink ^ b);
  return 0;
}
