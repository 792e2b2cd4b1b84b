#include "guard/pattern_set.h"

#include <hs/hs.h>
#include <re2/re2.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace aigis::guard {

PatternSet::~PatternSet() {
  if (db_ != nullptr) hs_free_database(db_);
}

namespace {

constexpr char kCacheMagic[8] = {'A', 'I', 'G', 'H', 'S', 'D', 'B', '1'};

uint64_t Fnv1a(uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return (h ^ 0xFF) * 1099511628211ull;  // separator so "ab","c" != "a","bc"
}

std::string CacheKey(const std::vector<PatternSpec>& specs, uint32_t max_width) {
  uint64_t h = 1469598103934665603ull;
  h = Fnv1a(h, hs_version());
  h = Fnv1a(h, std::to_string(max_width));
  h = Fnv1a(h, "prefilter-v2");  // compile flags version
  for (const PatternSpec& s : specs) {
    h = Fnv1a(h, s.expression);
    h = Fnv1a(h, s.caseless ? "i" : "c");
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// Reads a cached database: magic, u32 count, count x u32 widths, blob. Returns null on any
// mismatch (the caller then compiles).
// A compiled database decides what is detected, so a cache entry is trusted only if nobody but
// the current user could have written it (the file and its folder are ours and not group- or
// world-writable, as ssh requires of its keys). Anything else is ignored and recompiled.
bool CacheIsPrivate(const std::string& path) {
  struct stat f, d;
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (::stat(path.c_str(), &f) != 0 || ::stat(dir.c_str(), &d) != 0) return false;
  uid_t me = ::geteuid();
  return S_ISREG(f.st_mode) && f.st_uid == me && (f.st_mode & 022) == 0 && d.st_uid == me &&
         (d.st_mode & 022) == 0;
}

hs_database_t* LoadCached(const std::string& path, size_t count, std::vector<uint32_t>* widths) {
  if (!CacheIsPrivate(path)) return nullptr;
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::stringstream ss;
  ss << in.rdbuf();
  std::string data = ss.str();
  size_t need = sizeof(kCacheMagic) + 4 + count * 4;
  if (data.size() <= need || std::memcmp(data.data(), kCacheMagic, sizeof(kCacheMagic)) != 0) {
    return nullptr;
  }
  uint32_t n;
  std::memcpy(&n, data.data() + sizeof(kCacheMagic), 4);
  if (n != count) return nullptr;
  widths->resize(count);
  std::memcpy(widths->data(), data.data() + sizeof(kCacheMagic) + 4, count * 4);
  hs_database_t* db = nullptr;
  if (hs_deserialize_database(data.data() + need, data.size() - need, &db) != HS_SUCCESS) {
    return nullptr;
  }
  return db;
}

void StoreCached(const std::string& dir, const std::string& path, const hs_database_t* db,
                 const std::vector<uint32_t>& widths) {
  char* bytes = nullptr;
  size_t len = 0;
  if (hs_serialize_database(db, &bytes, &len) != HS_SUCCESS) return;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  ::chmod(dir.c_str(), 0700);  // see CacheIsPrivate
  // Write to a private temporary name, then rename: concurrent writers never expose a torn file.
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    uint32_t n = static_cast<uint32_t>(widths.size());
    out.write(kCacheMagic, sizeof(kCacheMagic));
    out.write(reinterpret_cast<const char*>(&n), 4);
    out.write(reinterpret_cast<const char*>(widths.data()), static_cast<std::streamsize>(n * 4));
    out.write(bytes, static_cast<std::streamsize>(len));
    if (!out) ec = std::make_error_code(std::errc::io_error);
  }
  free(bytes);
  if (!ec && ::chmod(tmp.c_str(), 0600) != 0) ec = std::make_error_code(std::errc::io_error);
  if (!ec) std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}

}  // namespace

std::string PatternSet::DefaultCacheDir() {
  if (const char* d = std::getenv("AIGIS_CACHE_DIR")) return d;
  if (const char* d = std::getenv("XDG_CACHE_HOME"); d != nullptr && *d) {
    return std::string(d) + "/aigis";
  }
  if (const char* h = std::getenv("HOME"); h != nullptr && *h)
    return std::string(h) + "/.cache/aigis";
  return "";
}

Result<std::shared_ptr<const PatternSet>> PatternSet::Compile(const std::vector<PatternSpec>& specs,
                                                              uint32_t max_width,
                                                              const std::string& cache_dir) {
  std::shared_ptr<PatternSet> set(new PatternSet());
  set->size_ = specs.size();
  if (specs.empty()) return std::shared_ptr<const PatternSet>(set);
  std::string cache_path;
  if (!cache_dir.empty()) {
    cache_path = cache_dir + "/guard-" + CacheKey(specs, max_width) + ".hsdb";
    std::vector<uint32_t> widths;
    if (hs_database_t* db = LoadCached(cache_path, specs.size(), &widths)) {
      for (size_t i = 0; i < specs.size(); ++i) {
        RE2::Options o;
        o.set_encoding(RE2::Options::EncodingLatin1);
        o.set_case_sensitive(!specs[i].caseless);
        o.set_log_errors(false);
        o.set_max_mem(8 << 20);
        auto re = std::make_unique<RE2>("(" + specs[i].expression + ")\\z", o);
        if (!re->ok()) {
          hs_free_database(db);
          return Status::InvalidArgument("guard: pattern " + specs[i].id + ": RE2: " + re->error());
        }
        set->anchored_.push_back(std::move(re));
      }
      set->width_ = std::move(widths);
      set->db_ = db;
      return std::shared_ptr<const PatternSet>(set);
    }
  }
  std::vector<const char*> exprs;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  for (size_t i = 0; i < specs.size(); ++i) {
    unsigned f = HS_FLAG_ALLOWEMPTY;
    if (specs[i].caseless) f |= HS_FLAG_CASELESS;
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_expression_info(specs[i].expression.c_str(), f, &info, &err) != HS_SUCCESS) {
      std::string msg = "guard: pattern " + specs[i].id + ": " + (err ? err->message : "error");
      hs_free_compile_error(err);
      return Status::InvalidArgument(msg);
    }
    unsigned width = info->max_width;
    unsigned min_width = info->min_width;
    free(info);
    if (width == UINT_MAX || width > max_width) {
      return Status::InvalidArgument("guard: pattern " + specs[i].id +
                                     ": unbounded or too wide (max " + std::to_string(max_width) +
                                     " bytes); use bounded repeats");
    }
    if (min_width == 0) {
      return Status::InvalidArgument("guard: pattern " + specs[i].id + ": matches empty text");
    }
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingLatin1);  // byte semantics, as Vectorscan without UTF8
    o.set_case_sensitive(!specs[i].caseless);
    o.set_log_errors(false);
    o.set_max_mem(8 << 20);
    auto re = std::make_unique<RE2>("(" + specs[i].expression + ")\\z", o);
    if (!re->ok()) {
      return Status::InvalidArgument("guard: pattern " + specs[i].id + ": RE2: " + re->error());
    }
    set->anchored_.push_back(std::move(re));
    set->width_.push_back(width);
    exprs.push_back(specs[i].expression.c_str());
    // Prefilter mode: Vectorscan matches a relaxed form of the pattern (bounded gaps become
    // cheap), which compiles and scans much faster; every candidate end is then confirmed by the
    // exact RE2 copy in FindStart, so results are exact.
    flags.push_back((f & ~static_cast<unsigned>(HS_FLAG_ALLOWEMPTY)) | HS_FLAG_PREFILTER);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* err = nullptr;
  hs_database_t* db = nullptr;
  if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                       HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
    std::string msg = "guard: compiling patterns failed";
    if (err != nullptr) {
      if (err->expression >= 0 && static_cast<size_t>(err->expression) < specs.size()) {
        msg += " at " + specs[static_cast<size_t>(err->expression)].id;
      }
      msg += std::string(": ") + err->message;
      hs_free_compile_error(err);
    }
    return Status::InvalidArgument(msg);
  }
  set->db_ = db;
  if (!cache_path.empty()) StoreCached(cache_dir, cache_path, db, set->width_);
  return std::shared_ptr<const PatternSet>(set);
}

