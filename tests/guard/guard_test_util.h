// Shared helpers for guard tests: one compiled default engine per test binary (compiling the
// rules takes a moment), and small predicates over detections.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "guard/engine.h"

namespace aigis::guard::testing {

inline std::shared_ptr<const GuardEngine> MakeEngine(GuardPolicy p) {
  auto e = GuardEngine::Create(std::move(p));
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return e.ok() ? *e : nullptr;
}

inline const std::shared_ptr<const GuardEngine>& DefaultEngine() {
  static const std::shared_ptr<const GuardEngine> kEngine = MakeEngine(GuardPolicy::Defaults());
  return kEngine;
}

inline std::vector<Detection> DetectWith(const std::shared_ptr<const GuardEngine>& e,
                                         std::string_view text) {
  auto s = GuardScanner::Create(e);
  EXPECT_TRUE(s.ok());
  std::vector<Detection> d;
  if (s.ok()) (void)s->Detect(text, &d);
  return d;
}

inline std::vector<Detection> Detect(std::string_view text) {
  return DetectWith(DefaultEngine(), text);
}

inline bool HasRule(const std::vector<Detection>& d, std::string_view rule_prefix) {
  for (const Detection& x : d) {
    if (x.rule.compare(0, rule_prefix.size(), rule_prefix) == 0) return true;
  }
  return false;
}

inline bool HasDetector(const std::vector<Detection>& d, std::string_view detector) {
  for (const Detection& x : d) {
    if (x.detector == detector) return true;
  }
  return false;
}

inline const Detection* Find(const std::vector<Detection>& d, std::string_view rule_prefix) {
  for (const Detection& x : d) {
    if (x.rule.compare(0, rule_prefix.size(), rule_prefix) == 0) return &x;
  }
  return nullptr;
}

inline std::string Rules(const std::vector<Detection>& d) {
  std::string s;
  for (const Detection& x : d)
    s += x.rule + "[" + std::to_string(x.start) + "," + std::to_string(x.end) + ") ";
  return s;
}

}  // namespace aigis::guard::testing
