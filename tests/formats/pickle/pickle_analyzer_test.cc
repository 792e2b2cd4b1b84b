// Tests for the static pickle emulator: crafted streams for every bypass technique in
// model-threats §2.1/§2.2, every error branch, and benign pickles from CPython (protocols 0-5)
// and joblib.
#include "formats/pickle/pickle_analyzer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aigis::formats::pickle {
namespace {

std::string FromHex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

// Generated with CPython 3.11: pickle.dumps(data, protocol=N) of nested data (ints incl. big
// ones, float, str with non-ASCII, bytes, tuple, set, frozenset, OrderedDict, bytearray).
const char* const kBenign[] = {
    "286470300a56696e74730a70310a286c70320a49300a6149310a61493235350a61493235360a61493635353335"
    "0a61492d310a614c323134373438333634384c0a614c313138303539313632303731373431313330333432344c"
    "0a614c2d313138303539313632303731373431313330333432344c0a617356660a70330a46312e350a7356730a"
    "70340a286c70350a56610a70360a6156e95c75346532640a70370a617356620a70380a635f636f646563730a65"
    "6e636f64650a70390a285678790a7031300a566c6174696e310a7031310a747031320a527031330a7356740a70"
    "31340a2849310a4e4930310a4930300a747031350a73566e0a7031360a28647031370a56780a7031380a286c70"
    "31390a635f5f6275696c74696e5f5f0a7365740a7032300a28286c7032310a49310a6149320a61747032320a52"
    "7032330a61635f5f6275696c74696e5f5f0a66726f7a656e7365740a7032340a28286c7032350a49330a617470"
    "32360a527032370a617373566f640a7032380a63636f6c6c656374696f6e730a4f726465726564446963740a70"
    "32390a2874527033300a67360a49310a73735662610a7033310a635f5f6275696c74696e5f5f0a627974656172"
    "7261790a7033320a2867390a2856710a7033330a6731310a747033340a527033350a747033360a527033370a73"
    "2e",
    "7d7100285804000000696e747371015d7102284b004b014bff4d00014dffff4affffffff4c3231343734383336"
    "34384c0a4c313138303539313632303731373431313330333432344c0a4c2d3131383035393136323037313734"
    "31313330333432344c0a655801000000667103473ff800000000000058010000007371045d7105285801000000"
    "6171065805000000c3a9e4b8ad7107655801000000627108635f636f646563730a656e636f64650a7109285802"
    "0000007879710a58060000006c6174696e31710b74710c52710d580100000074710e284b014e4930310a493030"
    "0a74710f58010000006e71107d711158010000007871125d711328635f5f6275696c74696e5f5f0a7365740a71"
    "14285d7115284b014b0265747116527117635f5f6275696c74696e5f5f0a66726f7a656e7365740a7118285d71"
    "194b036174711a52711b657358020000006f64711c63636f6c6c656374696f6e730a4f72646572656444696374"
    "0a711d2952711e68064b017358020000006261711f635f5f6275696c74696e5f5f0a6279746561727261790a71"
    "20286809285801000000717121680b747122527123747124527125752e",
    "80027d7100285804000000696e747371015d7102284b004b014bff4d00014dffff4affffffff8a050000008000"
    "8a090000000000000000408a090000000000000000c0655801000000667103473ff80000000000005801000000"
    "7371045d71052858010000006171065805000000c3a9e4b8ad7107655801000000627108635f636f646563730a"
    "656e636f64650a710958020000007879710a58060000006c6174696e31710b86710c52710d580100000074710e"
    "284b014e888974710f58010000006e71107d711158010000007871125d711328635f5f6275696c74696e5f5f0a"
    "7365740a71145d7115284b014b0265857116527117635f5f6275696c74696e5f5f0a66726f7a656e7365740a71"
    "185d71194b036185711a52711b657358020000006f64711c63636f6c6c656374696f6e730a4f72646572656444"
    "6963740a711d2952711e68064b017358020000006261711f635f5f6275696c74696e5f5f0a6279746561727261"
    "790a712068095801000000717121680b867122527123857124527125752e",
    "80037d7100285804000000696e747371015d7102284b004b014bff4d00014dffff4affffffff8a050000008000"
    "8a090000000000000000408a090000000000000000c0655801000000667103473ff80000000000005801000000"
    "7371045d71052858010000006171065805000000c3a9e4b8ad7107655801000000627108430278797109580100"
    "000074710a284b014e888974710b58010000006e710c7d710d580100000078710e5d710f28636275696c74696e"
    "730a7365740a71105d7111284b014b0265857112527113636275696c74696e730a66726f7a656e7365740a7114"
    "5d71154b0361857116527117657358020000006f64711863636f6c6c656374696f6e730a4f7264657265644469"
    "63740a71192952711a68064b017358020000006261711b636275696c74696e730a6279746561727261790a711c"
    "430171711d85711e52711f752e",
    "800495e1000000000000007d94288c04696e7473945d94284b004b014bff4d00014dffff4affffffff8a050000"
    "0080008a090000000000000000408a090000000000000000c0658c016694473ff80000000000008c0173945d94"
    "288c0161948c05c3a9e4b8ad94658c01629443027879948c017494284b014e888974948c016e947d948c017894"
    "5d94288f94284b014b0290284b03919465738c026f64948c0b636f6c6c656374696f6e73948c0b4f7264657265"
    "644469637494939429529468064b01738c026261948c086275696c74696e73948c096279746561727261799493"
    "944301719485945294752e",
    "800595cb000000000000007d94288c04696e7473945d94284b004b014bff4d00014dffff4affffffff8a050000"
    "0080008a090000000000000000408a090000000000000000c0658c016694473ff80000000000008c0173945d94"
    "288c0161948c05c3a9e4b8ad94658c01629443027879948c017494284b014e888974948c016e947d948c017894"
    "5d94288f94284b014b0290284b03919465738c026f64948c0b636f6c6c656374696f6e73948c0b4f7264657265"
    "644469637494939429529468064b01738c026261949601000000000000007194752e"};
// joblib.dump of {"a": float64 arange(3), "o": object array [1, "x"], "u": ["ab"], "e": int32
// (0,2)}
const char kJoblib[] =
    "800495d2000000000000007d94288c0161948c136a6f626c69622e6e756d70795f7069636b6c65948c114e756d"
    "70794172726179577261707065729493942981947d94288c08737562636c617373948c056e756d7079948c076e"
    "6461727261799493948c057368617065944b0385948c056f72646572948c0143948c056474797065946808680f"
    "93948c02663894898887945294284b038c013c944e4e4e4affffffff4affffffff4b007494628c0a616c6c6f77"
    "5f6d6d617094888c1b6e756d70795f61727261795f616c69676e6d656e745f6279746573944b10756202ffff00"
    "00000000000000000000000000f03f0000000000000040954b000000000000008c016f9468042981947d942868"
    "07680a680b4b028594680d680e680f68108c024f3894898887945294284b038c017c944e4e4e4affffffff4aff"
    "ffffff4b3f74946268168968174b1075628002636e756d70792e636f72652e6d756c746961727261790a5f7265"
    "636f6e7374727563740a7100636e756d70790a6e6461727261790a71014b00857102635f636f646563730a656e"
    "636f64650a7103580100000062710458060000006c6174696e317105867106527107877108527109284b014b02"
    "85710a636e756d70790a64747970650a710b58020000004f38710c898887710d52710e284b0358010000007c71"
    "0f4e4e4e4affffffff4affffffff4b3f74711062895d7111284b01580100000078711265747113622e95430000"
    "00000000008c01759468042981947d94286807680a680b4b018594680d680e680f68108c025532948988879452"
    "94284b0368144e4e4e4b084b044b0874946268168868174b1075620bffffffffffffffffffffff610000006200"
    "0000954b000000000000008c01659468042981947d94286807680a680b4b004b028694680d680e680f68108c02"
    "693494898887945294284b0368144e4e4e4affffffff4affffffff4b0074946268168868174b10756203ffffff"
    "752e";
// joblib.dump(np.arange(4, dtype="i2"))
const char kJoblib2[] =
    "800495cb000000000000008c136a6f626c69622e6e756d70795f7069636b6c65948c114e756d70794172726179"
    "577261707065729493942981947d94288c08737562636c617373948c056e756d7079948c076e64617272617994"
    "93948c057368617065944b0485948c056f72646572948c0143948c056474797065946806680d93948c02693294"
    "898887945294284b038c013c944e4e4e4affffffff4affffffff4b007494628c0a616c6c6f775f6d6d61709488"
    "8c1b6e756d70795f61727261795f616c69676e6d656e745f6279746573944b10756209ffffffffffffffffff00"
    "000100020003002e";

// Builds pickle byte streams opcode by opcode.
class PB {
 public:
  PB& op(uint8_t c) {
    b_.push_back(static_cast<char>(c));
    return *this;
  }
  PB& raw(std::string_view s) {
    b_.append(s);
    return *this;
  }
  PB& proto(int p) { return op(0x80).op(static_cast<uint8_t>(p)); }
  PB& u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) op(static_cast<uint8_t>(v >> (8 * i)));
    return *this;
  }
  PB& u64(uint64_t v) {
    for (int i = 0; i < 8; ++i) op(static_cast<uint8_t>(v >> (8 * i)));
    return *this;
  }
  PB& sbu(std::string_view s) {
    op(0x8c).op(static_cast<uint8_t>(s.size()));
    return raw(s);
  }
  PB& binunicode(std::string_view s) {
    op('X').u32(static_cast<uint32_t>(s.size()));
    return raw(s);
  }
  PB& sbb(std::string_view s) {
    op('C').op(static_cast<uint8_t>(s.size()));
    return raw(s);
  }
  PB& global(std::string_view m, std::string_view n) {
    op('c').raw(m).op('\n').raw(n).op('\n');
    return *this;
  }
  PB& k(uint8_t v) { return op('K').op(v); }
  PB& put(uint8_t i) { return op('q').op(i); }
  PB& get(uint8_t i) { return op('h').op(i); }
  PB& frame(uint64_t n) { return op(0x95).u64(n); }
  PB& stop() { return op('.'); }
  const std::string& str() const { return b_; }
  size_t size() const { return b_.size(); }

 private:
  std::string b_;
};

