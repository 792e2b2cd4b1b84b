#include "formats/zip/zip_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace aigis::formats::zip {
namespace {

// ---- byte builders -------------------------------------------------------------------------

void Put16(std::string& s, uint32_t v) {
  s.push_back(static_cast<char>(v & 0xff));
  s.push_back(static_cast<char>((v >> 8) & 0xff));
}
void Put32(std::string& s, uint32_t v) {
  Put16(s, v & 0xffff);
  Put16(s, v >> 16);
}
void Put64(std::string& s, uint64_t v) {
  Put32(s, static_cast<uint32_t>(v));
  Put32(s, static_cast<uint32_t>(v >> 32));
}

std::string RawDeflate(const std::string& in) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, in.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

uint32_t Crc(const std::string& s) {
  return static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
}

struct EntrySpec {
  std::string name;
  std::string content;
  uint16_t method = 0;  // 8: content is deflated by the builder
  std::optional<std::string> local_name;
  std::optional<std::string> raw_data;  // replaces the (compressed) data bytes
  uint16_t flags = 0;
  std::optional<uint16_t> local_flags;
  std::optional<uint32_t> crc;
  std::optional<uint64_t> usize;         // central and local uncompressed size
  std::optional<uint64_t> local_usize;   // local only
  std::optional<uint64_t> csize;         // central compressed size
  std::optional<uint32_t> local_offset;  // central pointer to the local header
  uint16_t ver_made = 20;
  uint32_t ext_attr = 0;
  bool zip64 = false;  // saturated 32-bit fields + zip64 extra in both headers
};

struct ZipOpts {
  std::string prefix;
  bool offsets_include_prefix = false;  // offsets absolute in the file (miniz style)
  bool zip64_eocd = false;
  std::optional<uint16_t> count_override;
  std::string comment;
  std::string trailing;
};

std::string BuildZip(const std::vector<EntrySpec>& entries, const ZipOpts& o = {}) {
  std::string body;
  std::string central;
  const uint64_t base = o.offsets_include_prefix ? o.prefix.size() : 0;
  for (const EntrySpec& e : entries) {
    std::string data = e.method == 8 ? RawDeflate(e.content) : e.content;
    if (e.raw_data) data = *e.raw_data;
    uint32_t crc = e.crc.value_or(Crc(e.content));
    uint64_t usize = e.usize.value_or(e.content.size());
    uint64_t csize = e.csize.value_or(data.size());
    uint64_t offset = base + body.size();
    std::string z64;
    if (e.zip64) {
      Put16(z64, 1);
      Put16(z64, 16);
      Put64(z64, usize);
      Put64(z64, csize);
    }
    std::string lname = e.local_name.value_or(e.name);
    // Local header.
    Put32(body, 0x04034b50);
    Put16(body, 20);
    Put16(body, e.local_flags.value_or(e.flags));
    Put16(body, e.method);
    Put32(body, 0);
    Put32(body, crc);
    Put32(body, e.zip64 ? 0xFFFFFFFFu : static_cast<uint32_t>(data.size()));
    Put32(body, e.zip64 ? 0xFFFFFFFFu : static_cast<uint32_t>(e.local_usize.value_or(usize)));
    Put16(body, static_cast<uint32_t>(lname.size()));
    Put16(body, static_cast<uint32_t>(z64.size()));
    body += lname + z64 + data;
    // Central record.
    std::string cz64 = z64;
    if (e.zip64) {
      Put64(cz64, offset);
      cz64[2] = 24;
    }
    Put32(central, 0x02014b50);
    Put16(central, e.ver_made);
    Put16(central, 20);
    Put16(central, e.flags);
    Put16(central, e.method);
    Put32(central, 0);
    Put32(central, crc);
    Put32(central, e.zip64 ? 0xFFFFFFFFu : static_cast<uint32_t>(csize));
    Put32(central, e.zip64 ? 0xFFFFFFFFu : static_cast<uint32_t>(usize));
    Put16(central, static_cast<uint32_t>(e.name.size()));
    Put16(central, static_cast<uint32_t>(cz64.size()));
    Put16(central, 0);
    Put16(central, 0);
    Put16(central, 0);
    Put32(central, e.ext_attr);
    Put32(central, e.zip64 ? 0xFFFFFFFFu : e.local_offset.value_or(static_cast<uint32_t>(offset)));
    central += e.name + cz64;
  }
  std::string out = o.prefix + body + central;
  uint64_t cd_offset = base + body.size();
  uint16_t count = o.count_override.value_or(static_cast<uint16_t>(entries.size()));
  if (o.zip64_eocd) {
    uint64_t rec = out.size();
    Put32(out, 0x06064b50);
    Put64(out, 44);
    Put16(out, 45);
    Put16(out, 45);
    Put32(out, 0);
    Put32(out, 0);
    Put64(out, count);
    Put64(out, count);
    Put64(out, central.size());
    Put64(out, cd_offset);
    Put32(out, 0x07064b50);
    Put32(out, 0);
    Put64(out, rec - o.prefix.size() + base);  // stale after prepending, like real files
    Put32(out, 1);
  }
  Put32(out, 0x06054b50);
  Put16(out, 0);
  Put16(out, 0);
  Put16(out, o.zip64_eocd ? 0xFFFF : count);
  Put16(out, o.zip64_eocd ? 0xFFFF : count);
  Put32(out, o.zip64_eocd ? 0xFFFFFFFFu : static_cast<uint32_t>(central.size()));
  Put32(out, o.zip64_eocd ? 0xFFFFFFFFu : static_cast<uint32_t>(cd_offset));
  Put16(out, static_cast<uint32_t>(o.comment.size()));
  out += o.comment + o.trailing;
  return out;
}

ByteView View(const std::string& s) { return AsBytes(s); }

std::string AsString(ByteView b) { return std::string(AsStringView(b)); }

bool Has(const ZipArchive& a, ZipAnomalyCode code, int64_t entry = -2) {
  return std::any_of(a.anomalies().begin(), a.anomalies().end(), [&](const ZipAnomaly& x) {
    return x.code == code && (entry == -2 || x.entry == entry);
  });
}

// ---- tests ---------------------------------------------------------------------------------

TEST(ZipReader, ReadsStoredAndDeflatedCleanly) {
  std::string zip =
      BuildZip({{.name = "archive/data.pkl", .content = std::string("\x80\x02}q\x00.", 6)},
                {.name = "archive/data/0", .content = std::string(5000, 'x'), .method = 8},
                {.name = "archive/", .content = ""}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  EXPECT_TRUE(a->anomalies().empty());
  EXPECT_TRUE(a->status().ok());
  EXPECT_EQ(a->archive_start(), 0u);
  ASSERT_EQ(a->entries().size(), 3u);
  const ZipEntry& e0 = a->entries()[0];
  EXPECT_EQ(e0.name, "archive/data.pkl");
  EXPECT_EQ(e0.local_name, "archive/data.pkl");
  EXPECT_EQ(e0.data_offset, 30u + e0.name.size());
  EXPECT_FALSE(e0.is_dir);
  EXPECT_TRUE(a->entries()[2].is_dir);
  EXPECT_EQ(a->entries()[1].method, 8);

  auto m0 = a->Read(0);
  ASSERT_TRUE(m0.ok());
  EXPECT_TRUE(m0->status.ok());
  EXPECT_TRUE(m0->crc_ok);
  EXPECT_EQ(m0->owned, nullptr);  // stored: a view, no copy
  EXPECT_EQ(m0->data.data(), View(zip).data() + e0.data_offset);
  EXPECT_EQ(AsString(m0->data), std::string("\x80\x02}q\x00.", 6));

  auto m1 = a->Read(1);
  ASSERT_TRUE(m1.ok());
  EXPECT_TRUE(m1->status.ok()) << m1->status.ToString();
  EXPECT_TRUE(m1->crc_ok);
  ASSERT_NE(m1->owned, nullptr);
  EXPECT_EQ(AsString(m1->data), std::string(5000, 'x'));

  EXPECT_EQ(a->Read(3).error().code(), StatusCode::kNotFound);
}

TEST(ZipReader, NameMismatchIsReportedAndStillRead) {  // CVE-2025-1944
  std::string zip = BuildZip(
      {{.name = "archive/data.pkl", .content = "payload", .local_name = "archive/datap.kl"}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kNameMismatch, 0));
  EXPECT_EQ(a->entries()[0].local_name, "archive/datap.kl");
  auto m = a->Read(0);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(AsString(m->data), "payload");
}

TEST(ZipReader, LocalNameLengthDrivesDataOffsetLikeMiniz) {
  std::string zip = BuildZip({{.name = "a", .content = "DATA", .local_name = "longer-name"}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->entries()[0].data_offset, 30u + 11u);
  EXPECT_EQ(AsString(a->Read(0)->data), "DATA");
}

TEST(ZipReader, FlagBitsReportedButIgnoredForReading) {  // CVE-2025-1945
  std::string zip =
      BuildZip({{.name = "e", .content = "one", .flags = 0x0001},
                {.name = "p", .content = "two", .flags = 0x0020},
                {.name = "s", .content = "three", .flags = 0x0040},
                {.name = "u", .content = "four", .flags = 0x1000},
                {.name = "ok", .content = "five", .flags = 0x0808, .local_flags = 0x0808}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kFlagEncrypted, 0));
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kFlagPatched, 1));
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kFlagStrongEncryption, 2));
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kFlagUnusual, 3));
  EXPECT_FALSE(Has(*a, ZipAnomalyCode::kFlagUnusual, 4));
  const char* want[] = {"one", "two", "three", "four", "five"};
  for (size_t i = 0; i < 5; ++i) {
    auto m = a->Read(i);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(AsString(m->data), want[i]);
  }
}

