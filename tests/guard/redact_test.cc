#include "guard/redact.h"

#include <gtest/gtest.h>

namespace aigis::guard {
namespace {

Detection D(uint64_t s, uint64_t e, std::string entity) {
  Detection d;
  d.detector = "pii";
  d.category = "pii";
  d.start = s;
  d.end = e;
  d.entity = std::move(entity);
  return d;
}

TEST(RedactTest, TypedPlaceholdersAndVaultRoundTrip) {
  std::string text = "Mail a@x.de or b@y.de, again a@x.de; IBAN DE89370400440532013000.";
  Vault vault;
  std::string red = Redact(
      text, {D(5, 11, "EMAIL"), D(15, 21, "EMAIL"), D(29, 35, "EMAIL"), D(42, 64, "IBAN")}, &vault);
  EXPECT_EQ(red, "Mail [EMAIL_1] or [EMAIL_2], again [EMAIL_1]; IBAN [IBAN_1].");
  EXPECT_EQ(vault.size(), 3u);
  EXPECT_EQ(vault.Restore(red), text);
  // A model answer that reuses placeholders gets the originals back; unknown ones stay.
  EXPECT_EQ(vault.Restore("Sent to [EMAIL_2] and [EMAIL_9]."), "Sent to b@y.de and [EMAIL_9].");
}

TEST(RedactTest, OverlappingSpansMerge) {
  std::string text = "token abcdef123456 end";
  Detection secret = D(6, 18, "SECRET");
  Detection part = D(10, 18, "PHONE");
  EXPECT_EQ(Redact(text, {part, secret}, nullptr), "token [SECRET_1] end");
}

TEST(RedactTest, EntityFallsBackToCategory) {
  Detection d;
  d.category = "prompt-leak";
  EXPECT_EQ(EntityOf(d), "PROMPT_LEAK");
}

TEST(RedactTest, IgnoresOutOfRangeSpans) {
  EXPECT_EQ(Redact("short", {D(3, 99, "X")}, nullptr), "short");
}

}  // namespace
}  // namespace aigis::guard
