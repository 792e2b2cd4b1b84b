#include "guard/classifier/model.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <fstream>
#include <limits>

#include "guard/classifier/concepts.h"

namespace aigis::guard::classifier {
namespace {

LinearModel Small() {
  LinearModel m;
  m.features.log2_buckets = 10;
  m.bias = -0.25f;
  m.scale = 0.001f;
  m.threshold = 1.5f;
  m.name = "test-model";
  m.weights.resize(1024);
  for (size_t i = 0; i < m.weights.size(); ++i) m.weights[i] = static_cast<int16_t>(i * 37 - 9000);
  return m;
}

TEST(ModelTest, RoundTrip) {
  LinearModel m = Small();
  std::string bytes = SerializeModel(m);
  EXPECT_EQ(bytes, SerializeModel(m));  // deterministic
  Result<LinearModel> r = ParseModel(AsBytes(bytes));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->weights, m.weights);
  EXPECT_EQ(r->name, "test-model");
  EXPECT_EQ(r->bias, m.bias);
  EXPECT_EQ(r->scale, m.scale);
  EXPECT_EQ(r->threshold, m.threshold);
  EXPECT_EQ(r->features.log2_buckets, 10);
  EXPECT_EQ(r->window_bytes, m.window_bytes);
}

TEST(ModelTest, GroupThresholdsRoundTripAsVersion3) {
  LinearModel m = Small();
  m.group_thresholds = {1.5f, 0.25f, -0.75f};
  std::string bytes = SerializeModel(m);
  EXPECT_EQ(bytes[8], 3);
  EXPECT_EQ(bytes.size(), SerializeModel(Small()).size() + 1 + 3 * 4);
  Result<LinearModel> r = ParseModel(AsBytes(bytes));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->group_thresholds, m.group_thresholds);
  EXPECT_EQ(r->threshold, m.threshold);
  EXPECT_EQ(r->weights, m.weights);
  EXPECT_EQ(r->name, m.name);
  EXPECT_EQ(ThresholdFor(*r, LanguageGroup::kEnglish), 1.5f);
  EXPECT_EQ(ThresholdFor(*r, LanguageGroup::kOtherLatin), 0.25f);
  EXPECT_EQ(ThresholdFor(*r, LanguageGroup::kNonLatin), -0.75f);
}

TEST(ModelTest, Version2LoadsWithTheGlobalThresholdForEveryGroup) {
  std::string bytes = SerializeModel(Small());  // no group thresholds: written as version 2
  EXPECT_EQ(bytes[8], 2);
  Result<LinearModel> r = ParseModel(AsBytes(bytes));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->group_thresholds.empty());
  for (auto g : {LanguageGroup::kEnglish, LanguageGroup::kOtherLatin, LanguageGroup::kNonLatin}) {
    EXPECT_EQ(ThresholdFor(*r, g), 1.5f);
  }
}

TEST(ModelTest, BadGroupThresholds) {
  // Wrong count (the serialiser writes what it is given; the checksum is valid).
  LinearModel m = Small();
  m.group_thresholds = {1.0f, 2.0f};
  Result<LinearModel> r = ParseModel(AsBytes(SerializeModel(m)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kMalformed);
  EXPECT_NE(r.status().message().find("2 group thresholds, expected 3"), std::string::npos);
  EXPECT_FALSE(ValidateConfig(m).ok());
  // Not finite.
  for (float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                    -std::numeric_limits<float>::infinity()}) {
    m = Small();
    m.group_thresholds = {1.0f, bad, 2.0f};
    r = ParseModel(AsBytes(SerializeModel(m)));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("group threshold is not finite"), std::string::npos);
    EXPECT_FALSE(ValidateConfig(m).ok());
  }
}

