// TLS termination (gateway/tls.cc and the TLS path of gateway.cc): the context's start-up checks
// (missing, mismatched, encrypted or world-readable files, bad versions and ciphers), then the real
// gateway on loopback with certificates made at test time: chat completions streamed and not,
// keep-alive, untrusted and outdated clients refused, plain HTTP to the TLS port, the handshake
// timeout, mutual TLS, a reload that changes the certificate, and client disconnects.
#include "gateway/tls.h"

#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "gateway/fake_upstream.h"
#include "gateway/gateway.h"
#include "testing/test_pki.h"

namespace aigis::gateway {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Json = nlohmann::json;
using aigis::testing::KeyAndCert;
using aigis::testing::MakeCert;
using aigis::testing::WriteCertPem;
using aigis::testing::WriteKeyPem;

constexpr char kUpstreamKey[] = "sk-upstream-tls-test-0123456789";

std::string TempDir() {
  char tmpl[] = "/tmp/aigis-tls-XXXXXX";
  return mkdtemp(tmpl) ? std::string(tmpl) : std::string();
}

// A CA, a server certificate for 127.0.0.1 and a client certificate, as files in `dir`.
struct Pki {
  KeyAndCert ca, server, client;
  explicit Pki(const std::string& dir, const std::string& prefix = "", long serial = 2)
      : ca(MakeCert("aigis test CA " + prefix, "ca", 1)),
        server(MakeCert("127.0.0.1", "server", serial, &ca)),
        client(MakeCert("client " + prefix, "client", serial + 100, &ca)) {
    WriteCertPem(dir + "/" + prefix + "ca.pem", ca.cert.get());
    WriteCertPem(dir + "/" + prefix + "server.pem", server.cert.get());
    WriteKeyPem(dir + "/" + prefix + "server.key", server.key.get());
    WriteCertPem(dir + "/" + prefix + "client.pem", client.cert.get());
    WriteKeyPem(dir + "/" + prefix + "client.key", client.key.get());
  }
};

// ---- The context and its start-up checks ----

class TlsContextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    ASSERT_FALSE(dir_.empty());
    pki_ = std::make_unique<Pki>(dir_);
    cfg_.cert_file = dir_ + "/server.pem";
    cfg_.key_file = dir_ + "/server.key";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Error(const ServerTlsConfig& c) {
    auto r = MakeServerTlsContext(c);
    return r.ok() ? std::string("ok") : r.status().message();
  }
  std::string dir_;
  std::unique_ptr<Pki> pki_;
  ServerTlsConfig cfg_;
};

TEST_F(TlsContextTest, GoodFilesGiveAContext) {
  EXPECT_EQ(Error(cfg_), "ok");
  cfg_.client_ca_file = dir_ + "/ca.pem";
  cfg_.min_version = 0x0304;
  EXPECT_EQ(Error(cfg_), "ok");
}

TEST_F(TlsContextTest, MissingFilesAreNamed) {
  ServerTlsConfig c = cfg_;
  c.cert_file = dir_ + "/nope.pem";
  std::string e = Error(c);
  EXPECT_NE(e.find("tls.cert_file " + dir_ + "/nope.pem: No such file"), std::string::npos) << e;
  c = cfg_;
  c.key_file = dir_ + "/nope.key";
  e = Error(c);
  EXPECT_NE(e.find("tls.key_file " + dir_ + "/nope.key: No such file"), std::string::npos) << e;
  c = cfg_;
  c.client_ca_file = dir_ + "/nope-ca.pem";
  e = Error(c);
  EXPECT_NE(e.find("tls.client_ca_file"), std::string::npos) << e;
}

TEST_F(TlsContextTest, KeyThatDoesNotMatchTheCertificate) {
  ServerTlsConfig c = cfg_;
  c.key_file = dir_ + "/client.key";  // a valid key, of another certificate
  std::string e = Error(c);
  EXPECT_NE(e.find("does not match the certificate"), std::string::npos) << e;
}

