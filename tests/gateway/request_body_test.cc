#include "gateway/request_body.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace aigis::gateway {
namespace {

using Json = nlohmann::json;

Result<RequestBody> Parse(std::string& s) { return RequestBody::Parse(s, JsonLimits{}); }

// What the gateway accepted before simdjson: nlohmann's parse, and an object.
bool ReferenceAccepts(const std::string& s) {
  auto r = ParseJsonBody(s, JsonLimits{});
  return r.ok() && r->is_object();
}

std::vector<std::string> Sorted(std::vector<std::string_view> v) {
  std::vector<std::string> s(v.begin(), v.end());
  std::sort(s.begin(), s.end());
  return s;
}

// Bodies where simdjson and nlohmann could disagree. Every one is accepted or refused exactly as
// nlohmann decided before (no duplicate names here; those are refused on purpose, below).
TEST(RequestBody, AcceptsAndRefusesExactlyWhatNlohmannDid) {
  const std::vector<std::string> cases = {
      R"({"a":1})",
      R"({"a":-0})",
      R"({"a":18446744073709551615})",
      R"({"a":18446744073709551616})",            // beyond 64 bits: nlohmann makes it a double
      R"({"a":123456789012345678901234567890})",  // simdjson refuses these integers
      R"({"a":-9223372036854775809})",
      R"({"a":1e400})",  // out of double range: both refuse
      R"({"a":1e-400})",
      R"({"a":"\ud800"})",  // lone high surrogate
      R"({"a":"\udc00"})",  // lone low surrogate
      R"({"a":"\ud800\u0041"})",
      R"({"a":"\ud83d\ude00"})",
      "{\"a\":\"\xed\xa0\x80\"}",      // a surrogate encoded in UTF-8
      "{\"a\":\"\xc0\xaf\"}",          // overlong
      "{\"a\":\"\xf4\x90\x80\x80\"}",  // above U+10FFFF
      "{\"a\":\"\xff\"}",              // not UTF-8 at all
      "{\"a\":\"\xef\xbf\xbf\"}",      // U+FFFF, a noncharacter but valid
      "{\"a\":\"x\x01\"}",             // unescaped control character
      "{\"a\":\"\x7f\"}",              // DEL needs no escape
      "\xef\xbb\xbf{\"a\":1}",         // byte order mark: nlohmann skips it
      std::string("{\"a\":1}\0", 8),   // trailing NUL: nlohmann stops there
      R"({"a":"\u0000"})",
      R"({"a":01})",
      R"({"a":1.})",
      R"({"a":.5})",
      R"({"a":[1,]})",
      R"({"a":tru})",
      R"({"a":"\x"})",
      "",
      "   ",
      "[1,2]",
      "\"text\"",
      "null",
      "{\"a\":1}\n\r\t ",
      "{\"a\":1}\f",
      R"({"a":1} {"b":2})",
      "{\"a\":1",
  };
  for (const std::string& c : cases) {
    std::string body = c;
    auto r = Parse(body);
    EXPECT_EQ(r.ok(), ReferenceAccepts(c))
        << Json(c).dump(-1, ' ', true, Json::error_handler_t::replace);
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kMalformed) << c;
    }
    EXPECT_EQ(body, c) << "the parse must not change the body's bytes";
  }
  // simdjson takes the common bodies; what it refuses and nlohmann accepts goes the reference way.
  std::string plain = R"({"model":"m","messages":[{"role":"user","content":"hi"}]})";
  std::string big = R"({"model":"m","seed":123456789012345678901234567890})";
  std::string bom = "\xef\xbb\xbf{\"model\":\"m\"}";
  EXPECT_TRUE(Parse(plain)->fast());
  EXPECT_FALSE(Parse(big)->fast());
  EXPECT_FALSE(Parse(bom)->fast());
  EXPECT_EQ(Parse(big)->Get("model").str, "m");
}

