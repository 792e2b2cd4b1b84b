#include "guard/pattern_set.h"

#include <hs/hs.h>
#include <re2/filtered_re2.h>
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
#include <unordered_map>

namespace aigis::guard {

PatternSet::~PatternSet() {
  if (db_ != nullptr) hs_free_database(db_);
  if (gated_db_ != nullptr) hs_free_database(gated_db_);
  for (hs_database* db : isolated_dbs_) hs_free_database(db);
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
  // Vectorscan compiles for the CPU it runs on, and a database that uses instructions this CPU
  // lacks fails at scan time (HS_DB_PLATFORM_ERROR). The cache may be shared (a home folder on
  // several machines, a container image) or filled under valgrind, which hides AVX-512.
  hs_platform_info_t plat{};
  if (hs_populate_platform(&plat) == HS_SUCCESS) {
    h = Fnv1a(h, std::to_string(plat.tune) + "/" + std::to_string(plat.cpu_features));
  }
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
  if (count > 0)  // no patterns: widths->data() may be null (UB in memcpy)
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

namespace {

// RE2 memory budgets for the start-finding copies (see Compile): 16 KiB per program
// instruction, at least RE2's default 8 MiB and at most 64 MiB (secret.jwt, 11,000
// instructions: 32 MiB was enough on real prompts, 16 MiB was not).
constexpr uint64_t kRe2MinMem = uint64_t{8} << 20;
constexpr uint64_t kRe2MaxMem = uint64_t{64} << 20;
constexpr uint64_t kRe2BytesPerInstruction = 16384;

int64_t Re2Budget(uint64_t instructions) {
  return static_cast<int64_t>(
      std::clamp<uint64_t>(instructions * kRe2BytesPerInstruction, kRe2MinMem, kRe2MaxMem));
}

// The sum of the upper counts of the expression's counted repeats ({n}, {n,m}, {n,}: m, or n
// when open): each repetition is a copy of the repeated part in the program. Escaped braces are
// skipped; braces in classes are not (an overestimate only raises the budget).
uint64_t CountedRepeatTotal(std::string_view e) {
  uint64_t total = 0;
  for (size_t i = 0; i < e.size(); ++i) {
    if (e[i] == '\\') {
      ++i;
      continue;
    }
    if (e[i] != '{') continue;
    uint64_t a = 0, b = 0;
    size_t j = i + 1;
    bool digits = false, comma = false;
    for (; j < e.size() && j < i + 16; ++j) {
      const char c = e[j];
      if (c >= '0' && c <= '9') {
        uint64_t& v = comma ? b : a;
        v = std::min<uint64_t>(v * 10 + static_cast<uint64_t>(c - '0'), 100000);
        digits = true;
      } else if (c == ',' && !comma) {
        comma = true;
      } else {
        break;
      }
    }
    if (j < e.size() && e[j] == '}' && digits) total += std::max(a, b);
  }
  return total;
}

RE2::Options AnchoredOptions(bool caseless) {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingLatin1);  // byte semantics, as Vectorscan without UTF8
  o.set_case_sensitive(!caseless);
  o.set_log_errors(false);
  o.set_max_mem(static_cast<int64_t>(kRe2MinMem));
  return o;
}

// Atoms shorter than this are not used as gates: 1-2 byte literals occur everywhere.
constexpr int kMinAtomLen = 3;

// The gate of one pattern: literal atoms such that every match contains at least one of them, or
// empty when RE2 finds none (the pattern is then scanned in full). FilteredRE2 gives the atoms and
// a boolean formula over them; a set S is a gate exactly when the formula is false with every atom
// outside S present. Greedy: drop the shortest atoms (short words are the common ones) first while
// the rest stays a gate, which leaves one minimal set of longer literals.
std::vector<std::string> GateAtoms(const PatternSpec& spec) {
  re2::FilteredRE2 f(kMinAtomLen);
  int id = 0;
  if (f.Add(spec.expression, AnchoredOptions(spec.caseless), &id) != RE2::NoError) return {};
  std::vector<std::string> atoms;
  f.Compile(&atoms);
  std::vector<int> potential;
  f.AllPotentials({}, &potential);
  if (!potential.empty() || atoms.empty()) return {};  // no literal is required
  std::vector<size_t> order(atoms.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return atoms[x].size() < atoms[y].size(); });
  std::vector<uint8_t> in_gate(atoms.size(), 1);
  std::vector<int> present;
  for (size_t a : order) {
    in_gate[a] = 0;
    present.clear();
    for (size_t i = 0; i < atoms.size(); ++i) {
      if (!in_gate[i]) present.push_back(static_cast<int>(i));
    }
    f.AllPotentials(present, &potential);
    if (!potential.empty()) in_gate[a] = 1;  // needed: without it a match could avoid the gate
  }
  std::vector<std::string> gate;
  for (size_t i = 0; i < atoms.size(); ++i) {
    if (in_gate[i]) gate.push_back(atoms[i]);
  }
  return gate;
}

// Checks given gate literals (see PatternSpec::gate_literals): FilteredRE2 with 1-byte atoms
// gives the literals and the formula over them that any match satisfies; the gate is sound when
// the formula is false with every atom present that contains none of the gate literals (each
// match then contains an atom that contains a gate literal). Returns the gate, lower-cased as the
// database scans atoms caseless, or an error.
Result<std::vector<std::string>> CheckedGate(const PatternSpec& spec) {
  std::vector<std::string> gate;
  for (const std::string& g : spec.gate_literals) {
    // ASCII only: Vectorscan folds case only for ASCII, while RE2's Latin-1 atoms fold more.
    bool ascii = !g.empty();
    for (unsigned char c : g) ascii = ascii && c < 0x80;
    if (!ascii) {
      return Status::InvalidArgument("guard: pattern " + spec.id +
                                     ": gate literal empty or not ASCII");
    }
    std::string l = g;
    for (char& c : l) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    gate.push_back(std::move(l));
  }
  re2::FilteredRE2 f(1);
  int id = 0;
  std::vector<std::string> atoms;
  std::vector<int> outside, potential;
  if (f.Add(spec.expression, AnchoredOptions(spec.caseless), &id) == RE2::NoError) {
    f.Compile(&atoms);
    for (size_t i = 0; i < atoms.size(); ++i) {
      std::string a = atoms[i];
      if (!spec.caseless) {
        for (char& c : a) {
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        }
      }
      bool covered = false;
      for (const std::string& g : gate) covered = covered || a.find(g) != std::string::npos;
      if (!covered) outside.push_back(static_cast<int>(i));
    }
    f.AllPotentials(outside, &potential);
  }
  if (atoms.empty() || !potential.empty()) {
    return Status::InvalidArgument("guard: pattern " + spec.id +
                                   ": a match can avoid every gate literal");
  }
  return gate;
}

// A literal as a Vectorscan expression: every byte escaped.
std::string EscapeLiteral(std::string_view lit) {
  std::string e;
  char buf[8];
  for (unsigned char c : lit) {
    std::snprintf(buf, sizeof(buf), "\\x%02x", c);
    e += buf;
  }
  return e;
}

// Compiles (or loads from the cache) one prefilter-mode block database for specs[idx...]; the
// database reports the original spec indices. Fills widths[i] for each i in idx. Literals
// (caseless) are added with ids literal_base + k.
Result<hs_database_t*> BuildDatabase(const std::vector<PatternSpec>& specs,
                                     const std::vector<uint32_t>& idx, uint32_t max_width,
                                     const std::string& cache_dir, std::string_view tag,
                                     std::vector<uint32_t>* widths,
                                     const std::vector<std::string>& literals = {},
                                     unsigned literal_base = 0) {
  if (idx.empty() && literals.empty()) return static_cast<hs_database_t*>(nullptr);
  std::vector<PatternSpec> sub;
  for (uint32_t i : idx) sub.push_back(specs[i]);
  std::vector<std::string> lit_exprs;
  for (const std::string& l : literals) lit_exprs.push_back(EscapeLiteral(l));
  std::string cache_path;
  if (!cache_dir.empty()) {
    // Part of the key only: the tag, and the specs' positions in the whole set, because the
    // database reports positions (a rule inserted before these must not load a database whose
    // matches name the rules that used to be there), and the literals' id base.
    std::vector<PatternSpec> key = sub;
    for (const std::string& e : lit_exprs) key.push_back(PatternSpec{"", e, true});
    std::string key_tag(tag);
    for (uint32_t i : idx) key_tag += "," + std::to_string(i);
    key.push_back(PatternSpec{"", std::move(key_tag), false});
    key.push_back(PatternSpec{"", std::to_string(literal_base), false});
    cache_path = cache_dir + "/guard-" + CacheKey(key, max_width) + ".hsdb";
    std::vector<uint32_t> w;
    if (hs_database_t* db = LoadCached(cache_path, sub.size(), &w)) {
      for (size_t k = 0; k < idx.size(); ++k) (*widths)[idx[k]] = w[k];
      return db;
    }
  }
  std::vector<const char*> exprs;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  std::vector<uint32_t> sub_widths;
  for (uint32_t i : idx) {
    const PatternSpec& spec = specs[i];
    unsigned f = HS_FLAG_ALLOWEMPTY;
    if (spec.caseless) f |= HS_FLAG_CASELESS;
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_expression_info(spec.expression.c_str(), f, &info, &err) != HS_SUCCESS) {
      std::string msg = "guard: pattern " + spec.id + ": " + (err ? err->message : "error");
      hs_free_compile_error(err);
      return Status::InvalidArgument(msg);
    }
    unsigned width = info->max_width;
    unsigned min_width = info->min_width;
    free(info);
    if (width == UINT_MAX || width > max_width) {
      return Status::InvalidArgument("guard: pattern " + spec.id + ": unbounded or too wide (max " +
                                     std::to_string(max_width) + " bytes); use bounded repeats");
    }
    if (min_width == 0) {
      return Status::InvalidArgument("guard: pattern " + spec.id + ": matches empty text");
    }
    (*widths)[i] = width;
    sub_widths.push_back(width);
    exprs.push_back(spec.expression.c_str());
    // Prefilter mode: Vectorscan matches a relaxed form of the pattern (bounded gaps become
    // cheap), which compiles and scans much faster; every candidate end is then confirmed by the
    // exact RE2 copy in FindStart, so results are exact.
    flags.push_back((f & ~static_cast<unsigned>(HS_FLAG_ALLOWEMPTY)) | HS_FLAG_PREFILTER);
    ids.push_back(i);
  }
  for (size_t k = 0; k < lit_exprs.size(); ++k) {
    exprs.push_back(lit_exprs[k].c_str());
    flags.push_back(HS_FLAG_CASELESS);
    ids.push_back(literal_base + static_cast<unsigned>(k));
  }
  hs_compile_error_t* err = nullptr;
  hs_database_t* db = nullptr;
  if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                       HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
    std::string msg = "guard: compiling patterns failed";
    if (err != nullptr) {
      if (err->expression >= 0 && static_cast<size_t>(err->expression) < idx.size()) {
        msg += " at " + specs[idx[static_cast<size_t>(err->expression)]].id;
      }
      msg += std::string(": ") + err->message;
      hs_free_compile_error(err);
    }
    return Status::InvalidArgument(msg);
  }
  if (!cache_path.empty()) StoreCached(cache_dir, cache_path, db, sub_widths);
  return db;
}

}  // namespace