PickleReport Analyze(const std::string& s, const PickleLimits& lim = {},
                     const AnalyzeOptions& o = {}) {
  return AnalyzePickle(AsBytes(s), lim, o);
}

bool HasImport(const PickleReport& r, std::string_view mod, std::string_view name) {
  for (const auto& im : r.imports)
    if (im.module == mod && im.name == name) return true;
  return false;
}
const Import* FindImport(const PickleReport& r, std::string_view mod, std::string_view name) {
  for (const auto& im : r.imports)
    if (im.module == mod && im.name == name) return &im;
  return nullptr;
}

// os.system("id") via REDUCE, protocol 2.
std::string OsSystem() {
  return PB().proto(2).global("os", "system").binunicode("id").op(0x85).op('R').stop().str();
}

// Everything a report says, for comparing two reports.
std::string Summary(const PickleReport& r) {
  std::string s =
      "err=" + r.error.ToString() + " pickles=" + std::to_string(r.pickles.size()) +
      " end=" + std::to_string(r.end_offset) + " ops=" + std::to_string(r.opcodes) +
      " examined=" + std::to_string(r.bytes_examined) + " proto=" + std::to_string(r.max_protocol) +
      " pers=" + std::to_string(r.persistent_ids) + " joblib=" + std::to_string(r.joblib_arrays) +
      " calls=" + std::to_string(r.calls_total) + " embedded=" + std::to_string(r.embedded.size());
  for (const auto& im : r.imports)
    s += " import:" + im.module + "." + im.name + "@" + std::to_string(im.offset) + "x" +
         std::to_string(im.call_count) + (im.constant_operands ? "" : "!");
  for (const auto& c : r.calls) s += " call@" + std::to_string(c.offset);
  for (const auto& a : r.anomalies)
    s += " " + a.code + "@" + std::to_string(a.offset) + ":" + a.message;
  for (const auto& p : r.pickles) s += " pickle@" + std::to_string(p.start);
  return s;
}