TEST_F(TlsContextTest, UnreadableContentIsAnError) {
  std::ofstream(dir_ + "/junk.pem") << "not a certificate\n";
  ServerTlsConfig c = cfg_;
  c.cert_file = dir_ + "/junk.pem";
  EXPECT_NE(Error(c).find("not a PEM certificate chain"), std::string::npos) << Error(c);
  c = cfg_;
  c.key_file = dir_ + "/junk.pem";
  ::chmod(c.key_file.c_str(), 0600);
  EXPECT_NE(Error(c).find("not an unencrypted PEM private key"), std::string::npos);
  c = cfg_;
  c.client_ca_file = dir_ + "/junk.pem";
  EXPECT_NE(Error(c).find("tls.client_ca_file"), std::string::npos) << Error(c);
}

// An encrypted key is refused at once (OpenSSL would otherwise prompt on the terminal).
TEST_F(TlsContextTest, EncryptedKeyIsRefusedWithoutAPrompt) {
  ASSERT_TRUE(WriteKeyPem(dir_ + "/enc.key", pki_->server.key.get(), 0600, "passphrase"));
  ServerTlsConfig c = cfg_;
  c.key_file = dir_ + "/enc.key";
  EXPECT_NE(Error(c).find("not an unencrypted PEM private key"), std::string::npos) << Error(c);
}

TEST_F(TlsContextTest, WorldReadableKeyIsRefusedUnlessAllowed) {
  ASSERT_EQ(::chmod(cfg_.key_file.c_str(), 0644), 0);
  std::string e = Error(cfg_);
  EXPECT_NE(e.find("readable or writable by every user"), std::string::npos) << e;
  ServerTlsConfig c = cfg_;
  c.allow_world_readable_key = true;
  EXPECT_EQ(Error(c), "ok");
  ASSERT_EQ(::chmod(cfg_.key_file.c_str(), 0640), 0);  // group-readable (ssl-cert) is fine
  EXPECT_EQ(Error(cfg_), "ok");
}

TEST_F(TlsContextTest, BadCipherListsAreErrors) {
  ServerTlsConfig c = cfg_;
  c.ciphers = "NO-SUCH-CIPHER";
  EXPECT_NE(Error(c).find("tls.ciphers"), std::string::npos);
  c = cfg_;
  c.ciphersuites = "TLS_NO_SUCH_SUITE";
  EXPECT_NE(Error(c).find("tls.ciphersuites"), std::string::npos);
}

Result<GatewayConfig> ParseTls(const std::string& tls_yaml) {
  setenv("AIGIS_TLS_TEST_KEY", "x", 1);
  YAML::Node n = YAML::Load(
      "keys_db: k.sqlite\n"
      "routes: [{model: m, upstream: 'http://127.0.0.1:1', api_key_env: AIGIS_TLS_TEST_KEY}]\n"
      "tls: " +
      tls_yaml + "\n");
  return ParseGatewayConfig(n, "/etc/aigis");
}