Result<std::shared_ptr<const PatternSet>> PatternSet::Compile(const std::vector<PatternSpec>& specs,
                                                              uint32_t max_width,
                                                              const std::string& cache_dir) {
  std::shared_ptr<PatternSet> set(new PatternSet());
  set->size_ = specs.size();
  if (specs.empty()) return std::shared_ptr<const PatternSet>(set);
  for (const PatternSpec& spec : specs) {
    // A DFA state of a pattern with wide counted repeats ("[A-Za-z0-9_-]{10,1000}") or many
    // alternatives holds thousands of instructions, and with RE2's default budget its state
    // cache was flushed over and over: the guard ran at 3 MiB/s on real prompts (secret.jwt,
    // the markdown and HTML link patterns: 6,000-11,000 instructions). The budget grows with
    // the program (memory is taken only as states are built). The program size is predicted
    // from the expression so that a pattern is compiled once (compiling the large ones twice
    // added 55 ms to every start); a prediction far too low is corrected by a second compile.
    const std::string anchored = "(" + spec.expression + ")\\z";
    RE2::Options o = AnchoredOptions(spec.caseless);
    const uint64_t predicted = spec.expression.size() + 4 * CountedRepeatTotal(spec.expression);
    o.set_max_mem(Re2Budget(predicted));
    auto re = std::make_unique<RE2>(anchored, o);
    if (re->ok() && Re2Budget(static_cast<uint64_t>(re->ProgramSize())) > 2 * o.max_mem()) {
      o.set_max_mem(Re2Budget(static_cast<uint64_t>(re->ProgramSize())));
      re = std::make_unique<RE2>(anchored, o);
    }
    if (!re->ok()) {
      return Status::InvalidArgument("guard: pattern " + spec.id + ": RE2: " + re->error());
    }
    set->anchored_.push_back(std::move(re));
  }
  // Split into gated and full-scan patterns.
  std::vector<std::vector<std::string>> gates(specs.size());
  std::vector<uint32_t> full_idx, gated_idx;
  set->width_.assign(specs.size(), 0);
  for (uint32_t i = 0; i < specs.size(); ++i) {
    if (specs[i].isolate) {
      hs_database_t* db = nullptr;
      AIGIS_ASSIGN_OR_RETURN(db, BuildDatabase(specs, {i}, max_width, cache_dir,
                                               "prefilter-v3-isolated", &set->width_));
      set->isolated_dbs_.push_back(db);
      continue;
    }
    if (specs[i].literal_gate && !specs[i].gate_literals.empty()) {
      AIGIS_ASSIGN_OR_RETURN(gates[i], CheckedGate(specs[i]));
    } else if (specs[i].literal_gate) {
      gates[i] = GateAtoms(specs[i]);
    }
    (gates[i].empty() ? full_idx : gated_idx).push_back(i);
  }
  // The gated patterns first: their widths give each atom's reach.
  AIGIS_ASSIGN_OR_RETURN(set->gated_db_, BuildDatabase(specs, gated_idx, max_width, cache_dir,
                                                       "prefilter-v2-gated", &set->width_));
  set->gated_size_ = gated_idx.size();
  // The distinct atoms, each with the widest pattern it gates.
  std::unordered_map<std::string, uint32_t> atom_index, short_index;
  std::vector<std::string> atoms;
  for (uint32_t i : gated_idx) {
    for (const std::string& a : gates[i]) {
      const bool is_short = a.size() < static_cast<size_t>(kMinAtomLen);
      auto& index = is_short ? short_index : atom_index;
      auto& list = is_short ? set->short_atoms_ : atoms;
      auto& reach = is_short ? set->short_reach_ : set->gate_reach_;
      auto [it, added] = index.emplace(a, static_cast<uint32_t>(list.size()));
      if (added) {
        list.push_back(a);
        reach.push_back(0);
      }
      reach[it->second] = std::max(reach[it->second], set->width_[i]);
    }
  }
  // One database for the full-scan patterns and the atoms (atoms are lower-cased, caseless).
  AIGIS_ASSIGN_OR_RETURN(set->db_,
                         BuildDatabase(specs, full_idx, max_width, cache_dir, "prefilter-v3-atoms",
                                       &set->width_, atoms, static_cast<unsigned>(specs.size())));
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
  // One scratch serves both databases (gated windows are scanned after the full scan).
  std::vector<const hs_database_t*> dbs = {s.set_->db_, s.set_->gated_db_};
  dbs.insert(dbs.end(), s.set_->isolated_dbs_.begin(), s.set_->isolated_dbs_.end());
  for (const hs_database_t* db : dbs) {
    if (db != nullptr && hs_alloc_scratch(db, &s.scratch_) != HS_SUCCESS) {
      return Status::Internal("guard: hs_alloc_scratch failed");
    }
  }
  return s;
}

