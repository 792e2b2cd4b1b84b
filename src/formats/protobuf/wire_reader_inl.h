// Template definitions for wire_reader.h. Include wire_reader.h, not this file.
#pragma once

#include "core/checked_math.h"
#include "formats/protobuf/wire_reader.h"

namespace aigis::formats::protobuf {

template <typename Accept>
bool LooksLikeMessage(ByteView head, uint64_t total_size, int min_fields, int max_fields,
                      Accept&& accept) {
  ByteReader r(head);
  int fields = 0;
  while (!r.empty() && fields < max_fields) {
    auto tag = ReadVarint(r);
    if (!tag.ok()) return false;
    if (*tag >> 3 == 0 || *tag >> 3 > UINT32_MAX) return false;
    uint32_t number = static_cast<uint32_t>(*tag >> 3);
    auto type = static_cast<WireType>(*tag & 7);
    if (!accept(number, type)) return false;
    ++fields;
    switch (type) {
      case WireType::kVarint: {
        if (!ReadVarint(r).ok()) return fields - 1 >= min_fields && r.remaining() < 10;
        break;
      }
      case WireType::kFixed64:
        if (!r.Skip(8).ok()) return fields >= min_fields;
        break;
      case WireType::kFixed32:
        if (!r.Skip(4).ok()) return fields >= min_fields;
        break;
      case WireType::kLen: {
        auto len = ReadVarint(r);
        if (!len.ok()) return false;
        // The payload may continue past the head; it must still fit in the whole file.
        if (!RangeFits(r.offset(), *len, total_size)) return false;
        if (*len > r.remaining()) return fields >= min_fields;
        (void)r.Skip(*len);
        break;
      }
      default:
        return false;  // groups: not used by the formats we sniff
    }
  }
  return fields >= min_fields;
}

}  // namespace aigis::formats::protobuf
