// Tests for the pickle allow/deny policy and its embedded default lists.
#include "scan/pickle_policy.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace aigis::scan {
namespace {

using formats::pickle::Import;
using formats::pickle::ImportKind;

std::shared_ptr<const PicklePolicy> Default() {
  auto p = PicklePolicy::LoadDefault();
  EXPECT_TRUE(p.ok());
  return *p;
}

PickleVerdict V(std::string_view mod, std::string_view name) {
  return Default()->ClassifyName(mod, name).verdict;
}

TEST(PicklePolicy, DefaultListsLoadAndAreCached) {
  auto a = PicklePolicy::LoadDefault();
  auto b = PicklePolicy::LoadDefault();
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->get(), b->get());
  EXPECT_GT((*a)->allow_size(), 200u);
  EXPECT_GT((*a)->deny_size(), 100u);
}

// The tables the compiler built from the lists classify every name as the run-time parser's
// tables built from the same texts do.
TEST(PicklePolicy, CompiledTablesAgreeWithParsedLists) {
  auto compiled = Default();
  auto parsed = PicklePolicy::FromText(internal::kPickleAllowText, internal::kPickleDenyText);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(compiled->allow_size(), (*parsed)->allow_size());
  EXPECT_EQ(compiled->deny_size(), (*parsed)->deny_size());
  std::vector<std::string> names = {"torch._utils._rebuild_tensor_v2", "os.system", "nosuch.thing",
                                    "_private.run", "builtins.getattr.eval"};
  for (auto kind : {internal::ListKind::kAllowExact, internal::ListKind::kAllowPrefix,
                    internal::ListKind::kDeny}) {
    std::string_view text =
        kind == internal::ListKind::kDeny ? internal::kPickleDenyText : internal::kPickleAllowText;
    size_t n = 0;
    EXPECT_TRUE(internal::ForEachListEntry(text, kind, [&](const internal::ParsedLine& e) {
                  std::string key(text.substr(e.key.off, e.key.len));
                  names.push_back(key);
                  names.push_back(key + ".sub.attr");
                  names.push_back(key + "x");
                  ++n;
                }).ok());
    if (kind != internal::ListKind::kAllowPrefix) {  // no "module.*" lines yet
      EXPECT_GT(n, 100u);
    }
  }
  for (const std::string& full : names) {
    size_t dot = full.find('.');
    std::string_view mod = std::string_view(full).substr(0, dot);
    std::string_view name =
        dot == std::string::npos ? std::string_view() : std::string_view(full).substr(dot + 1);
    for (size_t split : {size_t{0}, size_t{1}}) {
      if (split == 1) {  // module with dots, as in torch._utils + _rebuild_tensor_v2
        size_t last = full.rfind('.');
        if (last == std::string::npos) continue;
        mod = std::string_view(full).substr(0, last);
        name = std::string_view(full).substr(last + 1);
      }
      PickleClassification a = compiled->ClassifyName(mod, name);
      PickleClassification b = (*parsed)->ClassifyName(mod, name);
      EXPECT_EQ(a.verdict, b.verdict) << full;
      EXPECT_EQ(a.category, b.category) << full;
      EXPECT_EQ(a.reason, b.reason) << full;
      EXPECT_EQ(a.matched, b.matched) << full;
    }
  }
}

