// Static emulator of CPython's _pickle.c Unpickler. See pickle_analyzer.h.
//
// Design notes:
// - Values are 16-byte tagged records; strings are views into the input (or into an arena for
//   the rare proto-0 strings with escapes). Containers and call results have identity through a
//   record table, with a bounded number of elements kept in one shared pool, so the hot path does
//   no per-opcode heap allocation.
// - Stack/MARK/fence semantics follow _pickle.c (Pdata fence, do_append/do_setitems reaching below
//   the fence, marker() errors), so underflow errors happen where CPython's happen.
// - The input is read linearly like _pickle.c does for in-memory data; FRAME boundaries are
//   tracked and any opcode straddling one is an anomaly (CPython's readers may disagree).
#include "formats/pickle/pickle_analyzer.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <optional>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "core/bytes.h"
#include "core/checked_math.h"
#include "core/hex.h"

namespace aigis::formats::pickle {

std::string_view CallKindName(CallKind k) {
  switch (k) {
    case CallKind::kReduce:
      return "REDUCE";
    case CallKind::kInst:
      return "INST";
    case CallKind::kObj:
      return "OBJ";
    case CallKind::kNewObj:
      return "NEWOBJ";
    case CallKind::kNewObjEx:
      return "NEWOBJ_EX";
    case CallKind::kBuild:
      return "BUILD";
    case CallKind::kSetItem:
      return "SETITEM";
    case CallKind::kAppend:
      return "APPEND";
  }
  return "?";
}

bool PickleReport::HasAnomaly(std::string_view code) const {
  for (const auto& a : anomalies)
    if (a.code == code) return true;
  return false;
}

std::string PickleReport::CalleeName(const Call& c) const {
  if (c.callee_import != kNoImport && c.callee_import < imports.size())
    return imports[c.callee_import].FullName();
  if (c.via_import != kNoImport && c.via_import < imports.size())
    return "<result of " + imports[c.via_import].FullName() + ">";
  return "<unknown>";
}

namespace {

enum class VKind : uint8_t {
  kEmpty,  // memo slot not set
  kNone,
  kBool,
  kInt,     // a = int64 bits
  kBigInt,  // a = ptr, b = len: little-endian two's complement (LONG1/LONG4)
  kBigDec,  // a = ptr, b = len: decimal text (INT/LONG lines that do not fit int64)
  kFloat,
  kStr,    // a = ptr, b = len (UTF-8)
  kBytes,  // a = ptr, b = len
  kTuple,  // b = container id
  kList,
  kDict,
  kSet,
  kFrozenSet,
  kGlobal,      // aux = import index
  kObject,      // result of a call; aux = import behind the callee; b = record id (args, state)
  kPersistent,  // result of persistent_load
  kUnknown,
};

constexpr uint64_t kNoRecord = (uint64_t{1} << 56) - 1;

// 16 bytes: the memo and the element pool hold one per memoized object or kept element, and at 24
// bytes they were ~50 fresh pages for a 26 KB checkpoint pickle (a page costs ~12 us here). The
// kind shares a word with b (56 bits: a length or a record id), and aux (an import index) is kept
// in a, which kGlobal and kObject do not otherwise use.
class Value {
 public:
  Value() = default;
  VKind kind() const { return static_cast<VKind>(kb_ >> 56); }
  void set_kind(VKind k) { kb_ = (kb_ & kNoRecord) | (uint64_t{static_cast<uint8_t>(k)} << 56); }
  uint64_t b() const { return kb_ & kNoRecord; }
  void set_b(uint64_t b) { kb_ = (kb_ & ~kNoRecord) | std::min(b, kNoRecord); }
  // The import behind a kGlobal or kObject; kNoImport for every other kind.
  uint32_t aux() const {
    return kind() == VKind::kGlobal || kind() == VKind::kObject ? static_cast<uint32_t>(a)
                                                                : kNoImport;
  }
  void set_aux(uint32_t import) { a = import; }  // after set_kind(kGlobal or kObject)

  uint64_t a = 0;  // int64 bits, a pointer, or (kGlobal, kObject) the import index

