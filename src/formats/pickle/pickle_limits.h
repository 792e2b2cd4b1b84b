// Limits for the static pickle emulator (pickle_analyzer.h). Every bound the input could push is
// here; hitting one ends the analysis with a kLimitExceeded status (reported as a finding), never a
// crash. Plain value type.
#pragma once

#include <cstdint>

namespace aigis::formats::pickle {

struct PickleLimits {
  // Opcodes executed per stream: bounds CPU (300 MB/s dense pickles run ~50M opcodes/s).
  uint64_t max_opcodes = 4'000'000'000ull;
  // Values on the unpickler stack (16 bytes each): real pickles stay in the hundreds.
  uint64_t max_stack = 1u << 21;
  // Nested MARKs: CPython grows its mark array freely; we cap memory and depth abuse.
  uint64_t max_marks = 1u << 20;
  // Memo entries present at once (expansion / billion-laughs guard).
  uint64_t max_memo_entries = 1u << 22;
  // Memo indices below this use a dense array; larger ones (sparse, attacker-chosen) a hash map.
  uint64_t max_dense_memo_index = 1u << 22;
  // Pickles concatenated in one stream (legacy PyTorch writes 5).
  uint64_t max_pickles = 4096;
  // Protocol-0 text lines (GLOBAL, STRING, UNICODE ...): proto-0 arrays can be long lines.
  uint64_t max_line_length = 64ull << 20;
  // Elements remembered per container/call-args tuple (needed: joblib state, dtype args).
  uint32_t max_tracked_elements = 32;
  // Container records (lists, dicts, tuples, objects) with identity; beyond, untracked.
  uint64_t max_containers = 1u << 22;
  // Values kept in the shared element pool; beyond, elements are counted but not kept.
  uint64_t max_element_pool = 1u << 22;
  // Distinct import occurrences recorded (globals are memoized, so real pickles have few).
  uint64_t max_imports = 1'000'000;
  // Calls kept individually; beyond this they are only counted (calls_total).
  uint64_t max_recorded_calls = 1'000'000;
  // Anomalies kept; the rest are counted (anomalies_dropped).
  uint64_t max_anomalies = 10'000;
  // Embedded pickle ranges kept.
  uint64_t max_embedded = 10'000;
  // Bytes of decoded escaped strings (proto-0 STRING/UNICODE with escapes) kept in an arena.
  uint64_t max_decoded_bytes = 256ull << 20;
};

}  // namespace aigis::formats::pickle
