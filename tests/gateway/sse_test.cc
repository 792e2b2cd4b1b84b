#include "gateway/sse.h"

#include <gtest/gtest.h>

namespace aigis::gateway {
namespace {

std::vector<SseEvent> ParseSplit(std::string_view s, size_t step, Status* final_status = nullptr) {
  SseParser p;
  std::vector<SseEvent> out;
  for (size_t i = 0; i < s.size(); i += step) EXPECT_TRUE(p.Feed(s.substr(i, step), &out).ok());
  Status st = p.Finish();
  if (final_status)
    *final_status = st;
  else
    EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

TEST(SseParser, EventsFieldsAndLineEndingsAtEverySplit) {
  const std::string s =
      ": keep-alive\r\nevent: content_block_delta\r\ndata: {\"a\":1}\r\n\r\n"
      "data: first\ndata:second\nid: 7\n\n"
      "data: cr only\r\r"
      "retry: 100\nunknown: x\ndata\n\n";
  for (size_t step = 1; step <= s.size(); ++step) {
    auto ev = ParseSplit(s, step);
    ASSERT_EQ(ev.size(), 4u) << step;
    EXPECT_EQ(ev[0].event, "content_block_delta");
    EXPECT_EQ(ev[0].data, "{\"a\":1}");
    EXPECT_EQ(ev[1].data, "first\nsecond");
    EXPECT_EQ(ev[1].id, "7");
    EXPECT_EQ(ev[2].data, "cr only");
    EXPECT_EQ(ev[3].data, "");
  }
}

TEST(SseParser, EventWithoutDataIsNotDispatched) {
  auto ev = ParseSplit("event: ping\n\n: comment\n\n", 5);
  EXPECT_TRUE(ev.empty());
}

TEST(SseParser, StreamEndingInsideAnEventIsMalformed) {
  Status st;
  ParseSplit("data: {\"a\":", 3, &st);
  EXPECT_EQ(st.code(), StatusCode::kMalformed);
  ParseSplit("data: done\n", 4, &st);  // no blank line: the event never completed
  EXPECT_EQ(st.code(), StatusCode::kMalformed);
}

TEST(SseParser, LimitsAreEnforced) {
  SseLimits lim;
  lim.max_event_bytes = 16;
  SseParser p(lim);
  std::vector<SseEvent> out;
  EXPECT_TRUE(p.Feed("data: 0123456789\n", &out).ok());
  Status st = p.Feed("data: 0123456789\n", &out);
  EXPECT_EQ(st.code(), StatusCode::kLimitExceeded);
  EXPECT_FALSE(p.Feed("\n", &out).ok());  // unusable after an error
  SseParser q(lim);
  EXPECT_EQ(q.Feed(std::string(40, 'x'), &out).code(), StatusCode::kLimitExceeded);
  SseLimits few;
  few.max_events_per_feed = 2;
  SseParser r(few);
  EXPECT_EQ(r.Feed("data: a\n\ndata: b\n\ndata: c\n\n", &out).code(), StatusCode::kLimitExceeded);
}

TEST(FormatSseEvent, RoundTripsThroughTheParser) {
  std::string s = FormatSseEvent("error", "line1\nline2") + FormatSseEvent("", "{}");
  EXPECT_EQ(s, "event: error\ndata: line1\ndata: line2\n\ndata: {}\n\n");
  auto ev = ParseSplit(s, 1);
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].data, "line1\nline2");
}

}  // namespace
}  // namespace aigis::gateway
