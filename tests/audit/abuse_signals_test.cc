#include "audit/abuse_signals.h"

#include <gtest/gtest.h>

#include <deque>
#include <random>

namespace aigis::audit {
namespace {

std::string RandomText(std::mt19937& rng, size_t n) {
  std::string s;
  std::uniform_int_distribution<int> d('a', 'z');
  for (size_t i = 0; i < n; ++i) s += static_cast<char>(i % 6 == 5 ? ' ' : d(rng));
  return s;
}

ObservedRequest Req(int64_t t, const std::string& client, const std::string& prompt,
                    int64_t completion = 200, bool blocked = false) {
  ObservedRequest r;
  r.time_ms = t;
  r.client_key_id = client;
  r.model = "m";
  r.prompt = prompt;
  r.completion_tokens = completion;
  r.blocked = blocked;
  return r;
}

std::vector<std::string> Signals(const std::vector<AuditRecord>& alerts) {
  std::vector<std::string> out;
  for (const auto& a : alerts) out.push_back(a.verdict);
  return out;
}

TEST(MinHashTest, SimilarityOrdersAsExpected) {
  std::string a = "Translate the following product review into French: the battery lasts two days.";
  std::string b =
      "Translate the following product review into French: the battery lasts three days.";
  std::mt19937 rng(1);
  std::string c = RandomText(rng, 80);
  EXPECT_EQ(EstimatedJaccard(MinHashOf(a, 1024), MinHashOf(a, 1024)), 1.0);
  EXPECT_GT(EstimatedJaccard(MinHashOf(a, 1024), MinHashOf(b, 1024)), 0.7);
  EXPECT_LT(EstimatedJaccard(MinHashOf(a, 1024), MinHashOf(c, 1024)), 0.2);
  // Short and empty texts still give a signature.
  EXPECT_EQ(MinHashOf("ab", 1024).size(), 64u);
  EXPECT_EQ(EstimatedJaccard(MinHashOf("", 1024), MinHashOf("", 1024)), 1.0);
}

TEST(AbuseDetectorTest, NormalTrafficRaisesNothing) {
  AbuseDetector d;
  std::mt19937 rng(2);
  for (int i = 0; i < 300; ++i)
    EXPECT_TRUE(d.Observe(Req(i * 3000, "c", RandomText(rng, 120), 250)).empty());
}

TEST(AbuseDetectorTest, NearDuplicateProbingAlertsOncePerCooldown) {
  AbuseDetector d;
  int alerts = 0;
  for (int i = 0; i < 60; ++i) {
    std::string p = "You are a support bot. Customer account number " + std::to_string(1000 + i) +
                    " asks: what is my current balance? Reply with the number only.";
    auto a = d.Observe(Req(i * 1000, "prober", p));
    for (const auto& s : Signals(a))
      if (s == "abuse.near_duplicate") ++alerts;
    if (i == 19) {
      EXPECT_TRUE(a.empty()) << "19 earlier near-duplicates are below the threshold";
    }
  }
  EXPECT_EQ(alerts, 1);
}

TEST(AbuseDetectorTest, DiversePromptsWithShortAnswersLookLikeExtraction) {
  AbuseDetector d;
  std::mt19937 rng(3);
  std::vector<std::string> seen;
  for (int i = 0; i < 150; ++i)
    for (const auto& s : Signals(d.Observe(Req(i * 1000, "x", RandomText(rng, 100), 2))))
      seen.push_back(s);
  EXPECT_EQ(seen, std::vector<std::string>{"abuse.diverse_short"});

  AbuseDetector long_answers;
  for (int i = 0; i < 150; ++i)
    EXPECT_TRUE(long_answers.Observe(Req(i * 1000, "x", RandomText(rng, 100), 400)).empty());
}

TEST(AbuseDetectorTest, RepeatedGuardBlocks) {
  AbuseDetector d;
  std::mt19937 rng(4);
  for (int i = 1; i <= 10; ++i) {
    auto a = d.Observe(Req(i * 1000, "b", RandomText(rng, 60), 0, true));
    if (i < 10) {
      EXPECT_TRUE(a.empty());
    } else {
      ASSERT_EQ(a.size(), 1u);
      EXPECT_EQ(a[0].kind, "alert");
      EXPECT_EQ(a[0].verdict, "abuse.repeated_blocks");
      EXPECT_EQ(a[0].client_key_id, "b");
      ASSERT_EQ(a[0].detections.size(), 1u);
      EXPECT_EQ(a[0].detections[0].category, "abuse");
      EXPECT_NE(a[0].note.find("10 guard blocks"), std::string::npos) << a[0].note;
    }
  }
  // Blocks that slid out of the window no longer count.
  AbuseDetector slow;
  for (int i = 0; i < 30; ++i)
    EXPECT_TRUE(slow.Observe(Req(i * 120'000, "b", RandomText(rng, 60), 0, true)).empty());
}

TEST(AbuseDetectorTest, VolumeSpikeAgainstOwnBaseline) {
  AbuseConfig cfg;
  cfg.near_duplicate_count = 1'000'000;  // isolate the volume signal
  cfg.diverse_min_requests = 1'000'000;
  AbuseDetector d(cfg);
  std::mt19937 rng(5);
  int64_t t = 0;
  for (int b = 0; b < 8; ++b)  // 8 minutes at 10 requests per minute
    for (int i = 0; i < 10; ++i)
      EXPECT_TRUE(d.Observe(Req(b * 60'000 + i * 5000, "v", RandomText(rng, 50))).empty());
  std::vector<std::string> seen;
  t = 8 * 60'000;
  for (int i = 0; i < 80; ++i)  // then 80 in one minute
    for (const auto& s : Signals(d.Observe(Req(t + i * 500, "v", RandomText(rng, 50)))))
      seen.push_back(s);
  EXPECT_EQ(seen, std::vector<std::string>{"abuse.volume_spike"});

  // A client that is always busy is not spiking.
  AbuseDetector steady(cfg);
  for (int b = 0; b < 12; ++b)
    for (int i = 0; i < 80; ++i)
      EXPECT_TRUE(steady.Observe(Req(b * 60'000 + i * 700, "s", RandomText(rng, 50))).empty());
}

TEST(AbuseDetectorTest, MemoryIsBounded) {
  AbuseLimits limits;
  limits.max_clients = 3;
  limits.max_events_per_client = 8;
  AbuseDetector d({}, limits);
  for (int i = 0; i < 10; ++i) (void)d.Observe(Req(i, "c" + std::to_string(i), "hello there"));
  EXPECT_EQ(d.tracked_clients(), 3u);
  // With 8 events kept, 20 near-duplicates can never accumulate.
  for (int i = 0; i < 50; ++i)
    EXPECT_TRUE(
        d.Observe(Req(100 + i, "c9", "the same prompt again " + std::to_string(i % 10))).empty());
}

}  // namespace
}  // namespace aigis::audit

namespace aigis::audit {
namespace {

// Probing traffic: 12 templates with varied slot words and unrelated prompts, through a 50-event
// window (events leave it): every alert counts exactly the near-duplicates a full comparison
// against the window finds, with the window's running counts kept right as events leave.
TEST(AbuseDetectorTest, NearDuplicateCountsMatchFullComparison) {
  AbuseConfig cfg;
  cfg.near_duplicate_count = 1;  // an alert, with the count in its note, for every near-duplicate
  cfg.cooldown_ms = 0;
  cfg.window_ms = 1'000'000'000;
  AbuseLimits lim;
  lim.max_events_per_client = 50;
  AbuseDetector det(cfg, lim);
  std::mt19937 rng(7);
  std::vector<std::string> templates;
  for (int i = 0; i < 12; ++i) templates.push_back(RandomText(rng, 300));
  std::deque<MinHash> window;
  int64_t expected = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string prompt = templates[rng() % templates.size()];
    size_t at = rng() % (prompt.size() - 20);
    prompt.replace(at, 12, RandomText(rng, 12 + rng() % 30));  // the varied slot
    if (rng() % 5 == 0) prompt = RandomText(rng, 200);         // unrelated traffic
    MinHash sig = MinHashOf(prompt, lim.max_prompt_bytes);
    while (window.size() >= lim.max_events_per_client) window.pop_front();
    int64_t full = 0;
    for (const MinHash& w : window) full += EstimatedJaccard(w, sig) >= 0.7;
    window.push_back(sig);
    int64_t got = 0;
    for (const AuditRecord& a : det.Observe(Req(i, "c", prompt))) {
      if (a.verdict == "abuse.near_duplicate")
        got = std::stoll(a.note.substr(a.note.find(" of ") + 4));
    }
    ASSERT_EQ(got, full) << "request " << i;
    expected += full;
  }
  EXPECT_GT(expected, 3'000);  // the traffic really had near-duplicates to count
}

TEST(MinHashTest, OnePermutationEstimateTracksTrueJaccard) {
  // Two texts sharing about half their shingles: the estimate is within 0.15 of the truth.
  std::mt19937 rng(3);
  std::string common = RandomText(rng, 600);
  std::string a = common + RandomText(rng, 600);
  std::string b = common + RandomText(rng, 600);
  double est = EstimatedJaccard(MinHashOf(a, 4096), MinHashOf(b, 4096));
  // True Jaccard of 5-shingles: ~596 shared of ~1,796 distinct, so ~0.33.
  EXPECT_NEAR(est, 0.33, 0.15);
  EXPECT_EQ(EstimatedJaccard(MinHashOf("abc", 64), MinHashOf("abc", 64)), 1.0);
  EXPECT_LT(EstimatedJaccard(MinHashOf("abcdefgh", 64), MinHashOf("zyxwvuts", 64)), 0.5);
}

}  // namespace
}  // namespace aigis::audit
