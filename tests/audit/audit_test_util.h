// Helpers for the audit tests: Ed25519 test keys and sample records.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <string>

#include "audit/audit_record.h"

namespace aigis::audit::testutil {

// A fresh Ed25519 private key as PEM (generated per test run; no key is committed).
inline std::string NewEd25519Pem() {
  EVP_PKEY* k = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, k, nullptr, nullptr, 0, nullptr, nullptr);
  char* p = nullptr;
  long n = BIO_get_mem_data(bio, &p);
  std::string pem(p, static_cast<size_t>(n));
  BIO_free(bio);
  EVP_PKEY_free(k);
  return pem;
}

inline std::string NewEcP256Pem() {
  EVP_PKEY* k = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, k, nullptr, nullptr, 0, nullptr, nullptr);
  char* p = nullptr;
  long n = BIO_get_mem_data(bio, &p);
  std::string pem(p, static_cast<size_t>(n));
  BIO_free(bio);
  EVP_PKEY_free(k);
  return pem;
}

// Record i of a deterministic sample log: clients c0..c2, models m0/m1, every 4th blocked with a
// prompt-injection detection, every 5th with a pii detection.
inline AuditRecord SampleRecord(int i) {
  AuditRecord r;
  r.time_ms = 1'700'000'000'000 + int64_t{i} * 1000;
  r.request_id = "req-" + std::to_string(i);
  r.client_key_id = "c" + std::to_string(i % 3);
  r.model = i % 2 ? "m1" : "m0";
  r.route = "/v1/chat/completions";
  r.verdict = i % 4 == 0 ? "block" : "allow";
  if (i % 4 == 0)
    r.detections.push_back({"guard.injection.ignore", "prompt-injection", "malicious"});
  if (i % 5 == 0) r.detections.push_back({"guard.pii.email", "pii", "suspicious"});
  r.prompt_tokens = 10 + i;
  r.completion_tokens = i % 4 == 0 ? 0 : 20 + i;
  r.latency_ms = 5 + i % 7;
  r.upstream_status = i % 4 == 0 ? 0 : 200;
  return r;
}

}  // namespace aigis::audit::testutil