TEST(ZipReader, LocalFlagsDifferingFromCentralAreReported) {
  std::string zip = BuildZip({{.name = "x", .content = "abc", .flags = 0, .local_flags = 1}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kFlagUnusual, 0));
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kFlagEncrypted, 0));
}

TEST(ZipReader, BadCrcStillReadsAndReportsCrc) {  // CVE-2025-10156
  std::string zip = BuildZip({{.name = "s", .content = "stored", .crc = 0x12345678},
                              {.name = "d", .content = "deflated!", .method = 8, .crc = 1}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  for (size_t i = 0; i < 2; ++i) {
    auto m = a->Read(i);
    ASSERT_TRUE(m.ok());
    EXPECT_TRUE(m->status.ok());
    EXPECT_FALSE(m->crc_ok);
  }
  EXPECT_EQ(AsString(a->Read(1)->data), "deflated!");
  EXPECT_EQ(AnomalyCodeName(ZipAnomalyCode::kCrcMismatch), "crc-mismatch");
}

TEST(ZipReader, DuplicateNames) {
  std::string zip =
      BuildZip({{.name = "a/data.pkl", .content = "1"}, {.name = "a/data.pkl", .content = "2"}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kDuplicateName, 1));
  EXPECT_FALSE(Has(*a, ZipAnomalyCode::kDuplicateName, 0));
  EXPECT_EQ(a->entries().size(), 2u);
}

// Many entries (the name index grows several times): every later copy of a name is reported,
// once per copy, and no first occurrence is; short names (kept inside std::string) and long ones.
TEST(ZipReader, DuplicateNamesAmongManyEntries) {
  std::vector<EntrySpec> specs;
  for (int i = 0; i < 100; ++i)
    specs.push_back({.name = (i % 2 ? "archive/data/long-member-name-" : "d") + std::to_string(i),
                     .content = "x"});
  specs.push_back({.name = "d0", .content = "again"});
  specs.push_back({.name = "archive/data/long-member-name-99", .content = "again"});
  specs.push_back({.name = "d0", .content = "third"});
  std::string zip = BuildZip(specs);
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->entries().size(), 103u);
  std::vector<int64_t> dup;
  for (const auto& x : a->anomalies())
    if (x.code == ZipAnomalyCode::kDuplicateName) dup.push_back(x.entry);
  EXPECT_EQ(dup, (std::vector<int64_t>{100, 101, 102}));
}

TEST(ZipReader, PathTraversalNames) {
  std::vector<std::string> bad = {"../etc/passwd", "/abs", "a\\b", "C:evil", "a/../../b", "a/.."};
  std::vector<EntrySpec> specs;
  for (const auto& n : bad) specs.push_back({.name = n, .content = "x"});
  specs.push_back({.name = "..foo/bar..", .content = "x"});  // not traversal
  std::string zip = BuildZip(specs);
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  for (size_t i = 0; i < bad.size(); ++i) {
    EXPECT_TRUE(Has(*a, ZipAnomalyCode::kPathTraversal, static_cast<int64_t>(i))) << bad[i];
  }
  EXPECT_FALSE(Has(*a, ZipAnomalyCode::kPathTraversal, static_cast<int64_t>(bad.size())));
}

TEST(ZipReader, NulInNameIsADifferential) {
  std::string zip = BuildZip({{.name = std::string("data.pkl\0.txt", 13), .content = "x"}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kNameMismatch, 0));
}

TEST(ZipReader, SymlinkFromUnixMode) {
  std::string zip = BuildZip(
      {{.name = "link", .content = "/etc/passwd", .ver_made = 0x0314, .ext_attr = 0xA1FFu << 16},
       {.name = "dir", .content = "", .ver_made = 0x0314, .ext_attr = 0x41EDu << 16}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->entries()[0].is_symlink);
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kSymlink, 0));
  EXPECT_FALSE(a->entries()[1].is_symlink);
  EXPECT_TRUE(a->entries()[1].is_dir);
}

