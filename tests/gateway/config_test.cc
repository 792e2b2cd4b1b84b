#include "gateway/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <yaml-cpp/yaml.h>

namespace aigis::gateway {
namespace {

Result<GatewayConfig> Parse(const std::string& yaml) {
  setenv("AIGIS_CFG_TEST_KEY", "value-not-shown", 1);
  unsetenv("AIGIS_CFG_UNSET_KEY");
  return ParseGatewayConfig(YAML::Load(yaml)["gateway"], "/etc/aigis");
}

const char kGood[] = R"(
gateway:
  listen: 0.0.0.0:9000
  keys_db: keys.sqlite
  policies: {strict: /abs/strict.yaml}
  routes:
    - {model: m1, provider: anthropic, upstream: "https://api.example.com:8443/prefix/", api_key_env: AIGIS_CFG_TEST_KEY}
  limits: {max_body_bytes: 1000, idle_timeout_ms: 5}
)";

TEST(GatewayConfig, ParsesAGoodConfig) {
  auto c = Parse(kGood);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->listen_host, "0.0.0.0");
  EXPECT_EQ(c->listen_port, 9000);
  EXPECT_EQ(c->keys_db, "/etc/aigis/keys.sqlite");
  EXPECT_EQ(c->policies["strict"], "/abs/strict.yaml");
  ASSERT_EQ(c->routes.size(), 1u);
  EXPECT_EQ(c->routes[0].provider, Provider::kAnthropic);
  EXPECT_TRUE(c->routes[0].upstream.tls);
  EXPECT_EQ(c->routes[0].upstream.host, "api.example.com");
  EXPECT_EQ(c->routes[0].upstream.port, "8443");
  EXPECT_EQ(c->routes[0].upstream.base_path, "/prefix");
  EXPECT_EQ(c->limits.max_body_bytes, 1000u);
  EXPECT_EQ(c->limits.idle_timeout_ms, 5u);
}

TEST(GatewayConfig, ErrorsNameTheProblem) {
  struct Case {
    std::string yaml, want;
  };
  const std::string route =
      "  routes: [{model: m, upstream: 'http://h', api_key_env: AIGIS_CFG_TEST_KEY}]\n";
  std::vector<Case> cases = {
      {"gateway:\n  keys_db: k\n  colour: red\n" + route, "unknown key colour"},
      {"gateway:\n  keys_db: k\n", "at least one route"},
      {"gateway:\n" + route, "keys_db is required"},
      {"gateway:\n  keys_db: k\n  routes: [{model: m, upstream: 'ftp://h', api_key_env: "
       "AIGIS_CFG_TEST_KEY}]\n",
       "http://"},
      {"gateway:\n  keys_db: k\n  routes: [{model: m, upstream: 'http://u:p@h', api_key_env: "
       "AIGIS_CFG_TEST_KEY}]\n",
       "user info"},
      {"gateway:\n  keys_db: k\n  routes: [{model: m, upstream: 'http://h', api_key_env: "
       "AIGIS_CFG_UNSET_KEY}]\n",
       "AIGIS_CFG_UNSET_KEY is not set"},
      {"gateway:\n  keys_db: k\n  routes: [{model: m, upstream: 'http://h', api_key_env: 'bad "
       "name'}]\n",
       "api_key_env"},
      {"gateway:\n  keys_db: k\n  routes: [{model: m, upstream: 'http://h', api_key_env: "
       "AIGIS_CFG_TEST_KEY, provider: x}]\n",
       "provider"},
      {"gateway:\n  keys_db: k\n  routes: [{model: m, upstream: 'http://h', api_key_env: "
       "AIGIS_CFG_TEST_KEY}, {model: m, upstream: 'http://h', api_key_env: AIGIS_CFG_TEST_KEY}]\n",
       "routed twice"},
      {"gateway:\n  keys_db: k\n  listen: nope\n" + route, "listen"},
      {"gateway:\n  keys_db: k\n  limits: {idle_timeout_ms: 0}\n" + route, "timeouts"},
      {"gateway:\n  keys_db: k\n  limits: {max_body_bytes: many}\n" + route, "max_body_bytes"},
      {"gateway:\n  keys_db: k\n  default_policy: ghost\n" + route, "ghost"},
  };
  for (const Case& c : cases) {
    auto r = Parse(c.yaml);
    ASSERT_FALSE(r.ok()) << c.yaml;
    EXPECT_NE(r.error().message().find(c.want), std::string::npos) << r.error().message();
    EXPECT_EQ(r.error().message().find("value-not-shown"), std::string::npos);
  }
}

TEST(ParseUpstreamUrl, Forms) {
  auto a = ParseUpstreamUrl("http://127.0.0.1");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->port, "80");
  auto b = ParseUpstreamUrl("https://[::1]:444/x");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->host, "::1");
  EXPECT_EQ(b->port, "444");
  EXPECT_FALSE(ParseUpstreamUrl("http://h:99999").ok());
  EXPECT_FALSE(ParseUpstreamUrl("http://h/?q=1").ok());
  EXPECT_FALSE(ParseUpstreamUrl("http://:80").ok());
}

}  // namespace
}  // namespace aigis::gateway