bool PatternSet::FindStart(uint32_t index, std::string_view text, uint64_t end,
                           uint64_t* start) const {
  if (index >= anchored_.size() || end > text.size()) return false;
  uint64_t from = end > width_[index] ? end - width_[index] : 0;
  re2::StringPiece window(text.data() + from, static_cast<size_t>(end - from));
  re2::StringPiece whole;
  if (!RE2::PartialMatch(window, *anchored_[index], &whole)) return false;
  *start = from + static_cast<uint64_t>(whole.data() - window.data());
  return true;
}

Result<PatternScanner> PatternScanner::Create(std::shared_ptr<const PatternSet> set) {
  PatternScanner s;
  s.set_ = std::move(set);
  if (s.set_->db() != nullptr) {
    if (hs_alloc_scratch(s.set_->db(), &s.scratch_) != HS_SUCCESS) {
      return Status::Internal("guard: hs_alloc_scratch failed");
    }
  }
  return s;
}

PatternScanner::PatternScanner(PatternScanner&& o) noexcept
    : set_(std::move(o.set_)), scratch_(o.scratch_), pad_buf_(std::move(o.pad_buf_)) {
  o.scratch_ = nullptr;
}
PatternScanner& PatternScanner::operator=(PatternScanner&& o) noexcept {
  if (this != &o) {
    if (scratch_ != nullptr) hs_free_scratch(scratch_);
    set_ = std::move(o.set_);
    scratch_ = o.scratch_;
    pad_buf_ = std::move(o.pad_buf_);
    o.scratch_ = nullptr;
  }
  return *this;
}
PatternScanner::~PatternScanner() {
  if (scratch_ != nullptr) hs_free_scratch(scratch_);
}

