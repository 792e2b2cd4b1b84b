#include "gateway/fake_upstream.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

namespace aigis::gateway::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Json = nlohmann::json;

struct FakeUpstream::Impl {
  asio::io_context ioc;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::thread accept_thread;
  std::mutex mu;
  Behaviour behaviour;
  std::vector<std::string> bodies, headers;
  std::vector<std::thread> threads;
  std::set<int> fds;
  std::atomic<bool> stopping{false};
};

namespace {

std::string LastUserText(const Json& doc) {
  auto text_of = [](const Json& c) -> std::string {
    if (c.is_string()) return c.get<std::string>();
    std::string s;
    if (c.is_array())
      for (const Json& p : c)
        if (p.is_object() && p.contains("text") && p["text"].is_string())
          s += p["text"].get<std::string>();
    return s;
  };
  if (doc.contains("messages") && doc["messages"].is_array() && !doc["messages"].empty()) {
    const Json& m = doc["messages"].back();
    if (m.is_object() && m.contains("content")) return text_of(m["content"]);
  }
  if (doc.contains("prompt")) return text_of(doc["prompt"]);
  if (doc.contains("input")) {
    const Json& in = doc["input"];
    if (in.is_array() && !in.empty() && in.back().is_object() && in.back().contains("content"))
      return text_of(in.back()["content"]);
    return text_of(in);
  }
  return "";
}

bool PeerClosed(int fd) {
  char c;
  ssize_t n = ::recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
  return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

std::vector<std::string> Pieces(const std::string& s, size_t n) {
  std::vector<std::string> out;
  if (n == 0) n = 8;
  for (size_t i = 0; i < s.size(); i += n) out.push_back(s.substr(i, n));
  return out;
}

std::string Event(const std::string& name, const Json& data) {
  std::string s;
  if (!name.empty()) s += "event: " + name + "\n";
  return s + "data: " + data.dump() + "\n\n";
}

struct Usage {
  int64_t in = 11, out = 7;
};

// The output cap the upstream behind `path` obeys, or -1 when the request sets none.
int64_t OutputCap(const std::string& path, const Json& req) {
  std::vector<const char*> keys;
  if (path == "/v1/chat/completions") keys = {"max_completion_tokens", "max_tokens"};
  if (path == "/v1/completions" || path == "/v1/messages") keys = {"max_tokens"};
  if (path == "/v1/responses") keys = {"max_output_tokens"};
  for (const char* k : keys)
    if (req.contains(k) && req[k].is_number_unsigned()) return req[k].get<int64_t>();
  return -1;
}

// The whole event stream of one answer, one string per event.
std::vector<std::string> StreamEvents(const std::string& path, const Json& req, const Behaviour& b,
                                      const std::string& text, Usage u) {
  std::vector<std::string> ev;
  std::string model = req.value("model", "fake");
  int n = req.contains("n") && req["n"].is_number_unsigned() ? req["n"].get<int>() : 1;
  auto pieces = Pieces(b.tool_arguments.empty() ? text : b.tool_arguments, b.chunk_bytes);
  if (path == "/v1/chat/completions") {
    auto chunk = [&](Json choices) {
      return Event("", {{"id", "chatcmpl-fake"},
                        {"object", "chat.completion.chunk"},
                        {"created", 0},
                        {"model", model},
                        {"choices", choices}});
    };
    Json first = Json::array();
    for (int i = 0; i < n; ++i)
      first.push_back({{"index", i}, {"delta", {{"role", "assistant"}, {"content", ""}}}});
    ev.push_back(chunk(first));
    for (const auto& p : pieces) {
      for (int i = 0; i < n; ++i) {  // choices interleaved, as OpenAI sends them
        Json delta;
        if (!b.tool_arguments.empty())
          delta = {{"tool_calls",
                    {{{"index", 0},
                      {"id", "call_1"},
                      {"type", "function"},
                      {"function", {{"name", "lookup"}, {"arguments", p}}}}}}};
        else
          delta = {{"content", p}};
        ev.push_back(chunk(Json::array({{{"index", i}, {"delta", delta}}})));
      }
    }
    Json last = Json::array();
    for (int i = 0; i < n; ++i)
      last.push_back({{"index", i}, {"delta", Json::object()}, {"finish_reason", "stop"}});
    ev.push_back(chunk(last));
    if (b.include_usage)
      ev.push_back(Event("", {{"id", "chatcmpl-fake"},
                              {"object", "chat.completion.chunk"},
                              {"choices", Json::array()},
                              {"usage",
                               {{"prompt_tokens", u.in},
                                {"completion_tokens", u.out},
                                {"total_tokens", u.in + u.out}}}}));
    ev.push_back("data: [DONE]\n\n");
  } else if (path == "/v1/completions") {
    for (const auto& p : pieces)
      ev.push_back(
          Event("", {{"id", "cmpl-fake"},
                     {"object", "text_completion"},
                     {"model", model},
                     {"choices", {{{"index", 0}, {"text", p}, {"finish_reason", nullptr}}}}}));
    ev.push_back("data: [DONE]\n\n");
  } else if (path == "/v1/responses") {
    ev.push_back(
        Event("response.created", {{"type", "response.created"},
                                   {"response", {{"id", "resp_1"}, {"status", "in_progress"}}}}));
    for (const auto& p : pieces)
      ev.push_back(Event("response.output_text.delta", {{"type", "response.output_text.delta"},
                                                        {"item_id", "msg_1"},
                                                        {"output_index", 0},
                                                        {"content_index", 0},
                                                        {"delta", p}}));
    ev.push_back(Event("response.output_text.done", {{"type", "response.output_text.done"},
                                                     {"item_id", "msg_1"},
                                                     {"output_index", 0},
                                                     {"content_index", 0},
                                                     {"text", text}}));
    ev.push_back(Event("response.completed",
                       {{"type", "response.completed"},
                        {"response",
                         {{"id", "resp_1"},
                          {"status", "completed"},
                          {"output",
                           {{{"type", "message"},
                             {"role", "assistant"},
                             {"content", {{{"type", "output_text"}, {"text", text}}}}}}},
                          {"usage", {{"input_tokens", u.in}, {"output_tokens", u.out}}}}}}));
  } else if (path == "/v1/messages") {
    ev.push_back(
        Event("message_start", {{"type", "message_start"},
                                {"message",
                                 {{"id", "msg_1"},
                                  {"type", "message"},
                                  {"role", "assistant"},
                                  {"content", Json::array()},
                                  {"model", model},
                                  {"usage", {{"input_tokens", u.in}, {"output_tokens", 1}}}}}}));
    ev.push_back(
        Event("content_block_start", {{"type", "content_block_start"},
                                      {"index", 0},
                                      {"content_block", {{"type", "text"}, {"text", ""}}}}));
    ev.push_back("event: ping\ndata: {\"type\": \"ping\"}\n\n");
    for (const auto& p : pieces)
      ev.push_back(
          Event("content_block_delta", {{"type", "content_block_delta"},
                                        {"index", 0},
                                        {"delta", {{"type", "text_delta"}, {"text", p}}}}));
    ev.push_back(Event("content_block_stop", {{"type", "content_block_stop"}, {"index", 0}}));
    ev.push_back(Event("message_delta",
                       {{"type", "message_delta"},
                        {"delta", {{"stop_reason", "end_turn"}, {"stop_sequence", nullptr}}},
                        {"usage", {{"output_tokens", u.out}}}}));
    ev.push_back(Event("message_stop", {{"type", "message_stop"}}));
  }
  return ev;
}

Json WholeAnswer(const std::string& path, const Json& req, const Behaviour& b,
                 const std::string& text, Usage u) {
  std::string model = req.value("model", "fake");
  int n = req.contains("n") && req["n"].is_number_unsigned() ? req["n"].get<int>() : 1;
  if (path == "/v1/chat/completions") {
    Json choices = Json::array();
    for (int i = 0; i < n; ++i) {
      Json msg = {{"role", "assistant"}, {"content", text}};
      if (!b.tool_arguments.empty()) {
        msg["content"] = nullptr;
        msg["tool_calls"] = {{{"id", "call_1"},
                              {"type", "function"},
                              {"function", {{"name", "lookup"}, {"arguments", b.tool_arguments}}}}};
      }
      choices.push_back({{"index", i}, {"message", msg}, {"finish_reason", "stop"}});
    }
    return {
        {"id", "chatcmpl-fake"},
        {"object", "chat.completion"},
        {"created", 0},
        {"model", model},
        {"choices", choices},
        {"usage",
         {{"prompt_tokens", u.in}, {"completion_tokens", u.out}, {"total_tokens", u.in + u.out}}}};
  }
  if (path == "/v1/completions")
    return {
        {"id", "cmpl-fake"},
        {"object", "text_completion"},
        {"model", model},
        {"choices", {{{"index", 0}, {"text", text}, {"finish_reason", "stop"}}}},
        {"usage",
         {{"prompt_tokens", u.in}, {"completion_tokens", u.out}, {"total_tokens", u.in + u.out}}}};
  if (path == "/v1/embeddings")
    return {{"object", "list"},
            {"model", model},
            {"data", {{{"object", "embedding"}, {"index", 0}, {"embedding", {0.125, -0.5, 0.25}}}}},
            {"usage", {{"prompt_tokens", 5}, {"total_tokens", 5}}}};
  if (path == "/v1/responses")
    return {{"id", "resp_1"},
            {"object", "response"},
            {"status", "completed"},
            {"model", model},
            {"output",
             {{{"type", "message"},
               {"role", "assistant"},
               {"content", {{{"type", "output_text"}, {"text", text}}}}}}},
            {"usage", {{"input_tokens", u.in}, {"output_tokens", u.out}}}};
  return {{"id", "msg_1"},
          {"type", "message"},
          {"role", "assistant"},
          {"model", model},
          {"content", {{{"type", "text"}, {"text", text}}}},
          {"stop_reason", "end_turn"},
          {"usage", {{"input_tokens", u.in}, {"output_tokens", u.out}}}};
}

void Serve(FakeUpstream::Impl* impl, FakeUpstream* self, std::atomic<int>* requests,
           std::atomic<int>* peer_closed, tcp::socket sock) {
  beast::error_code ec;
  beast::flat_buffer buf;
  int fd = sock.native_handle();
  struct Forget {  // the fd leaves Stop()'s list before the socket closes (fds are reused)
    FakeUpstream::Impl* impl;
    int fd;
    ~Forget() {
      std::lock_guard<std::mutex> l(impl->mu);
      impl->fds.erase(fd);
    }
  } forget{impl, fd};
  for (;;) {
    http::request<http::string_body> req;
    http::read(sock, buf, req, ec);
    if (ec) break;
    const int index = (*requests)++;
    Behaviour b;
    {
      std::lock_guard<std::mutex> l(impl->mu);
      b = impl->behaviour;
      impl->bodies.push_back(req.body());
      for (const auto& f : req)
        impl->headers.push_back(std::string(f.name_string()) + ": " + std::string(f.value()));
    }
    (void)self;
    std::string path(req.target());
    Json doc = Json::parse(req.body(), nullptr, false);
    if (doc.is_discarded()) doc = Json::object();
    bool stream = doc.value("stream", false);
    std::string text = b.reply.empty() ? "You said: " + LastUserText(doc) : b.reply;
    Usage usage;
    if (!b.input_tokens.empty())
      usage.in = b.input_tokens[static_cast<size_t>(index) % b.input_tokens.size()];
    if (b.output_tokens > 0) {
      int64_t cap = OutputCap(path, doc);
      int64_t made = cap >= 0 ? std::min(cap, b.output_tokens) : b.output_tokens;
      int64_t n = doc.contains("n") && doc["n"].is_number_unsigned() ? doc["n"].get<int64_t>() : 1;
      text.clear();
      for (int64_t i = 0; i < made; ++i) text += "tok ";
      usage.out = made * n;
    }
    if (b.fault == Fault::kHang) {
      while (!impl->stopping && !PeerClosed(fd))
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      if (!impl->stopping) ++*peer_closed;
      return;
    }
    if (b.fault == Fault::kReset) {
      struct linger lg = {1, 0};
      setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
      sock.close(ec);
      return;
    }
    if (b.fault == Fault::k500) {
      http::response<http::string_body> res{http::status::internal_server_error, 11};
      res.set(http::field::content_type, "application/json");
      res.body() = R"({"error":{"message":"upstream exploded","type":"server_error"}})";
      res.prepare_payload();
      http::write(sock, res, ec);
      continue;
    }
    if (b.fault == Fault::kGarbage) {
      std::string raw =
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
          "12\r\n\r\n<html>oops</";
      asio::write(sock, asio::buffer(raw), ec);
      continue;
    }
    if (b.fault == Fault::kDuplicateName && !stream) {
      // A parser that keeps the first value reads the key; one that keeps the last, the greeting.
      http::response<http::string_body> res{http::status::ok, 11};
      res.set(http::field::content_type, "application/json");
      res.body() =
          R"({"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":)"
          R"("assistant","content":"AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",)"
          R"("content":"hello"},"finish_reason":"stop"}]})";
      res.prepare_payload();
      http::write(sock, res, ec);
      continue;
    }
    if (!stream) {
      http::response<http::string_body> res{http::status::ok, 11};
      res.set(http::field::content_type, "application/json");
      res.body() = WholeAnswer(path, doc, b, text, usage).dump();
      res.prepare_payload();
      if (b.delay_ms) std::this_thread::sleep_for(std::chrono::milliseconds(b.delay_ms));
      http::write(sock, res, ec);
      if (ec) break;
      continue;
    }
    http::response<http::empty_body> head{http::status::ok, 11};
    head.set(http::field::content_type, "text/event-stream");
    head.chunked(true);
    http::response_serializer<http::empty_body> sr{head};
    http::write_header(sock, sr, ec);
    std::vector<std::string> events = StreamEvents(path, doc, b, text, usage);
    if (b.fault == Fault::kMalformedSse) events.insert(events.begin() + 1, "data: {not json\n\n");
    if (b.fault == Fault::kDuplicateName) {
      events.insert(events.begin() + 1,
                    "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{"
                    "\"index\":0,\"delta\":{\"content\":\"AKIAIOSFODNN7EXAMPLE\",\"content\":"
                    "\"hi\"},\"finish_reason\":null}]}\n\n");
    }
    size_t limit = (b.fault == Fault::kStall || b.fault == Fault::kTruncate)
                       ? std::min<size_t>(2, events.size())
                       : events.size();
    bool aborted = false;
    for (size_t i = 0; i < limit; ++i) {
      if (b.delay_ms) std::this_thread::sleep_for(std::chrono::milliseconds(b.delay_ms));
      asio::write(sock, http::make_chunk(asio::buffer(events[i])), ec);
      if (ec || PeerClosed(fd)) {
        aborted = true;
        break;
      }
    }
    if (aborted) {
      ++*peer_closed;
      return;
    }
    if (b.fault == Fault::kStall) {
      while (!impl->stopping && !PeerClosed(fd))
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      return;
    }
    if (b.fault == Fault::kTruncate) {
      sock.shutdown(tcp::socket::shutdown_both, ec);
      return;
    }
    asio::write(sock, http::make_chunk_last(), ec);
    if (ec) break;
  }
}

}  // namespace

FakeUpstream::FakeUpstream() : impl_(std::make_unique<Impl>()) {}
FakeUpstream::~FakeUpstream() { Stop(); }

bool FakeUpstream::Start(uint16_t port) {
  beast::error_code ec;
  impl_->acceptor = std::make_unique<tcp::acceptor>(impl_->ioc);
  tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  impl_->acceptor->open(ep.protocol(), ec);
  if (!ec) impl_->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor->bind(ep, ec);
  if (!ec) impl_->acceptor->listen(128, ec);
  if (ec) return false;
  port_ = impl_->acceptor->local_endpoint().port();
  impl_->accept_thread = std::thread([this] {
    for (;;) {
      beast::error_code aec;
      tcp::socket s(impl_->ioc);
      impl_->acceptor->accept(s, aec);
      if (aec || impl_->stopping) break;
      ++connections_;
      std::lock_guard<std::mutex> l(impl_->mu);
      impl_->fds.insert(s.native_handle());
      impl_->threads.emplace_back(Serve, impl_.get(), this, &requests_, &peer_closed_,
                                  std::move(s));
    }
  });
  return true;
}

void FakeUpstream::Stop() {
  if (!impl_->acceptor || impl_->stopping.exchange(true)) return;
  ::shutdown(impl_->acceptor->native_handle(), SHUT_RDWR);
  beast::error_code ec;
  impl_->acceptor->close(ec);
  if (impl_->accept_thread.joinable()) impl_->accept_thread.join();
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> l(impl_->mu);
    for (int fd : impl_->fds) ::shutdown(fd, SHUT_RDWR);
    threads.swap(impl_->threads);
  }
  for (auto& t : threads) t.join();
}

void FakeUpstream::Set(Behaviour b) {
  std::lock_guard<std::mutex> l(impl_->mu);
  impl_->behaviour = std::move(b);
}

std::vector<std::string> FakeUpstream::bodies() {
  std::lock_guard<std::mutex> l(impl_->mu);
  return impl_->bodies;
}

std::vector<std::string> FakeUpstream::headers() {
  std::lock_guard<std::mutex> l(impl_->mu);
  return impl_->headers;
}

}  // namespace aigis::gateway::testing