namespace aigis::gateway {
namespace {

std::string WithStore(const std::string& store) {
  return std::string(kGood) + "  limits_store: " + store + "\n";
}

TEST(GatewayConfig, LimitStoreDefaultsToMemory) {
  auto c = Parse(kGood);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->limits_store.type, "memory");
  EXPECT_FALSE(c->limits_store.fail_open) << "fail closed by default";
}

TEST(GatewayConfig, LimitStoreRedis) {
  auto c = Parse(WithStore(
      "{type: redis, url: \"redis://10.0.0.7:6380\", password_env: AIGIS_CFG_TEST_KEY, "
      "connect_timeout_ms: 50, command_timeout_ms: 75, retry_after_ms: 250, on_unavailable: allow, "
      "key_prefix: gw, settle_queue_max: 50, record_ttl_ms: 120000}"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->limits_store.record_ttl_ms, 120'000);
  EXPECT_EQ(c->limits_store.settle_queue_max, 50u);
  EXPECT_EQ(c->limits_store.type, "redis");
  EXPECT_EQ(c->limits_store.host, "10.0.0.7");
  EXPECT_EQ(c->limits_store.port, 6380);
  EXPECT_EQ(c->limits_store.password_env, "AIGIS_CFG_TEST_KEY");
  EXPECT_EQ(c->limits_store.connect_timeout_ms, 50);
  EXPECT_EQ(c->limits_store.command_timeout_ms, 75);
  EXPECT_EQ(c->limits_store.retry_after_ms, 250);
  EXPECT_TRUE(c->limits_store.fail_open);
  EXPECT_EQ(c->limits_store.key_prefix, "gw");
  auto d = Parse(WithStore("{type: redis, url: \"redis://localhost\"}"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->limits_store.port, 6379);
}

TEST(GatewayConfig, OutputTokenLimits) {
  auto def = Parse(kGood);
  ASSERT_TRUE(def.ok());
  EXPECT_EQ(def->limits.default_max_tokens, 4096u);
  EXPECT_EQ(def->limits.max_output_tokens, 1u << 20);
  std::string yaml = kGood;
  yaml.replace(yaml.find("idle_timeout_ms: 5"), 18,
               "idle_timeout_ms: 5, default_max_tokens: 64, max_output_tokens: 128");
  auto c = Parse(yaml);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->limits.default_max_tokens, 64u);
  EXPECT_EQ(c->limits.max_output_tokens, 128u);
  yaml = kGood;
  yaml.replace(yaml.find("idle_timeout_ms: 5"), 18,
               "idle_timeout_ms: 5, default_max_tokens: 256, max_output_tokens: 128");
  EXPECT_FALSE(Parse(yaml).ok()) << "the default cap must be one a client may ask for";
  EXPECT_EQ(def->limits.prompt_bytes_per_token, 4u);
  for (const char* v : {"0", "17"}) {
    yaml = kGood;
    yaml.replace(yaml.find("idle_timeout_ms: 5"), 18,
                 std::string("idle_timeout_ms: 5, prompt_bytes_per_token: ") + v);
    auto bad = Parse(yaml);
    ASSERT_FALSE(bad.ok()) << v;
    EXPECT_NE(bad.status().message().find("prompt_bytes_per_token"), std::string::npos);
  }
  yaml = kGood;
  yaml.replace(yaml.find("idle_timeout_ms: 5"), 18,
               "idle_timeout_ms: 5, prompt_bytes_per_token: 1");
  auto one = Parse(yaml);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->limits.prompt_bytes_per_token, 1u);
}

TEST(GatewayConfig, LimitStoreErrors) {
  EXPECT_FALSE(Parse(WithStore("{type: etcd}")).ok());
  EXPECT_FALSE(Parse(WithStore("{type: redis}")).ok()) << "url required";
  EXPECT_FALSE(Parse(WithStore("{type: redis, url: \"http://h:1\"}")).ok());
  EXPECT_FALSE(Parse(WithStore("{type: redis, url: \"redis://h:0\"}")).ok());
  EXPECT_FALSE(Parse(WithStore("{type: redis, url: \"redis://h:99999\"}")).ok());
  EXPECT_FALSE(Parse(WithStore("{type: redis, url: \"redis://h:1/0\"}")).ok());
  EXPECT_FALSE(Parse(WithStore("{on_unavailable: maybe}")).ok());
  EXPECT_FALSE(Parse(WithStore("{command_timeout_ms: 0}")).ok());
  EXPECT_FALSE(Parse(WithStore("{retry_after_ms: -1}")).ok());
  EXPECT_FALSE(Parse(WithStore("{record_ttl_ms: 0}")).ok());
  EXPECT_FALSE(Parse(WithStore("{record_ttl_ms: 59999}")).ok()) << "shorter than a minute";
  EXPECT_FALSE(Parse(WithStore("{record_ttl_ms: 604800001}")).ok()) << "longer than a week";
  EXPECT_TRUE(Parse(WithStore("{record_ttl_ms: 60000}")).ok());
  EXPECT_FALSE(Parse(WithStore("{tpye: redis}")).ok());
  auto unset = Parse(WithStore("{password_env: AIGIS_CFG_UNSET_KEY}"));
  ASSERT_FALSE(unset.ok());
  EXPECT_NE(unset.status().message().find("AIGIS_CFG_UNSET_KEY"), std::string::npos);
  // A password in the URL is refused and not repeated in the message.
  auto pw = Parse(WithStore("{type: redis, url: \"redis://:hunter2@h:6379\"}"));
  ASSERT_FALSE(pw.ok());
  EXPECT_EQ(pw.status().message().find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace aigis::gateway