TEST(ModelTest, FoldEncodedRoundTripsAsVersion4) {
  LinearModel m = Small();
  m.features.fold_encoded = true;
  std::string bytes = SerializeModel(m);
  EXPECT_EQ(bytes[8], 4);
  EXPECT_EQ(bytes.size(), SerializeModel(Small()).size() + 2);  // group count 0, flags
  Result<LinearModel> r = ParseModel(AsBytes(bytes));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->features.fold_encoded);
  EXPECT_TRUE(r->group_thresholds.empty());
  EXPECT_EQ(r->weights, m.weights);
  // With group thresholds too.
  m.group_thresholds = {1.5f, 0.25f, -0.75f};
  r = ParseModel(AsBytes(SerializeModel(m)));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->features.fold_encoded);
  EXPECT_EQ(r->group_thresholds, m.group_thresholds);
  // Older versions never carry the flag: a model without it keeps its version-2 bytes.
  EXPECT_FALSE(ParseModel(AsBytes(SerializeModel(Small())))->features.fold_encoded);
}

TEST(ModelTest, FoldNumbersIsFeatureFlag2) {
  LinearModel m = Small();
  m.features.fold_numbers = true;
  std::string bytes = SerializeModel(m);
  EXPECT_EQ(bytes[8], 4);
  EXPECT_EQ(bytes[24 + 12 + 1], 2);
  Result<LinearModel> r = ParseModel(AsBytes(bytes));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->features.fold_numbers);
  EXPECT_FALSE(r->features.fold_encoded);
  m.features.fold_encoded = true;
  m.features.concept_copies = 8;
  r = ParseModel(AsBytes(SerializeModel(m)));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->features.fold_numbers);
  EXPECT_TRUE(r->features.fold_encoded);
  EXPECT_FALSE(ParseModel(AsBytes(SerializeModel(Small())))->features.fold_numbers);
}

TEST(ModelTest, UnknownFeatureFlagsAreRefused) {
  LinearModel m = Small();
  m.features.fold_encoded = true;
  std::string bytes = SerializeModel(m);
  // The flags byte follows the group count (0), which follows the three f32 fields at 24.
  const size_t flags_at = 24 + 12 + 1;
  ASSERT_EQ(bytes[flags_at], 1);
  bytes[flags_at] = 5;
  bytes.resize(bytes.size() - 32);  // re-sign, so the field check (not the checksum) decides
  unsigned char digest[32];
  unsigned int len = 0;
  ASSERT_EQ(EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr), 1);
  bytes.append(reinterpret_cast<const char*>(digest), 32);
  Result<LinearModel> r = ParseModel(AsBytes(bytes));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kMalformed);
  EXPECT_NE(r.status().message().find("unknown feature flags 5"), std::string::npos)
      << r.status().ToString();
}

// Replaces the trailing checksum so that a field check, not the checksum, decides.
void Resign(std::string* bytes) {
  bytes->resize(bytes->size() - 32);
  unsigned char digest[32];
  unsigned int len = 0;
  ASSERT_EQ(EVP_Digest(bytes->data(), bytes->size(), digest, &len, EVP_sha256(), nullptr), 1);
  bytes->append(reinterpret_cast<const char*>(digest), 32);
}

TEST(ModelTest, ConceptFeaturesRoundTripAsVersion5WithTheLexiconDigest) {
  LinearModel m = Small();
  m.features.fold_encoded = true;
  m.features.concept_copies = 8;
  std::string bytes = SerializeModel(m);
  EXPECT_EQ(bytes[8], 5);
  // Group count 0, flags, copies, lexicon digest.
  EXPECT_EQ(bytes.size(), SerializeModel(Small()).size() + 3 + 32);
  Result<LinearModel> r = ParseModel(AsBytes(bytes));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->features.concept_copies, 8);
  EXPECT_TRUE(r->features.fold_encoded);
  EXPECT_EQ(r->weights, m.weights);
  // The stored digest is the built-in lexicon's.
  auto lex = ConceptLexicon::Builtin();
  ASSERT_TRUE(lex.ok());
  const size_t digest_at = 24 + 12 + 1 + 1 + 1;
  EXPECT_EQ(bytes.substr(digest_at, 32),
            std::string(reinterpret_cast<const char*>((*lex)->digest().data()), 32));
  // Trained under another lexicon: refused, naming both.
  std::string other = bytes;
  other[digest_at] = static_cast<char>(other[digest_at] ^ 1);
  Resign(&other);
  r = ParseModel(AsBytes(other));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(r.status().message().find("trained with concept lexicon"), std::string::npos)
      << r.status().ToString();
  EXPECT_NE(r.status().message().find(ShortDigest((*lex)->digest())), std::string::npos);
  // Zero or too many copies.
  for (char copies : {0, 17}) {
    std::string bad = bytes;
    bad[digest_at - 1] = copies;
    Resign(&bad);
    EXPECT_FALSE(ParseModel(AsBytes(bad)).ok()) << int{copies};
  }
  m.features.concept_copies = 17;
  EXPECT_EQ(ValidateConfig(m).code(), StatusCode::kLimitExceeded);
}

