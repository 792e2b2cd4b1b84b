// The API table that the plugin libaigis_hdf5.so (keras_h5_hdf5.cc) hands to keras_h5.cc. Both
// sides are built from the same tree with the same compiler, so C++ types cross the boundary; the
// stamp and sizes catch a module left over from another build.
#pragma once

#include <cstdint>
#include <type_traits>

#include "formats/keras/keras_h5.h"

namespace aigis::formats::keras {

inline constexpr uint32_t kHdf5PluginAbi = 2;  // bump when Hdf5Facts/KerasLimits change

struct Hdf5PluginApi {
  uint32_t abi;
  uint32_t facts_size;
  uint32_t limits_size;
  Hdf5Facts (*read)(ByteView data, const KerasLimits& limits);
  // Initialises libhdf5 once in the calling process (the reader program before it enters the
  // sandbox, or an in-process reader before its first read).
  void (*init)();
};

// The table is from this build (the stamp and the sizes agree).
inline bool TableMatchesThisBuild(const Hdf5PluginApi& t) {
  return t.abi == kHdf5PluginAbi && t.facts_size == sizeof(Hdf5Facts) &&
         t.limits_size == sizeof(KerasLimits);
}

// What ReadHdf5 puts in front of the file on the stdin of the isolated reader program
// (aigis-hdf5-reader, built next to the plugin): the limits, stamped like the API table.
inline constexpr char kHdf5ReaderProgram[] = "aigis-hdf5-reader";
struct Hdf5ReadRequest {
  char magic[4] = {'A', 'H', '5', 'Q'};
  uint32_t abi = kHdf5PluginAbi;
  uint32_t limits_size = sizeof(KerasLimits);
  KerasLimits limits;
};
static_assert(std::is_trivially_copyable_v<Hdf5ReadRequest>);

}  // namespace aigis::formats::keras
