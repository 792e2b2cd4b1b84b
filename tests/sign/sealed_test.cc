#include "sign/sealed.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "sign_test_util.h"

namespace aigis::sign {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

constexpr uint8_t kSmallShift = 12;  // 4 KiB chunks keep the tests fast
constexpr size_t kChunk = size_t{1} << kSmallShift;
constexpr size_t kRec = kChunk + kGcmTagSize;

SecretKey Key(uint8_t fill) {
  std::array<uint8_t, kSecretKeySize> b{};
  b.fill(fill);
  return SecretKey(b);
}

std::vector<uint8_t> Seal(const std::string& plain, const SecretKey& k,
                          uint8_t shift = kSmallShift) {
  MemorySource src(AsBytes(plain));
  MemorySink sink;
  SealOptions o;
  o.chunk_shift = shift;
  Status s = SealStream(src, sink, k, o);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return sink.out;
}

Result<std::string> Unseal(const std::vector<uint8_t>& sealed, const SecretKey& k) {
  MemorySource src(sealed);
  MemorySink sink;
  Status s = UnsealStream(src, sink, k);
  if (!s.ok()) return s;
  return std::string(sink.out.begin(), sink.out.end());
}

class SealedRoundTripTest : public ::testing::TestWithParam<size_t> {};

TEST_P(SealedRoundTripTest, RoundTrips) {
  std::string plain = testing::RandomBytesString(GetParam(), static_cast<uint32_t>(GetParam()));
  auto sealed = Seal(plain, Key(1));
  size_t chunks = plain.empty() ? 1 : (plain.size() + kChunk - 1) / kChunk;
  EXPECT_EQ(sealed.size(), kSealedHeaderSize + plain.size() + chunks * kGcmTagSize);
  auto back = Unseal(sealed, Key(1));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, plain);
}

INSTANTIATE_TEST_SUITE_P(Sizes, SealedRoundTripTest,
                         ::testing::Values(0, 1, kChunk - 1, kChunk, kChunk + 1, 3 * kChunk,
                                           3 * kChunk + 5));

TEST(SealedTest, SeveralMegabytesWithDefaultChunks) {
  std::string plain = testing::RandomBytesString((5u << 20) + 7, 5);
  auto sealed = Seal(plain, Key(2), kDefaultChunkShift);
  auto back = Unseal(sealed, Key(2));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, plain);
}

TEST(SealedTest, SameInputSealsDifferentlyEachTime) {
  EXPECT_NE(Seal("same", Key(1)), Seal("same", Key(1)));
}

TEST(SealedTest, WrongKeyIsReportedAsSuch) {
  auto sealed = Seal("secret weights", Key(1));
  auto r = Unseal(sealed, Key(2));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("wrong key"), std::string::npos);
}

TEST(SealedTest, EveryHeaderBitFlipIsDetected) {
  auto sealed = Seal(testing::RandomBytesString(100, 3), Key(1));
  for (size_t i = 0; i < kSealedHeaderSize; ++i) {
    auto t = sealed;
    t[i] ^= 0x01;
    EXPECT_FALSE(Unseal(t, Key(1)).ok()) << "header byte " << i;
  }
}

TEST(SealedTest, BitFlipInEachChunkIsDetected) {
  std::string plain = testing::RandomBytesString(3 * kChunk + 10, 4);
  auto sealed = Seal(plain, Key(1));
  for (size_t c = 0; c < 4; ++c) {
    for (size_t off : {size_t{0}, size_t{100}, kChunk - 1 + 0, kChunk + 15}) {  // data and tag
      size_t pos = kSealedHeaderSize + c * kRec + off;
      if (pos >= sealed.size()) continue;
      auto t = sealed;
      t[pos] ^= 0x80;
      auto r = Unseal(t, Key(1));
      ASSERT_FALSE(r.ok()) << "chunk " << c << " offset " << off;
      EXPECT_EQ(r.status().code(), StatusCode::kMalformed);
      EXPECT_NE(r.status().message().find("chunk " + std::to_string(c)), std::string::npos)
          << r.status().message();
    }
  }
}

TEST(SealedTest, TruncationAtChunkBoundaryIsDetected) {
  auto sealed = Seal(testing::RandomBytesString(3 * kChunk + 10, 5), Key(1));
  for (size_t keep : {size_t{1}, size_t{2}, size_t{3}}) {
    std::vector<uint8_t> t(sealed.begin(), sealed.begin() + kSealedHeaderSize + keep * kRec);
    auto r = Unseal(t, Key(1));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("truncated"), std::string::npos) << r.status().message();
  }
  std::vector<uint8_t> header_only(sealed.begin(), sealed.begin() + kSealedHeaderSize);
  EXPECT_NE(Unseal(header_only, Key(1)).status().message().find("truncated"), std::string::npos);
  std::vector<uint8_t> half_header(sealed.begin(), sealed.begin() + 50);
  EXPECT_EQ(Unseal(half_header, Key(1)).status().code(), StatusCode::kMalformed);
}

