// Per-client extraction and abuse signals over sliding windows, raised as alert records for the
// audit log (AuditRecord kind "alert"; the gateway may also throttle on them):
//   abuse.volume_spike       requests in the last bucket far above the client's own baseline
//   abuse.near_duplicate     many prompts that are near-duplicates of each other (systematic
//                            probing: one template, varied slots), by MinHash over shingles
//   abuse.diverse_short      many distinct prompts with short answers (model extraction: harvesting
//                            labels or completions across the input space)
//   abuse.repeated_blocks    the guard blocked this client repeatedly
// Memory is bounded by AbuseLimits whatever the traffic (clients tracked, events per client).
// Thread safety: Observe is thread-safe (one mutex); one detector per gateway instance.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "audit/audit_record.h"

namespace aigis::audit {

struct AbuseLimits {
  size_t max_clients = 100'000;         // least recently seen clients are forgotten beyond this
  size_t max_events_per_client = 2048;  // window contents kept per client (oldest dropped first)
  size_t max_prompt_bytes = 16 * 1024;  // shingled prefix: enough to tell templates apart
};

struct AbuseConfig {
  int64_t window_ms = 10 * 60'000;  // sliding window for the probing/diversity/block signals
  // Volume: requests per bucket against an exponentially weighted baseline of earlier buckets.
  int64_t bucket_ms = 60'000;
  double volume_factor = 5.0;        // alert when a bucket exceeds factor x baseline ...
  int64_t volume_min_requests = 50;  // ... and this absolute floor (quiet clients are not spikes)
  int warmup_buckets = 5;            // no volume alerts before a baseline exists
  // Near-duplicates: estimated Jaccard similarity of 5-byte shingles.
  double near_duplicate_similarity = 0.7;
  int64_t near_duplicate_count = 20;  // near-duplicate pairs to the newest prompt in the window
  // Diverse prompts with short answers.
  int64_t diverse_min_requests = 100;
  int64_t short_answer_tokens = 16;
  double diverse_short_fraction = 0.8;   // of the window's requests had short answers ...
  double diverse_unique_fraction = 0.9;  // ... and had no near-duplicate in the window
  int64_t repeated_blocks = 10;          // guard blocks in the window
  int64_t cooldown_ms = 10 * 60'000;     // one alert per client and signal per cooldown
};

struct ObservedRequest {
  int64_t time_ms = 0;
  std::string client_key_id;
  std::string model;
  std::string_view prompt;  // only hashed, never stored
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
  bool blocked = false;  // the guard blocked it
};

// One-permutation MinHash (Li, Owen, Zhang 2012): each 5-byte shingle is hashed once and lands in
// one of 64 bins, which keep their minimum (32 bits: a chance match is 2^-32); a bin no shingle
// reached holds kEmptyBin. One hash per shingle instead of 64, and a flat 256-byte signature that
// compares with vector instructions. Fixed seed: signatures are comparable across runs.
using MinHash = std::array<uint32_t, 64>;
inline constexpr uint32_t kEmptyBin = ~uint32_t{0};
MinHash MinHashOf(std::string_view text, size_t max_bytes);
// Matching bins over bins not empty in both (the unbiased one-permutation estimator); two texts
// too short to fill any bin are equal.
double EstimatedJaccard(const MinHash& a, const MinHash& b);

class AbuseDetector {
 public:
  explicit AbuseDetector(AbuseConfig cfg = {}, AbuseLimits limits = {})
      : cfg_(cfg), limits_(limits) {}

  // Records one request and returns the alerts it raises (often none).
  std::vector<AuditRecord> Observe(const ObservedRequest& req);

  size_t tracked_clients() const;

 private:
  struct Event {
    int64_t time_ms;
    MinHash sig;
    bool short_answer;
    bool blocked;
    bool has_near_duplicate;
  };
  // The window is compared in full for every request (near-duplicate counts are exact); the
  // per-event signals are kept as running counts.
  struct ClientState {
    std::deque<Event> events;
    int64_t shorts = 0, uniques = 0, blocks = 0;  // counts over events
    int64_t bucket = -1;
    int64_t bucket_count = 0;
    double baseline = 0;
    int buckets_seen = 0;
    std::unordered_map<std::string, int64_t> last_alert;
    std::list<std::string>::iterator lru;
  };
  AuditRecord Alert(const ObservedRequest& req, const std::string& signal,
                    const std::string& category, const std::string& note) const;
  bool Cooldown(ClientState& st, const std::string& signal, int64_t now);
  void PopOldest(ClientState& st);

  AbuseConfig cfg_;
  AbuseLimits limits_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, ClientState> clients_;
  std::list<std::string> lru_;  // front = most recently seen
};

}  // namespace aigis::audit
