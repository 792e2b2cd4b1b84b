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

// Both paths (read() copy for small files, mmap for large) give the exact bytes, and moving keeps
// the view valid.
TEST(MappedFileTest, SmallReadAndLargeMapGiveTheSameBytes) {
  auto dir = std::filesystem::temp_directory_path() / ("aigis_mf2_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (size_t size : {size_t{1}, MappedFile::kReadWholeBytes, MappedFile::kReadWholeBytes + 1,
                      3 * MappedFile::kReadWholeBytes + 7}) {
    std::string want(size, '\0');
    for (size_t i = 0; i < size; ++i) want[i] = static_cast<char>((i * 131 + size) & 0xff);
    auto path = dir / ("f" + std::to_string(size));
    {
      std::ofstream(path, std::ios::binary).write(want.data(), static_cast<std::streamsize>(size));
    }
    auto f = MappedFile::Open(path.string());
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    MappedFile moved = std::move(f).value();
    MappedFile again;
    again = std::move(moved);
    ASSERT_EQ(again.size(), size);
    EXPECT_EQ(AsStringView(again.view()), want) << size;
    EXPECT_EQ(moved.size(), 0u);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace aigis