// User lists and the built-in ones go through one splitter and one line parser: odd spacing
// (a '\r' between fields, tabs, trailing comments) reads the same in the compiler's tables and in
// the run-time ones, and a bad line is reported with its number.
TEST(PicklePolicy, UserListsReadLikeTheBuiltInOnes) {
  constexpr std::string_view kAllow = "a.b\r\n  c.*  # prefix\n\n\td.e\t\r\n";
  constexpr std::string_view kDeny = "evil\rcode-execution runs\tthings\r\nbad.mod\tnetwork x\n";
  auto p = PicklePolicy::FromText(kAllow, kDeny);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ((*p)->ClassifyName("a", "b").verdict, PickleVerdict::kAllowed);
  EXPECT_EQ((*p)->ClassifyName("c.x", "y").verdict, PickleVerdict::kAllowed);
  EXPECT_EQ((*p)->ClassifyName("d", "e").verdict, PickleVerdict::kAllowed);
  PickleClassification e = (*p)->ClassifyName("evil", "run");
  EXPECT_EQ(e.verdict, PickleVerdict::kDenied);
  EXPECT_EQ(e.category, "code-execution");
  EXPECT_EQ(e.reason, "runs\tthings");
  EXPECT_EQ((*p)->ClassifyName("bad.mod", "f").category, "network");
  // The compile-time reader sees the same entries.
  std::vector<std::string> deny;
  ASSERT_TRUE(
      internal::ForEachListEntry(kDeny, internal::ListKind::kDeny,
                                 [&](const internal::ParsedLine& l) {
                                   deny.emplace_back(kDeny.substr(l.key.off, l.key.len));
                                   deny.emplace_back(kDeny.substr(l.category.off, l.category.len));
                                   deny.emplace_back(kDeny.substr(l.reason.off, l.reason.len));
                                 })
          .ok());
  EXPECT_EQ(deny, (std::vector<std::string>{"evil", "code-execution", "runs\tthings", "bad.mod",
                                            "network", "x"}));
  static_assert(internal::ForEachListEntry("a.b\n# c\nnodot\n", internal::ListKind::kAllowExact,
                                           [](const internal::ParsedLine&) {})
                    .line == 3);

  auto bad = PicklePolicy::FromText("a.b\n\n# x\nbad..name\n", "");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("allow.txt:4: pickle allow entry must be"),
            std::string::npos)
      << bad.status().ToString();
  auto bad_deny = PicklePolicy::FromText("", "ok.mod cat reason\nonlyprefix\n");
  ASSERT_FALSE(bad_deny.ok());
  EXPECT_NE(bad_deny.status().message().find("deny.txt:2: expected"), std::string::npos)
      << bad_deny.status().ToString();
}

// Additions to the built-in policy are found beside the compiled tables.
TEST(PicklePolicy, AdditionsExtendTheCompiledLists) {
  auto b = PicklePolicy::DefaultBuilder();
  ASSERT_TRUE(b.ok());
  const size_t before = (*b)->allow_size();
  EXPECT_EQ((*b)->ClassifyName("mypkg.models", "Net").verdict, PickleVerdict::kUnknown);
  ASSERT_TRUE((*b)->AddAllowed("mypkg.models.Net").ok());
  ASSERT_TRUE((*b)->AddAllowed("other.*").ok());
  EXPECT_EQ((*b)->allow_size(), before + 2);
  EXPECT_EQ((*b)->ClassifyName("mypkg.models", "Net").verdict, PickleVerdict::kAllowed);
  EXPECT_EQ((*b)->ClassifyName("other.deep", "Thing").verdict, PickleVerdict::kAllowed);
  EXPECT_EQ((*b)->ClassifyName("torch", "Size").verdict, PickleVerdict::kAllowed);
  EXPECT_EQ((*b)->ClassifyName("os", "system").verdict, PickleVerdict::kDenied);
  EXPECT_FALSE((*b)->AddAllowed("bad..name").ok());
}

TEST(PicklePolicy, DataOnlyGlobalsAreAllowed) {
  for (auto [m, n] : std::vector<std::pair<const char*, const char*>>{
           {"torch._utils", "_rebuild_tensor_v2"},
           {"torch._utils", "_rebuild_parameter"},
           {"torch", "FloatStorage"},
           {"torch", "bfloat16"},
           {"torch", "Size"},
           {"collections", "OrderedDict"},
           {"builtins", "set"},
           {"_codecs", "encode"},
           {"numpy.core.multiarray", "_reconstruct"},
           {"numpy._core.multiarray", "_reconstruct"},
           {"numpy", "dtype"},
           {"joblib.numpy_pickle", "NumpyArrayWrapper"},
           {"sklearn.pipeline", "Pipeline"},
           {"sklearn.tree._tree", "Tree"},
           {"sklearn.ensemble._forest", "RandomForestClassifier"},
       }) {
    EXPECT_EQ(V(m, n), PickleVerdict::kAllowed) << m << "." << n;
  }
}

