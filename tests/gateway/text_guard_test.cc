#include "gateway/text_guard.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace aigis::gateway {
namespace {

using guard::Action;
using Json = nlohmann::json;

std::shared_ptr<const guard::GuardEngine> Engine(guard::Direction d, bool block_secrets = false) {
  static std::map<std::pair<int, bool>, std::shared_ptr<const guard::GuardEngine>> cache;
  auto& e = cache[{static_cast<int>(d), block_secrets}];
  if (!e) {
    guard::GuardPolicy p = guard::GuardPolicy::Defaults();
    p.direction = d;
    if (block_secrets) p.actions["secret"] = Action::kBlock;
    e = *guard::GuardEngine::Create(p);
  }
  return e;
}

guard::GuardScanner Scanner(std::shared_ptr<const guard::GuardEngine> e) {
  auto s = guard::GuardScanner::Create(std::move(e));
  return std::move(*s);
}

std::vector<std::string> Texts(const std::vector<TextLeaf>& l) {
  std::vector<std::string> s;
  for (const auto& x : l) s.push_back(x.node->get<std::string>());
  return s;
}

TEST(ParseJsonBody, RejectsBadAndDeepDocuments) {
  EXPECT_EQ(ParseJsonBody("{nope", {}).status().code(), StatusCode::kMalformed);
  EXPECT_EQ(ParseJsonBody(std::string(100, '[') + std::string(100, ']'), {}).status().code(),
            StatusCode::kLimitExceeded);
  EXPECT_TRUE(ParseJsonBody("{\"a\":[1,2]}", {}).ok());
}

TEST(CollectText, TakesEveryTextAndSkipsShortMetadata) {
  Json doc = Json::parse(R"({
    "model": "gpt-x", "system": "sys prompt",
    "messages": [
      {"role": "user", "content": [{"type": "text", "text": "part one"}, {"type": "image_url", "image_url": {"url": "data:x"}}]},
      {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{\"q\":\"args\"}"}}]}
    ],
    "tools": [{"type": "function", "function": {"name": "f", "description": "tool description"}}],
    "role": ")" + std::string(200, 'r') +
                         R"("})");
  std::vector<TextLeaf> leaves;
  ASSERT_TRUE(CollectText(doc, Api::kChatCompletions, {}, &leaves).ok());
  auto t = Texts(leaves);
  for (const char* want :
       {"sys prompt", "part one", "data:x", "{\"q\":\"args\"}", "tool description", "f"})
    EXPECT_NE(std::find(t.begin(), t.end(), want), t.end()) << want;
  EXPECT_EQ(std::find(t.begin(), t.end(), "gpt-x"), t.end());
  EXPECT_EQ(std::find(t.begin(), t.end(), "user"), t.end());
  EXPECT_NE(std::find(t.begin(), t.end(), std::string(200, 'r')),
            t.end());  // long "metadata" is scanned
}

TEST(CollectText, ChannelsFollowStreamIndexes) {
  Json a = Json::parse(R"({"choices":[{"index":2,"delta":{"content":"x"}}]})");
  Json b = Json::parse(
      R"({"choices":[{"index":2,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"y"}}]}}]})");
  Json c = Json::parse(
      R"({"type":"content_block_delta","index":3,"delta":{"type":"text_delta","text":"z"}})");
  std::vector<TextLeaf> la, lb, lc;
  ASSERT_TRUE(CollectText(a, Api::kChatCompletions, {}, &la).ok());
  ASSERT_TRUE(CollectText(b, Api::kChatCompletions, {}, &lb).ok());
  ASSERT_TRUE(CollectText(c, Api::kMessages, {}, &lc).ok());
  ASSERT_EQ(la.size(), 1u);
  ASSERT_EQ(lb.size(), 1u);
  ASSERT_EQ(lc.size(), 1u);
  EXPECT_TRUE(la[0].delta && lb[0].delta && lc[0].delta);
  EXPECT_NE(la[0].channel, lb[0].channel);
  EXPECT_NE(la[0].channel.find("i2"), std::string::npos);
  EXPECT_NE(lc[0].channel.find("#i3"), std::string::npos);
}

