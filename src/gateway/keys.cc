#include "gateway/keys.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cstring>
#include <ctime>
#include <memory>

namespace aigis::gateway {
namespace {

constexpr char kSchema[] =
    "CREATE TABLE IF NOT EXISTS keys ("
    " id TEXT PRIMARY KEY, hash BLOB NOT NULL UNIQUE, name TEXT NOT NULL, models TEXT NOT NULL,"
    " policy TEXT NOT NULL, rpm INTEGER NOT NULL, tpm INTEGER NOT NULL, concurrency INTEGER NOT "
    "NULL,"
    " budget INTEGER NOT NULL, created INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0)";

std::string Base64Url(const uint8_t* p, size_t n) {
  static const char kAlpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string s;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < n; ++i) {
    acc = (acc << 8) | p[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      s += kAlpha[(acc >> bits) & 63];
    }
  }
  if (bits > 0) s += kAlpha[(acc << (6 - bits)) & 63];
  return s;
}

std::string Hex(const uint8_t* p, size_t n) {
  static const char kHex[] = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s += kHex[p[i] >> 4];
    s += kHex[p[i] & 15];
  }
  return s;
}

std::string JoinModels(const std::vector<std::string>& m) {
  std::string s;
  for (const auto& x : m) {
    if (!s.empty()) s += ',';
    s += x;
  }
  return s;
}

std::vector<std::string> SplitModels(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size() && !s.empty()) {
    size_t c = s.find(',', start);
    out.push_back(s.substr(start, c == std::string::npos ? std::string::npos : c - start));
    if (c == std::string::npos) break;
    start = c + 1;
  }
  return out;
}

Status SqlError(sqlite3* db, const char* what) {
  return Status::IOError(std::string("keys db: ") + what + ": " + sqlite3_errmsg(db));
}

}  // namespace

bool KeyRecord::AllowsModel(std::string_view model) const {
  for (const auto& m : models)
    if (m == "*" || m == model) return true;
  return false;
}

KeyHash HashKey(std::string_view secret) {
  // Every proxied request hashes its key. EVP_Digest with EVP_sha256() looks the implementation
  // up in the provider store (locks, a hash-table probe) and allocates a context each call; the
  // implementation is fetched once and each thread keeps a context.
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  struct CtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  thread_local std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
  KeyHash h{};
  unsigned int len = 0;
  const EVP_MD* md = kSha256 ? kSha256 : EVP_sha256();
  if (!ctx || EVP_DigestInit_ex2(ctx.get(), md, nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), secret.data(), secret.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), h.data(), &len) != 1)
    EVP_Digest(secret.data(), secret.size(), h.data(), &len, md, nullptr);
  return h;
}

