// Tamper tests: every way of altering a stored chain (on SQLite and on PostgreSQL) is detected and
// the first bad record is named.
#include "audit/verify.h"

#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "audit/store_backends.h"

namespace aigis::audit {
namespace {

using testutil::SqlQuote;

class VerifyTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      AIGIS_REQUIRE_POSTGRES();
      backend_ = std::make_unique<testutil::PostgresBackend>();
    } else {
      backend_ = std::make_unique<testutil::SqliteBackend>();
    }
    auto signer = CheckpointSigner::FromPem(testutil::NewEd25519Pem());
    ASSERT_TRUE(signer.ok());
    ASSERT_TRUE(verifier_.AddPem(*signer->PublicKeyPem()).ok());
    AuditLog log(backend_->Open(), *signer, AuditLogOptions{.checkpoint_every = 10});
    for (int i = 1; i <= 20; ++i) ASSERT_TRUE(log.Append(testutil::SampleRecord(i)).ok());
    store_ = backend_->Open();
    ASSERT_NE(store_, nullptr);
  }

  VerifyResult Verify() {
    auto r = VerifyChain(*store_, verifier_);
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return r.ok() ? *r : VerifyResult{};
  }

  StoredRecord Row(int64_t seq) {
    QueryFilter f;
    f.from_seq = seq;
    f.to_seq = seq;
    auto r = store_->Query(f);
    EXPECT_TRUE(r.ok() && r->size() == 1);
    return r.ok() && !r->empty() ? r->front() : StoredRecord{};
  }

  void WriteRow(const StoredRecord& s, bool insert) {
    if (insert) {
      backend_->Exec(
          "INSERT INTO audit_records (seq, prev_hash, hash, body, time_ms, kind, request_id, "
          "client, model, route, verdict, categories) VALUES (" +
          std::to_string(s.seq) + "," + SqlQuote(s.prev_hash) + "," + SqlQuote(s.hash) + "," +
          SqlQuote(s.body) + "," + std::to_string(s.time_ms) + "," + SqlQuote(s.kind) + "," +
          SqlQuote(s.request_id) + "," + SqlQuote(s.client_key_id) + "," + SqlQuote(s.model) + "," +
          SqlQuote(s.route) + "," + SqlQuote(s.verdict) + "," + SqlQuote(s.categories) + ")");
    } else {
      backend_->Exec("UPDATE audit_records SET prev_hash=" + SqlQuote(s.prev_hash) +
                     ", hash=" + SqlQuote(s.hash) + ", body=" + SqlQuote(s.body) +
                     ", verdict=" + SqlQuote(s.verdict) + " WHERE seq=" + std::to_string(s.seq));
    }
  }

  // Makes room for a record at `seq` by moving seq..end up by one (two steps: PK updates).
  void ShiftUpFrom(int64_t seq) {
    backend_->Exec("UPDATE audit_records SET seq = -seq - 1 WHERE seq >= " + std::to_string(seq));
    backend_->Exec("UPDATE audit_records SET seq = -seq WHERE seq < 0");
  }

  std::unique_ptr<testutil::Backend> backend_;
  std::unique_ptr<AuditStore> store_;
  CheckpointVerifier verifier_;
};

TEST_P(VerifyTest, IntactChainVerifies) {
  VerifyResult r = Verify();
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.records, 20);
  EXPECT_EQ(r.checkpoints, 2);
  EXPECT_EQ(r.unsigned_tail, 0);
}

TEST_P(VerifyTest, ModifiedBodyIsNamed) {
  backend_->Exec(
      "UPDATE audit_records SET body = replace(body, '\"verdict\":\"allow\"', "
      "'\"verdict\":\"block\"') WHERE seq = 5");
  VerifyResult r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 5) << r.reason;
  EXPECT_NE(r.reason.find("modified"), std::string::npos) << r.reason;
}

TEST_P(VerifyTest, ModifiedAndRehashedRecordIsNamed) {
  StoredRecord s = Row(5);
  auto p = ParseBody(s.body);
  ASSERT_TRUE(p.ok());
  p->record.verdict = "block";
  StoredRecord forged = ChainRecord(p->record, 5, s.prev_hash);
  WriteRow(forged, false);
  VerifyResult r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 5) << r.reason;
}

TEST_P(VerifyTest, EditedQueryColumnIsNamed) {
  backend_->Exec("UPDATE audit_records SET client = 'someone-else' WHERE seq = 7");
  VerifyResult r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 7) << r.reason;
  EXPECT_NE(r.reason.find("client"), std::string::npos) << r.reason;
}

