#include "gateway/metrics.h"

#include <cstdio>

namespace aigis::gateway {
namespace {

const char* HelpFor(const std::string& name) {
  if (name == "aigis_gateway_requests_total") return "Requests by route and HTTP status.";
  if (name == "aigis_gateway_verdicts_total") return "Guard verdicts by direction.";
  if (name == "aigis_gateway_detections_total")
    return "Guard detections by direction and category.";
  if (name == "aigis_gateway_tokens_total") return "Tokens reported by upstreams.";
  if (name == "aigis_gateway_rate_limited_total") return "Requests refused by a key limit.";
  if (name == "aigis_gateway_upstream_errors_total") return "Upstream failures by kind.";
  if (name == "aigis_gateway_client_disconnects_total")
    return "Clients gone before the answer ended.";
  return "aigis gateway counter.";
}

}  // namespace

std::string LabelValue(std::string_view s) {
  std::string o;
  for (char c : s) {
    if (c == '\\')
      o += "\\\\";
    else if (c == '"')
      o += "\\\"";
    else if (c == '\n')
      o += "\\n";
    else
      o += c;
  }
  return o;
}

void Metrics::Add(std::string_view name, std::string_view labels, uint64_t v) {
  Counter(name, labels)->fetch_add(v, std::memory_order_relaxed);
}

std::atomic<uint64_t>* Metrics::Counter(std::string_view name, std::string_view labels) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = counters_.find(name);
  if (it == counters_.end())
    it = counters_.emplace(std::string(name), decltype(it->second)()).first;
  auto jt = it->second.find(labels);
  if (jt == it->second.end())
    jt = it->second
             .emplace(std::piecewise_construct, std::forward_as_tuple(labels),
                      std::forward_as_tuple(0))
             .first;
  return &jt->second;
}

uint64_t Metrics::Get(std::string_view name, std::string_view labels) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = counters_.find(name);
  if (it == counters_.end()) return 0;
  auto jt = it->second.find(labels);
  return jt == it->second.end() ? 0 : jt->second.load(std::memory_order_relaxed);
}

void Metrics::ObserveUpstreamSeconds(double s) {
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (s <= kBuckets[i]) ++buckets_[i];
  ++hist_count_;
  hist_sum_ += s;
}

std::string Metrics::Render() {
  std::lock_guard<std::mutex> lock(mu_);
  std::string o;
  for (const auto& [name, series] : counters_) {
    o += "# HELP " + name + " " + HelpFor(name) + "\n# TYPE " + name + " counter\n";
    for (const auto& [labels, v] : series) {
      o += name;
      if (!labels.empty()) o += "{" + labels + "}";
      o += ' ';
      o += std::to_string(v.load(std::memory_order_relaxed));
      o += '\n';
    }
  }
  const std::string h = "aigis_gateway_upstream_latency_seconds";
  o += "# HELP " + h + " Time from sending a request upstream to the response head.\n";
  o += "# TYPE " + h + " histogram\n";
  char buf[64];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%g", kBuckets[i]);
    o += h + "_bucket{le=\"" + buf + "\"} " + std::to_string(buckets_[i]) + "\n";
  }
  o += h + "_bucket{le=\"+Inf\"} " + std::to_string(hist_count_) + "\n";
  std::snprintf(buf, sizeof buf, "%.6f", hist_sum_);
  o += h + "_sum " + buf + "\n" + h + "_count " + std::to_string(hist_count_) + "\n";
  return o;
}

}  // namespace aigis::gateway