TEST(SealedTest, TruncationInsideAChunkIsDetected) {
  auto sealed = Seal(testing::RandomBytesString(2 * kChunk + 10, 6), Key(1));
  for (size_t cut : {size_t{1}, size_t{9}, size_t{20}, kRec - 1}) {
    std::vector<uint8_t> t(sealed.begin(), sealed.end() - static_cast<std::ptrdiff_t>(cut));
    EXPECT_FALSE(Unseal(t, Key(1)).ok()) << cut;
  }
}

TEST(SealedTest, ChunkSwapAndReorderAreDetected) {
  auto sealed = Seal(testing::RandomBytesString(4 * kChunk, 7), Key(1));
  auto chunk = [&](const std::vector<uint8_t>& v, size_t i) {
    return std::vector<uint8_t>(
        v.begin() + static_cast<std::ptrdiff_t>(kSealedHeaderSize + i * kRec),
        v.begin() + static_cast<std::ptrdiff_t>(kSealedHeaderSize + (i + 1) * kRec));
  };
  auto assemble = [&](std::vector<size_t> order) {
    std::vector<uint8_t> out(sealed.begin(), sealed.begin() + kSealedHeaderSize);
    for (size_t i : order) {
      auto c = chunk(sealed, i);
      out.insert(out.end(), c.begin(), c.end());
    }
    return out;
  };
  EXPECT_TRUE(Unseal(assemble({0, 1, 2, 3}), Key(1)).ok());
  EXPECT_FALSE(Unseal(assemble({1, 0, 2, 3}), Key(1)).ok());     // swap
  EXPECT_FALSE(Unseal(assemble({0, 2, 1, 3}), Key(1)).ok());     // reorder
  EXPECT_FALSE(Unseal(assemble({0, 1, 3}), Key(1)).ok());        // dropped chunk
  EXPECT_FALSE(Unseal(assemble({0, 1, 2, 2, 3}), Key(1)).ok());  // duplicated chunk
  EXPECT_FALSE(Unseal(assemble({0, 1, 2, 3, 3}), Key(1)).ok());  // final chunk replayed
}

TEST(SealedTest, ChunkFromAnotherFileIsDetected) {
  std::string plain = testing::RandomBytesString(2 * kChunk + 1, 8);
  auto a = Seal(plain, Key(1));
  auto b = Seal(plain, Key(1));
  std::copy(b.begin() + kSealedHeaderSize, b.begin() + kSealedHeaderSize + kRec,
            a.begin() + kSealedHeaderSize);
  EXPECT_FALSE(Unseal(a, Key(1)).ok());
}

TEST(SealedTest, AppendedDataIsDetected) {
  auto sealed = Seal(testing::RandomBytesString(kChunk, 9), Key(1));  // one full final chunk
  auto t = sealed;
  t.push_back(0);
  auto r = Unseal(t, Key(1));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("after the final chunk"), std::string::npos)
      << r.status().message();
  auto small = Seal("abc", Key(1));
  small.insert(small.end(), {1, 2, 3});
  EXPECT_FALSE(Unseal(small, Key(1)).ok());
}

TEST(SealedHeaderTest, ParseRejectsMalformedHeaders) {
  SealedHeader h;
  auto good = SerializeSealedHeader(h);
  ASSERT_TRUE(ParseSealedHeader(good).ok());
  auto bad = good;
  bad[0] = 'X';
  EXPECT_EQ(ParseSealedHeader(bad).status().code(), StatusCode::kMalformed);
  bad = good;
  bad[8] = 2;  // version
  EXPECT_EQ(ParseSealedHeader(bad).status().code(), StatusCode::kMalformed);
  bad = good;
  bad[10] = 99;  // header size
  EXPECT_EQ(ParseSealedHeader(bad).status().code(), StatusCode::kMalformed);
  bad = good;
  bad[12] = 7;  // cipher
  EXPECT_EQ(ParseSealedHeader(bad).status().code(), StatusCode::kMalformed);
  bad = good;
  bad[13] = 7;  // wrap
  EXPECT_EQ(ParseSealedHeader(bad).status().code(), StatusCode::kMalformed);
  bad = good;
  bad[14] = 40;  // chunk of 1 TiB
  EXPECT_EQ(ParseSealedHeader(bad).status().code(), StatusCode::kLimitExceeded);
  bad = good;
  bad[14] = 4;
  EXPECT_EQ(ParseSealedHeader(bad).status().code(), StatusCode::kLimitExceeded);
  bad = good;
  bad[15] = 1;  // reserved
  EXPECT_EQ(ParseSealedHeader(bad).status().code(), StatusCode::kMalformed);
  EXPECT_EQ(ParseSealedHeader(ByteView(good.data(), 60)).status().code(), StatusCode::kMalformed);
}

