#include "scan/scanner.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include "report/writers.h"
#include "scan/pickle_policy.h"

namespace aigis::scan {
namespace {

namespace fs = std::filesystem;

ScanOptions Options() {
  ScanOptions o;
  auto p = PicklePolicy::LoadDefault();
  EXPECT_TRUE(p.ok());
  o.pickle_policy = *p;
  o.threads = 2;
  return o;
}

std::string Bytes(std::initializer_list<int> b) {
  std::string s;
  for (int c : b) s.push_back(static_cast<char>(c));
  return s;
}

// protocol 2: os.system("touch x") via GLOBAL + REDUCE
const std::string kEvil =
    std::string("\x80\x02") + "cos\nsystem\nq\x00X\x07\x00\x00\x00touch xq\x01\x85q\x02Rq\x03.";
// protocol 2: {'a': 1}
const std::string kBenign =
    Bytes({0x80, 0x02, '}', 'q', 0, 'X', 1, 0, 0, 0, 'a', 'K', 1, 's', '.'});

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("aigis_scan_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  fs::path Write(const std::string& name, const std::string& data) const {
    fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << data;
    return p;
  }
  const fs::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

bool HasRule(const FileReport& f, const std::string& rule) {
  for (const auto& x : f.findings)
    if (x.rule == rule) return true;
  return false;
}

// A file truncated after it was mapped (another process rewriting it during a CI scan) must not
// kill the scan with SIGBUS nor come out clean: its missing pages read as zeros and the file gets
// an error verdict. Without the guard this test dies with SIGBUS.
TEST(ScannerTest, FileTruncatedWhileMappedIsAnErrorNotACrash) {
  TempDir d;
  // protocol 2: a 600 KiB BINUNICODE string, then STOP: large enough to be mapped, not read.
  std::string big = Bytes({0x80, 0x02, 'X'});
  const uint32_t n = 600 * 1024;
  for (int i = 0; i < 4; ++i) big.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  big += std::string(n, 'a') + ".";
  fs::path p = d.Write("big.pkl", big);
  Scanner s(Options());
  auto intact = MappedFile::Open(p.string());
  ASSERT_TRUE(intact.ok());
  ASSERT_TRUE(intact->mapped());
  FileReport before =
      s.ScanOpened(std::make_shared<const MappedFile>(std::move(*intact)), p.string(), "");
  EXPECT_EQ(before.verdict, Verdict::kClean);

  auto opened = MappedFile::Open(p.string());
  ASSERT_TRUE(opened.ok());
  fs::resize_file(p, 4096);
  FileReport r =
      s.ScanOpened(std::make_shared<const MappedFile>(std::move(*opened)), p.string(), "");
  EXPECT_NE(r.verdict, Verdict::kClean);
  EXPECT_FALSE(r.error.empty());
  EXPECT_TRUE(std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) {
    return f.rule == "scan.io-error" && f.message.find("changed") != std::string::npos;
  }));
}

TEST(ScannerTest, BufferVerdicts) {
  Scanner s(Options());
  FileReport evil = s.ScanBuffer(AsBytes(kEvil), "evil.pkl");
  EXPECT_EQ(evil.verdict, Verdict::kMalicious);
  EXPECT_EQ(evil.format, "pickle");
  FileReport ok = s.ScanBuffer(AsBytes(kBenign), "ok.pkl");
  EXPECT_EQ(ok.verdict, Verdict::kClean) << (ok.findings.empty() ? "" : ok.findings[0].rule);
  FileReport text = s.ScanBuffer(AsBytes("just some notes\n"), "notes.txt");
  EXPECT_EQ(text.verdict, Verdict::kUnsupported);
  EXPECT_FALSE(text.analysed);
}

