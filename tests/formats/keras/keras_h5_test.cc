#include "formats/keras/keras_h5.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "core/mapped_file.h"

namespace aigis::formats::keras {
namespace {

std::string ReadFixture(const std::string& rel) {
  std::ifstream in(std::string(AIGIS_SOURCE_DIR) + "/tests/testdata/keras/" + rel,
                   std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const std::string kSig("\x89HDF\r\n\x1a\n", 8);

TEST(LooksLikeHdf5Test, SignatureAtPowerOfTwoOffsets) {
  EXPECT_TRUE(LooksLikeHdf5(AsBytes(kSig)));
  std::string at512(512, '\0');
  at512 += kSig;
  EXPECT_TRUE(LooksLikeHdf5(AsBytes(at512)));
  std::string at2048(2048, 'x');
  at2048 += kSig;
  EXPECT_TRUE(LooksLikeHdf5(AsBytes(at2048)));
  std::string at100(100, '\0');
  at100 += kSig;
  EXPECT_FALSE(LooksLikeHdf5(AsBytes(at100)));
  EXPECT_FALSE(LooksLikeHdf5(AsBytes(kSig.substr(0, 7))));
  EXPECT_FALSE(LooksLikeHdf5(ByteView()));
}

TEST(ReadHdf5Test, LegacyKerasModel) {
  std::string data = ReadFixture("benign/legacy_sequential.h5");
  ASSERT_FALSE(data.empty());
  Hdf5Facts f = ReadHdf5(AsBytes(data), KerasLimits());
  ASSERT_TRUE(f.opened);
  EXPECT_TRUE(f.status.ok()) << f.status.ToString();
  ASSERT_TRUE(f.model_config.has_value());
  EXPECT_NE(f.model_config->find("\"Sequential\""), std::string::npos);
  ASSERT_TRUE(f.training_config.has_value());
  EXPECT_EQ(f.keras_version.value_or(""), "2.12.0");
  EXPECT_EQ(f.backend.value_or(""), "tensorflow");
  EXPECT_TRUE(f.has_model_weights);
  EXPECT_EQ(f.datasets, 2u);
  EXPECT_EQ(f.parameters, 8u * 4 + 4);
  EXPECT_EQ(f.dtypes, std::vector<std::string>{"F32"});
  EXPECT_TRUE(f.links.empty());
  EXPECT_TRUE(f.external_storage.empty());
}

TEST(ReadHdf5Test, ReadsReadOnlyMappingInPlace) {
  // A PROT_READ mapping: any write by libhdf5 into the image would fault.
  Result<MappedFile> m = MappedFile::Open(std::string(AIGIS_SOURCE_DIR) +
                                          "/tests/testdata/keras/benign/legacy_sequential.h5");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  Hdf5Facts f = ReadHdf5(m->view(), KerasLimits());
  ASSERT_TRUE(f.opened);
  EXPECT_TRUE(f.model_config.has_value());
  EXPECT_EQ(f.parameters, 36u);
}

TEST(ReadHdf5Test, FixedLengthBytesAttribute) {
  std::string data = ReadFixture("benign/legacy_sequential_bytes_attr.h5");
  Hdf5Facts f = ReadHdf5(AsBytes(data), KerasLimits());
  ASSERT_TRUE(f.opened);
  ASSERT_TRUE(f.model_config.has_value());
  EXPECT_EQ(f.model_config->front(), '{');
  EXPECT_EQ(f.model_config->back(), '}');
}

TEST(ReadHdf5Test, PlainWeightsFile) {
  std::string data = ReadFixture("benign/plain_weights.h5");
  Hdf5Facts f = ReadHdf5(AsBytes(data), KerasLimits());
  ASSERT_TRUE(f.opened);
  EXPECT_TRUE(f.status.ok()) << f.status.ToString();
  EXPECT_FALSE(f.model_config.has_value());
  EXPECT_FALSE(f.has_model_weights);
  EXPECT_EQ(f.parameters, 10u);
  EXPECT_EQ(f.groups, 4u);  // /, layers, dense, vars
}

TEST(ReadHdf5Test, ExternalLinkIsListedNotFollowed) {
  std::string data = ReadFixture("malicious/h5_external_link.h5");
  Hdf5Facts f = ReadHdf5(AsBytes(data), KerasLimits());
  ASSERT_TRUE(f.opened);
  ASSERT_EQ(f.links.size(), 1u);
  EXPECT_TRUE(f.links[0].external);
  EXPECT_EQ(f.links[0].path, "/model_weights/leak");
  EXPECT_EQ(f.links[0].target, "/etc/passwd:/");
}

TEST(ReadHdf5Test, ExternalStorage) {
  std::string data = ReadFixture("malicious/h5_external_storage.h5");
  Hdf5Facts f = ReadHdf5(AsBytes(data), KerasLimits());
  ASSERT_TRUE(f.opened);
  ASSERT_EQ(f.external_storage.size(), 1u);
  EXPECT_NE(f.external_storage[0].find("/etc/passwd"), std::string::npos);
}

TEST(ReadHdf5Test, NoSignatureIsMalformed) {
  Hdf5Facts f = ReadHdf5(AsBytes("not hdf5 at all"), KerasLimits());
  EXPECT_FALSE(f.opened);
  EXPECT_EQ(f.status.code(), StatusCode::kMalformed);
}

TEST(ReadHdf5Test, SignatureWithGarbageIsMalformed) {
  std::string junk = kSig + std::string(600, '\xff');
  Hdf5Facts f = ReadHdf5(AsBytes(junk), KerasLimits());
  EXPECT_FALSE(f.opened);
  EXPECT_EQ(f.status.code(), StatusCode::kMalformed);
}

TEST(ReadHdf5Test, TruncatedFilesNeverCrash) {
  std::string data = ReadFixture("benign/legacy_sequential.h5");
  ASSERT_GT(data.size(), 4096u);
  for (size_t cut : {size_t{64}, size_t{512}, size_t{2048}, data.size() / 2, data.size() - 100}) {
    Hdf5Facts f = ReadHdf5(AsBytes(std::string_view(data).substr(0, cut)), KerasLimits());
    EXPECT_FALSE(f.opened && f.status.ok() && f.model_config.has_value() && f.parameters == 36)
        << "cut at " << cut << " read like the whole file";
  }
}

TEST(ReadHdf5Test, SizeLimit) {
  std::string data = ReadFixture("benign/legacy_sequential.h5");
  KerasLimits limits;
  limits.max_hdf5_bytes = 100;
  Hdf5Facts f = ReadHdf5(AsBytes(data), limits);
  EXPECT_FALSE(f.opened);
  EXPECT_EQ(f.status.code(), StatusCode::kLimitExceeded);
}

TEST(ReadHdf5Test, AttributeLimit) {
  std::string data = ReadFixture("benign/legacy_sequential.h5");
  KerasLimits limits;
  limits.max_attribute_bytes = 16;
  Hdf5Facts f = ReadHdf5(AsBytes(data), limits);
  ASSERT_TRUE(f.opened);
  EXPECT_EQ(f.status.code(), StatusCode::kLimitExceeded);
  EXPECT_FALSE(f.model_config.has_value());
  EXPECT_EQ(f.keras_version.value_or(""), "2.12.0");  // short attributes still read
  data = ReadFixture("benign/legacy_sequential_bytes_attr.h5");
  f = ReadHdf5(AsBytes(data), limits);
  EXPECT_EQ(f.status.code(), StatusCode::kLimitExceeded);
  EXPECT_FALSE(f.model_config.has_value());
}

TEST(ReadHdf5Test, ObjectAndDepthLimits) {
  std::string data = ReadFixture("benign/plain_weights.h5");
  KerasLimits limits;
  limits.max_hdf5_objects = 2;
  Hdf5Facts f = ReadHdf5(AsBytes(data), limits);
  EXPECT_EQ(f.status.code(), StatusCode::kLimitExceeded);
  limits = KerasLimits();
  limits.max_hdf5_depth = 1;
  f = ReadHdf5(AsBytes(data), limits);
  EXPECT_EQ(f.status.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(f.parameters, 0u);
}

TEST(ReadHdf5Test, ConcurrentReads) {
  std::string data = ReadFixture("benign/legacy_sequential.h5");
  std::vector<std::thread> threads;
  std::vector<uint64_t> params(4, 0);
  for (size_t i = 0; i < params.size(); ++i) {
    threads.emplace_back([&, i] { params[i] = ReadHdf5(AsBytes(data), KerasLimits()).parameters; });
  }
  for (auto& t : threads) t.join();
  for (uint64_t p : params) EXPECT_EQ(p, 36u);
}

}  // namespace
}  // namespace aigis::formats::keras