 private:
  uint64_t kb_ = (uint64_t{static_cast<uint8_t>(VKind::kUnknown)} << 56) | kNoRecord;
};
static_assert(sizeof(Value) == 16);

inline Value MakeStr(VKind k, const uint8_t* p, uint64_t n) {
  Value v;
  v.set_kind(k);
  v.a = reinterpret_cast<uintptr_t>(p);
  v.set_b(n);
  return v;
}
inline Value MakeInt(int64_t i) {
  Value v;
  v.set_kind(VKind::kInt);
  v.a = static_cast<uint64_t>(i);
  return v;
}
inline Value MakeKind(VKind k) {
  Value v;
  v.set_kind(k);
  if (k == VKind::kGlobal || k == VKind::kObject) v.set_aux(kNoImport);
  return v;
}
inline std::string_view StrOf(const Value& v) {
  return std::string_view(reinterpret_cast<const char*>(static_cast<uintptr_t>(v.a)),
                          static_cast<size_t>(v.b()));
}
inline bool IsContainerKind(VKind k) {
  return k == VKind::kTuple || k == VKind::kList || k == VKind::kDict || k == VKind::kSet ||
         k == VKind::kFrozenSet;
}

// A growable array of trivially copyable values whose hot operations always inline (std::vector's
// push_back is outlined in the big dispatch loop, which costs ~20% of throughput).
template <typename T>
class PodVec {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  PodVec() = default;
  PodVec(const PodVec&) = delete;
  PodVec& operator=(const PodVec&) = delete;
  ~PodVec() { std::free(data_); }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t capacity() const { return cap_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T& back() { return data_[size_ - 1]; }
  __attribute__((always_inline)) void push_back(const T& v) {
    if (__builtin_expect(size_ == cap_, 0)) Grow(size_ + 1);
    data_[size_++] = v;
  }
  void emplace_back() { push_back(T{}); }
  void pop_back() { --size_; }
  void clear() { size_ = 0; }
  void resize(size_t n, const T& fill = T{}) {
    if (n > cap_) Grow(n);
    for (size_t i = size_; i < n; ++i) data_[i] = fill;
    size_ = n;
  }
  // Makes room for n elements without growing again, if it can. Memory is committed only where
  // written, so a generous bound costs address space, not pages; growing by doubling instead
  // copied every step into fresh pages (a 32 MB pickle's memo was copied five times). Best
  // effort: when the address space is limited (ulimit -v, strict overcommit) and the allocation
  // fails, the buffer stays as it is and grows as it is used.
  void Reserve(size_t n) {
    if (n <= cap_) return;
    T* d = size_ == 0 ? static_cast<T*>(std::malloc(n * sizeof(T)))
                      : static_cast<T*>(std::realloc(static_cast<void*>(data_), n * sizeof(T)));
    if (d == nullptr) return;
    if (size_ == 0) std::free(data_);
    data_ = d;
    cap_ = n;
  }
  // Frees the buffer when it grew past keep_bytes; clears otherwise.
  void Trim(size_t keep_bytes) {
    if (cap_ * sizeof(T) > keep_bytes) {
      std::free(data_);
      data_ = nullptr;
      cap_ = 0;
    }
    size_ = 0;
  }

 private:
  void Grow(size_t need) {
    size_t cap = std::max<size_t>({need, cap_ * 2, 64});
    // Past 4 KiB, one jump to 1 MiB: memory is only committed where it is written, so the tail
    // costs nothing, while doubling copied every step into fresh pages (on a 1 GiB checkpoint's
    // pickle the copies of the pool and the memo were ~45 page faults, a tenth of the scan's).
    if (cap * sizeof(T) > (4u << 10)) cap = std::max<size_t>(cap, (1u << 20) / sizeof(T));
    // realloc: large blocks move by remapping pages instead of copying.
    T* d = static_cast<T*>(std::realloc(static_cast<void*>(data_), cap * sizeof(T)));
    if (d == nullptr) std::abort();  // out of memory: limits keep us far below this
    data_ = d;
    cap_ = cap;
  }
  T* data_ = nullptr;
  size_t size_ = 0;
  size_t cap_ = 0;
};

enum ImportTag : uint8_t { kTagNone, kTagNumpyArrayWrapper, kTagNumpyDtype };

struct Record {
  uint32_t start = 0;      // first element in the pool
  uint16_t tracked = 0;    // elements kept
  bool truncated = false;  // elements were added that are not kept
};

// State shared by all pickles of one stream (and the nested joblib object-array pickles).
struct Heap {
  PodVec<Record> records;
  PodVec<Value> pool;
  std::vector<uint8_t> import_tags;
  std::deque<std::string> arena;
  uint64_t arena_bytes = 0;
};

struct ModuleMap {
  const char* from;
  const char* to;
};
// CPython's _compat_pickle.IMPORT_MAPPING (the part relevant to scanning), applied when the
// stream's protocol is < 3 (fix_imports=True is the default).
constexpr ModuleMap kImportMapping[] = {
    {"__builtin__", "builtins"},
    {"copy_reg", "copyreg"},
    {"Queue", "queue"},
    {"SocketServer", "socketserver"},
    {"ConfigParser", "configparser"},
    {"repr", "reprlib"},
    {"cPickle", "pickle"},
    {"StringIO", "io"},
    {"cStringIO", "io"},
    {"UserDict", "collections"},
    {"UserList", "collections"},
    {"UserString", "collections"},
    {"whichdb", "dbm"},
    {"anydbm", "dbm"},
    {"commands", "subprocess"},
    {"urllib2", "urllib.request"},
    {"urlparse", "urllib.parse"},
    {"httplib", "http.client"},
    {"Cookie", "http.cookies"},
    {"cookielib", "http.cookiejar"},
    {"BaseHTTPServer", "http.server"},
    {"SimpleHTTPServer", "http.server"},
    {"CGIHTTPServer", "http.server"},
    {"xmlrpclib", "xmlrpc.client"},
    {"SimpleXMLRPCServer", "xmlrpc.server"},
    {"DocXMLRPCServer", "xmlrpc.server"},
    {"thread", "_thread"},
    {"dummy_thread", "_dummy_thread"},
    {"htmlentitydefs", "html.entities"},
    {"HTMLParser", "html.parser"},
    {"dbm", "dbm.ndbm"},
    {"gdbm", "dbm.gnu"},
    {"dumbdbm", "dbm.dumb"},
    {"exceptions", "builtins"},
    {"Tkinter", "tkinter"},
    {"_winreg", "winreg"},
    {"multiprocessing.forking", "multiprocessing.popen_fork"},
};

struct NameMap {
  const char* mod;
  const char* name;
  const char* to_mod;
  const char* to_name;
};
// _compat_pickle.NAME_MAPPING entries that move a name to another module.
constexpr NameMap kNameMapping[] = {
    {"__builtin__", "xrange", "builtins", "range"},
    {"__builtin__", "reduce", "functools", "reduce"},
    {"__builtin__", "intern", "sys", "intern"},
    {"__builtin__", "unichr", "builtins", "chr"},
    {"__builtin__", "unicode", "builtins", "str"},
    {"__builtin__", "long", "builtins", "int"},
    {"__builtin__", "basestring", "builtins", "str"},
    {"__builtin__", "raw_input", "builtins", "input"},
    {"__builtin__", "execfile", "builtins", "exec"},
    {"itertools", "izip", "builtins", "zip"},
    {"itertools", "imap", "builtins", "map"},
    {"itertools", "ifilter", "builtins", "filter"},
    {"itertools", "ifilterfalse", "itertools", "filterfalse"},
    {"itertools", "izip_longest", "itertools", "zip_longest"},
    {"UserDict", "IterableUserDict", "collections", "UserDict"},
    {"urllib", "urlopen", "urllib.request", "urlopen"},
    {"urllib", "urlretrieve", "urllib.request", "urlretrieve"},
    {"urllib", "quote", "urllib.parse", "quote"},
    {"urllib", "unquote", "urllib.parse", "unquote"},
    {"urllib", "urlencode", "urllib.parse", "urlencode"},
    {"urllib", "pathname2url", "urllib.request", "pathname2url"},
    {"urllib", "url2pathname", "urllib.request", "url2pathname"},
    {"urllib", "getproxies", "urllib.request", "getproxies"},
    {"urllib2", "URLError", "urllib.error", "URLError"},
    {"urllib2", "HTTPError", "urllib.error", "HTTPError"},
};

bool IsDunder(std::string_view s) {
  return s.size() > 4 && s[0] == '_' && s[1] == '_' && s[s.size() - 1] == '_' &&
         s[s.size() - 2] == '_';
}

void SplitDots(std::string_view s, std::vector<std::string>* out) {
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    out->emplace_back(s.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
}

std::string Hex(uint64_t v) {
  static const char kDigits[] = "0123456789abcdef";
  std::string s;
  do {
    s.push_back(kDigits[v & 15]);
    v >>= 4;
  } while (v);
  std::reverse(s.begin(), s.end());
  return "0x" + s;
}

std::string HexSigned(int64_t v) {
  if (v < 0) return "-" + Hex(static_cast<uint64_t>(0) - static_cast<uint64_t>(v));
  return Hex(static_cast<uint64_t>(v));
}

// Little-endian two's complement bytes -> "0x..." / "-0x...".
std::string HexOfLeBytes(std::string_view le) {
  std::vector<uint8_t> mag(le.begin(), le.end());
  bool neg = !mag.empty() && (mag.back() & 0x80);
  if (neg) {  // two's complement negate
    unsigned carry = 1;
    for (auto& byte : mag) {
      unsigned x = static_cast<uint8_t>(~byte) + carry;
      byte = static_cast<uint8_t>(x);
      carry = x >> 8;
    }
  }
  while (!mag.empty() && mag.back() == 0) mag.pop_back();
  static const char kDigits[] = "0123456789abcdef";
  std::string s;
  for (size_t i = mag.size(); i-- > 0;) {
    s.push_back(kDigits[mag[i] >> 4]);
    s.push_back(kDigits[mag[i] & 15]);
  }
  size_t nz = s.find_first_not_of('0');
  s = nz == std::string::npos ? "0" : s.substr(nz);
  return (neg ? "-0x" : "0x") + s;
}

// Decimal text (optional sign) -> hex, for big INT/LONG lines. Empty on bad input.
std::string HexOfDecimal(std::string_view d) {
  bool neg = false;
  if (!d.empty() && (d[0] == '-' || d[0] == '+')) {
    neg = d[0] == '-';
    d.remove_prefix(1);
  }
  std::vector<uint32_t> limbs;  // base 2^32, little endian
  for (char c : d) {
    if (c == '_') continue;
    if (c < '0' || c > '9') return "";
    uint64_t carry = static_cast<uint64_t>(c - '0');
    for (auto& l : limbs) {
      uint64_t x = static_cast<uint64_t>(l) * 10 + carry;
      l = static_cast<uint32_t>(x);
      carry = x >> 32;
    }
    if (carry) limbs.push_back(static_cast<uint32_t>(carry));
  }
  std::string le;
  for (uint32_t l : limbs)
    for (int i = 0; i < 4; ++i) le.push_back(static_cast<char>((l >> (8 * i)) & 0xff));
  le.push_back('\0');  // positive in two's complement
  std::string h = HexOfLeBytes(le);
  return neg && h != "0x0" ? "-" + h : h;
}

// Parses a decimal int line as Python's int(s, 10) would for common forms.
bool ParseDecimal(std::string_view s, int64_t* out, bool* fits) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  uint64_t v = 0;
  *fits = true;
  bool any = false;
  for (char c : s) {
    if (c == '_') continue;
    if (c < '0' || c > '9') return false;
    any = true;
    if (v > (UINT64_MAX - 9) / 10) *fits = false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (!any) return false;
  if (v > static_cast<uint64_t>(INT64_MAX)) *fits = false;
  *out = neg ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
}

bool IsIdentChar(uint8_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.';
}

// True when `s` starts like a pickle: PROTO 2..5, or a proto-0 GLOBAL "c<module>\n<name>\n".
bool StartsLikePickle(const uint8_t* p, uint64_t n) {
  if (n >= 4 && p[0] == 0x80 && p[1] >= 2 && p[1] <= 5) return true;
  if (n >= 5 && p[0] == 'c') {
    uint64_t i = 1;
    uint64_t lim = std::min<uint64_t>(n, 256);
    while (i < lim && IsIdentChar(p[i])) ++i;
    if (i == 1 || i >= lim || p[i] != '\n') return false;
    uint64_t j = ++i;
    while (i < lim && IsIdentChar(p[i])) ++i;
    return i > j && i < lim && p[i] == '\n';
  }
  return false;
}

// Python bytes escape decoding (PyBytes_DecodeEscape) for the STRING opcode.
bool DecodeBytesEscape(std::string_view s, std::string* out) {
  out->clear();
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != '\\' || i + 1 >= s.size()) {
      if (c == '\\') return false;  // trailing backslash: "\ at end of string"
      out->push_back(c);
      continue;
    }
    char e = s[++i];
    switch (e) {
      case '\n':
        break;
      case '\\':
        out->push_back('\\');
        break;
      case '\'':
        out->push_back('\'');
        break;
      case '"':
        out->push_back('"');
        break;
      case 'a':
        out->push_back('\a');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'v':
        out->push_back('\v');
        break;
      case 'x': {
        if (i + 2 >= s.size()) return false;  // "invalid \x escape"
        int h1 = HexDigitValue(static_cast<unsigned char>(s[i + 1]));
        int h2 = HexDigitValue(static_cast<unsigned char>(s[i + 2]));
        if (h1 < 0 || h2 < 0) return false;  // "invalid \x escape"
        out->push_back(static_cast<char>(h1 * 16 + h2));
        i += 2;
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          int v = e - '0';
          for (int k = 0; k < 2 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7'; ++k)
            v = v * 8 + (s[++i] - '0');
          out->push_back(static_cast<char>(v & 0xff));
        } else {
          out->push_back('\\');
          out->push_back(e);
        }
    }
  }
  return true;
}

// raw-unicode-escape decoding (UNICODE opcode) into UTF-8. \u and \U are escapes only after an
// odd number of backslashes; other bytes are Latin-1.
bool DecodeRawUnicodeEscape(std::string_view s, std::string* out) {
  out->clear();
  size_t backslashes = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    uint8_t c = static_cast<uint8_t>(s[i]);
    if (c == '\\') {
      ++backslashes;
      out->push_back('\\');
      continue;
    }
    if ((c == 'u' || c == 'U') && (backslashes & 1)) {
      size_t n = c == 'u' ? 4 : 8;
      if (i + n >= s.size()) return false;  // truncated \uXXXX
      uint32_t cp = 0;
      for (size_t k = 1; k <= n; ++k) {
        int h = HexDigitValue(static_cast<unsigned char>(s[i + k]));
        if (h < 0) return false;
        cp = cp * 16 + static_cast<uint32_t>(h);
      }
      if (cp > 0x10FFFF) return false;
      out->pop_back();  // the escaping backslash
      AppendUtf8(out, cp);
      i += n;
      backslashes = 0;
      continue;
    }
    backslashes = 0;
    AppendUtf8(out, c);
  }
  return true;
}

// dtype descriptor ("f8", "<f4", "U5", "O8", "V24", "b1", "?", "M8") -> itemsize; 0 if unknown.
// *is_object set for 'O'.
uint64_t DtypeItemsize(std::string_view d, bool* is_object) {
  *is_object = false;
  if (!d.empty() && (d[0] == '<' || d[0] == '>' || d[0] == '|' || d[0] == '=')) d.remove_prefix(1);
  if (d.empty()) return 0;
  char kind = d[0];
  std::string_view num = d.substr(1);
  size_t end = 0;
  while (end < num.size() && num[end] >= '0' && num[end] <= '9') ++end;
  uint64_t n = 0;
  for (size_t i = 0; i < end && i < 12; ++i) n = n * 10 + static_cast<uint64_t>(num[i] - '0');
  if (end > 12) return 0;
  switch (kind) {
    case 'O':
      *is_object = true;
      return 8;
    case '?':
      return 1;
    case 'b':
    case 'B':
      return end ? n : 1;
    case 'h':
    case 'H':
    case 'e':
      return 2;
    case 'i':
    case 'I':
    case 'u':
    case 'f':
    case 'c':
    case 'V':
    case 'S':
    case 'a':
    case 'M':
    case 'm':
      if (end) return n;
      if (kind == 'i' || kind == 'I' || kind == 'f') return 4;
      return 0;
    case 'U':
      return end ? n * 4 : 0;
    case 'l':
    case 'L':
    case 'q':
    case 'Q':
    case 'd':
    case 'p':
    case 'P':
    case 'F':
      return 8;
    case 'g':
    case 'D':
      return 16;
    case 'G':
      return 32;
    default:
      return 0;
  }
}

struct Shared {
  const PickleLimits& limits;
  const AnalyzeOptions& options;
  PickleReport& report;
  Heap& heap;
};

// Per-thread buffers reused across analyses, so steady-state scanning does not pay for fresh
// pages on every file. A buffer that grew past kKeepBytes is released after the analysis.
struct Scratch {
  Heap heap;
  PodVec<Value> stack;
  PodVec<uint32_t> marks;
  PodVec<Value> memo;
  bool in_use = false;