// The AI-BOM's file hashes come from a digest the caller supplies (the scan module links no
// crypto library): it sees every file's whole bytes, and without it no hash is claimed.
TEST(ScannerTest, FileDigestSeesWholeFilesOnlyWhenSet) {
  TempDir d;
  d.Write("a.pkl", kBenign);
  d.Write("b.pkl", kEvil);
  {
    Scanner plain(Options());
    ScanReport r = plain.Scan({d.path().string()});
    ASSERT_EQ(r.files.size(), 2u);
    for (const auto& f : r.files) EXPECT_TRUE(f.sha256.empty()) << f.path;
  }
  ScanOptions o = Options();
  o.file_sha256 = [](ByteView data) {
    return std::to_string(data.size()) + ":" +
           std::string(reinterpret_cast<const char*>(data.data()), data.size());
  };
  Scanner hashing(std::move(o));
  ScanReport r = hashing.Scan({d.path().string()});
  ASSERT_EQ(r.files.size(), 2u);
  for (const auto& f : r.files) {
    const std::string& want = f.path.find("a.pkl") != std::string::npos ? kBenign : kEvil;
    EXPECT_EQ(f.sha256, std::to_string(want.size()) + ":" + want) << f.path;
  }
}

TEST(ScannerTest, ContentNotExtensionDecides) {
  TempDir d;
  d.Write("weights.safetensors", kEvil);
  d.Write("noext", kEvil);
  d.Write("model.model", kEvil);
  Scanner s(Options());
  ScanReport r = s.Scan({d.path().string()});
  ASSERT_EQ(r.files.size(), 3u);
  for (const auto& f : r.files) EXPECT_EQ(f.verdict, Verdict::kMalicious) << f.path;
  for (const auto& f : r.files) {
    if (f.path.find("safetensors") != std::string::npos) {
      EXPECT_TRUE(HasRule(f, "scan.extension-mismatch"));
    }
  }
}

TEST(ScannerTest, GzipWrappedPickleIsUnpacked) {
  std::string out(256, '\0');
  uLongf n = out.size();
  ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(out.data()), &n,
                      reinterpret_cast<const Bytef*>(kEvil.data()), kEvil.size(), 6),
            Z_OK);
  out.resize(n);
  Scanner s(Options());
  FileReport f = s.ScanBuffer(AsBytes(out), "model.joblib");
  EXPECT_EQ(f.verdict, Verdict::kMalicious);
  EXPECT_EQ(f.format, "zlib");
  bool nested = false;
  for (const auto& x : f.findings) nested |= x.location.member == "<zlib>";
  EXPECT_TRUE(nested);
}

TEST(ScannerTest, SymlinksOutsideRootAreNotFollowed) {
  TempDir outside;
  outside.Write("secret.pkl", kEvil);
  TempDir d;
  d.Write("ok.pkl", kBenign);
  fs::create_symlink(outside.path() / "secret.pkl", d.path() / "link.pkl");
  Scanner s(Options());
  ScanReport r = s.Scan({d.path().string()});
  ASSERT_EQ(r.files.size(), 2u);
  const FileReport* link = nullptr;
  for (const auto& f : r.files)
    if (f.path.find("link.pkl") != std::string::npos) link = &f;
  ASSERT_NE(link, nullptr);
  EXPECT_TRUE(HasRule(*link, "scan.symlink-outside-root"));
  EXPECT_EQ(link->verdict, Verdict::kSuspicious);
}

// FIFOs in a scanned folder are listed, never opened (open would block): suspicious when named
// like a model (its loader reads whatever a writer sends then), informational otherwise.
TEST(ScannerTest, FifosAreListedNotRead) {
  TempDir d;
  d.Write("ok.pkl", kBenign);
  ASSERT_EQ(::mkfifo((d.path() / "model.bin").c_str(), 0600), 0);
  ASSERT_EQ(::mkfifo((d.path() / "notes").c_str(), 0600), 0);
  Scanner s(Options());
  ScanReport r = s.Scan({d.path().string()});
  ASSERT_EQ(r.files.size(), 3u);
  for (const auto& f : r.files) {
    if (f.path.find("ok.pkl") != std::string::npos) {
      EXPECT_EQ(f.verdict, Verdict::kClean);
      continue;
    }
    EXPECT_TRUE(HasRule(f, "scan.special-file")) << f.path;
    EXPECT_FALSE(f.analysed) << f.path;
    EXPECT_EQ(f.verdict, f.path.find("model.bin") != std::string::npos ? Verdict::kSuspicious
                                                                       : Verdict::kUnsupported)
        << f.path;
  }
}

