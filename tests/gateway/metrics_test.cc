#include "gateway/metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace aigis::gateway {
namespace {

TEST(Metrics, RendersCountersAndHistogram) {
  Metrics m;
  m.Add("aigis_gateway_requests_total", "route=\"/v1/x\",status=\"200\"");
  m.Add("aigis_gateway_requests_total", "route=\"/v1/x\",status=\"200\"", 2);
  m.Add("aigis_gateway_client_disconnects_total", "");
  m.ObserveUpstreamSeconds(0.003);
  m.ObserveUpstreamSeconds(0.2);
  m.ObserveUpstreamSeconds(100);
  EXPECT_EQ(m.Get("aigis_gateway_requests_total", "route=\"/v1/x\",status=\"200\""), 3u);
  std::string t = m.Render();
  EXPECT_NE(t.find("# TYPE aigis_gateway_requests_total counter\n"), std::string::npos);
  EXPECT_NE(t.find("aigis_gateway_requests_total{route=\"/v1/x\",status=\"200\"} 3\n"),
            std::string::npos);
  EXPECT_NE(t.find("aigis_gateway_client_disconnects_total 1\n"), std::string::npos);
  EXPECT_NE(t.find("aigis_gateway_upstream_latency_seconds_bucket{le=\"0.005\"} 1\n"),
            std::string::npos);
  EXPECT_NE(t.find("aigis_gateway_upstream_latency_seconds_bucket{le=\"0.25\"} 2\n"),
            std::string::npos);
  EXPECT_NE(t.find("aigis_gateway_upstream_latency_seconds_bucket{le=\"+Inf\"} 3\n"),
            std::string::npos);
  EXPECT_NE(t.find("aigis_gateway_upstream_latency_seconds_count 3\n"), std::string::npos);
}

// A counter handle is the series itself: created at 0 (and rendered) when new, the same pointer
// for the same name and labels, and what Add adds to; counts from several threads all land.
TEST(Metrics, CounterHandlesShareTheSeries) {
  Metrics m;
  std::atomic<uint64_t>* c = m.Counter("aigis_gateway_tokens_total", "kind=\"input\"");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->load(), 0u);
  EXPECT_NE(m.Render().find("aigis_gateway_tokens_total{kind=\"input\"} 0\n"), std::string::npos);
  EXPECT_EQ(m.Counter("aigis_gateway_tokens_total", "kind=\"input\""), c);
  EXPECT_NE(m.Counter("aigis_gateway_tokens_total", "kind=\"output\""), c);
  m.Add("aigis_gateway_tokens_total", "kind=\"input\"", 5);
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; ++t)
    ts.emplace_back([c] {
      for (int i = 0; i < 1000; ++i) c->fetch_add(1, std::memory_order_relaxed);
    });
  for (auto& t : ts) t.join();
  EXPECT_EQ(m.Get("aigis_gateway_tokens_total", "kind=\"input\""), 4005u);
  EXPECT_EQ(m.Get("aigis_gateway_tokens_total", "kind=\"output\""), 0u);
  EXPECT_NE(m.Render().find("aigis_gateway_tokens_total{kind=\"input\"} 4005\n"),
            std::string::npos);
}

TEST(Metrics, LabelValuesAreEscaped) { EXPECT_EQ(LabelValue("a\"b\\c\nd"), "a\\\"b\\\\c\\nd"); }

}  // namespace
}  // namespace aigis::gateway
