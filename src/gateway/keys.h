// Virtual API keys: random 256-bit secrets shown once at creation and stored only as their
// SHA-256 hash in an SQLite file. Each key carries the models it may call, its guard policy and
// its limits. KeyIndex looks a presented key up by a prefix of its hash and confirms it with a
// constant-time comparison of the whole hash. Nothing here logs or returns a stored secret.
// Thread safety: KeyStore is one connection, one thread; KeyIndex is immutable once built.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

struct sqlite3;

namespace aigis::gateway {

using KeyHash = std::array<uint8_t, 32>;

struct KeyLimits {
  uint64_t requests_per_minute = 0;  // 0 = unlimited
  uint64_t tokens_per_minute = 0;
  uint64_t max_concurrent = 0;
  uint64_t token_budget = 0;  // total tokens over the key's life
};

struct KeyRecord {
  std::string id;                   // public handle ("key_3f9a..."), safe to log
  std::string name;                 // label given at creation
  std::vector<std::string> models;  // allowed model names; "*" allows all
  std::string policy;               // guard policy name; empty = the gateway's default
  KeyLimits limits;
  int64_t created = 0;  // unix seconds
  bool revoked = false;
  KeyHash hash{};
  bool AllowsModel(std::string_view model) const;
};

KeyHash HashKey(std::string_view secret);

class KeyStore {
 public:
  // Opens (creating when missing) the database at `path` with owner-only permissions.
  static Result<std::unique_ptr<KeyStore>> Open(const std::string& path);
  ~KeyStore();
  // Creates a key from `rec` (id, hash and created are filled in); returns the secret, which is
  // not stored anywhere and cannot be shown again.
  Result<std::string> Create(KeyRecord* rec);
  Result<std::vector<KeyRecord>> List();
  // kNotFound when no such id.
  Status Revoke(const std::string& id);

 private:
  explicit KeyStore(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

class KeyIndex {
 public:
  explicit KeyIndex(std::vector<KeyRecord> records);  // revoked keys are dropped
  // The active key whose hash equals SHA-256(presented); nullptr otherwise.
  const KeyRecord* Find(std::string_view presented) const;
  size_t size() const { return records_.size(); }

 private:
  std::vector<KeyRecord> records_;
  std::unordered_multimap<uint64_t, size_t> by_prefix_;
};

}  // namespace aigis::gateway
