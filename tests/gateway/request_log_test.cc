#include "gateway/request_log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

namespace aigis::gateway {
namespace {

using Json = nlohmann::json;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// Strings come out byte for byte as nlohmann printed them, escapes and bad UTF-8 included.
TEST(JsonLine, StringsAsNlohmannPrintsThem) {
  const std::vector<std::string> values = {
      "",
      "plain",
      "quote \" and backslash \\",
      "ctl \b\f\n\r\t \x01\x1f\x7f",
      "é ü 中文 😀",
      "bad \xff utf8",
      "cut \xe4\xb8",
      std::string("nul \0 in", 8),
      "[EMAIL_1]",
  };
  for (const std::string& v : values) {
    std::string line = JsonLine().Str("k", v).Done();
    EXPECT_EQ(line, Dump(Json{{"k", v}})) << v;
  }
}

TEST(JsonLine, FieldsInOrderAndNumbers) {
  std::set<std::string> cats = {"pii", "secret\"x"};
  std::string line = JsonLine()
                         .StrArray("categories", cats)
                         .Int("i", -42)
                         .Uint("u", 18446744073709551615ull)
                         .Double("d", 0.123)
                         .Double("whole", 5.0)
                         .Double("tiny", 1e-7)
                         .Bool("b", true)
                         .StrArray("none", std::set<std::string>{})
                         .Done();
  Json j = Json::parse(line);
  EXPECT_EQ(j["categories"], Json(cats));
  EXPECT_EQ(j["i"], -42);
  EXPECT_EQ(j["u"].get<uint64_t>(), 18446744073709551615ull);
  EXPECT_DOUBLE_EQ(j["d"].get<double>(), 0.123);
  EXPECT_TRUE(j["whole"].is_number_float());
  EXPECT_DOUBLE_EQ(j["tiny"].get<double>(), 1e-7);
  EXPECT_EQ(j["b"], true);
  EXPECT_EQ(j["none"], Json::array());
  EXPECT_EQ(line.find("\"categories\""), 1u);  // the order fields were added in
  EXPECT_LT(line.find("\"i\""), line.find("\"u\""));
  EXPECT_NE(line.find("\"whole\":5.0"), std::string::npos) << line;
  EXPECT_EQ(JsonLine().Done(), "{}");
}

}  // namespace
}  // namespace aigis::gateway