TEST(TlsConfigTest, KeysAreParsedAndChecked) {
  auto c = ParseTls(
      "{cert_file: c.pem, key_file: /k/k.pem, min_version: '1.3', client_ca_file: ca.pem, "
      "handshake_timeout_ms: 500, ciphers: 'ECDHE-RSA-AES128-GCM-SHA256'}");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->tls.enabled());
  EXPECT_EQ(c->tls.cert_file, "/etc/aigis/c.pem");  // relative to the config file
  EXPECT_EQ(c->tls.key_file, "/k/k.pem");
  EXPECT_EQ(c->tls.client_ca_file, "/etc/aigis/ca.pem");
  EXPECT_EQ(c->tls.min_version, 0x0304);
  EXPECT_EQ(c->tls.handshake_timeout_ms, 500u);
  auto d = ParseTls("{cert_file: c.pem, key_file: k.pem}");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->tls.min_version, 0x0303);  // TLS 1.2 by default
  EXPECT_FALSE(d->tls.allow_world_readable_key);

  auto bad = [](const std::string& y) {
    auto r = ParseTls(y);
    return r.ok() ? std::string("ok") : r.status().message();
  };
  EXPECT_NE(bad("{cert_file: c.pem, key_file: k.pem, min_version: '1.1'}")
                .find("tls.min_version: expected 1.2 or 1.3"),
            std::string::npos);
  EXPECT_NE(bad("{cert_file: c.pem}").find("cert_file and key_file are both required"),
            std::string::npos);
  EXPECT_NE(bad("{cert_file: c.pem, key_file: k.pem, handshake_timeout_ms: 0}")
                .find("handshake_timeout_ms"),
            std::string::npos);
  EXPECT_NE(
      bad("{cert_file: c.pem, key_file: k.pem, certfile: x}").find("unknown key tls.certfile"),
      std::string::npos);
  EXPECT_NE(bad("[a]").find("tls: must be a map"), std::string::npos);
  auto plain = ParseTls("{cert_file: c.pem, key_file: k.pem}");
  ASSERT_TRUE(plain.ok());
}

// ---- The gateway over TLS ----

struct TlsResult {
  beast::error_code ec;  // handshake, write or read error; status is 0 then
  int status = 0;
  std::string body;
  std::string alpn;
};

// A synchronous HTTPS client for the tests, one connection, kept alive between requests.
class Client {
 public:
  // ca: the bundle the client trusts ("" = none); cert/key: its own certificate ("" = none).
  explicit Client(const std::string& ca, const std::string& cert = "", const std::string& key = "",
                  int max_version = 0)
      : ctx_(ssl::context::tls_client) {
    beast::error_code ig;
    if (!ca.empty()) ctx_.load_verify_file(ca, ig);
    ctx_.set_verify_mode(ssl::verify_peer);
    if (!cert.empty()) {
      ctx_.use_certificate_chain_file(cert, ig);
      ctx_.use_private_key_file(key, ssl::context::pem, ig);
    }
    if (max_version) {
      // Old versions need security level 0 in OpenSSL 3; the server must be what refuses them.
      SSL_CTX_set_min_proto_version(ctx_.native_handle(), 0);
      SSL_CTX_set_max_proto_version(ctx_.native_handle(), max_version);
      SSL_CTX_set_cipher_list(ctx_.native_handle(), "DEFAULT:@SECLEVEL=0");
    }
    static const unsigned char kAlpn[] = {2, 'h', '2', 8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
    SSL_CTX_set_alpn_protos(ctx_.native_handle(), kAlpn, sizeof kAlpn);
  }
  beast::error_code Connect(uint16_t port) {
    s_ = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(ioc_, ctx_);
    beast::error_code ec;
    beast::get_lowest_layer(*s_).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                                         ec);
    if (ec) return ec;
    s_->set_verify_callback(ssl::host_name_verification("127.0.0.1"));
    s_->handshake(ssl::stream_base::client, ec);
    return ec;
  }
  TlsResult Request(http::verb method, const std::string& target, const std::string& body,
                    const std::string& key) {
    TlsResult r;
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!key.empty()) req.set(http::field::authorization, "Bearer " + key);
    if (method == http::verb::post) {
      req.set(http::field::content_type, "application/json");
      req.body() = body;
    }
    req.prepare_payload();
    http::write(*s_, req, r.ec);
    if (r.ec) return r;
    http::response<http::string_body> res;
    http::read(*s_, buf_, res, r.ec);
    if (r.ec) return r;
    r.status = res.result_int();
    r.body = res.body();
    const unsigned char* p = nullptr;
    unsigned int n = 0;
    SSL_get0_alpn_selected(s_->native_handle(), &p, &n);
    r.alpn.assign(reinterpret_cast<const char*>(p), n);
    return r;
  }
  // The serial number of the server's certificate on this connection (-1: none).
  long PeerSerial() {
    X509* c = SSL_get1_peer_certificate(s_->native_handle());
    if (!c) return -1;
    long v = ASN1_INTEGER_get(X509_get0_serialNumber(c));
    X509_free(c);
    return v;
  }
  beast::ssl_stream<beast::tcp_stream>& stream() { return *s_; }

 private:
  asio::io_context ioc_;
  ssl::context ctx_;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> s_;
  beast::flat_buffer buf_;
};

