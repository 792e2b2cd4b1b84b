#include "core/status.h"

#include <gtest/gtest.h>

namespace aigis {
namespace {

Result<int> Half(int v) {
  if (v % 2) return Status::InvalidArgument("odd");
  return v / 2;
}
Result<int> Quarter(int v) {
  AIGIS_ASSIGN_OR_RETURN(int h, Half(v));
  AIGIS_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(StatusTest, OkIsDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, CarriesCodeOffsetAndMessage) {
  Status s = Status::Malformed(0x1f0, "zip: name too long");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kMalformed);
  EXPECT_EQ(s.offset(), 0x1f0u);
  EXPECT_EQ(s.ToString(), "malformed at 0x1f0: zip: name too long");
  Status copy = s;
  EXPECT_EQ(copy.ToString(), s.ToString());
}

TEST(ResultTest, PropagatesErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace aigis
