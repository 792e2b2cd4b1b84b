#include "audit/verify.h"

#include <map>

namespace aigis::audit {

namespace {

struct Failure {
  int64_t seq = 0;
  std::string reason;
};

// Keeps the failure with the lowest seq: the chain is verified front to back, checkpoints by seq.
void Note(std::optional<Failure>* first, int64_t seq, std::string reason) {
  if (!*first || seq < (*first)->seq) *first = Failure{seq, std::move(reason)};
}

std::string ColumnMismatch(const StoredRecord& row, const AuditRecord& r) {
  if (row.time_ms != r.time_ms) return "time_ms";
  if (row.kind != r.kind) return "kind";
  if (row.request_id != r.request_id) return "request_id";
  if (row.client_key_id != r.client_key_id) return "client";
  if (row.model != r.model) return "model";
  if (row.route != r.route) return "route";
  if (row.verdict != r.verdict) return "verdict";
  if (row.categories != CategoriesColumn(r)) return "categories";
  return "";
}

}  // namespace

Result<VerifyResult> VerifyChain(AuditStore& store, const CheckpointVerifier& verifier,
                                 const RecordLimits& limits) {
  VerifyResult res;
  std::optional<Failure> first;
  AIGIS_ASSIGN_OR_RETURN(std::vector<Checkpoint> cps, store.Checkpoints());
  std::map<int64_t, const Checkpoint*> by_seq;
  int64_t last_signed = 0;
  for (const auto& cp : cps) {
    if (verifier.empty()) break;
    Status st = verifier.Verify(cp);
    if (!st.ok()) {
      Note(&first, cp.seq, "checkpoint at record " + std::to_string(cp.seq) + ": " + st.message());
      continue;
    }
    by_seq[cp.seq] = &cp;
  }

  int64_t expected = 1;
  std::string prev(kGenesisHash);
  std::string prev_prev;  // hash of record expected-2, to recognise an insertion
  bool chain_broken = false;
  Status scan = store.Scan(1, [&](const StoredRecord& row) -> Status {
    ++res.records;
    // Once the chain is broken every later link is suspect; keep scanning only to check
    // checkpoints (a later signed checkpoint still pins the records it covers).
    std::string actual = Sha256Hex(row.body);
    if (auto it = by_seq.find(row.seq); it != by_seq.end()) {
      if (it->second->head_hash != actual) {
        Note(&first, row.seq,
             "record " + std::to_string(row.seq) +
                 " does not match the signed checkpoint (a record up to here was rewritten)");
      } else {
        ++res.checkpoints;
        last_signed = row.seq;
      }
      by_seq.erase(it);
    }
    if (chain_broken) return Status::Ok();
    auto fail = [&](int64_t seq, std::string why) {
      Note(&first, seq, std::move(why));
      chain_broken = true;
      return Status::Ok();
    };
    if (row.seq != expected) {
      if (row.seq > expected)
        return fail(expected, "record " + std::to_string(expected) +
                                  " is missing (next stored is " + std::to_string(row.seq) + ")");
      return fail(row.seq, "record " + std::to_string(row.seq) + " is out of order");
    }
    if (actual != row.hash)
      return fail(row.seq, "record " + std::to_string(row.seq) +
                               ": stored hash does not match its body (modified)");
    auto parsed = ParseBody(row.body, limits);
    if (!parsed.ok())
      return fail(row.seq, "record " + std::to_string(row.seq) + ": " + parsed.error().message());
    if (parsed->seq == row.seq - 1 && row.seq >= 2 && parsed->prev_hash == prev_prev)
      return fail(row.seq - 1, "record " + std::to_string(row.seq - 1) + " was inserted (record " +
                                   std::to_string(row.seq) + " was chained as seq " +
                                   std::to_string(parsed->seq) + ")");
    if (parsed->seq != row.seq)
      return fail(row.seq, "record " + std::to_string(row.seq) + ": body says seq " +
                               std::to_string(parsed->seq) + " (reordered or inserted)");
    if (parsed->prev_hash != prev || row.prev_hash != parsed->prev_hash) {
      // The body of record N-1 still hashes to its stored hash but N links elsewhere: N-1 was
      // rewritten together with its stored hash (or N's link was).
      int64_t bad = row.seq > 1 ? row.seq - 1 : row.seq;
      return fail(bad, "record " + std::to_string(bad) + ": rewritten (record " +
                           std::to_string(row.seq) + " links to a different hash)");
    }
    if (std::string col = ColumnMismatch(row, parsed->record); !col.empty())
      return fail(row.seq, "record " + std::to_string(row.seq) + ": column " + col +
                               " does not match the chained body (modified)");
    prev_prev = prev;
    prev = actual;
    ++expected;
    return Status::Ok();
  });
  AIGIS_RETURN_IF_ERROR(scan);
  // Checkpoints beyond the stored chain: records at the end were deleted.
  for (const auto& [seq, cp] : by_seq)
    Note(&first, std::min(seq, expected),
         "signed checkpoint covers record " + std::to_string(seq) + " but the chain ends at " +
             std::to_string(expected - 1) + " (records deleted from the end)");
  if (first) {
    res.ok = false;
    res.first_bad_seq = first->seq;
    res.reason = first->reason;
  }
  res.unsigned_tail = (expected - 1) - last_signed;
  return res;
}

}  // namespace aigis::audit