TEST(CollectText, DepthAndLeafLimits) {
  Json deep = Json::parse(std::string(30, '[') + "\"x\"" + std::string(30, ']'));
  std::vector<TextLeaf> l;
  JsonLimits lim;
  lim.max_depth = 10;
  EXPECT_EQ(CollectText(deep, Api::kChatCompletions, lim, &l).code(), StatusCode::kLimitExceeded);
  Json many = Json::array();
  for (int i = 0; i < 20; ++i) many.push_back("s");
  lim.max_leaves = 5;
  l.clear();
  EXPECT_EQ(CollectText(many, Api::kChatCompletions, lim, &l).code(), StatusCode::kLimitExceeded);
}

TEST(GuardDocument, RedactsIntoTheVaultAndRestores) {
  auto in = Scanner(Engine(guard::Direction::kInput));
  Json doc =
      Json::parse(R"({"messages":[{"role":"user","content":"mail bob.jones@example.org now"}]})");
  std::vector<TextLeaf> leaves;
  ASSERT_TRUE(CollectText(doc, Api::kChatCompletions, {}, &leaves).ok());
  guard::Vault vault;
  GuardSummary s = GuardDocument(in, leaves, &vault, nullptr);
  EXPECT_EQ(s.verdict, Action::kRedact);
  EXPECT_TRUE(s.modified);
  EXPECT_EQ(doc["messages"][0]["content"], "mail [EMAIL_1] now");
  auto out = Scanner(Engine(guard::Direction::kOutput));
  Json ans = Json::parse(
      R"({"choices":[{"message":{"content":"Sent to [EMAIL_1]. [EMAIL_9] unknown."}}]})");
  std::vector<TextLeaf> al;
  ASSERT_TRUE(CollectText(ans, Api::kChatCompletions, {}, &al).ok());
  GuardDocument(out, al, nullptr, &vault);
  EXPECT_EQ(ans["choices"][0]["message"]["content"],
            "Sent to bob.jones@example.org. [EMAIL_9] unknown.");
}

TEST(RenderRange, SpansAcrossRanges) {
  std::string t = "abcdefghij";
  std::vector<RenderSpan> spans = {{2, 6, "[X]"}, {8, 9, "[Y]"}};
  EXPECT_EQ(RenderRange(t, 0, 4, spans), "ab[X]");
  EXPECT_EQ(RenderRange(t, 4, 10, spans), "gh[Y]j");
  EXPECT_EQ(RenderRange(t, 0, 10, {}), t);
}

std::string Chunked(const std::vector<std::string>& pieces) {
  std::string s;
  for (const auto& p : pieces)
    s +=
        "data: " + Json{{"choices", {{{"index", 0}, {"delta", {{"content", p}}}}}}}.dump() + "\n\n";
  return s + "data: [DONE]\n\n";
}

TEST(StreamGuard, SecretSplitAcrossEventsIsRedactedAtEverySplit) {
  auto out = Scanner(Engine(guard::Direction::kOutput));
  std::string text = "key AKIAIOSFODNN7EXAMPLE end";
  for (size_t n = 1; n <= 8; ++n) {
    std::vector<std::string> pieces;
    for (size_t i = 0; i < text.size(); i += n) pieces.push_back(text.substr(i, n));
    std::string sse = Chunked(pieces);
    for (size_t step : {size_t{1}, size_t{7}, sse.size()}) {
      StreamGuard g(&out, Api::kChatCompletions, nullptr, {});
      std::string ready;
      for (size_t i = 0; i < sse.size(); i += step)
        ASSERT_TRUE(g.Feed(sse.substr(i, step), &ready).ok());
      ASSERT_TRUE(g.Finish(&ready).ok());
      EXPECT_EQ(ready.find("AKIA"), std::string::npos) << n << " " << ready;
      EXPECT_NE(ready.find("[AWS"), std::string::npos) << ready;
      EXPECT_NE(ready.find("[DONE]"), std::string::npos);
    }
  }
}