// length_dependent == false promises that any input starting with the analysed bytes gives the
// same report (the storage probe analyses a 512-byte copy on that promise). Checked for every
// prefix of a set of streams against the whole stream and the stream with junk appended.
TEST(PickleAnalyzer, ReportNotLengthDependentHoldsForLongerInputs) {
  std::vector<std::string> streams;
  for (const char* hex : kBenign) streams.push_back(FromHex(hex));
  streams.push_back(FromHex(kJoblib));
  streams.push_back(OsSystem());
  std::string broken = OsSystem();
  broken.pop_back();
  streams.push_back(broken + "\xff\xfe garbage");
  // A missing memo key looks ahead for STACK_GLOBAL: at the end of a prefix that is a length
  // question (the whole stream records the import).
  streams.push_back(PB().proto(2).binunicode("os").get(9).op(0x93).op('N').op('R').stop().str());
  streams.push_back("cos\nsystem\n(S'id'\ntR.");
  streams.push_back(PB().proto(4).frame(3).k(1).stop().str() + OsSystem());
  streams.push_back(std::string(1, '\0') + "anything");
  streams.push_back(PB().proto(2).op(0x30).stop().str());  // POP on an empty stack
  size_t checked = 0;
  for (const std::string& full : streams) {
    const std::string junk = full + "\x80\x02\x8c\x02osq\x00.junk";
    const std::string want_full = Summary(Analyze(full));
    const std::string want_junk = Summary(Analyze(junk));
    for (size_t n = 1; n < full.size(); ++n) {
      PickleReport r = Analyze(full.substr(0, n));
      if (r.length_dependent) continue;
      ++checked;
      EXPECT_EQ(Summary(r), want_full) << "prefix " << n << " of " << full.size();
      EXPECT_EQ(Summary(r), want_junk) << "prefix " << n << " of " << full.size();
    }
  }
  EXPECT_GT(checked, 20u);  // the property was exercised, not vacuously true
  // And what must be length dependent is: truncation, the memo look-ahead at the end, a complete
  // pickle (trailing bytes count), an empty input.
  EXPECT_TRUE(Analyze(OsSystem().substr(0, 5)).length_dependent);
  EXPECT_TRUE(Analyze(PB().proto(2).binunicode("os").get(9).str()).length_dependent);
  EXPECT_TRUE(Analyze(OsSystem()).length_dependent);
  EXPECT_TRUE(AnalyzePickle(ByteView()).length_dependent);
  EXPECT_FALSE(Analyze(std::string(1, '\0') + "x").length_dependent);
}

TEST(PickleAnalyzer, BenignProtocols0To5) {
  for (const char* hex : kBenign) {
    PickleReport r = Analyze(FromHex(hex));
    ASSERT_TRUE(r.error.ok()) << r.error.ToString();
    EXPECT_EQ(r.pickles.size(), 1u);
    EXPECT_TRUE(r.anomalies.empty()) << r.anomalies[0].code;
    for (const auto& im : r.imports) {
      EXPECT_TRUE(im.module == "builtins" || im.module == "collections" || im.module == "_codecs" ||
                  im.module == "copyreg")
          << im.module << "." << im.name;
    }
    EXPECT_TRUE(HasImport(r, "collections", "OrderedDict"));
    EXPECT_EQ(r.end_offset, FromHex(hex).size());
    EXPECT_EQ(r.bytes_examined, FromHex(hex).size());
  }
}

TEST(PickleAnalyzer, Proto0MapsPython2Builtins) {
  PickleReport r = Analyze(FromHex(kBenign[0]));
  EXPECT_TRUE(HasImport(r, "builtins", "set"));  // written as __builtin__.set
  std::string p2 = PB().proto(2).global("__builtin__", "eval").stop().str();
  EXPECT_TRUE(HasImport(Analyze(p2), "builtins", "eval"));
  std::string p3 = PB().proto(3).global("__builtin__", "eval").stop().str();
  EXPECT_TRUE(HasImport(Analyze(p3), "__builtin__", "eval"));  // no fix_imports at protocol 3
}

TEST(PickleAnalyzer, ReduceCall) {
  PickleReport r = Analyze(OsSystem());
  ASSERT_TRUE(r.error.ok());
  const Import* im = FindImport(r, "os", "system");
  ASSERT_NE(im, nullptr);
  EXPECT_EQ(im->kind, ImportKind::kGlobal);
  EXPECT_EQ(im->offset, 2u);
  EXPECT_EQ(im->call_count, 1u);
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0].kind, CallKind::kReduce);
  EXPECT_TRUE(r.calls[0].callee_is_global);
  EXPECT_EQ(r.CalleeName(r.calls[0]), "os.system");
  EXPECT_EQ(r.max_protocol, 2);
}

TEST(PickleAnalyzer, MemoConfusionUsesIndices) {
  // picklescan #22: decoys in other memo slots; only the indices decide.
  std::string s = PB().proto(4)
                      .sbu("builtins")
                      .put(1)
                      .op('0')
                      .sbu("os")
                      .put(2)
                      .op('0')
                      .sbu("getattr")
                      .put(3)
                      .op('0')
                      .sbu("system")
                      .put(4)
                      .op('0')
                      .get(2)
                      .get(4)
                      .op(0x93)
                      .sbu("id")
                      .op(0x85)
                      .op('R')
                      .stop()
                      .str();
  PickleReport r = Analyze(s);
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  ASSERT_EQ(r.imports.size(), 1u);
  EXPECT_EQ(r.imports[0].module, "os");
  EXPECT_EQ(r.imports[0].name, "system");
  EXPECT_EQ(r.imports[0].kind, ImportKind::kStackGlobal);
  EXPECT_TRUE(r.imports[0].constant_operands);
  EXPECT_EQ(r.imports[0].call_count, 1u);
}

TEST(PickleAnalyzer, MemoizeUsesMemoLength) {
  std::string s = PB().proto(4)
                      .sbu("os")
                      .op(0x94)
                      .sbu("system")
                      .op(0x94)
                      .op('0')
                      .op('0')
                      .get(0)
                      .get(1)
                      .op(0x93)
                      .stop()
                      .str();
  PickleReport r = Analyze(s);
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_TRUE(HasImport(r, "os", "system"));
}

TEST(PickleAnalyzer, StackGlobalFromProto0Strings) {
  // GHSA-9gvj-pp9x-gcfr: STRING opcodes without PROTO feeding STACK_GLOBAL.
  std::string s = "S'os'\nS'system'\n\x93(S'id'\ntR.";
  PickleReport r = Analyze(s);
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  const Import* im = FindImport(r, "os", "system");
  ASSERT_NE(im, nullptr);
  EXPECT_EQ(im->call_count, 1u);
}

