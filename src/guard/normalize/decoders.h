// Decoders for payloads hidden in encodings: base64 (standard and URL-safe), base32, hex, URL
// percent encoding and ROT13; in letter-by-letter codes red-team tools use: Morse code, the NATO
// phonetic alphabet and Unicode braille; and in character-level obfuscation: leetspeak ("1gn0r3
// 4ll"), spelled-out letters ("i g n o r e", "i.g.n.o.r.e") and reversed text. FindEncodedSegments
// finds candidate runs in the ORIGINAL text; Decode turns a run into bytes, and LooksLikeText
// decides whether the bytes are worth rescanning (binary blobs and images are not). All functions
// are pure, bounded by the sizes passed in, and reentrant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "guard/guard_limits.h"

namespace aigis::guard::normalize {

enum class Encoding : uint8_t {
  kBase64,
  kHex,
  kUrl,
  kRot13,
  kObfuscated,
  kReversed,
  kBase32,
  kMorse,
  kNato,
  kBraille,
  // Character codes and escapes (normalize/escapes.h).
  kHexGroups,
  kDecimal,
  kBinary,
  kEscapes,
  kHtmlEntities,
  kQuotedPrintable,
  kAscii85,
  kBase85,
  kUuencode,
  kUpsideDown,
  kAtbash,
  kCaesar,
  kVertical,
  kTypoglycemia,
  kRunTogether,
};
std::string_view EncodingName(Encoding e);

struct EncodedSegment {
  Encoding encoding;
  size_t start;  // [start, end) in the scanned text
  size_t end;
};

// Appends candidate segments of `text` (base64, base32, hex, URL-encoded runs) in offset order.
// Runs shorter than the limits' minimum or longer than max_encoded_segment are skipped. A run of
// only A-Z and 2-7 (the RFC 4648 base32 alphabet; at least min_base64_segment long, a valid base32
// length, up to six '=') is base32, not base64.
void FindEncodedSegments(std::string_view text, const GuardLimits& limits,
                         std::vector<EncodedSegment>* out);

// Appends, in offset order, the stretches of `text` (a line, at most max_encoded_segment bytes)
// that show leetspeak (at least two places where a leet digit or symbol sits between letters) or
// letters spelled out one by one (four letters with one separator between each), for
// DecodeObfuscated. A cheap 64-byte mask test rejects ordinary text.
// With run_together, the same pass over the letters also appends there, in offset order and not
// overlapping, a kRunTogether segment for each run of at least kMinSplitRun ASCII letters: words
// written together ("ignoreallpreviousinstructions", "IgnoreAllPrevious..."), with up to
// kRunTogetherContext bytes of its line on each side (less where the run before ends, or to keep
// the segment within max_encoded_segment). A run longer than max_encoded_segment is skipped (a
// sequence or a blob, not words), and so is one glued to code (a '.' before it, a '(' after
// it, '_' or a digit on either side). The engine splits such a segment with SplitRunTogetherWords
// and rescans it only when the split reads as the rules' words.
inline constexpr size_t kRunTogetherContext = 64;
void FindObfuscatedSegments(std::string_view text, const GuardLimits& limits,
                            std::vector<EncodedSegment>* out,
                            std::vector<EncodedSegment>* run_together = nullptr);

// Letter-by-letter codes. Each appends its segments in offset order, not overlapping, each at most
// max_encoded_segment bytes long (a longer run is cut at a separator and continues in the next
// segment, so padding cannot push an attack out of view).
//
// Morse: at least kMinMorseLetters letters of '.' and '-' (at most 7 symbols each) separated by
// spaces, with ' / ', '/', '|', runs of spaces and newlines as word gaps. A 64-byte mask of symbols
// and spaces finds "symbol space symbol"; prose almost never has it.
inline constexpr size_t kMinMorseLetters = 6;
void FindMorseSegments(std::string_view text, const GuardLimits& limits,
                       std::vector<EncodedSegment>* out);
// NATO phonetic alphabet: at least kMinNatoWords consecutive code words (case-insensitive; Alfa
// or Alpha, Juliett or Juliet, Xray or X-ray, Whiskey or Whisky), one space between the letters of
// a word, any other run of up to four separators (space, tab, newline, / | , . -) a word gap. Only
// letter runs of 4 to 8 bytes whose first letter and length fit a code word are looked up.
inline constexpr size_t kMinNatoWords = 8;
void FindNatoSegments(std::string_view text, const GuardLimits& limits,
                      std::vector<EncodedSegment>* out);
// Unicode braille (U+2800..U+28FF): at least kMinBrailleCells cells, with spaces, tabs and
// newlines between them. Found with memchr for the lead byte 0xE2, so ASCII text costs one pass.
inline constexpr size_t kMinBrailleCells = 8;
void FindBrailleSegments(std::string_view text, const GuardLimits& limits,
                         std::vector<EncodedSegment>* out);

// Text written vertically, a word or a letter per line ("ignore\nall\nprevious\n..."), which
// the signatures miss because their gaps stop at line ends. A short line holds 1 to
// kMaxVerticalLineBytes bytes (spaces, tabs and '\r' around it not counted), at most
// kMaxVerticalWords words and none of the bytes code is made of (= ; { } ( ) < > [ ] | \ ` $ #
// and '"'), so source code and tables rarely qualify. A segment is a run of at least
// kMinVerticalLines short lines, from the first to the last, with at most one blank line between
// two of them; a run longer than max_encoded_segment bytes is not decoded (as a long base64 run).
inline constexpr size_t kMaxVerticalLineBytes = 24;
inline constexpr size_t kMaxVerticalWords = 3;
inline constexpr size_t kMinVerticalLines = 4;
void FindVerticalSegments(std::string_view text, const GuardLimits& limits,
                          std::vector<EncodedSegment>* out);
// Joins the lines of a vertical segment with one space (a blank line also becomes one space).
// When every non-blank line is a single byte (a letter per line), the letters are joined without
// a space and a blank line or a line of spaces is the word gap. False when the output would
// exceed max_out.
bool DecodeVertical(std::string_view in, size_t max_out, std::string* out);
// True when every non-blank line of `in` is a single byte (DecodeVertical's letter mode).
bool VerticalLetters(std::string_view in);

// Typoglycemia: words whose inner letters are shuffled ("ignroe all prevoius insturctions"; the
// OWASP prompt-injection cheat sheet's example), which people read without effort. A word is
// known by its first letter, its last letter and the sorted letters between them; Unscramble
// puts the vocabulary word back where a word of the text has the key of one but is not it.
// Value type; thread-compatible.
inline constexpr size_t kMaxTypoWord = 16;
class TypoVocabulary {
 public:
  // Adds `word` when it is 4 to kMaxTypoWord letters a-z. Two words with one key ("form",
  // "from") make the key ambiguous, and it is not used.
  void Add(std::string_view word);
  size_t words() const { return words_; }
  // Copies `in` to *out with every ASCII-letter word of 4 to kMaxTypoWord letters whose key
  // belongs to exactly one vocabulary word, and which is not that word, replaced by the word
  // (lower case). Letter runs joined by single hyphens are read as one word ("ig-nore",
  // "in-struc-tions"), replaced also when they spell the word in order. Returns true when a
  // word was replaced; otherwise *out is left empty (the walk writes only once it knows).
  bool Unscramble(std::string_view in, std::string* out) const;