Result<std::unique_ptr<KeyStore>> KeyStore::Open(const std::string& path) {
  sqlite3* db = nullptr;
  mode_t old =
      umask(077);  // the hashes are not secrets, but who may call is nobody else's business
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  umask(old);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::IOError("keys db: open " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 2000);
  if (sqlite3_exec(db, kSchema, nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status st = SqlError(db, "create schema");
    sqlite3_close(db);
    return st;
  }
  return std::unique_ptr<KeyStore>(new KeyStore(db));
}

KeyStore::~KeyStore() { sqlite3_close(db_); }

Result<std::string> KeyStore::Create(KeyRecord* rec) {
  uint8_t secret[32], idb[8];
  if (RAND_bytes(secret, sizeof secret) != 1 || RAND_bytes(idb, sizeof idb) != 1)
    return Status::Internal("keys: no random bytes from OpenSSL");
  std::string key = "sk-aigis-" + Base64Url(secret, sizeof secret);
  OPENSSL_cleanse(secret, sizeof secret);
  rec->id = "key_" + Hex(idb, sizeof idb);
  rec->hash = HashKey(key);
  rec->created = static_cast<int64_t>(std::time(nullptr));
  rec->revoked = false;
  sqlite3_stmt* st = nullptr;
  const char* sql =
      "INSERT INTO keys (id, hash, name, models, policy, rpm, tpm, concurrency, budget, created)"
      " VALUES (?,?,?,?,?,?,?,?,?,?)";
  if (sqlite3_prepare_v2(db_, sql, -1, &st, nullptr) != SQLITE_OK) return SqlError(db_, "prepare");
  std::string models = JoinModels(rec->models);
  sqlite3_bind_text(st, 1, rec->id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob(st, 2, rec->hash.data(), 32, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 3, rec->name.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 4, models.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 5, rec->policy.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 6, static_cast<int64_t>(rec->limits.requests_per_minute));
  sqlite3_bind_int64(st, 7, static_cast<int64_t>(rec->limits.tokens_per_minute));
  sqlite3_bind_int64(st, 8, static_cast<int64_t>(rec->limits.max_concurrent));
  sqlite3_bind_int64(st, 9, static_cast<int64_t>(rec->limits.token_budget));
  sqlite3_bind_int64(st, 10, rec->created);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return SqlError(db_, "insert");
  return key;
}

Result<std::vector<KeyRecord>> KeyStore::List() {
  sqlite3_stmt* st = nullptr;
  const char* sql =
      "SELECT id, hash, name, models, policy, rpm, tpm, concurrency, budget, created, revoked"
      " FROM keys ORDER BY created, id";
  if (sqlite3_prepare_v2(db_, sql, -1, &st, nullptr) != SQLITE_OK) return SqlError(db_, "prepare");
  std::vector<KeyRecord> out;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    KeyRecord r;
    auto text = [&](int i) {
      const unsigned char* t = sqlite3_column_text(st, i);
      return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
    };
    r.id = text(0);
    if (sqlite3_column_bytes(st, 1) == 32)
      std::memcpy(r.hash.data(), sqlite3_column_blob(st, 1), 32);
    r.name = text(2);
    r.models = SplitModels(text(3));
    r.policy = text(4);
    r.limits.requests_per_minute = static_cast<uint64_t>(sqlite3_column_int64(st, 5));
    r.limits.tokens_per_minute = static_cast<uint64_t>(sqlite3_column_int64(st, 6));
    r.limits.max_concurrent = static_cast<uint64_t>(sqlite3_column_int64(st, 7));
    r.limits.token_budget = static_cast<uint64_t>(sqlite3_column_int64(st, 8));
    r.created = sqlite3_column_int64(st, 9);
    r.revoked = sqlite3_column_int64(st, 10) != 0;
    out.push_back(std::move(r));
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return SqlError(db_, "select");
  return out;
}

Status KeyStore::Revoke(const std::string& id) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, "UPDATE keys SET revoked = 1 WHERE id = ?", -1, &st, nullptr) !=
      SQLITE_OK)
    return SqlError(db_, "prepare");
  sqlite3_bind_text(st, 1, id.c_str(), -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return SqlError(db_, "update");
  if (sqlite3_changes(db_) == 0) return Status::NotFound("keys: no key with id " + id);
  return Status::Ok();
}

KeyIndex::KeyIndex(std::vector<KeyRecord> records) {
  for (KeyRecord& r : records) {
    if (r.revoked) continue;
    uint64_t prefix;
    std::memcpy(&prefix, r.hash.data(), sizeof prefix);
    by_prefix_.emplace(prefix, records_.size());
    records_.push_back(std::move(r));
  }
}

const KeyRecord* KeyIndex::Find(std::string_view presented) const {
  if (presented.empty() || presented.size() > 256) return nullptr;
  KeyHash h = HashKey(presented);
  uint64_t prefix;
  std::memcpy(&prefix, h.data(), sizeof prefix);
  auto [lo, hi] = by_prefix_.equal_range(prefix);
  for (auto it = lo; it != hi; ++it) {
    const KeyRecord& r = records_[it->second];
    if (CRYPTO_memcmp(r.hash.data(), h.data(), h.size()) == 0) return &r;
  }
  return nullptr;
}

}  // namespace aigis::gateway