TEST(PickleAnalyzer, StackGlobalFromEveryStringOpcode) {
  std::vector<std::string> feeds = {
      PB().sbu("os").str(),
      PB().binunicode("os").str(),
      PB().op(0x8d).u64(2).raw("os").str(),  // BINUNICODE8
      PB().op('U').op(2).raw("os").str(),    // SHORT_BINSTRING
      PB().op('T').u32(2).raw("os").str(),   // BINSTRING
      std::string("Vo\\u0073\n"),            // UNICODE with raw-unicode-escape
      std::string("S'o\\x73'\n"),            // STRING with an escape
      std::string("S\"\\157s\"\n"),          // octal escape
  };
  for (const auto& f : feeds) {
    std::string s = PB().proto(4).raw(f).sbu("system").op(0x93).stop().str();
    PickleReport r = Analyze(s);
    EXPECT_TRUE(r.error.ok()) << r.error.ToString();
    EXPECT_TRUE(HasImport(r, "os", "system")) << f;
  }
}

TEST(PickleAnalyzer, StackGlobalBytesIsNonConstant) {
  std::string s = PB().proto(4).sbb("os").sbu("system").op(0x93).stop().str();
  PickleReport r = Analyze(s);
  ASSERT_EQ(r.imports.size(), 1u);
  EXPECT_FALSE(r.imports[0].constant_operands);
  EXPECT_TRUE(r.HasAnomaly("stack-global-type"));
}

TEST(PickleAnalyzer, TypeConfusionMemoIntAsModule) {
  std::string s = PB().proto(4).k(7).put(0).op('0').get(0).sbu("system").op(0x93).stop().str();
  PickleReport r = Analyze(s);
  ASSERT_EQ(r.imports.size(), 1u);
  EXPECT_FALSE(r.imports[0].constant_operands);
  EXPECT_TRUE(r.HasAnomaly("stack-global-type"));
}

TEST(PickleAnalyzer, StackGlobalFromCallResultIsNonConstant) {
  // module name computed by a call at load time: getattr(x, 'y') result fed to STACK_GLOBAL.
  std::string s = PB().proto(4)
                      .global("builtins", "str")
                      .sbu("os")
                      .op(0x85)
                      .op('R')
                      .sbu("system")
                      .op(0x93)
                      .op(')')
                      .op('R')
                      .stop()
                      .str();
  PickleReport r = Analyze(s);
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  ASSERT_EQ(r.imports.size(), 2u);
  EXPECT_FALSE(r.imports[1].constant_operands);
  EXPECT_FALSE(r.HasAnomaly("stack-global-type"));  // a call can return a str
  EXPECT_EQ(r.imports[1].module, "<result of builtins.str>");
  EXPECT_EQ(r.imports[1].call_count, 1u);
}

TEST(PickleAnalyzer, MissingMemoKeyKeepsEarlierFindings) {
  std::string s = PB().proto(2).global("os", "system").op('h').op(9).stop().str();
  PickleReport r = Analyze(s);
  EXPECT_EQ(r.error.code(), StatusCode::kMalformed);
  EXPECT_TRUE(r.HasAnomaly("memo-missing"));
  EXPECT_TRUE(HasImport(r, "os", "system"));
  EXPECT_EQ(r.error.offset(), 13u);
  // LONG_BINGET and text GET too.
  EXPECT_TRUE(Analyze(PB().op('j').u32(5).stop().str()).HasAnomaly("memo-missing"));
  EXPECT_TRUE(Analyze("g3\n.").HasAnomaly("memo-missing"));
  EXPECT_TRUE(Analyze("g-3\n.").HasAnomaly("memo-missing"));
  EXPECT_EQ(Analyze("gx\n.").error.code(), StatusCode::kMalformed);
}

TEST(PickleAnalyzer, BrokenStreamAfterPayload) {
  // nullifAI: the payload runs before the stream breaks.
  std::string s = OsSystem();
  s.pop_back();  // drop STOP
  s += "\xff\xfe garbage";
  PickleReport r = Analyze(s);
  EXPECT_EQ(r.error.code(), StatusCode::kMalformed);
  EXPECT_NE(r.error.message().find("invalid load key"), std::string::npos);
  const Import* im = FindImport(r, "os", "system");
  ASSERT_NE(im, nullptr);
  EXPECT_EQ(im->call_count, 1u);
  EXPECT_TRUE(r.pickles.empty());
}

TEST(PickleAnalyzer, MultiplePickles) {
  std::string s = PB().proto(2).op('N').stop().str() + OsSystem();
  PickleReport r = Analyze(s);
  ASSERT_TRUE(r.error.ok());
  EXPECT_EQ(r.pickles.size(), 2u);
  const Import* im = FindImport(r, "os", "system");
  ASSERT_NE(im, nullptr);
  EXPECT_EQ(im->pickle_index, 1u);
  EXPECT_EQ(r.end_offset, s.size());
  // Only the first when asked.
  AnalyzeOptions one;
  one.max_pickles = 1;
  PickleReport r1 = Analyze(s, {}, one);
  EXPECT_EQ(r1.pickles.size(), 1u);
  EXPECT_FALSE(HasImport(r1, "os", "system"));
  AnalyzeOptions single;
  single.multiple_pickles = false;
  EXPECT_TRUE(Analyze(s, {}, single).HasAnomaly("trailing-data"));
}

TEST(PickleAnalyzer, MemoSurvivesAcrossPickles) {
  std::string s = PB().proto(2).global("os", "system").put(0).stop().str() +
                  PB().proto(2).get(0).binunicode("id").op(0x85).op('R').stop().str();
  PickleReport r = Analyze(s);
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(FindImport(r, "os", "system")->call_count, 1u);
}

TEST(PickleAnalyzer, JunkAfterStopIsTrailingData) {
  std::string s = PB().proto(2).op('N').stop().str() + std::string("\x00\x01\x02junk", 7);
  PickleReport r = Analyze(s);
  EXPECT_TRUE(r.error.ok());
  EXPECT_EQ(r.pickles.size(), 1u);
  ASSERT_TRUE(r.HasAnomaly("trailing-data"));
  EXPECT_EQ(r.anomalies.back().offset, 4u);
  EXPECT_EQ(r.end_offset, 4u);
}

TEST(PickleAnalyzer, TruncatedSecondPickleWithImportIsAnError) {
  std::string s = PB().proto(2).op('N').stop().str() + PB().global("os", "system").str();
  PickleReport r = Analyze(s);
  EXPECT_EQ(r.error.code(), StatusCode::kMalformed);
  EXPECT_TRUE(HasImport(r, "os", "system"));
}

