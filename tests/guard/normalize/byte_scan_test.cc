#include "guard/normalize/byte_scan.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace aigis::guard::normalize {
namespace {

TEST(ByteScanTest, ClassesAreTheDocumentedBytes) {
  for (int c = 0; c < 256; ++c) {
    bool digit = c >= '0' && c <= '9';
    bool b64 = digit || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '+' || c == '/' ||
               c == '-' || c == '_';
    EXPECT_EQ(IsAsciiDigit(static_cast<unsigned char>(c)), digit) << c;
    EXPECT_EQ(IsBase64Byte(static_cast<unsigned char>(c)), b64) << c;
  }
}

// FindDigit against a per-byte search, for every start offset, on texts whose digits sit at
// every position relative to the 16-byte vector steps (and texts without digits).
TEST(ByteScanTest, FindDigitMatchesPerByteSearch) {
  std::mt19937 rng(7);
  for (int round = 0; round < 400; ++round) {
    size_t n = rng() % 100;
    std::string s(n, 'x');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    for (char& c : s) {
      if (c >= '0' && c <= '9' && rng() % 4 != 0) c = 'a';  // keep digits sparse
    }
    for (size_t from = 0; from <= n; ++from) {
      size_t want = n;
      for (size_t k = from; k < n; ++k) {
        if (s[k] >= '0' && s[k] <= '9') {
          want = k;
          break;
        }
      }
      ASSERT_EQ(FindDigit(s, from), want) << "round " << round << " from " << from;
    }
  }
  // '/' and ':' border the digit range.
  EXPECT_EQ(FindDigit(std::string(40, '/') + ":" + "9", 0), 41u);
  EXPECT_EQ(FindDigit(std::string(40, ':'), 0), 40u);
}

TEST(ByteScanTest, FindNonAsciiMatchesPerByteSearch) {
  std::mt19937 rng(5);
  for (int round = 0; round < 400; ++round) {
    size_t n = rng() % 100;
    std::string s(n, 'x');
    for (char& c : s) c = static_cast<char>(rng() % 8 == 0 ? 0x80 + rng() % 128 : rng() % 128);
    for (size_t from = 0; from <= n; ++from) {
      size_t want = n;
      for (size_t k = from; k < n; ++k) {
        if (static_cast<unsigned char>(s[k]) >= 0x80) {
          want = k;
          break;
        }
      }
      ASSERT_EQ(FindNonAscii(s, from), want) << "round " << round << " from " << from;
    }
  }
}

TEST(ByteScanTest, Base64MaskMatchesPerByteClass) {
  std::mt19937 rng(11);
  for (int round = 0; round < 2000; ++round) {
    unsigned char b[64];
    for (unsigned char& c : b) c = static_cast<unsigned char>(rng() % 256);
    if (round % 2) {
      for (unsigned char& c : b) {
        if (rng() % 3) c = static_cast<unsigned char>("Az09+/-_=%. "[rng() % 12]);
      }
    }
    uint64_t want = 0;
    for (int k = 0; k < 64; ++k) want |= static_cast<uint64_t>(IsBase64Byte(b[k])) << k;
    ASSERT_EQ(Base64Mask64(b), want) << round;
  }
}

TEST(ByteScanTest, ObfuscationClassesAreTheDocumentedBytes) {
  const std::string leet = "013457@$", sep = " .-_*|/+~,";
  for (int c = 0; c < 256; ++c) {
    auto u = static_cast<unsigned char>(c);
    EXPECT_EQ(IsAsciiLetter(u), (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) << c;
    EXPECT_EQ(IsLeetByte(u), c != 0 && leet.find(static_cast<char>(c)) != std::string::npos) << c;
    EXPECT_EQ(IsSpellSeparator(u), c != 0 && sep.find(static_cast<char>(c)) != std::string::npos)
        << c;
  }
}

TEST(ByteScanTest, ObfuscationMasksMatchPerByteClasses) {
  static const char kPick[] = "aZ@`{0123456789$ .-_*|/+~,\x80";
  std::mt19937 rng(13);
  for (int round = 0; round < 2000; ++round) {
    unsigned char b[64];
    for (unsigned char& c : b) c = static_cast<unsigned char>(rng() % 256);
    if (round % 2) {
      for (unsigned char& c : b) {
        if (rng() % 3) c = static_cast<unsigned char>(kPick[rng() % (sizeof(kPick) - 1)]);
      }
    }
    uint64_t letter = 0, digit = 0;
    for (int k = 0; k < 64; ++k) {
      letter |= static_cast<uint64_t>(IsAsciiLetter(b[k])) << k;
      digit |= static_cast<uint64_t>(IsAsciiDigit(b[k])) << k;
    }
    ObfuscationMasks m = ObfuscationMasks64(b);
    ASSERT_EQ(m.letter, letter) << round;
    ASSERT_EQ(m.digit, digit) << round;
  }
}

TEST(ByteScanTest, MorseSymbolAndLetterMasksMatchPerByteClasses) {
  static const char kPick[] = ".- /|aZ@`{\n\x80\xE2";
  std::mt19937 rng(17);
  for (int round = 0; round < 2000; ++round) {
    unsigned char b[64];
    for (unsigned char& c : b) c = static_cast<unsigned char>(rng() % 256);
    if (round % 2) {
      for (unsigned char& c : b) {
        if (rng() % 3) c = static_cast<unsigned char>(kPick[rng() % (sizeof(kPick) - 1)]);
      }
    }
    uint64_t symbol = 0, letter = 0;
    for (int k = 0; k < 64; ++k) {
      symbol |= static_cast<uint64_t>(b[k] == '.' || b[k] == '-') << k;
      letter |= static_cast<uint64_t>(IsAsciiLetter(b[k])) << k;
    }
    ASSERT_EQ(MorseSymbolMask64(b), symbol) << round;
    ASSERT_EQ(LetterMask64(b), letter) << round;
  }
  for (int c = 0; c < 256; ++c) {
    EXPECT_EQ(IsMorseSymbol(static_cast<unsigned char>(c)), c == '.' || c == '-') << c;
  }
}

TEST(ByteScanTest, RunStartsMarksStartsOfLongEnoughRuns) {
  std::mt19937_64 rng(3);
  for (int round = 0; round < 300; ++round) {
    // Sparse, dense and mixed masks.
    uint64_t m = rng();
    if (round % 3 == 1) m |= rng() | rng();
    if (round % 3 == 2) m = ~(rng() & rng() & rng());
    for (unsigned run = 1; run <= 64; ++run) {
      uint64_t want = 0;
      for (unsigned k = 0; k + run <= 64; ++k) {
        bool all = true;
        for (unsigned j = k; j < k + run && all; ++j) all = (m >> j) & 1;
        if (all) want |= uint64_t{1} << k;
      }
      ASSERT_EQ(RunStarts(m, run), want) << "round " << round << " run " << run;
    }
  }
  EXPECT_EQ(RunStarts(~uint64_t{0}, 64), 1u);
  EXPECT_EQ(RunStarts(~uint64_t{0}, 24), (uint64_t{1} << 41) - 1);
}

}  // namespace
}  // namespace aigis::guard::normalize