TEST(ScannerTest, PickleInFrontOfAnotherFormatIsAnalysed) {
  // A pickle at byte 0 and an HDF5 superblock at 512 (the user-block position): pickle.load runs
  // the former, a sniffer that stops at "HDF5" would miss it.
  std::string data = kEvil;
  data.resize(512, '\0');
  data += std::string("\x89HDF\r\n\x1a\n", 8);
  data.resize(2048, '\0');
  Scanner s(Options());
  FileReport f = s.ScanBuffer(AsBytes(data), "weights.h5");
  EXPECT_TRUE(HasRule(f, "scan.polyglot"));
  EXPECT_EQ(f.verdict, Verdict::kMalicious);
}

TEST(ScannerTest, SymlinkIntoGitIsScannedAtItsTarget) {
  TempDir d;
  d.Write(".git/x.pkl", kEvil);
  fs::create_symlink(d.path() / ".git" / "x.pkl", d.path() / "model.pkl");
  Scanner s(Options());
  ScanReport r = s.Scan({d.path().string()});
  bool target_malicious = false;
  for (const auto& f : r.files) target_malicious |= f.verdict == Verdict::kMalicious;
  EXPECT_TRUE(target_malicious);
}

TEST(ScannerTest, MissingPathIsAnError) {
  Scanner s(Options());
  ScanReport r = s.Scan({"/nonexistent/aigis/path"});
  EXPECT_TRUE(r.files.empty());
  EXPECT_EQ(r.errors.size(), 1u);
}

TEST(ScannerTest, DepthLimitIsAFinding) {
  // A pickle gzip-wrapped 12 times: deeper than the default max_depth of 8.
  std::string data = kEvil;
  for (int i = 0; i < 12; ++i) {
    std::string out(data.size() + 64, '\0');
    uLongf n = out.size();
    ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(out.data()), &n,
                        reinterpret_cast<const Bytef*>(data.data()), data.size(), 6),
              Z_OK);
    out.resize(n);
    data = out;
  }
  Scanner s(Options());
  FileReport f = s.ScanBuffer(AsBytes(data), "deep.bin");
  EXPECT_TRUE(HasRule(f, "scan.limit"));
  EXPECT_GE(f.verdict, Verdict::kSuspicious);
}

TEST(ScannerTest, ParallelScanIsDeterministic) {
  TempDir d;
  for (int i = 0; i < 40; ++i) d.Write("m" + std::to_string(i) + ".pkl", i % 3 ? kBenign : kEvil);
  Scanner s(Options());
  ScanReport a = s.Scan({d.path().string()});
  ScanReport b = s.Scan({d.path().string()});
  ASSERT_EQ(a.files.size(), 40u);
  for (size_t i = 0; i < a.files.size(); ++i) {
    EXPECT_EQ(a.files[i].path, b.files[i].path);
    EXPECT_EQ(a.files[i].verdict, b.files[i].verdict);
  }
  EXPECT_EQ(a.CountVerdict(Verdict::kMalicious), 14u);
}

// ---- large (memory-mapped) checkpoints: local headers and storage probes go through pread ----

