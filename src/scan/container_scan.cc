// Container analyzers: zip (PyTorch, Keras, npz, plain), tar/7z, compressed streams, .npy, and the
// PyTorch legacy layout. They report container anomalies and hand members back to the scanner.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <set>

#include "formats/archive/archive_reader.h"
#include "formats/compress/decompress.h"
#include "formats/npy/npy_header.h"
#include "formats/pickle/pickle_analyzer.h"
#include "formats/zip/zip_reader.h"
#include "scan/dispatch.h"
#include "scan/pickle_scan.h"
#include "scan/scan_options.h"

namespace aigis::scan {

namespace {

namespace zip = formats::zip;

std::string Hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
  return buf;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Severity of a zip anomaly: evasion techniques against scanners are malicious; conditions that
// stop a faithful reading are suspicious; facts are info.
Severity ZipAnomalySeverity(zip::ZipAnomalyCode c) {
  using C = zip::ZipAnomalyCode;
  switch (c) {
    case C::kNameMismatch:   // CVE-2025-1944: hides a member from Python's zipfile
    case C::kPathTraversal:  // zip slip
      return Severity::kMalicious;
    case C::kZip64:
      return Severity::kInfo;
    default:
      return Severity::kSuspicious;
  }
}

std::string ZipCategory(zip::ZipAnomalyCode c) {
  using C = zip::ZipAnomalyCode;
  switch (c) {
    case C::kPathTraversal:
    case C::kSymlink:
      return "path-traversal";
    case C::kLimit:
      return "resource-limit";
    default:
      return "scanner-evasion";
  }
}

// Root prefix of a PyTorch zip ("archive" in "archive/data.pkl"), or nullopt if not PyTorch.
std::optional<std::string> TorchRoot(const std::vector<zip::ZipEntry>& entries) {
  for (const auto& e : entries) {
    if (e.name == "data.pkl") return std::string();
    if (EndsWith(e.name, "/data.pkl")) {
      std::string root = e.name.substr(0, e.name.size() - 9);
      if (root.find('/') == std::string::npos) return root;
    }
  }
  return std::nullopt;
}

}  // namespace

void AnalyzeZip(ByteView data, AnalysisContext& ctx) {
  zip::ZipLimits zl;
  // Absolute caps bound memory; a ratio cap would flag benign all-zero tensors (deflate reaches
  // ~1000:1 on them, like a bomb), so the ratio is not used to stop reading.
  zl.max_deflate_ratio = UINT64_MAX;
  zl.max_entry_uncompressed = ctx.options().limits.max_member_bytes;
  zl.cap_stored = false;  // a stored 10 GB tensor shard is a view of the mapped file, not a copy
  zl.max_total_uncompressed = ctx.options().limits.max_total_decompressed;
  auto opened = zip::ZipArchive::Open(data, zl, ctx.ReaderFor(data));
  if (!opened.ok()) {
    ctx.SetFormat("zip");
    const Status& st = opened.status();
    ctx.Report(st.code() == StatusCode::kLimitExceeded ? "zip.limit" : "zip.malformed",
               Severity::kSuspicious, "cannot read the zip archive: " + st.ToString(), "",
               "malformed", st.has_offset() ? st.offset() : 0);
    ctx.AddBytesExamined(std::min<uint64_t>(data.size(), 65557));
    return;
  }
  auto archive = std::make_shared<zip::ZipArchive>(std::move(opened).value());
  const auto& entries = archive->entries();

  for (const auto& a : archive->anomalies()) {
    std::string evidence;
    if (a.entry >= 0 && static_cast<size_t>(a.entry) < entries.size())
      evidence = entries[static_cast<size_t>(a.entry)].name;
    Finding f;
    f.rule = "zip." + std::string(zip::AnomalyCodeName(a.code));
    f.severity = ZipAnomalySeverity(a.code);
    f.message = a.message;
    f.evidence = evidence;
    f.category = ZipCategory(a.code);
    f.location.offset = a.offset;
    f.location.has_offset = true;
    ctx.AddFinding(std::move(f));
  }
  if (!archive->status().ok()) {
    ctx.Report("zip.limit", Severity::kSuspicious,
               "zip listing stopped early: " + archive->status().ToString(), "", "resource-limit",
               archive->status().has_offset() ? archive->status().offset() : 0);
  }

  // What kind of zip: decides hints for members, never whether they are analysed.
  std::optional<std::string> torch_root = TorchRoot(entries);
  // The few names that decide the kind, looked for directly (no copy of every name into a set).
  const std::string constants_pkl =
      torch_root ? *torch_root + (torch_root->empty() ? "" : "/") + "constants.pkl" : std::string();
  bool all_npy = !entries.empty();
  bool has_config = false, has_metadata = false, has_weights = false, has_constants = false;
  for (const auto& e : entries) {
    if (!e.is_dir && !EndsWith(e.name, ".npy")) all_npy = false;
    has_config = has_config || e.name == "config.json";
    has_metadata = has_metadata || e.name == "metadata.json";
    has_weights = has_weights || e.name == "model.weights.h5" || e.name == "model.weights.npz";
    has_constants = has_constants || (torch_root && e.name == constants_pkl);
  }
  // Keras 3 load_model reads config.json; metadata.json and the weights file are optional.
  bool keras = has_config && (has_metadata || has_weights || !torch_root);
  std::string kind = torch_root ? "pytorch-zip" : keras ? "keras" : all_npy ? "numpy-npz" : "zip";
  if (has_constants) kind = "torchscript";
  ctx.SetFormat(kind);

  uint64_t examined = 22;
  ctx.ExpectChildren(entries.size());
  std::string storage_prefix =
      torch_root ? (torch_root->empty() ? "" : *torch_root + "/") + "data/" : std::string("\x01");
  for (const auto& e : entries) {
    examined += 46 + e.name.size();
    if (e.is_dir) continue;
    if (e.is_symlink) continue;  // reported as an anomaly; a link's bytes are its target path
    ChildItem c;
    c.name = e.name;
    if (keras && e.name == "config.json") c.format_hint = "keras-config";
    if (torch_root && e.name.rfind(storage_prefix, 0) == 0) c.format_hint = "maybe-pickle";
    std::shared_ptr<const void> parent_owner = ctx.owner();
    size_t index = e.index;
    uint64_t offset = e.data_offset;
    // Tensor storages are sniffed, not parsed: checking their CRC would read gigabytes that
    // PyTorch itself never checks. Every other member's CRC is verified and reported.
    bool verify_crc = c.format_hint != "maybe-pickle";
    c.lazy = [archive, parent_owner, index, offset, verify_crc]() {
      LazyChild lc;
      auto m = archive->Read(index, verify_crc);
      if (!m.ok()) {
        lc.status = m.status();
        lc.error_rule = m.status().code() == StatusCode::kUnsupported ? "zip.unsupported-method"
                                                                      : "zip.read-error";
        return lc;
      }
      lc.data = m->data;
      lc.owner = m->owned ? std::shared_ptr<const void>(m->owned) : parent_owner;
      if (!m->status.ok()) {
        lc.status = m->status;
        lc.error_rule =
            m->status.code() == StatusCode::kLimitExceeded ? "zip.limit" : "zip.read-error";
      } else if (m->crc_checked && !m->crc_ok) {
        Finding f;
        f.rule = "zip.crc-mismatch";
        f.severity = Severity::kSuspicious;
        f.message =
            "member CRC-32 does not match its data: Python's zipfile refuses it, PyTorch loads it "
            "(CVE-2025-10156)";
        f.category = "scanner-evasion";
        f.location.offset = offset;
        f.location.has_offset = true;
        lc.findings.push_back(std::move(f));
      }
      return lc;
    };
    ctx.AddChild(std::move(c));
  }
  ctx.AddBytesExamined(examined);
}

void AnalyzeCompressed(ByteView data, AnalysisContext& ctx) {
  auto codec = formats::compress::SniffCodec(data);
  if (!codec) return;
  std::string name(formats::compress::CodecName(*codec));
  ctx.SetFormat(name);
  formats::compress::DecompressLimits lim;
  lim.max_output_bytes = std::min(lim.max_output_bytes, ctx.options().limits.max_member_bytes);
  lim.max_ratio = UINT64_MAX;  // see AnalyzeZip: absolute caps, not ratios
  auto res = std::make_shared<formats::compress::DecompressResult>(
      formats::compress::Decompress(data, *codec, lim));
  ctx.AddBytesExamined(data.size());
  if (!res->status.ok()) {
    bool limit = res->status.code() == StatusCode::kLimitExceeded;
    ctx.Report(limit ? "compress.limit" : "compress.malformed", Severity::kSuspicious,
               name + " stream " +
                   (limit ? "expands past the scan limit (decompression bomb?)" : "is corrupt") +
                   ": " + res->status.ToString() + "; the part decompressed was analysed",
               "", limit ? "resource-limit" : "malformed", 0);
  }
  if (res->trailing_bytes > 0)
    ctx.Report("compress.trailing-data", Severity::kSuspicious,
               std::to_string(res->trailing_bytes) +
                   " bytes after the compressed stream that a loader ignores (hidden content?)",
               "", "scanner-evasion", data.size() - res->trailing_bytes);
  ChildItem c;
  c.name = "<" + name + ">";
  c.data = ByteView(res->data.data(), res->data.size());
  c.owner = res;
  ctx.AddChild(std::move(c));
}

void AnalyzeArchive(ByteView data, AnalysisContext& ctx) {
  formats::archive::ArchiveLimits lim;
  lim.max_entry_bytes = std::min(lim.max_entry_bytes, ctx.options().limits.max_member_bytes);
  lim.max_total_bytes = std::min(lim.max_total_bytes, ctx.options().limits.max_total_decompressed);
  auto listing = formats::archive::ReadArchive(data, lim);
  ctx.AddBytesExamined(data.size());
  if (!listing.ok()) {
    ctx.SetFormat("archive");
    ctx.Report("archive.malformed", Severity::kSuspicious,
               "cannot read the archive: " + listing.status().ToString(), "", "malformed", 0);
    return;
  }
  auto shared = std::make_shared<formats::archive::ArchiveListing>(std::move(listing).value());
  std::set<std::string> names;
  for (const auto& e : shared->entries) names.insert(e.name);
  bool legacy_torch = names.count("pickle") && names.count("storages") && names.count("tensors");
  bool seven = formats::archive::Looks7z(data);
  ctx.SetFormat(legacy_torch ? "pytorch-legacy-tar" : seven ? "7z" : "tar");
  ctx.AddProperty("archive.format", shared->format);
  if (!shared->status.ok()) {
    ctx.ReportNoOffset("archive.malformed", Severity::kSuspicious,
                       "archive could not be read completely: " + shared->status.ToString() +
                           "; the entries before the error were analysed",
                       "", "malformed");
  }
  for (const auto& e : shared->entries) {
    std::string_view n = e.name;
    bool traversal = !n.empty() && (n[0] == '/' || n.find('\\') != std::string_view::npos ||
                                    n == ".." || n.rfind("../", 0) == 0 ||
                                    n.find("/../") != std::string_view::npos || EndsWith(n, "/.."));
    if (traversal)
      ctx.ReportNoOffset("archive.path-traversal", Severity::kMalicious,
                         "archive entry name escapes the extraction folder (tar slip)", e.name,
                         "path-traversal");
    using T = formats::archive::ArchiveEntry::Type;
    if (e.type == T::kSymlink || e.type == T::kHardlink) {
      std::string_view t = e.link_target;
      bool outside = !t.empty() && (t[0] == '/' || t.find("..") != std::string_view::npos);
      ctx.ReportNoOffset(outside ? "archive.link-outside" : "archive.link",
                         outside ? Severity::kMalicious : Severity::kSuspicious,
                         std::string(e.type == T::kSymlink ? "symbolic" : "hard") +
                             " link entry pointing to '" + e.link_target + "'",
                         e.name, "path-traversal");
      continue;
    }
    if (e.type != T::kFile || !e.data) continue;
    if (e.truncated)
      ctx.ReportNoOffset("archive.limit", Severity::kSuspicious,
                         "entry larger than the scan limit; only its start was analysed", e.name,
                         "resource-limit");
    ChildItem c;
    c.name = e.name;
    c.data = ByteView(e.data->data(), e.data->size());
    c.owner = e.data;
    if (legacy_torch && e.name == "storages") c.format_hint = "maybe-pickle";
    ctx.AddChild(std::move(c));
  }
}

void AnalyzeNpy(ByteView data, AnalysisContext& ctx) {
  ctx.SetFormat("numpy");
  auto h = formats::npy::ParseNpyHeader(data, formats::npy::NpyLimits{});
  if (!h.ok()) {
    ctx.Report("numpy.malformed", Severity::kSuspicious,
               "invalid .npy header: " + h.status().ToString(), "", "malformed",
               h.status().has_offset() ? h.status().offset() : 0);
    ctx.AddBytesExamined(std::min<uint64_t>(data.size(), 64));
    return;
  }
  ctx.AddBytesExamined(h->data_offset);
  ctx.AddProperty("dtypes", h->descr);
  if (h->has_object) {
    ctx.Report("numpy.object-dtype", Severity::kInfo,
               "array has the object dtype: its data is a pickle (np.load needs allow_pickle=True)",
               h->descr, "deserialization", 0);
    ChildItem c;
    c.name = "<object-array>";
    c.data = data.subspan(std::min<uint64_t>(h->data_offset, data.size()));
    c.format_hint = "pickle";
    ctx.AddChild(std::move(c));
    return;
  }
  if (h->data_bytes) {
    uint64_t have = data.size() - std::min<uint64_t>(h->data_offset, data.size());
    if (have < *h->data_bytes)
      ctx.Report("numpy.truncated", Severity::kSuspicious,
                 "array data is shorter than its header declares", "", "malformed", h->data_offset);
    else if (have > *h->data_bytes)
      ctx.Report("numpy.trailing-data", Severity::kSuspicious,
                 "bytes after the array data (polyglot file?)", "", "scanner-evasion",
                 h->data_offset + *h->data_bytes);
  }
}

void AnalyzePickleOrLegacyTorch(ByteView data, AnalysisContext& ctx) {
  // Legacy PyTorch (torch.save with _use_new_zipfile_serialization=False): a pickle of the magic
  // number, protocol version, sys_info, the object, the storage keys, then raw storage bytes.
  // Legacy means: the first pickle, within the first 4 KiB and read without joblib arrays, is that
  // magic number. Most pickles are not legacy and get the default analysis, so that one runs first
  // and answers the question itself when it can. Its first pickle is read exactly as the head
  // check reads it, except with a joblib NumpyArrayWrapper imported there (joblib arrays are off
  // in the check) or a FRAME (its declared length is checked against the end of the input); so
  // without those the first pickle completes within the head iff the check sees it complete.
  constexpr std::string_view kMagic = "0x1950a86a20f9469cfc6c";
  constexpr size_t kHead = 4096;
  formats::pickle::PickleReport full = formats::pickle::AnalyzePickle(data);
  bool legacy = false;
  if (!full.first_pickle_joblib && (full.pickles.empty() || !full.pickles[0].framed)) {
    legacy = !full.pickles.empty() && full.pickles[0].start == 0 && full.pickles[0].end <= kHead &&
             full.pickles[0].top_int && *full.pickles[0].top_int == kMagic;
  } else {
    formats::pickle::AnalyzeOptions first_only;
    first_only.multiple_pickles = false;
    first_only.joblib_arrays = false;
    auto head = formats::pickle::AnalyzePickle(data.first(std::min<size_t>(data.size(), kHead)),
                                               formats::pickle::PickleLimits{}, first_only);
    legacy = !head.pickles.empty() && head.pickles[0].top_int && *head.pickles[0].top_int == kMagic;
  }
  if (!legacy) {
    EmitPickleReport(full, data, ctx);  // what AnalyzePickleItem(data, ctx, {}) would do
    return;
  }
  formats::pickle::AnalyzeOptions opts;
  opts.max_pickles = 5;
  opts.joblib_arrays = false;
  auto report = AnalyzePickleItemWithReport(data, ctx, opts);
  ctx.SetFormat("pytorch-legacy");
  // Raw storages follow the 5 pickles (each a u64 element count and the bytes). torch.load never
  // unpickles past them, but a loader reading pickle after pickle does: anything there that looks
  // like another pickle is analysed as one.
  uint64_t end = report.end_offset;
  if (report.pickles.size() == 5 && end < data.size()) {
    ByteView rest = data.subspan(end);
    if (formats::pickle::LooksLikePickle(rest.first(std::min<size_t>(rest.size(), 4096)))) {
      ctx.Report("pytorch.extra-pickle", Severity::kSuspicious,
                 "another pickle follows the 5 pickles of a legacy PyTorch checkpoint", "",
                 "scanner-evasion", end);
      ChildItem c;
      c.name = "<after-legacy-pickles@" + Hex(end) + ">";
      c.data = rest;
      c.format_hint = "pickle";
      ctx.AddChild(std::move(c));
    }
  }
}

bool AnalyzeMaybePickle(ByteView data, AnalysisContext& ctx) {
  formats::pickle::AnalyzeOptions opts;
  const ByteView window = data.first(std::min<size_t>(data.size(), 1 << 16));
  formats::pickle::PickleReport probe;
  bool probed = false;
  // A storage in a mapped checkpoint: probe a pread() copy of its first bytes instead of faulting
  // in its first page (plus a page table: storages lie megabytes apart). The copy's report is the
  // window's unless it depended on where the copy ends; then the window itself is probed. Tensor
  // bytes fail as a pickle within a few opcodes; a larger copy costs more (cold cache lines).
  // The first 64 bytes answer for almost every storage (the block read with the member's local
  // header holds them, see ZipArchive::Open); 512 only when their report depended on that
  // cut.
  if (ReadAtFn read_at = ctx.ReaderFor(data); read_at && !window.empty()) {
    uint8_t head[512];
    for (size_t want : {size_t{64}, sizeof head}) {
      const size_t n = std::min(window.size(), want);
      if (!read_at(0, head, n)) break;
      probe =
          formats::pickle::AnalyzePickle(ByteView(head, n), formats::pickle::PickleLimits{}, opts);
      probed = n == window.size() || !probe.length_dependent;
      if (probed || n == window.size()) break;
    }
  }
  if (!probed)
    probe = formats::pickle::AnalyzePickle(window, formats::pickle::PickleLimits{}, opts);
  // Tensor bytes are random-looking: an EXT opcode, a garbage "module\nname\n", even a whole
  // 3-byte "pickle" (EXT1 code STOP) occur in ordinary random weights and flagged 17 of 300
  // random torch.save checkpoints as suspicious. A payload needs a real import (constant,
  // identifier-like module and name) to do anything, so that is what makes a storage a pickle.
  bool is_pickle = formats::pickle::HasPlausibleImport(probe);
  if (!is_pickle) {
    ctx.SetFormat("tensor-data");
    ctx.AddBytesExamined(std::min<uint64_t>(data.size(), 16));
    return false;
  }
  AnalyzePickleItem(data, ctx, {});
  return true;
}

}  // namespace aigis::scan
