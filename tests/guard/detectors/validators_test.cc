#include "guard/detectors/validators.h"

#include <gtest/gtest.h>

#include <random>

namespace aigis::guard::detectors {
namespace {

TEST(ValidatorsTest, PaymentCardsLuhn) {
  EXPECT_TRUE(PaymentCardValid("4111 1111 1111 1111"));
  EXPECT_TRUE(PaymentCardValid("5500-0000-0000-0004"));
  EXPECT_TRUE(PaymentCardValid("378282246310005"));       // Amex
  EXPECT_FALSE(PaymentCardValid("4111 1111 1111 1112"));  // checksum
  EXPECT_FALSE(PaymentCardValid("1234567812345670"));     // Luhn-valid but no issuer
  EXPECT_FALSE(PaymentCardValid("0000000000000000"));
  EXPECT_FALSE(PaymentCardValid("41111"));
}

TEST(ValidatorsTest, IbanMod97) {
  EXPECT_TRUE(IbanValid("DE89 3704 0044 0532 0130 00"));
  EXPECT_TRUE(IbanValid("GB82WEST12345698765432"));
  EXPECT_TRUE(IbanValid("gb82west12345698765432"));
  EXPECT_FALSE(IbanValid("DE89 3704 0044 0532 0130 01"));  // checksum
  EXPECT_FALSE(IbanValid("DE89 3704 0044 0532 0130"));     // wrong length for DE
  EXPECT_FALSE(IbanValid("XX"));
}

TEST(ValidatorsTest, GermanTaxId) {
  EXPECT_TRUE(SteuerIdValid("86095742719"));
  EXPECT_TRUE(SteuerIdValid("47 036 892 816"));
  EXPECT_FALSE(SteuerIdValid("86095742718"));  // check digit
  EXPECT_FALSE(SteuerIdValid("06095742719"));  // leading zero
  EXPECT_FALSE(SteuerIdValid("12345678903"));  // no repeated digit
}

TEST(ValidatorsTest, IcaoDocumentNumbers) {
  EXPECT_EQ(IcaoCheckDigit("T22000129"), '3');
  EXPECT_TRUE(IcaoDocumentValid("T220001293"));
  EXPECT_TRUE(IcaoDocumentValid("C01X00T478"));
  EXPECT_FALSE(IcaoDocumentValid("T220001294"));  // check digit
  EXPECT_FALSE(IcaoDocumentValid("ABCDEFGHI"));   // vowels are not used, no digit
  EXPECT_TRUE(IcaoDocumentValid("T22000129"));    // without check digit: plausible
}

TEST(ValidatorsTest, VinIso3779) {
  EXPECT_TRUE(VinValid("1M8GDM9AXKP042788"));
  EXPECT_TRUE(VinValid("1HGCM82633A004352"));
  EXPECT_FALSE(VinValid("1M8GDM9A1KP042788"));  // check digit
  EXPECT_FALSE(VinValid("1M8GDM9AXKP04278"));   // length
  EXPECT_FALSE(VinValid("11111111111111111"));  // digits only
  EXPECT_FALSE(VinValid("IM8GDM9AXKP042788"));  // I is not allowed
}

TEST(ValidatorsTest, SsnRanges) {
  EXPECT_TRUE(SsnValid("536-22-1234"));
  EXPECT_FALSE(SsnValid("000-22-1234"));
  EXPECT_FALSE(SsnValid("666-22-1234"));
  EXPECT_FALSE(SsnValid("912-22-1234"));
  EXPECT_FALSE(SsnValid("536-00-1234"));
  EXPECT_FALSE(SsnValid("536-22-0000"));
  EXPECT_FALSE(SsnValid("078-05-1120"));
}

TEST(ValidatorsTest, IpAddresses) {
  EXPECT_TRUE(Ipv4Valid("192.168.1.10"));
  EXPECT_FALSE(Ipv4Valid("256.1.1.1"));
  EXPECT_FALSE(Ipv4Valid("01.02.03.04"));
  EXPECT_TRUE(Ipv6Valid("2001:db8::8a2e:370:7334"));
  EXPECT_TRUE(Ipv6Valid("6e40:4041:c617:e898:c11:40d2:c669:2eb4"));
  EXPECT_FALSE(Ipv6Valid("12:30:45"));
}

TEST(ValidatorsTest, EmailPhoneDate) {
  EXPECT_TRUE(EmailValid("max.mustermann@example.de"));
  EXPECT_FALSE(EmailValid("a@b"));
  EXPECT_FALSE(EmailValid("a..b@example.com"));
  EXPECT_TRUE(PhoneValid("+49 30 1234567"));
  EXPECT_FALSE(PhoneValid("123"));
  EXPECT_FALSE(PhoneValid("0000000000"));
  EXPECT_TRUE(DateValid("12.03.1985"));
  EXPECT_TRUE(DateValid("1985-03-12"));
  EXPECT_TRUE(DateValid("12. März 1985"));
  EXPECT_FALSE(DateValid("45.13.1985"));
}

TEST(ValidatorsTest, HexContext) {
  auto in = [](std::string_view text, std::string_view cand) {
    size_t s = text.find(cand);
    return InHexContext(text, s, s + cand.size());
  };
  // xxd and hexdump -C lines, UUID groups, a mixed hex neighbour on either side.
  EXPECT_TRUE(in("00000000: 934e 554d 5059 0100 7600 7b27 6465  .NUMPY..v.{'de", "0100 7600"));
  EXPECT_TRUE(in("dump\n00000010  08 00 00 00 12 34 56 78  ........", "12 34 56 78"));
  EXPECT_TRUE(in("id 449daf85-0299-4157-a6c1-62325dfc1fc6,sensor", "0299-4157"));
  EXPECT_TRUE(in("magic 1f8b 0800 0000 0000", "0800 0000 0000"));
  EXPECT_TRUE(in("0201 0100 9203 ccc4 538c", "0201 0100 9203"));
  // Prose: no hex neighbour (words made of a-f letters only are words), no dump offset.
  EXPECT_FALSE(in("Call 0800 1234 5678 today", "0800 1234 5678"));
  EXPECT_FALSE(in("the cafe 0800 1234 5678 is open", "0800 1234 5678"));
  EXPECT_FALSE(in("fax: 030 1234 5678", "030 1234 5678"));
  EXPECT_FALSE(in("20240115: Phone 0800 1234 5678", "0800 1234 5678"));
  EXPECT_FALSE(in("room b12 0800 1234 5678", "0800 1234 5678"));  // too short for a hex group
  // Out-of-range spans are not hex context.
  EXPECT_FALSE(InHexContext("abc", 2, 9));
}

TEST(ValidatorsTest, GithubChecksum) {
  std::string body = "abcdefghijklmnopqrstuvwxyzABCD";  // 30 random characters
  std::string token = "ghp_" + body + Base62Crc32(body);
  EXPECT_EQ(token.size(), 40u);
  EXPECT_TRUE(GithubTokenChecksumValid(token));
  token.back() = token.back() == 'a' ? 'b' : 'a';
  EXPECT_FALSE(GithubTokenChecksumValid(token));
  EXPECT_EQ(Crc32("123456789"), 0xCBF43926u);  // the CRC-32 check value
}

// GitHub's published example token (github.blog, "Behind GitHub's new authentication token
// formats", 2021): an independent check of the CRC32, the base62 alphabet order and the padding.
TEST(ValidatorsTest, GithubChecksumPublishedExample) {
  EXPECT_EQ(Base62Crc32("zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ"), "0mLq17");
  EXPECT_TRUE(GithubTokenChecksumValid("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"));
}

// Random bodies for every prefix: the generated checksum validates, and every single-character
// substitution (body or checksum) is rejected (CRC32 detects every burst of <= 32 bits).
TEST(ValidatorsTest, GithubChecksumRandomTokensAndSubstitutions) {
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::mt19937 rng(62);
  for (const char* prefix : {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}) {
    for (int n = 0; n < 20; ++n) {
      std::string body;
      for (int i = 0; i < 30; ++i) body += alphabet[rng() % alphabet.size()];
      std::string token = prefix + body + Base62Crc32(body);
      ASSERT_EQ(token.size(), 40u);
      EXPECT_TRUE(GithubTokenChecksumValid(token)) << token;
      size_t pos = 4 + rng() % 36;
      std::string bad = token;
      bad[pos] = alphabet[(alphabet.find(bad[pos]) + 1 + rng() % 61) % alphabet.size()];
      EXPECT_FALSE(GithubTokenChecksumValid(bad)) << bad;
    }
  }
  EXPECT_FALSE(GithubTokenChecksumValid("ghp_short"));
  EXPECT_FALSE(GithubTokenChecksumValid("no underscore at all here 0123456789"));
}

TEST(ValidatorsTest, EntropyAndLookup) {
  EXPECT_LT(ShannonEntropy("aaaaaaaa"), 0.01);
  EXPECT_GT(ShannonEntropy("Zx9qP2mL7vR4tY8w"), 3.5);
  double score = 1.0;
  ValidatorFn entropy = FindValidator("entropy");
  ASSERT_NE(entropy, nullptr);
  EXPECT_TRUE(entropy("Zx9qP2mL7vR4tY8wK3", &score));
  EXPECT_FALSE(entropy("your_api_key_here_123", &score));
  EXPECT_FALSE(entropy("aaaaaaaaaaaaaaaaaaaa", &score));
  EXPECT_EQ(FindValidator("nope"), nullptr);
}

}  // namespace
}  // namespace aigis::guard::detectors
