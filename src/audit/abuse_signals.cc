#include "audit/abuse_signals.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>

namespace aigis::audit {

namespace {

constexpr size_t kShingle = 5;
constexpr size_t kHashes = 64;

// splitmix64: a cheap, well-mixed 64-bit permutation; seeding it per hash index gives the
// independent-enough hash family MinHash needs.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string Fmt(const char* f, double a, double b) {
  char buf[160];
  std::snprintf(buf, sizeof(buf), f, a, b);
  return buf;
}

}  // namespace

MinHash MinHashOf(std::string_view text, size_t max_bytes) {
  text = text.substr(0, std::min(text.size(), max_bytes));
  MinHash sig;
  sig.fill(kEmptyBin);
  if (text.empty()) return sig;
  size_t n = text.size() < kShingle ? 1 : text.size() - kShingle + 1;
  for (size_t i = 0; i < n; ++i) {
    uint64_t h = Mix(Fnv1a(text.substr(i, kShingle)));
    size_t bin = static_cast<size_t>(h >> 58);            // top 6 bits: one of 64 bins
    uint32_t v = static_cast<uint32_t>(h) & 0x7fffffffu;  // never kEmptyBin
    sig[bin] = std::min(sig[bin], v);
  }
  return sig;
}

namespace {

// Bins equal and not both empty, and bins not both empty (a plain loop the compiler vectorises).
void MatchCounts(const MinHash& a, const MinHash& b, uint32_t* eq, uint32_t* used) {
  uint32_t e = 0, both_empty = 0;
  for (size_t i = 0; i < kHashes; ++i) {
    uint32_t same = a[i] == b[i];
    uint32_t empty = (a[i] == kEmptyBin) & (b[i] == kEmptyBin);
    e += same & !empty;
    both_empty += empty;
  }
  *eq = e;
  *used = static_cast<uint32_t>(kHashes) - both_empty;
}

}  // namespace

double EstimatedJaccard(const MinHash& a, const MinHash& b) {
  uint32_t eq = 0, used = 0;
  MatchCounts(a, b, &eq, &used);
  return used == 0 ? 1.0 : static_cast<double>(eq) / static_cast<double>(used);
}

size_t AbuseDetector::tracked_clients() const {
  std::lock_guard<std::mutex> lk(mu_);
  return clients_.size();
}

AuditRecord AbuseDetector::Alert(const ObservedRequest& req, const std::string& signal,
                                 const std::string& category, const std::string& note) const {
  AuditRecord r;
  r.time_ms = req.time_ms;
  r.kind = "alert";
  r.client_key_id = req.client_key_id;
  r.model = req.model;
  r.verdict = signal;
  r.detections.push_back({signal, category, "suspicious"});
  r.note = note;
  return r;
}

bool AbuseDetector::Cooldown(ClientState& st, const std::string& signal, int64_t now) {
  auto it = st.last_alert.find(signal);
  if (it != st.last_alert.end() && now - it->second < cfg_.cooldown_ms) return true;
  st.last_alert[signal] = now;
  return false;
}

void AbuseDetector::PopOldest(ClientState& st) {
  const Event& e = st.events.front();
  st.shorts -= e.short_answer;
  st.blocks -= e.blocked;
  st.uniques -= !e.has_near_duplicate;
  st.events.pop_front();
}

