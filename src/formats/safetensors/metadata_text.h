// Heuristics for free-text metadata that looks like code (safetensors __metadata__, GGUF string
// values, model-card fields). Metadata is only ever data; a script in it is smuggled payload or
// an attack on a downstream viewer (XSS) or tool (shell). Stateless; thread-safe.
#pragma once

#include <string_view>

namespace aigis::formats::safetensors {

// Returns "python", "shell", "html", "javascript" or "" when `text` does not look like code.
// The pattern that matched is written to *evidence (a view into a static string) when non-null.
std::string_view CodeLikeKind(std::string_view text, std::string_view* evidence = nullptr);

}  // namespace aigis::formats::safetensors
