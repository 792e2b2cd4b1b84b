// Fuzz target for formats/archive (tar and 7z through libarchive).
#include <cstddef>
#include <cstdint>

#include "formats/archive/archive_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aigis::formats::archive;
  aigis::ByteView in(data, size);
  (void)LooksLikeTar(in);
  (void)Looks7z(in);
  ArchiveLimits limits;
  limits.max_entries = 256;
  limits.max_entry_bytes = 1 << 20;
  limits.max_total_bytes = 4 << 20;
  auto l = ReadArchive(in, limits);
  if (!l.ok()) return 0;
  volatile uint8_t sink = 0;
  for (const auto& e : l->entries) {
    if (!e.data) continue;
    for (uint8_t b : *e.data) sink = static_cast<uint8_t>(sink ^ b);
  }
  return 0;
}