TEST(ZipReader, LocalHeaderMissing) {
  std::string zip = BuildZip(
      {{.name = "a", .content = "aaaa"}, {.name = "b", .content = "bbbb", .local_offset = 2}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kLocalHeaderMissing, 1));
  EXPECT_FALSE(a->entries()[1].has_local_header);
  EXPECT_EQ(a->Read(1).error().code(), StatusCode::kMalformed);
  EXPECT_TRUE(a->Read(0).ok());
}

TEST(ZipReader, LocalHeaderOffsetPastEnd) {
  std::string zip = BuildZip({{.name = "a", .content = "a", .local_offset = 0x7fffffff}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kLocalHeaderMissing, 0));
  EXPECT_EQ(a->Read(0).error().code(), StatusCode::kMalformed);
}

TEST(ZipReader, OverlappingEntries) {
  std::string zip = BuildZip(
      {{.name = "a", .content = "shared"}, {.name = "b", .content = "shared", .local_offset = 0}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kOverlappingEntries, 1));
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kNameMismatch, 1));  // b points at a's header
}

TEST(ZipReader, EntryCountMismatchListsEveryRecord) {
  std::string zip = BuildZip({{.name = "a", .content = "1"}, {.name = "b", .content = "2"}},
                             {.count_override = 1});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kEntryCountMismatch));
  EXPECT_EQ(a->entries().size(), 2u);  // zipfile sees both; the scanner must too
}

