// PatternSet: many regular expressions compiled once into one immutable Vectorscan (Hyperscan)
// block-mode database, shared by all threads; PatternScanner: the per-thread scratch that scans
// text against it. Patterns are compiled in Vectorscan's prefilter mode (a relaxed superset that
// compiles and scans fast); each candidate end is confirmed, and its leftmost start found, by an
// exact RE2 copy of the pattern anchored at that end and searched in a window of the pattern's
// maximum width (start-of-match tracking inside Vectorscan is too large for gap patterns).
// Optional literal gate (PatternSpec::literal_gate): for such a pattern RE2's FilteredRE2 derives
// the literal "atoms" any match must contain; a set of atoms that every match contains at least one
// of becomes the pattern's gate. The atoms are compiled into the full-scan database as extra
// literals (one pass over the text finds both); the gated patterns then run only in windows of
// their maximum width around the atom hits.
// Patterns without a gate are scanned in full. Results are the same as without the gate.
// Thread safety: PatternSet is immutable and shared (std::shared_ptr<const PatternSet>); a
// PatternScanner is used by one thread at a time. Ownership: handles are wrapped in unique_ptrs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

struct hs_database;
struct hs_scratch;
namespace re2 {
class RE2;
}

namespace aigis::guard {

struct PatternSpec {
  std::string id;          // for error messages
  std::string expression;  // Vectorscan (PCRE subset) syntax
  bool caseless = false;
  // Scan only around the literals every match must contain (see top); for expensive patterns
  // whose required words are rare. Ignored when RE2 finds no such literals.
  bool literal_gate = false;
  // With literal_gate: the gate to use instead of the derived atoms, for patterns whose derived
  // atoms are common words while a rarer literal (even one byte, "@") is also required. Compile
  // checks it (FilteredRE2 with 1-byte atoms: no match may avoid all of them) and fails otherwise.
  // ASCII, matched in either case.
  std::vector<std::string> gate_literals;
  // Compile the pattern into a database of its own, scanned in full (no gate). Vectorscan 5.4.9
  // drops some matches of pii.email in a database that also holds secret.url_credentials ("a:b@c"
  // after an earlier address; PatternSetTest.IsolatedPatternFindsWhatItFindsAlone); alone it finds
  // them. One more pass over the text, so only for patterns seen to need it.
  bool isolate = false;
};

struct RawMatch {
  uint32_t index;  // index into the spec list given to Compile
  uint64_t from;
  uint64_t to;
};

class PatternSet {
 public:
  // Compiles all specs into one database. Fails naming the first pattern that does not compile or
  // whose maximum match width is unbounded or above max_width (streaming needs bounded matches).
  // With a non-empty cache_dir, a compiled database is stored there (keyed by a hash of the
  // patterns and the Vectorscan version) and later loads skip the compile (seconds -> ms). Cache
  // failures are ignored: the set is then compiled as usual.
  static Result<std::shared_ptr<const PatternSet>> Compile(const std::vector<PatternSpec>& specs,
                                                           uint32_t max_width,
                                                           const std::string& cache_dir = "");
  // The default cache directory: $AIGIS_CACHE_DIR, else $XDG_CACHE_HOME/aigis, else
  // $HOME/.cache/aigis; empty when none is set.
  static std::string DefaultCacheDir();
  ~PatternSet();
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;

  size_t size() const { return size_; }
  // Number of patterns behind the literal gate, and the number of distinct gate atoms.
  size_t gated_size() const { return gated_size_; }
  size_t gate_atom_count() const { return gate_reach_.size(); }
  // Largest maximum match width over all patterns (0 when empty).
  uint32_t max_width() const;
  // Leftmost start of a match of pattern `index` that ends at `end` in `text`; returns false when
  // RE2 disagrees with Vectorscan (the match is then dropped).
  bool FindStart(uint32_t index, std::string_view text, uint64_t end, uint64_t* start) const;
  // Bytes FindStart reads for a match of `index` ending at `end` (the pattern's width, clipped).
  uint64_t StartWindow(uint32_t index, uint64_t end) const {
    if (index >= width_.size()) return 0;
    return end > width_[index] ? width_[index] : end;
  }

 private:
  friend class PatternScanner;
  PatternSet() = default;
  // Patterns scanned in full (all, without a gate) and the gate atoms: atom k has id size_ + k.
  hs_database* db_ = nullptr;
  hs_database* gated_db_ = nullptr;         // patterns scanned only in windows around gate atoms
  std::vector<hs_database*> isolated_dbs_;  // one per isolated pattern, scanned in full
  size_t size_ = 0;
  size_t gated_size_ = 0;
  std::vector<uint32_t> gate_reach_;  // per atom: widest pattern it gates
  // Gate literals of 1-2 bytes (given ones, e.g. "@") are found by memchr, not in db_: a short
  // literal in the database slows its literal matcher on all text.
  std::vector<std::string> short_atoms_;
  std::vector<uint32_t> short_reach_;
  std::vector<std::unique_ptr<re2::RE2>> anchored_;  // "(?:pattern)\\z", one per spec
  std::vector<uint32_t> width_;
};

class PatternScanner {
 public:
  // An empty set (size 0) gives a scanner whose Scan finds nothing.
  static Result<PatternScanner> Create(std::shared_ptr<const PatternSet> set);
  PatternScanner(PatternScanner&&) noexcept;  // NOLINT
  PatternScanner& operator=(PatternScanner&&) noexcept;
  ~PatternScanner();

  // Appends matches of `text` to *out (at most max_matches in total in *out). Returns
  // kLimitExceeded when matches were dropped because of the cap; matches found so far are kept.
  Status Scan(std::string_view text, size_t max_matches, std::vector<RawMatch>* out) {
    return ScanRange(text, 0, text.size(), max_matches, out);
  }
  // Scans only text[from, to) but reports offsets in `text` and confirms matches against the
  // whole text (so word boundaries and starts are those of the full text).
  // REQUIRES: from <= to <= text.size().
  Status ScanRange(std::string_view text, size_t from, size_t to, size_t max_matches,
                   std::vector<RawMatch>* out);

 private:
  PatternScanner() = default;
  static constexpr size_t kScanPadding = 64;
  std::shared_ptr<const PatternSet> set_;
  hs_scratch* scratch_ = nullptr;  // for all of the set's databases
  std::string pad_buf_;            // the scanned copy plus padding (see ScanRange)
  std::vector<std::pair<uint64_t, uint64_t>> windows_;  // around gate atom hits (see ScanRange)
};

}  // namespace aigis::guard
