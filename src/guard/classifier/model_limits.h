// Limits for reading a classifier model file (untrusted bytes: a policy can name any file).
#pragma once

#include <cstdint>

namespace aigis::guard::classifier {

struct ModelLimits {
  // 2^24 int16 weights are 32 MiB; larger tables buy nothing for text this short and would let
  // a hostile file make us allocate without bound.
  uint8_t max_log2_buckets = 24;
  // Below 2^10 buckets collisions swamp every feature; such a file is a mistake, not a model.
  uint8_t min_log2_buckets = 10;
  // Header + the largest table above, with room to spare.
  uint64_t max_file_bytes = 40ull << 20;
  // Windows beyond 64 KiB dilute a short injection to nothing; below 64 bytes a window sees no
  // context.
  uint32_t max_window_bytes = 64 * 1024;
  uint32_t min_window_bytes = 64;
  // Character n-grams longer than 8 bytes only memorise; word n-grams above 3 likewise (and the
  // feature loop keeps 4 word hashes).
  uint8_t max_char_ngram = 8;
  uint8_t max_word_ngram = 3;
  // Rule names are "classifier.<name>": short and printable.
  uint8_t max_name_bytes = 32;
  // Concept feature copies: beyond 16 the copies only add hash-table pressure.
  uint8_t max_concept_copies = 16;
};

}  // namespace aigis::guard::classifier