TEST(ModelTest, BadMagic) {
  std::string bytes = SerializeModel(Small());
  bytes[0] = 'X';
  Result<LinearModel> r = ParseModel(AsBytes(bytes));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kMalformed);
  EXPECT_NE(r.status().message().find("bad magic"), std::string::npos);
  EXPECT_FALSE(ParseModel(ByteView()).ok());
}

TEST(ModelTest, WrongVersion) {
  // 1: the previous feature hashing (its weights would be read against the wrong buckets); 6: a
  // future format.
  for (char v : {1, 6}) {
    std::string bytes = SerializeModel(Small());
    bytes[8] = v;
    Result<LinearModel> r = ParseModel(AsBytes(bytes));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
    EXPECT_NE(r.status().message().find("version " + std::to_string(v)), std::string::npos);
  }
}

TEST(ModelTest, BadChecksum) {
  std::string bytes = SerializeModel(Small());
  bytes[100] ^= 1;  // a weight byte
  Result<LinearModel> r = ParseModel(AsBytes(bytes));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("checksum mismatch"), std::string::npos);
}

TEST(ModelTest, TruncatedAtEveryLength) {
  std::string bytes = SerializeModel(Small());
  for (size_t n : {size_t{0}, size_t{7}, size_t{12}, size_t{20}, size_t{44}, size_t{60},
                   bytes.size() / 2, bytes.size() - 1}) {
    Result<LinearModel> r = ParseModel(AsBytes(std::string_view(bytes).substr(0, n)));
    EXPECT_FALSE(r.ok()) << n;
  }
}

// Fields out of range in a well-formed file (SerializeModel writes a valid checksum).
TEST(ModelTest, FieldLimitsWithValidChecksum) {
  LinearModel m = Small();
  m.features.log2_buckets = 9;  // below the minimum
  m.weights.resize(512);
  Result<LinearModel> r = ParseModel(AsBytes(SerializeModel(m)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kLimitExceeded);

  m = Small();
  m.window_stride = 300;  // does not divide 1024
  r = ParseModel(AsBytes(SerializeModel(m)));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("window"), std::string::npos);

  m = Small();
  m.weights.resize(1000);  // count does not match 2^10
  r = ParseModel(AsBytes(SerializeModel(m)));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("weights, expected"), std::string::npos);

  m = Small();
  m.name = "Bad Name";
  r = ParseModel(AsBytes(SerializeModel(m)));
  ASSERT_FALSE(r.ok());

  m = Small();
  m.features.char_min = 4;
  m.features.char_max = 3;
  EXPECT_FALSE(ParseModel(AsBytes(SerializeModel(m))).ok());

  m = Small();
  m.scale = 0;
  EXPECT_FALSE(ParseModel(AsBytes(SerializeModel(m))).ok());
}

TEST(ModelTest, FileTooLarge) {
  ModelLimits lim;
  lim.max_file_bytes = 100;
  Result<LinearModel> r = ParseModel(AsBytes(SerializeModel(Small())), lim);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kLimitExceeded);
}

TEST(ModelTest, LoadMissingAndCorruptFiles) {
  Result<LinearModel> r = LoadModelFile("/nonexistent/dir/model.aigm");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("does not exist"), std::string::npos);

  std::string path = ::testing::TempDir() + "/corrupt.aigm";
  std::string bytes = SerializeModel(Small());
  bytes[bytes.size() - 1] ^= 0x80;
  std::ofstream(path, std::ios::binary) << bytes;
  r = LoadModelFile(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(path), std::string::npos);  // names the file
  EXPECT_NE(r.status().message().find("checksum"), std::string::npos);

  std::ofstream(path, std::ios::binary | std::ios::trunc) << SerializeModel(Small());
  EXPECT_TRUE(LoadModelFile(path).ok());
}

}  // namespace
}  // namespace aigis::guard::classifier
