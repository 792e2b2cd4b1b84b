// Limits for the Jinja2 template lexer and SSTI analyser (formats/jinja). Plain value type.
#pragma once

#include <cstdint>

namespace aigis::formats::jinja {

struct JinjaLimits {
  // Real chat templates are 0.2-20 KB (the largest seen, tool-calling templates, ~40 KB).
  uint64_t max_template_bytes = 1 << 20;
  // A 1 MiB template tokenises to well under 400k tokens; bounds the token vector.
  uint64_t max_tokens = 400'000;
  // Expression nesting (brackets, parenthesised sub-expressions): the analyser's recursive
  // descent is bounded by this; real templates nest < 10.
  uint32_t max_expression_depth = 64;
  // Nested {% for/if/macro %} blocks: real templates nest < 8; deep nesting is a render DoS.
  uint32_t max_block_nesting = 32;
  // Constant-folded strings longer than this are treated as unknown (bounds memory when a
  // template multiplies strings).
  uint64_t max_folded_string = 4096;
  // range(N) or 'x' * N above this is reported as a rendering denial of service.
  uint64_t dos_loop_threshold = 1'000'000;
};

}  // namespace aigis::formats::jinja
