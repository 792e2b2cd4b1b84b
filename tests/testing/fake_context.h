// A recording AnalysisContext for analyzer unit tests: collects findings, children, properties.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "scan/analyzer.h"
#include "scan/scan_options.h"

namespace aigis::testing {

class FakeContext : public scan::AnalysisContext {
 public:
  explicit FakeContext(const scan::ScanOptions& opts, std::string path = "test.bin",
                       std::string root = "")
      : opts_(opts), path_(std::move(path)), root_(std::move(root)) {}

  const scan::ScanOptions& options() const override { return opts_; }
  const std::string& path() const override { return path_; }
  const std::string& member() const override { return member_; }
  int depth() const override { return depth_; }
  const std::string& root() const override { return root_; }
  std::shared_ptr<const void> owner() const override { return nullptr; }
  void AddFinding(Finding f) override {
    f.location.path = path_;
    f.location.member = member_;
    findings.push_back(std::move(f));
  }
  void AddChild(scan::ChildItem c) override { children.push_back(std::move(c)); }
  void SetFormat(std::string f) override { format = std::move(f); }
  void AddProperty(std::string k, std::string v) override { properties[k] = std::move(v); }
  void AddBytesExamined(uint64_t n) override { bytes_examined += n; }

  bool HasRule(const std::string& rule) const {
    for (const auto& f : findings)
      if (f.rule == rule) return true;
    return false;
  }
  Severity MaxSeverity() const {
    Severity s = Severity::kInfo;
    for (const auto& f : findings)
      if (f.severity > s) s = f.severity;
    return s;
  }

  std::vector<Finding> findings;
  std::vector<scan::ChildItem> children;
  std::map<std::string, std::string> properties;
  std::string format;
  uint64_t bytes_examined = 0;
  int depth_ = 0;
  std::string member_;

 private:
  const scan::ScanOptions& opts_;
  std::string path_;
  std::string root_;
};

}  // namespace aigis::testing