TEST(SealedHeaderTest, SerializeParseRoundTrip) {
  SealedHeader h;
  h.chunk_shift = 16;
  h.file_id.fill(0xaa);
  h.kek_id.fill(0xbb);
  h.wrap_nonce.fill(0xcc);
  h.wrapped_dek.fill(0xdd);
  h.wrap_tag.fill(0xee);
  auto p = ParseSealedHeader(SerializeSealedHeader(h));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->chunk_size(), 65536u);
  EXPECT_EQ(p->file_id, h.file_id);
  EXPECT_EQ(p->wrap_tag, h.wrap_tag);
}

TEST(SealedFileTest, FileRoundTripAndOwnerOnlyOutput) {
  TempDir d;
  std::string plain = testing::RandomBytesString(3 * kChunk + 1, 10);
  WriteFile(d / "model.bin", plain);
  SealOptions o;
  o.chunk_shift = kSmallShift;
  ASSERT_TRUE(SealFile(d / "model.bin", d / "model.bin.sealed", Key(1), o).ok());
  ASSERT_TRUE(UnsealFile(d / "model.bin.sealed", d / "out.bin", Key(1)).ok());
  EXPECT_EQ(ReadFile(d / "out.bin"), plain);
  struct stat st;
  ASSERT_EQ(::stat((d / "out.bin").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(SealedFileTest, FailedUnsealLeavesNoOutputBehind) {
  TempDir d;
  WriteFile(d / "model.bin", testing::RandomBytesString(3 * kChunk, 11));
  SealOptions o;
  o.chunk_shift = kSmallShift;
  ASSERT_TRUE(SealFile(d / "model.bin", d / "s", Key(1), o).ok());
  std::string s = ReadFile(d / "s");
  s[kSealedHeaderSize + 2 * kRec + 5] ^= 1;  // the last chunk: two chunks verified first
  WriteFile(d / "s", s);
  Status st = UnsealFile(d / "s", d / "out.bin", Key(1));
  EXPECT_EQ(st.code(), StatusCode::kMalformed);
  EXPECT_FALSE(fs::exists(d / "out.bin"));
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(d.path())) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 2u);  // model.bin and s: no staging file left
  EXPECT_FALSE(UnsealFile(d / "s", d / "out.bin", Key(2)).ok());
  EXPECT_FALSE(fs::exists(d / "out.bin"));
}

TEST(SealedFileTest, RefusesToOverwriteItsInput) {
  TempDir d;
  WriteFile(d / "a", "x");
  EXPECT_EQ(SealFile(d / "a", d / "a", Key(1)).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadFile(d / "a"), "x");
  EXPECT_EQ(SealFile(d / "missing", d / "b", Key(1)).code(), StatusCode::kIOError);
}

TEST(SealedFileTest, RewrapChangesOnlyTheHeader) {
  TempDir d;
  std::string plain = testing::RandomBytesString(2 * kChunk + 3, 12);
  WriteFile(d / "m", plain);
  SealOptions o;
  o.chunk_shift = kSmallShift;
  ASSERT_TRUE(SealFile(d / "m", d / "s", Key(1), o).ok());
  std::string before = ReadFile(d / "s");
  EXPECT_EQ(RewrapFile(d / "s", Key(3), Key(2)).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadFile(d / "s"), before);  // a failed rewrap changes nothing
  ASSERT_TRUE(RewrapFile(d / "s", Key(1), Key(2)).ok());
  std::string after = ReadFile(d / "s");
  ASSERT_EQ(after.size(), before.size());
  EXPECT_EQ(after.substr(kSealedHeaderSize), before.substr(kSealedHeaderSize));
  EXPECT_EQ(after.substr(0, 32), before.substr(0, 32));
  EXPECT_NE(after.substr(32, 68), before.substr(32, 68));
  EXPECT_FALSE(UnsealFile(d / "s", d / "o", Key(1)).ok());
  ASSERT_TRUE(UnsealFile(d / "s", d / "o", Key(2)).ok());
  EXPECT_EQ(ReadFile(d / "o"), plain);
}

}  // namespace
}  // namespace aigis::sign
