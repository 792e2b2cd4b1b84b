// .npy format: numpy/lib/format.py (NEP 1). The header is a Python literal; we parse the
// subset numpy writes (str, int, bool, None, tuple, list, dict) with a depth cap.
#include "formats/npy/npy_header.h"

#include <string_view>
#include <tuple>
#include <utility>

#include "core/checked_math.h"

namespace aigis::formats::npy {
namespace {

struct PyValue {
  enum class Kind : uint8_t { kStr, kInt, kBool, kNone, kTuple, kList, kDict };
  Kind kind = Kind::kNone;
  std::string str;
  int64_t num = 0;
  bool int_overflow = false;
  bool flag = false;
  std::vector<PyValue> items;  // dict: key, value, key, value ...
};

// Recursive descent whose depth is capped by limits.max_depth (the input cannot push it
// further), over a view of the header bytes.
class LiteralParser {
 public:
  LiteralParser(std::string_view text, uint64_t base, const NpyLimits& limits)
      : s_(text), base_(base), limits_(limits) {}

  Result<PyValue> ParseTop() {
    AIGIS_ASSIGN_OR_RETURN(PyValue v, Parse(0));
    SkipSpace();
    if (pos_ != s_.size()) return Error("trailing characters after the literal");
    return v;
  }

 private:
  Status Error(const std::string& what) const {
    return Status::Malformed(base_ + pos_, "npy: header: " + what);
  }
  void SkipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' ||
                                s_[pos_] == '\r' || s_[pos_] == '\0')) {
      ++pos_;
    }
  }
  bool Eat(char c) {
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  Result<PyValue> Parse(uint32_t depth) {
    if (depth > limits_.max_depth) {
      return Status::LimitExceeded(
          base_ + pos_, "npy: header nests deeper than " + std::to_string(limits_.max_depth));
    }
    if (++nodes_ > limits_.max_nodes) {
      return Status::LimitExceeded(base_ + pos_, "npy: header has more than " +
                                                     std::to_string(limits_.max_nodes) + " values");
    }
    SkipSpace();
    if (pos_ >= s_.size()) return Error("unexpected end");
    char c = s_[pos_];
    if (c == '{') return ParseSeq(depth, '}', PyValue::Kind::kDict);
    if (c == '(') return ParseSeq(depth, ')', PyValue::Kind::kTuple);
    if (c == '[') return ParseSeq(depth, ']', PyValue::Kind::kList);
    if (c == '\'' || c == '"') return ParseString();
    if ((c == 'u' || c == 'b' || c == 'U' || c == 'B') && pos_ + 1 < s_.size() &&
        (s_[pos_ + 1] == '\'' || s_[pos_ + 1] == '"')) {
      ++pos_;  // u'' / b'' prefixes (Python 2 era headers)
      return ParseString();
    }
    if (c == '-' || (c >= '0' && c <= '9')) return ParseInt();
    for (auto [word, kind, flag] : {std::tuple{"True", PyValue::Kind::kBool, true},
                                    std::tuple{"False", PyValue::Kind::kBool, false},
                                    std::tuple{"None", PyValue::Kind::kNone, false}}) {
      std::string_view w(word);
      if (s_.substr(pos_, w.size()) == w) {
        pos_ += w.size();
        PyValue v;
        v.kind = kind;
        v.flag = flag;
        return v;
      }
    }
    return Error(std::string("unexpected character '") + c + "'");
  }

  Result<PyValue> ParseSeq(uint32_t depth, char close, PyValue::Kind kind) {
    ++pos_;  // opening bracket
    PyValue v;
    v.kind = kind;
    bool saw_comma = false;
    while (true) {
      if (Eat(close)) break;
      if (!v.items.empty() && !saw_comma) return Error("expected ',' or closing bracket");
      AIGIS_ASSIGN_OR_RETURN(PyValue item, Parse(depth + 1));
      v.items.push_back(std::move(item));
      if (kind == PyValue::Kind::kDict) {
        if (!Eat(':')) return Error("expected ':' in dict");
        AIGIS_ASSIGN_OR_RETURN(PyValue val, Parse(depth + 1));
        v.items.push_back(std::move(val));
      }
      saw_comma = Eat(',');
    }
    // "(3)" is just 3 in Python: a parenthesised single value without a comma.
    if (kind == PyValue::Kind::kTuple && v.items.size() == 1 && !saw_comma) {
      return std::move(v.items[0]);
    }
    return v;
  }

  Result<PyValue> ParseString() {
    char quote = s_[pos_++];
    PyValue v;
    v.kind = PyValue::Kind::kStr;
    while (true) {
      if (pos_ >= s_.size()) return Error("unterminated string");
      char c = s_[pos_++];
      if (c == quote) break;
      if (c == '\n') return Error("newline in string");
      if (c == '\\') {
        if (pos_ >= s_.size()) return Error("unterminated escape");
        char e = s_[pos_++];
        switch (e) {
          case 'n':
            v.str.push_back('\n');
            break;
          case 't':
            v.str.push_back('\t');
            break;
          case 'r':
            v.str.push_back('\r');
            break;
          case '0':
            v.str.push_back('\0');
            break;
          default:
            v.str.push_back(e);
            break;  // \\ \' \" and anything else literally
        }
        continue;
      }
      v.str.push_back(c);
    }
    return v;
  }

  Result<PyValue> ParseInt() {
    PyValue v;
    v.kind = PyValue::Kind::kInt;
    bool neg = s_[pos_] == '-';
    if (neg) ++pos_;
    size_t start = pos_;
    uint64_t mag = 0;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
      std::optional<uint64_t> m = CheckedMul(mag, 10);
      if (m) m = CheckedAdd(*m, static_cast<uint64_t>(s_[pos_] - '0'));
      if (!m || *m > static_cast<uint64_t>(INT64_MAX)) {
        v.int_overflow = true;
      } else {
        mag = *m;
      }
      ++pos_;
    }
    if (pos_ == start) return Error("expected digits");
    if (pos_ < s_.size() && (s_[pos_] == 'L' || s_[pos_] == 'l')) ++pos_;  // Python 2 long
    v.num = neg ? -static_cast<int64_t>(mag) : static_cast<int64_t>(mag);
    return v;
  }

  std::string_view s_;
  size_t pos_ = 0;
  uint64_t base_;
  const NpyLimits& limits_;
  uint32_t nodes_ = 0;
};