void Le(std::string& s, uint64_t v, int n) {
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

struct StoredMember {
  std::string name;
  std::string data;
  std::string local_name;  // empty: same as name
};

// A stored zip (PyTorch writes storages stored), with correct CRCs.
std::string StoredZip(const std::vector<StoredMember>& members) {
  std::string body, central;
  for (const auto& m : members) {
    const std::string& lname = m.local_name.empty() ? m.name : m.local_name;
    uint32_t crc = static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(m.data.data()), static_cast<uInt>(m.data.size())));
    uint64_t off = body.size();
    Le(body, 0x04034b50, 4), Le(body, 20, 2), Le(body, 0, 2), Le(body, 0, 2), Le(body, 0, 4);
    Le(body, crc, 4), Le(body, m.data.size(), 4), Le(body, m.data.size(), 4);
    Le(body, lname.size(), 2), Le(body, 0, 2);
    body += lname + m.data;
    Le(central, 0x02014b50, 4), Le(central, 20, 2), Le(central, 20, 2), Le(central, 0, 2);
    Le(central, 0, 2), Le(central, 0, 4), Le(central, crc, 4), Le(central, m.data.size(), 4);
    Le(central, m.data.size(), 4), Le(central, m.name.size(), 2), Le(central, 0, 2);
    Le(central, 0, 2), Le(central, 0, 2), Le(central, 0, 2), Le(central, 0, 4), Le(central, off, 4);
    central += m.name;
  }
  std::string out = body + central;
  Le(out, 0x06054b50, 4), Le(out, 0, 4), Le(out, members.size(), 2), Le(out, members.size(), 2);
  Le(out, central.size(), 4), Le(out, body.size(), 4), Le(out, 0, 2);
  return out;
}

std::vector<std::string> FindingKeys(const FileReport& r) {
  std::vector<std::string> k;
  for (const auto& f : r.findings)
    k.push_back(f.rule + "|" + f.location.member + "|" + std::to_string(f.location.offset) + "|" +
                std::to_string(static_cast<int>(f.severity)) + "|" + f.message);
  std::sort(k.begin(), k.end());
  return k;
}

// ScanOptions::brief_clean_below: a clean file keeps only its findings at or above the level and
// no BOM facts; a file that is not clean keeps everything; verdicts, sizes and the text report
// (without --verbose, listing clean files at the same level) are the same as from a full scan.
TEST(ScannerTest, BriefCleanFilesKeepWhatTheTextReportShows) {
  TempDir d;
  d.Write("evil.pkl", kEvil);
  // A real torch.save checkpoint: clean, with an info finding (zip.zip64), members and properties.
  fs::copy_file(fs::path(AIGIS_SOURCE_DIR) / "examples" / "benign" / "tiny_cnn.pt",
                d.path() / "tiny_cnn.pt");
  ScanOptions full_opts = Options();
  const ScanReport full = Scanner(full_opts).Scan({d.path().string()});
  ASSERT_EQ(full.files.size(), 2u);
  const FileReport& evil = full.files[0];
  const FileReport& cnn = full.files[1];
  ASSERT_EQ(evil.verdict, Verdict::kMalicious);
  ASSERT_EQ(cnn.verdict, Verdict::kClean);
  ASSERT_TRUE(HasRule(cnn, "zip.zip64"));
  ASSERT_FALSE(cnn.members.empty());
  ASSERT_FALSE(cnn.properties.empty());

  for (Severity at : {Severity::kSuspicious, Severity::kInfo}) {
    SCOPED_TRACE(std::string(SeverityName(at)));
    ScanOptions o = Options();
    o.brief_clean_below = at;
    ScanReport brief = Scanner(o).Scan({d.path().string()});
    ASSERT_EQ(brief.files.size(), 2u);
    for (size_t i = 0; i < 2; ++i) {
      EXPECT_EQ(brief.files[i].path, full.files[i].path);
      EXPECT_EQ(brief.files[i].verdict, full.files[i].verdict);
      EXPECT_EQ(brief.files[i].size, full.files[i].size);
      EXPECT_EQ(brief.files[i].bytes_examined, full.files[i].bytes_examined);
      EXPECT_EQ(brief.files[i].analysed, full.files[i].analysed);
      EXPECT_EQ(brief.files[i].format, full.files[i].format);
    }
    EXPECT_EQ(FindingKeys(brief.files[0]), FindingKeys(evil));
    EXPECT_EQ(brief.files[0].members, evil.members);
    EXPECT_EQ(brief.files[0].properties, evil.properties);
    EXPECT_TRUE(brief.files[1].members.empty());
    EXPECT_TRUE(brief.files[1].properties.empty());
    EXPECT_EQ(HasRule(brief.files[1], "zip.zip64"), at == Severity::kInfo);
    EXPECT_EQ(brief.files[1].HasFindingAtOrAbove(at), cnn.HasFindingAtOrAbove(at));

    report::WriterOptions wo;
    wo.list_clean_at = at;
    auto text = [&wo](ScanReport r) {
      r.elapsed_seconds = 0;
      std::ostringstream out;
      report::WriteText(r, wo, out);
      return out.str();
    };
    EXPECT_EQ(text(brief), text(full));
  }
}