TEST(PicklePolicy, DeniedWithModulePrefixMatching) {
  auto p = Default();
  PickleClassification c = p->ClassifyName("os", "system");
  EXPECT_EQ(c.verdict, PickleVerdict::kDenied);
  EXPECT_EQ(c.category, "code-execution");
  EXPECT_EQ(c.matched, "os");
  EXPECT_FALSE(c.reason.empty());
  // CVE-2025-10157: a submodule of a blocked module.
  EXPECT_EQ(V("asyncio.unix_events", "_UnixSubprocessTransport._start"), PickleVerdict::kDenied);
  EXPECT_EQ(V("os.path", "join"), PickleVerdict::kDenied);
  EXPECT_EQ(p->ClassifyName("socket", "create_connection").category, "network");
  EXPECT_EQ(p->ClassifyName("builtins", "open").category, "file-access");
  for (auto [m, n] : std::vector<std::pair<const char*, const char*>>{
           {"builtins", "eval"},
           {"builtins", "exec"},
           {"builtins", "getattr"},
           {"builtins", "__import__"},
           {"subprocess", "Popen"},
           {"posix", "system"},
           {"nt", "system"},
           {"pip", "main"},
           {"pip._internal", "main"},
           {"timeit", "timeit"},
           {"pty", "spawn"},
           {"uuid", "_get_command_stdout"},
           {"pkgutil", "resolve_name"},
           {"pydoc", "locate"},
           {"importlib", "import_module"},
           {"marshal", "loads"},
           {"types", "FunctionType"},
           {"operator", "attrgetter"},
           {"functools", "partial"},
           {"cProfile", "run"},
           {"trace", "Trace.runctx"},
           {"code", "InteractiveInterpreter"},
           {"idlelib.pyshell", "x"},
           {"lib2to3.pgen2.grammar", "Grammar.loads"},
           {"numpy.f2py.crackfortran", "getlincoef"},
           {"numpy.testing._private.utils", "runstring"},
           {"torch.hub", "load"},
           {"torch", "load"},
           {"torch.serialization", "load"},
           {"torch._dynamo.guards", "GuardBuilder.get"},
           {"torch._inductor.codecache", "compile_file"},
           {"torch.jit.unsupported_tensor_ops", "execWrapper"},
           {"torch.utils.collect_env", "run"},
           {"torch.utils._config_module", "ConfigModule"},
           {"torch.fx.experimental.symbolic_shapes", "ShapeEnv.evaluate_guards_expression"},
           {"torch.utils.bottleneck.__main__", "run_cprofile"},
           {"torch.utils.data.datapipes.utils.decoder", "basichandlers"},
           {"joblib", "load"},
           {"ctypes", "CDLL"},
           {"_io", "FileIO"},
           {"io", "open"},
           {"codecs", "open"},
           {"logging", "FileHandler"},
           {"urllib.request", "urlopen"},
           {"http.client", "HTTPConnection"},
           {"ssl", "get_server_certificate"},
           {"bdb", "Bdb"},
           {"pdb", "run"},
           {"venv", "create"},
           {"pydoc", "pipepager"},
           {"distutils.file_util", "write_file"},
           {"imaplib", "IMAP4_stream"},
           {"webbrowser", "open"},
           {"ensurepip", "_run_pip"},
           {"runpy", "run_path"},
           {"fickling", "x"},
           {"picklescan", "x"},
           {"sys", "modules"},
           {"inspect", "getattr_static"},
           {"dill", "loads"},
           {"pickle", "loads"},
           {"_pickle", "loads"},
           {"shutil", "rmtree"},
           {"requests", "get"},
           {"_posixsubprocess", "fork_exec"},
           {"_interpreters", "run_string"},
           {"_xxsubinterpreters", "run_string"},
           {"imp", "load_source"},
           {"pipes", "Template"},
           {"_osx_support", "_read_output"},
           {"_aix_support", "_read_cmd_output"},
           {"multiprocessing", "Process"},
           {"__builtin__", "eval"},
       }) {
    EXPECT_EQ(V(m, n), PickleVerdict::kDenied) << m << "." << n;
  }
  // Component boundaries: "os" does not match "oss" or "osmosis".
  EXPECT_EQ(V("osmosis", "run"), PickleVerdict::kUnknown);
}

TEST(PicklePolicy, PrivateModulesAreDeniedUnlessAllowed) {
  PickleClassification c = Default()->ClassifyName("_some_private", "run");
  EXPECT_EQ(c.verdict, PickleVerdict::kDenied);
  EXPECT_EQ(c.matched, "_some_private");
  EXPECT_EQ(V("_codecs", "encode"), PickleVerdict::kAllowed);
  EXPECT_EQ(V("__main__", "MyNet"), PickleVerdict::kUnknown);
}

