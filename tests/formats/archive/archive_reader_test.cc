#include "formats/archive/archive_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aigis::formats::archive {
namespace {

using Type = ArchiveEntry::Type;

struct WEntry {
  std::string name;
  std::string data;
  Type type = Type::kFile;
  std::string link;
};

// Builds an archive in memory with libarchive's writer (tar variants and 7z), so fixtures need
// no external programs. `format` is e.g. ARCHIVE_FORMAT_TAR_USTAR or ARCHIVE_FORMAT_7ZIP.
std::string Write(int format, const std::vector<WEntry>& entries) {
  struct archive* a = archive_write_new();
  EXPECT_EQ(archive_write_set_format(a, format), ARCHIVE_OK) << archive_error_string(a);
  std::string buf(1 << 22, '\0');
  size_t used = 0;
  EXPECT_EQ(archive_write_open_memory(a, buf.data(), buf.size(), &used), ARCHIVE_OK);
  for (const WEntry& w : entries) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, w.name.c_str());
    archive_entry_set_perm(e, 0644);
    archive_entry_set_mtime(e, 1700000000, 0);
    switch (w.type) {
      case Type::kFile:
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_size(e, static_cast<la_int64_t>(w.data.size()));
        break;
      case Type::kDir:
        archive_entry_set_filetype(e, AE_IFDIR);
        break;
      case Type::kSymlink:
        archive_entry_set_filetype(e, AE_IFLNK);
        archive_entry_set_symlink(e, w.link.c_str());
        break;
      case Type::kHardlink:
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_hardlink(e, w.link.c_str());
        archive_entry_set_size(e, 0);
        break;
      case Type::kOther:
        archive_entry_set_filetype(e, AE_IFIFO);
        break;
    }
    EXPECT_EQ(archive_write_header(a, e), ARCHIVE_OK) << archive_error_string(a);
    if (w.type == Type::kFile && !w.data.empty()) {
      EXPECT_EQ(archive_write_data(a, w.data.data(), w.data.size()),
                static_cast<la_ssize_t>(w.data.size()));
    }
    archive_entry_free(e);
  }
  EXPECT_EQ(archive_write_close(a), ARCHIVE_OK) << archive_error_string(a);
  archive_write_free(a);
  buf.resize(used);
  return buf;
}

std::string Str(const ArchiveEntry& e) {
  return e.data ? std::string(e.data->begin(), e.data->end()) : std::string();
}

Result<ArchiveListing> Read(const std::string& s, const ArchiveLimits& lim = ArchiveLimits{}) {
  return ReadArchive(AsBytes(s), lim);
}

std::vector<WEntry> Sample() {
  return {{.name = "model/", .type = Type::kDir},
          {.name = "model/data.pkl", .data = "\x80\x02K\x01."},
          {.name = "model/weights.bin", .data = std::string(3000, 'w')},
          {.name = "model/link", .type = Type::kSymlink, .link = "/etc/passwd"},
          {.name = "model/hard", .type = Type::kHardlink, .link = "model/data.pkl"},
          {.name = "model/fifo", .type = Type::kOther}};
}

void ExpectSample(const ArchiveListing& l) {
  ASSERT_EQ(l.entries.size(), 6u);
  EXPECT_EQ(l.entries[0].type, Type::kDir);
  EXPECT_EQ(l.entries[1].name, "model/data.pkl");
  EXPECT_EQ(l.entries[1].type, Type::kFile);
  EXPECT_EQ(Str(l.entries[1]), "\x80\x02K\x01.");
  EXPECT_EQ(l.entries[2].size, 3000u);
  EXPECT_EQ(Str(l.entries[2]), std::string(3000, 'w'));
  EXPECT_FALSE(l.entries[2].truncated);
  EXPECT_EQ(l.entries[3].type, Type::kSymlink);
  EXPECT_EQ(l.entries[3].link_target, "/etc/passwd");
  EXPECT_EQ(l.entries[4].type, Type::kHardlink);
  EXPECT_EQ(l.entries[4].link_target, "model/data.pkl");
  EXPECT_EQ(l.entries[5].type, Type::kOther);
  EXPECT_TRUE(l.status.ok()) << l.status.ToString();
}

TEST(ArchiveReader, TarVariants) {
  for (int fmt : {ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FORMAT_TAR_PAX_INTERCHANGE,
                  ARCHIVE_FORMAT_TAR_GNUTAR, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED}) {
    std::string tar = Write(fmt, Sample());
    EXPECT_TRUE(LooksLikeTar(AsBytes(tar))) << fmt;
    auto l = Read(tar);
    ASSERT_TRUE(l.ok()) << fmt << ": " << l.error().ToString();
    EXPECT_NE(l->format.find("tar"), std::string::npos) << l->format;
    ExpectSample(*l);
  }
}

