#include "formats/savedmodel/tf_op_policy.h"

#include <gtest/gtest.h>

namespace aigis::formats::savedmodel {
namespace {

TEST(TfOpPolicyTest, EmbeddedListsParse) {
  auto parsed = TfOpPolicy::Parse(internal::kTfOpsAllowText, internal::kTfOpsDenyText);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const TfOpPolicy& p = TfOpPolicy::Default();
  EXPECT_GT(p.allow_size(), 500u);
  EXPECT_GT(p.deny_size(), 50u);
}

TEST(TfOpPolicyTest, DefaultVerdicts) {
  const TfOpPolicy& p = TfOpPolicy::Default();
  for (const char* op : {"MatMul", "Conv2D", "Relu", "StatefulPartitionedCall", "VarHandleOp",
                         "Const", "StringJoin", "ShardedFilename", "PrintV2", "If", "While"}) {
    EXPECT_TRUE(p.Allowed(op)) << op;
    EXPECT_EQ(p.Denied(op), nullptr) << op;
  }
  // Every op named in the issue and threat notes is denied.
  for (const char* op : {"ReadFile",
                         "WriteFile",
                         "MatchingFiles",
                         "MatchingFilesDataset",
                         "Save",
                         "SaveV2",
                         "SaveSlices",
                         "MergeV2Checkpoints",
                         "RestoreV2",
                         "ImmutableConst",
                         "InitializeTableFromTextFile",
                         "InitializeTableFromTextFileV2",
                         "FixedLengthRecordDataset",
                         "FixedLengthRecordDatasetV2",
                         "CSVDataset",
                         "CSVDatasetV2",
                         "DebugIdentity",
                         "DebugIdentityV2",
                         "DebugIdentityV3",
                         "DistributedSave",
                         "DataServiceDataset",
                         "DataServiceDatasetV2",
                         "DataServiceDatasetV3",
                         "DataServiceDatasetV4",
                         "RegisterDataset",
                         "RegisterDatasetV2",
                         "RpcCall",
                         "RpcClient",
                         "RpcServer",
                         "RpcServerRegister",
                         "PyFunc",
                         "EagerPyFunc",
                         "PyFuncStateless"}) {
    const TfOpRule* r = p.Denied(op);
    ASSERT_NE(r, nullptr) << op;
    EXPECT_FALSE(p.Allowed(op)) << op;
    EXPECT_FALSE(r->category.empty()) << op;
    EXPECT_FALSE(r->reason.empty()) << op;
  }
  EXPECT_EQ(p.Denied("PyFunc")->severity, Severity::kMalicious);
  EXPECT_TRUE(p.Denied("SaveV2")->saver);
  EXPECT_FALSE(p.Denied("ReadFile")->saver);
  EXPECT_FALSE(p.Allowed("TotallyCustomOp"));
  EXPECT_EQ(p.Denied("TotallyCustomOp"), nullptr);
}

TEST(TfOpPolicyTest, ParseFormats) {
  auto p = TfOpPolicy::Parse("A B  # comment\n\n  C\t D\n", "X|suspicious|net|-|why not\n");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->allow_size(), 4u);
  EXPECT_TRUE(p->Allowed("D"));
  ASSERT_NE(p->Denied("X"), nullptr);
  EXPECT_EQ(p->Denied("X")->severity, Severity::kSuspicious);
  EXPECT_EQ(p->Denied("X")->reason, "why not");
  // Deny wins over allow.
  auto both = TfOpPolicy::Parse("X", "X|malicious|c|-|r");
  ASSERT_TRUE(both.ok());
  EXPECT_FALSE(both->Allowed("X"));
}

TEST(TfOpPolicyTest, BadDenyLinesAreMalformed) {
  for (const char* bad :
       {"X|malicious|c|r", "X|evil|c|-|r", "X|malicious|c|weird|r", "|malicious|c|-|r"}) {
    auto p = TfOpPolicy::Parse("", bad);
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.status().code(), StatusCode::kMalformed) << bad;
  }
}

}  // namespace
}  // namespace aigis::formats::savedmodel
