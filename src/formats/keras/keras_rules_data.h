// The Keras rule texts, embedded at build time from rules/keras/ (generated keras_rules_data.cc).
// Thread safety: constant data.
#pragma once

#include <string_view>

namespace aigis::formats::keras {

std::string_view EmbeddedModulesAllow();  // rules/keras/modules_allow.txt
std::string_view EmbeddedDeny();          // rules/keras/deny.txt

}  // namespace aigis::formats::keras
