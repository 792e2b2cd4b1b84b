// Decoders for payloads hidden in encodings: base64 (standard and URL-safe), hex, URL percent
// encoding and ROT13. FindEncodedSegments finds candidate runs in the ORIGINAL text; Decode turns a
// run into bytes, and LooksLikeText decides whether the bytes are worth rescanning (binary blobs
// and images are not). All functions are pure, bounded by the sizes passed in, and reentrant.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "guard/guard_limits.h"

namespace aigis::guard::normalize {

enum class Encoding : uint8_t { kBase64, kHex, kUrl, kRot13 };
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

// Decoders: write at most max_out bytes to *out (cleared first). Return false when the input is
// not valid for the encoding or the output would exceed max_out.
bool DecodeBase64(std::string_view in, size_t max_out, std::string* out);
bool DecodeHex(std::string_view in, size_t max_out, std::string* out);
bool DecodeUrl(std::string_view in, size_t max_out, std::string* out);
void Rot13(std::string_view in, std::string* out);
bool Decode(Encoding e, std::string_view in, size_t max_out, std::string* out);

// True when `b` is mostly printable text (>= 90% printable ASCII or valid multi-byte UTF-8 and at
// least 4 letters), i.e. a decoded payload that should be rescanned.
bool LooksLikeText(std::string_view b);

}  // namespace aigis::guard::normalize
