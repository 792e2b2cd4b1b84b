// Zip reader written by us on purpose: it must parse exactly like PyTorch's miniz
// (PyTorchStreamReader), not like Python's zipfile, and report where the two disagree.
// Spec references are to PKWARE APPNOTE.TXT 6.3.x.
#include "formats/zip/zip_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

#include "core/checked_math.h"

namespace aigis::formats::zip {
namespace {

constexpr uint32_t kLocalSig = 0x04034b50;         // PK\3\4, APPNOTE 4.3.7
constexpr uint32_t kCentralSig = 0x02014b50;       // PK\1\2, APPNOTE 4.3.12
constexpr uint32_t kEocdSig = 0x06054b50;          // PK\5\6, APPNOTE 4.3.16
constexpr uint32_t kZip64EocdSig = 0x06064b50;     // PK\6\6, APPNOTE 4.3.14
constexpr uint32_t kZip64LocatorSig = 0x07064b50;  // PK\6\7, APPNOTE 4.3.15
constexpr uint32_t kSpannedSig = 0x08074b50;       // PK\7\8, APPNOTE 8.5.3
constexpr uint64_t kEocdSize = 22;
constexpr uint64_t kLocalSize = 30;
constexpr uint64_t kZip64LocatorSize = 20;
constexpr uint64_t kZip64EocdSize = 56;
constexpr uint64_t kMaxCommentLen = 65535;
constexpr uint16_t kMethodStored = 0;
constexpr uint16_t kMethodDeflate = 8;
// Flag bits a normal writer sets: 1-2 deflate level, 3 data descriptor, 11 UTF-8 names.
constexpr uint16_t kFlagEncrypted = 0x0001;
constexpr uint16_t kFlagPatched = 0x0020;
constexpr uint16_t kFlagStrong = 0x0040;
constexpr uint16_t kFlagDescriptor = 0x0008;
constexpr uint16_t kFlagsUsual = 0x0002 | 0x0004 | kFlagDescriptor | 0x0800;

std::string Hex(uint64_t v) {
  static const char* kDigits = "0123456789abcdef";
  std::string s;
  do {
    s.insert(s.begin(), kDigits[v & 0xf]);
    v >>= 4;
  } while (v != 0);
  return "0x" + s;
}

bool SigAt(ByteView d, uint64_t off, uint32_t sig) {
  return RangeFits(off, 4, d.size()) && LoadU32Le(d, static_cast<size_t>(off)) == sig;
}

// The last EOCD signature within the final 65535+22 bytes, as miniz and zipfile search.
std::optional<uint64_t> FindEocd(ByteView d) {
  if (d.size() < kEocdSize) return std::nullopt;
  uint64_t last = d.size() - kEocdSize;
  uint64_t lowest = last > kMaxCommentLen ? last - kMaxCommentLen : 0;
  for (uint64_t p = last + 1; p-- > lowest;) {
    if (LoadU32Le(d, static_cast<size_t>(p)) == kEocdSig) return p;
  }
  return std::nullopt;
}

// APPNOTE 4.5.3: the zip64 extra field holds, in this order, only the values whose 32-bit
// fields are saturated. Returns true if a zip64 field (id 0x0001) was present.
bool ApplyZip64Extra(ByteView extra, uint64_t* usize, uint64_t* csize, uint64_t* offset) {
  ByteReader r(extra);
  while (r.remaining() >= 4) {
    uint16_t id = r.ReadU16Le().value();
    uint16_t len = r.ReadU16Le().value();
    if (len > r.remaining()) return false;
    ByteReader field(r.ReadBytes(len).value());
    if (id != 0x0001) continue;
    for (uint64_t* v : {usize, csize, offset}) {
      if (v == nullptr || *v != 0xFFFFFFFFu) continue;
      auto x = field.ReadU64Le();
      if (!x.ok()) break;
      *v = *x;
    }
    return true;
  }
  return false;
}

// Names a loader or an extractor could resolve outside the target directory.
std::optional<std::string> TraversalReason(std::string_view name) {
  if (!name.empty() && (name[0] == '/' || name[0] == '\\')) return "absolute path";
  if (name.size() >= 2 && name[1] == ':' &&
      ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'))) {
    return "drive letter";
  }
  if (name.find('\\') != std::string_view::npos) return "backslash in name";
  size_t pos = 0;
  while (pos <= name.size()) {
    size_t end = name.find('/', pos);
    if (end == std::string_view::npos) end = name.size();
    if (name.substr(pos, end - pos) == "..") return "'..' component";
    pos = end + 1;
  }
  return std::nullopt;
}

struct InflateStreamDeleter {
  void operator()(z_stream* zs) const {
    inflateEnd(zs);
    delete zs;
  }
};

struct InflateOutcome {
  std::vector<uint8_t> out;
  bool ended = false;  // Z_STREAM_END seen
  bool more = false;   // stopped at stop_at while the stream still had output
  bool ratio_hit = false;
  Status error;  // zlib data error or truncated input
};

// Raw deflate (APPNOTE 4.4.5 method 8) into at most stop_at bytes.
InflateOutcome InflateRaw(ByteView in, uint64_t stop_at, const ZipLimits& limits,
                          uint64_t base_offset) {
  InflateOutcome o;
  std::unique_ptr<z_stream, InflateStreamDeleter> zs(new z_stream{});
  if (inflateInit2(zs.get(), -MAX_WBITS) != Z_OK) {
    o.error = Status::Internal("zip: inflateInit2 failed");
    zs.release();  // not initialised: nothing for inflateEnd to free
    return o;
  }
  std::optional<uint64_t> ratio_cap =
      CheckedMul(std::max<uint64_t>(in.size(), 1), limits.max_deflate_ratio);
  size_t in_pos = 0;
  uint64_t produced = 0;
  o.out.resize(static_cast<size_t>(std::min<uint64_t>(stop_at, 1 << 16)));
  while (true) {
    if (zs->avail_in == 0 && in_pos < in.size()) {
      size_t chunk = std::min<size_t>(in.size() - in_pos, size_t{1} << 30);
      zs->next_in = const_cast<Bytef*>(in.data() + in_pos);  // zlib's API is not const
      zs->avail_in = static_cast<uInt>(chunk);
      in_pos += chunk;
    }
    if (produced == o.out.size()) {
      if (produced >= stop_at) {
        // Probe one byte: is there output beyond the cap, or did the stream end here?
        uint8_t probe = 0;
        zs->next_out = &probe;
        zs->avail_out = 1;
        int ret = inflate(zs.get(), Z_NO_FLUSH);
        if (ret == Z_STREAM_END && zs->avail_out == 1) {
          o.ended = true;
        } else if (zs->avail_out == 0) {
          o.more = true;
        } else if (ret == Z_DATA_ERROR) {
          o.error = Status::Malformed(base_offset, "zip: deflate data error");
        } else {
          o.error = Status::Malformed(base_offset, "zip: deflate stream truncated");
        }
        break;
      }
      uint64_t grown = std::min<uint64_t>(stop_at, std::max<uint64_t>(o.out.size() * 2, 1 << 16));
      o.out.resize(static_cast<size_t>(grown));
    }
    uint64_t space = std::min<uint64_t>(o.out.size() - produced, std::numeric_limits<uInt>::max());
    zs->next_out = o.out.data() + produced;
    zs->avail_out = static_cast<uInt>(space);
    int ret = inflate(zs.get(), Z_NO_FLUSH);
    produced += space - zs->avail_out;
    if (ret == Z_STREAM_END) {
      o.ended = true;
      break;
    }
    if (ret == Z_BUF_ERROR && zs->avail_in == 0 && in_pos == in.size()) {
      o.error = Status::Malformed(base_offset, "zip: deflate stream truncated");
      break;
    }
    if (ret != Z_OK && ret != Z_BUF_ERROR) {
      o.error = Status::Malformed(
          base_offset, std::string("zip: deflate data error: ") + (zs->msg ? zs->msg : "unknown"));
      break;
    }
    if (produced > limits.ratio_min_bytes && ratio_cap && produced > *ratio_cap) {
      o.ratio_hit = true;
      break;
    }
  }
  o.out.resize(static_cast<size_t>(produced));
  return o;
}

// Indices of entries whose names were seen, by name: an open-addressing table of entry indices
// (names stay in the entries vector), so a listing costs no allocation per entry.
class NameIndex {
 public:
  explicit NameIndex(const std::vector<ZipEntry>* entries) : entries_(entries) {}
  // Records entry i; false when an earlier entry has the same name.
  bool Insert(size_t i) {
    if ((count_ + 1) * 2 > slots_.size()) Grow();
    if (!Place(i)) return false;
    ++count_;
    return true;
  }

