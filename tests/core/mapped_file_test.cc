#include "core/mapped_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace aigis {
namespace {

TEST(MappedFileTest, MapsContentAndEmptyFiles) {
  auto dir = std::filesystem::temp_directory_path() / ("aigis_mf_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "a") << "hello"; }
  { std::ofstream(dir / "empty"); }
  auto a = MappedFile::Open((dir / "a").string());
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(AsStringView(a->view()), "hello");
  auto e = MappedFile::Open((dir / "empty").string());
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->size(), 0u);
  EXPECT_EQ(MappedFile::Open((dir / "missing").string()).status().code(), StatusCode::kIOError);
  EXPECT_EQ(MappedFile::Open(dir.string()).status().code(), StatusCode::kIOError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace aigis