TEST(PickleAnalyzer, FrameStraddling) {
  // FRAME declares 3 bytes but the SHORT_BINUNICODE inside needs 2 + 6.
  std::string s = PB().proto(4).frame(3).sbu("system").op('0').op('N').stop().str();
  PickleReport r = Analyze(s);
  EXPECT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_TRUE(r.HasAnomaly("frame-mismatch"));
}

TEST(PickleAnalyzer, FrameHidingOpcodes) {
  // cpython issue cited in §2.2: a FRAME shorter than the BINBYTES that follows; a linear reader
  // and a frame-buffered reader disagree on where opcodes are.
  std::string inner = PB().global("os", "system").str();
  std::string s = PB().proto(4)
                      .frame(4)
                      .op('B')
                      .u32(static_cast<uint32_t>(inner.size()))
                      .raw(inner)
                      .op('0')
                      .op('N')
                      .stop()
                      .str();
  PickleReport r = Analyze(s);
  EXPECT_TRUE(r.HasAnomaly("frame-mismatch"));
  // A new FRAME before the current one ends.
  std::string s2 = PB().proto(4).frame(12).op('N').frame(2).op('0').op('N').stop().str();
  EXPECT_TRUE(Analyze(s2).HasAnomaly("frame-mismatch"));
  // Well-formed frames raise nothing.
  std::string ok = PB().proto(4).frame(3).op('N').op('0').op('N').frame(1).stop().str();
  PickleReport rok = Analyze(ok);
  EXPECT_TRUE(rok.error.ok()) << rok.error.ToString();
  EXPECT_FALSE(rok.HasAnomaly("frame-mismatch"));
  // A frame longer than the data is truncation.
  EXPECT_EQ(Analyze(PB().proto(4).frame(100).op('N').stop().str()).error.code(),
            StatusCode::kMalformed);
}

TEST(PickleAnalyzer, ObjThenPopIsStillACall) {
  // GHSA-mxhj-88fx-4pcv: OBJ result discarded by POP.
  std::string s = PB().proto(1)
                      .op('(')
                      .global("os", "system")
                      .binunicode("id")
                      .op('o')
                      .op('0')
                      .op('N')
                      .stop()
                      .str();
  PickleReport r = Analyze(s);
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0].kind, CallKind::kObj);
  EXPECT_EQ(FindImport(r, "os", "system")->call_count, 1u);
}

TEST(PickleAnalyzer, InstNewObjNewObjEx) {
  std::string inst = "(S'id'\nios\nsystem\n.";
  PickleReport r = Analyze(inst);
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  ASSERT_EQ(r.imports.size(), 1u);
  EXPECT_EQ(r.imports[0].kind, ImportKind::kInst);
  EXPECT_EQ(r.calls[0].kind, CallKind::kInst);
  std::string nobj = PB().proto(2).global("m", "C").op(')').op(0x81).stop().str();
  EXPECT_EQ(Analyze(nobj).calls.at(0).kind, CallKind::kNewObj);
  std::string nobjex = PB().proto(4).global("m", "C").op(')').op('}').op(0x92).stop().str();
  EXPECT_EQ(Analyze(nobjex).calls.at(0).kind, CallKind::kNewObjEx);
}

TEST(PickleAnalyzer, DottedNamesAndDunders) {
  std::string s =
      PB().proto(4).global("builtins", "print.__class__.__base__.__subclasses__").stop().str();
  PickleReport r = Analyze(s);
  ASSERT_EQ(r.imports.size(), 1u);
  EXPECT_EQ(r.imports[0].parts,
            (std::vector<std::string>{"print", "__class__", "__base__", "__subclasses__"}));
  EXPECT_TRUE(r.HasAnomaly("dunder"));
  std::string s2 = PB().proto(4).sbu("pathlib").sbu("os.system").op(0x93).stop().str();
  PickleReport r2 = Analyze(s2);
  ASSERT_EQ(r2.imports.size(), 1u);
  EXPECT_EQ(r2.imports[0].parts, (std::vector<std::string>{"os", "system"}));
  EXPECT_FALSE(r2.HasAnomaly("dunder"));
  // numpy.__builtins__ (modelscan #330)
  EXPECT_TRUE(Analyze(PB().proto(4).sbu("numpy").sbu("__builtins__").op(0x93).stop().str())
                  .HasAnomaly("dunder"));
  // __main__ classes are user code, not a dunder attack.
  EXPECT_FALSE(Analyze(PB().proto(2).global("__main__", "Net").stop().str()).HasAnomaly("dunder"));
}

TEST(PickleAnalyzer, ModulePoisoningViaBuild) {
  // sys_module_override_sploit: BUILD on the module object torch._utils.
  std::string s = PB().proto(4)
                      .sbu("torch")
                      .sbu("_utils")
                      .op(0x93)
                      .op('}')
                      .sbu("_rebuild_tensor")
                      .global("builtins", "eval")
                      .op('s')
                      .op('b')
                      .op('0')
                      .sbu("torch._utils")
                      .sbu("_rebuild_tensor")
                      .op(0x93)
                      .binunicode("1+1")
                      .op(0x85)
                      .op('R')
                      .stop()
                      .str();
  PickleReport r = Analyze(s);
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_TRUE(r.HasAnomaly("module-mutation"));
  bool build_call = false;
  for (const auto& c : r.calls) build_call |= c.kind == CallKind::kBuild;
  EXPECT_TRUE(build_call);
  // SETITEM / APPEND on a global.
  EXPECT_TRUE(Analyze(PB().proto(2).global("m", "d").k(1).k(2).op('s').stop().str())
                  .HasAnomaly("module-mutation"));
  EXPECT_TRUE(Analyze(PB().proto(2).global("m", "d").k(1).op('a').stop().str())
                  .HasAnomaly("module-mutation"));
  EXPECT_TRUE(Analyze(PB().proto(2).global("m", "d").op('(').k(1).op(0x90).stop().str())
                  .HasAnomaly("module-mutation"));
}