std::string ChatBody(const std::string& text, bool stream) {
  return Json{{"model", "gpt-test"},
              {"stream", stream},
              {"messages", {{{"role", "user"}, {"content", text}}}}}
      .dump();
}

class TlsGatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    ASSERT_FALSE(dir_.empty());
    pki_ = std::make_unique<Pki>(dir_);
    other_ = std::make_unique<Pki>(dir_, "other-", 7);  // a CA the gateway does not know
    setenv("AIGIS_TLS_TEST_KEY", kUpstreamKey, 1);
    ASSERT_TRUE(up_.Start());
    auto store = KeyStore::Open(dir_ + "/keys.sqlite");
    ASSERT_TRUE(store.ok());
    KeyRecord rec;
    rec.name = "test";
    rec.models = {"*"};
    auto secret = (*store)->Create(&rec);
    ASSERT_TRUE(secret.ok());
    key_ = *secret;
    WriteConfig("");
    ASSERT_TRUE(StartGateway());
  }
  void TearDown() override {
    if (gw_) gw_->Shutdown();
    gw_.reset();
    up_.Stop();
    std::filesystem::remove_all(dir_);
  }
  void WriteConfig(const std::string& extra_tls) {
    std::ofstream(dir_ + "/aigis.yaml")
        << "gateway:\n"
           "  listen: 127.0.0.1:0\n"
           "  threads: 2\n"
           "  keys_db: keys.sqlite\n"
           "  routes:\n"
           "    - {model: gpt-test, provider: openai, upstream: \"http://127.0.0.1:"
        << up_.port()
        << "\", api_key_env: AIGIS_TLS_TEST_KEY}\n"
           "  limits:\n"
           "    request_timeout_ms: 60000\n"
           "    first_byte_timeout_ms: 20000\n"
           "    idle_timeout_ms: 20000\n"
           "  tls:\n"
           "    cert_file: server.pem\n"
           "    key_file: server.key\n"
        << extra_tls;
  }
  Result<std::shared_ptr<const Runtime>> Build() {
    AIGIS_ASSIGN_OR_RETURN(GatewayConfig cfg, LoadGatewayConfig(dir_ + "/aigis.yaml"));
    return BuildRuntime(std::move(cfg));
  }
  bool StartGateway() {
    if (gw_) gw_->Shutdown();
    gw_.reset();
    auto rt = Build();
    EXPECT_TRUE(rt.ok()) << rt.status().ToString();
    if (!rt.ok()) return false;
    auto gw = Gateway::Create(*rt, nullptr, nullptr, [this](std::string_view l) {
      std::lock_guard<std::mutex> g(log_mu_);
      logs_.emplace_back(l);
    });
    if (!gw.ok()) return false;
    gw_ = std::move(*gw);
    Status st = gw_->Start();
    EXPECT_TRUE(st.ok()) << st.ToString();
    return st.ok();
  }
  TlsResult Chat(Client& c, const std::string& text, bool stream = false) {
    return c.Request(http::verb::post, "/v1/chat/completions", ChatBody(text, stream), key_);
  }
  std::string Metrics() {
    Client c(dir_ + "/ca.pem");
    if (c.Connect(gw_->port())) return "";
    return c.Request(http::verb::get, "/metrics", "", "").body;
  }
  std::string Ca() { return dir_ + "/ca.pem"; }
  // Whether /metrics shows `line`, waiting up to ~5 s: a timed-out handshake is counted just after
  // its socket is closed, so the client can see the close first.
  bool MetricsShow(const std::string& line) {
    for (int i = 0; i < 500; ++i) {
      if (Metrics().find(line) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  std::string dir_;
  std::unique_ptr<Pki> pki_, other_;
  testing::FakeUpstream up_;
  std::unique_ptr<Gateway> gw_;
  std::string key_;
  std::mutex log_mu_;
  std::vector<std::string> logs_;
};

TEST_F(TlsGatewayTest, ChatCompletionsStreamedAndNotOnOneKeptAliveConnection) {
  Client c(Ca());
  ASSERT_FALSE(c.Connect(gw_->port()));
  TlsResult a = Chat(c, "hello over tls");
  ASSERT_FALSE(a.ec) << a.ec.message();
  EXPECT_EQ(a.status, 200) << a.body;
  EXPECT_NE(a.body.find("You said: hello over tls"), std::string::npos) << a.body;
  EXPECT_EQ(a.alpn, "http/1.1");             // offered h2 and http/1.1; the gateway speaks HTTP/1.1
  TlsResult b = Chat(c, "stream it", true);  // same connection
  ASSERT_FALSE(b.ec) << b.ec.message();
  EXPECT_EQ(b.status, 200);
  EXPECT_NE(b.body.find("data: "), std::string::npos);
  EXPECT_NE(b.body.find("[DONE]"), std::string::npos);
  std::string text;
  for (size_t p = 0; (p = b.body.find("\"content\":\"", p)) != std::string::npos;) {
    p += 11;
    text += b.body.substr(p, b.body.find('"', p) - p);
  }
  EXPECT_EQ(text, "You said: stream it");
  EXPECT_EQ(up_.requests(), 2);
  bool listening_tls = false;
  {
    std::lock_guard<std::mutex> g(log_mu_);
    for (const std::string& l : logs_) {
      if (l.find("\"listening\"") != std::string::npos &&
          l.find("\"tls\":true") != std::string::npos)
        listening_tls = true;
      EXPECT_EQ(l.find("PRIVATE KEY"), std::string::npos);
    }
  }
  EXPECT_TRUE(listening_tls);
}

TEST_F(TlsGatewayTest, ClientThatDoesNotTrustTheCaFailsVerification) {
  Client c(dir_ + "/other-ca.pem");
  beast::error_code ec = c.Connect(gw_->port());
  ASSERT_TRUE(ec);
  EXPECT_NE(ec.message().find("certificate verify failed"), std::string::npos) << ec.message();
  EXPECT_EQ(up_.requests(), 0);
}

TEST_F(TlsGatewayTest, Tls10And11ClientsAreRefusedByTheServer) {
  for (int v : {TLS1_VERSION, TLS1_1_VERSION}) {
    Client c(Ca(), "", "", v);
    beast::error_code ec = c.Connect(gw_->port());
    ASSERT_TRUE(ec) << v;
    // The server's alert, not a client that could not even offer the version.
    EXPECT_NE(ec.message().find("protocol version"), std::string::npos) << ec.message();
  }
  Client ok(Ca(), "", "", TLS1_2_VERSION);  // the same client code at 1.2 gets through
  EXPECT_FALSE(ok.Connect(gw_->port()));
}

TEST_F(TlsGatewayTest, MinVersion13RefusesTls12) {
  WriteConfig("    min_version: '1.3'\n");
  ASSERT_TRUE(StartGateway());
  Client c12(Ca(), "", "", TLS1_2_VERSION);
  beast::error_code ec = c12.Connect(gw_->port());
  ASSERT_TRUE(ec);
  EXPECT_NE(ec.message().find("protocol version"), std::string::npos) << ec.message();
  Client c13(Ca());
  ASSERT_FALSE(c13.Connect(gw_->port()));
  EXPECT_EQ(SSL_version(c13.stream().native_handle()), TLS1_3_VERSION);
  EXPECT_EQ(Chat(c13, "hi").status, 200);
}

// Sends raw bytes over TCP; everything received until the server closes (or 20 s).
std::string RawExchange(uint16_t port, const std::string& bytes, bool* closed) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  *closed = false;
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return "";
  }
  timeval tv{20, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (!bytes.empty() && send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) < 0) {
    close(fd);
    return "";
  }
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      out.append(buf, static_cast<size_t>(n));
      continue;
    }
    *closed = n == 0 || errno == ECONNRESET;  // not EAGAIN: the 20 s guard ran out
    break;
  }
  close(fd);
  return out;
}

