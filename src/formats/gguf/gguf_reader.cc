#include "formats/gguf/gguf_reader.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_set>

#include "core/checked_math.h"

namespace aigis::formats::gguf {
namespace {

// ggml.c type_traits: name, block size, bytes per block. Empty name = removed/unknown id.
struct GgmlType {
  std::string_view name;
  uint64_t block;
  uint64_t size;
};
constexpr GgmlType kGgmlTypes[] = {
    {"F32", 1, 4},        {"F16", 1, 2},       {"Q4_0", 32, 18},     {"Q4_1", 32, 20},
    {"", 0, 0},           {"", 0, 0},          {"Q5_0", 32, 22},     {"Q5_1", 32, 24},
    {"Q8_0", 32, 34},     {"Q8_1", 32, 36},    {"Q2_K", 256, 84},    {"Q3_K", 256, 110},
    {"Q4_K", 256, 144},   {"Q5_K", 256, 176},  {"Q6_K", 256, 210},   {"Q8_K", 256, 292},
    {"IQ2_XXS", 256, 66}, {"IQ2_XS", 256, 74}, {"IQ3_XXS", 256, 98}, {"IQ1_S", 256, 50},
    {"IQ4_NL", 32, 18},   {"IQ3_S", 256, 110}, {"IQ2_S", 256, 82},   {"IQ4_XS", 256, 136},
    {"I8", 1, 1},         {"I16", 1, 2},       {"I32", 1, 4},        {"I64", 1, 8},
    {"F64", 1, 8},        {"IQ1_M", 256, 56},  {"BF16", 1, 2},       {"", 0, 0},
    {"", 0, 0},           {"", 0, 0},          {"TQ1_0", 256, 54},   {"TQ2_0", 256, 66},
    {"", 0, 0},           {"", 0, 0},          {"", 0, 0},           {"MXFP4", 32, 17},
};

struct FileType {
  uint64_t id;
  std::string_view name;
};
constexpr FileType kFileTypes[] = {
    {0, "ALL_F32"},           {1, "MOSTLY_F16"},     {2, "MOSTLY_Q4_0"},    {3, "MOSTLY_Q4_1"},
    {7, "MOSTLY_Q8_0"},       {8, "MOSTLY_Q5_0"},    {9, "MOSTLY_Q5_1"},    {10, "MOSTLY_Q2_K"},
    {11, "MOSTLY_Q3_K_S"},    {12, "MOSTLY_Q3_K_M"}, {13, "MOSTLY_Q3_K_L"}, {14, "MOSTLY_Q4_K_S"},
    {15, "MOSTLY_Q4_K_M"},    {16, "MOSTLY_Q5_K_S"}, {17, "MOSTLY_Q5_K_M"}, {18, "MOSTLY_Q6_K"},
    {19, "MOSTLY_IQ2_XXS"},   {20, "MOSTLY_IQ2_XS"}, {21, "MOSTLY_Q2_K_S"}, {22, "MOSTLY_IQ3_XS"},
    {23, "MOSTLY_IQ3_XXS"},   {24, "MOSTLY_IQ1_S"},  {25, "MOSTLY_IQ4_NL"}, {26, "MOSTLY_IQ3_S"},
    {27, "MOSTLY_IQ3_M"},     {28, "MOSTLY_IQ2_S"},  {29, "MOSTLY_IQ2_M"},  {30, "MOSTLY_IQ4_XS"},
    {31, "MOSTLY_IQ1_M"},     {32, "MOSTLY_BF16"},   {36, "MOSTLY_TQ1_0"},  {37, "MOSTLY_TQ2_0"},
    {38, "MOSTLY_MXFP4_MOE"},
};

// Bytes of a scalar value type; 0 for string/array/unknown.
uint64_t ScalarSize(uint32_t t) {
  switch (static_cast<ValueType>(t)) {
    case ValueType::kU8:
    case ValueType::kI8:
    case ValueType::kBool:
      return 1;
    case ValueType::kU16:
    case ValueType::kI16:
      return 2;
    case ValueType::kU32:
    case ValueType::kI32:
    case ValueType::kF32:
      return 4;
    case ValueType::kU64:
    case ValueType::kI64:
    case ValueType::kF64:
      return 8;
    default:
      return 0;
  }
}
bool KnownType(uint32_t t) { return t <= 12; }

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<uint8_t>(s[i]);
    size_t len = c < 0x80             ? 1
                 : (c & 0xE0) == 0xC0 ? 2
                 : (c & 0xF0) == 0xE0 ? 3
                 : (c & 0xF8) == 0xF0 ? 4
                                      : 0;
    if (len == 0 || (len == 2 && c < 0xC2) || s.size() - i < len) return false;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<uint8_t>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

class Parser {
 public:
  Parser(ByteView file, const GgufLimits& limits, GgufFile& out)
      : r_(file), limits_(limits), out_(out) {}

