// The shipped model (models/prompt-attack.aigm, embedded at build time): it loads and validates,
// and the committed fixture prompts (tests/guard/classifier/data/shipped_cases.jsonl, written for
// this test) get their expected verdicts from the whole guard pipeline with the classifier.
#include "guard/classifier/embedded_model.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "guard/classifier/linear_classifier.h"
#include "guard/engine.h"
#include "guard/normalize/normalizer.h"

namespace aigis::guard::classifier {
namespace {

TEST(EmbeddedModelTest, LoadsAndMatchesTheFileInTheTree) {
  ByteView e = EmbeddedModel();
  ASSERT_FALSE(e.empty()) << "built without models/prompt-attack.aigm";
  Result<LinearModel> m = ParseModel(e);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->name, "prompt-attack");
  Result<LinearModel> f = LoadModelFile(AIGIS_SOURCE_DIR "/models/prompt-attack.aigm");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(SerializeModel(*f), SerializeModel(*m));  // the build embedded the current file
}

TEST(EmbeddedModelTest, FixtureVerdicts) {
  Result<LinearModel> m = ParseModel(EmbeddedModel());
  ASSERT_TRUE(m.ok());
  auto clf = LinearClassifier::Create(std::move(*m));
  ASSERT_TRUE(clf.ok());
  // Classifier alone (signatures off) and in the default pipeline.
  GuardPolicy only = GuardPolicy::Defaults();
  only.injection.enabled = false;
  auto engine = GuardEngine::Create(only, *clf);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  auto scanner = GuardScanner::Create(*engine);
  ASSERT_TRUE(scanner.ok());
  std::ifstream in(AIGIS_SOURCE_DIR "/tests/guard/classifier/data/shipped_cases.jsonl");
  ASSERT_TRUE(in.good());
  std::string line;
  size_t n = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    const std::string text = j["text"];
    const bool attack = j["expect"] == "attack";
    GuardResult r = scanner->Scan(text);
    bool flagged = false;
    for (const Detection& d : r.detections) flagged |= d.detector == "classifier";
    EXPECT_EQ(flagged, attack) << "score " << *(*clf)->Score(normalize::FoldForMatching(text))
                               << ": " << text;
    ++n;
  }
  EXPECT_GE(n, 20u);
}

}  // namespace
}  // namespace aigis::guard::classifier
