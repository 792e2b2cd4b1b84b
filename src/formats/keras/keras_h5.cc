#include "formats/keras/keras_h5.h"

#include <cstring>
#include <string>

#include "core/checked_math.h"
#include "core/plugin.h"
#include "formats/keras/keras_h5_plugin.h"

namespace aigis::formats::keras {
namespace {

constexpr uint8_t kSignature[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

}  // namespace

bool LooksLikeHdf5(ByteView head) {
  for (uint64_t off = 0; RangeFits(off, sizeof(kSignature), head.size());
       off = off == 0 ? 512 : off * 2) {
    if (std::memcmp(head.data() + off, kSignature, sizeof(kSignature)) == 0) return true;
  }
  return false;
}

Hdf5Facts ReadHdf5(ByteView data, const KerasLimits& limits) {
  Hdf5Facts facts;
  if (data.size() > limits.max_hdf5_bytes) {
    facts.status = Status::LimitExceeded(0, "hdf5: " + std::to_string(data.size()) +
                                                " bytes > max_hdf5_bytes " +
                                                std::to_string(limits.max_hdf5_bytes));
    return facts;
  }
  if (!LooksLikeHdf5(data)) {
    facts.status = Status::Malformed(0, "hdf5: no superblock signature");
    return facts;
  }
  auto api = LoadPlugin("hdf5", "aigis_plugin_hdf5");
  if (!api.ok()) {
    facts.status = Status::Unsupported("hdf5: reader unavailable: " + api.status().message());
    return facts;
  }
  auto* table = static_cast<const Hdf5PluginApi*>(*api);
  if (table->abi != kHdf5PluginAbi || table->facts_size != sizeof(Hdf5Facts) ||
      table->limits_size != sizeof(KerasLimits)) {
    facts.status = Status::Unsupported("hdf5: libaigis_hdf5.so is from another aigis build");
    return facts;
  }
  return table->read(data, limits);
}

}  // namespace aigis::formats::keras
