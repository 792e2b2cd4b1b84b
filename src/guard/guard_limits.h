// Limits for the guard pipeline (normaliser, decoders, detectors, streaming). Every field has a
// default and the reason for it; hitting a limit is reported as a detection of rule
// "guard.limit_exceeded" and never aborts the scan. Value type; thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/status.h"

namespace aigis::guard {

struct GuardLimits {
  // Larger inputs are rejected by Scan(); use GuardStream for unbounded text (proxies stream).
  uint64_t max_input_bytes = 256ull << 20;
  // Decoded payloads are rescanned at most this deep (base64 inside hex inside base64 ...).
  int max_decode_depth = 2;
  // Encoded runs longer than this are not decoded: payload smuggling uses short runs, while long
  // runs are images or binaries. Must stay below stream_holdback so streaming sees whole runs.
  size_t max_encoded_segment = 4096;
  // Shortest base64 run worth decoding (shorter runs are ordinary words and ids).
  size_t min_base64_segment = 24;
  // Shortest hex run worth decoding (16 bytes of payload).
  size_t min_hex_segment = 32;
  // Total decoded bytes rescanned per Scan() call, across all segments and depths.
  size_t max_decoded_bytes = 1 << 20;
  // Number of detections kept per scan; more means the input is adversarial.
  size_t max_detections = 4096;
  // Run-like detections (hidden characters, leakage) are cut at multiples of this absolute
  // offset so that block and stream scanning report the same spans.
  uint64_t span_grid = 2048;
  // Streaming keeps this many bytes of context around the emission boundary. It must exceed the
  // longest detection plus its context: at least twice max_encoded_segment, span_grid and
  // max_pattern_width (checked by Validate). Released text trails the input by about
  // 2 x stream_holdback + stream_step, so this is the latency/coverage trade-off of streams.
  size_t stream_holdback = 8192;
  // A stream is rescanned every stream_step new bytes (each pass rescans stream_holdback bytes of
  // context): smaller steps release text sooner at the cost of more scanning.
  size_t stream_step = 2048;
  // Patterns whose maximum width exceeds this are rejected at compile time (streaming needs
  // bounded matches).
  uint32_t max_pattern_width = 4096;

  // Checks the relations above (streaming exactness depends on them); names the offending key.
  Status Validate() const;
};

}  // namespace aigis::guard