TEST_F(TlsGatewayTest, PlainHttpToTheTlsPortGetsNoHttpAnswer) {
  bool closed = false;
  std::string got = RawExchange(gw_->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", &closed);
  EXPECT_TRUE(closed);
  EXPECT_EQ(got.find("HTTP/"), std::string::npos) << got;
  EXPECT_EQ(got.find("status"), std::string::npos) << got;
  EXPECT_TRUE(MetricsShow("aigis_gateway_tls_handshake_errors_total{reason=\"failed\"} 1"));
}

TEST_F(TlsGatewayTest, HandshakeTimeoutClosesASilentConnection) {
  WriteConfig("    handshake_timeout_ms: 200\n");  // request_timeout_ms is 60 s
  ASSERT_TRUE(StartGateway());
  bool closed = false;
  std::string got = RawExchange(gw_->port(), "", &closed);  // connects, says nothing
  EXPECT_TRUE(closed) << "the connection was still open after the 20 s guard";
  EXPECT_TRUE(got.empty());
  // A partial ClientHello (a record header announcing more than is sent) is cut the same way.
  got = RawExchange(gw_->port(), std::string("\x16\x03\x01\x02\x00\x01", 6), &closed);
  EXPECT_TRUE(closed);
  EXPECT_TRUE(MetricsShow("aigis_gateway_tls_handshake_errors_total{reason=\"timeout\"} 2"));
}

TEST_F(TlsGatewayTest, MutualTlsRequiresAClientCertificateFromTheConfiguredCa) {
  WriteConfig("    client_ca_file: ca.pem\n");
  ASSERT_TRUE(StartGateway());
  // TLS 1.3 clients finish their side before the server has checked their certificate, so the
  // refusal can show at the first read: the request must fail somewhere, never be answered.
  auto refused = [&](Client& c) {
    if (c.Connect(gw_->port())) return true;
    TlsResult r = Chat(c, "let me in");
    return r.ec && r.status == 0;
  };
  Client none(Ca());
  EXPECT_TRUE(refused(none));
  Client stranger(Ca(), dir_ + "/other-client.pem", dir_ + "/other-client.key");
  EXPECT_TRUE(refused(stranger));
  EXPECT_EQ(up_.requests(), 0);
  Client good(Ca(), dir_ + "/client.pem", dir_ + "/client.key");
  ASSERT_FALSE(good.Connect(gw_->port()));
  TlsResult r = Chat(good, "certified");
  EXPECT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(r.status, 200);
}

TEST_F(TlsGatewayTest, ReloadServesANewCertificateToNewConnectionsOnly) {
  Client before(Ca());
  ASSERT_FALSE(before.Connect(gw_->port()));
  ASSERT_EQ(Chat(before, "one").status, 200);
  EXPECT_EQ(before.PeerSerial(), 2);
  // Renewal: a new certificate and key from the same CA, written over the configured files.
  KeyAndCert renewed = MakeCert("127.0.0.1", "server", 42, &pki_->ca);
  ASSERT_TRUE(WriteCertPem(dir_ + "/server.pem", renewed.cert.get()));
  ASSERT_TRUE(WriteKeyPem(dir_ + "/server.key", renewed.key.get()));
  auto rt = Build();
  ASSERT_TRUE(rt.ok()) << rt.status().ToString();
  gw_->Reload(*rt);
  Client after(Ca());
  ASSERT_FALSE(after.Connect(gw_->port()));
  EXPECT_EQ(after.PeerSerial(), 42);
  EXPECT_EQ(Chat(after, "two").status, 200);
  // The connection opened before the reload is still up and still serves.
  TlsResult again = Chat(before, "three");
  EXPECT_FALSE(again.ec) << again.ec.message();
  EXPECT_EQ(again.status, 200);
  // A reload with a broken pair fails to build (the CLI then keeps the running configuration).
  ASSERT_TRUE(WriteKeyPem(dir_ + "/server.key", pki_->client.key.get()));
  auto bad = Build();
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("does not match"), std::string::npos);
  Client still(Ca());
  ASSERT_FALSE(still.Connect(gw_->port()));
  EXPECT_EQ(still.PeerSerial(), 42);
}

