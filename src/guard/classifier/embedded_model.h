// The shipped model (models/prompt-attack.aigm), embedded in the binary at build time so an
// installed aigis needs no data files. The bytes are still parsed and checksum-verified by
// ParseModel at start like any other file.
#pragma once

#include "core/bytes.h"

namespace aigis::guard::classifier {

// The embedded model bytes; empty when the build had no model file.
ByteView EmbeddedModel();
// Where the embedded model came from (for messages).
const char* EmbeddedModelPath();

}  // namespace aigis::guard::classifier