  void Reset() {
    // The largest memo or element pool the default limits allow (4M values of 16 bytes): kept, a
    // dense 32 MB pickle's buffers were released after every analysis and faulted in again.
    constexpr size_t kKeepBytes = 64u << 20;
    heap.records.Trim(kKeepBytes);
    heap.pool.Trim(kKeepBytes);
    heap.import_tags.clear();
    heap.arena.clear();
    heap.arena_bytes = 0;
    stack.Trim(kKeepBytes);
    marks.Trim(kKeepBytes);
    memo.Trim(kKeepBytes);
  }
};

class Machine {
 public:
  // Uses the given buffers (cleared by the caller) for stack, marks and memo.
  Machine(ByteView data, Shared& sh, bool joblib, PodVec<Value>& stack, PodVec<uint32_t>& marks,
          PodVec<Value>& memo)
      : data_(data),
        sh_(sh),
        lim_(sh.limits),
        joblib_(joblib),
        stack_(stack),
        marks_(marks),
        memo_(memo) {}

  // Runs one pickle starting at *pos up to and including STOP. On success *pos is after STOP.
  // On error *pos is the offset reached.
  Status RunOne(uint64_t* pos, uint32_t pickle_index, PickleInfo* info);

 private:
  Status Underflow(uint64_t off) { return Status::Malformed(off, "unpickling stack underflow"); }
  Status Truncated(uint64_t off, const char* what) {
    sh_.report.length_dependent = true;
    return Status::Malformed(off, std::string("pickle truncated in ") + what);
  }
  void AddAnomaly(std::string code, uint64_t off, std::string msg) {
    auto& r = sh_.report;
    if (r.anomalies.size() >= lim_.max_anomalies) {
      ++r.anomalies_dropped;
      return;
    }
    r.anomalies.push_back(Anomaly{std::move(code), off, std::move(msg)});
  }
  __attribute__((always_inline)) Status Push(const Value& v, uint64_t off) {
    if (__builtin_expect(stack_.size() >= lim_.max_stack, 0))
      return Status::LimitExceeded(off,
                                   "pickle stack deeper than " + std::to_string(lim_.max_stack));
    stack_.push_back(v);
    return Status::Ok();
  }
  size_t Fence() const { return marks_.empty() ? 0 : marks_.back(); }
  bool Pop(Value* v) {
    if (stack_.size() <= Fence()) return false;
    *v = stack_.back();
    stack_.pop_back();
    return true;
  }
  // marker(): pops the last MARK; -1 if none.
  int64_t Marker() {
    if (marks_.empty()) return -1;
    int64_t m = static_cast<int64_t>(marks_.back());
    marks_.pop_back();
    return m;
  }

  uint64_t NewRecord() {
    auto& h = sh_.heap;
    if (h.records.size() >= lim_.max_containers) return kNoRecord;
    h.records.emplace_back();
    return h.records.size() - 1;
  }
  __attribute__((always_inline)) void RecordAppend(uint64_t id, const Value& v) {
    auto& h = sh_.heap;
    if (id == kNoRecord) return;
    Record& r = h.records[id];
    if (r.truncated) return;
    if (r.tracked >= lim_.max_tracked_elements) {
      r.truncated = true;
      return;
    }
    if (h.pool.size() + r.tracked + 1 > lim_.max_element_pool) {
      r.truncated = true;
      return;
    }
    if (r.tracked == 0) {
      r.start = static_cast<uint32_t>(h.pool.size());
    } else if (r.start + r.tracked != h.pool.size()) {  // relocate to the end of the pool
      uint32_t new_start = static_cast<uint32_t>(h.pool.size());
      for (uint32_t i = 0; i < r.tracked; ++i) {
        Value copy = h.pool[r.start + i];
        h.pool.push_back(copy);
      }
      r.start = new_start;
    }
    h.pool.push_back(v);
    ++r.tracked;
  }
  // Creates a container from stack_[from, end) and truncates the stack. Elements are kept only
  // where the analysis needs them (call-argument tuples, joblib wrapper state dicts); lists, sets
  // and other dicts are opaque, which keeps dense data pickles allocation-free.
  Value MakeContainer(VKind kind, size_t from, bool track) {
    Value v = MakeKind(kind);
    if (track) {
      v.set_b(NewRecord());
      if (v.b() != kNoRecord) {
        for (size_t i = from; i < stack_.size(); ++i) RecordAppend(v.b(), stack_[i]);
      }
    }
    stack_.resize(from);
    return v;
  }
  // A dict is tracked when it is about to become the state of a joblib NumpyArrayWrapper (joblib
  // writes NEWOBJ then the state dict). A state dict built elsewhere stays untracked, so the
  // array size is unknown and the analysis fails closed.
  bool TrackDictAt(size_t below) const {
    if (!joblib_ || below == 0 || below > stack_.size()) return false;
    const Value& w = stack_[below - 1];
    return w.kind() == VKind::kObject && w.aux() < sh_.heap.import_tags.size() &&
           sh_.heap.import_tags[w.aux()] == kTagNumpyArrayWrapper;
  }
  const Value* Element(const Value& container, uint32_t i) const {
    if (container.b() == kNoRecord) return nullptr;
    const Record& r = sh_.heap.records[container.b()];
    if (i >= r.tracked) return nullptr;
    return &sh_.heap.pool[r.start + i];
  }
  bool FullyTracked(const Value& container) const {
    if (container.b() == kNoRecord) return false;
    return !sh_.heap.records[container.b()].truncated;
  }
  // Dict lookup by str key (last assignment wins). nullptr if absent or untracked.
  const Value* DictGet(const Value& dict, std::string_view key, bool* untracked) const {
    *untracked = !FullyTracked(dict);
    if (dict.b() == kNoRecord) return nullptr;
    const Record& r = sh_.heap.records[dict.b()];
    for (uint32_t i = r.tracked / 2; i-- > 0;) {
      const Value& k = sh_.heap.pool[r.start + 2 * i];
      if (k.kind() == VKind::kStr && StrOf(k) == key) return &sh_.heap.pool[r.start + 2 * i + 1];
    }
    return nullptr;
  }