// Python-repr-like text of a value (depth already bounded by the parser).
void Render(const PyValue& v, std::string& out) {
  switch (v.kind) {
    case PyValue::Kind::kStr: {
      out.push_back('\'');
      for (char c : v.str) {
        if (c == '\'' || c == '\\') out.push_back('\\');
        out.push_back(c);
      }
      out.push_back('\'');
      return;
    }
    case PyValue::Kind::kInt:
      out += std::to_string(v.num);
      return;
    case PyValue::Kind::kBool:
      out += v.flag ? "True" : "False";
      return;
    case PyValue::Kind::kNone:
      out += "None";
      return;
    case PyValue::Kind::kTuple:
    case PyValue::Kind::kList:
    case PyValue::Kind::kDict: {
      bool dict = v.kind == PyValue::Kind::kDict;
      out.push_back(v.kind == PyValue::Kind::kTuple ? '(' : dict ? '{' : '[');
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) out += (dict && i % 2 == 1) ? ": " : ", ";
        Render(v.items[i], out);
      }
      if (v.kind == PyValue::Kind::kTuple && v.items.size() == 1) out.push_back(',');
      out.push_back(v.kind == PyValue::Kind::kTuple ? ')' : dict ? '}' : ']');
      return;
    }
  }
}

// A numpy array-protocol typestr: [<>|=]? kind digits? ([unit])?  e.g. '<f4', '|O', '<M8[ns]'.
struct TypeStr {
  char kind = 0;
  std::optional<uint64_t> itemsize;
};
std::optional<TypeStr> ParseTypeStr(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '<' || s[i] == '>' || s[i] == '|' || s[i] == '=')) ++i;
  if (i >= s.size()) return std::nullopt;
  TypeStr t;
  t.kind = s[i++];
  if (std::string_view("biufcmMOSUVa?").find(t.kind) == std::string_view::npos) {
    return std::nullopt;
  }
  uint64_t n = 0;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 12) {
    n = n * 10 + static_cast<uint64_t>(s[i++] - '0');
    ++digits;
  }
  if (i < s.size() && s[i] == '[') {
    size_t close = s.find(']', i);
    if (close == std::string_view::npos || close + 1 != s.size()) return std::nullopt;
    i = s.size();
  }
  if (i != s.size()) return std::nullopt;
  if (t.kind == 'O') {
    t.itemsize = 8;  // a pointer in memory; on disk the data is a pickle
  } else if (t.kind == '?') {
    t.itemsize = 1;
  } else if (digits > 0) {
    t.itemsize = t.kind == 'U' ? CheckedMul(n, 4) : std::optional<uint64_t>(n);
  }
  return t;
}

