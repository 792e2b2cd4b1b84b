// Fuzzes the concept lexicon parser (guard/classifier/concepts.h): any bytes as a lexicon file.
// A lexicon that parses is matched against the same bytes folded and compacted, so the matcher's
// word-boundary checks see entries at the very start and end of the text; a second match (served
// by the per-thread word cache) must give the same hits.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "guard/classifier/concepts.h"
#include "guard/classifier/features.h"
#include "guard/normalize/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aigis::guard::classifier;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto lex = ConceptLexicon::Parse(in);
  if (!lex.ok()) return 0;
  std::string compact;
  CompactText(aigis::guard::normalize::FoldForMatching(in), &compact);
  std::vector<ConceptHit> hits;
  if (!(*lex)->Hits(compact, &hits).ok()) __builtin_trap();
  for (size_t i = 0; i < hits.size(); ++i) {
    const ConceptHit& h = hits[i];
    if (h.start >= compact.size() || h.concept_id >= (*lex)->concept_names().size()) {
      __builtin_trap();
    }
    if (i > 0 && (hits[i - 1].start > h.start ||
                  (hits[i - 1].start == h.start && hits[i - 1].concept_id >= h.concept_id))) {
      __builtin_trap();  // sorted, one per (start, concept)
    }
  }
  std::vector<ConceptHit> again;
  if (!(*lex)->Hits(compact, &again).ok() || again.size() != hits.size()) __builtin_trap();
  for (size_t i = 0; i < hits.size(); ++i) {
    if (again[i].start != hits[i].start || again[i].concept_id != hits[i].concept_id) {
      __builtin_trap();
    }
  }
  return 0;
}
