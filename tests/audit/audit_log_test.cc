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

}  // namespace
}  // namespace aigis::audit
