// Fuzz target for the decoder of the facts that the isolated HDF5 reader's child process sends
// back (formats/keras/keras_h5.h, DecodeHdf5Facts): the child ran libhdf5 on a hostile file, so
// its answer is untrusted bytes. Whatever decodes must re-encode to a fixed point.
#include <cstddef>
#include <cstdint>
#include <string>

#include "formats/keras/keras_h5.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aigis::formats::keras;
  KerasLimits limits;
  limits.max_attribute_bytes = 1 << 16;
  limits.max_hdf5_objects = 1000;
  auto facts = DecodeHdf5Facts(aigis::ByteView(data, size), limits);
  if (!facts.ok()) return 0;
  if (facts->dtypes.size() > limits.max_hdf5_objects) __builtin_trap();
  std::string once = EncodeHdf5Facts(*facts);
  auto again = DecodeHdf5Facts(aigis::AsBytes(once), limits);
  if (!again.ok() || EncodeHdf5Facts(*again) != once) __builtin_trap();
  return 0;
}