  void Run() {
    Status st = Header();
    if (st.ok()) st = Kvs();
    if (st.ok()) st = TensorInfos();
    out_.bytes_parsed = r_.offset();
    if (!st.ok()) {
      out_.status = st;
      return;
    }
    ValidateTensors();
  }

 private:
  void Add(IssueCode code, uint64_t off, std::string msg) {
    size_t idx = static_cast<size_t>(code);
    if (idx < per_kind_.size() && per_kind_[idx]++ >= limits_.max_reported_per_kind) return;
    out_.issues.push_back(Issue{code, off, "gguf: " + std::move(msg)});
  }
  // Records a fatal issue and returns it as a status.
  Status Fatal(IssueCode code, uint64_t off, std::string msg, bool limit = false) {
    Add(code, off, msg);
    return limit ? Status::LimitExceeded(off, "gguf: " + msg)
                 : Status::Malformed(off, "gguf: " + msg);
  }
  bool V1() const { return out_.version == 1; }

  // v1 used u32 for counts and lengths, v2+ u64.
  Result<uint64_t> ReadCount() {
    if (V1()) {
      AIGIS_ASSIGN_OR_RETURN(uint32_t v, r_.ReadU32Le());
      return static_cast<uint64_t>(v);
    }
    return r_.ReadU64Le();
  }
  Status Truncated(const Status& s, const std::string& what) {
    return Fatal(IssueCode::kTruncated, r_.absolute_offset(), what + ": " + s.message());
  }

  Status Header() {
    auto magic = r_.ReadU32Le();
    if (!magic.ok() || *magic != 0x46554747u) {  // "GGUF"
      return Fatal(IssueCode::kBadMagic, 0, "missing GGUF magic");
    }
    auto ver = r_.ReadU32Le();
    if (!ver.ok()) return Truncated(ver.status(), "version");
    if ((*ver & 0xFFFF) == 0 && *ver != 0) {
      return Fatal(IssueCode::kBigEndian, 4,
                   "big-endian GGUF (version " + std::to_string(__builtin_bswap32(*ver)) +
                       ") is not analysed");
    }
    if (*ver < 1 || *ver > 3) {
      return Fatal(IssueCode::kBadVersion, 4, "unsupported version " + std::to_string(*ver));
    }
    out_.version = *ver;
    auto tc = ReadCount();
    if (!tc.ok()) return Truncated(tc.status(), "tensor count");
    auto kc = ReadCount();
    if (!kc.ok()) return Truncated(kc.status(), "metadata count");
    out_.tensor_count = *tc;
    out_.kv_count = *kc;
    return Status::Ok();
  }

  // Minimum encoded size of one value of type t (used to bound counts by remaining bytes).
  uint64_t MinSize(uint32_t t) const {
    uint64_t s = ScalarSize(t);
    if (s) return s;
    if (t == static_cast<uint32_t>(ValueType::kString)) return V1() ? 4 : 8;
    return V1() ? 8 : 12;  // array: type + count
  }

