// Tests for the pickle scan adapter: findings, rule ids and severities for each technique, benign
// real-world pickles (torch, joblib/sklearn) producing no findings, and embedded children.
#include "scan/pickle_scan.h"

#include <gtest/gtest.h>

#include <string>

#include "scan/pickle_policy.h"
#include "scan/scan_options.h"
#include "testing/fake_context.h"

namespace aigis::scan {
namespace {

std::string FromHex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

// data.pkl of torch.save({"model": nn.Linear(2, 2).state_dict(), "opt": Adam state_dict}).
const char kTorchDataPkl[] =
    "80027d71002858050000006d6f64656c710163636f6c6c656374696f6e730a4f726465726564446963740a7102"
    "29527103285806000000776569676874710463746f7263682e5f7574696c730a5f72656275696c645f74656e73"
    "6f725f76320a71052828580700000073746f72616765710663746f7263680a466c6f617453746f726167650a71"
    "075801000000307108580300000063707571094b0474710a514b004b024b0286710b4b024b0186710c89680229"
    "52710d74710e52710f58040000006269617371106805282868066807580100000031711168094b02747112514b"
    "004b028571134b0185711489680229527115747116527117757d711858090000005f6d65746164617461711968"
    "022952711a5800000000711b7d711c580700000076657273696f6e711d4b017373736258030000006f7074711e"
    "7d711f285805000000737461746571207d7121284b007d71222858040000007374657071236805282868066807"
    "580100000032712468094b01747125514b0029298968022952712674712752712858070000006578705f617667"
    "71296805282868066807580100000033712a68094b0474712b514b004b024b0286712c4b024b0186712d896802"
    "2952712e74712f527130580a0000006578705f6176675f73717131680528286806680758010000003471326809"
    "4b04747133514b004b024b028671344b024b0186713589680229527136747137527138754b017d713928682368"
    "05282868066807580100000035713a68094b0174713b514b0029298968022952713c74713d52713e6829680528"
    "2868066807580100000036713f68094b02747140514b004b028571414b01857142896802295271437471445271"
    "4568316805282868066807580100000037714668094b02747147514b004b028571484b01857149896802295271"
    "4a74714b52714c7575580c000000706172616d5f67726f757073714d5d714e7d714f2858020000006c72715047"
    "3f50624dd2f1a9fc580500000062657461737151473feccccccccccccd473feff7ced916872b86715258030000"
    "006570737153473e45798ee2308c3a580c0000007765696768745f646563617971544b005807000000616d7367"
    "72616471558958080000006d6178696d697a657156895807000000666f726561636871574e580a000000636170"
    "74757261626c65715889580e000000646966666572656e746961626c6571598958050000006675736564715a89"
    "5806000000706172616d73715b5d715c284b004b0165756175752e";
// joblib.dump(Pipeline([StandardScaler(), LogisticRegression()]).fit(...)).
const char kSklearnJoblib[] =
    "800495db010000000000008c10736b6c6561726e2e706970656c696e65948c08506970656c696e659493942981"
    "947d94288c057374657073945d94288c0173948c1b736b6c6561726e2e70726570726f63657373696e672e5f64"
    "617461948c0e5374616e646172645363616c65729493942981947d94288c09776974685f6d65616e94888c0877"
    "6974685f73746494888c04636f707994888c0e6e5f66656174757265735f696e5f944b028c0f6e5f73616d706c"
    "65735f7365656e5f948c156e756d70792e636f72652e6d756c74696172726179948c067363616c61729493948c"
    "056e756d7079948c0564747970659493948c02693894898887945294284b038c013c944e4e4e4affffffff4aff"
    "ffffff4b007494624308040000000000000094869452948c056d65616e5f948c136a6f626c69622e6e756d7079"
    "5f7069636b6c65948c114e756d70794172726179577261707065729493942981947d94288c08737562636c6173"
    "739468158c076e6461727261799493948c057368617065944b0285948c056f72646572948c014394681668178c"
    "02663894898887945294284b03681b4e4e4e4affffffff4affffffff4b007494628c0a616c6c6f775f6d6d6170"
    "94888c1b6e756d70795f61727261795f616c69676e6d656e745f6279746573944b10756209ffffffffffffffff"
    "ff000000000000f83f000000000000f03f952a000000000000008c047661725f9468232981947d942868266828"
    "68294b028594682b682c6816682f68318868324b1075620cffffffffffffffffffffffff000000000000f43f00"
    "0000000000e03f952c000000000000008c067363616c655f9468232981947d94286826682868294b028594682b"
    "682c6816682f68318868324b1075620affffffffffffffffffffa8f4979b77e3f13fcd3b7f669ea0e63f956f01"
    "0000000000008c105f736b6c6561726e5f76657273696f6e948c05312e322e3194756286948c026c72948c1e73"
    "6b6c6561726e2e6c696e6561725f6d6f64656c2e5f6c6f676973746963948c124c6f6769737469635265677265"
    "7373696f6e9493942981947d94288c0770656e616c7479948c026c32948c046475616c94898c03746f6c94473f"
    "1a36e2eb1c432d682c473ff00000000000008c0d6669745f696e7465726365707494888c11696e746572636570"
    "745f7363616c696e67944b018c0c636c6173735f776569676874944e8c0c72616e646f6d5f7374617465944e8c"
    "06736f6c766572948c056c62666773948c086d61785f69746572944b648c0b6d756c74695f636c617373948c04"
    "6175746f948c07766572626f7365944b008c0a7761726d5f737461727494898c066e5f6a6f6273944e8c086c31"
    "5f726174696f944e68104b028c08636c61737365735f9468232981947d94286826682868294b028594682b682c"
    "6816681a68318868324b10756207ffffffffffffff00000000000000000100000000000000954f000000000000"
    "008c076e5f697465725f9468232981947d94286826682868294b018594682b682c681668178c02693494898887"
    "945294284b03681b4e4e4e4affffffff4affffffff4b0074946268318868324b10756207ffffffffffffff0400"
    "0000952d000000000000008c05636f65665f9468232981947d94286826682868294b014b028694682b682c6816"
    "682f68318868324b10756205ffffffffff7769e2ababa8e23fa2ca737c6535eabf9530000000000000008c0a69"
    "6e746572636570745f9468232981947d94286826682868294b018594682b682c6816682f68318868324b107562"
    "06ffffffffffff0000000000000000951d00000000000000683b683c75628694658c066d656d6f7279944e6851"
    "89683b683c75622e";

// A string literal with embedded NULs, length from the array.
template <size_t N>
std::string Lit(const char (&s)[N]) {
  return std::string(s, N - 1);
}

ScanOptions Opts() {
  ScanOptions o;
  auto p = PicklePolicy::LoadDefault();
  EXPECT_TRUE(p.ok());
  o.pickle_policy = *p;
  return o;
}

const Finding* Find(const testing::FakeContext& ctx, const std::string& rule) {
  for (const auto& f : ctx.findings)
    if (f.rule == rule) return &f;
  return nullptr;
}

std::string Dump(const testing::FakeContext& ctx) {
  std::string s;
  for (const auto& f : ctx.findings) s += f.rule + " " + f.evidence + ": " + f.message + "\n";
  return s;
}

TEST(PickleScan, BenignTorchCheckpointIsClean) {
  ScanOptions o = Opts();
  testing::FakeContext ctx(o);
  std::string data = FromHex(kTorchDataPkl);
  AnalyzePickleItem(AsBytes(data), ctx);
  EXPECT_TRUE(ctx.findings.empty()) << Dump(ctx);
  EXPECT_EQ(ctx.format, "pickle");
  EXPECT_EQ(ctx.bytes_examined, data.size());
  EXPECT_EQ(ctx.properties["pickle.protocol"], "2");
  EXPECT_TRUE(ctx.children.empty());
}

TEST(PickleScan, BenignSklearnJoblibIsClean) {
  ScanOptions o = Opts();
  testing::FakeContext ctx(o);
  std::string data = FromHex(kSklearnJoblib);
  AnalyzePickleItem(AsBytes(data), ctx);
  EXPECT_TRUE(ctx.findings.empty()) << Dump(ctx);
  EXPECT_EQ(ctx.properties["pickle.joblib_arrays"], "7");
}

TEST(PickleScan, NullPolicyFallsBackToDefault) {
  ScanOptions o;  // no policy set
  testing::FakeContext ctx(o);
  std::string data = FromHex(kTorchDataPkl);
  AnalyzePickleItem(AsBytes(data), ctx);
  EXPECT_TRUE(ctx.findings.empty()) << Dump(ctx);
}

TEST(PickleScan, DeniedGlobalWithCallCount) {
  ScanOptions o = Opts();
  testing::FakeContext ctx(o);
  // os.system called twice (memoized global), protocol 2.
  std::string s =
      Lit("\x80\x02"
          "cos\nsystem\nq\x00X\x02\x00\x00\x00id\x85R0h\x00X\x02\x00\x00\x00id\x85R.");
  AnalyzePickleItem(AsBytes(s), ctx);
  const Finding* f = Find(ctx, "pickle.global.denied");
  ASSERT_NE(f, nullptr) << Dump(ctx);
  EXPECT_EQ(f->severity, Severity::kMalicious);
  EXPECT_EQ(f->evidence, "os.system");
  EXPECT_EQ(f->category, "code-execution");
  EXPECT_EQ(f->location.offset, 2u);
  EXPECT_NE(f->message.find("called 2x"), std::string::npos) << f->message;
  EXPECT_NE(f->message.find("REDUCE"), std::string::npos) << f->message;
  EXPECT_EQ(ctx.MaxSeverity(), Severity::kMalicious);
}

TEST(PickleScan, UnknownGlobalIsSuspicious) {
  ScanOptions o = Opts();
  testing::FakeContext ctx(o);
  std::string s = "cmypkg.models\nNet\n)R.";
  AnalyzePickleItem(AsBytes(s), ctx);
  const Finding* f = Find(ctx, "pickle.global.unknown");
  ASSERT_NE(f, nullptr) << Dump(ctx);
  EXPECT_EQ(f->severity, Severity::kSuspicious);
  EXPECT_EQ(f->evidence, "mypkg.models.Net");
  EXPECT_EQ(ctx.MaxSeverity(), Severity::kSuspicious);
  // A user allow entry makes it clean.
  auto b = PicklePolicy::DefaultBuilder();
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE((*b)->AddAllowed("mypkg.*").ok());
  ScanOptions o2;
  o2.pickle_policy = std::shared_ptr<const PicklePolicy>(std::move(b.value()));
  testing::FakeContext ctx2(o2);
  AnalyzePickleItem(AsBytes(s), ctx2);
  EXPECT_TRUE(ctx2.findings.empty()) << Dump(ctx2);
}

TEST(PickleScan, NonConstantStackGlobal) {
  ScanOptions o = Opts();
  testing::FakeContext ctx(o);
  std::string s =
      Lit("\x80\x04"
          "C\x02os"
          "\x8c\x06system"
          "\x93.");
  AnalyzePickleItem(AsBytes(s), ctx);
  const Finding* f = Find(ctx, "pickle.global.nonconstant");
  ASSERT_NE(f, nullptr) << Dump(ctx);
  EXPECT_EQ(f->severity, Severity::kMalicious);
  ASSERT_NE(Find(ctx, "pickle.anomaly"), nullptr);  // stack-global-type
}

TEST(PickleScan, DunderAndDottedNames) {
  ScanOptions o = Opts();
  testing::FakeContext ctx(o);
  std::string s =
      "\x80\x04"
      "cbuiltins\nprint.__class__.__base__.__subclasses__\n.";
  AnalyzePickleItem(AsBytes(s), ctx);
  const Finding* f = Find(ctx, "pickle.dunder");
  ASSERT_NE(f, nullptr) << Dump(ctx);
  EXPECT_EQ(f->severity, Severity::kMalicious);
  EXPECT_NE(Find(ctx, "pickle.global.unknown"), nullptr);

  testing::FakeContext ctx2(o);
  std::string s2 =
      Lit("\x80\x04"
          "\x8c\x07pathlib"
          "\x8c\x09os.system"
          "\x93.");
  AnalyzePickleItem(AsBytes(s2), ctx2);
  const Finding* d = Find(ctx2, "pickle.global.denied");
  ASSERT_NE(d, nullptr) << Dump(ctx2);
  EXPECT_EQ(d->evidence, "pathlib.os.system");
}

TEST(PickleScan, ModuleMutationAndFrameMismatch) {
  ScanOptions o = Opts();
  testing::FakeContext ctx(o);
  std::string s = std::string(
      "\x80\x04"
      "\x8c\x05torch"
      "\x8c\x06_utils"
      "\x93}"
      "\x8c\x01x"
      "\x8c\x01y"
      "sb.");
  AnalyzePickleItem(AsBytes(s), ctx);
  const Finding* f = Find(ctx, "pickle.module-mutation");
  ASSERT_NE(f, nullptr) << Dump(ctx);
  EXPECT_EQ(f->severity, Severity::kMalicious);

  testing::FakeContext ctx2(o);
  std::string s2 =
      Lit("\x80\x04\x95\x03\x00\x00\x00\x00\x00\x00\x00"
          "\x8c\x06system"
          "0N.");
  AnalyzePickleItem(AsBytes(s2), ctx2);
  const Finding* fm = Find(ctx2, "pickle.frame-mismatch");
  ASSERT_NE(fm, nullptr) << Dump(ctx2);
  EXPECT_EQ(fm->severity, Severity::kMalicious);
}

TEST(PickleScan, MalformedKeepsEarlierFindings) {
  ScanOptions o = Opts();
  testing::FakeContext ctx(o);
  std::string s =
      Lit("\x80\x02"
          "cos\nsystem\nX\x02\x00\x00\x00id\x85R\xff");
  AnalyzePickleItem(AsBytes(s), ctx);
  EXPECT_NE(Find(ctx, "pickle.global.denied"), nullptr) << Dump(ctx);
  const Finding* m = Find(ctx, "pickle.malformed");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->severity, Severity::kSuspicious);
  EXPECT_TRUE(m->location.has_offset);
  EXPECT_EQ(m->location.offset, 22u);
  EXPECT_NE(m->message.find("findings before the error"), std::string::npos);
}

TEST(PickleScan, MemoMissingTrailingDataExtAndLimit) {
  ScanOptions o = Opts();
  {
    testing::FakeContext ctx(o);
    std::string s = "h\x05.";
    AnalyzePickleItem(AsBytes(s), ctx);
    EXPECT_NE(Find(ctx, "pickle.memo-missing"), nullptr) << Dump(ctx);
    EXPECT_NE(Find(ctx, "pickle.malformed"), nullptr);
  }
  {
    testing::FakeContext ctx(o);
    std::string s = Lit("N.\x00\x01\x02");
    AnalyzePickleItem(AsBytes(s), ctx);
    const Finding* t = Find(ctx, "pickle.trailing-data");
    ASSERT_NE(t, nullptr) << Dump(ctx);
    EXPECT_EQ(t->location.offset, 2u);
    // The legacy PyTorch handler can suppress it.
    testing::FakeContext ctx2(o);
    auto report = formats::pickle::AnalyzePickle(AsBytes(s));
    EmitPickleFindings(report, AsBytes(s), ctx2, /*trailing_ok=*/true);
    EXPECT_TRUE(ctx2.findings.empty()) << Dump(ctx2);
  }
  {
    testing::FakeContext ctx(o);
    std::string s = "\x80\x02\x82\x07)R.";
    AnalyzePickleItem(AsBytes(s), ctx);
    const Finding* e = Find(ctx, "pickle.ext");
    ASSERT_NE(e, nullptr) << Dump(ctx);
    EXPECT_EQ(e->severity, Severity::kSuspicious);
  }
  {
    testing::FakeContext ctx(o);
    formats::pickle::PickleLimits lim;
    lim.max_opcodes = 2;
    std::string s = "NNN.";
    AnalyzePickleItem(AsBytes(s), ctx, {}, lim);
    EXPECT_NE(Find(ctx, "pickle.limit"), nullptr) << Dump(ctx);
  }
}

TEST(PickleScan, IndirectCalls) {
  ScanOptions o = Opts();
  testing::FakeContext ctx(o);
  // getattr(builtins, ...)(...): the second REDUCE's callee is a call result.
  std::string s = "cbuiltins\ngetattr\n(cbuiltins\nbuiltins\nS'eval'\ntR(S'1'\ntR.";
  AnalyzePickleItem(AsBytes(s), ctx);
  const Finding* f = Find(ctx, "pickle.call.indirect");
  ASSERT_NE(f, nullptr) << Dump(ctx);
  EXPECT_EQ(f->evidence, "<result of builtins.getattr>");
  EXPECT_NE(Find(ctx, "pickle.global.denied"), nullptr);
}

TEST(PickleScan, EmbeddedPicklesBecomeChildren) {
  ScanOptions o = Opts();
  testing::FakeContext ctx(o);
  std::string inner =
      Lit("\x80\x02"
          "cos\nsystem\nX\x02\x00\x00\x00id\x85R.");
  std::string s = std::string(
                      "\x80\x04"
                      "C") +
                  static_cast<char>(inner.size()) + inner + "0N.";
  AnalyzePickleItem(AsBytes(s), ctx);
  ASSERT_EQ(ctx.children.size(), 1u) << Dump(ctx);
  EXPECT_EQ(ctx.children[0].name, "<embedded@0x4>");
  EXPECT_EQ(ctx.children[0].format_hint, "pickle");
  EXPECT_EQ(AsStringView(ctx.children[0].data), inner);
  const Finding* f = Find(ctx, "pickle.embedded");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kInfo);
}

TEST(PickleScan, ReportForLegacyMagic) {
  ScanOptions o = Opts();
  testing::FakeContext ctx(o);
  std::string s =
      Lit("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.") + Lit("\x80\x02M\xe9\x03.");
  formats::pickle::AnalyzeOptions opts;
  opts.max_pickles = 2;
  auto report = AnalyzePickleItemWithReport(AsBytes(s), ctx, opts);
  ASSERT_EQ(report.pickles.size(), 2u);
  EXPECT_EQ(report.pickles[0].top_int, "0x1950a86a20f9469cfc6c");
  EXPECT_EQ(report.end_offset, s.size());
  EXPECT_TRUE(ctx.findings.empty()) << Dump(ctx);
}

}  // namespace
}  // namespace aigis::scan