TEST(PicklePolicy, DottedNamesCountEveryComponent) {
  // STACK_GLOBAL("pathlib", "os.system") resolves pathlib.os.system.
  EXPECT_EQ(V("pathlib", "os.system"), PickleVerdict::kDenied);
  // Module poisoning: torch._utils._rebuild_tensor replaced by builtins, then .eval.
  EXPECT_EQ(V("torch._utils", "_rebuild_tensor.eval"), PickleVerdict::kDenied);
  // Dotted attribute chains on allowed globals are not allowed.
  EXPECT_EQ(V("collections", "OrderedDict.fromkeys"), PickleVerdict::kUnknown);
  EXPECT_EQ(V("builtins", "print.__class__.__base__.__subclasses__"), PickleVerdict::kUnknown);
  // A non-dotted name that happens to equal a module name is not a traversal.
  EXPECT_EQ(V("mylib", "profile"), PickleVerdict::kUnknown);
}

TEST(PicklePolicy, UnknownIsTheDefault) {
  EXPECT_EQ(V("mypkg.models", "MyNet"), PickleVerdict::kUnknown);
  EXPECT_EQ(V("torch.nn.modules.linear", "Linear"), PickleVerdict::kUnknown);
}

TEST(PicklePolicy, ExtAndNonConstantImports) {
  Import ext;
  ext.kind = ImportKind::kExt;
  ext.module = "<ext>";
  ext.name = "5";
  ext.ext_code = 5;
  EXPECT_EQ(Default()->Classify(ext).verdict, PickleVerdict::kUnknown);
  Import nc;
  nc.kind = ImportKind::kStackGlobal;
  nc.constant_operands = false;
  nc.module = "<bytes>";
  nc.name = "system";
  EXPECT_EQ(Default()->Classify(nc).verdict, PickleVerdict::kDenied);
  Import ok;
  ok.module = "collections";
  ok.name = "OrderedDict";
  EXPECT_EQ(Default()->Classify(ok).verdict, PickleVerdict::kAllowed);
}

TEST(PicklePolicy, UserAllowEntries) {
  auto b = PicklePolicy::DefaultBuilder();
  ASSERT_TRUE(b.ok());
  std::unique_ptr<PicklePolicy> p = std::move(b.value());
  EXPECT_EQ(p->ClassifyName("mypkg.models", "MyNet").verdict, PickleVerdict::kUnknown);
  ASSERT_TRUE(p->AddAllowed("mypkg.models.MyNet").ok());
  ASSERT_TRUE(p->AddAllowed("other.*").ok());
  EXPECT_EQ(p->ClassifyName("mypkg.models", "MyNet").verdict, PickleVerdict::kAllowed);
  EXPECT_EQ(p->ClassifyName("mypkg.models", "Other").verdict, PickleVerdict::kUnknown);
  EXPECT_EQ(p->ClassifyName("other.sub", "X").verdict, PickleVerdict::kAllowed);
  EXPECT_EQ(p->ClassifyName("otherwise", "X").verdict, PickleVerdict::kUnknown);
  // The deny-list wins over user entries.
  ASSERT_TRUE(p->AddAllowed("os.*").ok());
  EXPECT_EQ(p->ClassifyName("os", "system").verdict, PickleVerdict::kDenied);
  EXPECT_FALSE(p->AddAllowed("no dots here").ok());
  EXPECT_FALSE(p->AddAllowed("single").ok());
  EXPECT_FALSE(p->AddAllowed("bad..name").ok());
}

TEST(PicklePolicy, ExtendFromFile) {
  std::string path = ::testing::TempDir() + "aigis_pickle_policy_test.txt";
  {
    std::ofstream f(path);
    f << "# my models\nmypkg.Net   # trailing comment\n\nthird.*\n";
  }
  auto b = PicklePolicy::DefaultBuilder();
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE((*b)->ExtendFromFile(path).ok());
  EXPECT_EQ((*b)->ClassifyName("mypkg", "Net").verdict, PickleVerdict::kAllowed);
  EXPECT_EQ((*b)->ClassifyName("third.x", "Y").verdict, PickleVerdict::kAllowed);
  {
    std::ofstream f(path);
    f << "ok.Name\nnot valid!\n";
  }
  Status st = (*b)->ExtendFromFile(path);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find(":2:"), std::string::npos);
  std::remove(path.c_str());
  EXPECT_EQ((*b)->ExtendFromFile(path).code(), StatusCode::kIOError);
}

TEST(PicklePolicy, FromTextRejectsBadDenyLines) {
  EXPECT_FALSE(PicklePolicy::FromText("", "os\n").ok());  // no category
  EXPECT_FALSE(PicklePolicy::FromText("", "bad!name cat reason\n").ok());
  auto p = PicklePolicy::FromText("a.b\n", "x.y  network  talks\n");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)->ClassifyName("x.y", "z").reason, "talks");
}

}  // namespace
}  // namespace aigis::scan
