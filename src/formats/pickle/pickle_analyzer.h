// Static analysis of Python pickle streams: an emulator of CPython's _pickle.c Unpickler (stack,
// MARK stack with fence, memo by index, FRAME, every opcode of protocols 0-5) that never executes
// anything. It records every import (GLOBAL, STACK_GLOBAL, INST, EXT*), every call site (REDUCE,
// INST, OBJ, NEWOBJ, NEWOBJ_EX, BUILD/SETITEM/APPEND on a global) and anomalies (module mutation,
// dunder names, frame mismatches, trailing data ...). Findings before an error are kept and the
// error is reported too (fail closed). Understands joblib's inline numpy array data.
//
// Thread safety: AnalyzePickle is a pure function of its arguments (no shared state).
// Ownership: the report owns its strings; it holds no views into the input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/pickle/pickle_limits.h"

namespace aigis::formats::pickle {

enum class ImportKind : uint8_t {
  kGlobal,       // GLOBAL 'c' (two text lines)
  kStackGlobal,  // STACK_GLOBAL 0x93 (module and name from the stack)
  kInst,         // INST 'i' (import + call)
  kExt,          // EXT1/2/4: copyreg extension registry code, origin unknown statically
};

struct Import {
  std::string module;              // as resolved by CPython (proto < 3 maps Python 2 names)
  std::string name;                // possibly dotted ("print.__class__.__base__")
  std::vector<std::string> parts;  // `name` split on '.' (CPython resolves them with getattr)
  ImportKind kind = ImportKind::kGlobal;
  // False when STACK_GLOBAL operands were not two constant str values (module/name then hold a
  // description such as "<bytes>" or "<result of call>").
  bool constant_operands = true;
  uint32_t ext_code = 0;           // for kExt
  uint64_t offset = 0;             // opcode offset
  uint32_t pickle_index = 0;       // which pickle of the stream
  uint64_t call_count = 0;         // calls whose callee is this global (REDUCE, NEWOBJ, ...)
  uint64_t first_call_offset = 0;  // valid when call_count > 0

  std::string FullName() const { return name.empty() ? module : module + "." + name; }
};

enum class CallKind : uint8_t {
  kReduce,
  kInst,
  kObj,
  kNewObj,
  kNewObjEx,
  kBuild,
  kSetItem,
  kAppend
};
std::string_view CallKindName(CallKind k);

inline constexpr uint32_t kNoImport = UINT32_MAX;

struct Call {
  CallKind kind = CallKind::kReduce;
  // Index into PickleReport::imports of the callee when it is a global ref; kNoImport otherwise.
  uint32_t callee_import = kNoImport;
  bool callee_is_global = false;
  // When the callee is the result of an earlier call (e.g. getattr(...)(...)), the import behind
  // that earlier call; kNoImport if unknown.
  uint32_t via_import = kNoImport;
  uint64_t offset = 0;
};

struct Anomaly {
  // "frame-mismatch", "module-mutation", "dunder", "trailing-data", "memo-missing", "ext",
  // "proto-repeated", "proto-unsupported", "out-of-band-buffer", "stack-global-type",
  // "embedded-unaligned" ...
  std::string code;
  uint64_t offset = 0;
  std::string message;
};

struct ByteRange {
  uint64_t offset = 0;
  uint64_t length = 0;
};

struct PickleInfo {
  uint64_t start = 0;
  uint64_t end = 0;  // offset after STOP
  int protocol = 0;  // highest PROTO seen in this pickle (0 if none)
  // When the pickle's result is a literal int: "0x..." (lowercase, "-0x..." if negative). Legacy
  // PyTorch files start with a pickle of 0x1950a86a20f9469cfc6c.
  std::optional<std::string> top_int;
  // Has a FRAME opcode, whose declared length is checked against the end of the input.
  bool framed = false;
};

struct PickleReport {
  std::vector<Import> imports;
  std::vector<Call> calls;  // first limits.max_recorded_calls calls
  uint64_t calls_total = 0;
  std::vector<Anomaly> anomalies;
  uint64_t anomalies_dropped = 0;
  std::vector<ByteRange> embedded;  // byte/str literals that start like a pickle
  uint64_t persistent_ids = 0;      // PERSID + BINPERSID
  uint64_t joblib_arrays = 0;       // NumpyArrayWrapper payloads skipped or analysed
  std::vector<PickleInfo> pickles;  // complete pickles (ended by STOP)
  int max_protocol = 0;
  uint64_t end_offset = 0;  // after the last STOP (0 if none)
  uint64_t opcodes = 0;
  uint64_t bytes_examined = 0;
  Status error;  // first error; OK if the stream parsed cleanly
  // True when the report depends on where the input ends: the analysis ran into the end (a
  // truncation), looked ahead at it, or went on after a complete pickle (trailing bytes are
  // measured). When false, every input that starts with these bytes gives the same report, so a
  // probe may analyse a copy of a prefix (AnalyzeMaybePickle).
  bool length_dependent = false;
  // True when the first pickle imports joblib's NumpyArrayWrapper: only then does its analysis
  // depend on AnalyzeOptions::joblib_arrays.
  bool first_pickle_joblib = false;

  bool HasAnomaly(std::string_view code) const;
  // "module.name" of the callee, "<result of module.name>" or "<unknown>".
  std::string CalleeName(const Call& c) const;
};

struct AnalyzeOptions {
  // Keep reading pickles after STOP until EOF. Trailing bytes that do not parse as a pickle give
  // a "trailing-data" anomaly.
  bool multiple_pickles = true;
  uint32_t max_pickles = 0;  // 0 = until EOF (bounded by limits.max_pickles)
  // Emulate joblib's NumpyArrayWrapper (raw array bytes inline after its BUILD).
  bool joblib_arrays = true;
};

PickleReport AnalyzePickle(ByteView data, const PickleLimits& limits = {},
                           const AnalyzeOptions& options = {});

// Cheap sniff on the first bytes of a file: a PROTO 2..5 opcode, or a plausible protocol 0/1
// stream that reaches an import or STOP within the first opcodes without error. Rejects ordinary
// text, JSON and binary.
bool LooksLikePickle(ByteView head);

// True when the report has an import a real pickle could make: GLOBAL/STACK_GLOBAL with constant,
// identifier-like module and name. Random bytes (tensor data) produce EXT opcodes (the copyreg
// registry is empty unless the loader fills it) or names with non-identifier bytes instead.
bool HasPlausibleImport(const PickleReport& report);

}  // namespace aigis::formats::pickle