// True when any string in the tree is an object typestr. Used for descr forms we do not
// fully understand (dict descr): fail closed for the scanner.
bool AnyObjectString(const PyValue& v, uint32_t depth) {
  if (v.kind == PyValue::Kind::kStr) {
    auto t = ParseTypeStr(v.str);
    return t && t->kind == 'O';
  }
  if (depth > 64) return true;
  for (const PyValue& c : v.items) {
    if (AnyObjectString(c, depth + 1)) return true;
  }
  return false;
}

struct DtypeInfo {
  bool has_object = false;
  std::optional<uint64_t> itemsize;
};

// descr is a typestr, or a list of (name, dtype[, shape]) where name may be (title, name) and
// dtype recurses (numpy's dtype.descr / format.descr_to_dtype).
DtypeInfo DescribeDtype(const PyValue& d, uint32_t depth) {
  DtypeInfo info;
  if (d.kind == PyValue::Kind::kStr) {
    auto t = ParseTypeStr(d.str);
    if (t) {
      info.has_object = t->kind == 'O';
      info.itemsize = t->itemsize;
    } else {
      info.has_object = true;  // unknown dtype strings: fail closed
    }
    return info;
  }
  if (d.kind != PyValue::Kind::kList || depth > 64) {
    info.has_object = AnyObjectString(d, depth);
    return info;
  }
  std::optional<uint64_t> total = 0;
  for (const PyValue& field : d.items) {
    if (field.kind != PyValue::Kind::kTuple || field.items.size() < 2 || field.items.size() > 3) {
      info.has_object = info.has_object || AnyObjectString(field, depth + 1);
      total.reset();
      continue;
    }
    DtypeInfo sub = DescribeDtype(field.items[1], depth + 1);
    info.has_object = info.has_object || sub.has_object;
    std::optional<uint64_t> size = sub.itemsize;
    if (field.items.size() == 3) {
      const PyValue& shp = field.items[2];
      if (shp.kind == PyValue::Kind::kInt && shp.num >= 0) {
        if (size) size = CheckedMul(*size, static_cast<uint64_t>(shp.num));
      } else if (shp.kind == PyValue::Kind::kTuple) {
        for (const PyValue& dim : shp.items) {
          if (dim.kind != PyValue::Kind::kInt || dim.num < 0 || dim.int_overflow) {
            size.reset();
            break;
          }
          if (size) size = CheckedMul(*size, static_cast<uint64_t>(dim.num));
        }
      } else {
        size.reset();
      }
    }
    if (total && size) {
      total = CheckedAdd(*total, *size);
    } else {
      total.reset();
    }
  }
  info.itemsize = total;
  return info;
}

}  // namespace