TEST(ArchiveReader, SevenZip) {
  std::vector<WEntry> entries = {{.name = "archive/data.pkl", .data = "\x80\x04\x95payload"},
                                 {.name = "archive/big", .data = std::string(50000, 'b')},
                                 {.name = "archive/", .type = Type::kDir}};
  std::string sz = Write(ARCHIVE_FORMAT_7ZIP, entries);
  EXPECT_TRUE(Looks7z(AsBytes(sz)));
  EXPECT_FALSE(LooksLikeTar(AsBytes(sz)));
  auto l = Read(sz);
  ASSERT_TRUE(l.ok()) << l.error().ToString();
  EXPECT_EQ(l->format, "7-Zip");
  ASSERT_EQ(l->entries.size(), 3u);
  bool saw_pickle = false;
  for (const auto& e : l->entries) {
    if (e.name == "archive/data.pkl") {
      saw_pickle = true;
      EXPECT_EQ(Str(e), "\x80\x04\x95payload");
    }
    if (e.name == "archive/big") {
      EXPECT_EQ(Str(e), std::string(50000, 'b'));
    }
  }
  EXPECT_TRUE(saw_pickle);
}

TEST(ArchiveReader, TraversalNamesAndLinksListedFaithfully) {
  std::string tar = Write(ARCHIVE_FORMAT_TAR_PAX_INTERCHANGE,
                          {{.name = "../../etc/cron.d/evil", .data = "x"},
                           {.name = "/abs/path", .data = "y"},
                           {.name = "ok/../../up", .data = "z"},
                           {.name = "esc", .type = Type::kSymlink, .link = "../../../../root"}});
  auto l = Read(tar);
  ASSERT_TRUE(l.ok());
  ASSERT_EQ(l->entries.size(), 4u);
  EXPECT_EQ(l->entries[0].name, "../../etc/cron.d/evil");
  EXPECT_EQ(l->entries[1].name, "/abs/path");
  EXPECT_EQ(l->entries[2].name, "ok/../../up");
  EXPECT_EQ(l->entries[3].link_target, "../../../../root");
  EXPECT_EQ(EntryTypeName(l->entries[3].type), "symlink");
}

TEST(ArchiveReader, LongNamesPaxAndGnu) {
  std::string long_name = std::string(150, 'd') + "/" + std::string(120, 'f');
  for (int fmt : {ARCHIVE_FORMAT_TAR_PAX_INTERCHANGE, ARCHIVE_FORMAT_TAR_GNUTAR}) {
    auto l = Read(Write(fmt, {{.name = long_name, .data = "abc"}}));
    ASSERT_TRUE(l.ok());
    ASSERT_EQ(l->entries.size(), 1u);
    EXPECT_EQ(l->entries[0].name, long_name);
    EXPECT_FALSE(l->entries[0].name_truncated);
  }
}

TEST(ArchiveReader, NameLimit) {
  ArchiveLimits lim;
  lim.max_name_bytes = 20;
  auto l = Read(Write(ARCHIVE_FORMAT_TAR_PAX_INTERCHANGE,
                      {{.name = std::string(60, 'n'), .data = "abc"},
                       {.name = "s", .type = Type::kSymlink, .link = std::string(60, 't')}}),
                lim);
  ASSERT_TRUE(l.ok());
  ASSERT_EQ(l->entries.size(), 2u);
  EXPECT_EQ(l->entries[0].name.size(), 20u);
  EXPECT_TRUE(l->entries[0].name_truncated);
  EXPECT_EQ(l->entries[1].link_target.size(), 20u);
  EXPECT_EQ(l->status.code(), StatusCode::kLimitExceeded);
}

TEST(ArchiveReader, EntryLimitKeepsPartialListing) {
  ArchiveLimits lim;
  lim.max_entries = 2;
  auto l = Read(Write(ARCHIVE_FORMAT_TAR_USTAR, Sample()), lim);
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->entries.size(), 2u);
  EXPECT_EQ(l->status.code(), StatusCode::kLimitExceeded);
}

TEST(ArchiveReader, PerEntryByteLimitTruncates) {
  ArchiveLimits lim;
  lim.max_entry_bytes = 100;
  auto l = Read(Write(ARCHIVE_FORMAT_TAR_USTAR, Sample()), lim);
  ASSERT_TRUE(l.ok());
  ASSERT_EQ(l->entries.size(), 6u);  // listing continues past the cut entry
  EXPECT_TRUE(l->entries[2].truncated);
  EXPECT_EQ(l->entries[2].data->size(), 100u);
  EXPECT_EQ(l->entries[2].size, 3000u);
  EXPECT_EQ(l->status.code(), StatusCode::kLimitExceeded);
}