std::vector<AuditRecord> AbuseDetector::Observe(const ObservedRequest& req) {
  // Hash outside the lock: it is the expensive part and touches no shared state.
  MinHash sig = MinHashOf(req.prompt, limits_.max_prompt_bytes);
  std::vector<AuditRecord> alerts;
  std::lock_guard<std::mutex> lk(mu_);
  auto [it, inserted] = clients_.try_emplace(req.client_key_id);
  ClientState& st = it->second;
  if (inserted) {
    lru_.push_front(req.client_key_id);
    st.lru = lru_.begin();
  } else {
    lru_.splice(lru_.begin(), lru_, st.lru);
  }

  // Volume: close finished buckets into the baseline (EWMA, alpha 0.3), count this one.
  const int64_t bucket = req.time_ms / std::max<int64_t>(cfg_.bucket_ms, 1);
  if (bucket != st.bucket) {
    if (st.bucket >= 0) {
      // Empty buckets in between pull the baseline down too (capped: a long gap resets it).
      int64_t gap = std::min<int64_t>(bucket - st.bucket - 1, 16);
      st.baseline = st.buckets_seen == 0
                        ? static_cast<double>(st.bucket_count)
                        : 0.7 * st.baseline + 0.3 * static_cast<double>(st.bucket_count);
      for (int64_t g = 0; g < gap; ++g) st.baseline *= 0.7;
      st.buckets_seen += 1 + static_cast<int>(gap);
    }
    st.bucket = bucket;
    st.bucket_count = 0;
  }
  ++st.bucket_count;
  if (st.buckets_seen >= cfg_.warmup_buckets && st.bucket_count >= cfg_.volume_min_requests &&
      static_cast<double>(st.bucket_count) > cfg_.volume_factor * std::max(st.baseline, 1.0) &&
      !Cooldown(st, "abuse.volume_spike", req.time_ms)) {
    alerts.push_back(Alert(req, "abuse.volume_spike", "abuse",
                           Fmt("%.0f requests in the current bucket vs a baseline of %.1f",
                               static_cast<double>(st.bucket_count), st.baseline)));
  }

  // Slide the window.
  while (!st.events.empty() && st.events.front().time_ms <= req.time_ms - cfg_.window_ms)
    PopOldest(st);
  while (st.events.size() >= limits_.max_events_per_client) PopOldest(st);

  int64_t near = 0;
  for (Event& e : st.events) {
    uint32_t eq = 0, used = 0;
    MatchCounts(e.sig, sig, &eq, &used);
    if (used == 0 ||
        static_cast<double>(eq) >= cfg_.near_duplicate_similarity * static_cast<double>(used)) {
      ++near;
      if (!e.has_near_duplicate) --st.uniques;
      e.has_near_duplicate = true;
    }
  }
  const bool short_answer = req.completion_tokens <= cfg_.short_answer_tokens;
  st.shorts += short_answer;
  st.blocks += req.blocked;
  st.uniques += near == 0;
  st.events.push_back({req.time_ms, std::move(sig), short_answer, req.blocked, near > 0});

  if (near >= cfg_.near_duplicate_count && !Cooldown(st, "abuse.near_duplicate", req.time_ms))
    alerts.push_back(
        Alert(req, "abuse.near_duplicate", "model-extraction",
              Fmt("prompt is a near-duplicate of %.0f prompts in the last %.0f s",
                  static_cast<double>(near), static_cast<double>(cfg_.window_ms) / 1000)));

  const auto total = static_cast<int64_t>(st.events.size());
  const int64_t shorts = st.shorts, unique = st.uniques, blocks = st.blocks;
  if (total >= cfg_.diverse_min_requests &&
      static_cast<double>(shorts) >= cfg_.diverse_short_fraction * static_cast<double>(total) &&
      static_cast<double>(unique) >= cfg_.diverse_unique_fraction * static_cast<double>(total) &&
      !Cooldown(st, "abuse.diverse_short", req.time_ms))
    alerts.push_back(Alert(req, "abuse.diverse_short", "model-extraction",
                           Fmt("%.0f distinct prompts with short answers, %.0f in the window",
                               static_cast<double>(unique), static_cast<double>(total))));

  if (blocks >= cfg_.repeated_blocks && !Cooldown(st, "abuse.repeated_blocks", req.time_ms))
    alerts.push_back(Alert(req, "abuse.repeated_blocks", "abuse",
                           Fmt("%.0f guard blocks in the last %.0f s", static_cast<double>(blocks),
                               static_cast<double>(cfg_.window_ms) / 1000)));

  // Forget the least recently seen clients beyond the cap.
  while (clients_.size() > limits_.max_clients) {
    clients_.erase(lru_.back());
    lru_.pop_back();
  }
  return alerts;
}

}  // namespace aigis::audit
