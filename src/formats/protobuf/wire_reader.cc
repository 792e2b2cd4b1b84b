#include "formats/protobuf/wire_reader.h"

#include <string>

namespace aigis::formats::protobuf {

namespace {
// Nested groups inside one skipped group; groups are obsolete, so real data nests 0-1 levels.
constexpr int kMaxGroupDepth = 64;
}  // namespace

Result<uint64_t> ReadVarint(ByteReader& r) {
  uint64_t start = r.absolute_offset();
  uint64_t v = 0;
  for (int i = 0; i < 10; ++i) {
    auto b = r.ReadU8();
    if (!b.ok()) return Status::Malformed(start, "protobuf: truncated varint");
    // The 10th byte may only carry the top bit of a 64-bit value.
    if (i == 9 && (*b & 0xfe) != 0) return Status::Malformed(start, "protobuf: varint overflow");
    v |= static_cast<uint64_t>(*b & 0x7f) << (7 * i);
    if ((*b & 0x80) == 0) return v;
  }
  return Status::Malformed(start, "protobuf: varint longer than 10 bytes");
}

Result<bool> WireReader::Next(WireField* f) {
  while (true) {
    if (r_.empty()) return false;
    uint64_t tag_offset = r_.absolute_offset();
    AIGIS_ASSIGN_OR_RETURN(uint64_t tag, ReadVarint(r_));
    uint64_t number = tag >> 3;
    if (number == 0 || number > 0x1fffffff) {
      return Status::Malformed(tag_offset,
                               "protobuf: invalid field number " + std::to_string(number));
    }
    f->number = static_cast<uint32_t>(number);
    f->offset = tag_offset;
    f->bytes = ByteView();
    f->value = 0;
    f->data_offset = r_.absolute_offset();
    switch (tag & 7) {
      case 0: {
        f->type = WireType::kVarint;
        AIGIS_ASSIGN_OR_RETURN(f->value, ReadVarint(r_));
        return true;
      }
      case 1: {
        f->type = WireType::kFixed64;
        AIGIS_ASSIGN_OR_RETURN(f->value, r_.ReadU64Le());
        return true;
      }
      case 5: {
        f->type = WireType::kFixed32;
        AIGIS_ASSIGN_OR_RETURN(f->value, r_.ReadU32Le());
        return true;
      }
      case 2: {
        f->type = WireType::kLen;
        AIGIS_ASSIGN_OR_RETURN(uint64_t len, ReadVarint(r_));
        f->data_offset = r_.absolute_offset();
        if (len > r_.remaining()) {
          return Status::Malformed(tag_offset, "protobuf: field " + std::to_string(number) +
                                                   " length " + std::to_string(len) + " > " +
                                                   std::to_string(r_.remaining()) + " bytes left");
        }
        AIGIS_ASSIGN_OR_RETURN(f->bytes, r_.ReadBytes(len));
        f->value = len;
        return true;
      }
      case 3:
        AIGIS_RETURN_IF_ERROR(SkipGroup(f->number));
        continue;  // groups are not returned
      case 4:
        return Status::Malformed(tag_offset, "protobuf: unmatched end-group tag");
      default:
        return Status::Malformed(tag_offset,
                                 "protobuf: invalid wire type " + std::to_string(tag & 7));
    }
  }
}

// Skips a group body up to its end tag. Nested groups are tracked with a counter (no recursion).
Status WireReader::SkipGroup(uint32_t number) {
  uint64_t start = r_.absolute_offset();
  int depth = 1;
  uint32_t open[kMaxGroupDepth];
  open[0] = number;
  while (depth > 0) {
    if (r_.empty()) return Status::Malformed(start, "protobuf: unterminated group");
    AIGIS_ASSIGN_OR_RETURN(uint64_t tag, ReadVarint(r_));
    uint64_t n = tag >> 3;
    if (n == 0 || n > 0x1fffffff) return Status::Malformed(start, "protobuf: bad tag in group");
    switch (tag & 7) {
      case 0: {
        AIGIS_ASSIGN_OR_RETURN(uint64_t ignored, ReadVarint(r_));
        (void)ignored;
        break;
      }
      case 1:
        AIGIS_RETURN_IF_ERROR(r_.Skip(8));
        break;
      case 5:
        AIGIS_RETURN_IF_ERROR(r_.Skip(4));
        break;
      case 2: {
        AIGIS_ASSIGN_OR_RETURN(uint64_t len, ReadVarint(r_));
        AIGIS_RETURN_IF_ERROR(r_.Skip(len));
        break;
      }
      case 3:
        if (depth >= kMaxGroupDepth) {
          return Status::LimitExceeded(
              start, "protobuf: groups nested deeper than " + std::to_string(kMaxGroupDepth));
        }
        open[depth++] = static_cast<uint32_t>(n);
        break;
      case 4:
        if (open[depth - 1] != n) return Status::Malformed(start, "protobuf: mismatched group end");
        --depth;
        break;
      default:
        return Status::Malformed(start, "protobuf: invalid wire type in group");
    }
  }
  return Status::Ok();
}

}  // namespace aigis::formats::protobuf
