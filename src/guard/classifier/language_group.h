// A cheap language grouping of the classifier's compacted text, for per-group operating thresholds.
// Text in a language the model has not seen has few known n-grams, so its margin stays near the
// bias whatever it says; a threshold chosen on mostly-English benign rows does not transfer to it.
// The grouping lets the trainer pick one threshold per group (model.h, trainer.h).
//
// Groups, decided on the first kLanguageGroupScanBytes bytes of CompactText output:
//   non-Latin:    more letters outside the Latin script than in it (code points by Unicode block
//                 ranges; letter-ness from utf8proc's category), a word with any non-Latin letter
//                 counting wholly as non-Latin (the folding maps Cyrillic/Greek look-alikes);
//   English-like: otherwise, when at least kEnglishShareNum/kEnglishShareDen of the word tokens
//                 are common English function words (a fixed list), or the text has no letters;
//   other Latin:  the rest (German, French, Polish, Vietnamese, ...).
// Fixed for model version 3: changing it changes which threshold a stored model applies.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace aigis::guard::classifier {

enum class LanguageGroup : uint8_t { kEnglish = 0, kOtherLatin = 1, kNonLatin = 2 };
inline constexpr size_t kLanguageGroups = 3;
// Only a prefix is looked at: the cost stays bounded for long inputs, and training (which uses the
// first 4,096 compacted bytes of a row) and scoring see the same bytes.
inline constexpr size_t kLanguageGroupScanBytes = 4096;
inline constexpr size_t kEnglishShareNum = 1, kEnglishShareDen = 5;  // 20% of word tokens

// The group of `compact` (output of CompactText: ASCII lower-cased, whitespace runs collapsed).
LanguageGroup GroupOfCompact(std::string_view compact);

// "english", "other-latin", "non-latin".
std::string_view LanguageGroupName(LanguageGroup g);

}  // namespace aigis::guard::classifier