// A repeated member name is refused on both paths, escaped spellings included: nlohmann keeps
// the last value while a forwarded body still carries the first, which an upstream may use.
TEST(RequestBody, DuplicateNamesAreRefused) {
  std::string many = "{";
  for (int i = 0; i < 20; ++i) many += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  many += "\"k7\":1}";
  const std::vector<std::string> cases = {
      R"({"model":"cheap","model":"dear"})",
      R"({"model":"m","messages":[{"role":"user","content":"a","content":"b"}]})",
      R"({"model":"m","mod\u0065l":"n"})",
      R"({"model":"m","max_tokens":1,"max_tokens":1000000,"seed":123456789012345678901234567890})",
      many,
  };
  for (const std::string& c : cases) {
    std::string body = c;
    auto r = Parse(body);
    ASSERT_FALSE(r.ok()) << c;
    EXPECT_EQ(r.status().code(), StatusCode::kMalformed) << c;
    EXPECT_EQ(r.status().message(), "json: duplicate member name") << c;
  }
  // The same name in different objects is not a duplicate.
  std::string ok = R"({"a":{"x":1},"b":{"x":2},"c":[{"x":3},{"x":4}]})";
  EXPECT_TRUE(Parse(ok).ok());
  EXPECT_TRUE(ParseRequestJson(ok, {}).ok());
}

// The duplicate-name scratch is kept per thread between documents: a huge object (its scratch
// then dropped), a duplicate, and clean documents after each are all decided on their own.
TEST(RequestBody, DuplicateCheckCarriesNothingBetweenDocuments) {
  std::string huge = "{\"model\":\"m\"";
  for (int i = 0; i < 3000; ++i) huge += ",\"k" + std::to_string(i) + "\":" + std::to_string(i);
  huge += "}";
  std::string dup = R"({"model":"m","a":1,"b":2,"a":3})";
  std::string clean = R"({"model":"m","a":1,"b":2,"c":{"a":1,"b":2}})";
  for (int round = 0; round < 2; ++round) {
    std::string h = huge, d = dup, c = clean, c2 = clean;
    EXPECT_TRUE(Parse(h).ok());
    EXPECT_TRUE(Parse(c).ok());
    auto r = Parse(d);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message(), "json: duplicate member name");
    auto ok = Parse(c2);
    ASSERT_TRUE(ok.ok());
    EXPECT_TRUE(ok->fast());
  }
}

std::string Nested(int depth) {
  return "{\"model\":\"m\",\"x\":" + std::string(depth, '[') + "\"deep\"" +
         std::string(depth, ']') + "}";
}

TEST(RequestBody, NestingLimitsAsBefore) {
  std::string shallow = Nested(RequestBody::kFastMaxDepth - 1);
  auto s = Parse(shallow);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->fast());
  // Deeper than the simdjson path takes, within nlohmann's limit: the reference path.
  std::string mid = Nested(60);
  auto m = Parse(mid);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->fast());
  std::vector<std::string_view> texts;
  ASSERT_TRUE(m->Texts(&texts).ok());
  EXPECT_EQ(Sorted(texts), std::vector<std::string>{"deep"});
  // Beyond it: refused as before (the gateway answers 400 invalid_json).
  for (int d : {70, 100, 5000}) {
    std::string deep = Nested(d);
    EXPECT_FALSE(ReferenceAccepts(deep));
    EXPECT_FALSE(Parse(deep).ok()) << d;
  }
}