TEST(StreamGuard, NothingIsReleasedBeforeItIsScanned) {
  auto out = Scanner(Engine(guard::Direction::kOutput, true));
  StreamGuard g(&out, Api::kChatCompletions, nullptr, {});
  std::string ready;
  std::string sentence = "the quick brown fox jumps over the lazy dog. ";
  const std::string event = Chunked({sentence}).substr(0, Chunked({sentence}).size() - 14);
  // Text is released once it is stream_holdback behind the scanned point (GuardStream scans in
  // steps of stream_step), so 1000 sentences (45 KB) must have released some.
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(g.Feed(event, &ready).ok());
  size_t released = ready.size();
  EXPECT_GT(released, 0u);  // far enough behind the end, text is released before the stream ends
  Status st = g.Feed(
      "data: " + Json{{"choices", {{{"index", 0}, {"delta", {{"content", " AKIAIOSF"}}}}}}}.dump() +
          "\n\n",
      &ready);
  ASSERT_TRUE(st.ok());
  st = g.Feed(
      "data: " +
          Json{{"choices", {{{"index", 0}, {"delta", {{"content", "ODNN7EXAMPLE "}}}}}}}.dump() +
          "\n\n",
      &ready);
  if (st.ok()) st = g.Finish(&ready);
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(g.blocked());
  EXPECT_EQ(ready.find("AKIA"), std::string::npos);
}

TEST(StreamGuard, RestoresPlaceholdersSplitAcrossEvents) {
  auto in = Scanner(Engine(guard::Direction::kInput));
  guard::Vault vault;
  std::string ph = vault.PlaceholderFor("EMAIL", "carol@example.net");
  ASSERT_EQ(ph, "[EMAIL_1]");
  auto out = Scanner(Engine(guard::Direction::kOutput));
  StreamGuard g(&out, Api::kChatCompletions, &vault, {});
  std::string ready;
  ASSERT_TRUE(g.Feed(Chunked({"Hi [EM", "AIL_", "1], bye"}), &ready).ok());
  ASSERT_TRUE(g.Finish(&ready).ok());
  std::string text;
  SseParser p;
  std::vector<SseEvent> evs;
  ASSERT_TRUE(p.Feed(ready, &evs).ok());
  for (const auto& e : evs) {
    if (e.data == "[DONE]") continue;
    text += Json::parse(e.data)["choices"][0]["delta"]["content"].get<std::string>();
  }
  EXPECT_EQ(text, "Hi carol@example.net, bye");
}

TEST(StreamGuard, MalformedUpstreamFailsClosed) {
  auto out = Scanner(Engine(guard::Direction::kOutput));
  StreamGuard g(&out, Api::kChatCompletions, nullptr, {});
  std::string ready;
  EXPECT_FALSE(g.Feed("data: {not json\n\n", &ready).ok());
  EXPECT_FALSE(g.blocked());
  StreamGuard h(&out, Api::kChatCompletions, nullptr, {});
  ASSERT_TRUE(h.Feed("data: {\"choices\":[]}\n\ndata: {\"cho", &ready).ok());
  EXPECT_FALSE(h.Finish(&ready).ok());  // ended inside an event
}

TEST(StreamGuard, SnapshotTextInEventsIsScanned) {
  auto out = Scanner(Engine(guard::Direction::kOutput, true));
  StreamGuard g(&out, Api::kResponses, nullptr, {});
  std::string ready;
  Json done = {{"type", "response.output_text.done"}, {"text", "here AKIAIOSFODNN7EXAMPLE"}};
  EXPECT_FALSE(g.Feed("data: " + done.dump() + "\n\n", &ready).ok());
  EXPECT_TRUE(g.blocked());
  EXPECT_EQ(ready.find("AKIA"), std::string::npos);
}

TEST(ReadUsage, AllShapes) {
  Usage u;
  ReadUsage(Json::parse(R"({"usage":{"prompt_tokens":3,"completion_tokens":4}})"), &u);
  EXPECT_EQ(u.total(), 7u);
  Usage a;
  ReadUsage(
      Json::parse(
          R"({"type":"message_start","message":{"usage":{"input_tokens":5,"output_tokens":1}}})"),
      &a);
  ReadUsage(Json::parse(R"({"type":"message_delta","usage":{"output_tokens":9}})"), &a);
  EXPECT_EQ(a.input, 5u);
  EXPECT_EQ(a.output, 9u);
  Usage r;
  ReadUsage(Json::parse(R"({"response":{"usage":{"input_tokens":2,"output_tokens":2}}})"), &r);
  EXPECT_EQ(r.total(), 4u);
}

}  // namespace
}  // namespace aigis::gateway