  // Result of a call. Only numpy.dtype results keep a record (args, BUILD state): joblib needs
  // the dtype to size arrays.
  Value MakeObject(uint32_t import, const Value* args) {
    Value v = MakeKind(VKind::kObject);
    v.set_aux(import);
    if (import < sh_.heap.import_tags.size() && sh_.heap.import_tags[import] == kTagNumpyDtype) {
      v.set_b(NewRecord());
      if (args) RecordAppend(v.b(), *args);
    }
    return v;
  }
  void RecordCall(CallKind kind, const Value& callee, uint64_t off) {
    auto& r = sh_.report;
    Call c;
    c.kind = kind;
    c.offset = off;
    if (callee.kind() == VKind::kGlobal) {
      c.callee_import = callee.aux();
      c.callee_is_global = true;
      if (callee.aux() < r.imports.size()) {
        Import& im = r.imports[callee.aux()];
        if (im.call_count++ == 0) im.first_call_offset = off;
      }
    } else if (callee.kind() == VKind::kObject) {
      c.via_import = callee.aux();
    }
    ++r.calls_total;
    if (r.calls.size() < lim_.max_recorded_calls) r.calls.push_back(c);
  }
  uint32_t CalleeImportOf(const Value& callee) const {
    if (callee.kind() == VKind::kGlobal || callee.kind() == VKind::kObject) return callee.aux();
    return kNoImport;
  }

  Status RecordImport(std::string module, std::string name, ImportKind kind, bool constant,
                      uint64_t off, uint32_t* index);
  Status DoGlobalText(uint64_t off, uint64_t* pos, ImportKind kind, uint32_t* index);
  Status ReadLine(uint64_t* pos, uint64_t off, std::string_view* line);
  std::string_view Intern(std::string s) {
    auto& h = sh_.heap;
    h.arena_bytes += s.size();
    h.arena.push_back(std::move(s));
    return h.arena.back();
  }
  void CheckEmbedded(uint64_t off, const uint8_t* p, uint64_t n) {
    if (n < 4 || !StartsLikePickle(p, n)) return;
    auto& r = sh_.report;
    if (r.embedded.size() < lim_.max_embedded) r.embedded.push_back(ByteRange{off, n});
  }
  Status MemoPut(uint64_t idx, const Value& v, uint64_t off);
  Status MemoGet(uint64_t idx, uint64_t off, Value* out);
  // joblib NumpyArrayWrapper: after its BUILD, skips (or analyses) the inline array data.
  Status Joblib(uint64_t off, const Value& state, uint64_t* pos);

