// A zero-copy reader for the protocol buffers wire format, used by the ONNX and TensorFlow
// parsers. It decodes one message level at a time: a length-delimited field is handed back as a
// view, and the caller decides whether to decode it as a nested message (from its own work list).
// So the reader never recurses and never copies: a 2 GB ONNX file with inline weights is walked
// without materialising the weights (libprotobuf would copy every `bytes` field).
//
// Spec: https://protobuf.dev/programming-guides/encoding/ (varints, tags, wire types 0-5).
// Thread safety: a WireReader is a cursor, one per thread. Ownership: views point into the
// caller's buffer, which must outlive them.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/bytes.h"
#include "core/status.h"

namespace aigis::formats::protobuf {

enum class WireType : uint8_t {
  kVarint = 0,
  kFixed64 = 1,
  kLen = 2,
  kStartGroup = 3,
  kEndGroup = 4,
  kFixed32 = 5,
};

// One decoded field. For kLen, `bytes` is the payload; for the numeric types, `value` holds the
// raw varint / little-endian bits. Groups (deprecated, unused by ONNX and TensorFlow) are skipped
// by Next() and never returned.
struct WireField {
  uint32_t number = 0;
  WireType type = WireType::kVarint;
  uint64_t value = 0;
  ByteView bytes;
  uint64_t offset = 0;       // absolute offset of the tag
  uint64_t data_offset = 0;  // absolute offset of the payload (kLen) or value

  std::string_view str() const { return AsStringView(bytes); }
  // Two's-complement reinterpretation, as protobuf does for int32/int64 fields.
  int64_t as_int64() const { return static_cast<int64_t>(value); }
};

class WireReader {
 public:
  // `base_offset` is the absolute offset of `data` in the file (for offsets in errors/findings).
  explicit WireReader(ByteView data, uint64_t base_offset = 0) : r_(data, base_offset) {}

  // Decodes the next field into *f. Returns false at the clean end of the message; kMalformed for
  // a bad varint, a zero field number, a length past the end, or an unmatched end-group tag.
  Result<bool> Next(WireField* f);

  uint64_t absolute_offset() const { return r_.absolute_offset(); }

 private:
  Status SkipGroup(uint32_t number);
  ByteReader r_;
};

// Reads a base-128 varint (at most 10 bytes).
Result<uint64_t> ReadVarint(ByteReader& r);

// Calls fn(uint64_t) for each element of a packed repeated varint field. kMalformed on a bad
// varint. fn may return false to stop early.
template <typename Fn>
Status ForEachPackedVarint(ByteView payload, uint64_t base_offset, Fn&& fn) {
  ByteReader r(payload, base_offset);
  while (!r.empty()) {
    AIGIS_ASSIGN_OR_RETURN(uint64_t v, ReadVarint(r));
    if (!fn(v)) break;
  }
  return Status::Ok();
}

// A cheap structural check for sniffers: true when `head` begins with at least `min_fields`
// well-formed fields (or ends cleanly / runs off the end of `head` inside a length-delimited
// payload, which is expected when only the head of a file is given) and every field number seen
// is accepted by `accept(number, wire_type)`. `total_size` bounds declared lengths (a length
// reaching past the whole file is rejected). Never reads past `head`.
template <typename Accept>
bool LooksLikeMessage(ByteView head, uint64_t total_size, int min_fields, int max_fields,
                      Accept&& accept);

}  // namespace aigis::formats::protobuf

#include "formats/protobuf/wire_reader_inl.h"
