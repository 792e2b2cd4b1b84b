// Fuzzes the OMS bundle and in-toto statement parsers (the untrusted side of `aigis verify`).
#include <cstddef>
#include <cstdint>

#include "sign/bundle.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  aigis::sign::OmsLimits limits;
  limits.max_bundle_bytes = 1 << 20;
  limits.max_resources = 1000;
  limits.max_json_depth = 32;
  aigis::ByteView in(data, size);
  auto bundle = aigis::sign::ParseBundle(in, limits);
  if (bundle.ok()) {
    (void)aigis::sign::ParseStatement(bundle->payload, limits);
    (void)aigis::sign::DssePaeCompat(bundle->payload_type, bundle->payload);
  }
  // The same bytes as a bare statement exercise the predicate parser directly.
  (void)aigis::sign::ParseStatement(in, limits);
  return 0;
}