TEST(PickleAnalyzer, ExtCodes) {
  PickleReport r = Analyze(PB().proto(2).op(0x82).op(5).op(')').op('R').stop().str());
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  ASSERT_EQ(r.imports.size(), 1u);
  EXPECT_EQ(r.imports[0].kind, ImportKind::kExt);
  EXPECT_EQ(r.imports[0].ext_code, 5u);
  EXPECT_EQ(r.imports[0].call_count, 1u);
  EXPECT_TRUE(r.HasAnomaly("ext"));
  EXPECT_EQ(Analyze(PB().proto(2).op(0x83).op(0x34).op(0x12).stop().str()).imports.at(0).ext_code,
            0x1234u);
  EXPECT_EQ(Analyze(PB().proto(2).op(0x82).op(0).stop().str()).error.code(),
            StatusCode::kMalformed);
  EXPECT_EQ(Analyze(PB().proto(2).op(0x84).u32(0xffffffff).stop().str()).error.message(),
            "unregistered extension code");
  EXPECT_EQ(Analyze(PB().proto(2).op(0x84).u32(0x01020304).stop().str()).imports.at(0).ext_code,
            0x01020304u);
}

TEST(PickleAnalyzer, PersistentIds) {
  // PyTorch style: BINPERSID of ('storage', torch.FloatStorage, '0', 'cpu', 4).
  std::string s = PB().proto(2)
                      .op('(')
                      .binunicode("storage")
                      .global("torch", "FloatStorage")
                      .binunicode("0")
                      .binunicode("cpu")
                      .k(4)
                      .op('t')
                      .op('Q')
                      .raw("P123\n")
                      .op(0x86)
                      .stop()
                      .str();
  PickleReport r = Analyze(s);
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.persistent_ids, 2u);
  EXPECT_TRUE(HasImport(r, "torch", "FloatStorage"));
}

TEST(PickleAnalyzer, DeepMarkNestingHitsLimit) {
  std::string s(100000, '(');
  PickleLimits lim;
  lim.max_marks = 1000;
  PickleReport r = Analyze(s, lim);
  EXPECT_EQ(r.error.code(), StatusCode::kLimitExceeded);
  PickleReport r2 = Analyze(s);  // default limit: runs out of data instead
  EXPECT_EQ(r2.error.code(), StatusCode::kMalformed);
}

TEST(PickleAnalyzer, MemoBlowUpHitsLimit) {
  PB b;
  b.proto(2).op('N');
  for (int i = 0; i < 100; ++i) b.put(static_cast<uint8_t>(i));
  b.stop();
  PickleLimits lim;
  lim.max_memo_entries = 10;
  EXPECT_EQ(Analyze(b.str(), lim).error.code(), StatusCode::kLimitExceeded);
  EXPECT_TRUE(Analyze(b.str()).error.ok());
  // Sparse huge indices do not allocate densely and still resolve.
  std::string sparse = PB().proto(2)
                           .global("os", "system")
                           .op('r')
                           .u32(0xfffffff0)
                           .op('0')
                           .op('j')
                           .u32(0xfffffff0)
                           .stop()
                           .str();
  PickleReport rs = Analyze(sparse);
  EXPECT_TRUE(rs.error.ok()) << rs.error.ToString();
  // DUP amplification bounded by the stack limit.
  std::string dup = PB().proto(2).op('N').raw(std::string(5000, '2')).stop().str();
  PickleLimits small;
  small.max_stack = 100;
  EXPECT_EQ(Analyze(dup, small).error.code(), StatusCode::kLimitExceeded);
}

TEST(PickleAnalyzer, TruncatedAtEveryByteNeverCrashes) {
  std::vector<std::string> inputs = {OsSystem(),          FromHex(kBenign[0]), FromHex(kBenign[2]),
                                     FromHex(kBenign[4]), FromHex(kBenign[5]), FromHex(kJoblib)};
  for (const auto& full : inputs) {
    for (size_t n = 0; n < full.size(); ++n) {
      PickleReport r = Analyze(full.substr(0, n));
      EXPECT_FALSE(r.error.ok()) << "prefix " << n;
      EXPECT_LE(r.bytes_examined, n);
    }
  }
}

TEST(PickleAnalyzer, StackUnderflowAndMarkErrors) {
  EXPECT_EQ(Analyze("R.").error.message(), "unpickling stack underflow");
  EXPECT_EQ(Analyze(".").error.message(), "unpickling stack underflow");
  EXPECT_EQ(Analyze("N(0.").error.code(), StatusCode::kOk);  // POP of an empty MARK pops the mark
  EXPECT_EQ(Analyze("(0.").error.message(), "unpickling stack underflow");
  EXPECT_EQ(Analyze("N(2.").error.message(), "unpickling stack underflow");  // DUP below the fence
  EXPECT_EQ(Analyze("t.").error.message(), "could not find MARK");
  EXPECT_EQ(Analyze("N1.").error.message(), "could not find MARK");
  EXPECT_EQ(Analyze("o.").error.message(), "could not find MARK");
  EXPECT_EQ(Analyze("(o.").error.message(), "unpickling stack underflow");
  EXPECT_EQ(Analyze("(K\x01"
                    "d.")
                .error.message(),
            "odd number of items for DICT");
  EXPECT_EQ(Analyze("}(K\x01u.").error.message(), "odd number of items for SETITEMS");
  EXPECT_EQ(Analyze("N\x85\x86.").error.message(), "unpickling stack underflow");
  EXPECT_EQ(Analyze("Nb.").error.message(), "unpickling stack underflow");
  EXPECT_EQ(Analyze("Na.").error.message(), "unpickling stack underflow");
  EXPECT_EQ(Analyze("N(q\x01.").error.message(), "unpickling stack underflow");  // PUT below fence
  EXPECT_EQ(Analyze("N(\x98.").error.message(), "unpickling stack underflow");
  EXPECT_EQ(Analyze("Q.").error.message(), "unpickling stack underflow");
  EXPECT_EQ(Analyze("N\x93.").error.message(), "unpickling stack underflow");
  // SETITEM reaches below the fence like _pickle.c's do_setitems.
  EXPECT_TRUE(Analyze("}K\x01(K\x02s1.").error.ok());
  EXPECT_EQ(Analyze("}K\x01(K\x02s0.").error.message(), "unpickling stack underflow");
}

