// Hex digit value, shared by the decoders of hex text (guard decoders and escapes, signing, pickle
// string escapes, Jinja escapes).
#pragma once

namespace aigis {

// 0..15 for [0-9a-fA-F], -1 for anything else.
constexpr int HexDigitValue(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static_assert(HexDigitValue('7') == 7 && HexDigitValue('b') == 11 && HexDigitValue('F') == 15 &&
              HexDigitValue('g') == -1 && HexDigitValue(0xff) == -1);

}  // namespace aigis