  Result<std::string_view> ReadStr(uint64_t max, const char* what, uint64_t* str_off) {
    const uint64_t at = r_.absolute_offset();
    auto len = ReadCount();
    if (!len.ok()) return Truncated(len.status(), what);
    if (*len > max) {
      return Fatal(IssueCode::kLimit, at,
                   std::string(what) + " length " + std::to_string(*len) + " exceeds limit " +
                       std::to_string(max),
                   true);
    }
    if (*len > r_.remaining()) {
      return Fatal(IssueCode::kCountTooLarge, at,
                   std::string(what) + " length " + std::to_string(*len) + " exceeds the " +
                       std::to_string(r_.remaining()) + " bytes left");
    }
    if (str_off) *str_off = r_.absolute_offset();
    return r_.ReadString(*len);
  }

  Status Kvs() {
    if (out_.kv_count > limits_.max_kv) {
      return Fatal(IssueCode::kLimit, 16,
                   "metadata count " + std::to_string(out_.kv_count) + " exceeds limit", true);
    }
    // Each KV needs at least a key length, a type and one byte.
    const uint64_t min_kv = (V1() ? 4 : 8) + 4 + 1;
    if (out_.kv_count > r_.remaining() / min_kv) {
      return Fatal(IssueCode::kCountTooLarge, 16,
                   "metadata count " + std::to_string(out_.kv_count) + " cannot fit in " +
                       std::to_string(r_.remaining()) + " bytes");
    }
    out_.kvs.reserve(static_cast<size_t>(out_.kv_count));
    std::unordered_set<std::string_view> seen;
    for (uint64_t i = 0; i < out_.kv_count; ++i) {
      KeyValue kv;
      kv.offset = r_.absolute_offset();
      AIGIS_ASSIGN_OR_RETURN(kv.key, ReadStr(limits_.max_key_bytes, "key", nullptr));
      if (kv.key.empty()) Add(IssueCode::kBadKey, kv.offset, "empty key");
      for (char c : kv.key) {
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) {
          Add(IssueCode::kBadKey, kv.offset, "non-printable or non-ASCII byte in key");
          break;
        }
      }
      if (!seen.insert(kv.key).second) {
        Add(IssueCode::kDuplicateKey, kv.offset,
            "duplicate key '" + std::string(kv.key.substr(0, 128)) + "'");
      }
      const uint64_t type_off = r_.absolute_offset();
      auto t = r_.ReadU32Le();
      if (!t.ok()) return Truncated(t.status(), "value type");
      if (!KnownType(*t)) {
        return Fatal(IssueCode::kBadValueType, type_off,
                     "key '" + std::string(kv.key.substr(0, 128)) + "': unknown value type " +
                         std::to_string(*t));
      }
      kv.type = static_cast<ValueType>(*t);
      AIGIS_RETURN_IF_ERROR(Value(kv));
      out_.kvs.push_back(std::move(kv));
    }
    return Status::Ok();
  }

