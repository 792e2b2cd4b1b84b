// Fuzzes the SSE parser (split at input-chosen points must give the same events as one feed)
// and the StreamGuard on top of it (any upstream stream: no crash, no unbounded growth, and a
// clean finish releases every event).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/sse.h"
#include "gateway/text_guard.h"

using namespace aigis::gateway;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2 || size > (1 << 16)) return 0;
  static auto engine = [] {
    aigis::guard::GuardPolicy p = aigis::guard::GuardPolicy::Defaults();
    p.direction = aigis::guard::Direction::kOutput;
    p.limits.max_detections = 256;
    auto e = aigis::guard::GuardEngine::Create(p);
    if (!e.ok()) std::abort();
    return *e;
  }();
  size_t step = 1 + data[0] % 64;
  Api api = static_cast<Api>(data[1] % 5);
  std::string_view in(reinterpret_cast<const char*>(data + 2), size - 2);
  SseLimits lim;
  lim.max_event_bytes = 4096;
  SseParser whole(lim), split(lim);
  std::vector<SseEvent> a, b;
  aigis::Status sa = whole.Feed(in, &a);
  aigis::Status sb;
  for (size_t i = 0; i < in.size() && sb.ok(); i += step) sb = split.Feed(in.substr(i, step), &b);
  if (sa.ok() != sb.ok()) std::abort();
  if (sa.ok()) {
    if (a.size() != b.size()) std::abort();
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i].data != b[i].data || a[i].event != b[i].event || a[i].id != b[i].id) std::abort();
  }
  static auto scanner = [] {
    auto s = aigis::guard::GuardScanner::Create(engine);
    if (!s.ok()) std::abort();
    return std::make_unique<aigis::guard::GuardScanner>(std::move(*s));
  }();
  aigis::guard::Vault vault;
  (void)vault.PlaceholderFor("EMAIL", "a@b.example");
  StreamLimits sl;
  sl.sse = lim;
  sl.max_channel_bytes = 1 << 16;
  StreamGuard g(scanner.get(), api, &vault, sl);
  std::string ready;
  aigis::Status st;
  for (size_t i = 0; i < in.size() && st.ok(); i += step) st = g.Feed(in.substr(i, step), &ready);
  if (st.ok()) (void)g.Finish(&ready);
  return 0;
}
