#include "scan/capped_reporter.h"

#include <gtest/gtest.h>

#include <string>

#include "scan/scan_options.h"
#include "testing/fake_context.h"

namespace aigis::scan {
namespace {

using aigis::testing::FakeContext;

TEST(CappedReporterTest, KeepsTheFirstFindingsAndSummarisesTheRestWithTheWorstSeverity) {
  ScanOptions opts;
  FakeContext ctx(opts, "m.onnx");
  CappedReporter rep(ctx, 3);
  for (int i = 0; i < 7; ++i) {
    Severity sev = i == 5 ? Severity::kMalicious : Severity::kSuspicious;
    rep.Add("a.rule", sev, "m" + std::to_string(i), "e", "cat", static_cast<uint64_t>(i));
  }
  rep.Add("b.rule", Severity::kInfo, "only one", "", "cat", 0, /*has_offset=*/false);
  rep.Flush();
  ASSERT_EQ(ctx.findings.size(), 5u);  // 3 of a.rule, 1 of b.rule, 1 summary
  EXPECT_EQ(ctx.findings[2].location.offset, 2u);
  EXPECT_FALSE(ctx.findings[3].location.has_offset);
  const Finding& sum = ctx.findings.back();
  EXPECT_EQ(sum.rule, "a.rule");
  EXPECT_EQ(sum.category, "summary");
  EXPECT_EQ(sum.severity, Severity::kMalicious);  // a dropped finding was the worst one
  EXPECT_EQ(sum.message, "4 more findings of this rule");
  EXPECT_EQ(sum.evidence, "7 in total");
}

TEST(CappedReporterTest, ClipEvidenceEscapesControlBytesAndMarksTruncation) {
  EXPECT_EQ(ClipEvidence("ok"), "ok");
  EXPECT_EQ(ClipEvidence(std::string("a\n\x7f", 3)), "a\\x0a\\x7f");
  EXPECT_EQ(ClipEvidence("abcdef", 4), "abcd...");
  EXPECT_EQ(ClipEvidence(std::string(600, 'x')).size(), 512u + 3u);
}

}  // namespace
}  // namespace aigis::scan