  ByteView data_;
  Shared& sh_;
  const PickleLimits& lim_;
  bool joblib_;
  PodVec<Value>& stack_;
  PodVec<uint32_t>& marks_;
  PodVec<Value>& memo_;  // dense part; kind kEmpty = absent
  std::unordered_map<uint64_t, Value> sparse_memo_;
  uint64_t memo_count_ = 0;
  int proto_ = 0;
  uint64_t frame_end_ = 0;  // 0 = not inside a frame
  uint32_t pickle_index_ = 0;
};

Status Machine::RecordImport(std::string module, std::string name, ImportKind kind, bool constant,
                             uint64_t off, uint32_t* index) {
  auto& r = sh_.report;
  if (r.imports.size() >= lim_.max_imports)
    return Status::LimitExceeded(off, "more than " + std::to_string(lim_.max_imports) + " imports");
  if (constant && proto_ < 3 && kind != ImportKind::kExt) {  // fix_imports (_compat_pickle)
    // Hash lookups: protocol-2 pickles (torch.save's default) name a global per tensor, and a
    // linear walk of both tables per import showed up in profiles of folder scans.
    static const auto* names = [] {
      auto* m = new std::unordered_map<std::string, const NameMap*>();
      for (const auto& e : kNameMapping) m->emplace(std::string(e.mod) + '\n' + e.name, &e);
      return m;
    }();
    static const auto* modules = [] {
      auto* m = new std::unordered_map<std::string_view, const ModuleMap*>();
      for (const auto& e : kImportMapping) m->emplace(e.from, &e);
      return m;
    }();
    auto nit = names->find(module + '\n' + name);
    if (nit != names->end()) {
      module = nit->second->to_mod;
      name = nit->second->to_name;
    } else if (auto mit = modules->find(module); mit != modules->end()) {
      module = mit->second->to;
    }
  }
  Import im;
  im.kind = kind;
  im.constant_operands = constant;
  im.offset = off;
  im.pickle_index = pickle_index_;
  SplitDots(name, &im.parts);
  if (constant && kind != ImportKind::kExt) {
    std::vector<std::string> mod_parts;
    SplitDots(module, &mod_parts);
    std::string bad;
    for (const auto& p : mod_parts)
      if (IsDunder(p) && p != "__main__" && p != "__builtin__") bad = p;
    for (const auto& p : im.parts)
      if (IsDunder(p)) bad = p;
    if (!bad.empty())
      AddAnomaly("dunder", off, "dunder name '" + bad + "' in global " + module + "." + name);
  }
  uint8_t tag = kTagNone;
  if (name == "NumpyArrayWrapper" &&
      (module == "joblib.numpy_pickle" || module == "sklearn.externals.joblib.numpy_pickle"))
    tag = kTagNumpyArrayWrapper;
  if (tag == kTagNumpyArrayWrapper && pickle_index_ == 0)
    r.first_pickle_joblib = true;
  else if (name == "dtype" && (module == "numpy" || module == "numpy.core.multiarray" ||
                               module == "numpy._core.multiarray"))
    tag = kTagNumpyDtype;
  im.module = std::move(module);
  im.name = std::move(name);
  *index = static_cast<uint32_t>(r.imports.size());
  r.imports.push_back(std::move(im));
  sh_.heap.import_tags.push_back(tag);
  return Status::Ok();
}

Status Machine::ReadLine(uint64_t* pos, uint64_t off, std::string_view* line) {
  const uint64_t size = data_.size();
  uint64_t avail = size - *pos;
  uint64_t scan = std::min<uint64_t>(avail, lim_.max_line_length + 1);
  const void* nl = scan ? std::memchr(data_.data() + *pos, '\n', scan) : nullptr;
  if (nl == nullptr) {
    if (scan == avail) return Truncated(off, "text line");
    return Status::LimitExceeded(
        off, "pickle text line longer than " + std::to_string(lim_.max_line_length));
  }
  uint64_t len = static_cast<uint64_t>(static_cast<const uint8_t*>(nl) - (data_.data() + *pos));
  *line = std::string_view(reinterpret_cast<const char*>(data_.data() + *pos), len);
  *pos += len + 1;
  return Status::Ok();
}

Status Machine::MemoPut(uint64_t idx, const Value& v, uint64_t off) {
  if (idx < lim_.max_dense_memo_index && idx <= memo_.size() * 2 + 1024) {
    if (idx >= memo_.size())
      memo_.resize(std::max<uint64_t>(idx + 1, memo_.size() * 3 / 2), MakeKind(VKind::kEmpty));
    if (memo_[idx].kind() == VKind::kEmpty) ++memo_count_;
    memo_[idx] = v;
  } else {
    auto [it, inserted] = sparse_memo_.try_emplace(idx, v);
    if (inserted)
      ++memo_count_;
    else
      it->second = v;
  }
  if (memo_count_ > lim_.max_memo_entries)
    return Status::LimitExceeded(
        off, "more than " + std::to_string(lim_.max_memo_entries) + " memo entries");
  return Status::Ok();
}

Status Machine::MemoGet(uint64_t idx, uint64_t off, Value* out) {
  if (idx < memo_.size() && memo_[idx].kind() != VKind::kEmpty) {
    *out = memo_[idx];
    return Status::Ok();
  }
  auto it = sparse_memo_.find(idx);
  if (it != sparse_memo_.end()) {
    *out = it->second;
    return Status::Ok();
  }
  AddAnomaly("memo-missing", off, "memo key " + std::to_string(idx) + " read before it was set");
  return Status::Malformed(off, "memo key " + std::to_string(idx) + " not found (KeyError)");
}

Status Machine::Joblib(uint64_t off, const Value& state, uint64_t* pos) {
  auto fail = [&](const std::string& why) {
    return Status::Malformed(off, "joblib NumpyArrayWrapper: " + why);
  };
  if (state.kind() != VKind::kDict) return fail("state is not a dict");
  bool untracked = false;
  const Value* shape = DictGet(state, "shape", &untracked);
  const Value* dtype = DictGet(state, "dtype", &untracked);
  const Value* align = DictGet(state, "numpy_array_alignment_bytes", &untracked);
  if (!shape || !dtype) return fail("cannot find shape/dtype in the state");
  if (shape->kind() != VKind::kTuple || !FullyTracked(*shape)) return fail("shape is not a tuple");
  uint64_t count = 1;
  const Record& sr = sh_.heap.records[shape->b()];
  for (uint32_t i = 0; i < sr.tracked; ++i) {
    const Value& d = sh_.heap.pool[sr.start + i];
    if ((d.kind() != VKind::kInt && d.kind() != VKind::kBool) || static_cast<int64_t>(d.a) < 0)
      return fail("shape element is not a non-negative int");
    auto m = CheckedMul(count, d.a);
    if (!m) return fail("array size overflows");
    count = *m;
  }
  if (dtype->kind() != VKind::kObject || dtype->aux() >= sh_.heap.import_tags.size() ||
      sh_.heap.import_tags[dtype->aux()] != kTagNumpyDtype)
    return fail("dtype is not a numpy.dtype");
  const Value* args = Element(*dtype, 0);
  const Value* descr = args && args->kind() == VKind::kTuple ? Element(*args, 0) : nullptr;
  if (!descr || descr->kind() != VKind::kStr) return fail("dtype descriptor unknown");
  bool is_object = false;
  uint64_t itemsize = DtypeItemsize(StrOf(*descr), &is_object);
  const Value* dstate = Element(*dtype, 1);
  if (dstate && dstate->kind() == VKind::kTuple) {
    const Value* elsize = Element(*dstate, 5);
    const Value* flags = Element(*dstate, 7);
    if (elsize && elsize->kind() == VKind::kInt && static_cast<int64_t>(elsize->a) > 0)
      itemsize = elsize->a;
    if (flags && flags->kind() == VKind::kInt && (flags->a & 1)) is_object = true;
  }
  if (frame_end_ != 0 && *pos < frame_end_) {
    AddAnomaly("frame-mismatch", off, "joblib array data starts inside a FRAME");
    return Status::Malformed(off, "joblib array data inside a FRAME");
  }
  ++sh_.report.joblib_arrays;
  if (is_object) {  // a nested plain pickle follows (pickle.load on the file handle)
    PodVec<Value> stack, memo;
    PodVec<uint32_t> marks;
    Machine nested(data_, sh_, /*joblib=*/false, stack, marks, memo);
    nested.pickle_index_ = pickle_index_;
    PickleInfo ignored;
    return nested.RunOne(pos, pickle_index_, &ignored);
  }
  if (itemsize == 0) return fail("dtype itemsize unknown: " + std::string(StrOf(*descr)));
  if (align && align->kind() != VKind::kNone) {
    if (*pos >= data_.size()) return Truncated(off, "joblib alignment padding");
    uint64_t pad = data_[*pos];
    if (!RangeFits(*pos + 1, pad, data_.size())) return Truncated(off, "joblib alignment padding");
    *pos += 1 + pad;
  }
  auto bytes = CheckedMul(count, itemsize);
  if (!bytes) return fail("array byte size overflows");
  if (!RangeFits(*pos, *bytes, data_.size())) return Truncated(off, "joblib array data");
  *pos += *bytes;
  return Status::Ok();
}

Status Machine::DoGlobalText(uint64_t off, uint64_t* pos, ImportKind kind, uint32_t* index) {
  std::string_view mod, name;
  AIGIS_RETURN_IF_ERROR(ReadLine(pos, off, &mod));
  AIGIS_RETURN_IF_ERROR(ReadLine(pos, off, &name));
  return RecordImport(std::string(mod), std::string(name), kind, true, off, index);
}

Status Machine::RunOne(uint64_t* pos_io, uint32_t pickle_index, PickleInfo* info) {
  auto& rep = sh_.report;
  stack_.clear();
  marks_.clear();
  proto_ = 0;
  frame_end_ = 0;
  pickle_index_ = pickle_index;
  info->start = *pos_io;
  const uint8_t* const base = data_.data();
  const uint64_t size = data_.size();
  uint64_t pos = *pos_io;
  Status st;
  bool seen_proto = false;
  uint64_t ops = rep.opcodes;  // kept local in the hot loop, written back on exit

#define AIGIS_NEED(n, what)         \
  if (!RangeFits(pos, (n), size)) { \
    st = Truncated(off, what);      \
    goto done;                      \
  }
#define AIGIS_FAIL(expr) \
  do {                   \
    st = (expr);         \
    goto done;           \
  } while (0)
#define AIGIS_TRY(expr)      \
  do {                       \
    st = (expr);             \
    if (!st.ok()) goto done; \
  } while (0)
#define AIGIS_POP(v) \
  if (!Pop(&(v))) AIGIS_FAIL(Underflow(off))

  while (true) {
    const uint64_t off = pos;
    if (pos >= size) AIGIS_FAIL(Truncated(off, "opcode (no STOP)"));
    if (__builtin_expect(++ops > lim_.max_opcodes, 0))
      AIGIS_FAIL(Status::LimitExceeded(
          off, "more than " + std::to_string(lim_.max_opcodes) + " pickle opcodes"));
    const uint8_t op = base[pos++];
    switch (op) {
      case 0x80: {  // PROTO
        AIGIS_NEED(1, "PROTO");
        int p = base[pos++];
        if (seen_proto) AddAnomaly("proto-repeated", off, "PROTO opcode repeated");
        seen_proto = true;
        if (p > 5) {
          AddAnomaly("proto-unsupported", off, "unsupported pickle protocol " + std::to_string(p));
          AIGIS_FAIL(Status::Malformed(off, "unsupported pickle protocol: " + std::to_string(p)));
        }
        proto_ = p;
        info->protocol = std::max(info->protocol, p);
        rep.max_protocol = std::max(rep.max_protocol, p);
        break;
      }
      case 0x95: {  // FRAME
        AIGIS_NEED(8, "FRAME");
        info->framed = true;
        uint64_t n = LoadU64Le(data_, pos);
        pos += 8;
        if (frame_end_ != 0 && off < frame_end_)
          AddAnomaly("frame-mismatch", off, "FRAME starts before the end of the current frame");
        if (!RangeFits(pos, n, size)) AIGIS_FAIL(Truncated(off, "FRAME (declared length)"));
        frame_end_ = n ? pos + n : 0;
        continue;  // the frame check below must not see this header as straddling
      }
      case '.': {  // STOP
        Value v;
        AIGIS_POP(v);
        if (frame_end_ != 0 && pos > frame_end_)
          AddAnomaly("frame-mismatch", off, "opcode crosses the end of a FRAME");
        if (v.kind() == VKind::kInt)
          info->top_int = HexSigned(static_cast<int64_t>(v.a));
        else if (v.kind() == VKind::kBool)
          info->top_int = v.a ? "0x1" : "0x0";
        else if (v.kind() == VKind::kBigInt)
          info->top_int = HexOfLeBytes(StrOf(v));
        else if (v.kind() == VKind::kBigDec)
          info->top_int = HexOfDecimal(StrOf(v));
        info->end = pos;
        *pos_io = pos;
        rep.opcodes = ops;
        return Status::Ok();
      }
      case 'N':
        AIGIS_TRY(Push(MakeKind(VKind::kNone), off));
        break;
      case 0x88:
      case 0x89: {  // NEWTRUE / NEWFALSE
        Value v = MakeKind(VKind::kBool);
        v.a = op == 0x88;
        AIGIS_TRY(Push(v, off));
        break;
      }
      case 'I':
      case 'L': {  // INT / LONG (text)
        std::string_view line;
        AIGIS_TRY(ReadLine(&pos, off, &line));
        if (op == 'I' && (line == "00" || line == "01")) {
          Value v = MakeKind(VKind::kBool);
          v.a = line == "01";
          AIGIS_TRY(Push(v, off));
          break;
        }
        std::string_view t = line;
        if (op == 'L' && !t.empty() && t.back() == 'L') t.remove_suffix(1);
        int64_t iv = 0;
        bool fits = true;
        if (!ParseDecimal(t, &iv, &fits)) {
          // CPython also accepts base prefixes here (int(s, 0)); anything else is an error.
          std::string_view u = t;
          if (!u.empty() && (u[0] == '-' || u[0] == '+')) u.remove_prefix(1);
          char base_char = u.size() > 2 ? static_cast<char>(u[1] | 0x20) : '\0';
          bool prefixed = u.size() > 2 && u[0] == '0' &&
                          (base_char == 'x' || base_char == 'o' || base_char == 'b');
          if (!prefixed) AIGIS_FAIL(Status::Malformed(off, "invalid literal for int"));
          AIGIS_TRY(Push(MakeKind(VKind::kUnknown), off));
          break;
        }
        if (fits)
          AIGIS_TRY(Push(MakeInt(iv), off));
        else
          AIGIS_TRY(Push(
              MakeStr(VKind::kBigDec, reinterpret_cast<const uint8_t*>(t.data()), t.size()), off));
        break;
      }
      case 'J': {  // BININT
        AIGIS_NEED(4, "BININT");
        int32_t v = static_cast<int32_t>(LoadU32Le(data_, pos));
        pos += 4;
        AIGIS_TRY(Push(MakeInt(v), off));
        break;
      }
      case 'K': {  // BININT1
        AIGIS_NEED(1, "BININT1");
        AIGIS_TRY(Push(MakeInt(base[pos]), off));
        pos += 1;
        break;
      }
      case 'M': {  // BININT2
        AIGIS_NEED(2, "BININT2");
        AIGIS_TRY(Push(MakeInt(LoadU16Le(data_, pos)), off));
        pos += 2;
        break;
      }
      case 0x8a:
      case 0x8b: {  // LONG1 / LONG4
        uint64_t n;
        if (op == 0x8a) {
          AIGIS_NEED(1, "LONG1");
          n = base[pos++];
        } else {
          AIGIS_NEED(4, "LONG4");
          int32_t s = static_cast<int32_t>(LoadU32Le(data_, pos));
          pos += 4;
          if (s < 0) AIGIS_FAIL(Status::Malformed(off, "LONG pickle has negative byte count"));
          n = static_cast<uint64_t>(s);
        }
        AIGIS_NEED(n, "LONG data");
        const uint8_t* p = base + pos;
        pos += n;
        if (n <= 8) {
          uint64_t u = 0;
          for (uint64_t i = 0; i < n; ++i) u |= static_cast<uint64_t>(p[i]) << (8 * i);
          if (n > 0 && n < 8 && (p[n - 1] & 0x80)) u |= ~0ull << (8 * n);  // sign extend
          AIGIS_TRY(Push(MakeInt(static_cast<int64_t>(u)), off));
        } else {
          AIGIS_TRY(Push(MakeStr(VKind::kBigInt, p, n), off));
        }
        break;
      }
      case 'F': {  // FLOAT (text)
        std::string_view line;
        AIGIS_TRY(ReadLine(&pos, off, &line));
        if (line.empty()) AIGIS_FAIL(Status::Malformed(off, "invalid FLOAT literal"));
        AIGIS_TRY(Push(MakeKind(VKind::kFloat), off));
        break;
      }
      case 'G': {  // BINFLOAT
        AIGIS_NEED(8, "BINFLOAT");
        pos += 8;
        AIGIS_TRY(Push(MakeKind(VKind::kFloat), off));
        break;
      }
      case 'S': {  // STRING (quoted, Python escapes)
        std::string_view line;
        AIGIS_TRY(ReadLine(&pos, off, &line));
        if (line.size() < 2 || line.front() != line.back() ||
            (line.front() != '\'' && line.front() != '"'))
          AIGIS_FAIL(Status::Malformed(off, "the STRING opcode argument must be quoted"));
        std::string_view inner = line.substr(1, line.size() - 2);
        if (inner.find('\\') == std::string_view::npos) {
          const uint8_t* p = reinterpret_cast<const uint8_t*>(inner.data());
          CheckEmbedded(static_cast<uint64_t>(p - base), p, inner.size());
          AIGIS_TRY(Push(MakeStr(VKind::kStr, p, inner.size()), off));
        } else {
          std::string dec;
          if (!DecodeBytesEscape(inner, &dec))
            AIGIS_FAIL(Status::Malformed(off, "invalid escape in STRING"));
          if (sh_.heap.arena_bytes + dec.size() > lim_.max_decoded_bytes)
            AIGIS_FAIL(Status::LimitExceeded(off, "decoded pickle strings exceed the limit"));
          std::string_view s = Intern(std::move(dec));
          AIGIS_TRY(Push(MakeStr(VKind::kStr, reinterpret_cast<const uint8_t*>(s.data()), s.size()),
                         off));
        }
        break;
      }
      case 'V': {  // UNICODE (raw-unicode-escape)
        std::string_view line;
        AIGIS_TRY(ReadLine(&pos, off, &line));
        bool plain = line.find('\\') == std::string_view::npos;
        for (size_t i = 0; plain && i < line.size(); ++i)
          if (static_cast<uint8_t>(line[i]) >= 0x80) plain = false;
        if (plain) {
          AIGIS_TRY(
              Push(MakeStr(VKind::kStr, reinterpret_cast<const uint8_t*>(line.data()), line.size()),
                   off));
        } else {
          std::string dec;
          if (!DecodeRawUnicodeEscape(line, &dec))
            AIGIS_FAIL(Status::Malformed(off, "invalid raw-unicode-escape in UNICODE"));
          if (sh_.heap.arena_bytes + dec.size() > lim_.max_decoded_bytes)
            AIGIS_FAIL(Status::LimitExceeded(off, "decoded pickle strings exceed the limit"));
          std::string_view s = Intern(std::move(dec));
          AIGIS_TRY(Push(MakeStr(VKind::kStr, reinterpret_cast<const uint8_t*>(s.data()), s.size()),
                         off));
        }
        break;
      }
      case 'T':
      case 'U':
      case 0x8c:
      case 'X':
      case 0x8d:  // BINSTRING SHORT_BINSTRING
      case 'B':
      case 'C':
      case 0x8e:
      case 0x96: {  // SHORT_BINUNICODE BINUNICODE(8) BINBYTES...
        uint64_t n;
        VKind kind = VKind::kStr;
        if (op == 'U' || op == 0x8c || op == 'C') {
          AIGIS_NEED(1, "string length");
          n = base[pos++];
        } else if (op == 'T' || op == 'X' || op == 'B') {
          AIGIS_NEED(4, "string length");
          uint32_t u = LoadU32Le(data_, pos);
          pos += 4;
          if (op == 'T' && static_cast<int32_t>(u) < 0)
            AIGIS_FAIL(Status::Malformed(off, "BINSTRING pickle has negative byte count"));
          n = u;
        } else {
          AIGIS_NEED(8, "string length");
          n = LoadU64Le(data_, pos);
          pos += 8;
        }
        if (op == 'B' || op == 'C' || op == 0x8e) kind = VKind::kBytes;
        if (op == 0x96) kind = VKind::kBytes;  // BYTEARRAY8 (a bytearray: bytes-like)
        AIGIS_NEED(n, "string data");
        const uint8_t* p = base + pos;
        pos += n;
        CheckEmbedded(static_cast<uint64_t>(p - base), p, n);
        AIGIS_TRY(Push(MakeStr(kind, p, n), off));
        break;
      }
      case 0x97: {  // NEXT_BUFFER
        AddAnomaly("out-of-band-buffer", off, "NEXT_BUFFER: pickle refers to out-of-band data");
        AIGIS_TRY(Push(MakeKind(VKind::kUnknown), off));
        break;
      }
      case 0x98:  // READONLY_BUFFER
        if (stack_.size() <= Fence()) AIGIS_FAIL(Underflow(off));
        break;
      case ')':
        AIGIS_TRY(Push(MakeContainer(VKind::kTuple, stack_.size(), true), off));
        break;
      case ']':
        AIGIS_TRY(Push(MakeKind(VKind::kList), off));
        break;
      case '}': {
        Value v = MakeContainer(VKind::kDict, stack_.size(), TrackDictAt(stack_.size()));
        AIGIS_TRY(Push(v, off));
        break;
      }
      case 0x8f:
        AIGIS_TRY(Push(MakeKind(VKind::kSet), off));
        break;
      case 0x85:
      case 0x86:
      case 0x87: {  // TUPLE1/2/3
        size_t n = static_cast<size_t>(op - 0x84);
        if (stack_.size() < n || stack_.size() - n < Fence()) AIGIS_FAIL(Underflow(off));
        Value v = MakeContainer(VKind::kTuple, stack_.size() - n, true);
        stack_.push_back(v);
        break;
      }
      case 't':
      case 'l':
      case 'd':
      case 0x91: {  // TUPLE LIST DICT FROZENSET (from MARK)
        int64_t m = Marker();
        if (m < 0) AIGIS_FAIL(Status::Malformed(off, "could not find MARK"));
        if (static_cast<uint64_t>(m) > stack_.size()) AIGIS_FAIL(Underflow(off));
        VKind k = op == 't'   ? VKind::kTuple
                  : op == 'l' ? VKind::kList
                  : op == 'd' ? VKind::kDict
                              : VKind::kFrozenSet;
        if (op == 'd' && (stack_.size() - static_cast<size_t>(m)) % 2 != 0)
          AIGIS_FAIL(Status::Malformed(off, "odd number of items for DICT"));
        bool track =
            k == VKind::kTuple || (k == VKind::kDict && TrackDictAt(static_cast<size_t>(m)));
        Value v = MakeContainer(k, static_cast<size_t>(m), track);
        stack_.push_back(v);
        break;
      }
      case 'a':
      case 'e':
      case 's':
      case 'u':
      case 0x90: {  // APPEND(S) SETITEM(S) ADDITEMS
        int64_t x;
        if (op == 'a')
          x = static_cast<int64_t>(stack_.size()) - 1;
        else if (op == 's')
          x = static_cast<int64_t>(stack_.size()) - 2;
        else {
          x = Marker();
          if (x < 0) AIGIS_FAIL(Status::Malformed(off, "could not find MARK"));
        }
        if (x <= 0 || static_cast<uint64_t>(x) > stack_.size()) AIGIS_FAIL(Underflow(off));
        size_t from = static_cast<size_t>(x);
        if (from == stack_.size()) break;  // nothing to do
        if ((op == 's' || op == 'u') && (stack_.size() - from) % 2 != 0)
          AIGIS_FAIL(Status::Malformed(off, "odd number of items for SETITEMS"));
        Value target = stack_[from - 1];
        if (target.kind() == VKind::kGlobal) {
          AddAnomaly("module-mutation", off,
                     std::string(op == 'a' || op == 'e' ? "APPEND"
                                 : op == 0x90           ? "ADDITEMS"
                                                        : "SETITEM") +
                         " on a module or class");
          RecordCall(op == 's' || op == 'u' ? CallKind::kSetItem : CallKind::kAppend, target, off);
        } else if (IsContainerKind(target.kind()) || target.kind() == VKind::kObject) {
          for (size_t i = from; i < stack_.size(); ++i) RecordAppend(target.b(), stack_[i]);
        }
        stack_.resize(from);
        break;
      }
      case '(': {  // MARK
        if (marks_.size() >= lim_.max_marks)
          AIGIS_FAIL(Status::LimitExceeded(
              off, "more than " + std::to_string(lim_.max_marks) + " nested MARKs"));
        marks_.push_back(static_cast<uint32_t>(stack_.size()));
        break;
      }
      case '0': {  // POP
        if (!marks_.empty() && marks_.back() == stack_.size()) {
          marks_.pop_back();
        } else if (stack_.size() <= Fence()) {
          AIGIS_FAIL(Underflow(off));
        } else {
          stack_.pop_back();
        }
        break;
      }
      case '1': {  // POP_MARK
        int64_t m = Marker();
        if (m < 0) AIGIS_FAIL(Status::Malformed(off, "could not find MARK"));
        if (static_cast<uint64_t>(m) < stack_.size()) stack_.resize(static_cast<size_t>(m));
        break;
      }
      case '2': {  // DUP
        if (stack_.size() <= Fence()) AIGIS_FAIL(Underflow(off));
        Value v = stack_.back();
        AIGIS_TRY(Push(v, off));
        break;
      }
      case 'g':
      case 'h':
      case 'j': {  // GET BINGET LONG_BINGET
        uint64_t idx;
        if (op == 'g') {
          std::string_view line;
          AIGIS_TRY(ReadLine(&pos, off, &line));
          int64_t iv;
          bool fits;
          if (!ParseDecimal(line, &iv, &fits) || !fits)
            AIGIS_FAIL(Status::Malformed(off, "invalid GET argument"));
          if (iv < 0) {
            AddAnomaly("memo-missing", off, "negative memo key");
            AIGIS_FAIL(Status::Malformed(off, "memo key not found (negative)"));
          }
          idx = static_cast<uint64_t>(iv);
        } else if (op == 'h') {
          AIGIS_NEED(1, "BINGET");
          idx = base[pos++];
        } else {
          AIGIS_NEED(4, "LONG_BINGET");
          idx = LoadU32Le(data_, pos);
          pos += 4;
        }
        Value v;
        Status got = MemoGet(idx, off, &v);
        if (!got.ok()) {
          // CPython stops here with a KeyError, but a scanner must not let an import from a
          // deny-listed module slip by because its name came from a missing slot (picklescan's
          // keyerror-exploit): when STACK_GLOBAL follows with a str module, record that import.
          if (pos >= data_.size()) sh_.report.length_dependent = true;
          if (pos < data_.size() && data_[pos] == 0x93 && stack_.size() > 0 &&
              stack_.back().kind() == VKind::kStr) {
            uint32_t index;
            (void)RecordImport(std::string(StrOf(stack_.back())), "<missing memo value>",
                               ImportKind::kStackGlobal, false, pos, &index);
          }
          AIGIS_FAIL(got);
        }
        AIGIS_TRY(Push(v, off));
        break;
      }
      case 'p':
      case 'q':
      case 'r':
      case 0x94: {  // PUT BINPUT LONG_BINPUT MEMOIZE
        uint64_t idx;
        if (op == 'p') {
          std::string_view line;
          AIGIS_TRY(ReadLine(&pos, off, &line));
          int64_t iv;
          bool fits;
          if (!ParseDecimal(line, &iv, &fits) || !fits)
            AIGIS_FAIL(Status::Malformed(off, "invalid PUT argument"));
          if (iv < 0) AIGIS_FAIL(Status::Malformed(off, "negative PUT argument"));
          idx = static_cast<uint64_t>(iv);
        } else if (op == 'q') {
          AIGIS_NEED(1, "BINPUT");
          idx = base[pos++];
        } else if (op == 'r') {
          AIGIS_NEED(4, "LONG_BINPUT");
          idx = LoadU32Le(data_, pos);
          pos += 4;
        } else {
          idx = memo_count_;  // len(memo)
        }
        if (stack_.size() <= Fence()) AIGIS_FAIL(Underflow(off));
        AIGIS_TRY(MemoPut(idx, stack_.back(), off));
        break;
      }
      case 'c':
      case 'i': {  // GLOBAL / INST
        uint32_t index;
        AIGIS_TRY(
            DoGlobalText(off, &pos, op == 'c' ? ImportKind::kGlobal : ImportKind::kInst, &index));
        Value g = MakeKind(VKind::kGlobal);
        g.set_aux(index);
        if (op == 'c') {
          AIGIS_TRY(Push(g, off));
          break;
        }
        int64_t m = Marker();
        if (m < 0) AIGIS_FAIL(Status::Malformed(off, "could not find MARK"));
        if (static_cast<uint64_t>(m) > stack_.size()) AIGIS_FAIL(Underflow(off));
        Value args = MakeContainer(VKind::kTuple, static_cast<size_t>(m), true);
        RecordCall(CallKind::kInst, g, off);
        AIGIS_TRY(Push(MakeObject(index, &args), off));
        break;
      }
      case 0x93: {  // STACK_GLOBAL
        Value name, mod;
        AIGIS_POP(name);
        AIGIS_POP(mod);
        uint32_t index;
        if (mod.kind() == VKind::kStr && name.kind() == VKind::kStr) {
          AIGIS_TRY(RecordImport(std::string(StrOf(mod)), std::string(StrOf(name)),
                                 ImportKind::kStackGlobal, true, off, &index));
        } else {
          auto describe = [this](const Value& v) -> std::string {
            switch (v.kind()) {
              case VKind::kStr:
                return std::string(StrOf(v));
              case VKind::kBytes:
                return "<bytes>";
              case VKind::kObject:
                if (v.aux() != kNoImport && v.aux() < sh_.report.imports.size())
                  return "<result of " + sh_.report.imports[v.aux()].FullName() + ">";
                return "<result of call>";
              case VKind::kGlobal:
                return "<global>";
              case VKind::kPersistent:
                return "<persistent id>";
              case VKind::kUnknown:
                return "<unknown>";
              default:
                return "<non-str constant>";
            }
          };
          auto runtime = [](const Value& v) {
            return v.kind() == VKind::kStr || v.kind() == VKind::kObject ||
                   v.kind() == VKind::kPersistent || v.kind() == VKind::kUnknown;
          };
          if (!runtime(mod) || !runtime(name))
            AddAnomaly("stack-global-type", off,
                       "STACK_GLOBAL operands are not str (CPython raises here)");
          AIGIS_TRY(RecordImport(describe(mod), describe(name), ImportKind::kStackGlobal, false,
                                 off, &index));
        }
        Value g = MakeKind(VKind::kGlobal);
        g.set_aux(index);
        AIGIS_TRY(Push(g, off));
        break;
      }
      case 0x82:
      case 0x83:
      case 0x84: {  // EXT1 EXT2 EXT4
        uint64_t code;
        if (op == 0x82) {
          AIGIS_NEED(1, "EXT1");
          code = base[pos++];
        } else if (op == 0x83) {
          AIGIS_NEED(2, "EXT2");
          code = LoadU16Le(data_, pos);
          pos += 2;
        } else {
          AIGIS_NEED(4, "EXT4");
          code = LoadU32Le(data_, pos);  // calc_binsize: unsigned
          pos += 4;
        }
        if (code == 0) AIGIS_FAIL(Status::Malformed(off, "EXT specifies code <= 0"));
        // copyreg.add_extension only registers 1..0x7fffffff; larger codes always fail to load.
        if (code > 0x7fffffff) AIGIS_FAIL(Status::Malformed(off, "unregistered extension code"));
        uint32_t index;
        AIGIS_TRY(RecordImport("<ext>", std::to_string(code), ImportKind::kExt, true, off, &index));
        sh_.report.imports[index].ext_code = static_cast<uint32_t>(code);
        AddAnomaly(
            "ext", off,
            "EXT opcode: global from the copyreg extension registry, code " + std::to_string(code));
        Value g = MakeKind(VKind::kGlobal);
        g.set_aux(index);
        AIGIS_TRY(Push(g, off));
        break;
      }
      case 'P': {  // PERSID
        std::string_view line;
        AIGIS_TRY(ReadLine(&pos, off, &line));
        ++sh_.report.persistent_ids;
        AIGIS_TRY(Push(MakeKind(VKind::kPersistent), off));
        break;
      }
      case 'Q': {  // BINPERSID
        Value pid;
        AIGIS_POP(pid);
        ++sh_.report.persistent_ids;
        AIGIS_TRY(Push(MakeKind(VKind::kPersistent), off));
        break;
      }
      case 'R': {  // REDUCE
        Value args, callable;
        AIGIS_POP(args);
        AIGIS_POP(callable);
        RecordCall(CallKind::kReduce, callable, off);
        AIGIS_TRY(Push(MakeObject(CalleeImportOf(callable), &args), off));
        break;
      }
      case 0x81: {  // NEWOBJ
        Value args, cls;
        AIGIS_POP(args);
        AIGIS_POP(cls);
        RecordCall(CallKind::kNewObj, cls, off);
        AIGIS_TRY(Push(MakeObject(CalleeImportOf(cls), &args), off));
        break;
      }
      case 0x92: {  // NEWOBJ_EX
        Value kwargs, args, cls;
        AIGIS_POP(kwargs);
        AIGIS_POP(args);
        AIGIS_POP(cls);
        RecordCall(CallKind::kNewObjEx, cls, off);
        AIGIS_TRY(Push(MakeObject(CalleeImportOf(cls), &args), off));
        break;
      }
      case 'o': {  // OBJ
        int64_t m = Marker();
        if (m < 0) AIGIS_FAIL(Status::Malformed(off, "could not find MARK"));
        if (static_cast<uint64_t>(m) + 1 > stack_.size()) AIGIS_FAIL(Underflow(off));
        Value cls = stack_[static_cast<size_t>(m)];
        Value args = MakeContainer(VKind::kTuple, static_cast<size_t>(m) + 1, true);
        stack_.pop_back();  // cls
        RecordCall(CallKind::kObj, cls, off);
        AIGIS_TRY(Push(MakeObject(CalleeImportOf(cls), &args), off));
        break;
      }
      case 'b': {  // BUILD
        if (stack_.size() < 2 || stack_.size() - 2 < Fence()) AIGIS_FAIL(Underflow(off));
        Value state = stack_.back();
        stack_.pop_back();
        Value& inst = stack_.back();
        if (inst.kind() == VKind::kGlobal) {
          AddAnomaly("module-mutation", off,
                     "BUILD on a module or class (sets its attributes): " +
                         (inst.aux() < rep.imports.size() ? rep.imports[inst.aux()].FullName()
                                                          : std::string("?")));
          RecordCall(CallKind::kBuild, inst, off);
        } else if (inst.kind() == VKind::kObject && inst.b() != kNoRecord) {
          Record& r = sh_.heap.records[inst.b()];
          if (r.tracked >= 2 && r.start + 1 < sh_.heap.pool.size()) {
            sh_.heap.pool[r.start + 1] = state;
          } else {
            if (r.tracked == 0) RecordAppend(inst.b(), MakeKind(VKind::kNone));
            RecordAppend(inst.b(), state);
          }
        }
        if (joblib_ && inst.kind() == VKind::kObject && inst.aux() < sh_.heap.import_tags.size() &&
            sh_.heap.import_tags[inst.aux()] == kTagNumpyArrayWrapper) {
          if (frame_end_ != 0 && pos > frame_end_)
            AddAnomaly("frame-mismatch", off, "opcode crosses the end of a FRAME");
          rep.opcodes = ops;
          st = Joblib(off, state, &pos);
          ops = rep.opcodes;
          if (!st.ok()) goto done;
          stack_.back() = MakeKind(VKind::kUnknown);  // the rebuilt ndarray
          if (frame_end_ != 0 && pos >= frame_end_) frame_end_ = 0;
          continue;
        }
        break;
      }
      default: {
        char buf[64];
        if (op >= 0x20 && op < 0x7f)
          std::snprintf(buf, sizeof buf, "invalid load key, '%c'", op);
        else
          std::snprintf(buf, sizeof buf, "invalid load key, '\\x%02x'", op);
        AIGIS_FAIL(Status::Malformed(off, buf));
      }
    }
    if (frame_end_ != 0 && pos >= frame_end_) {
      if (pos > frame_end_)
        AddAnomaly("frame-mismatch", off,
                   "opcode crosses the end of a FRAME (declared end " + Hex(frame_end_) + ")");
      frame_end_ = 0;
    }
  }
done:
#undef AIGIS_NEED
#undef AIGIS_FAIL
#undef AIGIS_TRY
#undef AIGIS_POP
  *pos_io = std::min<uint64_t>(pos, size);
  rep.opcodes = ops;
  return st;
}

}  // namespace

PickleReport AnalyzePickle(ByteView data, const PickleLimits& limits,
                           const AnalyzeOptions& options) {
  PickleReport report;
  thread_local Scratch tls_scratch;
  // Re-entrant use (never expected) gets private buffers, built only then: a Scratch's deque
  // allocates when constructed, and a checkpoint's storage probes call this hundreds of times.
  std::optional<Scratch> local_scratch;
  Scratch& scratch = tls_scratch.in_use ? local_scratch.emplace() : tls_scratch;
  scratch.Reset();
  scratch.in_use = true;
  struct Release {
    Scratch& s;
    ~Release() {
      s.Reset();
      s.in_use = false;
    }
  } release{scratch};
  // A memo entry, a kept element or a container takes at least one opcode byte (nearly always), so
  // the input's size (within the limits) bounds how far these buffers grow; past it they still
  // grow as needed.
  const uint64_t bound = data.size() + 1;
  scratch.memo.Reserve(static_cast<size_t>(std::min(bound, limits.max_dense_memo_index)));
  scratch.heap.pool.Reserve(static_cast<size_t>(std::min(bound, limits.max_element_pool)));
  scratch.heap.records.Reserve(static_cast<size_t>(std::min(bound, limits.max_containers)));
  Shared sh{limits, options, report, scratch.heap};
  Machine m(data, sh, options.joblib_arrays, scratch.stack, scratch.marks, scratch.memo);
  uint64_t pos = 0;
  uint64_t max_pickles = limits.max_pickles;
  uint64_t examined = 0;
  if (data.empty()) {
    report.error = Status::Malformed(0, "empty pickle stream");
    report.length_dependent = true;
    return report;
  }
  for (uint32_t idx = 0; pos < data.size(); ++idx) {
    if (idx > 0 && !options.multiple_pickles) {
      report.anomalies.push_back(
          Anomaly{"trailing-data", pos,
                  std::to_string(data.size() - pos) + " bytes after STOP (not analysed)"});
      break;
    }
    if (options.max_pickles != 0 && idx >= options.max_pickles) break;
    if (idx >= max_pickles) {
      report.error = Status::LimitExceeded(
          pos, "more than " + std::to_string(max_pickles) + " pickles in one stream");
      break;
    }
    const size_t n_imports = report.imports.size(), n_calls = report.calls.size();
    const uint64_t calls_total = report.calls_total;
    const size_t n_anom = report.anomalies.size(), n_emb = report.embedded.size();
    const uint64_t n_pers = report.persistent_ids, opcodes = report.opcodes;
    const int max_proto = report.max_protocol;
    PickleInfo info;
    uint64_t start = pos;
    Status st = m.RunOne(&pos, idx, &info);
    examined = std::max(examined, pos);
    if (st.ok()) {
      report.pickles.push_back(std::move(info));
      report.end_offset = pos;
      report.length_dependent = true;  // what follows (or that nothing does) counts
      continue;
    }
    if (idx > 0 && report.imports.size() == n_imports && report.calls_total == calls_total &&
        st.code() == StatusCode::kMalformed) {
      // Bytes after the last STOP that are not a pickle: roll back what the attempt recorded.
      report.calls.resize(n_calls);
      report.anomalies.resize(n_anom);
      report.embedded.resize(n_emb);
      report.persistent_ids = n_pers;
      report.opcodes = opcodes;
      report.max_protocol = max_proto;
      report.anomalies.push_back(Anomaly{"trailing-data", start,
                                         std::to_string(data.size() - start) +
                                             " bytes after the last STOP are not a pickle (" +
                                             st.message() + ")"});
      break;
    }
    report.error = std::move(st);
    break;
  }
  report.bytes_examined = std::max(examined, report.end_offset);
  return report;
}

bool HasPlausibleImport(const PickleReport& r) {
  for (const auto& im : r.imports) {
    if (im.kind == ImportKind::kExt || !im.constant_operands) continue;
    bool plausible = !im.module.empty() && !im.name.empty();
    for (char c : im.module) plausible = plausible && IsIdentChar(static_cast<uint8_t>(c));
    for (char c : im.name) plausible = plausible && IsIdentChar(static_cast<uint8_t>(c));
    if (plausible) return true;
  }
  return false;
}

bool LooksLikePickle(ByteView head) {
  if (head.size() >= 2 && head[0] == 0x80 && head[1] >= 2 && head[1] <= 5) return true;
  if (head.empty()) return false;
  ByteView h = head.first(std::min<size_t>(head.size(), 4096));
  PickleLimits lim;
  lim.max_opcodes = 64;
  lim.max_line_length = 512;
  lim.max_stack = 256;
  lim.max_marks = 64;
  lim.max_memo_entries = 256;
  lim.max_imports = 8;
  AnalyzeOptions opts;
  opts.multiple_pickles = false;
  opts.joblib_arrays = false;
  PickleReport r = AnalyzePickle(h, lim, opts);
  if (HasPlausibleImport(r)) return true;
  if (!r.pickles.empty()) return true;
  // A long valid prefix of a protocol 0/1 stream (cut by the head or the opcode budget).
  bool cut = r.error.code() == StatusCode::kLimitExceeded ||
             (r.error.code() == StatusCode::kMalformed && r.bytes_examined + 16 >= h.size() &&
              h.size() >= 64);
  return cut && r.opcodes >= 16;
}

}  // namespace aigis::formats::pickle
