// Drives `aigis sign/verify/seal/unseal` through CLI11 exactly as main() does.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/commands.h"
#include "sign_test_util.h"

namespace aigis::cli {
namespace {

namespace fs = std::filesystem;
using sign::testing::ReadFile;
using sign::testing::TempDir;
using sign::testing::WriteFile;

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

CliRun Aigis(std::vector<std::string> args) {
  CLI::App app{"aigis"};
  app.require_subcommand(1);
  int exit_code = kExitOk;
  RegisterSignCommands(app, &exit_code);
  args.insert(args.begin(), "aigis");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  CliRun r;
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
    r.code = exit_code;
  } catch (const CLI::ParseError& e) {
    r.code = app.exit(e) == 0 ? kExitOk : kExitError;
  }
  r.out = ::testing::internal::GetCapturedStdout();
  r.err = ::testing::internal::GetCapturedStderr();
  return r;
}

class CmdSignTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(sign::testing::GenerateEcKeyPair("P-256", keys_ / "k.pem", keys_ / "k.pub"));
    WriteFile(model_ / "model.safetensors", sign::testing::RandomBytesString(10000, 1));
    WriteFile(model_ / "tokenizer/vocab.txt", "a\nb\n");
  }
  TempDir keys_;
  TempDir model_;
};

TEST_F(CmdSignTest, SignVerifyTamper) {
  CliRun s = Aigis({"sign", "--key", keys_ / "k.pem", model_.path()});
  ASSERT_EQ(s.code, kExitOk) << s.err;
  EXPECT_NE(s.out.find("signed 2 file(s)"), std::string::npos) << s.out;
  CliRun v = Aigis({"verify", "--key", keys_ / "k.pub", model_.path()});
  EXPECT_EQ(v.code, kExitOk) << v.out << v.err;
  EXPECT_NE(v.out.find("VERIFIED"), std::string::npos);
  WriteFile(model_ / "tokenizer/vocab.txt", "a\nc\n");
  v = Aigis({"verify", "--key", keys_ / "k.pub", model_.path()});
  EXPECT_EQ(v.code, kExitFindings);
  EXPECT_NE(v.out.find("modified"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("tokenizer/vocab.txt"), std::string::npos);
  v = Aigis({"verify", "--json", "--key", keys_ / "k.pub", model_.path()});
  EXPECT_EQ(v.code, kExitFindings);
  EXPECT_NE(v.out.find("\"outcome\":\"model-mismatch\""), std::string::npos) << v.out;
}

TEST_F(CmdSignTest, ReferenceVectorsThroughTheCli) {
  std::string mt = sign::testing::TestdataDir() + "/model-transparency";
  CliRun v = Aigis({"verify", "--key", mt + "/keys/certificate/signing-key-pub.pem",
                    mt + "/v1.1.0-elliptic-key"});
  EXPECT_EQ(v.code, kExitOk) << v.out << v.err;
  v = Aigis({"verify", "--certificate-chain", mt + "/keys/certificate/ca-cert.pem",
             mt + "/v1.1.0-certificate"});
  EXPECT_EQ(v.code, kExitOk) << v.out << v.err;
  v = Aigis({"verify", mt + "/v1.1.0-sigstore"});
  EXPECT_EQ(v.code, kExitFindings);
  EXPECT_NE(v.out.find("needs-transparency-log"), std::string::npos) << v.out;
  v = Aigis({"verify", "--key", keys_ / "k.pub", mt + "/v1.1.0-elliptic-key"});
  EXPECT_EQ(v.code, kExitFindings);
  EXPECT_NE(v.out.find("wrong-key"), std::string::npos) << v.out;
}

TEST_F(CmdSignTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Aigis({"verify", model_.path()}).code, kExitError);  // no model.sig
  EXPECT_EQ(Aigis({"sign", model_.path()}).code, kExitError);    // --key missing
  EXPECT_EQ(Aigis({"sign", "--key", keys_ / "missing.pem", model_.path()}).code, kExitError);
  EXPECT_EQ(Aigis({"verify", "--key", "a", "--certificate-chain", "b", model_.path()}).code,
            kExitError);
  EXPECT_EQ(Aigis({"seal", "--key", keys_ / "k.pem", "in"}).code, kExitError);
}

TEST_F(CmdSignTest, SealUnsealRewrap) {
  TempDir d;
  ASSERT_EQ(Aigis({"seal", "--generate-key", d / "k1"}).code, kExitOk);
  ASSERT_EQ(Aigis({"seal", "--generate-key", d / "k2"}).code, kExitOk);
  std::string m = model_ / "model.safetensors";
  CliRun s = Aigis({"seal", "--key", d / "k1", "--chunk-size", "4096", m, d / "m.sealed"});
  ASSERT_EQ(s.code, kExitOk) << s.err;
  ASSERT_EQ(Aigis({"unseal", "--key", d / "k1", d / "m.sealed", d / "m.out"}).code, kExitOk);
  EXPECT_EQ(ReadFile(d / "m.out"), ReadFile(m));
  CliRun wrong = Aigis({"unseal", "--key", d / "k2", d / "m.sealed", d / "m.out2"});
  EXPECT_EQ(wrong.code, kExitFindings);
  EXPECT_NE(wrong.err.find("wrong key"), std::string::npos) << wrong.err;
  ASSERT_EQ(
      Aigis({"seal", "--rewrap", "--key", d / "k1", "--new-key", d / "k2", d / "m.sealed"}).code,
      kExitOk);
  ::setenv("AIGIS_CMD_TEST_KEY", ReadFile(d / "k2").c_str(), 1);
  EXPECT_EQ(Aigis({"unseal", "--key-env", "AIGIS_CMD_TEST_KEY", d / "m.sealed", d / "m.out3"}).code,
            kExitOk);
  ::unsetenv("AIGIS_CMD_TEST_KEY");
  std::string sealed = ReadFile(d / "m.sealed");
  sealed[sealed.size() / 2] ^= 1;
  WriteFile(d / "m.sealed", sealed);
  CliRun bad = Aigis({"unseal", "--key", d / "k2", d / "m.sealed", d / "m.out4"});
  EXPECT_EQ(bad.code, kExitFindings);
  EXPECT_NE(bad.err.find("authentication failed"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(d / "m.out4"));
  EXPECT_EQ(Aigis({"seal", "--key", d / "k1", "--chunk-size", "1000", m, d / "x"}).code,
            kExitError);
}

}  // namespace
}  // namespace aigis::cli
