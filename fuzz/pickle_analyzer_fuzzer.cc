// Fuzz target for the static pickle emulator: arbitrary bytes, small limits, plus the sniffer.
#include <cstddef>
#include <cstdint>

#include "formats/pickle/pickle_analyzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aigis::formats::pickle;
  aigis::ByteView in(data, size);
  PickleLimits lim;
  lim.max_opcodes = 100000;
  lim.max_stack = 1000;
  lim.max_marks = 200;
  lim.max_memo_entries = 1000;
  lim.max_dense_memo_index = 4096;
  lim.max_pickles = 16;
  lim.max_line_length = 4096;
  lim.max_containers = 10000;
  lim.max_element_pool = 20000;
  lim.max_imports = 1000;
  lim.max_recorded_calls = 1000;
  lim.max_anomalies = 100;
  lim.max_embedded = 100;
  lim.max_decoded_bytes = 1 << 16;
  AnalyzeOptions opts;
  PickleReport r = AnalyzePickle(in, lim, opts);
  // Invariants: offsets stay inside the input.
  for (const auto& e : r.embedded)
    if (e.offset > size || e.length > size - e.offset) __builtin_trap();
  if (r.end_offset > size || r.bytes_examined > size) __builtin_trap();
  for (const auto& c : r.calls) (void)r.CalleeName(c);
  (void)LooksLikePickle(in);
  return 0;
}
