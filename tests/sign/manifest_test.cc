#include "sign/manifest.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "sign/encoding.h"
#include "sign_test_util.h"

namespace aigis::sign {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::WriteFile;

TEST(ManifestTest, NormalizeRelativePath) {
  EXPECT_EQ(*NormalizeRelativePath("./a//b/"), "a/b");
  EXPECT_EQ(*NormalizeRelativePath("model.sig"), "model.sig");
  EXPECT_EQ(*NormalizeRelativePath("."), "");
  EXPECT_EQ(NormalizeRelativePath("../x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(NormalizeRelativePath("a/../../x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(NormalizeRelativePath("/etc").status().code(), StatusCode::kInvalidArgument);
}

TEST(ManifestTest, IgnoreMatchesPathAndDescendantsOnly) {
  std::vector<std::string> ign = {".git", "data/cache"};
  EXPECT_TRUE(IsIgnored(".git", ign));
  EXPECT_TRUE(IsIgnored(".git/HEAD", ign));
  EXPECT_FALSE(IsIgnored(".gitignore", ign));
  EXPECT_TRUE(IsIgnored("data/cache/x", ign));
  EXPECT_FALSE(IsIgnored("data/cache2", ign));
  EXPECT_FALSE(IsIgnored("sub/.git", ign));
}

TEST(ManifestTest, EnumerateSortsByCodePointAndSkipsIgnored) {
  TempDir d;
  WriteFile(d / "b", "b");
  WriteFile(d / "a/z", "z");
  WriteFile(d / "B", "B");
  WriteFile(d / "a.txt", "a");
  WriteFile(d / ".git/HEAD", "x");
  ManifestOptions o;
  o.ignore_paths = {".git"};
  auto t = EnumerateModel(d.path(), o);
  ASSERT_TRUE(t.ok());
  std::vector<std::string> names;
  for (const auto& f : t->files) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"B", "a.txt", "a/z", "b"}));
  EXPECT_TRUE(t->problems.empty());
  EXPECT_FALSE(t->single_file);
}

TEST(ManifestTest, SymlinksAreProblemsUnlessAllowedAndInside) {
  TempDir d;
  TempDir outside;
  WriteFile(d / "real", "data");
  WriteFile(outside / "secret", "s");
  fs::create_symlink(d / "real", d / "inside-link");
  fs::create_symlink(outside / "secret", d / "outside-link");
  ManifestOptions o;
  auto t = EnumerateModel(d.path(), o);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->files.size(), 1u);
  ASSERT_EQ(t->problems.size(), 2u);
  EXPECT_EQ(t->problems[0].kind, TreeProblem::Kind::kSymlink);
  o.allow_symlinks = true;
  t = EnumerateModel(d.path(), o);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->files.size(), 2u);
  ASSERT_EQ(t->problems.size(), 1u);
  EXPECT_EQ(t->problems[0].kind, TreeProblem::Kind::kSymlinkOutside);
  EXPECT_EQ(t->problems[0].name, "outside-link");
}

TEST(ManifestTest, LimitsAreEnforced) {
  TempDir d;
  for (int i = 0; i < 5; ++i) WriteFile(d / ("f" + std::to_string(i)), "x");
  WriteFile(d / "a/b/c/d/e", "deep");
  ManifestOptions o;
  o.limits.max_files = 3;
  EXPECT_EQ(EnumerateModel(d.path(), o).status().code(), StatusCode::kLimitExceeded);
  o.limits.max_files = 100;
  o.limits.max_dir_depth = 2;
  EXPECT_EQ(EnumerateModel(d.path(), o).status().code(), StatusCode::kLimitExceeded);
  o.limits.max_dir_depth = 10;
  EXPECT_TRUE(EnumerateModel(d.path(), o).ok());
  EXPECT_EQ(EnumerateModel(d / "missing", o).status().code(), StatusCode::kNotFound);
}

TEST(ManifestTest, ShardLimitIsEnforced) {
  TempDir d;
  WriteFile(d / "f", std::string(100, 'x'));
  ManifestOptions o;
  o.method = SerializationMethod::kShards;
  o.shard_size = 10;
  o.limits.max_resources = 5;
  auto t = EnumerateModel(d.path(), o);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(HashModel(*t, o).status().code(), StatusCode::kLimitExceeded);
  o.shard_size = 0;
  EXPECT_EQ(HashModel(*t, o).status().code(), StatusCode::kInvalidArgument);
}

TEST(ManifestTest, SingleFile) {
  TempDir d;
  WriteFile(d / "model.gguf", "GGUF");
  auto t = EnumerateModel(d / "model.gguf", {});
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->single_file);
  ASSERT_EQ(t->files.size(), 1u);
  EXPECT_EQ(t->files[0].name, "model.gguf");
}

TEST(ManifestTest, ShardsAndFilesDigests) {
  TempDir d;
  std::string data = testing::RandomBytesString(25, 1);
  WriteFile(d / "w", data);
  WriteFile(d / "empty", "");
  ManifestOptions o;
  o.method = SerializationMethod::kShards;
  o.shard_size = 10;
  o.threads = 2;
  auto t = EnumerateModel(d.path(), o);
  ASSERT_TRUE(t.ok());
  auto m = HashModel(*t, o);
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->resources.size(), 3u);  // the empty file has no shard
  EXPECT_EQ(m->resources[0].name, "w:0:10");
  EXPECT_EQ(m->resources[2].name, "w:20:25");
  EXPECT_EQ(HexEncode(m->resources[2].digest), HexEncode(Sha256(AsBytes(data.substr(20)))));
  o.method = SerializationMethod::kFiles;
  m = HashModel(*t, o);
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->resources.size(), 2u);
  EXPECT_EQ(m->resources[1].name, "w");
  EXPECT_EQ(HexEncode(m->resources[1].digest), HexEncode(Sha256(AsBytes(data))));
}

TEST(ManifestTest, ShardNames) {
  auto r = ParseShardName("dir/a:b.bin:1000:2000");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->path, "dir/a:b.bin");
  EXPECT_EQ(r->start, 1000u);
  EXPECT_EQ(r->end, 2000u);
  EXPECT_EQ(ShardName("x", 0, 5), "x:0:5");
  for (const char* bad : {"x", "x:1", ":1:2", "x:2:1", "x:a:2", "x:1:", "x:-1:2"}) {
    EXPECT_EQ(ParseShardName(bad).status().code(), StatusCode::kMalformed) << bad;
  }
}

TEST(ManifestTest, RootDigestMatchesReferenceVector) {
  // standards.md 4.3: sha256(sha256(signme-1) || sha256(signme-2)).
  auto a = HexDecode("bc9a717db6064a32cbe9eae6fc40651dd6d36ef1757183f590eff2b1765d7ebc");
  auto b = HexDecode("32dcb1f8e1ae52d5963e56a6ba06ab58b424c15ed2a6b70d2feca1d089370028");
  EXPECT_EQ(HexEncode(RootDigest({*a, *b})),
            "92745110b1ab4368471cbe31664e10174e954b113a3df333db860317b2c6dec4");
}

}  // namespace
}  // namespace aigis::sign