 private:
  static constexpr size_t kEmpty = SIZE_MAX;
  size_t HashOf(size_t i) const { return std::hash<std::string_view>{}((*entries_)[i].name); }
  bool Place(size_t i) {
    const size_t mask = slots_.size() - 1;
    for (size_t s = HashOf(i) & mask;; s = (s + 1) & mask) {
      if (slots_[s] == kEmpty) {
        slots_[s] = i;
        return true;
      }
      if ((*entries_)[slots_[s]].name == (*entries_)[i].name) return false;
    }
  }
  void Grow() {
    std::vector<size_t> old = std::move(slots_);
    slots_.assign(std::max<size_t>(16, old.size() * 2), kEmpty);
    for (size_t i : old)
      if (i != kEmpty) Place(i);
  }
  const std::vector<ZipEntry>* entries_;
  std::vector<size_t> slots_;
  size_t count_ = 0;
};

}  // namespace

std::string_view AnomalyCodeName(ZipAnomalyCode code) {
  switch (code) {
    case ZipAnomalyCode::kPrefixData:
      return "prefix-data";
    case ZipAnomalyCode::kUnusualStart:
      return "unusual-start";
    case ZipAnomalyCode::kNameMismatch:
      return "name-mismatch";
    case ZipAnomalyCode::kFlagEncrypted:
      return "flag-encrypted";
    case ZipAnomalyCode::kFlagPatched:
      return "flag-patched";
    case ZipAnomalyCode::kFlagStrongEncryption:
      return "flag-strong-encryption";
    case ZipAnomalyCode::kFlagUnusual:
      return "flag-unusual";
    case ZipAnomalyCode::kCrcMismatch:
      return "crc-mismatch";
    case ZipAnomalyCode::kDuplicateName:
      return "duplicate-name";
    case ZipAnomalyCode::kPathTraversal:
      return "path-traversal";
    case ZipAnomalyCode::kSymlink:
      return "symlink";
    case ZipAnomalyCode::kLocalHeaderMissing:
      return "local-header-missing";
    case ZipAnomalyCode::kOverlappingEntries:
      return "overlapping-entries";
    case ZipAnomalyCode::kEntryCountMismatch:
      return "entry-count-mismatch";
    case ZipAnomalyCode::kZip64:
      return "zip64";
    case ZipAnomalyCode::kUnsupportedMethod:
      return "unsupported-method";
    case ZipAnomalyCode::kDataBeyondEnd:
      return "data-beyond-end";
    case ZipAnomalyCode::kTrailingData:
      return "trailing-data";
    case ZipAnomalyCode::kSizeMismatch:
      return "size-mismatch";
    case ZipAnomalyCode::kCentralDirectoryGap:
      return "central-directory-gap";
    case ZipAnomalyCode::kLimit:
      return "limit";
  }
  return "unknown";
}

Result<ZipArchive> ZipArchive::Open(ByteView data, const ZipLimits& limits,
                                    const ReadAtFn& read_at) {
  ZipArchive a;
  a.data_ = data;
  a.limits_ = limits;
  auto add = [&a](ZipAnomalyCode code, int64_t entry, uint64_t off, std::string msg) {
    a.anomalies_.push_back(ZipAnomaly{code, entry, off, std::move(msg)});
  };
  const uint64_t size = data.size();

  std::optional<uint64_t> eocd_pos = FindEocd(data);
  if (!eocd_pos) return Status::Malformed("zip: no end of central directory record");
  a.eocd_offset_ = *eocd_pos;
  // APPNOTE 4.3.16; FindEocd guarantees 22 bytes.
  ByteReader er(data.subspan(static_cast<size_t>(*eocd_pos + 4), kEocdSize - 4));
  uint16_t disk = er.ReadU16Le().value();
  uint16_t cd_disk = er.ReadU16Le().value();
  uint64_t entries_disk = er.ReadU16Le().value();
  uint64_t entries_total = er.ReadU16Le().value();
  uint64_t cd_size = er.ReadU32Le().value();
  uint64_t cd_offset = er.ReadU32Le().value();
  uint16_t comment_len = er.ReadU16Le().value();

  uint64_t comment_end = *eocd_pos + kEocdSize + comment_len;
  if (comment_end < size) {
    add(ZipAnomalyCode::kTrailingData, -1, comment_end,
        std::to_string(size - comment_end) + " bytes after the end of central directory comment");
  } else if (comment_end > size) {
    add(ZipAnomalyCode::kTrailingData, -1, *eocd_pos,
        "archive comment length " + std::to_string(comment_len) + " runs past the end");
  }
  if (comment_len > limits.max_comment_bytes) {
    add(ZipAnomalyCode::kLimit, -1, *eocd_pos,
        "archive comment of " + std::to_string(comment_len) + " bytes exceeds limit");
  }
  if (disk != 0 || cd_disk != 0) {
    add(ZipAnomalyCode::kEntryCountMismatch, -1, *eocd_pos, "multi-disk archive fields set");
  }

  // Where the central directory should end if there is no prefix data.
  uint64_t anchor = *eocd_pos;
  bool any_zip64 = false;
  if (*eocd_pos >= kZip64LocatorSize &&
      SigAt(data, *eocd_pos - kZip64LocatorSize, kZip64LocatorSig)) {
    any_zip64 = true;
    uint64_t loc = *eocd_pos - kZip64LocatorSize;
    uint64_t rec_by_locator = LoadU64Le(data, static_cast<size_t>(loc + 8));
    // miniz trusts the locator's absolute offset; zipfile looks right before the locator.
    std::optional<uint64_t> rec;
    if (RangeFits(rec_by_locator, kZip64EocdSize, size) &&
        SigAt(data, rec_by_locator, kZip64EocdSig)) {
      rec = rec_by_locator;
    } else if (loc >= kZip64EocdSize && SigAt(data, loc - kZip64EocdSize, kZip64EocdSig)) {
      rec = loc - kZip64EocdSize;
    }
    if (rec) {
      entries_disk = LoadU64Le(data, static_cast<size_t>(*rec + 24));
      entries_total = LoadU64Le(data, static_cast<size_t>(*rec + 32));
      cd_size = LoadU64Le(data, static_cast<size_t>(*rec + 40));
      cd_offset = LoadU64Le(data, static_cast<size_t>(*rec + 48));
      anchor = *rec;
      add(ZipAnomalyCode::kZip64, -1, *rec, "ZIP64 end of central directory record");
    } else {
      add(ZipAnomalyCode::kZip64, -1, loc,
          "ZIP64 locator points to no ZIP64 record; using the 32-bit record");
    }
  }
  if (entries_disk != entries_total) {
    add(ZipAnomalyCode::kEntryCountMismatch, -1, *eocd_pos,
        "entries on this disk " + std::to_string(entries_disk) + " != total " +
            std::to_string(entries_total));
  }

  // zipfile computes the start as anchor - cd_size - cd_offset (tolerates prefix data);
  // miniz treats offsets as absolute. Prefer the interpretation that finds a central record.
  std::optional<uint64_t> concat;
  if (std::optional<uint64_t> used = CheckedAdd(cd_size, cd_offset); used && *used <= anchor) {
    concat = anchor - *used;
  }
  bool empty = entries_total == 0 && cd_size == 0;
  if (concat && *concat > 0 && SigAt(data, *concat + cd_offset, kCentralSig)) {
    a.start_ = *concat;
  } else if (SigAt(data, cd_offset, kCentralSig) || (empty && !concat)) {
    a.start_ = 0;
    if (!empty && (!concat || *concat > 0)) {
      add(ZipAnomalyCode::kCentralDirectoryGap, -1, cd_offset,
          "central directory is found only at its absolute offset (miniz reads it, zipfile "
          "would not)");
    }
  } else if (empty) {
    a.start_ = concat.value_or(0);
  } else {
    return Status::Malformed(*eocd_pos,
                             "zip: central directory not found at offset " + Hex(cd_offset));
  }
  if (a.start_ > 0) {
    add(ZipAnomalyCode::kPrefixData, -1, 0,
        std::to_string(a.start_) + " bytes of prefix data before the zip (polyglot?)");
  }
  if (SigAt(data, a.start_, kSpannedSig)) {
    add(ZipAnomalyCode::kUnusualStart, -1, a.start_, "archive starts with spanned marker PK\\7\\8");
  } else if (!empty && !SigAt(data, a.start_, kLocalSig)) {
    add(ZipAnomalyCode::kUnusualStart, -1, a.start_,
        "archive does not start with a local file header");
  }

  // Both start_ choices keep start_ + cd_offset <= anchor, except an empty archive taken at
  // face value, whose offset may point anywhere: clamp it.
  uint64_t cd_abs = std::min<uint64_t>(a.start_ + cd_offset, size);
  uint64_t cd_len = cd_size;
  if (!RangeFits(cd_abs, cd_size, size)) {
    cd_len = size - cd_abs;
    add(ZipAnomalyCode::kDataBeyondEnd, -1, cd_abs, "central directory runs past the end");
  }
  ByteReader cd(data.subspan(static_cast<size_t>(cd_abs), static_cast<size_t>(cd_len)), cd_abs);
  // No regrowth for a checkpoint's hundreds of entries; bounded by what the directory can hold.
  a.entries_.reserve(
      static_cast<size_t>(std::min<uint64_t>({entries_total, limits.max_entries, cd_len / 46})));

  // Bytes [off, off + n) of the input (range already checked): through read_at when it can, else
  // the view. The result is valid until the next call.
  std::vector<uint8_t> lbuf;
  auto fetch = [&](uint64_t off, size_t n) -> ByteView {
    if (read_at && n > 0) {
      lbuf.resize(n);
      if (read_at(off, lbuf.data(), n)) return ByteView(lbuf);
    }
    return data.subspan(static_cast<size_t>(off), n);
  };
  NameIndex names(&a.entries_);
  while (true) {
    if (cd.remaining() < 4) break;
    uint64_t rec_off = cd.absolute_offset();
    if (LoadU32Le(cd.rest(), 0) != kCentralSig) {
      if (a.entries_.size() < entries_total) {
        a.status_ = Status::Malformed(rec_off, "zip: bad central directory signature");
      }
      break;
    }
    if (a.entries_.size() >= limits.max_entries) {
      a.status_ = Status::LimitExceeded(
          rec_off, "zip: more than " + std::to_string(limits.max_entries) + " entries");
      add(ZipAnomalyCode::kLimit, -1, rec_off, a.status_.message());
      break;
    }
    // APPNOTE 4.3.12 central directory file header, 46 fixed bytes.
    if (cd.remaining() < 46) {
      a.status_ = Status::Malformed(rec_off, "zip: truncated central directory record");
      break;
    }
    (void)cd.Skip(4);
    uint16_t ver_made = cd.ReadU16Le().value();
    (void)cd.Skip(2);  // version needed
    ZipEntry e;
    e.index = a.entries_.size();
    e.flags = cd.ReadU16Le().value();
    e.method = cd.ReadU16Le().value();
    (void)cd.Skip(4);  // time, date
    e.crc32 = cd.ReadU32Le().value();
    e.compressed_size = cd.ReadU32Le().value();
    e.uncompressed_size = cd.ReadU32Le().value();
    uint16_t name_len = cd.ReadU16Le().value();
    uint16_t extra_len = cd.ReadU16Le().value();
    uint16_t comment = cd.ReadU16Le().value();
    (void)cd.Skip(4);  // disk start, internal attributes
    uint32_t ext_attr = cd.ReadU32Le().value();
    uint64_t local_off = cd.ReadU32Le().value();
    if (name_len > limits.max_name_bytes) {
      a.status_ = Status::LimitExceeded(
          rec_off, "zip: entry name of " + std::to_string(name_len) + " bytes");
      add(ZipAnomalyCode::kLimit, static_cast<int64_t>(e.index), rec_off, a.status_.message());
      break;
    }
    if (extra_len > limits.max_extra_bytes) {
      a.status_ = Status::LimitExceeded(
          rec_off, "zip: extra field of " + std::to_string(extra_len) + " bytes");
      add(ZipAnomalyCode::kLimit, static_cast<int64_t>(e.index), rec_off, a.status_.message());
      break;
    }
    auto name = cd.ReadString(name_len);
    auto extra = cd.ReadBytes(extra_len);
    Status skip = name.ok() && extra.ok() ? cd.Skip(comment) : Status::Malformed("");
    if (!skip.ok()) {
      a.status_ = Status::Malformed(rec_off, "zip: central directory record runs past its end");
      break;
    }
    e.name = std::string(*name);
    uint32_t sat32 = 0xFFFFFFFFu;
    bool saturated =
        e.compressed_size == sat32 || e.uncompressed_size == sat32 || local_off == sat32;
    bool has_z64 = ApplyZip64Extra(*extra, &e.uncompressed_size, &e.compressed_size, &local_off);
    e.zip64 = saturated || has_z64;
    any_zip64 = any_zip64 || e.zip64;
    const int64_t idx = static_cast<int64_t>(e.index);

    std::optional<uint64_t> lho = CheckedAdd(a.start_, local_off);
    e.local_header_offset = lho.value_or(std::numeric_limits<uint64_t>::max());
    e.is_symlink = (ver_made >> 8) == 3 && ((ext_attr >> 16) & 0xF000) == 0xA000;
    e.is_dir = (!e.name.empty() && e.name.back() == '/') ||
               ((ver_made >> 8) == 3 && ((ext_attr >> 16) & 0xF000) == 0x4000);

    // Local header, APPNOTE 4.3.7. miniz requires its signature to read the member. One read
    // gets the fixed part, the name (as long as the central one, unless they differ), an extra
    // field of up to kLocalExtraGuess bytes and kDataHeadGuess bytes of data: PyTorch pads its
    // extra field to align data to 64 bytes, and a scanner's first look at a member is its head,
    // which a caching read_at (BlockReader) then serves without another read.
    constexpr size_t kLocalExtraGuess = 4 + 64, kDataHeadGuess = 64;
    ByteView lh;
    if (lho && RangeFits(*lho, kLocalSize, size)) {
      const uint64_t want = kLocalSize + e.name.size() + kLocalExtraGuess + kDataHeadGuess;
      lh = fetch(*lho, static_cast<size_t>(std::min<uint64_t>(size - *lho, want)));
    }
    if (!lh.empty() && LoadU32Le(lh, 0) == kLocalSig) {
      e.local_flags = LoadU16Le(lh, 6);
      uint16_t l_method = LoadU16Le(lh, 8);
      uint32_t l_crc = LoadU32Le(lh, 14);
      uint64_t l_csize = LoadU32Le(lh, 18);
      uint64_t l_usize = LoadU32Le(lh, 22);
      uint16_t l_name_len = LoadU16Le(lh, 26);
      uint16_t l_extra_len = LoadU16Le(lh, 28);
      uint64_t var_len = uint64_t{l_name_len} + l_extra_len;
      if (RangeFits(*lho + kLocalSize, var_len, size)) {
        if (kLocalSize + var_len > lh.size()) lh = fetch(*lho, kLocalSize + var_len);
        e.has_local_header = true;
        e.local_name = std::string(AsStringView(lh.subspan(kLocalSize, l_name_len)));
        ByteView l_extra = lh.subspan(kLocalSize + l_name_len, l_extra_len);
        e.data_offset = *lho + kLocalSize + var_len;
        if (e.local_name != e.name) {
          add(ZipAnomalyCode::kNameMismatch, idx, *lho,
              "local header name '" + e.local_name + "' != central name '" + e.name + "'");
        }
        if (l_method != e.method) {
          add(ZipAnomalyCode::kSizeMismatch, idx, *lho,
              "local method " + std::to_string(l_method) + " != central method " +
                  std::to_string(e.method));
        }
        if (e.local_flags != e.flags) {
          add(ZipAnomalyCode::kFlagUnusual, idx, *lho,
              "local flags " + Hex(e.local_flags) + " != central flags " + Hex(e.flags));
        }
        // With a data descriptor (bit 3) the local crc/sizes may legitimately be zero.
        bool descriptor = (e.local_flags & kFlagDescriptor) != 0;
        if (ApplyZip64Extra(l_extra, &l_usize, &l_csize, nullptr)) any_zip64 = true;
        if ((l_crc != e.crc32 && !(descriptor && l_crc == 0)) ||
            (l_csize != e.compressed_size && !(descriptor && l_csize == 0)) ||
            (l_usize != e.uncompressed_size && !(descriptor && l_usize == 0))) {
          add(ZipAnomalyCode::kSizeMismatch, idx, *lho,
              "local crc/sizes (" + Hex(l_crc) + ", " + std::to_string(l_csize) + ", " +
                  std::to_string(l_usize) + ") != central (" + Hex(e.crc32) + ", " +
                  std::to_string(e.compressed_size) + ", " + std::to_string(e.uncompressed_size) +
                  ")");
        }
        if (!RangeFits(e.data_offset, e.compressed_size, size)) {
          add(ZipAnomalyCode::kDataBeyondEnd, idx, e.data_offset,
              "entry data of " + std::to_string(e.compressed_size) + " bytes runs past the end");
        }
      }
    }
    if (!e.has_local_header) {
      add(ZipAnomalyCode::kLocalHeaderMissing, idx, e.local_header_offset,
          "no valid local header for '" + e.name + "' at " + Hex(e.local_header_offset));
    }

    uint16_t all_flags = e.flags | e.local_flags;
    if (all_flags & kFlagEncrypted) {
      add(ZipAnomalyCode::kFlagEncrypted, idx, rec_off, "encrypted flag set (miniz ignores it)");
    }
    if (all_flags & kFlagPatched) {
      add(ZipAnomalyCode::kFlagPatched, idx, rec_off, "patched-data flag set");
    }
    if (all_flags & kFlagStrong) {
      add(ZipAnomalyCode::kFlagStrongEncryption, idx, rec_off, "strong-encryption flag set");
    }
    if (uint16_t odd = all_flags & ~(kFlagsUsual | kFlagEncrypted | kFlagPatched | kFlagStrong)) {
      add(ZipAnomalyCode::kFlagUnusual, idx, rec_off, "unusual flag bits " + Hex(odd));
    }
    if (e.method != kMethodStored && e.method != kMethodDeflate) {
      add(ZipAnomalyCode::kUnsupportedMethod, idx, rec_off,
          "compression method " + std::to_string(e.method) + " not readable by PyTorch");
    }
    if (e.method == kMethodStored && e.compressed_size != e.uncompressed_size) {
      add(ZipAnomalyCode::kSizeMismatch, idx, rec_off,
          "stored entry with compressed size " + std::to_string(e.compressed_size) +
              " != uncompressed size " + std::to_string(e.uncompressed_size));
    }
    if (auto why = TraversalReason(e.name)) {
      add(ZipAnomalyCode::kPathTraversal, idx, rec_off, *why + ": '" + e.name + "'");
    }
    if (e.name.find('\0') != std::string::npos) {
      add(ZipAnomalyCode::kNameMismatch, idx, rec_off,
          "NUL byte in name: zipfile truncates it, miniz does not");
    }
    if (e.is_symlink) add(ZipAnomalyCode::kSymlink, idx, rec_off, "symlink entry '" + e.name + "'");
    a.entries_.push_back(std::move(e));
    if (!names.Insert(a.entries_.size() - 1)) {
      add(ZipAnomalyCode::kDuplicateName, idx, rec_off,
          "duplicate name '" + a.entries_.back().name + "'");
    }
  }
  if (a.entries_.size() != entries_total) {
    add(ZipAnomalyCode::kEntryCountMismatch, -1, cd_abs,
        "end of central directory declares " + std::to_string(entries_total) +
            " entries, central directory holds " + std::to_string(a.entries_.size()));
  } else if (a.status_.ok() && cd.remaining() > 0) {
    add(ZipAnomalyCode::kEntryCountMismatch, -1, cd.absolute_offset(),
        std::to_string(cd.remaining()) + " unparsed bytes at the end of the central directory");
  }
  if (any_zip64 && std::none_of(a.anomalies_.begin(), a.anomalies_.end(), [](const ZipAnomaly& x) {
        return x.code == ZipAnomalyCode::kZip64;
      })) {
    add(ZipAnomalyCode::kZip64, -1, cd_abs, "ZIP64 entry fields");
  }

  // Overlaps: sort member extents [local header, end of data) and compare neighbours.
  struct Extent {
    uint64_t begin, end;
    size_t index;
  };
  std::vector<Extent> ext;
  ext.reserve(a.entries_.size());
  for (const ZipEntry& e : a.entries_) {
    if (!e.has_local_header) continue;
    uint64_t end = CheckedAdd(e.data_offset, e.compressed_size).value_or(UINT64_MAX);
    ext.push_back({e.local_header_offset, end, e.index});
  }
  std::sort(ext.begin(), ext.end(), [](const Extent& x, const Extent& y) {
    return x.begin != y.begin ? x.begin < y.begin : x.index < y.index;
  });
  uint64_t max_end = 0;
  size_t max_index = 0;
  for (size_t i = 0; i < ext.size(); ++i) {
    if (i > 0 && ext[i].begin < max_end) {
      add(ZipAnomalyCode::kOverlappingEntries, static_cast<int64_t>(ext[i].index), ext[i].begin,
          "entry overlaps entry " + std::to_string(max_index));
    }
    if (ext[i].end > max_end) {
      max_end = ext[i].end;
      max_index = ext[i].index;
    }
  }
  return a;
}

Result<ZipMember> ZipArchive::Read(size_t index, bool verify_crc) const {
  if (index >= entries_.size()) {
    return Status::NotFound("zip: no entry " + std::to_string(index));
  }
  const ZipEntry& e = entries_[index];
  if (e.method != kMethodStored && e.method != kMethodDeflate) {
    return Status::Unsupported("zip: entry '" + e.name + "' uses compression method " +
                               std::to_string(e.method));
  }
  if (!e.has_local_header || e.data_offset > data_.size()) {
    return Status::Malformed(e.local_header_offset,
                             "zip: entry '" + e.name + "' has no valid local header");
  }
  ZipMember m;
  // Degrade: when data runs past the end, use what is there and say so.
  uint64_t avail = std::min<uint64_t>(e.compressed_size, data_.size() - e.data_offset);
  ByteView in = data_.subspan(static_cast<size_t>(e.data_offset), static_cast<size_t>(avail));
  Status cut = avail < e.compressed_size
                   ? Status::Malformed(e.data_offset,
                                       "zip: entry '" + e.name + "' data truncated at end of input")
                   : Status::Ok();

  if (e.method == kMethodStored) {
    m.data = in;
    m.status = std::move(cut);
    // Stored members are views of the input, so they cost no memory; the cap is for callers
    // that copy them (cap_stored).
    if (limits_.cap_stored && m.data.size() > limits_.max_entry_uncompressed) {
      m.data = m.data.first(static_cast<size_t>(limits_.max_entry_uncompressed));
      m.status = Status::LimitExceeded(
          e.data_offset, "zip: entry '" + e.name + "' larger than max_entry_uncompressed");
    }
  } else {
    uint64_t used = total_out_->load();
    uint64_t budget =
        used < limits_.max_total_uncompressed ? limits_.max_total_uncompressed - used : 0;
    uint64_t limit_cap = std::min(limits_.max_entry_uncompressed, budget);
    // The declared size also bounds output: miniz inflates into a buffer of that size.
    uint64_t stop_at = std::min(limit_cap, e.uncompressed_size);
    InflateOutcome o = InflateRaw(in, stop_at, limits_, e.data_offset);
    total_out_->fetch_add(o.out.size());
    if (!o.error.ok()) {
      m.status = std::move(o.error);
    } else if (o.ratio_hit) {
      m.status = Status::LimitExceeded(e.data_offset,
                                       "zip: entry '" + e.name + "' exceeds deflate ratio limit");
    } else if (o.more && e.uncompressed_size <= limit_cap) {
      m.status = Status::Malformed(e.data_offset, "zip: entry '" + e.name +
                                                      "' inflates past its declared size " +
                                                      std::to_string(e.uncompressed_size));
    } else if (o.more || (!o.ended && stop_at == limit_cap)) {
      m.status = Status::LimitExceeded(
          e.data_offset, "zip: entry '" + e.name + "' exceeds " +
                             (limit_cap == budget && budget < limits_.max_entry_uncompressed
                                  ? "max_total_uncompressed"
                                  : "max_entry_uncompressed"));
    } else if (o.out.size() < e.uncompressed_size) {
      m.status = Status::Malformed(
          e.data_offset, "zip: entry '" + e.name + "' inflates to " + std::to_string(o.out.size()) +
                             " bytes, declared " + std::to_string(e.uncompressed_size));
    } else if (!cut.ok()) {
      m.status = std::move(cut);
    }
    m.owned = std::make_shared<std::vector<uint8_t>>(std::move(o.out));
    m.data = ByteView(*m.owned);
  }
  if (m.status.ok() && verify_crc) {
    m.crc_checked = true;
    uLong crc = crc32_z(0L, Z_NULL, 0);
    crc = crc32_z(crc, m.data.data(), m.data.size());
    m.crc_ok = static_cast<uint32_t>(crc) == e.crc32;
  }
  return m;
}

}  // namespace aigis::formats::zip
