// Decoders for payloads hidden in encodings: base64 (standard and URL-safe), hex, URL percent
// encoding and ROT13, and in character-level obfuscation: leetspeak ("1gn0r3 4ll"), spelled-out
// letters ("i g n o r e", "i.g.n.o.r.e") and reversed text. FindEncodedSegments finds candidate
// runs in the ORIGINAL text; Decode turns a run into bytes, and LooksLikeText decides whether the
// bytes are worth rescanning (binary blobs and images are not). All functions are pure, bounded by
// the sizes passed in, and reentrant.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "guard/guard_limits.h"

namespace aigis::guard::normalize {

enum class Encoding : uint8_t { kBase64, kHex, kUrl, kRot13, kObfuscated, kReversed };
std::string_view EncodingName(Encoding e);

struct EncodedSegment {
  Encoding encoding;
  size_t start;  // [start, end) in the scanned text
  size_t end;
};

// Appends candidate segments of `text` (base64, hex, URL-encoded runs) in offset order. Runs
// shorter than the limits' minimum or longer than max_encoded_segment are skipped.
void FindEncodedSegments(std::string_view text, const GuardLimits& limits,
                         std::vector<EncodedSegment>* out);

// Appends, in offset order, the stretches of `text` (a line, at most max_encoded_segment bytes)
// that show leetspeak (at least two places where a leet digit or symbol sits between letters) or
// letters spelled out one by one (four letters with one separator between each), for
// DecodeObfuscated. A cheap 64-byte mask test rejects ordinary text.
void FindObfuscatedSegments(std::string_view text, const GuardLimits& limits,
                            std::vector<EncodedSegment>* out);

// Decoders: write at most max_out bytes to *out (cleared first). Return false when the input is
// not valid for the encoding or the output would exceed max_out.
bool DecodeBase64(std::string_view in, size_t max_out, std::string* out);
bool DecodeHex(std::string_view in, size_t max_out, std::string* out);
bool DecodeUrl(std::string_view in, size_t max_out, std::string* out);
void Rot13(std::string_view in, std::string* out);
// Undoes spelling-out (runs of single letters with one separator between them become a word; a
// longer or different separator run between two letters becomes a space) and then leetspeak
// (in a token that has a letter, 0 1 3 4 5 7 @ $ become o i e a s t a s, and "11" becomes "ll").
// The output is never longer than the input.
void DecodeObfuscated(std::string_view in, std::string* out);
// The text with its UTF-8 code points in reverse order (invalid bytes move as single bytes).
void Reverse(std::string_view in, std::string* out);
bool Decode(Encoding e, std::string_view in, size_t max_out, std::string* out);

// True when `b` is mostly printable text (>= 90% printable ASCII or valid multi-byte UTF-8 and at
// least 4 letters), i.e. a decoded payload that should be rescanned.
bool LooksLikeText(std::string_view b);

}  // namespace aigis::guard::normalize
