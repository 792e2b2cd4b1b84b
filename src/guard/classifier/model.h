// The classifier model file: a logistic-regression weight table over hashed features (features.h),
// quantised to int16, with the feature and window configuration and the operating threshold.
//
// Layout (little-endian), versions 2 to 5 (version 1 hashed character n-grams byte by byte with
// FNV; its weights mean nothing under version 2's hashing, so it is refused):
//   0   8  magic "AIGISCLF"
//   8   4  u32 version (2 to 5)
//   12  1  u8 char_min, u8 char_max, u8 word_max, u8 log2_buckets
//   16  4  u32 window_bytes, 4 u32 window_stride
//   24  4  f32 bias, 4 f32 weight scale, 4 f32 threshold (raw margin of the operating point)
//   ..     version 3: u8 group count (= kLanguageGroups), then one f32 threshold per
//          language group (language_group.h), in LanguageGroup order; version 4: the same with
//          a group count of 0 or kLanguageGroups, then u8 feature flags (bit 0: fold_encoded,
//          bit 1: fold_numbers; other bits must be 0); version 5: the same, then u8 concept_copies
//          (1..16) and the 32-byte SHA-256 of the concept lexicon it was trained with (concepts.h:
//          a model trained with another lexicon is refused)
//   ..  1  u8 name length, then the name ([a-z0-9._-])
//   ..  8  u64 weight count (must equal 2^log2_buckets)
//   ..     weight count x i16 weights
//   end 32 SHA-256 of every byte before it
// The checksum is checked before any field is trusted beyond the header sizes.
// Thread safety: LinearModel is a value; share it as shared_ptr<const>.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "guard/classifier/features.h"
#include "guard/classifier/language_group.h"
#include "guard/classifier/model_limits.h"

namespace aigis::guard::classifier {

inline constexpr char kModelMagic[8] = {'A', 'I', 'G', 'I', 'S', 'C', 'L', 'F'};
// Version 3 adds per-language-group thresholds, version 4 feature flags, version 5 concept
// features; a model is written in
// the lowest version that holds it (no flags, no groups: version 2), so a model trained without
// the options keeps its bytes. Version 2 loads with the global threshold for every group.
inline constexpr uint32_t kModelVersion = 5;
inline constexpr uint32_t kMinModelVersion = 2;

struct LinearModel {
  FeatureConfig features;
  uint32_t window_bytes = 1024;  // compacted bytes scored together
  uint32_t window_stride = 512;  // step between windows (divides window_bytes)
  float bias = 0;
  float scale = 1;      // weight = int16 * scale
  float threshold = 0;  // margin at the operating point (score 0.5 after calibration)
  // Empty, or one threshold per LanguageGroup (used instead of `threshold` for that group).
  std::vector<float> group_thresholds;
  std::string name = "linear";
  std::vector<int16_t> weights;  // 2^features.log2_buckets entries
};

// The threshold applied to text of group `g`.
float ThresholdFor(const LinearModel& m, LanguageGroup g);

// Serialises `m` to the file layout above (deterministic: same model, same bytes); version 3
// only when it has group thresholds.
std::string SerializeModel(const LinearModel& m);

// Parses and validates a model file. Errors name the field and offset ("classifier model: ...").
Result<LinearModel> ParseModel(ByteView data, const ModelLimits& limits = ModelLimits());

// Reads `path` (NotFound when missing) and parses it.
Result<LinearModel> LoadModelFile(const std::string& path,
                                  const ModelLimits& limits = ModelLimits());

// Checks a configuration (also used by the trainer before it trains).
Status ValidateConfig(const LinearModel& m, const ModelLimits& limits = ModelLimits());

}  // namespace aigis::guard::classifier
