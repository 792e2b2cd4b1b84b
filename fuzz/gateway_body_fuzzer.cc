// Fuzzes request/answer body handling: JSON parsing with limits, text extraction for every API,
// guard with redaction into a vault, restoring into an answer, and re-serialising.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/request_body.h"
#include "gateway/text_guard.h"

using namespace aigis::gateway;

namespace {

std::unique_ptr<aigis::guard::GuardScanner> MakeScanner(aigis::guard::Direction d) {
  aigis::guard::GuardPolicy p = aigis::guard::GuardPolicy::Defaults();
  p.direction = d;
  p.limits.max_detections = 256;
  auto e = aigis::guard::GuardEngine::Create(p);
  if (!e.ok()) std::abort();
  auto s = aigis::guard::GuardScanner::Create(*e);
  if (!s.ok()) std::abort();
  return std::make_unique<aigis::guard::GuardScanner>(std::move(*s));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > (1 << 16)) return 0;
  static auto in = MakeScanner(aigis::guard::Direction::kInput);
  static auto out = MakeScanner(aigis::guard::Direction::kOutput);
  Api api = static_cast<Api>(data[0] % 5);
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  JsonLimits lim;
  lim.max_depth = 32;
  lim.max_leaves = 2000;
  {
    // The request path's simdjson parser against the reference (nlohmann): the same bodies
    // accepted, the same texts, and an unchanged rebuild is the same document.
    std::string copy(body);
    auto rb = RequestBody::Parse(copy, lim);
    auto ref = ParseRequestJson(body, lim);
    if (rb.ok() != (ref.ok() && ref->is_object())) std::abort();
    if (rb.ok()) {
      std::vector<std::string_view> texts;
      std::vector<TextLeaf> ref_leaves;
      aigis::Status st = rb->Texts(&texts);
      if (st.ok() != CollectText(*ref, Api::kChatCompletions, lim, &ref_leaves).ok()) std::abort();
      if (st.ok()) {
        std::vector<std::string> a(texts.begin(), texts.end()), b;
        for (const TextLeaf& l : ref_leaves) b.push_back(l.node->get<std::string>());
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        if (a != b) std::abort();
        if (nlohmann::json::parse(rb->Render({}, {}), nullptr, false) != *ref) std::abort();
      }
    }
  }
  auto doc = ParseJsonBody(body, lim);
  if (!doc.ok()) return 0;
  std::vector<TextLeaf> leaves;
  if (!CollectText(*doc, api, lim, &leaves).ok()) return 0;
  aigis::guard::Vault vault;
  GuardSummary s = GuardDocument(*in, leaves, &vault, nullptr);
  if (s.detections.size() != s.actions.size()) std::abort();
  std::string redacted = doc->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // The redacted request, read back as an answer, gets the placeholders restored.
  auto again = ParseJsonBody(redacted, lim);
  if (!again.ok()) std::abort();  // our own output must parse
  std::vector<TextLeaf> l2;
  if (!CollectText(*again, api, lim, &l2).ok()) return 0;
  GuardDocument(*out, l2, nullptr, &vault);
  (void)again->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  Usage u;
  ReadUsage(*again, &u);
  return 0;
}