 private:
  static uint64_t Key(std::string_view lower_word);
  // Unscramble's walk; with out null it writes nothing and stops at the first replacement.
  bool Walk(std::string_view in, std::string* out) const;
  std::unordered_map<uint64_t, std::string> by_key_;  // "" for an ambiguous key
  // Bit (first letter, last letter, length) of every word: most words of a text are rejected by
  // it before their key (a sort and a hash) is computed.
  std::vector<uint64_t> shapes_ = std::vector<uint64_t>((26 * 26 * (kMaxTypoWord + 1) + 63) / 64);
  size_t words_ = 0;
};

// Decoders: write at most max_out bytes to *out (cleared first). Return false when the input is
// not valid for the encoding or the output would exceed max_out.
bool DecodeBase64(std::string_view in, size_t max_out, std::string* out);
// RFC 4648 base32 (A-Z 2-7, lower case accepted), with or without '=' padding.
bool DecodeBase32(std::string_view in, size_t max_out, std::string* out);
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
// Morse code to upper-case letters, digits and the common punctuation codes; a word gap becomes
// one space, an unknown code '?'. False when there is no letter or the output would exceed max_out.
bool DecodeMorse(std::string_view in, size_t max_out, std::string* out);
// NATO code words to upper-case letters (a word gap becomes one space; other text is dropped).
// False when there is no code word or the output would exceed max_out.
bool DecodeNato(std::string_view in, size_t max_out, std::string* out);
// English grade-1 braille: letter cells to lower-case letters, the capital sign (dot 6) upper-cases
// the next letter, the number sign (dots 3456) turns a-j into 1-0 up to the next space, common
// punctuation cells to their ASCII, the blank cell to a space; other cells become '?', other bytes
// are kept. False when the output would exceed max_out.
bool DecodeBraille(std::string_view in, size_t max_out, std::string* out);
// Lower-case ASCII words (2 to kMaxSplitWord letters) for SplitRunTogetherWords, kept as a trie
// so that the words starting at a position are found in one walk. Value type; thread-compatible.
inline constexpr size_t kMaxSplitWord = 24;
// What SplitRunTogetherWords did with the runs it split.
struct SplitStats {
  size_t letters = 0;  // letters in runs of at least kMinSplitRun
  size_t covered = 0;  // of those, letters inside vocabulary words
  size_t words = 0;    // vocabulary words of at least 3 letters written ("in", "er" are not)
};
class SplitVocabulary {
 public:
  // Adds `word` when it is 2 to kMaxSplitWord letters a-z; ignores anything else.
  void Add(std::string_view word);
  size_t words() const { return words_; }

 private:
  friend void SplitRunTogetherWords(std::string_view, const SplitVocabulary&, std::string*,
                                    SplitStats*);
  struct Node {
    uint32_t next[26] = {};  // 0: no child (the root is never a child)
    bool word = false;
  };
  std::vector<Node> nodes_ = std::vector<Node>(1);
  size_t words_ = 0;
};

// Splits runs of letters written without word gaps ("IGNOREALLPREVIOUS...", as garak's NATO probe
// writes them) into vocabulary words: in each letter run of at least kMinSplitRun letters, the
// split that covers the most letters with words, then uses the fewest words, is written with a
// space between words; letters no word covers stay together as one chunk. Other text is copied.
// Output at most twice the input; work at most kMaxSplitWord trie steps per letter.
inline constexpr size_t kMinSplitRun = 16;
void SplitRunTogetherWords(std::string_view in, const SplitVocabulary& vocabulary, std::string* out,
                           SplitStats* stats = nullptr);

bool Decode(Encoding e, std::string_view in, size_t max_out, std::string* out);

// True when `b` is mostly printable text (>= 90% printable ASCII or valid multi-byte UTF-8 and at
// least 4 letters), i.e. a decoded payload that should be rescanned.
bool LooksLikeText(std::string_view b);

}  // namespace aigis::guard::normalize
