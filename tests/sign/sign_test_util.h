// Helpers for the sign tests: scratch directories, files, freshly generated EC key pairs, and the
// location of the copied OMS test vectors.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace aigis::sign::testing {

inline std::string TestdataDir() {
  return std::string(AIGIS_SOURCE_DIR) + "/tests/sign/testdata/oms";
}
// The shared reference copy, when the workspace has it (tests skip otherwise).
inline std::string SharedVectorsDir() {
  return std::string(AIGIS_SOURCE_DIR) + "/../shared/reference/oms-test-vectors";
}

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("aigis-sign-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string path() const { return path_.string(); }
  std::string operator/(const std::string& rel) const { return (path_ / rel).string(); }

 private:
  std::filesystem::path path_;
};

inline void WriteFile(const std::string& path, std::string_view data) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::string RandomBytesString(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

// Generates an EC key pair on `curve` ("P-256", "P-384", ...) and writes PRIV/PUB PEM files.
inline bool GenerateEcKeyPair(const std::string& curve, const std::string& priv_path,
                              const std::string& pub_path) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve.c_str());
  if (key == nullptr) return false;
  bool ok = false;
  if (FILE* f = std::fopen(priv_path.c_str(), "wb")) {
    ok = PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    std::fclose(f);
  }
  if (FILE* f = std::fopen(pub_path.c_str(), "wb")) {
    ok = ok && PEM_write_PUBKEY(f, key) == 1;
    std::fclose(f);
  }
  EVP_PKEY_free(key);
  return ok;
}

}  // namespace aigis::sign::testing
