// Tiny GGUF byte builder for tests (v1 uses u32 counts/lengths, v2+ u64).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace aigis::testing {

class GgufBuilder {
 public:
  explicit GgufBuilder(uint32_t version = 3) : v_(version) {}

  GgufBuilder& Str(const std::string& key, const std::string& value) {
    Key(key, 8);
    S(kv_, value);
    ++nkv_;
    return *this;
  }
  GgufBuilder& U32(const std::string& key, uint32_t value) {
    Key(key, 4);
    Le(kv_, value, 4);
    ++nkv_;
    return *this;
  }
  GgufBuilder& StrArray(const std::string& key, const std::vector<std::string>& values) {
    Key(key, 9);
    Le(kv_, 8, 4);
    Count(kv_, values.size());
    for (const auto& s : values) S(kv_, s);
    ++nkv_;
    return *this;
  }
  // Raw KV bytes appended as is (for malformed cases); counts as one KV.
  GgufBuilder& RawKv(const std::string& bytes) {
    kv_ += bytes;
    ++nkv_;
    return *this;
  }
  GgufBuilder& Tensor(const std::string& name, const std::vector<uint64_t>& dims, uint32_t type,
                      uint64_t offset) {
    S(ti_, name);
    Le(ti_, dims.size(), 4);
    for (uint64_t d : dims) Count(ti_, d);
    Le(ti_, type, 4);
    Le(ti_, offset, 8);
    ++nt_;
    return *this;
  }
  // Whole file: header, KVs, tensor infos, padding to `align`, then data_bytes zero bytes.
  std::string Build(uint64_t data_bytes = 0, uint64_t align = 32) const {
    std::string out = "GGUF";
    Le(out, v_, 4);
    Count(out, nt_);
    Count(out, nkv_);
    out += kv_;
    out += ti_;
    while (out.size() % align) out.push_back('\0');
    out += std::string(data_bytes, '\0');
    return out;
  }
  void Key(const std::string& k, uint32_t type) {
    S(kv_, k);
    Le(kv_, type, 4);
  }
  void S(std::string& out, const std::string& s) const {
    Count(out, s.size());
    out += s;
  }
  void Count(std::string& out, uint64_t n) const { Le(out, n, v_ == 1 ? 4 : 8); }
  static void Le(std::string& out, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }

 private:
  uint32_t v_;
  uint64_t nkv_ = 0, nt_ = 0;
  std::string kv_, ti_;
};

}  // namespace aigis::testing