TEST(ZipReader, EntryCountLargerThanDirectory) {
  std::string zip = BuildZip({{.name = "a", .content = "1"}}, {.count_override = 5});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kEntryCountMismatch));
  EXPECT_EQ(a->entries().size(), 1u);
}

TEST(ZipReader, Zip64RecordsAndExtraFields) {
  std::string content(300, 'z');
  std::string zip = BuildZip({{.name = "big", .content = content, .zip64 = true},
                              {.name = "def", .content = content, .method = 8, .zip64 = true}},
                             {.zip64_eocd = true});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kZip64));
  ASSERT_EQ(a->entries().size(), 2u);
  EXPECT_TRUE(a->entries()[0].zip64);
  EXPECT_EQ(a->entries()[0].uncompressed_size, 300u);
  EXPECT_EQ(a->entries()[0].local_header_offset, 0u);
  EXPECT_FALSE(Has(*a, ZipAnomalyCode::kSizeMismatch));
  EXPECT_EQ(AsString(a->Read(0)->data), content);
  auto m = a->Read(1);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->crc_ok);
  EXPECT_EQ(AsString(m->data), content);
}

TEST(ZipReader, Zip64WithPrefixUsesRecordBeforeLocator) {
  // The locator's absolute offset is stale after prepending; zipfile's fallback finds it.
  std::string zip = BuildZip({{.name = "a", .content = "xyz", .zip64 = true}},
                             {.prefix = "#!/bin/sh\nexit 0\n", .zip64_eocd = true});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  EXPECT_EQ(a->archive_start(), 17u);
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kPrefixData));
  EXPECT_EQ(AsString(a->Read(0)->data), "xyz");
}

TEST(ZipReader, UnsupportedMethodListedNotRead) {
  std::string zip = BuildZip({{.name = "bz", .content = "x", .method = 12}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->entries().size(), 1u);
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kUnsupportedMethod, 0));
  EXPECT_EQ(a->Read(0).error().code(), StatusCode::kUnsupported);
}

TEST(ZipReader, DataBeyondEndGivesPartialData) {
  std::string zip = BuildZip({{.name = "a", .content = "abcdef"}});
  // Chop everything after 3 data bytes, then re-append the directory with the old offsets so
  // the entry's data runs past the end of the input.
  std::string zip2 = BuildZip({{.name = "a", .content = "abc", .usize = 100000, .csize = 100000}});
  auto a = ZipArchive::Open(View(zip2), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kDataBeyondEnd, 0));
  auto m = a->Read(0);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->status.code(), StatusCode::kMalformed);
  EXPECT_FALSE(m->crc_ok);
  EXPECT_EQ(AsString(m->data).substr(0, 3), "abc");
  EXPECT_TRUE(ZipArchive::Open(View(zip), ZipLimits{})->anomalies().empty());
}

TEST(ZipReader, TrailingDataAfterComment) {
  std::string zip = BuildZip({{.name = "a", .content = "1"}}, {.comment = "hi", .trailing = "XYZ"});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kTrailingData));
  std::string ok = BuildZip({{.name = "a", .content = "1"}}, {.comment = "hi"});
  EXPECT_FALSE(Has(*ZipArchive::Open(View(ok), ZipLimits{}), ZipAnomalyCode::kTrailingData));
}

