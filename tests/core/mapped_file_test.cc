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

// ReadAt (pread on a mapped file) returns the bytes the view has, refuses ranges past the end, and
// is not available for small files read into memory; it survives moves.
TEST(MappedFileTest, ReadAtMatchesTheViewOfAMappedFile) {
  auto dir = std::filesystem::temp_directory_path() / ("aigis_mf3_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const size_t size = 2 * MappedFile::kReadWholeBytes + 123;
  std::string want(size, '\0');
  for (size_t i = 0; i < size; ++i) want[i] = static_cast<char>((i * 7 + 3) & 0xff);
  {
    std::ofstream(dir / "big", std::ios::binary)
        .write(want.data(), static_cast<std::streamsize>(size));
    std::ofstream(dir / "small") << "abc";
  }
  auto opened = MappedFile::Open((dir / "big").string());
  ASSERT_TRUE(opened.ok());
  MappedFile f = std::move(opened).value();
  ASSERT_TRUE(f.mapped());
  for (uint64_t off : {uint64_t{0}, uint64_t{4095}, uint64_t{MappedFile::kReadWholeBytes + 1},
                       uint64_t{size - 10}}) {
    uint8_t buf[10] = {};
    ASSERT_TRUE(f.ReadAt(off, buf, sizeof buf)) << off;
    EXPECT_EQ(std::string(reinterpret_cast<char*>(buf), sizeof buf), want.substr(off, 10)) << off;
  }
  uint8_t b[16];
  EXPECT_FALSE(f.ReadAt(size - 5, b, 6));
  EXPECT_FALSE(f.ReadAt(size + 1, b, 0));
  EXPECT_FALSE(f.ReadAt(UINT64_MAX, b, 1));
  EXPECT_TRUE(f.ReadAt(size, b, 0));
  auto small = MappedFile::Open((dir / "small").string());
  ASSERT_TRUE(small.ok());
  EXPECT_FALSE(small->mapped());
  EXPECT_FALSE(small->ReadAt(0, b, 1));
  MappedFile empty;
  EXPECT_FALSE(empty.ReadAt(0, b, 1));
  std::filesystem::remove_all(dir);
}

// BlockReader gives the same bytes as the view, serves a read inside an earlier read without
// another pread(), never reads past the end, and reads big ranges straight through.
TEST(BlockReaderTest, ServesReadsInsideEarlierReads) {
  auto dir = std::filesystem::temp_directory_path() / ("aigis_br_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const size_t size = 2 * MappedFile::kReadWholeBytes + 321;
  std::string want(size, '\0');
  for (size_t i = 0; i < size; ++i) want[i] = static_cast<char>((i * 13 + 5) & 0xff);
  std::ofstream(dir / "big", std::ios::binary)
      .write(want.data(), static_cast<std::streamsize>(size));
  auto opened = MappedFile::Open((dir / "big").string());
  ASSERT_TRUE(opened.ok());
  ASSERT_TRUE(opened->mapped());
  BlockReader r(&*opened);
  auto read = [&](uint64_t off, size_t n) {
    std::string got(n, '\0');
    if (!r.ReadAt(off, reinterpret_cast<uint8_t*>(got.data()), n)) return std::string("<fail>");
    return got;
  };
  // A local header read with its name, extra field and the member's first 64 bytes (ZipArchive).
  EXPECT_EQ(read(1000, 190), want.substr(1000, 190));
  EXPECT_EQ(r.preads(), 1u);
  // The member's head, 48..80 bytes after its header: the same read.
  EXPECT_EQ(read(1000 + 80, 64), want.substr(1080, 64));
  EXPECT_EQ(read(1000, 1), want.substr(1000, 1));
  EXPECT_EQ(read(1000 + 189, 1), want.substr(1189, 1));
  EXPECT_EQ(r.preads(), 1u);
  EXPECT_EQ(read(1000 + 189, 2), want.substr(1189, 2));  // one byte past what was read
  EXPECT_EQ(r.preads(), 2u);
  EXPECT_EQ(read(1000 + 80, 512), want.substr(1080, 512));  // runs past it: a new read
  EXPECT_EQ(r.preads(), 3u);
  EXPECT_EQ(read(5000, BlockReader::kMaxKeptRead + 7),
            want.substr(5000, BlockReader::kMaxKeptRead + 7));  // straight through, not kept
  EXPECT_EQ(read(5000, 10), want.substr(5000, 10));
  EXPECT_EQ(r.preads(), 5u);
  // Reads up to the file's end are served, reads past the end refused.
  EXPECT_EQ(read(size - 100, 100), want.substr(size - 100, 100));
  EXPECT_EQ(read(size - 10, 10), want.substr(size - 10, 10));
  EXPECT_EQ(r.preads(), 6u);
  EXPECT_EQ(read(size - 10, 11), "<fail>");
  EXPECT_EQ(read(size + 1, 0), "<fail>");
  EXPECT_EQ(read(UINT64_MAX, 1), "<fail>");
  EXPECT_EQ(r.preads(), 6u);
  // Past kMaxBlocks nothing more is kept, but reads stay correct.
  for (size_t i = 0; i < BlockReader::kMaxBlocks + 10; ++i) {
    uint64_t off = 10'000 + i * 300;
    ASSERT_EQ(read(off, 20), want.substr(off, 20)) << i;
  }
  std::filesystem::remove_all(dir);
}

// A mapped file that shrinks under us reads as zeros past its new end (no SIGBUS) and says it
// changed; one that grows says so too; an untouched one does not.
TEST(MappedFileTest, ShrinkingWhileMappedReadsZerosAndIsReported) {
  auto dir = std::filesystem::temp_directory_path() / ("aigis_mf4_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const size_t size = 4 * MappedFile::kReadWholeBytes;
  std::ofstream(dir / "f", std::ios::binary) << std::string(size, '\xab');
  std::ofstream(dir / "g", std::ios::binary) << std::string(size, '\xcd');
  auto f = MappedFile::Open((dir / "f").string());
  auto g = MappedFile::Open((dir / "g").string());
  ASSERT_TRUE(f.ok() && g.ok());
  ASSERT_TRUE(f->mapped());
  EXPECT_FALSE(f->changed());
  std::filesystem::resize_file(dir / "f", 8192);
  const volatile uint8_t* v = f->view().data();
  EXPECT_EQ(v[100], 0xab);
  EXPECT_EQ(v[size / 2], 0);
  EXPECT_EQ(v[size - 1], 0);
  EXPECT_TRUE(f->changed());
  EXPECT_FALSE(g->changed());
  std::ofstream(dir / "g", std::ios::binary | std::ios::app) << "more";
  EXPECT_TRUE(g->changed());
  EXPECT_EQ(g->view()[size - 1], 0xcd);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace aigis
