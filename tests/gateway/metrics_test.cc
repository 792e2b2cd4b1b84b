#include "gateway/metrics.h"

#include <gtest/gtest.h>

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

TEST(Metrics, LabelValuesAreEscaped) { EXPECT_EQ(LabelValue("a\"b\\c\nd"), "a\\\"b\\\\c\\nd"); }

}  // namespace
}  // namespace aigis::gateway