// A request on a kept-alive TLS connection that arrives while the previous answer is streaming
// is read by the disconnect watch and must be served next, not lost or taken for a close.
TEST_F(TlsGatewayTest, RequestSentDuringAStreamIsServedAfterIt) {
  testing::Behaviour b;
  b.delay_ms = 30;
  b.chunk_bytes = 4;
  up_.Set(b);
  Client c(Ca());
  ASSERT_FALSE(c.Connect(gw_->port()));
  std::string first = ChatBody("a slow answer to the first question", true);
  std::string second = ChatBody("second", false);
  auto head = [&](const std::string& body) {
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key_ +
           "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n\r\n" + body;
  };
  asio::write(c.stream(), asio::buffer(head(first)));
  for (int i = 0; i < 500 && up_.requests() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  asio::write(c.stream(), asio::buffer(head(second)));
  beast::flat_buffer buf;
  http::response<http::string_body> r1, r2;
  beast::error_code ec;
  http::read(c.stream(), buf, r1, ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(r1.result_int(), 200);
  EXPECT_NE(r1.body().find("[DONE]"), std::string::npos);
  http::read(c.stream(), buf, r2, ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(r2.result_int(), 200);
  EXPECT_NE(r2.body().find("You said: second"), std::string::npos) << r2.body();
}

// As on plain HTTP, a client that goes away ends the upstream call: here with a TLS close_notify
// before the TCP close (what Go and curl send), streamed and not.
TEST_F(TlsGatewayTest, ClientDisconnectCancelsTheUpstreamCall) {
  for (bool stream : {false, true}) {
    testing::Behaviour b;
    if (stream) {
      b.delay_ms = 50;
      b.chunk_bytes = 1;
      b.reply = std::string(400, 'z');
    } else {
      b.fault = testing::Fault::kHang;
    }
    up_.Set(b);
    int before = up_.peer_closed();
    int seen = up_.requests();
    {
      Client c(Ca());
      ASSERT_FALSE(c.Connect(gw_->port()));
      std::string body = ChatBody("hang on", stream);
      std::string req =
          "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key_ +
          "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
          "\r\n\r\n" + body;
      asio::write(c.stream(), asio::buffer(req));
      for (int i = 0; i < 500 && up_.requests() == seen; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      // close_notify, without waiting for the server's.
      SSL_set_shutdown(c.stream().native_handle(), SSL_RECEIVED_SHUTDOWN);
      beast::error_code ig;
      c.stream().shutdown(ig);
    }  // TCP close here
    for (int i = 0; i < 500 && up_.peer_closed() == before; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(up_.peer_closed(), before + 1) << "stream=" << stream;
  }
  EXPECT_NE(Metrics().find("aigis_gateway_client_disconnects_total"), std::string::npos);
}

TEST_F(TlsGatewayTest, StartUpErrorsNameTheFault) {
  std::filesystem::remove(dir_ + "/server.key");
  auto r = Build();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("tls.key_file"), std::string::npos) << r.status().message();
  ASSERT_TRUE(WriteKeyPem(dir_ + "/server.key", other_->server.key.get()));
  r = Build();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("does not match the certificate"), std::string::npos);
}

}  // namespace
}  // namespace aigis::gateway
