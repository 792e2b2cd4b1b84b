#include "formats/keras/keras_h5.h"

#include <cstring>
#include <mutex>
#include <string>

#include "core/bytes.h"
#include "core/checked_math.h"
#include "core/isolated_call.h"
#include "core/plugin.h"
#include "formats/keras/keras_h5_plugin.h"

namespace aigis::formats::keras {
namespace {

constexpr uint8_t kSignature[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

// EncodeHdf5Facts's layout, version 1: "AH5F" u32 version; u8 opened, u8 has_model_weights;
// u64 groups, datasets, parameters; four optional strings (u8 present, then a string); u32 count
// + strings (dtypes); u32 count + (path, target, u8 external) (links); u32 count + strings
// (external storage); status: u8 code, u64 offset, string message. A string is u64 length +
// bytes; integers little-endian.
constexpr char kFactsMagic[4] = {'A', 'H', '5', 'F'};
constexpr uint32_t kFactsVersion = 1;

void PutU8(std::string* o, uint8_t v) { o->push_back(static_cast<char>(v)); }
void PutLe(std::string* o, uint64_t v, int bytes) { AppendLe(o, v, bytes); }
void PutStr(std::string* o, const std::string& s) {
  PutLe(o, s.size(), 8);
  o->append(s);
}
void PutOpt(std::string* o, const std::optional<std::string>& s) {
  PutU8(o, s.has_value() ? 1 : 0);
  if (s) PutStr(o, *s);
}

Result<std::string> GetStr(ByteReader& r, uint64_t max_len) {
  AIGIS_ASSIGN_OR_RETURN(uint64_t n, r.ReadU64Le());
  if (n > max_len) return Status::LimitExceeded("string of " + std::to_string(n) + " bytes");
  AIGIS_ASSIGN_OR_RETURN(std::string_view v, r.ReadString(n));
  return std::string(v);
}
Result<bool> GetBool(ByteReader& r) {
  AIGIS_ASSIGN_OR_RETURN(uint8_t b, r.ReadU8());
  if (b > 1) return Status::Malformed("flag byte " + std::to_string(b));
  return b == 1;
}
Result<std::optional<std::string>> GetOpt(ByteReader& r, uint64_t max_len) {
  AIGIS_ASSIGN_OR_RETURN(bool present, GetBool(r));
  if (!present) return std::optional<std::string>();
  AIGIS_ASSIGN_OR_RETURN(std::string s, GetStr(r, max_len));
  return std::optional<std::string>(std::move(s));
}
Result<uint32_t> GetCount(ByteReader& r, uint64_t max_count) {
  AIGIS_ASSIGN_OR_RETURN(uint32_t n, r.ReadU32Le());
  if (n > max_count) return Status::LimitExceeded("count of " + std::to_string(n));
  return n;
}

Status MakeStatus(uint8_t code, uint64_t offset, std::string msg) {
  switch (static_cast<StatusCode>(code)) {
    case StatusCode::kOk:
      return Status::Ok();
    case StatusCode::kInvalidArgument:
      return Status::InvalidArgument(std::move(msg));
    case StatusCode::kMalformed:
      return Status::Malformed(offset, std::move(msg));
    case StatusCode::kLimitExceeded:
      return Status::LimitExceeded(offset, std::move(msg));
    case StatusCode::kUnsupported:
      return Status::Unsupported(std::move(msg));
    case StatusCode::kIOError:
      return Status::IOError(std::move(msg));
    case StatusCode::kNotFound:
      return Status::NotFound(std::move(msg));
    case StatusCode::kInternal:
      return Status::Internal(std::move(msg));
  }
  return Status::Malformed("status code " + std::to_string(code));
}

Result<Hdf5Facts> DecodeFacts(ByteReader& r, const KerasLimits& limits) {
  AIGIS_ASSIGN_OR_RETURN(std::string_view magic, r.ReadString(4));
  if (magic != std::string_view(kFactsMagic, 4)) return Status::Malformed("bad magic");
  AIGIS_ASSIGN_OR_RETURN(uint32_t version, r.ReadU32Le());
  if (version != kFactsVersion) return Status::Malformed("version " + std::to_string(version));
  // Attributes are capped at max_attribute_bytes by the reader; names, paths, dtypes and the
  // status message are short (1 MiB is far above any real one); the total is bounded by the
  // pipe's max_output_bytes.
  const uint64_t max_len = limits.max_attribute_bytes;
  const uint64_t max_short = 1ull << 20;
  const uint64_t max_count = limits.max_hdf5_objects;
  Hdf5Facts f;
  AIGIS_ASSIGN_OR_RETURN(f.opened, GetBool(r));
  AIGIS_ASSIGN_OR_RETURN(f.has_model_weights, GetBool(r));
  AIGIS_ASSIGN_OR_RETURN(f.groups, r.ReadU64Le());
  AIGIS_ASSIGN_OR_RETURN(f.datasets, r.ReadU64Le());
  AIGIS_ASSIGN_OR_RETURN(f.parameters, r.ReadU64Le());
  AIGIS_ASSIGN_OR_RETURN(f.model_config, GetOpt(r, max_len));
  AIGIS_ASSIGN_OR_RETURN(f.training_config, GetOpt(r, max_len));
  AIGIS_ASSIGN_OR_RETURN(f.keras_version, GetOpt(r, max_len));
  AIGIS_ASSIGN_OR_RETURN(f.backend, GetOpt(r, max_len));
  AIGIS_ASSIGN_OR_RETURN(uint32_t n, GetCount(r, max_count));
  for (uint32_t i = 0; i < n; ++i) {
    AIGIS_ASSIGN_OR_RETURN(std::string d, GetStr(r, max_short));
    f.dtypes.push_back(std::move(d));
  }
  AIGIS_ASSIGN_OR_RETURN(n, GetCount(r, max_count));
  for (uint32_t i = 0; i < n; ++i) {
    Hdf5Link l;
    AIGIS_ASSIGN_OR_RETURN(l.path, GetStr(r, max_short));
    AIGIS_ASSIGN_OR_RETURN(l.target, GetStr(r, max_short));
    AIGIS_ASSIGN_OR_RETURN(l.external, GetBool(r));
    f.links.push_back(std::move(l));
  }
  AIGIS_ASSIGN_OR_RETURN(n, GetCount(r, max_count));
  for (uint32_t i = 0; i < n; ++i) {
    AIGIS_ASSIGN_OR_RETURN(std::string e, GetStr(r, max_short));
    f.external_storage.push_back(std::move(e));
  }
  AIGIS_ASSIGN_OR_RETURN(uint8_t code, r.ReadU8());
  AIGIS_ASSIGN_OR_RETURN(uint64_t offset, r.ReadU64Le());
  AIGIS_ASSIGN_OR_RETURN(std::string msg, GetStr(r, max_short));
  if (code > static_cast<uint8_t>(StatusCode::kInternal)) {
    return Status::Malformed("status code " + std::to_string(code));
  }
  f.status = MakeStatus(code, offset, std::move(msg));
  if (!r.empty()) return Status::Malformed(std::to_string(r.remaining()) + " trailing bytes");
  return f;
}

// libhdf5 in the sandboxed reader program (hdf5_reader_main.cc): a fresh process, so no lock or
// memory of this one is inherited (see core/isolated_call.h).
Hdf5Facts ReadIsolated(ByteView data, const KerasLimits& limits) {
  Hdf5Facts facts;
  static const Result<std::string> program = FindPluginFile(kHdf5ReaderProgram);
  if (!program.ok()) {
    facts.status = Status::Unsupported("hdf5: reader unavailable: " + program.status().message());
    return facts;
  }
  Hdf5ReadRequest request;
  request.limits = limits;
  IsolationLimits iso;
  iso.timeout_ms = limits.hdf5_timeout_ms;
  iso.max_memory_bytes = limits.max_hdf5_memory_bytes;
  // Two config attributes at their cap plus everything else.
  iso.max_output_bytes = 3 * limits.max_attribute_bytes + (16ull << 20);
  const ByteView head(reinterpret_cast<const uint8_t*>(&request), sizeof(request));
  Result<std::string> out = RunIsolatedProgram(*program, {head, data}, iso);
  if (!out.ok()) {
    const Status& st = out.status();
    std::string msg = "hdf5: libhdf5 " + st.message() + " on this file; it was not analysed";
    facts.status = st.code() == StatusCode::kLimitExceeded ? Status::LimitExceeded(0, msg)
                   : st.code() == StatusCode::kInternal    ? Status::Internal(msg)
                                                           : Status::Malformed(0, msg);
    return facts;
  }
  Result<Hdf5Facts> decoded = DecodeHdf5Facts(AsBytes(*out), limits);
  if (!decoded.ok()) {
    facts.status = Status::Malformed(
        0, "hdf5: the isolated reader's answer is malformed: " + decoded.status().message());
    return facts;
  }
  return std::move(*decoded);
}

}  // namespace

std::string EncodeHdf5Facts(const Hdf5Facts& f) {
  std::string o(kFactsMagic, 4);
  PutLe(&o, kFactsVersion, 4);
  PutU8(&o, f.opened ? 1 : 0);
  PutU8(&o, f.has_model_weights ? 1 : 0);
  PutLe(&o, f.groups, 8);
  PutLe(&o, f.datasets, 8);
  PutLe(&o, f.parameters, 8);
  PutOpt(&o, f.model_config);
  PutOpt(&o, f.training_config);
  PutOpt(&o, f.keras_version);
  PutOpt(&o, f.backend);
  PutLe(&o, f.dtypes.size(), 4);
  for (const std::string& d : f.dtypes) PutStr(&o, d);
  PutLe(&o, f.links.size(), 4);
  for (const Hdf5Link& l : f.links) {
    PutStr(&o, l.path);
    PutStr(&o, l.target);
    PutU8(&o, l.external ? 1 : 0);
  }
  PutLe(&o, f.external_storage.size(), 4);
  for (const std::string& e : f.external_storage) PutStr(&o, e);
  PutU8(&o, static_cast<uint8_t>(f.status.code()));
  PutLe(&o, f.status.offset(), 8);
  PutStr(&o, f.status.ok() ? std::string() : f.status.message());
  return o;
}

Result<Hdf5Facts> DecodeHdf5Facts(ByteView bytes, const KerasLimits& limits) {
  ByteReader r(bytes);
  return DecodeFacts(r, limits);
}

bool LooksLikeHdf5(ByteView head) {
  for (uint64_t off = 0; RangeFits(off, sizeof(kSignature), head.size());
       off = off == 0 ? 512 : off * 2) {
    if (std::memcmp(head.data() + off, kSignature, sizeof(kSignature)) == 0) return true;
  }
  return false;
}

Hdf5Facts ReadHdf5(ByteView data, const KerasLimits& limits) {
  Hdf5Facts facts;
  if (data.size() > limits.max_hdf5_bytes) {
    facts.status = Status::LimitExceeded(0, "hdf5: " + std::to_string(data.size()) +
                                                " bytes > max_hdf5_bytes " +
                                                std::to_string(limits.max_hdf5_bytes));
    return facts;
  }
  if (!LooksLikeHdf5(data)) {
    facts.status = Status::Malformed(0, "hdf5: no superblock signature");
    return facts;
  }
  if (limits.isolate_hdf5) return ReadIsolated(data, limits);
  auto api = LoadPlugin("hdf5", "aigis_plugin_hdf5");
  if (!api.ok()) {
    facts.status = Status::Unsupported("hdf5: reader unavailable: " + api.status().message());
    return facts;
  }
  auto* table = static_cast<const Hdf5PluginApi*>(*api);
  if (!TableMatchesThisBuild(*table)) {
    facts.status = Status::Unsupported("hdf5: libaigis_hdf5.so is from another aigis build");
    return facts;
  }
  static std::once_flag init_once;
  std::call_once(init_once, table->init);
  return table->read(data, limits);
}

}  // namespace aigis::formats::keras