// A checkpoint larger than MappedFile::kReadWholeBytes is mapped, and the scanner then reads the
// zip local headers and the first bytes of each tensor storage with pread() instead of through the
// mapping. The report must be exactly the one for the same bytes scanned from memory, including a
// storage whose pickle only shows past the first 512 bytes copied for the probe, and a local header
// name mismatch far into the file.
TEST(ScannerTest, MappedCheckpointReportsLikeTheSameBytesInMemory) {
  // A 6,000-byte unicode string, popped, then os.system: the import is past the probe's copy.
  std::string late = std::string("\x80\x02X") + std::string("\x70\x17\x00\x00", 4) +
                     std::string(6000, 'a') + "0" + kEvil.substr(2);
  // A 150-byte string first: the import is past the probe's first 64 bytes, within its 512.
  std::string mid = std::string("\x80\x02X") + std::string("\x96\x00\x00\x00", 4) +
                    std::string(150, 'b') + "0" + kEvil.substr(2);
  std::string zeros(300 * 1024, '\0');
  std::string evil_storage = kEvil + std::string(200 * 1024, '\0');
  std::string zip = StoredZip({{"archive/data.pkl", kBenign},
                               {"archive/data/0", zeros},
                               {"archive/data/1", evil_storage},
                               {"archive/data/2", late + std::string(100 * 1024, '\x07')},
                               {"archive/data/3", zeros},
                               {"archive/data/4", mid + std::string(1000, '\x07')},
                               {"archive/version", "3\n", "archive/versioN"}});
  ASSERT_GT(zip.size(), MappedFile::kReadWholeBytes);
  TempDir d;
  fs::path p = d.Write("big.pt", zip);
  Scanner s(Options());
  ScanReport mapped = s.Scan({p.string()});
  ASSERT_EQ(mapped.files.size(), 1u);
  FileReport from_memory = s.ScanBuffer(AsBytes(zip), p.string());
  const FileReport& m = mapped.files[0];
  EXPECT_EQ(m.format, "pytorch-zip");
  EXPECT_EQ(m.verdict, Verdict::kMalicious);
  EXPECT_EQ(FindingKeys(m), FindingKeys(from_memory));
  EXPECT_EQ(m.members, from_memory.members);
  EXPECT_EQ(m.bytes_examined, from_memory.bytes_examined);
  EXPECT_EQ(m.verdict, from_memory.verdict);
  bool denied1 = false, denied2 = false, denied4 = false;
  for (const auto& f : m.findings) {
    if (f.rule == "pickle.global.denied" && f.location.member == "archive/data/1") denied1 = true;
    if (f.rule == "pickle.global.denied" && f.location.member == "archive/data/2") denied2 = true;
    if (f.rule == "pickle.global.denied" && f.location.member == "archive/data/4") denied4 = true;
  }
  EXPECT_TRUE(denied1);
  EXPECT_TRUE(denied2);
  EXPECT_TRUE(denied4);
  EXPECT_TRUE(HasRule(m, "zip.name-mismatch"));
}

