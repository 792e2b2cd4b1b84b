// Turns a pickle analysis (formats/pickle) into Findings: classifies every import with the scan's
// PicklePolicy, maps anomalies and errors to stable rule ids, and queues embedded pickles as
// children.
//
// Rule ids: pickle.global.denied (malicious), pickle.global.unknown (suspicious),
// pickle.global.nonconstant (malicious), pickle.dunder (malicious), pickle.module-mutation
// (malicious), pickle.frame-mismatch (malicious), pickle.ext (suspicious), pickle.memo-missing
// (suspicious), pickle.trailing-data (suspicious), pickle.malformed (suspicious), pickle.limit
// (suspicious), pickle.call.indirect (suspicious), pickle.anomaly (suspicious),
// pickle.embedded (info), pickle.protocol (info).
//
// Thread safety: stateless functions; the policy is immutable and shared.
#pragma once

#include "core/bytes.h"
#include "formats/pickle/pickle_analyzer.h"
#include "formats/pickle/pickle_limits.h"
#include "scan/analyzer.h"

namespace aigis::scan {

// Analyses `data` as a pickle stream and reports into ctx (SetFormat("pickle"), findings,
// embedded children, bytes examined). Uses ctx.options().pickle_policy, or the built-in policy
// when that is null.
void AnalyzePickleItem(ByteView data, AnalysisContext& ctx,
                       const formats::pickle::AnalyzeOptions& opts = {},
                       const formats::pickle::PickleLimits& limits = {});

// Same analysis, returning the raw report after emitting findings (for the PyTorch legacy
// handling: magic check on report.pickles[0].top_int, storages after report.end_offset).
formats::pickle::PickleReport AnalyzePickleItemWithReport(
    ByteView data, AnalysisContext& ctx, const formats::pickle::AnalyzeOptions& opts = {},
    const formats::pickle::PickleLimits& limits = {});

// What AnalyzePickleItem does with the report of AnalyzePickle(data, limits, opts): for a caller
// that already has that report (format, bytes examined, findings).
void EmitPickleReport(const formats::pickle::PickleReport& report, ByteView data,
                      AnalysisContext& ctx);

// Emits the findings for a report computed elsewhere. `data` is the analysed buffer (embedded
// pickle children are views of it). `trailing_ok` suppresses pickle.trailing-data (legacy
// PyTorch files keep raw storages after the last pickle).
void EmitPickleFindings(const formats::pickle::PickleReport& report, ByteView data,
                        AnalysisContext& ctx, bool trailing_ok = false);

}  // namespace aigis::scan