TEST(ZipReader, CommentLongerThanFileIsReported) {
  std::string zip = BuildZip({{.name = "a", .content = "1"}}, {.comment = "hello"});
  zip.resize(zip.size() - 2);
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kTrailingData));
}

TEST(ZipReader, CommentOverLimit) {
  std::string zip = BuildZip({{.name = "a", .content = "1"}}, {.comment = std::string(100, 'c')});
  ZipLimits lim;
  lim.max_comment_bytes = 10;
  auto a = ZipArchive::Open(View(zip), lim);
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kLimit));
}

TEST(ZipReader, LocalVsCentralSizeMismatch) {
  std::string zip = BuildZip({{.name = "a", .content = "abc", .local_usize = 7}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kSizeMismatch, 0));
}

TEST(ZipReader, StoredCompressedSizeDiffersFromUncompressed) {
  std::string zip = BuildZip({{.name = "a", .content = "abc", .usize = 2}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kSizeMismatch, 0));
}

TEST(ZipReader, DataDescriptorZerosAreNotAMismatch) {
  std::string zip = BuildZip({{.name = "a", .content = "abc", .flags = 0x0808}});
  // Zero the local crc and sizes as a streaming writer does (bit 3 set).
  for (size_t i = 14; i < 26; ++i) zip[i] = 0;
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->anomalies().empty()) << AnomalyCodeName(a->anomalies()[0].code);
}

TEST(ZipReader, PrefixDataPolyglot) {
  std::string zip = BuildZip({{.name = "data.pkl", .content = "pickle"}}, {.prefix = "GARBAGE!"});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->archive_start(), 8u);
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kPrefixData));
  EXPECT_EQ(a->entries()[0].local_header_offset, 8u);
  EXPECT_EQ(AsString(a->Read(0)->data), "pickle");
}

TEST(ZipReader, GarbageInFrontWithAbsoluteOffsets) {
  std::string zip = BuildZip({{.name = "data.pkl", .content = "pickle"}},
                             {.prefix = "GARBAGE!", .offsets_include_prefix = true});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->archive_start(), 0u);
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kUnusualStart));
  EXPECT_FALSE(Has(*a, ZipAnomalyCode::kPrefixData));
  EXPECT_EQ(AsString(a->Read(0)->data), "pickle");
}

TEST(ZipReader, SpannedMarkerStart) {
  std::string zip = BuildZip({{.name = "data.pkl", .content = "pickle"}},
                             {.prefix = "PK\x07\x08", .offsets_include_prefix = true});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(Has(*a, ZipAnomalyCode::kUnusualStart));
  EXPECT_NE(a->anomalies()[0].message.find("spanned"), std::string::npos);
  EXPECT_EQ(AsString(a->Read(0)->data), "pickle");
}

TEST(ZipReader, CentralDirectoryGapOnlyMinizReads) {
  std::string zip = BuildZip({{.name = "a", .content = "1"}});
  // Insert junk between the central directory and the EOCD; offsets stay absolute.
  size_t eocd = zip.size() - 22;
  zip.insert(eocd, "JUNKJUNK");
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kCentralDirectoryGap));
  EXPECT_EQ(a->archive_start(), 0u);
  EXPECT_EQ(AsString(a->Read(0)->data), "1");
}

TEST(ZipReader, DeflateBombHitsEntryLimitWithPartialData) {
  std::string zeros(4 << 20, '\0');
  std::string zip = BuildZip({{.name = "bomb", .content = zeros, .method = 8}});
  ASSERT_LT(zip.size(), 10000u);
  ZipLimits lim;
  lim.max_entry_uncompressed = 1 << 20;
  lim.max_deflate_ratio = 1u << 30;  // isolate the size limit
  auto a = ZipArchive::Open(View(zip), lim);
  ASSERT_TRUE(a.ok());
  auto m = a->Read(0);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->status.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(m->data.size(), size_t{1} << 20);
  EXPECT_FALSE(m->crc_ok);
}

TEST(ZipReader, DeflateBombHitsRatioLimit) {
  std::string zeros(4 << 20, '\0');
  std::string zip = BuildZip({{.name = "bomb", .content = zeros, .method = 8}});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  auto m = a->Read(0);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->status.code(), StatusCode::kLimitExceeded);
  EXPECT_NE(m->status.message().find("ratio"), std::string::npos);
  EXPECT_LT(m->data.size(), zeros.size());
}

