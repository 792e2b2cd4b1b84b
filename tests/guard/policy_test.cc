#include "guard/policy.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <fstream>

namespace aigis::guard {
namespace {

TEST(PolicyTest, DefaultsBlockAttacksRedactData) {
  GuardPolicy p = GuardPolicy::Defaults();
  Detection d;
  d.detector = "injection";
  d.category = "instruction-override";
  EXPECT_EQ(p.ActionFor(d), Action::kBlock);
  d.detector = "pii";
  d.category = "pii";
  EXPECT_EQ(p.ActionFor(d), Action::kRedact);
  d.detector = "hidden_text";
  d.category = "hidden-text";
  EXPECT_EQ(p.ActionFor(d), Action::kFlag);
  d.detector = "adversarial_suffix";
  d.category = "adversarial-suffix";
  EXPECT_EQ(p.ActionFor(d), Action::kBlock);
  EXPECT_TRUE(p.adversarial_suffix.enabled);
}

TEST(PolicyTest, ParsesAllKeys) {
  YAML::Node n = YAML::Load(R"(
direction: output
source: document
detectors:
  pii: {enabled: false}
  injection: {threshold: 0.8}
  secrets: false
  adversarial_suffix: false
actions:
  pii: block
  hidden-text: allow
  default: allow
disabled_rules: [pii.vin]
allowed_hosts: [example.com]
canaries: [CANARY-1234]
system_prompt: "You are a helpful bot."
leakage: {shingle_words: 5, min_words: 8}
vault: false
limits: {max_decode_depth: 1, max_detections: 100, max_encoded_segment: 1024, span_grid: 512,
         max_pattern_width: 1024, stream_holdback: 2048, stream_step: 256}
)");
  auto p = ParseGuardPolicy(n);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->direction, Direction::kOutput);
  EXPECT_EQ(p->source, Source::kDocument);
  EXPECT_FALSE(p->pii.enabled);
  EXPECT_FALSE(p->secrets.enabled);
  EXPECT_FALSE(p->adversarial_suffix.enabled);
  EXPECT_DOUBLE_EQ(p->injection.threshold, 0.8);
  EXPECT_EQ(p->actions.at("pii"), Action::kBlock);
  EXPECT_EQ(p->default_action, Action::kAllow);
  EXPECT_TRUE(p->disabled_rules.count("pii.vin"));
  EXPECT_EQ(p->allowed_hosts.size(), 1u);
  EXPECT_EQ(p->canaries[0], "CANARY-1234");
  EXPECT_EQ(p->leakage_shingle_words, 5);
  EXPECT_FALSE(p->vault);
  EXPECT_EQ(p->limits.max_decode_depth, 1);
  EXPECT_EQ(p->limits.max_detections, 100u);
  EXPECT_EQ(p->limits.max_encoded_segment, 1024u);
  EXPECT_EQ(p->limits.span_grid, 512u);
  EXPECT_EQ(p->limits.max_pattern_width, 1024u);
  EXPECT_EQ(p->limits.stream_holdback, 2048u);
  EXPECT_EQ(p->limits.stream_step, 256u);
}

// A review band: classifier detections under flag_below are flagged, not blocked; other detectors
// and explicit allow actions are untouched.
TEST(PolicyTest, FlagBelowCapsTheBandAtFlag) {
  auto p = ParseGuardPolicy(YAML::Load(
      "detectors: {classifier: {threshold: 0.5, flag_below: 0.8}, pii: {threshold: 0.4}}"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_DOUBLE_EQ(p->classifier.flag_below, 0.8);
  EXPECT_DOUBLE_EQ(p->pii.flag_below, 0);
  Detection d;
  d.detector = "classifier";
  d.category = "prompt-injection";
  d.score = 0.7;
  EXPECT_EQ(p->ActionFor(d), Action::kFlag);
  d.score = 0.8;
  EXPECT_EQ(p->ActionFor(d), Action::kBlock);
  d.score = 0.99;
  EXPECT_EQ(p->ActionFor(d), Action::kBlock);
  Detection pii;
  pii.detector = "pii";
  pii.category = "pii";
  pii.score = 0.6;
  EXPECT_EQ(p->ActionFor(pii), Action::kRedact);
  p->actions["prompt-injection"] = Action::kAllow;
  d.score = 0.7;
  EXPECT_EQ(p->ActionFor(d), Action::kAllow);  // a cap, never a raise
  // Without the key: the category's action at every score.
  GuardPolicy dflt = GuardPolicy::Defaults();
  EXPECT_EQ(dflt.ActionFor(d), Action::kBlock);
}

TEST(PolicyTest, ErrorsNameTheKey) {
  struct Case {
    const char* yaml;
    const char* needle;
  };
  for (const Case& c :
       {Case{"bogus: 1", "bogus"},
        Case{"direction: sideways", "direction"},
        Case{"actions: {pii: shred}", "shred"},
        Case{"detectors: {nope: true}", "nope"},
        Case{"detectors: {pii: {threshold: 3}}", "threshold"},
        Case{"detectors: {pii: {colour: red}}", "colour"},
        Case{"leakage: {shingle_words: 1}", "leakage"},
        Case{"limits: {max_decode_depth: 99}", "max_decode_depth"},
        Case{"limits: {speed: 1}", "speed"},
        Case{"source: web", "source"},
        Case{"limits: {stream_holdback: 4096}", "stream_holdback"},
        Case{"limits: {max_pattern_width: 8192}", "stream_holdback"},
        Case{"limits: {stream_step: 10}", "stream_step"},
        Case{"limits: {stream_step: 9000}", "stream_step"},
        Case{"limits: {span_grid: 1}", "span_grid"},
        Case{"limits: {max_encoded_segment: 3}", "max_encoded_segment"},
        Case{"detectors: {pii: {threshold: abc}}", "guard"},
        Case{"detectors: {classifier: {flag_below: 1.5}}", "flag_below"},
        Case{"detectors: {classifier: {flag_below: .nan}}", "flag_below"},
        Case{"detectors: {pii: {threshold: .nan}}", "threshold"},
        Case{"detectors: {classifier: {threshold: 0.6, flag_below: 0.6}}", "flag_below"}}) {
    auto p = ParseGuardPolicy(YAML::Load(c.yaml));
    ASSERT_FALSE(p.ok()) << c.yaml;
    EXPECT_NE(p.status().message().find(c.needle), std::string::npos)
        << c.yaml << " -> " << p.status().message();
  }
  EXPECT_FALSE(ParseGuardPolicy(YAML::Load("[1, 2]")).ok());
}

TEST(PolicyTest, LoadFileReadsGuardSection) {
  std::string dir = ::testing::TempDir();
  std::string path = dir + "/guard_policy_test.yaml";
  std::string sp = dir + "/guard_policy_test_prompt.txt";
  {
    std::ofstream(sp) << "Secret system prompt text.";
    std::ofstream f(path);
    f << "scan:\n  fail_on: malicious\nguard:\n  system_prompt_file: guard_policy_test_prompt.txt\n"
         "  actions: {secret: block}\n";
  }
  auto p = LoadGuardPolicyFile(path);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->system_prompt, "Secret system prompt text.");
  EXPECT_EQ(p->actions.at("secret"), Action::kBlock);
  {
    std::ofstream f(path);
    f << "scan:\n  fail_on: malicious\n";
  }
  auto d = LoadGuardPolicyFile(path);  // no guard: key -> defaults
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->actions.at("pii"), Action::kRedact);
  auto missing = LoadGuardPolicyFile(dir + "/does_not_exist.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIOError);
  {
    std::ofstream f(path);
    f << "guard: {actions: [\n";
  }
  EXPECT_FALSE(LoadGuardPolicyFile(path).ok());
  std::remove(path.c_str());
  std::remove(sp.c_str());
}

}  // namespace
}  // namespace aigis::guard
