#include "formats/onnx/external_data.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace aigis::formats::onnx {
namespace {

namespace fs = std::filesystem;

TEST(LocationTextTest, BenignRelativeNames) {
  for (const char* loc :
       {"weights.bin", "data/weights.bin", "model.onnx.data", "a..b", "..weights", "./w.bin"}) {
    LocationText t = CheckLocationText(loc);
    EXPECT_FALSE(t.escapes()) << loc;
    EXPECT_FALSE(t.backslash || t.control_char || t.empty || t.ort_memory_marker) << loc;
  }
}

TEST(LocationTextTest, Escapes) {
  EXPECT_TRUE(CheckLocationText("/etc/passwd").absolute_posix);
  EXPECT_TRUE(CheckLocationText("../../etc/passwd").parent_ref);
  EXPECT_TRUE(CheckLocationText("data/../../x").parent_ref);
  EXPECT_TRUE(CheckLocationText("..").parent_ref);
  EXPECT_TRUE(CheckLocationText("..\\..\\x").parent_ref);
  EXPECT_TRUE(CheckLocationText("a\\.. \\x").parent_ref);  // Windows strips trailing spaces
  EXPECT_TRUE(CheckLocationText(".../x").parent_ref);
  EXPECT_TRUE(CheckLocationText("C:\\Windows\\win.ini").drive_letter);
  EXPECT_TRUE(CheckLocationText("c:relative").drive_letter);
  EXPECT_TRUE(CheckLocationText("\\\\host\\share\\x").unc);
  EXPECT_TRUE(CheckLocationText("//host/share/x").unc);
  EXPECT_TRUE(CheckLocationText("\\\\?\\C:\\x").unc);
  EXPECT_TRUE(CheckLocationText("file:///etc/passwd").url);
  EXPECT_TRUE(CheckLocationText("~/.ssh/id_rsa").home_ref);
  EXPECT_TRUE(CheckLocationText("\\x").backslash);
  EXPECT_TRUE(CheckLocationText(std::string("w.bin\0/../x", 11)).control_char);
  EXPECT_TRUE(CheckLocationText("").empty);
  EXPECT_TRUE(CheckLocationText("*/_ORT_MEM_ADDR_/*").ort_memory_marker);
}

TEST(ExternalNumberTest, StrictDecimal) {
  EXPECT_EQ(ParseExternalNumber("0"), 0u);
  EXPECT_EQ(ParseExternalNumber("4096"), 4096u);
  EXPECT_EQ(ParseExternalNumber("9223372036854775807"), 9223372036854775807ull);
  EXPECT_FALSE(ParseExternalNumber("9223372036854775808"));
  EXPECT_FALSE(ParseExternalNumber("99999999999999999999"));
  EXPECT_FALSE(ParseExternalNumber(""));
  EXPECT_FALSE(ParseExternalNumber("-1"));
  EXPECT_FALSE(ParseExternalNumber("+1"));
  EXPECT_FALSE(ParseExternalNumber(" 1"));
  EXPECT_FALSE(ParseExternalNumber("0x10"));
  EXPECT_FALSE(ParseExternalNumber("1e3"));
}

class ExternalFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("aigis_onnx_ext_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "model" / "sub");
    fs::create_directories(dir_ / "outside");
    Write(dir_ / "model" / "weights.bin", 32);
    Write(dir_ / "model" / "sub" / "w.bin", 8);
    Write(dir_ / "outside" / "secret", 5);
    model_ = (dir_ / "model" / "model.onnx").string();
    Write(model_, 1);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static void Write(const fs::path& p, size_t n) {
    std::ofstream(p, std::ios::binary) << std::string(n, 'x');
  }
  fs::path dir_;
  std::string model_;
};

TEST_F(ExternalFileTest, InsideRegularFile) {
  ExternalFile f = CheckExternalFile(model_, "weights.bin");
  EXPECT_TRUE(f.checked);
  EXPECT_TRUE(f.exists);
  EXPECT_TRUE(f.regular_file);
  EXPECT_FALSE(f.outside_model_dir);
  EXPECT_FALSE(f.through_symlink);
  EXPECT_EQ(f.size, 32u);
  EXPECT_EQ(CheckExternalFile(model_, "sub/w.bin").size, 8u);
}

TEST_F(ExternalFileTest, MissingFile) {
  ExternalFile f = CheckExternalFile(model_, "nope.bin");
  EXPECT_TRUE(f.checked);
  EXPECT_FALSE(f.exists);
  EXPECT_FALSE(f.outside_model_dir);
}

TEST_F(ExternalFileTest, TraversalResolvesOutside) {
  ExternalFile f = CheckExternalFile(model_, "../outside/secret");
  EXPECT_TRUE(f.outside_model_dir);
  EXPECT_TRUE(f.exists);
  // A traversal that comes back in stays inside.
  EXPECT_FALSE(CheckExternalFile(model_, "sub/../weights.bin").outside_model_dir);
}

TEST_F(ExternalFileTest, SymlinkedDirectoryOutside) {
  fs::create_directory_symlink(dir_ / "outside", dir_ / "model" / "link");
  ExternalFile f = CheckExternalFile(model_, "link/secret");
  EXPECT_TRUE(f.through_symlink);
  EXPECT_TRUE(f.outside_model_dir);
  EXPECT_EQ(f.size, 5u);
}

TEST_F(ExternalFileTest, SymlinkInside) {
  fs::create_symlink(dir_ / "model" / "weights.bin", dir_ / "model" / "alias.bin");
  ExternalFile f = CheckExternalFile(model_, "alias.bin");
  EXPECT_TRUE(f.through_symlink);
  EXPECT_FALSE(f.outside_model_dir);
}

TEST_F(ExternalFileTest, DirectoryIsNotRegular) {
  ExternalFile f = CheckExternalFile(model_, "sub");
  EXPECT_TRUE(f.exists);
  EXPECT_FALSE(f.regular_file);
}

TEST_F(ExternalFileTest, ModelDirReachedThroughSymlinkIsStillInside) {
  fs::create_directory_symlink(dir_ / "model", dir_ / "model_link");
  ExternalFile f = CheckExternalFile((dir_ / "model_link" / "model.onnx").string(), "weights.bin");
  EXPECT_FALSE(f.outside_model_dir);
  EXPECT_FALSE(f.through_symlink);
}

TEST(ExternalFileNoPathTest, NotChecked) {
  EXPECT_FALSE(CheckExternalFile("", "w.bin").checked);
  EXPECT_FALSE(CheckExternalFile("/tmp/m.onnx", std::string("a\0b", 3)).checked);
}

}  // namespace
}  // namespace aigis::formats::onnx
