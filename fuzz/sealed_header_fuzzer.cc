// Fuzzes the sealed-file header parser and the chunk loop of UnsealStream with a fixed key.
#include <cstddef>
#include <cstdint>

#include "sign/sealed.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  aigis::ByteView in(data, size);
  auto h = aigis::sign::ParseSealedHeader(in);
  if (h.ok()) {
    auto round = aigis::sign::SerializeSealedHeader(*h);
    (void)round;
  }
  // Small chunks only, so that a crafted header cannot make the fuzzer allocate 128 MiB.
  aigis::sign::SealedLimits limits;
  limits.max_chunk_shift = 16;
  std::array<uint8_t, aigis::sign::kSecretKeySize> kb{};
  aigis::sign::SecretKey key(kb);
  aigis::sign::MemorySource src(in);
  aigis::sign::MemorySink sink;
  (void)aigis::sign::UnsealStream(src, sink, key, limits);
  return 0;
}
