// Fuzz target for the Keras config walker (formats/keras/keras_config.h): JSON pre-pass, the
// nlohmann parse, the explicit-stack walk, the raw fallback, base64 and marshal-string helpers.
// libhdf5 (keras_h5) is deliberately not fuzzed here: its own parser bugs would drown ours.
#include <cstddef>
#include <cstdint>

#include "formats/keras/keras_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aigis::formats::keras;
  aigis::ByteView in(data, size);
  // Small limits so time goes to interesting inputs, not to big DOMs.
  KerasLimits limits;
  limits.max_config_bytes = 1 << 20;
  limits.max_depth = 64;
  limits.max_nodes = 20000;
  limits.max_objects = 2000;
  limits.max_facts = 50;
  limits.max_embedded_bytes = 1 << 16;
  (void)LooksLikeKerasConfig(in);
  KerasConfigFacts facts = WalkKerasConfig(in, limits);
  for (const EmbeddedPayload& p : facts.torch_modules) {
    if (p.bytes && p.bytes->size() > limits.max_embedded_bytes) __builtin_trap();
  }
  if (facts.lambdas.size() > limits.max_facts) __builtin_trap();
  auto decoded = DecodeBase64(aigis::AsStringView(in), 1 << 16);
  if (decoded.ok()) {
    if (decoded->size() > (1 << 16)) __builtin_trap();
    (void)MarshalStrings(aigis::ByteView(*decoded), 16, 200);
  }
  (void)MarshalStrings(in, 16, 200);
  return 0;
}
