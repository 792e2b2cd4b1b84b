// Normalisation for matching: validates UTF-8 and folds text so that signatures see one spelling
// (compatibility decomposition as in NFKD/NFKC, case folding, combining marks stripped, Unicode
// spaces to ' ', Cyrillic/Greek look-alikes to Latin, Unicode tag characters decoded to the ASCII
// they hide, zero-width/bidi/other format characters removed). Every output byte maps back to the
// byte span of the original code point, so detections report ORIGINAL offsets.
// Hidden characters found on the way (zero-width, bidi controls, tag characters, variation-selector
// runs, mixed-script words, invalid UTF-8) are reported as detections.
// Fast path: pure ASCII input is not copied; the view aliases the input (patterns are caseless).
// Thread safety: functions are reentrant; a Normalizer object is one per thread (it reuses
// buffers).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "guard/detection.h"

namespace aigis::guard::normalize {

// std::allocator whose resize() leaves new elements uninitialised: the offset maps are written
// right after they grow, so zero-filling them first was a second pass over 8 bytes per input byte.
template <typename T>
struct UninitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitAllocator<U>;
  };
  UninitAllocator() = default;
  template <typename U>
  UninitAllocator(const UninitAllocator<U>&) noexcept {}
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

class NormalizedText {
 public:
  // The folded text. When identity() it aliases the input given to Normalize (caller keeps it
  // alive); otherwise it points into the object's buffer.
  std::string_view text() const { return text_; }
  bool identity() const { return identity_; }
  // Maps [a, b) of text() to the original byte span. REQUIRES: a < b <= text().size().
  void ToOriginal(size_t a, size_t b, uint64_t* start, uint64_t* end) const {
    if (identity_) {
      *start = a;
      *end = b;
      return;
    }
    *start = start_map_[a];
    *end = end_map_[b - 1];
  }
  // Frees the buffers when they hold more than `max_bytes` of folded text (the object is kept
  // for reuse, and one huge input should not pin 10 bytes per input byte). Invalidates text().
  void ReleaseIfOver(size_t max_bytes) {
    if (buf_.capacity() <= max_bytes) return;
    text_ = {};
    identity_ = true;
    std::string().swap(buf_);
    decltype(start_map_)().swap(start_map_);
    decltype(end_map_)().swap(end_map_);
  }

 private:
  friend class Normalizer;
  std::string_view text_;
  bool identity_ = true;
  std::string buf_;
  std::vector<uint32_t, UninitAllocator<uint32_t>> start_map_;
  std::vector<uint32_t, UninitAllocator<uint32_t>> end_map_;
};

// Kinds of hidden characters; each becomes a detection rule "hidden.<name>".
enum class HiddenKind : uint8_t {
  kZeroWidth,
  kBidi,
  kUnicodeTag,
  kVariationSelectors,
  kHomoglyph,
  kInvalidUtf8,
};
std::string_view HiddenRuleId(HiddenKind k);

struct HiddenSpan {
  HiddenKind kind;
  uint64_t start;
  uint64_t end;
};

class Normalizer {
 public:
  // Normalises `in` (REQUIRES: in.size() < 4 GiB) into *out; appends hidden-character runs
  // (adjacent characters of one kind merged) to *hidden when it is not null.
  void Normalize(std::string_view in, NormalizedText* out, std::vector<HiddenSpan>* hidden) {
    Run(in, out, hidden, true);
  }
  // The same result without the ASCII shortcuts: every byte goes through the general
  // per-code-point path (utf8proc). Slow; the reference the fast paths are tested against.
  void NormalizeReference(std::string_view in, NormalizedText* out,
                          std::vector<HiddenSpan>* hidden) {
    Run(in, out, hidden, false);
  }

 private:
  void Run(std::string_view in, NormalizedText* out, std::vector<HiddenSpan>* hidden,
           bool ascii_shortcuts);
};

// Convenience: the folded text alone (for patterns, canaries, system prompts).
std::string FoldForMatching(std::string_view in);

// Decodes the Unicode tag characters (U+E0020..U+E007E) in `in` to the ASCII they carry.
std::string DecodeTagCharacters(std::string_view in);

// True when `in` is pure ASCII (the fast path).
bool IsAscii(std::string_view in);

// Strict UTF-8 decoder step: decodes one code point at in[i]; returns its length (1..4), or 0 for
// an invalid byte (which the caller skips as a single byte). REQUIRES: i < in.size().
int DecodeUtf8(std::string_view in, size_t i, char32_t* cp);

}  // namespace aigis::guard::normalize
