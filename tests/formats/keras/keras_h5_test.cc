#include "formats/keras/keras_h5.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "core/isolated_call.h"
#include "core/mapped_file.h"
#include "formats/keras/keras_h5_plugin.h"

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

// The reader program answers a request it cannot trust (another build, or none) with facts that
// say so, never with an empty "clean" answer.
TEST(ReadHdf5Test, ReaderProgramRefusesARequestFromAnotherBuild) {
  const std::string program = AIGIS_BINARY_DIR "/plugins/" + std::string(kHdf5ReaderProgram);
  std::string data = ReadFixture("benign/legacy_sequential.h5");
  // The reader's facts for `head` followed by the file.
  auto ask = [&](const std::string& head) -> Hdf5Facts {
    Result<std::string> out =
        RunIsolatedProgram(program, {AsBytes(head), AsBytes(data)}, IsolationLimits());
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    if (!out.ok()) return Hdf5Facts();
    Result<Hdf5Facts> f = DecodeHdf5Facts(AsBytes(*out), KerasLimits());
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? *f : Hdf5Facts();
  };
  auto bytes = [](const Hdf5ReadRequest& r) {
    return std::string(reinterpret_cast<const char*>(&r), sizeof(r));
  };
  Hdf5ReadRequest request;
  request.abi += 1;
  for (const std::string& head : {std::string("AH5Q"), bytes(request)}) {
    Hdf5Facts f = ask(head);
    EXPECT_FALSE(f.opened);
    EXPECT_EQ(f.status.code(), StatusCode::kUnsupported);
    EXPECT_NE(f.status.message().find("another aigis build"), std::string::npos)
        << f.status.message();
  }
  Hdf5Facts f = ask(bytes(Hdf5ReadRequest()));  // the same bytes with the right stamp are read
  EXPECT_TRUE(f.opened);
  EXPECT_EQ(f.parameters, 36u);
}

// What the isolated reader reports is what libhdf5 reports in process, field by field.
void ExpectSameFacts(const Hdf5Facts& a, const Hdf5Facts& b, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(a.opened, b.opened);
  EXPECT_EQ(a.model_config, b.model_config);
  EXPECT_EQ(a.training_config, b.training_config);
  EXPECT_EQ(a.keras_version, b.keras_version);
  EXPECT_EQ(a.backend, b.backend);
  EXPECT_EQ(a.has_model_weights, b.has_model_weights);
  EXPECT_EQ(a.groups, b.groups);
  EXPECT_EQ(a.datasets, b.datasets);
  EXPECT_EQ(a.parameters, b.parameters);
  EXPECT_EQ(a.dtypes, b.dtypes);
  ASSERT_EQ(a.links.size(), b.links.size());
  for (size_t i = 0; i < a.links.size(); ++i) {
    EXPECT_EQ(a.links[i].path, b.links[i].path);
    EXPECT_EQ(a.links[i].target, b.links[i].target);
    EXPECT_EQ(a.links[i].external, b.links[i].external);
  }
  EXPECT_EQ(a.external_storage, b.external_storage);
  EXPECT_EQ(a.status.code(), b.status.code());
  EXPECT_EQ(a.status.offset(), b.status.offset());
  EXPECT_EQ(a.status.ok() ? "" : a.status.message(), b.status.ok() ? "" : b.status.message());
}

TEST(ReadHdf5Test, IsolatedReadAgreesWithInProcessRead) {
  const char* fixtures[] = {
      "benign/legacy_sequential.h5",    "benign/legacy_sequential_bytes_attr.h5",
      "benign/legacy_tf213_modules.h5", "benign/plain_weights.h5",
      "malicious/h5_external_link.h5",  "malicious/h5_external_storage.h5",
      "malicious/k2_lambda.h5",         "malicious/k2_training_config_gadget.h5"};
  for (const char* name : fixtures) {
    std::string data = ReadFixture(name);
    ASSERT_FALSE(data.empty()) << name;
    KerasLimits in_process;
    in_process.isolate_hdf5 = false;
    Hdf5Facts isolated = ReadHdf5(AsBytes(data), KerasLimits());
    ASSERT_TRUE(isolated.opened) << name << ": " << isolated.status.ToString();
    ExpectSameFacts(isolated, ReadHdf5(AsBytes(data), in_process), name);
    // The limits' errors cross the process boundary too.
    KerasLimits small;
    small.max_hdf5_objects = 1;
    in_process.max_hdf5_objects = 1;
    ExpectSameFacts(ReadHdf5(AsBytes(data), small), ReadHdf5(AsBytes(data), in_process),
                    std::string(name) + " with max_hdf5_objects 1");
  }
}

TEST(Hdf5FactsCodecTest, RoundTripsEveryField) {
  Hdf5Facts f;
  f.opened = true;
  f.model_config = std::string("{\"class_name\": \"Sequential\"}") + std::string(1, '\0') + "tail";
  f.keras_version = "2.12.0";
  f.has_model_weights = true;
  f.groups = 7;
  f.datasets = 1ull << 40;
  f.parameters = UINT64_MAX;
  f.dtypes = {"F32", "I64"};
  f.links = {{"/a/b", "other.h5:/x", true}, {"/c", "/a", false}};
  f.external_storage = {"/w -> data.bin"};
  f.status = Status::LimitExceeded(42, "hdf5: more than 2 objects");
  Result<Hdf5Facts> back = DecodeHdf5Facts(AsBytes(EncodeHdf5Facts(f)), KerasLimits());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSameFacts(f, *back, "round trip");
  Hdf5Facts empty;
  back = DecodeHdf5Facts(AsBytes(EncodeHdf5Facts(empty)), KerasLimits());
  ASSERT_TRUE(back.ok());
  ExpectSameFacts(empty, *back, "empty");
}

TEST(Hdf5FactsCodecTest, RejectsTruncatedTrailingAndOutOfRangeInput) {
  Hdf5Facts f;
  f.opened = true;
  f.model_config = "{}";
  f.dtypes = {"F32"};
  f.links = {{"/a", "b.h5:/", true}};
  const std::string enc = EncodeHdf5Facts(f);
  for (size_t n = 0; n < enc.size(); ++n) {
    EXPECT_FALSE(DecodeHdf5Facts(AsBytes(enc.substr(0, n)), KerasLimits()).ok()) << n;
  }
  EXPECT_FALSE(DecodeHdf5Facts(AsBytes(enc + "x"), KerasLimits()).ok());
  std::string bad = enc;
  bad[8] = 2;  // the opened flag
  EXPECT_FALSE(DecodeHdf5Facts(AsBytes(bad), KerasLimits()).ok());
  bad = enc;
  bad[4] = 9;  // version
  EXPECT_FALSE(DecodeHdf5Facts(AsBytes(bad), KerasLimits()).ok());
  bad = enc;
  bad[enc.size() - 17] = 99;  // status code (then u64 offset, u64 length of an empty message)
  EXPECT_FALSE(DecodeHdf5Facts(AsBytes(bad), KerasLimits()).ok());
  // A config longer than max_attribute_bytes is refused, not allocated.
  KerasLimits limits;
  limits.max_attribute_bytes = 1;
  EXPECT_EQ(DecodeHdf5Facts(AsBytes(enc), limits).status().code(), StatusCode::kLimitExceeded);
}

}  // namespace
}  // namespace aigis::formats::keras