Result<NpyHeader> ParseNpyHeader(ByteView data, const NpyLimits& limits) {
  ByteReader r(data);
  AIGIS_ASSIGN_OR_RETURN(ByteView magic, r.ReadBytes(6));
  if (AsStringView(magic) != "\x93NUMPY") return Status::Malformed(0, "npy: bad magic");
  NpyHeader h;
  AIGIS_ASSIGN_OR_RETURN(h.major, r.ReadU8());
  AIGIS_ASSIGN_OR_RETURN(h.minor, r.ReadU8());
  if (h.major == 1 && h.minor == 0) {
    AIGIS_ASSIGN_OR_RETURN(uint16_t len, r.ReadU16Le());
    h.header_len = len;
  } else if ((h.major == 2 || h.major == 3) && h.minor == 0) {
    AIGIS_ASSIGN_OR_RETURN(uint32_t len, r.ReadU32Le());
    h.header_len = len;
  } else {
    return Status::Unsupported("npy: version " + std::to_string(h.major) + "." +
                               std::to_string(h.minor));
  }
  if (h.header_len > limits.max_header_bytes) {
    return Status::LimitExceeded(r.offset(), "npy: header of " + std::to_string(h.header_len) +
                                                 " bytes exceeds " +
                                                 std::to_string(limits.max_header_bytes));
  }
  h.over_numpy_header_limit = h.header_len > limits.numpy_header_limit;
  uint64_t header_start = r.offset();
  AIGIS_ASSIGN_OR_RETURN(std::string_view text, r.ReadString(h.header_len));
  h.data_offset = r.offset();

  LiteralParser parser(text, header_start, limits);
  AIGIS_ASSIGN_OR_RETURN(PyValue dict, parser.ParseTop());
  if (dict.kind != PyValue::Kind::kDict) {
    return Status::Malformed(header_start, "npy: header is not a dict literal");
  }
  const PyValue* descr = nullptr;
  const PyValue* fortran = nullptr;
  const PyValue* shape = nullptr;
  for (size_t i = 0; i + 1 < dict.items.size(); i += 2) {
    const PyValue& k = dict.items[i];
    const PyValue* v = &dict.items[i + 1];
    if (k.kind == PyValue::Kind::kStr && k.str == "descr") {
      descr = v;
    } else if (k.kind == PyValue::Kind::kStr && k.str == "fortran_order") {
      fortran = v;
    } else if (k.kind == PyValue::Kind::kStr && k.str == "shape") {
      shape = v;
    } else {
      h.unexpected_keys = true;
    }
  }
  if (!descr || !fortran || !shape) {
    return Status::Malformed(header_start, "npy: header lacks 'descr', 'fortran_order' or 'shape'");
  }
  if (fortran->kind != PyValue::Kind::kBool) {
    return Status::Malformed(header_start, "npy: 'fortran_order' is not a bool");
  }
  h.fortran_order = fortran->flag;
  if (shape->kind != PyValue::Kind::kTuple) {
    return Status::Malformed(header_start, "npy: 'shape' is not a tuple");
  }
  if (shape->items.size() > limits.max_dims) {
    return Status::LimitExceeded(header_start,
                                 "npy: more than " + std::to_string(limits.max_dims) + " dims");
  }
  for (const PyValue& dim : shape->items) {
    if (dim.kind != PyValue::Kind::kInt || dim.num < 0 || dim.int_overflow) {
      return Status::Malformed(header_start, "npy: shape holds a non-integer or negative dim");
    }
    h.shape.push_back(static_cast<uint64_t>(dim.num));
  }
  Render(*descr, h.descr);
  DtypeInfo info = DescribeDtype(*descr, 0);
  h.has_object = info.has_object;
  h.itemsize = info.itemsize;
  if (!h.has_object && h.itemsize) {
    std::optional<uint64_t> n = *h.itemsize;
    for (uint64_t d : h.shape) {
      if (n) n = CheckedMul(*n, d);
    }
    h.data_bytes = n;
  }
  return h;
}

}  // namespace aigis::formats::npy