TEST(ZipReader, TotalUncompressedLimitAcrossReads) {
  std::string content(60000, 'q');
  std::string zip = BuildZip({{.name = "a", .content = content, .method = 8},
                              {.name = "b", .content = content, .method = 8}});
  ZipLimits lim;
  lim.max_total_uncompressed = 100000;
  auto a = ZipArchive::Open(View(zip), lim);
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->Read(0)->status.ok());
  auto m = a->Read(1);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->status.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(m->data.size(), 40000u);
}

TEST(ZipReader, StoredEntryOverLimitIsCut) {
  std::string zip = BuildZip({{.name = "a", .content = std::string(100, 'a')}});
  ZipLimits lim;
  lim.max_entry_uncompressed = 10;
  auto m = ZipArchive::Open(View(zip), lim)->Read(0);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->status.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(m->data.size(), 10u);
}

TEST(ZipReader, DeclaredSizeTooSmallStopsInflate) {
  std::string content(1000, 'k');
  std::string zip = BuildZip({{.name = "a", .content = content, .method = 8, .usize = 10}});
  auto m = ZipArchive::Open(View(zip), ZipLimits{})->Read(0);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->status.code(), StatusCode::kMalformed);
  EXPECT_EQ(m->data.size(), 10u);
}

TEST(ZipReader, DeclaredSizeTooLarge) {
  std::string zip = BuildZip({{.name = "a", .content = "short", .method = 8, .usize = 1000}});
  auto m = ZipArchive::Open(View(zip), ZipLimits{})->Read(0);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->status.code(), StatusCode::kMalformed);
  EXPECT_EQ(AsString(m->data), "short");
}

TEST(ZipReader, CorruptDeflateStream) {
  std::string zip = BuildZip({{.name = "a",
                               .content = "hello",
                               .method = 8,
                               .raw_data = std::string("\xff\xff\xff\xff", 4)}});
  auto m = ZipArchive::Open(View(zip), ZipLimits{})->Read(0);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->status.code(), StatusCode::kMalformed);
}

TEST(ZipReader, TruncatedDeflateStream) {
  std::string full = RawDeflate(std::string(2000, 'r') + "tail");
  std::string zip = BuildZip({{.name = "a",
                               .content = std::string(2000, 'r') + "tail",
                               .method = 8,
                               .raw_data = full.substr(0, full.size() / 2)}});
  auto m = ZipArchive::Open(View(zip), ZipLimits{})->Read(0);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->status.code(), StatusCode::kMalformed);
}

TEST(ZipReader, NoEndOfCentralDirectory) {
  EXPECT_EQ(ZipArchive::Open(View(std::string("PK\x03\x04 not a zip")), ZipLimits{}).error().code(),
            StatusCode::kMalformed);
  EXPECT_EQ(ZipArchive::Open(ByteView(), ZipLimits{}).error().code(), StatusCode::kMalformed);
}

TEST(ZipReader, CentralDirectoryNotFound) {
  std::string zip = BuildZip({{.name = "a", .content = "1"}});
  // Point the EOCD cd_offset at garbage.
  zip[zip.size() - 6] = 0x55;
  EXPECT_EQ(ZipArchive::Open(View(zip), ZipLimits{}).error().code(), StatusCode::kMalformed);
}

TEST(ZipReader, EmptyArchive) {
  std::string zip = BuildZip({});
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->entries().empty());
  EXPECT_TRUE(a->anomalies().empty());
}

TEST(ZipReader, EmptyArchiveWithWildOffset) {
  std::string zip = BuildZip({});
  for (size_t i = zip.size() - 6; i < zip.size() - 2; ++i) zip[i] = '\xff';  // cd_offset
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->entries().empty());
}

TEST(ZipReader, MaxEntriesLimitKeepsPartialListing) {
  std::string zip = BuildZip({{.name = "a", .content = "1"},
                              {.name = "b", .content = "2"},
                              {.name = "c", .content = "3"}});
  ZipLimits lim;
  lim.max_entries = 2;
  auto a = ZipArchive::Open(View(zip), lim);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(a->entries().size(), 2u);
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kLimit));
}

TEST(ZipReader, NameAndExtraLimits) {
  std::string zip =
      BuildZip({{.name = "ok", .content = "1"}, {.name = std::string(50, 'n'), .content = "2"}});
  ZipLimits lim;
  lim.max_name_bytes = 10;
  auto a = ZipArchive::Open(View(zip), lim);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(a->entries().size(), 1u);

  std::string z64 = BuildZip({{.name = "x", .content = "1", .zip64 = true}});
  ZipLimits lim2;
  lim2.max_extra_bytes = 8;
  auto b = ZipArchive::Open(View(z64), lim2);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->status().code(), StatusCode::kLimitExceeded);
  EXPECT_TRUE(b->entries().empty());
}

