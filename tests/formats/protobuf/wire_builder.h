// Test helper: builds protobuf wire-format bytes field by field, so tests can craft small
// (and broken) ONNX / TensorFlow messages without a schema. Header-only; value type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"

namespace aigis::testing {

class Wire {
 public:
  static std::string Varint(uint64_t v) {
    std::string out;
    while (v >= 0x80) {
      out.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out.push_back(static_cast<char>(v));
    return out;
  }
  static std::string Tag(uint32_t field, uint32_t wire_type) {
    return Varint((static_cast<uint64_t>(field) << 3) | wire_type);
  }

  Wire& Int(uint32_t field, uint64_t v) {
    buf_ += Tag(field, 0) + Varint(v);
    return *this;
  }
  Wire& Bytes(uint32_t field, std::string_view payload) {
    buf_ += Tag(field, 2) + Varint(payload.size());
    buf_.append(payload);
    return *this;
  }
  Wire& Msg(uint32_t field, const Wire& m) { return Bytes(field, m.str()); }
  Wire& Fixed32(uint32_t field, uint32_t v) {
    buf_ += Tag(field, 5);
    for (int i = 0; i < 4; ++i) buf_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    return *this;
  }
  Wire& Raw(std::string_view raw) {
    buf_.append(raw);
    return *this;
  }

  const std::string& str() const { return buf_; }
  ByteView view() const { return AsBytes(buf_); }

 private:
  std::string buf_;
};

}  // namespace aigis::testing