  Status Scalar(uint32_t t, KeyValue* kv) {
    const uint64_t at = r_.absolute_offset();
    switch (static_cast<ValueType>(t)) {
      case ValueType::kU8: {
        AIGIS_ASSIGN_OR_RETURN(uint8_t v, r_.ReadU8());
        if (kv) kv->u64 = v;
        break;
      }
      case ValueType::kI8: {
        AIGIS_ASSIGN_OR_RETURN(uint8_t v, r_.ReadU8());
        if (kv) kv->i64 = static_cast<int8_t>(v);
        break;
      }
      case ValueType::kU16: {
        AIGIS_ASSIGN_OR_RETURN(uint16_t v, r_.ReadU16Le());
        if (kv) kv->u64 = v;
        break;
      }
      case ValueType::kI16: {
        AIGIS_ASSIGN_OR_RETURN(uint16_t v, r_.ReadU16Le());
        if (kv) kv->i64 = static_cast<int16_t>(v);
        break;
      }
      case ValueType::kU32: {
        AIGIS_ASSIGN_OR_RETURN(uint32_t v, r_.ReadU32Le());
        if (kv) kv->u64 = v;
        break;
      }
      case ValueType::kI32: {
        AIGIS_ASSIGN_OR_RETURN(uint32_t v, r_.ReadU32Le());
        if (kv) kv->i64 = static_cast<int32_t>(v);
        break;
      }
      case ValueType::kU64: {
        AIGIS_ASSIGN_OR_RETURN(uint64_t v, r_.ReadU64Le());
        if (kv) kv->u64 = v;
        break;
      }
      case ValueType::kI64: {
        AIGIS_ASSIGN_OR_RETURN(uint64_t v, r_.ReadU64Le());
        if (kv) kv->i64 = static_cast<int64_t>(v);
        break;
      }
      case ValueType::kF32: {
        AIGIS_ASSIGN_OR_RETURN(uint32_t v, r_.ReadU32Le());
        float f;
        std::memcpy(&f, &v, 4);
        if (kv) kv->f64 = f;
        break;
      }
      case ValueType::kF64: {
        AIGIS_ASSIGN_OR_RETURN(uint64_t v, r_.ReadU64Le());
        double d;
        std::memcpy(&d, &v, 8);
        if (kv) kv->f64 = d;
        break;
      }
      case ValueType::kBool: {
        AIGIS_ASSIGN_OR_RETURN(uint8_t v, r_.ReadU8());
        if (v > 1)
          Add(IssueCode::kBadBool, at, "bool value " + std::to_string(v) + " is not 0 or 1");
        if (kv) kv->u64 = v;
        break;
      }
      default:
        return Status::Internal("gguf: not a scalar type");
    }
    return Status::Ok();
  }

  Status Value(KeyValue& kv) {
    const uint32_t t = static_cast<uint32_t>(kv.type);
    if (ScalarSize(t)) {
      Status s = Scalar(t, &kv);
      if (!s.ok()) return Truncated(s, "value of '" + std::string(kv.key.substr(0, 128)) + "'");
      return Status::Ok();
    }
    if (kv.type == ValueType::kString) {
      AIGIS_ASSIGN_OR_RETURN(kv.str,
                             ReadStr(limits_.max_string_bytes, "string value", &kv.str_offset));
      if (!ValidUtf8(kv.str))
        Add(IssueCode::kBadUtf8, kv.str_offset,
            "value of '" + std::string(kv.key.substr(0, 128)) + "' is not UTF-8");
      return Status::Ok();
    }
    return Array(kv);
  }

