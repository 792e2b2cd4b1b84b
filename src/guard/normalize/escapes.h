// Decoders for payloads written as character codes and escapes, the forms attack tools (garak's
// encoding probes, red-team kits) use besides base64 and hex: hex bytes with separators
// ("69 67 6e", "0x69 0x67", "69:67"), decimal character codes ("105 103 110"), backslash escapes
// ("\x69", "\u0069"), HTML character references ("&#105;", "&#x69;") and quoted-printable
// ("=69=67"). FindEscapedSegments finds candidate runs in the ORIGINAL text; the decoders turn a
// run into bytes (the engine then applies LooksLikeText, as for the other encodings). All
// functions are pure, bounded by the sizes passed in, and reentrant.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "guard/guard_limits.h"
#include "guard/normalize/decoders.h"

namespace aigis::guard::normalize {

// Fewest escapes (\x, \u, &#, =XX) in a stretch worth decoding: a few are ANSI colours, a
// "&#8217;" in scraped HTML or "=E2=80=99" in a mail; an attack needs dozens.
inline constexpr size_t kMinEscapes = 8;
// Longest plain stretch between two escapes of one segment ("Ign\x6fre" mixes them).
inline constexpr size_t kMaxEscapeGap = 8;

// Appends, in offset order and not overlapping, each at most max_encoded_segment bytes long (a
// longer run is cut at a code and continues in the next segment):
//  * kHexGroups: at least min_hex_segment / 2 hex bytes written "69 67", "69:67", "69,67",
//    "69, 67" or "0x69 0x67" (one separator throughout, a line break may stand for it), with at
//    least one a-f digit unless 0x-prefixed (a run of two-digit numbers is decimal). A run of
//    one-byte groups only: xxd's 4-digit groups, UUIDs, MAC addresses (6 bytes) and the 8-byte
//    halves of `hexdump -C` lines are not runs.
//  * kDecimal: at least min_hex_segment / 2 numbers of 1 to 3 digits with one separator, each a
//    text byte (9, 10, 13, 32..126), at least 3/4 of them letters or spaces (a CSV of numbers is
//    not), and not all of them in 0..9.
//  * kBinary: at least min_hex_segment / 2 groups of 7 or 8 binary digits with one separator
//    ("01101001 01100111"), every group a text byte; in a token of binary digits whose length
//    is a multiple of 8, each stretch of at least that many text bytes (a non-text byte splits
//    it; a long stretch is cut into pieces). Before this only the classifier read binary.
//  * kEscapes: stretches of at least kMinEscapes \xHH or \uHHHH escapes at most kMaxEscapeGap
//    bytes apart; kHtmlEntities: the same with &#DDD; / &#xHH;; kQuotedPrintable: =HH.
//    The letters glued to the first and last escape belong to the segment.
//  * kAscii85: "<~" ... "~>" with at least 20 symbols. kBase85: a whitespace-delimited token of
//    at least max(20, min_base64_segment) printable bytes with both letter cases and at least 3
//    symbols outside the base64 alphabet, not a URL (Ascii85 or RFC 1924 base85 without the frame;
//    a 64-byte mask skips blocks without such a run).
//  * kUuencode: a "begin NNN name" block up to its "end" line, or consecutive bare lines whose
//    length symbol matches their symbol count exactly (all in ' '..'`', so lower case never is),
//    at least 16 bytes in all.
//  * kUpsideDown: a line with at least kMinFlipped characters only upside-down text uses
//    (ɐ ǝ ɹ ʇ ʌ ʍ ʎ ɥ ɟ ƃ ɔ ᴉ ʞ ɾ ɯ ˙ and flipped capitals), at most 32 bytes apart.
// Digit-led runs are found from the digits (FindDigit, SSE2), escapes with memchr for '\\', '&'
// and '=', so prose costs a few passes of vector compares.
inline constexpr size_t kMinFlipped = 4;
void FindEscapedSegments(std::string_view text, const GuardLimits& limits,
                         std::vector<EncodedSegment>* out);

// Decoders: write at most max_out bytes to *out (cleared first); false when the input is not
// valid for the encoding or the output would exceed max_out.
// Tokens "HH" or "0xHH" between separators (any bytes other than letters and digits).
bool DecodeHexGroups(std::string_view in, size_t max_out, std::string* out);
// Numbers between separators; false unless each is 9, 10, 13 or 32..126.
bool DecodeDecimalCodes(std::string_view in, size_t max_out, std::string* out);
// Tokens of 7 or 8 binary digits between separators, or tokens of a multiple of 8 read 8 at a
// time; false unless each byte is 9, 10, 13 or 32..126.
bool DecodeBinaryCodes(std::string_view in, size_t max_out, std::string* out);
// \xHH as a byte, \uHHHH as UTF-8 (a surrogate pair as one code point, a lone surrogate as
// U+FFFD); other bytes are copied.
bool DecodeBackslashEscapes(std::string_view in, size_t max_out, std::string* out);
// &#DDD; and &#xHH; (';' optional) as UTF-8 (invalid code points as U+FFFD), and the named
// references &amp; &lt; &gt; &quot; &apos; &nbsp;; other bytes are copied.
bool DecodeHtmlEntities(std::string_view in, size_t max_out, std::string* out);
// =HH as a byte, a soft line break ("=" at the end of a line) removed; other bytes are copied.
bool DecodeQuotedPrintable(std::string_view in, size_t max_out, std::string* out);
// Ascii85 (Adobe: '!'..'u', 'z' for four zero bytes, whitespace ignored), with or without the
// "<~" "~>" frame; a short last group is padded as the format says.
bool DecodeAscii85(std::string_view in, size_t max_out, std::string* out);
// An unframed base85 token: RFC 1924 (Python b85encode) when that gives text, else Ascii85.
bool DecodeBase85(std::string_view in, size_t max_out, std::string* out);
// uuencode lines ("begin" header, "`" and "end" lines skipped); false on a line whose symbols do
// not match its length symbol.
bool DecodeUuencode(std::string_view in, size_t max_out, std::string* out);
// Upside-down text: the code points in reverse order, each flipped letter mapped back (also the
// plain letters that flip into each other: b/q, d/p, n/u, M/W). Never longer than the input.
bool DecodeUpsideDown(std::string_view in, size_t max_out, std::string* out);

// Hint-gated ciphers (the engine decodes the line around a `kind: cipher_hint` rule match).
void Atbash(std::string_view in, std::string* out);
// Caesar with the shift (1..25 but 13, which is ROT13's) whose decoding best fits English letter
// frequencies: one
// histogram and 25 x 26 products, whatever the length. False when there is no letter.
bool DecodeCaesar(std::string_view in, size_t max_out, std::string* out);

}  // namespace aigis::guard::normalize