TEST(RequestBody, FieldsReadAsNlohmannTypedThem) {
  std::string body =
      R"({"model":"gpt","stream":true,"a":5,"b":-1,"c":1.0,"d":-0,"e":0,"f":18446744073709551615,)"
      R"("g":null,"h":"5","i":[1],"j":9223372036854775808,"k":1e2})";
  auto r = Parse(body);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->fast());
  auto ref = ParseJsonBody(body, {});
  ASSERT_TRUE(ref.ok());
  for (const char* k : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "model", "stream"}) {
    FieldValue f = r->Get(k);
    const Json& n = (*ref)[k];
    EXPECT_EQ(f.kind == FieldKind::kUnsigned, n.is_number_unsigned()) << k;
    EXPECT_EQ(f.kind == FieldKind::kNull, n.is_null()) << k;
    EXPECT_EQ(f.kind == FieldKind::kString, n.is_string()) << k;
    EXPECT_EQ(f.kind == FieldKind::kBool, n.is_boolean()) << k;
    if (n.is_number_unsigned()) {
      EXPECT_EQ(f.number, n.get<uint64_t>()) << k;
    }
  }
  EXPECT_EQ(r->Get("model").str, "gpt");
  EXPECT_TRUE(r->Get("stream").boolean);
  EXPECT_EQ(r->Get("d").kind, FieldKind::kOther);  // "-0" is not a non-negative integer there
  EXPECT_EQ(r->Get("e").kind, FieldKind::kUnsigned);
  EXPECT_EQ(r->Get("absent").kind, FieldKind::kAbsent);
  EXPECT_FALSE(r->Has("absent"));
  EXPECT_TRUE(r->Has("g"));
}

// The texts are CollectText's (every string but short metadata values), in document order.
TEST(RequestBody, TextsAreCollectTextsLeaves) {
  std::string long_type(200, 't');
  std::string body =
      R"({"model":"gpt","messages":[{"role":"system","content":"be nice"},)"
      R"({"role":"user","content":[{"type":"text","text":"part one"},)"
      R"({"type":")" +
      long_type +
      R"("}]}],"tools":[{"type":"function",)"
      R"("function":{"name":"f","description":"desc","parameters":{"enum":["x","y"]}}}],)"
      R"("stop":["END"],"id":"","user":"u1"})";
  auto r = Parse(body);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->fast());
  std::vector<std::string_view> texts;
  ASSERT_TRUE(r->Texts(&texts).ok());
  auto ref = ParseJsonBody(body, {});
  std::vector<TextLeaf> leaves;
  ASSERT_TRUE(CollectText(*ref, Api::kChatCompletions, {}, &leaves).ok());
  std::vector<std::string_view> ref_texts;
  for (const TextLeaf& l : leaves) ref_texts.push_back(l.node->get_ref<const std::string&>());
  EXPECT_EQ(Sorted(texts), Sorted(ref_texts));
  ASSERT_GE(texts.size(), 3u);
  EXPECT_EQ(texts[0], "be nice");  // document order
  EXPECT_EQ(texts[1], "part one");
  EXPECT_NE(std::find(texts.begin(), texts.end(), long_type), texts.end());
}

TEST(RequestBody, TooManyTextsIsALimit) {
  std::string body = R"({"model":"m","x":[)";
  for (int i = 0; i < 10; ++i) body += std::string(i ? "," : "") + "\"s\"";
  body += "]}";
  JsonLimits lim;
  lim.max_leaves = 5;
  auto r = RequestBody::Parse(body, lim);
  ASSERT_TRUE(r.ok());  // a limit of the walk, answered after the key's limits (json_limits)
  std::vector<std::string_view> texts;
  EXPECT_EQ(r->Texts(&texts).code(), StatusCode::kLimitExceeded);
}

// Rewritten texts and edits give the document nlohmann would have produced by changing nodes.
TEST(RequestBody, RenderRewritesTextsAndEdits) {
  for (bool fast : {true, false}) {
    std::string body = R"({"model":"gpt","messages":[{"role":"user","content":"mail a@b.c"},)"
                       R"({"role":"user","content":"keep"}],"max_tokens":null,"t":1.5,"u":-3)";
    body += fast ? "}" : R"(,"seed":123456789012345678901234567890})";
    auto r = Parse(body);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->fast(), fast);
    std::vector<std::string_view> texts;
    ASSERT_TRUE(r->Texts(&texts).ok());
    std::vector<std::optional<std::string>> rewritten(texts.size());
    for (size_t i = 0; i < texts.size(); ++i)
      if (texts[i] == "mail a@b.c") rewritten[i] = "mail [EMAIL_1]";
    BodyEdits edits;
    edits.model = "gpt-upstream";
    edits.cap_key = "max_tokens";
    edits.cap_value = 77;
    Json out = Json::parse(r->Render(rewritten, edits));
    Json want = *ParseJsonBody(body, {});
    want["messages"][0]["content"] = "mail [EMAIL_1]";
    want["model"] = "gpt-upstream";
    want["max_tokens"] = 77;
    EXPECT_EQ(out, want) << fast;
    // Nothing rewritten, no edits: the same document.
    EXPECT_EQ(Json::parse(r->Render({}, {})), *ParseJsonBody(body, {}));
  }
}