TEST(ZipReader, BadCentralSignatureMidDirectory) {
  std::string zip = BuildZip({{.name = "a", .content = "1"}, {.name = "b", .content = "2"}});
  // Second central record starts after the first (46 + 1 bytes) past the directory start.
  size_t cd = zip.size() - 22 - 2 * 47;
  zip[cd + 47] = 'X';
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->status().code(), StatusCode::kMalformed);
  EXPECT_EQ(a->entries().size(), 1u);
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kEntryCountMismatch));
}

TEST(ZipReader, TruncationAtEveryByteNeverCrashes) {
  std::string zip = BuildZip({{.name = "archive/data.pkl", .content = "\x80\x02K\x01.", .flags = 8},
                              {.name = "archive/w", .content = std::string(300, 'w'), .method = 8},
                              {.name = "z", .content = "zz", .zip64 = true}},
                             {.comment = "c"});
  size_t opened = 0;
  for (size_t n = 0; n <= zip.size(); ++n) {
    std::string cut = zip.substr(0, n);
    auto a = ZipArchive::Open(View(cut), ZipLimits{});
    if (!a.ok()) continue;
    ++opened;
    for (size_t i = 0; i < a->entries().size(); ++i) {
      auto m = a->Read(i);
      if (m.ok()) {
        EXPECT_LE(m->data.size(), 300u);
      }
    }
  }
  EXPECT_GE(opened, 1u);  // the full archive at least
}

TEST(ZipReader, ByteFlipsNeverCrash) {
  std::string zip = BuildZip({{.name = "a/data.pkl", .content = "\x80\x02K\x01."},
                              {.name = "a/w", .content = std::string(200, 'w'), .method = 8}},
                             {.zip64_eocd = true});
  for (size_t i = 0; i < zip.size(); ++i) {
    for (uint8_t v : {0x00, 0xff, 0x7f}) {
      std::string m = zip;
      m[i] = static_cast<char>(v);
      auto a = ZipArchive::Open(View(m), ZipLimits{});
      if (!a.ok()) continue;
      for (size_t k = 0; k < a->entries().size(); ++k) (void)a->Read(k);
    }
  }
}

TEST(ZipReader, Zip64ExtraOnlyInLocalHeader) {
  // Python's force_zip64 writes a zip64 extra in the local header only.
  std::string zip = BuildZip({{.name = "a", .content = "abc"}});
  std::string z64;
  Put16(z64, 1);
  Put16(z64, 16);
  Put64(z64, 3);
  Put64(z64, 3);
  zip.insert(31, z64);  // after the 1-byte local name
  zip[28] = 20;         // local extra length
  for (size_t i = 18; i < 26; ++i) zip[i] = '\xff';
  // Shift the central directory offset in the EOCD by the inserted bytes.
  zip[zip.size() - 6] = static_cast<char>(zip[zip.size() - 6] + 20);
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kZip64));
  EXPECT_FALSE(Has(*a, ZipAnomalyCode::kSizeMismatch));
  EXPECT_EQ(AsString(a->Read(0)->data), "abc");
}

TEST(ZipReader, DescriptorWithOnlyCrcZeroed) {
  std::string zip = BuildZip({{.name = "a", .content = "abc", .flags = 0x0008}});
  for (size_t i = 14; i < 18; ++i) zip[i] = 0;  // local crc only
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->anomalies().empty());
  zip[22] = 9;  // local usize 9 != 3: a real mismatch even with a descriptor
  EXPECT_TRUE(Has(*ZipArchive::Open(View(zip), ZipLimits{}), ZipAnomalyCode::kSizeMismatch, 0));
}

TEST(ZipReader, LocalMethodDiffersFromCentral) {
  std::string zip = BuildZip({{.name = "a", .content = "abc"}});
  zip[8] = 8;  // local says deflate; miniz uses the central method (stored)
  auto a = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(Has(*a, ZipAnomalyCode::kSizeMismatch, 0));
  EXPECT_EQ(AsString(a->Read(0)->data), "abc");
}

TEST(ZipReader, DiskFieldsAndPerDiskCount) {
  std::string zip = BuildZip({{.name = "a", .content = "1"}});
  std::string multi = zip;
  multi[multi.size() - 18] = 1;  // number of this disk
  EXPECT_TRUE(
      Has(*ZipArchive::Open(View(multi), ZipLimits{}), ZipAnomalyCode::kEntryCountMismatch));
  std::string counts = zip;
  counts[counts.size() - 14] = 2;  // entries on this disk != total
  EXPECT_TRUE(
      Has(*ZipArchive::Open(View(counts), ZipLimits{}), ZipAnomalyCode::kEntryCountMismatch));
}

