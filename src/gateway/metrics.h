// Counters and one histogram for /metrics, written in the Prometheus text exposition format
// (version 0.0.4). prometheus-cpp is not packaged in Debian 12 and the project takes no
// dependency outside Debian, so the small subset we need (counters with labels, one histogram)
// is written here. Thread safety: all methods may be called from any thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace aigis::gateway {

class Metrics {
 public:
  // Adds `v` to counter `name` with a label set already formatted as `a="x",b="y"` (values must
  // come from configuration or fixed enums, never from clients: label cardinality is bounded).
  // Takes views so the per-request calls with literal names allocate nothing once a series exists.
  void Add(std::string_view name, std::string_view labels, uint64_t v = 1);
  // The counter of one series, created at 0 if new: a caller that counts the same series on every
  // request keeps the pointer and adds to it without the lock, the lookups and the label string.
  // Valid as long as this Metrics (series are never removed).
  std::atomic<uint64_t>* Counter(std::string_view name, std::string_view labels);
  void ObserveUpstreamSeconds(double s);
  uint64_t Get(std::string_view name, std::string_view labels);
  std::string Render();

  static constexpr std::array<double, 12> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                      0.5,   1,    2.5,   5,    10,  30};

 private:
  std::mutex mu_;
  std::map<std::string, std::map<std::string, std::atomic<uint64_t>, std::less<>>, std::less<>>
      counters_;
  std::array<uint64_t, kBuckets.size()> buckets_{};
  uint64_t hist_count_ = 0;
  double hist_sum_ = 0;
};

// `s` escaped for a label value (backslash, quote, newline).
std::string LabelValue(std::string_view s);

}  // namespace aigis::gateway