  // Arrays (possibly nested) walked with an explicit stack: no recursion on input depth.
  Status Array(KeyValue& kv) {
    struct Frame {
      uint32_t elem;
      uint64_t left;
    };
    std::vector<Frame> stack;
    auto open = [&](bool top) -> Status {
      const uint64_t at = r_.absolute_offset();
      auto et = r_.ReadU32Le();
      if (!et.ok()) return Truncated(et.status(), "array type");
      if (!KnownType(*et)) {
        return Fatal(IssueCode::kBadValueType, at, "array of unknown type " + std::to_string(*et));
      }
      auto n = ReadCount();
      if (!n.ok()) return Truncated(n.status(), "array count");
      if (*n > r_.remaining() / MinSize(*et)) {
        return Fatal(IssueCode::kCountTooLarge, at,
                     "array count " + std::to_string(*n) + " cannot fit in " +
                         std::to_string(r_.remaining()) + " bytes");
      }
      if (top) {
        kv.elem_type = static_cast<ValueType>(*et);
        kv.count = *n;
      } else {
        kv.nested = true;
      }
      if (stack.size() >= limits_.max_array_depth) {
        return Fatal(IssueCode::kArrayTooDeep, at,
                     "arrays nested deeper than " + std::to_string(limits_.max_array_depth), true);
      }
      stack.push_back(Frame{*et, *n});
      return Status::Ok();
    };
    AIGIS_RETURN_IF_ERROR(open(true));
    const bool keep =
        kv.elem_type == ValueType::kString && kv.count <= limits_.max_kept_array_strings;
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.left == 0) {
        stack.pop_back();
        continue;
      }
      const uint64_t sz = ScalarSize(f.elem);
      if (sz) {
        // Scalars: skip the whole run at once (bool values are still checked).
        if (f.elem == static_cast<uint32_t>(ValueType::kBool)) {
          for (; f.left > 0; --f.left) {
            Status s = Scalar(f.elem, nullptr);
            if (!s.ok()) return Truncated(s, "bool array");
          }
        } else {
          Status s = r_.Skip(f.left * sz);  // f.left * sz <= remaining (checked at open)
          if (!s.ok()) return Truncated(s, "array");
          f.left = 0;
        }
        continue;
      }
      --f.left;
      if (f.elem == static_cast<uint32_t>(ValueType::kString)) {
        uint64_t off = 0;
        AIGIS_ASSIGN_OR_RETURN(std::string_view s,
                               ReadStr(limits_.max_string_bytes, "array string", &off));
        if (keep && stack.size() == 1) {
          kv.strings.push_back(s);
          kv.string_offsets.push_back(off);
        }
        continue;
      }
      AIGIS_RETURN_IF_ERROR(open(false));  // invalidates f
    }
    return Status::Ok();
  }

  Status TensorInfos() {
    if (const KeyValue* a = out_.Find("general.alignment")) {
      const bool int_type = a->type == ValueType::kU32 || a->type == ValueType::kU64 ||
                            a->type == ValueType::kI32 || a->type == ValueType::kU16 ||
                            a->type == ValueType::kU8;
      const uint64_t v = a->type == ValueType::kI32 ? static_cast<uint64_t>(a->i64) : a->u64;
      if (a->type != ValueType::kU32) {
        Add(IssueCode::kBadAlignment, a->offset, "general.alignment is not a u32");
      }
      if (!int_type || v == 0 || v > (1u << 30) || (v & (v - 1)) != 0 || v % 8 != 0) {
        Add(IssueCode::kBadAlignment, a->offset,
            "general.alignment " + std::to_string(v) +
                " is not a power-of-two multiple of 8; using 32");
      } else {
        out_.alignment = static_cast<uint32_t>(v);
      }
    }
    if (out_.tensor_count > limits_.max_tensors) {
      return Fatal(IssueCode::kLimit, r_.absolute_offset(),
                   "tensor count " + std::to_string(out_.tensor_count) + " exceeds limit", true);
    }
    // name len + n_dims + type + offset at minimum.
    const uint64_t min_info = (V1() ? 4 : 8) + 4 + 4 + 8;
    if (out_.tensor_count > r_.remaining() / min_info) {
      return Fatal(IssueCode::kCountTooLarge, r_.absolute_offset(),
                   "tensor count " + std::to_string(out_.tensor_count) + " cannot fit in " +
                       std::to_string(r_.remaining()) + " bytes");
    }
    out_.tensors.reserve(static_cast<size_t>(out_.tensor_count));
    std::unordered_set<std::string_view> names;
    for (uint64_t i = 0; i < out_.tensor_count; ++i) {
      TensorInfo t;
      t.info_offset = r_.absolute_offset();
      AIGIS_ASSIGN_OR_RETURN(t.name, ReadStr(limits_.max_string_bytes, "tensor name", nullptr));
      if (t.name.empty() || t.name.size() > limits_.max_tensor_name_bytes) {
        Add(IssueCode::kBadTensorName, t.info_offset,
            "tensor name of " + std::to_string(t.name.size()) + " bytes (ggml allows 1.." +
                std::to_string(limits_.max_tensor_name_bytes) + ")");
      }
      if (!names.insert(t.name).second) {
        Add(IssueCode::kDuplicateTensor, t.info_offset,
            "duplicate tensor '" + std::string(t.name.substr(0, 64)) + "'");
      }
      const uint64_t nd_off = r_.absolute_offset();
      auto nd = r_.ReadU32Le();
      if (!nd.ok()) return Truncated(nd.status(), "n_dims");
      if (*nd > limits_.max_dims) {
        return Fatal(IssueCode::kTooManyDims, nd_off,
                     "tensor '" + std::string(t.name.substr(0, 64)) + "' has " +
                         std::to_string(*nd) + " dimensions (max " +
                         std::to_string(limits_.max_dims) + ")");
      }
      for (uint32_t d = 0; d < *nd; ++d) {
        auto dim = ReadCount();
        if (!dim.ok()) return Truncated(dim.status(), "tensor dims");
        t.dims.push_back(*dim);
      }
      auto ty = r_.ReadU32Le();
      if (!ty.ok()) return Truncated(ty.status(), "tensor type");
      t.type = *ty;
      auto off = r_.ReadU64Le();
      if (!off.ok()) return Truncated(off.status(), "tensor offset");
      t.offset = *off;
      out_.tensors.push_back(std::move(t));
    }
    out_.header_end = r_.absolute_offset();
    const uint64_t a = out_.alignment;
    out_.data_start = out_.header_end + (a - out_.header_end % a) % a;
    return Status::Ok();
  }

  void ValidateTensors() {
    const uint64_t file_size = r_.size();
    const uint64_t data_len = out_.data_start <= file_size ? file_size - out_.data_start : 0;
    uint64_t params = 0;
    bool saturated = false;
    for (TensorInfo& t : out_.tensors) {
      const std::string name(t.name.substr(0, 64));
      uint64_t numel = 1;
      bool ok = true;
      for (uint64_t d : t.dims) {
        auto m = CheckedMul(numel, d);
        if (!m || d == 0) {
          Add(IssueCode::kBadDim, t.info_offset,
              "tensor '" + name + "': zero or overflowing dimension");
          ok = false;
          break;
        }
        numel = *m;
      }
      if (!ok) continue;
      if (!saturated) {
        auto p = CheckedAdd(params, numel);
        if (p)
          params = *p;
        else {
          params = UINT64_MAX;
          saturated = true;
        }
      }
      uint64_t block = 0, tsize = 0;
      if (!GgmlTypeSize(t.type, &block, &tsize)) {
        Add(IssueCode::kUnknownTensorType, t.info_offset,
            "tensor '" + name + "': unknown ggml type " + std::to_string(t.type));
        continue;
      }
      if (t.offset % out_.alignment != 0) {
        Add(IssueCode::kMisaligned, t.info_offset,
            "tensor '" + name + "': offset " + std::to_string(t.offset) + " not aligned to " +
                std::to_string(out_.alignment));
      }
      const uint64_t ne0 = t.dims.empty() ? 1 : t.dims[0];
      if (ne0 % block != 0) {
        Add(IssueCode::kBadRowSize, t.info_offset,
            "tensor '" + name + "': row of " + std::to_string(ne0) +
                " not a multiple of block size " + std::to_string(block));
        continue;
      }
      auto bytes = CheckedMul(numel / block, tsize);
      if (!bytes) {
        Add(IssueCode::kBadDim, t.info_offset, "tensor '" + name + "': byte size overflows");
        continue;
      }
      t.nbytes = *bytes;
      if (!RangeFits(t.offset, t.nbytes, data_len)) {
        Add(IssueCode::kOutOfRange, t.info_offset,
            "tensor '" + name + "': bytes [" + std::to_string(t.offset) + ", +" +
                std::to_string(t.nbytes) + ") outside the " + std::to_string(data_len) +
                "-byte data section");
      }
    }
    out_.parameter_count = params;
    std::vector<const TensorInfo*> sorted;
    for (const TensorInfo& t : out_.tensors)
      if (t.nbytes) sorted.push_back(&t);
    std::sort(sorted.begin(), sorted.end(),
              [](const TensorInfo* a, const TensorInfo* b) { return a->offset < b->offset; });
    for (size_t i = 1; i < sorted.size(); ++i) {
      const TensorInfo* p = sorted[i - 1];
      const TensorInfo* c = sorted[i];
      if (c->offset - p->offset < p->nbytes) {
        Add(IssueCode::kOverlap, c->info_offset,
            "tensor '" + std::string(c->name.substr(0, 64)) + "' overlaps '" +
                std::string(p->name.substr(0, 64)) + "'");
      }
    }
  }

  ByteReader r_;
  const GgufLimits& limits_;
  GgufFile& out_;
  std::array<uint32_t, 32> per_kind_{};
};

}  // namespace