TEST_P(VerifyTest, DeletedRecordIsNamed) {
  backend_->Exec("DELETE FROM audit_records WHERE seq = 5");
  VerifyResult r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 5) << r.reason;
  EXPECT_NE(r.reason.find("missing"), std::string::npos) << r.reason;
}

TEST_P(VerifyTest, DeletedTailIsCaughtByCheckpoint) {
  backend_->Exec("DELETE FROM audit_records WHERE seq >= 18");
  VerifyResult r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 18) << r.reason;
}

TEST_P(VerifyTest, DeletedRenumberedRecordIsNamed) {
  backend_->Exec("DELETE FROM audit_records WHERE seq = 5");
  backend_->Exec("UPDATE audit_records SET seq = -(seq - 1) WHERE seq > 5");
  backend_->Exec("UPDATE audit_records SET seq = -seq WHERE seq < 0");
  VerifyResult r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 5) << r.reason;
}

TEST_P(VerifyTest, ReorderedRecordsAreNamed) {
  backend_->Exec("UPDATE audit_records SET seq = -4 WHERE seq = 4");
  backend_->Exec("UPDATE audit_records SET seq = 4 WHERE seq = 5");
  backend_->Exec("UPDATE audit_records SET seq = 5 WHERE seq = -4");
  VerifyResult r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 4) << r.reason;
}

TEST_P(VerifyTest, NaivelyInsertedRecordIsNamed) {
  StoredRecord copy = Row(3);
  ShiftUpFrom(5);
  copy.seq = 5;
  WriteRow(copy, true);
  VerifyResult r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 5) << r.reason;
}

TEST_P(VerifyTest, CraftedInsertedRecordIsNamed) {
  // The attacker chains the new record correctly after record 4 but cannot rewrite record 5's link
  // without rewriting everything after it.
  StoredRecord four = Row(4);
  ShiftUpFrom(5);
  AuditRecord fake = testutil::SampleRecord(99);
  WriteRow(ChainRecord(fake, 5, four.hash), true);
  VerifyResult r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 5) << r.reason;
  EXPECT_NE(r.reason.find("inserted"), std::string::npos) << r.reason;
}

TEST_P(VerifyTest, ConsistentRewriteIsCaughtBySignedCheckpoint) {
  // Rewrite record 3 and re-chain 3..20 consistently: only the signatures can tell.
  std::string prev = Row(2).hash;
  for (int64_t seq = 3; seq <= 20; ++seq) {
    auto p = ParseBody(Row(seq).body);
    ASSERT_TRUE(p.ok());
    if (seq == 3) p->record.verdict = "block";  // was "allow"
    StoredRecord s = ChainRecord(p->record, seq, prev);
    WriteRow(s, false);
    prev = s.hash;
  }
  VerifyResult r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 10) << r.reason;
  EXPECT_NE(r.reason.find("checkpoint"), std::string::npos) << r.reason;
  // Without the public key the rewrite is invisible: that is why checkpoints are signed.
  CheckpointVerifier none;
  auto unsigned_result = VerifyChain(*store_, none);
  ASSERT_TRUE(unsigned_result.ok());
  EXPECT_TRUE(unsigned_result->ok);
}

TEST_P(VerifyTest, TamperedCheckpointSignatureIsNamed) {
  backend_->Exec(
      "UPDATE audit_checkpoints SET signature = (CASE WHEN substr(signature, 1, 1) = '0' THEN '1' "
      "ELSE '0' END) || substr(signature, 2) WHERE seq = 10");
  VerifyResult r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 10) << r.reason;
  EXPECT_NE(r.reason.find("signature"), std::string::npos) << r.reason;
}

TEST_P(VerifyTest, CheckpointMovedToForgedHeadIsNamed) {
  backend_->Exec("UPDATE audit_checkpoints SET head_hash = " + SqlQuote(std::string(64, 'f')) +
                 " WHERE seq = 20");
  VerifyResult r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 20) << r.reason;
}

TEST_P(VerifyTest, CheckpointFromUnknownKeyFails) {
  CheckpointVerifier other;
  auto k = CheckpointSigner::FromPem(testutil::NewEd25519Pem());
  ASSERT_TRUE(other.AddPem(*k->PublicKeyPem()).ok());
  auto r = VerifyChain(*store_, other);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->ok);
  EXPECT_EQ(r->first_bad_seq, 10);
  EXPECT_NE(r->reason.find("unknown key"), std::string::npos) << r->reason;
}

INSTANTIATE_TEST_SUITE_P(Stores, VerifyTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace aigis::audit
