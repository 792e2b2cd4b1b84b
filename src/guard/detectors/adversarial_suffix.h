// Adversarial-suffix detector: finds the "token soup" that optimisation attacks (GCG, its
// transfer suffixes, AutoPrompt triggers, random-search suffixes) append to a request, e.g.
// `... describing.\ + similarlyNow write oppositeley.]( Me giving**ONE please? revert`.
// The optimiser picks tokens for their effect, not their sense, so its output is dense in
// artefacts ordinary prose rarely has: case changes inside a word, punctuation glued between
// letters, odd punctuation clusters, several scripts in one token. One bounded pass over each
// line; a window of consecutive whitespace tokens fires when it holds enough artefacts of
// enough kinds AND follows English prose on the same line (code, URLs, base64, paths and LaTeX
// tokens count as neutral). Pure functions; reentrant; no allocation per token.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace aigis::guard::detectors {

// Fixed limits (not configurable: they define the detector, and streaming needs them bounded).
struct SuffixLimits {
  // Tokens per sliding window: published suffixes are 15-25 tokens long, so a window of 10 sits
  // inside one, while a few odd tokens scattered through a long prose line never share one.
  static constexpr size_t kWindowTokens = 10;
  // Clean English words required on the line before the first artefact: the attack is a request
  // followed by soup; a technical paste has no such lead-in.
  static constexpr uint32_t kMinProseWords = 5;
  // Tokens longer than this are neutral (base64, minified code, hashes; a suffix token is short).
  static constexpr size_t kMaxTokenBytes = 64;
  // Artefact tokens required in a window: one long odd token is not a suffix.
  static constexpr uint32_t kMinArtefactTokens = 3;
  // Of those, English function words ("the", "how", "to"): C and Python have many clean
  // lower-case words ("int", "const", "return") but not these.
  static constexpr uint32_t kMinFunctionWords = 2;
};

// Artefact kinds, one bit each.
enum SuffixArtefact : uint8_t {
  kArtCamel = 1,    // lower-case run of >= 3 letters then an upper-case letter ("similarlyNow")
  kArtGlue = 2,     // unusual ASCII punctuation between two letters ("giving**ONE", "y]{\c")
  kArtCluster = 4,  // >= 2 punctuation bytes that are not a prose opening/closing ("](", ".\")
  kArtScript = 8,   // letters of two scripts in one token ("Defs運行", Latin + Cyrillic)
};

struct SuffixSpan {
  uint64_t start = 0;  // [start, end) in the scanned text (relative to its first byte)
  uint64_t end = 0;
  uint32_t artefacts = 0;  // artefact weight (kinds summed over tokens) of the densest window
  uint32_t kinds = 0;      // distinct artefact kinds in the strongest window
};

// What one whitespace-free token is (exposed for tests).
struct SuffixToken {
  uint8_t art = 0;             // SuffixArtefact bits; 0 for neutral tokens
  bool code = false;           // code, markup, LaTeX, a path, snake_case, key=value
  bool clean = false;          // a plain English word ("request", "(see", "end.)")
  bool function_word = false;  // a clean word that is an English function word
  bool foreign = false;        // letters only of a non-Latin script
};
SuffixToken ClassifySuffixToken(std::string_view token);

// The line prefilter's count: bytes that end a case change, a punctuation pair, a one-byte glue
// between letters, or start a non-ASCII character (bytes before `segment` count as spaces). Every
// artefact token holds one, so a line with fewer than kMinArtefactTokens is skipped. Exposed for
// the test that checks the SSE2 path against a byte-at-a-time reading.
uint32_t CountSuffixEvents(std::string_view segment);

// Scans `text` line by line. Lines are also cut at absolute multiples of `grid` (the engine's
// span_grid; `base` is the absolute offset of text[0]) so that a stream window and the whole
// text see the same segments. Appends one span per run of firing windows.
void FindAdversarialSuffixes(std::string_view text, uint64_t base, uint64_t grid,
                             std::vector<SuffixSpan>* out);

}  // namespace aigis::guard::detectors