// Tensor storages hold random-looking bytes. Ones that happen to start like a pickle opcode (EXT4
// 0x84 with a 4-byte code, 'c' followed by binary "names", a PROTO byte, even EXT1 + STOP) must not
// make an ordinary checkpoint suspicious (a torch.save of random weights did); a storage with a
// real import is still analysed, even when malformed after it.
TEST(ScannerTest, RandomTensorBytesThatStartLikeOpcodesAreData) {
  std::mt19937 rng(7);
  auto noise = [&](size_t n) {
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(rng());
    return s;
  };
  std::string ext4 = Bytes({0x84, 0x8d, 0x3c, 0x3d, 0x74, 0xfa}) + noise(4000);
  std::string ext1 = Bytes({0x82, 0x11, 0xff}) + noise(4000);
  std::string glob = "c\x93\x01\n\xfe\xaa\n" + noise(4000);  // GLOBAL with binary names
  std::string proto = Bytes({0x80, 0x03, 0xff}) + noise(4000);
  std::string tiny = Bytes({0x82, 0x3e, '.', '='}) + noise(4000);  // EXT1 62, STOP, then junk
  std::string zip = StoredZip({{"archive/data.pkl", kBenign},
                               {"archive/data/0", ext4},
                               {"archive/data/1", ext1},
                               {"archive/data/2", glob},
                               {"archive/data/3", proto},
                               {"archive/data/4", tiny},
                               {"archive/version", "3\n"}});
  Scanner s(Options());
  FileReport r = s.ScanBuffer(AsBytes(zip), "weights.pt");
  EXPECT_EQ(r.verdict, Verdict::kClean) << ::testing::PrintToString(FindingKeys(r));
  // The same storage slot with a real import and garbage after it is still a pickle.
  std::string real = kEvil.substr(0, kEvil.size() - 1) + "\xfa" + noise(100);
  std::string zip2 = StoredZip({{"archive/data.pkl", kBenign}, {"archive/data/0", real}});
  FileReport r2 = s.ScanBuffer(AsBytes(zip2), "weights.pt");
  EXPECT_EQ(r2.verdict, Verdict::kMalicious) << ::testing::PrintToString(FindingKeys(r2));
}

// Legacy PyTorch detection (the first pickle, read within the first 4 KiB without joblib arrays,
// is the magic number) is answered from the full analysis when that reads the first pickle the
// same way; a FRAME declared past 4 KiB or a first pickle ending past 4 KiB is not legacy.
TEST(ScannerTest, LegacyTorchMagicOnlyWithinTheHead) {
  const std::string magic =
      Bytes({0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, '.'});
  Scanner s(Options());
  std::string plain = "\x80\x02" + magic + kBenign;
  EXPECT_EQ(s.ScanBuffer(AsBytes(plain), "m.pt").format, "pytorch-legacy");
  // FRAME of 5,000 bytes holding the magic pickle: the 4 KiB head cannot hold the frame.
  std::string framed = std::string("\x80\x04\x95", 3) + Bytes({0x88, 0x13, 0, 0, 0, 0, 0, 0}) +
                       magic + std::string(5000, 'N');
  EXPECT_EQ(s.ScanBuffer(AsBytes(framed), "m.pt").format, "pickle");
  // The same frame length within the head is legacy.
  std::string framed_small = std::string("\x80\x04\x95", 3) +
                             Bytes({static_cast<int>(magic.size()), 0, 0, 0, 0, 0, 0, 0}) + magic +
                             kBenign;
  EXPECT_EQ(s.ScanBuffer(AsBytes(framed_small), "m.pt").format, "pytorch-legacy");
  // A 5,000-byte string popped before the magic: the first pickle ends past the head.
  std::string late = std::string("\x80\x02X") + Bytes({0x88, 0x13, 0, 0}) + std::string(5000, 'a') +
                     "0" + magic + kBenign;
  EXPECT_EQ(s.ScanBuffer(AsBytes(late), "m.pt").format, "pickle");
}

}  // namespace
}  // namespace aigis::scan