TEST(PickleAnalyzer, MalformedArguments) {
  EXPECT_EQ(Analyze(PB().proto(6).op('N').stop().str()).error.code(), StatusCode::kMalformed);
  EXPECT_TRUE(Analyze(PB().proto(6).str()).HasAnomaly("proto-unsupported"));
  EXPECT_TRUE(Analyze(PB().proto(2).proto(4).op('N').stop().str()).HasAnomaly("proto-repeated"));
  EXPECT_EQ(Analyze("S'abc\n.").error.message(), "the STRING opcode argument must be quoted");
  EXPECT_EQ(Analyze("S'a\\x4'\n.").error.message(), "invalid escape in STRING");
  EXPECT_EQ(Analyze("V\\u12\n.").error.message(), "invalid raw-unicode-escape in UNICODE");
  EXPECT_EQ(Analyze(PB().op(0x8b).u32(0x80000000).stop().str()).error.message(),
            "LONG pickle has negative byte count");
  EXPECT_EQ(Analyze(PB().op('T').u32(0xffffffff).stop().str()).error.message(),
            "BINSTRING pickle has negative byte count");
  EXPECT_EQ(Analyze("Ixyz\n.").error.message(), "invalid literal for int");
  EXPECT_TRUE(Analyze("I0x10\n.").error.ok());
  EXPECT_EQ(Analyze("F\n.").error.message(), "invalid FLOAT literal");
  EXPECT_EQ(Analyze("p-1\nN.").error.code(), StatusCode::kMalformed);
  EXPECT_EQ(Analyze("Npx\n.").error.message(), "invalid PUT argument");
  EXPECT_EQ(Analyze("Np-1\n.").error.message(), "negative PUT argument");
  EXPECT_EQ(Analyze("\xff").error.message(), "invalid load key, '\\xff'");
  EXPECT_EQ(Analyze("Z").error.message(), "invalid load key, 'Z'");
  EXPECT_EQ(Analyze("").error.code(), StatusCode::kMalformed);
  EXPECT_EQ(Analyze("cos\nsys").error.code(), StatusCode::kMalformed);  // no newline
  EXPECT_TRUE(Analyze(PB().proto(5).op(0x97).op('0').op('N').stop().str())
                  .HasAnomaly("out-of-band-buffer"));
}

TEST(PickleAnalyzer, LimitsAreReportedNotFatal) {
  PickleLimits lim;
  lim.max_opcodes = 3;
  EXPECT_EQ(Analyze(OsSystem(), lim).error.code(), StatusCode::kLimitExceeded);
  lim = {};
  lim.max_line_length = 4;
  PickleReport r = Analyze("cos\nsystem_long_name\n.", lim);
  EXPECT_EQ(r.error.code(), StatusCode::kLimitExceeded);
  lim = {};
  lim.max_imports = 1;
  EXPECT_EQ(Analyze(PB().proto(2).global("a", "b").global("c", "d").stop().str(), lim).error.code(),
            StatusCode::kLimitExceeded);
  lim = {};
  lim.max_pickles = 2;
  std::string three = "N.N.N.";
  EXPECT_EQ(Analyze(three, lim).error.code(), StatusCode::kLimitExceeded);
  lim = {};
  lim.max_recorded_calls = 1;
  PickleReport rc = Analyze(PB().proto(2)
                                .global("a", "b")
                                .op(')')
                                .op('R')
                                .op('0')
                                .global("a", "b")
                                .op(')')
                                .op('R')
                                .stop()
                                .str(),
                            lim);
  EXPECT_TRUE(rc.error.ok());
  EXPECT_EQ(rc.calls.size(), 1u);
  EXPECT_EQ(rc.calls_total, 2u);
  lim = {};
  lim.max_anomalies = 1;
  PickleReport ra = Analyze(PB().proto(2).proto(2).proto(2).op('N').stop().str(), lim);
  EXPECT_EQ(ra.anomalies.size(), 1u);
  EXPECT_EQ(ra.anomalies_dropped, 1u);
  lim = {};
  lim.max_decoded_bytes = 2;
  EXPECT_EQ(Analyze("S'\\x41\\x41\\x41'\n.", lim).error.code(), StatusCode::kLimitExceeded);
}

TEST(PickleAnalyzer, EmbeddedPickles) {
  std::string inner = OsSystem();
  std::string s = PB().proto(4)
                      .sbb(inner)
                      .op('0')
                      .binunicode("cos\nsystem\n(tR.")
                      .op('0')
                      .sbu("cpu")
                      .op('0')
                      .op('N')
                      .stop()
                      .str();
  PickleReport r = Analyze(s);
  ASSERT_TRUE(r.error.ok());
  ASSERT_EQ(r.embedded.size(), 2u);
  EXPECT_EQ(r.embedded[0].offset, 4u);
  EXPECT_EQ(r.embedded[0].length, inner.size());
  EXPECT_EQ(s.substr(r.embedded[0].offset, r.embedded[0].length), inner);
  EXPECT_TRUE(r.imports.empty());  // the inner pickle is data here
}

TEST(PickleAnalyzer, TopIntForLegacyTorchMagic) {
  std::string magic =
      PB().proto(2).op(0x8a).op(10).raw(FromHex("6c fc 9c 46 f9 20 6a a8 50 19")).stop().str();
  // FromHex needs no spaces
  magic = PB().proto(2).op(0x8a).op(10).raw(FromHex("6cfc9c46f9206aa85019")).stop().str();
  PickleReport r =
      Analyze(magic + PB().proto(2).op('M').op(0xe9).op(0x03).stop().str() +
              PB().proto(2).k(1).op(0x8a).op(1).op(0xff).op(0x86).stop().str() + "L-255L\n.");
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  ASSERT_EQ(r.pickles.size(), 4u);
  EXPECT_EQ(r.pickles[0].top_int, "0x1950a86a20f9469cfc6c");
  EXPECT_EQ(r.pickles[1].top_int, "0x3e9");
  EXPECT_FALSE(r.pickles[2].top_int.has_value());
  EXPECT_EQ(r.pickles[3].top_int, "-0xff");
  // The magic produced by eval() is not a literal.
  std::string evil = PB().proto(2)
                         .global("builtins", "eval")
                         .binunicode("0x1950a86a20f9469cfc6c")
                         .op(0x85)
                         .op('R')
                         .stop()
                         .str();
  EXPECT_FALSE(Analyze(evil).pickles.at(0).top_int.has_value());
  EXPECT_EQ(Analyze("L123456789012345678901234567890\n.").pickles.at(0).top_int,
            "0x18ee90ff6c373e0ee4e3f0ad2");
}