// Upstream answers keep nlohmann's reading of a repeated name (the last value), as before.
TEST(RequestBody, AnswersKeepTheLastOfADuplicateName) {
  std::string body = R"({"id":"x","choices":[{"message":{"content":"first","content":"last"}}]})";
  auto r = RequestBody::Parse(body, {}, DuplicateNames::kLastWins);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->fast());
  std::vector<std::string_view> texts;
  ASSERT_TRUE(r->Texts(&texts).ok());
  EXPECT_EQ(Sorted(texts), std::vector<std::string>{"last"});
  EXPECT_FALSE(RequestBody::Parse(body, {}).ok());  // a request with it is refused
  std::string plain = R"({"id":"x","choices":[{"message":{"content":"hi"}}]})";
  auto p = RequestBody::Parse(plain, {}, DuplicateNames::kLastWins);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->fast());
}

// Usage is read from the same places, with the same types, as ReadUsage reads an nlohmann document.
TEST(RequestBody, UsageAsReadUsage) {
  const std::vector<std::string> answers = {
      R"({"usage":{"prompt_tokens":11,"completion_tokens":7}})",
      R"({"usage":{"input_tokens":3,"output_tokens":9,"prompt_tokens":5}})",
      R"({"message":{"usage":{"input_tokens":4,"output_tokens":2}}})",
      R"({"response":{"usage":{"input_tokens":6,"output_tokens":1}}})",
      R"({"usage":"none","message":{"usage":{"input_tokens":8}}})",
      R"({"usage":{"prompt_tokens":-3,"completion_tokens":1.5,"input_tokens":-0,"output_tokens":"9"}})",
      R"({"usage":{"prompt_tokens":18446744073709551615,"completion_tokens":0}})",
      R"({"message":{"usage":[1]},"response":{"usage":{"output_tokens":5}}})",
      R"({"choices":[]})",
  };
  for (const std::string& a : answers) {
    std::string body = a;
    auto r = RequestBody::Parse(body, {}, DuplicateNames::kLastWins);
    ASSERT_TRUE(r.ok()) << a;
    EXPECT_TRUE(r->fast()) << a;
    Usage got{1, 2}, want{1, 2};  // a stream's earlier usage is only ever raised
    r->ReadUsage(&got);
    ReadUsage(*ParseJsonBody(a, {}), &want);
    EXPECT_EQ(got.input, want.input) << a;
    EXPECT_EQ(got.output, want.output) << a;
  }
}

// Bodies held at once each keep their own parser (a request suspends while another is parsed).
TEST(RequestBody, BodiesInFlightDoNotShareAParser) {
  std::vector<std::string> bodies;
  for (int i = 0; i < 20; ++i)
    bodies.push_back(R"({"model":"m)" + std::to_string(i) + R"(","messages":[{"content":"t)" +
                     std::to_string(i) + R"("}]})");
  std::vector<RequestBody> held;
  for (std::string& b : bodies) {
    auto r = Parse(b);
    ASSERT_TRUE(r.ok());
    held.push_back(std::move(*r));
  }
  for (int round = 0; round < 3; ++round) {  // parsers go back to the pool and are reused
    std::string other = R"({"model":"zzz","messages":[{"content":"other"}]})";
    ASSERT_TRUE(Parse(other).ok());
  }
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(held[i].Get("model").str, "m" + std::to_string(i));
    std::vector<std::string_view> texts;
    ASSERT_TRUE(held[i].Texts(&texts).ok());
    ASSERT_EQ(texts.size(), 1u);
    EXPECT_EQ(texts[0], "t" + std::to_string(i));
  }
}

}  // namespace
}  // namespace aigis::gateway