namespace {
struct MatchCtx {
  std::vector<RawMatch>* out;
  size_t max;
  bool overflow;
};
int OnMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned, void* ctx) {
  auto* m = static_cast<MatchCtx*>(ctx);
  if (m->out->size() >= m->max) {
    m->overflow = true;
    return 1;  // stop scanning
  }
  (void)from;
  m->out->push_back(RawMatch{id, 0, to});
  return 0;
}
}  // namespace

uint32_t PatternSet::max_width() const {
  uint32_t w = 0;
  for (uint32_t x : width_) w = std::max(w, x);
  return w;
}

Status PatternScanner::ScanRange(std::string_view text, size_t from, size_t to, size_t max_matches,
                                 std::vector<RawMatch>* out) {
  if (set_ == nullptr || set_->db() == nullptr || from >= to || to > text.size()) {
    return Status::Ok();
  }
  if (to - from > UINT_MAX) return Status::LimitExceeded("guard: text too large for one scan");
  size_t first = out->size();
  MatchCtx ctx{out, max_matches, false};
  // Vectorscan 5.4.9 (Debian 12) misses matches ending in the last ~20 bytes of a buffer at some
  // alignments (seen with AVX-512 scanning). Scan a copy followed by kScanPadding NUL bytes and
  // drop ends inside the padding: no pattern end is near the buffer end any more. NUL padding
  // keeps \b at the text end as it was; rules must not use '$'.
  const size_t len = to - from;
  pad_buf_.assign(text.data() + from, len);
  pad_buf_.append(kScanPadding, '\0');
  hs_error_t rc = hs_scan(set_->db(), pad_buf_.data(), static_cast<unsigned>(pad_buf_.size()), 0,
                          scratch_, OnMatch, &ctx);
  // Resolve starts; drop the rare end that RE2 cannot confirm.
  size_t w = first;
  for (size_t i = first; i < out->size(); ++i) {
    RawMatch m = (*out)[i];
    if (m.to > len) continue;  // ends inside the padding
    m.to += from;
    if (set_->FindStart(m.index, text, m.to, &m.from)) (*out)[w++] = m;
  }
  out->resize(w);
  if (ctx.overflow) {
    return Status::LimitExceeded("guard: more than " + std::to_string(max_matches) +
                                 " raw pattern matches");
  }
  if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) {
    return Status::Internal("guard: hs_scan failed: " + std::to_string(rc));
  }
  return Status::Ok();
}

}  // namespace aigis::guard