TEST(ZipReader, Zip64LocatorPointingNowhere) {
  std::string zip = BuildZip({{.name = "a", .content = "xyz"}}, {.zip64_eocd = true});
  // Break the zip64 record's signature: the 32-bit EOCD fields are all saturated, so the
  // central directory cannot be found.
  size_t rec = zip.size() - 22 - 20 - 56;
  zip[rec] = 'X';
  EXPECT_EQ(ZipArchive::Open(View(zip), ZipLimits{}).error().code(), StatusCode::kMalformed);
}

// With a read_at route (pread on a mapped file, in the scanner) the local headers are read through
// it, every one of them, and the listing is exactly the one read from the view; a route that fails
// falls back to the view.
TEST(ZipReader, ReadAtRouteGivesTheSameListing) {
  std::string long_name(700, 'n');
  std::vector<EntrySpec> specs = {
      {.name = "archive/data.pkl", .content = "pickle"},
      {.name = "archive/data/0", .content = std::string(3000, '\0')},
      {.name = "archive/data/1", .content = "x", .local_name = "archive/data/9"},
      // A local name longer than the central one by more than the first read's slack for the
      // extra field and data head: its header takes a second read.
      {.name = long_name, .content = "y", .local_name = long_name + std::string(200, 'z')},
      {.name = "d", .content = "deflated", .method = 8, .flags = 0x0001},
      {.name = "gone", .content = "z", .local_offset = 0x7fffff00u}};
  std::string zip = BuildZip(specs, {.trailing = "tail"});
  auto plain = ZipArchive::Open(View(zip), ZipLimits{});
  ASSERT_TRUE(plain.ok());
  std::vector<uint64_t> reads;
  ReadAtFn route = [&](uint64_t off, uint8_t* dst, size_t n) {
    reads.push_back(off);
    if (off > zip.size() || n > zip.size() - off) return false;
    std::memcpy(dst, zip.data() + off, n);
    return true;
  };
  ReadAtFn failing = [](uint64_t, uint8_t*, size_t) { return false; };
  for (const ReadAtFn* r : {&route, &failing}) {
    auto a = ZipArchive::Open(View(zip), ZipLimits{}, *r);
    ASSERT_TRUE(a.ok());
    ASSERT_EQ(a->entries().size(), plain->entries().size());
    for (size_t i = 0; i < a->entries().size(); ++i) {
      const ZipEntry& x = a->entries()[i];
      const ZipEntry& y = plain->entries()[i];
      EXPECT_EQ(x.local_name, y.local_name) << i;
      EXPECT_EQ(x.has_local_header, y.has_local_header) << i;
      EXPECT_EQ(x.data_offset, y.data_offset) << i;
      EXPECT_EQ(x.local_flags, y.local_flags) << i;
    }
    ASSERT_EQ(a->anomalies().size(), plain->anomalies().size());
    for (size_t i = 0; i < a->anomalies().size(); ++i) {
      EXPECT_EQ(a->anomalies()[i].code, plain->anomalies()[i].code) << i;
      EXPECT_EQ(a->anomalies()[i].message, plain->anomalies()[i].message) << i;
    }
  }
  EXPECT_TRUE(Has(*plain, ZipAnomalyCode::kNameMismatch, 2));
  EXPECT_TRUE(Has(*plain, ZipAnomalyCode::kNameMismatch, 3));
  EXPECT_TRUE(Has(*plain, ZipAnomalyCode::kLocalHeaderMissing, 5));
  // Each of the five reachable local headers was read through the route (the long one twice).
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_NE(std::find(reads.begin(), reads.end(), plain->entries()[i].local_header_offset),
              reads.end())
        << i;
  }
  EXPECT_EQ(std::count(reads.begin(), reads.end(), plain->entries()[3].local_header_offset), 2);
}

TEST(ZipReader, AnomalyNamesAreDistinct) {
  std::vector<std::string> names;
  for (int c = 0; c <= static_cast<int>(ZipAnomalyCode::kLimit); ++c) {
    names.emplace_back(AnomalyCodeName(static_cast<ZipAnomalyCode>(c)));
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
  EXPECT_EQ(AnomalyCodeName(ZipAnomalyCode::kPrefixData), "prefix-data");
}

}  // namespace
}  // namespace aigis::formats::zip
