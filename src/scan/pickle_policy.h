// The pickle import policy: allow-list by default. Globals a data-only loader needs are allowed;
// known-dangerous ones (deny-list with module-prefix matching, used for severity and explanation)
// are denied; everything else is unknown (suspicious). Default lists come from rules/pickle/*.txt,
// built into lookup tables at compile time (pickle_policy_tables.h); users can extend the
// allow-list, whose additions go into run-time tables beside them.
//
// Thread safety: a built policy is immutable and shared read-only (std::shared_ptr<const>).
// Mutating calls (AddAllowed, ExtendFromFile) are for building, before sharing.
#pragma once

#include <algorithm>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "formats/pickle/pickle_analyzer.h"
#include "scan/pickle_policy_tables.h"

namespace aigis::scan {

enum class PickleVerdict : uint8_t { kAllowed, kUnknown, kDenied };

struct PickleClassification {
  PickleVerdict verdict = PickleVerdict::kUnknown;
  std::string category;  // for kDenied: "code-execution", "file-access", "network", ...
  std::string reason;    // one line for people
  std::string matched;   // the list entry that decided ("os", "builtins.eval", ...)
};

class PicklePolicy {
 public:
  // The built-in lists. Cached: every call returns the same immutable policy.
  static Result<std::shared_ptr<const PicklePolicy>> LoadDefault();
  // A policy from list texts (allow.txt / deny.txt formats).
  static Result<std::unique_ptr<PicklePolicy>> FromText(std::string_view allow_text,
                                                        std::string_view deny_text);
  // A mutable copy of the built-in policy, to extend before sharing.
  static Result<std::unique_ptr<PicklePolicy>> DefaultBuilder();

  // Adds one allow entry: "mypkg.models.MyNet" (exact) or "mypkg.*" (module and submodules).
  Status AddAllowed(std::string_view entry);
  // Adds the entries of a file in allow.txt format.
  Status ExtendFromFile(const std::string& path);

  PickleClassification Classify(const formats::pickle::Import& import) const;
  PickleClassification ClassifyName(std::string_view module, std::string_view name) const;

  size_t allow_size() const;
  size_t deny_size() const;

  PicklePolicy() = default;
  // Not copyable: the tables hold views of texts_ (or of the static built-in texts).
  PicklePolicy(const PicklePolicy&) = delete;
  PicklePolicy& operator=(const PicklePolicy&) = delete;

 private:
  struct DenyEntry {
    std::string_view category;
    std::string_view reason;
  };
  // Open-addressing table keyed by views of texts_ (never empty): building the default policy
  // (hundreds of entries, at every `aigis scan`) allocates a few tables instead of a node and a
  // string per entry, and lookups by string_view build no key strings.
  template <typename V>
  class NameTable {
   public:
    using Entry = std::pair<std::string_view, V>;
    void Reserve(size_t n) {
      size_t cap = 16;
      while (cap < 2 * n) cap *= 2;
      if (cap > slots_.size()) Rehash(cap);
    }
    // Sets key to value; an existing key keeps its place and takes the new value.
    void Put(std::string_view key, V value) {
      if (2 * (count_ + 1) > slots_.size()) Rehash(std::max<size_t>(16, 2 * slots_.size()));
      Entry& e = slots_[Slot(key)];
      if (e.first.empty()) ++count_;
      e = Entry{key, value};
    }
    const Entry* Find(std::string_view key) const {
      if (key.empty() || slots_.empty()) return nullptr;
      const Entry& e = slots_[Slot(key)];
      return e.first.empty() ? nullptr : &e;
    }
    size_t size() const { return count_; }

   private:
    // The slot holding key, or the free slot where it would go.
    size_t Slot(std::string_view key) const {
      const size_t mask = slots_.size() - 1;
      const size_t hash = std::hash<std::string_view>{}(key);
      size_t i = hash & mask;
      while (!slots_[i].first.empty() && slots_[i].first != key) i = (i + 1) & mask;
      return i;
    }
    void Rehash(size_t cap) {
      std::vector<Entry> old = std::move(slots_);
      slots_.assign(cap, Entry{});
      for (const Entry& e : old)
        if (!e.first.empty()) slots_[Slot(e.first)] = e;
    }
    std::vector<Entry> slots_;
    size_t count_ = 0;
  };

  Status ParseAllow(std::string_view text, std::string_view origin);
  Status ParseDeny(std::string_view text);
  // Parses one allow line (a view of texts_, trimmed) into the tables; returns the parser's
  // message for a bad line, null otherwise. Shared by AddAllowed and ParseAllow.
  const char* PutAllowLine(std::string_view line);
  struct DenyMatch {
    std::string_view matched;  // the list entry
    DenyEntry entry;
  };
  // Deny entry matching `dotted` on a component prefix (the shortest); nullopt if none.
  std::optional<DenyMatch> FindDeny(std::string_view dotted) const;
  std::optional<DenyMatch> FindDenyExact(std::string_view name) const;
  bool IsAllowed(std::string_view dotted) const;

  std::deque<std::string> texts_;  // list texts and added entries; a deque never moves them
  // The built-in lists (DefaultBuilder), or nullptr (FromText). The tables below hold the rest.
  const internal::BuiltinPickleTables* builtin_ = nullptr;
  NameTable<bool> allow_exact_;
  NameTable<bool> allow_prefix_;
  NameTable<DenyEntry> deny_;
};

}  // namespace aigis::scan