PatternScanner::PatternScanner(PatternScanner&& o) noexcept
    : set_(std::move(o.set_)),
      scratch_(o.scratch_),
      pad_buf_(std::move(o.pad_buf_)),
      windows_(std::move(o.windows_)) {
  o.scratch_ = nullptr;
}
PatternScanner& PatternScanner::operator=(PatternScanner&& o) noexcept {
  if (this != &o) {
    if (scratch_ != nullptr) hs_free_scratch(scratch_);
    set_ = std::move(o.set_);
    scratch_ = o.scratch_;
    pad_buf_ = std::move(o.pad_buf_);
    windows_ = std::move(o.windows_);
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
  uint64_t base;   // offset of the scanned buffer in pad_buf_
  uint64_t limit;  // ends beyond this (in pad_buf_) are dropped
  // Gate atoms (ids from atom_base on) open windows of their reach around the hit instead.
  uint32_t atom_base;
  const std::vector<uint32_t>* reach;
  std::vector<std::pair<uint64_t, uint64_t>>* windows;
};
int OnMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned, void* ctx) {
  auto* m = static_cast<MatchCtx*>(ctx);
  (void)from;
  uint64_t end = m->base + to;
  if (end > m->limit) return 0;
  if (id >= m->atom_base) {
    // A match containing the atom ends at most reach bytes after the atom's start and starts at
    // most reach bytes before its end; the atom is at most reach bytes long.
    uint64_t r = (*m->reach)[id - m->atom_base];
    uint64_t s = end > r ? end - r : 0;
    uint64_t e = std::min(m->limit, end + r);
    auto& w = *m->windows;
    if (!w.empty() && s <= w.back().second && e >= w.back().first) {
      w.back().first = std::min(w.back().first, s);
      w.back().second = std::max(w.back().second, e);
    } else {
      w.push_back({s, e});
    }
    return 0;
  }
  if (m->out->size() >= m->max) {
    m->overflow = true;
    return 1;  // stop scanning
  }
  m->out->push_back(RawMatch{id, 0, end});
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
  if (set_ == nullptr || set_->size() == 0 || from >= to || to > text.size()) {
    return Status::Ok();
  }
  if (to - from > UINT_MAX - kScanPadding) {
    return Status::LimitExceeded("guard: text too large for one scan");
  }
  const size_t first = out->size();
  // Vectorscan 5.4.9 (Debian 12) misses matches ending in the last ~20 bytes of a buffer at some
  // alignments (seen with AVX-512 scanning). Scan a copy followed by kScanPadding NUL bytes and
  // drop ends inside the padding: no pattern end is near the buffer end any more. NUL padding
  // keeps \b at the text end as it was; rules must not use '$'.
  const size_t len = to - from;
  // The copy starts at a 64-byte boundary: which matches Vectorscan 5.4.9 misses depends on the
  // buffer's address (PatternSetTest.ResultsDoNotDependOnBufferAddress), so a fixed alignment
  // gives the same results for the same text in every scanner.
  pad_buf_.resize(len + kScanPadding + 64);
  char* const buf =
      pad_buf_.data() + ((64 - reinterpret_cast<uintptr_t>(pad_buf_.data()) % 64) % 64);
  std::memcpy(buf, text.data() + from, len);
  std::memset(buf + len, 0, kScanPadding);
  const size_t buf_size = len + kScanPadding;
  windows_.clear();
  MatchCtx ctx{
      out,      max_matches, false, 0, len, static_cast<uint32_t>(set_->size()), &set_->gate_reach_,
      &windows_};
  hs_error_t rc = HS_SUCCESS;
  if (set_->db_ != nullptr) {
    rc = hs_scan(set_->db_, buf, static_cast<unsigned>(buf_size), 0, scratch_, OnMatch, &ctx);
  }
  for (size_t k = 0; k < set_->isolated_dbs_.size() && !ctx.overflow && rc == HS_SUCCESS; ++k) {
    rc = hs_scan(set_->isolated_dbs_[k], buf, static_cast<unsigned>(buf_size), 0, scratch_, OnMatch,
                 &ctx);
  }
  // Short gate atoms: every occurrence (either case) opens a window as in OnMatch.
  for (size_t k = 0; k < set_->short_atoms_.size() && !ctx.overflow && rc == HS_SUCCESS; ++k) {
    const std::string& a = set_->short_atoms_[k];
    const uint64_t r = set_->short_reach_[k];
    const char c0 = a[0];
    const char c1 = (c0 >= 'a' && c0 <= 'z') ? static_cast<char>(c0 - 32) : c0;
    for (char c : {c0, c1}) {
      const char* p = buf;
      const char* end = p + len;
      while ((p = static_cast<const char*>(std::memchr(p, c, static_cast<size_t>(end - p))))) {
        const size_t at = static_cast<size_t>(p - buf);
        bool hit = at + a.size() <= len;
        for (size_t j = 1; j < a.size() && hit; ++j) {
          char t = buf[at + j];
          if (t >= 'A' && t <= 'Z') t = static_cast<char>(t + 32);
          hit = t == a[j];
        }
        if (hit) {
          const uint64_t e = at + a.size();
          windows_.push_back({e > r ? e - r : 0, std::min<uint64_t>(len, e + r)});
        }
        ++p;
      }
      if (c1 == c0) break;
    }
  }
  if (set_->gated_db_ != nullptr && !windows_.empty() && !ctx.overflow && rc == HS_SUCCESS) {
    const size_t gated_first = out->size();
    // Atom hits are not always reported in offset order: sort and merge the windows.
    std::sort(windows_.begin(), windows_.end());
    size_t nw = 0;
    for (const auto& w : windows_) {
      if (nw > 0 && w.first <= windows_[nw - 1].second) {
        windows_[nw - 1].second = std::max(windows_[nw - 1].second, w.second);
      } else {
        windows_[nw++] = w;
      }
    }
    windows_.resize(nw);
    ctx.atom_base = UINT32_MAX;
    // Each window is scanned with up to kScanPadding bytes past it (Vectorscan misses ends near a
    // buffer end), but ends past the window are dropped: every real match contains an atom and so
    // lies inside some window.
    for (const auto& [ws, we] : windows_) {
      uint64_t scan_end = std::min<uint64_t>(we + kScanPadding, len + kScanPadding);
      ctx.base = ws;
      ctx.limit = we;
      hs_error_t r = hs_scan(set_->gated_db_, buf + ws, static_cast<unsigned>(scan_end - ws), 0,
                             scratch_, OnMatch, &ctx);
      if (r != HS_SUCCESS) {
        if (r != HS_SCAN_TERMINATED) rc = r;
        break;
      }
    }
    auto gated = out->begin() + static_cast<std::ptrdiff_t>(gated_first);
    std::sort(gated, out->end(), [](const RawMatch& a, const RawMatch& b) {
      return a.to != b.to ? a.to < b.to : a.index < b.index;
    });
    out->erase(std::unique(gated, out->end(),
                           [](const RawMatch& a, const RawMatch& b) {
                             return a.to == b.to && a.index == b.index;
                           }),
               out->end());
  }
  // Resolve starts; drop the rare end that RE2 cannot confirm. Each resolution reads up to the
  // pattern's width before the end, so input that matches at every byte would cost len x width:
  // a budget keeps the scan linear. Past it, a match keeps its widest possible start (nothing is
  // dropped) and the scan reports kLimitExceeded.
  uint64_t budget = 32 * (static_cast<uint64_t>(len) + 4096);
  bool limited = false;
  size_t w = first;
  for (size_t i = first; i < out->size(); ++i) {
    RawMatch m = (*out)[i];
    m.to += from;
    const uint64_t window = set_->StartWindow(m.index, m.to);
    if (window <= budget) {
      budget -= window;
      if (set_->FindStart(m.index, text, m.to, &m.from)) (*out)[w++] = m;
    } else {
      limited = true;
      m.from = m.to - window;
      (*out)[w++] = m;
    }
  }
  out->resize(w);
  if (ctx.overflow) {
    return Status::LimitExceeded("guard: more than " + std::to_string(max_matches) +
                                 " raw pattern matches");
  }
  if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) {
    return Status::Internal("guard: hs_scan failed: " + std::to_string(rc));
  }
  if (limited) {
    return Status::LimitExceeded(
        "guard: match-start resolution budget exhausted (input matches almost everywhere)");
  }
  return Status::Ok();
}

}  // namespace aigis::guard
