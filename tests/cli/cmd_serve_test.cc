// End-to-end tests of `aigis serve` and `aigis keys` through the binary: key management output,
// config errors (exit 2), SIGHUP reload of keys without a restart, SIGTERM shutdown (exit 0).
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "gateway/fake_upstream.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

std::string RunCmd(const std::string& cmd, int* rc) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int st = pclose(p);
  *rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return out;
}

int Chat(uint16_t port, const std::string& key) {
  asio::io_context ioc;
  beast::tcp_stream s(ioc);
  beast::error_code ec;
  s.expires_after(std::chrono::seconds(10));
  s.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return -1;
  http::request<http::string_body> req{http::verb::post, "/v1/chat/completions", 11};
  req.set(http::field::host, "x");
  req.set(http::field::authorization, "Bearer " + key);
  req.body() = R"({"model":"m","messages":[{"role":"user","content":"hi"}]})";
  req.prepare_payload();
  http::write(s, req, ec);
  beast::flat_buffer b;
  http::response<http::string_body> res;
  http::read(s, b, res, ec);
  return ec ? -1 : res.result_int();
}

class CmdServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/aigis-serve-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    ASSERT_TRUE(up_.Start());
    std::ofstream(dir_ + "/aigis.yaml")
        << "gateway:\n  listen: 127.0.0.1:0\n  threads: 1\n  keys_db: keys.sqlite\n  log_file: "
           "gw.log\n"
           "  routes:\n    - {model: m, upstream: 'http://127.0.0.1:"
        << up_.port() << "', api_key_env: AIGIS_SERVE_TEST_KEY}\n";
  }
  void TearDown() override {
    up_.Stop();
    std::filesystem::remove_all(dir_);
  }
  std::string Keys(const std::string& args, int* rc) {
    return RunCmd(
        std::string(AIGIS_BIN) + " keys " + args + " --config " + dir_ + "/aigis.yaml 2>&1", rc);
  }
  std::string dir_;
  aigis::gateway::testing::FakeUpstream up_;
};

TEST_F(CmdServeTest, KeysCreateListRevoke) {
  int rc;
  std::string out = Keys("create --name alpha --models m,n --rpm 5 --json", &rc);
  ASSERT_EQ(rc, 0) << out;
  auto j = nlohmann::json::parse(out);
  std::string id = j["id"], key = j["key"];
  EXPECT_EQ(key.rfind("sk-aigis-", 0), 0u);
  std::string list = Keys("list", &rc);
  EXPECT_EQ(rc, 0);
  EXPECT_NE(list.find(id), std::string::npos);
  EXPECT_NE(list.find("rpm=5"), std::string::npos);
  EXPECT_EQ(list.find(key), std::string::npos);
  EXPECT_EQ(Keys("revoke " + id, &rc).find("revoked"), 0u);
  EXPECT_EQ(rc, 0);
  EXPECT_NE(Keys("list", &rc).find("revoked"), std::string::npos);
  Keys("revoke key_nope", &rc);
  EXPECT_EQ(rc, 2);
  Keys("create --name x", &rc);  // --models missing
  EXPECT_EQ(rc, 2);
}

TEST_F(CmdServeTest, BadConfigExitsWithTwo) {
  unsetenv("AIGIS_SERVE_TEST_KEY");
  int rc;
  std::string out =
      RunCmd(std::string(AIGIS_BIN) + " serve --config " + dir_ + "/aigis.yaml 2>&1", &rc);
  EXPECT_EQ(rc, 2);
  EXPECT_NE(out.find("AIGIS_SERVE_TEST_KEY is not set"), std::string::npos) << out;
}

TEST_F(CmdServeTest, SighupReloadsKeysAndSigtermStops) {
  setenv("AIGIS_SERVE_TEST_KEY", "upstream-secret", 1);
  int rc;
  auto first = nlohmann::json::parse(Keys("create --models '*' --json", &rc));
  pid_t pid = fork();
  if (pid == 0) {
    execl(AIGIS_BIN, AIGIS_BIN, "serve", "--config", (dir_ + "/aigis.yaml").c_str(), nullptr);
    _exit(127);
  }
  // The port comes from the "listening" log line (the config asks for port 0).
  uint16_t port = 0;
  for (int i = 0; i < 500 && port == 0; ++i) {
    std::ifstream f(dir_ + "/gw.log");
    std::string all((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    std::smatch m;
    if (std::regex_search(all, m, std::regex("\"port\":(\\d+)")))
      port = static_cast<uint16_t>(std::stoi(m[1]));
    else
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_NE(port, 0);
  EXPECT_EQ(Chat(port, first["key"]), 200);
  auto second = nlohmann::json::parse(Keys("create --models '*' --json", &rc));
  EXPECT_EQ(Chat(port, second["key"]), 401);  // not loaded yet
  kill(pid, SIGHUP);
  int status = -1;
  for (int i = 0; i < 500 && (status = Chat(port, second["key"])) != 200; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(status, 200);
  kill(pid, SIGTERM);
  int ws = 0;
  ASSERT_EQ(waitpid(pid, &ws, 0), pid);
  EXPECT_TRUE(WIFEXITED(ws));
  EXPECT_EQ(WEXITSTATUS(ws), 0);
}

}  // namespace