TEST(PickleAnalyzer, JoblibArraysAreSkipped) {
  PickleReport r = Analyze(FromHex(kJoblib));
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.joblib_arrays, 4u);
  EXPECT_EQ(r.pickles.size(), 1u);
  EXPECT_TRUE(r.anomalies.empty());
  EXPECT_TRUE(HasImport(r, "numpy.core.multiarray", "_reconstruct"));  // object array (nested)
  PickleReport r2 = Analyze(FromHex(kJoblib2));
  ASSERT_TRUE(r2.error.ok()) << r2.error.ToString();
  EXPECT_EQ(r2.joblib_arrays, 1u);
  // Without joblib emulation the raw array bytes break the stream.
  AnalyzeOptions no;
  no.joblib_arrays = false;
  EXPECT_FALSE(Analyze(FromHex(kJoblib2), {}, no).error.ok());
}

TEST(PickleAnalyzer, JoblibFailsClosed) {
  // Wrapper whose state has no dtype: size unknown -> error.
  std::string s = PB().proto(4)
                      .global("joblib.numpy_pickle", "NumpyArrayWrapper")
                      .op(')')
                      .op(0x81)
                      .op('}')
                      .sbu("shape")
                      .k(3)
                      .op(0x85)
                      .op('s')
                      .op('b')
                      .stop()
                      .str();
  PickleReport r = Analyze(s);
  EXPECT_EQ(r.error.code(), StatusCode::kMalformed);
  EXPECT_NE(r.error.message().find("joblib"), std::string::npos);
  // Array larger than the file.
  std::string big = PB().proto(4)
                        .global("joblib.numpy_pickle", "NumpyArrayWrapper")
                        .op(')')
                        .op(0x81)
                        .op('}')
                        .sbu("shape")
                        .op('J')
                        .u32(0x7fffffff)
                        .op(0x85)
                        .op('s')
                        .sbu("dtype")
                        .global("numpy", "dtype")
                        .sbu("f8")
                        .op(0x85)
                        .op('R')
                        .op('s')
                        .op('b')
                        .stop()
                        .str();
  PickleReport rb = Analyze(big);
  EXPECT_EQ(rb.error.code(), StatusCode::kMalformed);
  EXPECT_EQ(rb.joblib_arrays, 1u);
  // A state dict built before the wrapper (then fetched from the memo) is not tracked: the
  // array size is unknown, so the analysis fails closed instead of guessing.
  std::string early = PB().proto(4)
                          .op('}')
                          .sbu("shape")
                          .op(')')
                          .op('s')
                          .put(0)
                          .op('0')
                          .global("joblib.numpy_pickle", "NumpyArrayWrapper")
                          .op(')')
                          .op(0x81)
                          .get(0)
                          .op('b')
                          .stop()
                          .str();
  EXPECT_EQ(Analyze(early).error.code(), StatusCode::kMalformed);
  // Unknown dtype descriptor, shape overflow, shape element not an int.
  auto wrapper = [](const std::string& shape, const std::string& descr) {
    return PB()
        .proto(4)
        .global("joblib.numpy_pickle", "NumpyArrayWrapper")
        .op(')')
        .op(0x81)
        .op('}')
        .op('(')
        .sbu("shape")
        .raw(shape)
        .sbu("dtype")
        .global("numpy", "dtype")
        .sbu(descr)
        .op(0x85)
        .op('R')
        .op('u')
        .op('b')
        .stop()
        .str();
  };
  std::string k3 = PB().k(3).op(0x85).str();
  EXPECT_NE(Analyze(wrapper(k3, "zz")).error.message().find("itemsize unknown"), std::string::npos);
  std::string huge =
      PB().op('J').u32(0x7fffffff).op('J').u32(0x7fffffff).op('J').u32(0x7fffffff).op(0x87).str();
  EXPECT_NE(Analyze(wrapper(huge, "f8")).error.message().find("overflows"), std::string::npos);
  std::string bad = PB().op('N').op(0x85).str();
  EXPECT_NE(Analyze(wrapper(bad, "f8")).error.message().find("non-negative int"),
            std::string::npos);
  // The valid form parses: 3 float64 values follow the BUILD.
  std::string good = wrapper(k3, "<f8");
  good.insert(good.size() - 1, std::string(24, '\0'));
  PickleReport rg = Analyze(good);
  EXPECT_TRUE(rg.error.ok()) << rg.error.ToString();
  EXPECT_EQ(rg.joblib_arrays, 1u);
  // Container tracking exhausted: the size cannot be computed, so the analysis fails closed.
  PickleLimits few;
  few.max_containers = 1;
  EXPECT_EQ(Analyze(good, few).error.code(), StatusCode::kMalformed);
  few = {};
  few.max_element_pool = 1;
  EXPECT_EQ(Analyze(good, few).error.code(), StatusCode::kMalformed);
  // State that is not a dict.
  std::string nd = PB().proto(4)
                       .global("joblib.numpy_pickle", "NumpyArrayWrapper")
                       .op(')')
                       .op(0x81)
                       .op('N')
                       .op('b')
                       .stop()
                       .str();
  EXPECT_EQ(Analyze(nd).error.code(), StatusCode::kMalformed);
}

TEST(PickleAnalyzer, LooksLikePickle) {
  EXPECT_TRUE(LooksLikePickle(AsBytes(OsSystem())));
  EXPECT_TRUE(LooksLikePickle(AsBytes(FromHex(kBenign[0]))));
  EXPECT_TRUE(LooksLikePickle(AsBytes(FromHex(kBenign[1]))));
  EXPECT_TRUE(LooksLikePickle(AsBytes(std::string("cos\nsystem\n(S'id'\ntR."))));
  EXPECT_TRUE(LooksLikePickle(AsBytes(std::string("N."))));
  EXPECT_FALSE(LooksLikePickle(AsBytes(std::string("hello world, this is text\n"))));
  EXPECT_FALSE(LooksLikePickle(AsBytes(std::string("{\"a\": [1, 2, 3]}"))));
  EXPECT_FALSE(LooksLikePickle(AsBytes(std::string("copyright 2024\nfoo bar\n"))));
  EXPECT_FALSE(
      LooksLikePickle(AsBytes(std::string("\x7f"
                                          "ELF\x02\x01\x01",
                                          7))));
  EXPECT_FALSE(LooksLikePickle(AsBytes(std::string("\x89PNG\r\n\x1a\n"))));
  EXPECT_FALSE(LooksLikePickle(AsBytes(std::string("PK\x03\x04"))));
  EXPECT_FALSE(LooksLikePickle(ByteView()));
  EXPECT_FALSE(LooksLikePickle(AsBytes(std::string(100, '\0'))));
}

}  // namespace
}  // namespace aigis::formats::pickle
