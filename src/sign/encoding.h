// Hex and base64 (RFC 4648, standard alphabet) codecs used by the OMS bundle and key files.
// Pure functions on values; thread-safe. Decoders accept untrusted text and never read past it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"

namespace aigis::sign {

std::string HexEncode(ByteView bytes);
// Lower- or upper-case hex, even length; anything else is kMalformed.
Result<std::vector<uint8_t>> HexDecode(std::string_view hex);

std::string Base64Encode(ByteView bytes);
// Standard alphabet with '=' padding; ASCII whitespace and a missing final padding are tolerated
// (protobuf JSON writers differ); '-' and '_' (URL alphabet) are accepted too, as protobuf does.
Result<std::vector<uint8_t>> Base64Decode(std::string_view text);

}  // namespace aigis::sign
