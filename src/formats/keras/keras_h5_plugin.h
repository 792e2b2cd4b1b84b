// The API table that the plugin libaigis_hdf5.so (keras_h5_hdf5.cc) hands to keras_h5.cc. Both
// sides are built from the same tree with the same compiler, so C++ types cross the boundary; the
// stamp and sizes catch a module left over from another build.
#pragma once

#include <cstdint>

#include "formats/keras/keras_h5.h"

namespace aigis::formats::keras {

inline constexpr uint32_t kHdf5PluginAbi = 2;  // bump when Hdf5Facts/KerasLimits change

struct Hdf5PluginApi {
  uint32_t abi;
  uint32_t facts_size;
  uint32_t limits_size;
  Hdf5Facts (*read)(ByteView data, const KerasLimits& limits);
  // Initialises libhdf5 once in the calling process, so that isolated reads fork a child that
  // inherits a ready library instead of each paying for its start-up (~25 ms).
  void (*init)();
};

}  // namespace aigis::formats::keras