std::string_view ValueTypeName(ValueType t) {
  switch (t) {
    case ValueType::kU8:
      return "u8";
    case ValueType::kI8:
      return "i8";
    case ValueType::kU16:
      return "u16";
    case ValueType::kI16:
      return "i16";
    case ValueType::kU32:
      return "u32";
    case ValueType::kI32:
      return "i32";
    case ValueType::kF32:
      return "f32";
    case ValueType::kBool:
      return "bool";
    case ValueType::kString:
      return "string";
    case ValueType::kArray:
      return "array";
    case ValueType::kU64:
      return "u64";
    case ValueType::kI64:
      return "i64";
    case ValueType::kF64:
      return "f64";
  }
  return "unknown";
}

std::string_view IssueCodeName(IssueCode code) {
  switch (code) {
    case IssueCode::kBadMagic:
      return "bad-magic";
    case IssueCode::kBigEndian:
      return "big-endian";
    case IssueCode::kBadVersion:
      return "bad-version";
    case IssueCode::kTruncated:
      return "truncated";
    case IssueCode::kBadValueType:
      return "bad-value-type";
    case IssueCode::kBadBool:
      return "bad-bool";
    case IssueCode::kArrayTooDeep:
      return "array-too-deep";
    case IssueCode::kCountTooLarge:
      return "count-too-large";
    case IssueCode::kBadKey:
      return "bad-key";
    case IssueCode::kDuplicateKey:
      return "duplicate-key";
    case IssueCode::kBadUtf8:
      return "bad-utf8";
    case IssueCode::kBadAlignment:
      return "bad-alignment";
    case IssueCode::kTooManyDims:
      return "too-many-dims";
    case IssueCode::kBadDim:
      return "bad-dim";
    case IssueCode::kBadTensorName:
      return "bad-tensor-name";
    case IssueCode::kDuplicateTensor:
      return "duplicate-tensor";
    case IssueCode::kUnknownTensorType:
      return "unknown-tensor-type";
    case IssueCode::kBadRowSize:
      return "bad-row-size";
    case IssueCode::kMisaligned:
      return "misaligned";
    case IssueCode::kOutOfRange:
      return "out-of-range";
    case IssueCode::kOverlap:
      return "overlap";
    case IssueCode::kLimit:
      return "limit";
  }
  return "unknown";
}

