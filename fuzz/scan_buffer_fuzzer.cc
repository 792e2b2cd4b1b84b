// Fuzzes the whole scanner on one in-memory file: sniffing, every analyzer, nested containers.
// Small limits keep each input fast (re2's habit of fuzzing with lowered limits).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "scan/pickle_policy.h"
#include "scan/scanner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const aigis::scan::Scanner* scanner = [] {
    aigis::scan::ScanOptions o;
    o.pickle_policy = *aigis::scan::PicklePolicy::LoadDefault();
    o.limits.max_depth = 4;
    o.limits.max_member_bytes = 8 << 20;
    o.limits.max_total_decompressed = 32 << 20;
    o.limits.max_members = 256;
    o.threads = 1;
    return new aigis::scan::Scanner(o);
  }();
  aigis::FileReport r = scanner->ScanBuffer(aigis::ByteView(data, size), "fuzz.bin");
  (void)r;
  return 0;
}
