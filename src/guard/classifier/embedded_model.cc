#include "guard/classifier/embedded_model.h"

#ifdef AIGIS_EMBEDDED_MODEL_PATH
// .incbin keeps a multi-megabyte table out of the C++ front end. AIGIS_EMBEDDED_MODEL_SHA256 is
// in the compile definitions so that ccache (which does not see .incbin inputs) recompiles this
// file whenever the model changes.
__asm__(
    ".pushsection .rodata\n"
    ".balign 16\n"
    ".global aigis_embedded_model_begin\n"
    "aigis_embedded_model_begin:\n"
    ".incbin \"" AIGIS_EMBEDDED_MODEL_PATH
    "\"\n"
    ".global aigis_embedded_model_end\n"
    "aigis_embedded_model_end:\n"
    ".popsection\n");
extern "C" const uint8_t aigis_embedded_model_begin[];
extern "C" const uint8_t aigis_embedded_model_end[];
static_assert(sizeof(AIGIS_EMBEDDED_MODEL_SHA256) > 1, "model digest");
#endif

namespace aigis::guard::classifier {

ByteView EmbeddedModel() {
#ifdef AIGIS_EMBEDDED_MODEL_PATH
  return ByteView(aigis_embedded_model_begin,
                  static_cast<size_t>(aigis_embedded_model_end - aigis_embedded_model_begin));
#else
  return ByteView();
#endif
}

const char* EmbeddedModelPath() {
#ifdef AIGIS_EMBEDDED_MODEL_PATH
  return AIGIS_EMBEDDED_MODEL_PATH;
#else
  return "(none: built without models/prompt-attack.aigm)";
#endif
}

}  // namespace aigis::guard::classifier
