#include "audit/audit_log.h"

#include <gtest/gtest.h>

#include "audit/store_backends.h"

namespace aigis::audit {
namespace {

TEST(AuditLogTest, SignsEveryNthRecordAndOnDemand) {
  testutil::SqliteBackend b;
  auto signer = CheckpointSigner::FromPem(testutil::NewEd25519Pem());
  ASSERT_TRUE(signer.ok());
  AuditLog log(b.Open(), *signer, AuditLogOptions{.checkpoint_every = 4});
  for (int i = 1; i <= 10; ++i) ASSERT_TRUE(log.Append(testutil::SampleRecord(i)).ok());
  auto cps = log.store().Checkpoints();
  ASSERT_TRUE(cps.ok());
  ASSERT_EQ(cps->size(), 2u);
  EXPECT_EQ((*cps)[0].seq, 4);
  EXPECT_EQ((*cps)[1].seq, 8);
  auto head = log.Checkpoint();
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(*head, 10);
  EXPECT_EQ(log.store().Checkpoints()->size(), 3u);
}

TEST(AuditLogTest, UnsignedLogHasNoCheckpoints) {
  testutil::SqliteBackend b;
  AuditLog log(b.Open(), std::nullopt);
  ASSERT_TRUE(log.Append(testutil::SampleRecord(1)).ok());
  EXPECT_EQ(*log.Checkpoint(), 0);
  EXPECT_TRUE(log.store().Checkpoints()->empty());
}

TEST(AuditLogTest, ContentIsDroppedUnlessConfigured) {
  testutil::SqliteBackend b;
  AuditRecord r = testutil::SampleRecord(1);
  r.prompt = "[REDACTED] wants the balance";
  r.response = "42";
  {
    AuditLog log(b.Open(), std::nullopt);
    ASSERT_TRUE(log.Append(r).ok());
  }
  {
    AuditLog log(b.Open(), std::nullopt, AuditLogOptions{.include_content = true});
    ASSERT_TRUE(log.Append(r).ok());
  }
  auto rows = b.Open()->Query({});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  auto p1 = ParseBody((*rows)[0].body);
  auto p2 = ParseBody((*rows)[1].body);
  ASSERT_TRUE(p1.ok() && p2.ok());
  EXPECT_FALSE(p1->record.prompt.has_value());
  EXPECT_FALSE(p1->record.response.has_value());
  EXPECT_EQ(*p2->record.prompt, "[REDACTED] wants the balance");
  EXPECT_EQ(*p2->record.response, "42");
}

}  // namespace
}  // namespace aigis::audit
