// Fuzz target for formats/zip: Open() then Read() every entry, touching every output byte.
#include <cstddef>
#include <cstdint>

#include "formats/zip/zip_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using aigis::formats::zip::ZipArchive;
  aigis::formats::zip::ZipLimits limits;
  limits.max_entries = 256;
  limits.max_entry_uncompressed = 1 << 20;
  limits.max_total_uncompressed = 4 << 20;
  limits.ratio_min_bytes = 64 << 10;
  auto archive = ZipArchive::Open(aigis::ByteView(data, size), limits);
  if (!archive.ok()) return 0;
  volatile uint8_t sink = 0;
  for (size_t i = 0; i < archive->entries().size(); ++i) {
    auto member = archive->Read(i);
    if (!member.ok()) continue;
    for (uint8_t b : member->data) sink = static_cast<uint8_t>(sink ^ b);
  }
  for (const auto& a : archive->anomalies()) sink = static_cast<uint8_t>(sink ^ a.message.size());
  return 0;
}