const KeyValue* GgufFile::Find(std::string_view key) const {
  for (const KeyValue& kv : kvs)
    if (kv.key == key) return &kv;
  return nullptr;
}

std::optional<std::string_view> GgufFile::FindString(std::string_view key) const {
  const KeyValue* kv = Find(key);
  if (kv == nullptr || kv->type != ValueType::kString) return std::nullopt;
  return kv->str;
}

std::string_view GgmlTypeName(uint32_t type) {
  if (type >= std::size(kGgmlTypes)) return {};
  return kGgmlTypes[type].name;
}

bool GgmlTypeSize(uint32_t type, uint64_t* block, uint64_t* type_size) {
  if (type >= std::size(kGgmlTypes) || kGgmlTypes[type].block == 0) return false;
  *block = kGgmlTypes[type].block;
  *type_size = kGgmlTypes[type].size;
  return true;
}

std::string_view FileTypeName(uint64_t file_type) {
  for (const FileType& f : kFileTypes)
    if (f.id == file_type) return f.name;
  return {};
}

GgufFile ReadGguf(ByteView file, const GgufLimits& limits) {
  GgufFile out;
  Parser p(file, limits, out);
  p.Run();
  return out;
}

bool LooksLikeGguf(ByteView head) {
  if (head.size() < 8) return false;
  if (LoadU32Le(head, 0) != 0x46554747u) return false;
  const uint32_t v = LoadU32Le(head, 4);
  return v >= 1 && v <= 3;
}

}  // namespace aigis::formats::gguf
