// Fuzzes segment finding (encoded, obfuscated, run-together, Morse, NATO, braille, escapes and
// character codes) and every decoder with small limits; segments must lie inside the input, in
// order and not overlapping (all but the encoded and escaped ones), within max_encoded_segment,
// and decoded sizes must respect max_out.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "guard/normalize/decoders.h"
#include "guard/normalize/escapes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1 << 16)) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  aigis::guard::GuardLimits lim;
  lim.max_encoded_segment = 512;
  std::vector<aigis::guard::normalize::EncodedSegment> segs;
  aigis::guard::normalize::FindEncodedSegments(in, lim, &segs);
  {
    // Escapes and codes: in offset order, inside the input, at most one segment long.
    std::vector<aigis::guard::normalize::EncodedSegment> found;
    aigis::guard::normalize::FindEscapedSegments(in, lim, &found);
    size_t last_start = 0;
    for (const auto& s : found) {
      if (s.start >= s.end || s.end > size || s.start < last_start ||
          s.end - s.start > lim.max_encoded_segment) {
        std::abort();
      }
      last_start = s.start;
    }
    segs.insert(segs.end(), found.begin(), found.end());
  }
  // Each finder's segments: in order, not overlapping, inside the input, at most one segment long.
  using Finder = void (*)(std::string_view, const aigis::guard::GuardLimits&,
                          std::vector<aigis::guard::normalize::EncodedSegment>*);
  // FindObfuscatedSegments alone, and its run-together segments (the same pass) as a finder.
  Finder obfuscated = [](std::string_view t, const aigis::guard::GuardLimits& l,
                         std::vector<aigis::guard::normalize::EncodedSegment>* o) {
    aigis::guard::normalize::FindObfuscatedSegments(t, l, o);
  };
  Finder run_together = [](std::string_view t, const aigis::guard::GuardLimits& l,
                           std::vector<aigis::guard::normalize::EncodedSegment>* o) {
    std::vector<aigis::guard::normalize::EncodedSegment> other;
    aigis::guard::normalize::FindObfuscatedSegments(t, l, &other, o);
  };
  for (Finder find : {obfuscated, run_together, Finder{aigis::guard::normalize::FindMorseSegments},
                      Finder{aigis::guard::normalize::FindNatoSegments},
                      Finder{aigis::guard::normalize::FindBrailleSegments},
                      Finder{aigis::guard::normalize::FindVerticalSegments}}) {
    std::vector<aigis::guard::normalize::EncodedSegment> found;
    find(in, lim, &found);
    size_t last_end = 0;
    for (const auto& s : found) {
      if (s.start >= s.end || s.end > size || s.start < last_end ||
          s.end - s.start > lim.max_encoded_segment) {
        std::abort();
      }
      last_end = s.end;
    }
    segs.insert(segs.end(), found.begin(), found.end());
  }
  std::string out;
  for (const auto& s : segs) {
    if (s.start >= s.end || s.end > size) std::abort();
    if (aigis::guard::normalize::Decode(s.encoding, in.substr(s.start, s.end - s.start), 256,
                                        &out) &&
        out.size() > 256) {
      std::abort();
    }
    (void)aigis::guard::normalize::LooksLikeText(out);
  }
  for (auto e : {aigis::guard::normalize::Encoding::kBase64,
                 aigis::guard::normalize::Encoding::kHex,
                 aigis::guard::normalize::Encoding::kUrl,
                 aigis::guard::normalize::Encoding::kRot13,
                 aigis::guard::normalize::Encoding::kObfuscated,
                 aigis::guard::normalize::Encoding::kReversed,
                 aigis::guard::normalize::Encoding::kBase32,
                 aigis::guard::normalize::Encoding::kMorse,
                 aigis::guard::normalize::Encoding::kNato,
                 aigis::guard::normalize::Encoding::kBraille,
                 aigis::guard::normalize::Encoding::kHexGroups,
                 aigis::guard::normalize::Encoding::kDecimal,
                 aigis::guard::normalize::Encoding::kEscapes,
                 aigis::guard::normalize::Encoding::kHtmlEntities,
                 aigis::guard::normalize::Encoding::kQuotedPrintable,
                 aigis::guard::normalize::Encoding::kAscii85,
                 aigis::guard::normalize::Encoding::kBase85,
                 aigis::guard::normalize::Encoding::kUuencode,
                 aigis::guard::normalize::Encoding::kUpsideDown,
                 aigis::guard::normalize::Encoding::kAtbash,
                 aigis::guard::normalize::Encoding::kCaesar}) {
    if (aigis::guard::normalize::Decode(e, in, 128, &out) && out.size() > 128) std::abort();
  }
  // Reversing keeps the length, and twice gives back ASCII input (invalid UTF-8 can pair up
  // differently once reversed); de-obfuscation never grows the text.
  std::string twice;
  aigis::guard::normalize::Reverse(in, &out);
  if (out.size() != in.size()) std::abort();
  aigis::guard::normalize::Reverse(out, &twice);
  bool ascii = true;
  for (char c : in) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii && twice != in) std::abort();
  aigis::guard::normalize::DecodeObfuscated(in, &out);
  if (out.size() > in.size()) std::abort();
  // The letter codes never grow the text either (one byte per code word, cell or letter code, at
  // most one space per gap).
  if (aigis::guard::normalize::DecodeMorse(in, size, &out) && out.size() > in.size()) std::abort();
  if (aigis::guard::normalize::DecodeNato(in, size, &out) && out.size() > in.size()) std::abort();
  if (aigis::guard::normalize::DecodeBraille(in, size, &out) && out.size() > in.size())
    std::abort();
  // Splitting run-together words at most doubles the text, covers no more letters than the runs
  // have, and only inserts spaces.
  static const aigis::guard::normalize::SplitVocabulary* vocabulary = [] {
    auto* v = new aigis::guard::normalize::SplitVocabulary;
    for (const char* w : {"ignore", "all", "previous", "instructions", "in", "struct", "a", "an"})
      v->Add(w);
    return v;
  }();
  aigis::guard::normalize::SplitStats stats;
  aigis::guard::normalize::SplitRunTogetherWords(in, *vocabulary, &out, &stats);
  if (out.size() > 2 * in.size() || stats.covered > stats.letters) std::abort();
  auto without_spaces = [](std::string_view t) {
    std::string r;
    for (char c : t) {
      if (c != ' ') r.push_back(c);
    }
    return r;
  };
  if (without_spaces(out) != without_spaces(in)) std::abort();
  return 0;
}
