#include "formats/keras/keras_policy.h"

#include <gtest/gtest.h>

namespace aigis::formats::keras {
namespace {

TEST(GlobMatchTest, Basics) {
  EXPECT_TRUE(GlobMatch("os", "os"));
  EXPECT_FALSE(GlobMatch("os", "os.system"));
  EXPECT_TRUE(GlobMatch("os.*", "os.system"));
  EXPECT_FALSE(GlobMatch("os.*", "osx"));
  EXPECT_TRUE(GlobMatch("keras*.get_file", "keras.src.utils.file_utils.get_file"));
  EXPECT_TRUE(GlobMatch("*.enable_unsafe_deserialization",
                        "keras.src.saving.serialization_lib.enable_unsafe_deserialization"));
  EXPECT_TRUE(GlobMatch("keras.datasets.*", "keras.datasets.mnist.load_data"));
  EXPECT_TRUE(GlobMatch("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(GlobMatch("a*b*c", "aXXbYY"));
  EXPECT_TRUE(GlobMatch("*", ""));
  EXPECT_FALSE(GlobMatch("", "x"));
  EXPECT_TRUE(GlobMatch("", ""));
}

TEST(GlobMatchTest, ManyStarsStayCheap) {
  std::string pattern(200, '*');
  pattern += "b";
  std::string text(5000, 'a');
  EXPECT_FALSE(GlobMatch(pattern, text));
}

TEST(ModulePolicyTest, ParsesCommentsAndTags) {
  Result<ModulePolicy> p = ModulePolicy::Parse("# allow\nkeras\nkeras.*  # trailing\n\n",
                                               "os.*\n  keras.config.*   safe-mode\n");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->allow().size(), 2u);
  ASSERT_EQ(p->deny().size(), 2u);
  EXPECT_EQ(p->deny()[0].tag, "code-execution");
  EXPECT_EQ(p->deny()[1].tag, "safe-mode");
  EXPECT_TRUE(p->IsAllowedModule("keras.layers"));
  EXPECT_FALSE(p->IsAllowedModule("kerasx"));
  ASSERT_NE(p->MatchDenied("keras.config.enable_unsafe_deserialization"), nullptr);
  EXPECT_EQ(p->MatchDenied("keras.layers.Dense"), nullptr);
}

TEST(ModulePolicyTest, MalformedRuleLines) {
  EXPECT_EQ(ModulePolicy::Parse("keras extra\n", "").status().code(), StatusCode::kMalformed);
  EXPECT_EQ(ModulePolicy::Parse("", "os tag extra\n").status().code(), StatusCode::kMalformed);
}

TEST(ModulePolicyTest, EmbeddedRules) {
  const ModulePolicy& p = ModulePolicy::Default();
  EXPECT_GT(p.allow().size(), 5u);
  EXPECT_GT(p.deny().size(), 20u);
  for (const char* allowed :
       {"keras", "keras.layers", "keras.src.layers.core.dense", "keras_hub.src.models.gemma",
        "keras_nlp", "keras_cv.layers", "tf_keras.layers", "tensorflow.keras.layers"}) {
    EXPECT_TRUE(p.IsAllowedModule(allowed)) << allowed;
  }
  for (const char* other : {"os", "tensorflow", "__main__", "kerasx", "evil.keras"}) {
    EXPECT_FALSE(p.IsAllowedModule(other)) << other;
  }
  for (const char* denied :
       {"os.system", "subprocess.Popen", "builtins.exec", "keras.utils.get_file",
        "keras.src.utils.file_utils.get_file", "keras.config.enable_unsafe_deserialization",
        "keras.datasets.mnist.load_data", "keras.models.load_model", "posix.system", "torch.load",
        "numpy.load"}) {
    EXPECT_NE(p.MatchDenied(denied), nullptr) << denied;
  }
  for (const char* fine :
       {"keras.layers.Dense", "keras.initializers.GlorotUniform", "keras.optimizers.Adam",
        "keras.src.ops.relu", "keras.DTypePolicy", "keras_hub.src.models.gemma.GemmaBackbone"}) {
    EXPECT_EQ(p.MatchDenied(fine), nullptr) << fine;
  }
  EXPECT_EQ(p.MatchDenied("keras.config.enable_unsafe_deserialization")->tag, "safe-mode");
}

}  // namespace
}  // namespace aigis::formats::keras