TEST(ArchiveReader, TotalByteLimit) {
  ArchiveLimits lim;
  lim.max_total_bytes = 4000;
  auto l = Read(Write(ARCHIVE_FORMAT_TAR_USTAR, {{.name = "a", .data = std::string(3000, 'a')},
                                                 {.name = "b", .data = std::string(3000, 'b')},
                                                 {.name = "c", .data = "c"}}),
                lim);
  ASSERT_TRUE(l.ok());
  ASSERT_EQ(l->entries.size(), 3u);
  EXPECT_FALSE(l->entries[0].truncated);
  EXPECT_TRUE(l->entries[1].truncated);
  EXPECT_EQ(l->entries[1].data->size(), 1000u);
  EXPECT_TRUE(l->entries[2].truncated);
  EXPECT_EQ(l->status.code(), StatusCode::kLimitExceeded);
  EXPECT_NE(l->status.message().find("max_total_bytes"), std::string::npos);
}

TEST(ArchiveReader, NotAnArchive) {
  EXPECT_FALSE(Read(std::string(2000, 'h')).ok());
  EXPECT_FALSE(Read("").ok());
  // Zip is deliberately not enabled here (formats/zip reads zips).
  std::string zip("PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 22);
  EXPECT_FALSE(Read(zip).ok());
}

TEST(ArchiveReader, TruncatedTarGivesPartialListing) {
  std::string tar = Write(ARCHIVE_FORMAT_TAR_USTAR, Sample());
  // Cut in the middle of weights.bin's data (headers: dir, data.pkl + 1 block, weights.bin).
  auto l = Read(tar.substr(0, 512 * 4 + 1000));
  ASSERT_TRUE(l.ok()) << l.error().ToString();
  EXPECT_FALSE(l->status.ok());
  ASSERT_GE(l->entries.size(), 3u);
  EXPECT_EQ(Str(l->entries[1]), "\x80\x02K\x01.");
  EXPECT_TRUE(l->entries[2].truncated);
}

TEST(ArchiveReader, TruncationAtEveryByteNeverCrashes) {
  std::vector<std::string> inputs = {
      Write(ARCHIVE_FORMAT_TAR_PAX_INTERCHANGE,
            {{.name = "a", .data = "hello"}, {.name = "l", .type = Type::kSymlink, .link = "a"}}),
      Write(ARCHIVE_FORMAT_7ZIP,
            {{.name = "a", .data = std::string(700, 'q')}, {.name = "b", .data = "bee"}})};
  for (const std::string& full : inputs) {
    for (size_t n = 0; n < full.size(); n += (full.size() > 4000 ? 7 : 1)) {
      auto l = Read(full.substr(0, n));
      if (l.ok()) {
        for (const auto& e : l->entries) {
          if (e.data) {
            EXPECT_LE(e.data->size(), 700u);
          }
        }
      }
    }
  }
}

TEST(ArchiveReader, CorruptSevenZipDoesNotCrash) {
  std::string sz = Write(ARCHIVE_FORMAT_7ZIP, {{.name = "a", .data = std::string(5000, 'z')}});
  for (size_t i = 6; i < sz.size(); i += 3) {
    std::string m = sz;
    m[i] = static_cast<char>(m[i] ^ 0xA5);
    (void)Read(m);
  }
}

std::string V7Header(const std::string& name, bool fix_checksum) {
  std::string h(512, '\0');
  h.replace(0, name.size(), name);
  h.replace(100, 8, "0000644\0", 8);
  h.replace(124, 12, "00000000000\0", 12);
  h.replace(148, 8, "        ", 8);
  h[156] = '0';
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  if (!fix_checksum) sum += 1;
  char field[8];
  std::snprintf(field, sizeof field, "%06o", sum);
  h.replace(148, 7, std::string(field, 6) + '\0');
  return h;
}

TEST(LooksLikeTar, MagicChecksumAndRejects) {
  std::string ustar(512, '\0');
  ustar.replace(257, 6, std::string("ustar\0", 6));
  EXPECT_TRUE(LooksLikeTar(AsBytes(ustar)));
  EXPECT_TRUE(LooksLikeTar(AsBytes(V7Header("old.txt", true))));
  EXPECT_FALSE(LooksLikeTar(AsBytes(V7Header("old.txt", false))));
  EXPECT_FALSE(LooksLikeTar(AsBytes(std::string(512, '\0'))));
  EXPECT_FALSE(LooksLikeTar(AsBytes(std::string(512, 'x'))));
  EXPECT_FALSE(LooksLikeTar(AsBytes(std::string(511, 'x'))));
  std::string v7 = V7Header("old.txt", true) + std::string(1024, '\0');
  auto l = Read(v7);
  ASSERT_TRUE(l.ok()) << l.error().ToString();
  ASSERT_EQ(l->entries.size(), 1u);
  EXPECT_EQ(l->entries[0].name, "old.txt");
}

TEST(Looks7z, Signature) {
  EXPECT_TRUE(Looks7z(AsBytes(std::string("7z\xBC\xAF\x27\x1C", 6))));
  EXPECT_FALSE(Looks7z(AsBytes(std::string("7z\xBC\xAF\x27", 5))));
  EXPECT_FALSE(Looks7z(AsBytes(std::string("7z\xBC\xAF\x27\x1D", 6))));
}

}  // namespace
}  // namespace aigis::formats::archive
