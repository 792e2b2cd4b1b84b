#include "gateway/gateway.h"

#include <openssl/rand.h>
#include <openssl/ssl.h>

#include <array>
#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>
#include <thread>
#include <vector>

#include "gateway/limits.h"
#include "gateway/request_body.h"
#include "gateway/text_guard.h"
#include "state/memory_limit_store.h"

namespace aigis::gateway {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Json = nlohmann::json;
using guard::Action;
template <typename T>
using Task = asio::awaitable<T>;
using Request = http::request<http::string_body>;

namespace {

constexpr auto kTok = asio::as_tuple(asio::use_awaitable);
// Idle upstream connections kept per upstream and thread; more are closed after use.
constexpr size_t kMaxIdlePerUpstream = 64;
// Response heads from upstreams; real ones are a few hundred bytes.
constexpr uint32_t kMaxUpstreamHeaderBytes = 64 << 10;
// Error bodies (4xx) read from upstreams before they are scanned and passed on.
constexpr uint64_t kMaxUpstreamErrorBytes = 1 << 20;
// Prompt or answer text kept in an audit record (include_content): 1 MiB each stays inside the
// record limits (audit::RecordLimits, 2 MiB per field), so a long exchange is truncated, never
// refused by the store (which would fail the request closed).
constexpr size_t kAuditContentBytes = 1 << 20;
// Sending our TLS close_notify at the end of a connection; a client that reads nothing is cut.
constexpr int kTlsCloseMs = 1000;
// Read buffers of client and upstream connections start this large: Beast reads at most the
// buffer's free space (at least 512 bytes), so a 1.3 KiB request took three recvmsg calls, each
// with a timer re-armed.
constexpr size_t kReadBufferBytes = 16 << 10;

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Request ids: random so they do not repeat across restarts or gateways. Drawn from a per-thread
// reserve of RAND_bytes output: each RAND_bytes call costs a getpid() (OpenSSL's fork check),
// which was two syscalls per request. Ids are not secrets (clients see them).
std::string RandomHex(size_t bytes) {
  constexpr size_t kReserve = 4096;
  thread_local std::array<uint8_t, kReserve> pool;
  thread_local size_t used = kReserve;
  if (bytes > 32) bytes = 32;
  if (used + bytes > kReserve) {
    RAND_bytes(pool.data(), static_cast<int>(kReserve));
    used = 0;
  }
  const uint8_t* b = pool.data() + used;
  used += bytes;
  static const char kHex[] = "0123456789abcdef";
  std::string s(bytes * 2, '0');
  for (size_t i = 0; i < bytes; ++i) {
    s[2 * i] = kHex[b[i] >> 4];
    s[2 * i + 1] = kHex[b[i] & 15];
  }
  return s;
}

// Called once or twice per request: gmtime_r (a lock inside glibc) and snprintf cost ~1.5 % of an
// I/O thread at 32 connections, so the date and time part is formatted once per second per thread.
// Written into `out` (no allocation: the request log line takes a view).
std::string_view Iso8601Now(std::array<char, 64>& out) {
  const int64_t ms_now = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  const int64_t sec = ms_now / 1000;
  const int ms = static_cast<int>(ms_now % 1000);
  thread_local int64_t cached_sec = -1;
  thread_local char prefix[48];  // "YYYY-MM-DDTHH:MM:SS"
  thread_local int prefix_len = 0;
  if (sec != cached_sec) {
    std::time_t t = static_cast<std::time_t>(sec);
    std::tm tm;
    gmtime_r(&t, &tm);
    prefix_len =
        std::snprintf(prefix, sizeof prefix, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900,
                      tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    if (prefix_len < 0 || prefix_len >= static_cast<int>(sizeof prefix)) prefix_len = 0;
    cached_sec = sec;
  }
  const size_t n = static_cast<size_t>(prefix_len);
  std::memcpy(out.data(), prefix, n);
  out[n] = '.';
  out[n + 1] = static_cast<char>('0' + ms / 100);
  out[n + 2] = static_cast<char>('0' + ms / 10 % 10);
  out[n + 3] = static_cast<char>('0' + ms % 10);
  out[n + 4] = 'Z';
  return std::string_view(out.data(), n + 5);
}

std::string Iso8601Now() {
  std::array<char, 64> b;
  return std::string(Iso8601Now(b));
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// Provider-shaped error bodies, so SDKs surface them as they would the provider's own.
std::string ErrorBody(Provider p, std::string_view type, std::string_view message,
                      std::string_view code) {
  Json j;
  if (p == Provider::kAnthropic) {
    j = {{"type", "error"}, {"error", {{"type", type}, {"message", message}}}};
  } else {
    j = {{"error", {{"message", message}, {"type", type}, {"param", nullptr}, {"code", code}}}};
  }
  return j.dump();
}

std::string StreamErrorEvent(Provider p, std::string_view type, std::string_view message,
                             std::string_view code) {
  if (p == Provider::kAnthropic) return FormatSseEvent("error", ErrorBody(p, type, message, code));
  return FormatSseEvent("", ErrorBody(p, type, message, code));
}

// Sends what a non-blocking send takes of `sr` now. A small message on a socket with room goes
// out without arming a timer or a reactor round trip; would_block means the rest must be written
// asynchronously (with a timeout). Plain TCP sockets only.
template <class Serializer>
beast::error_code SendNow(tcp::socket& sock, Serializer& sr) {
  beast::error_code ec;
  if (!sock.non_blocking()) sock.non_blocking(true, ec);
  while (!ec && !sr.is_done()) http::write_some(sock, sr, ec);
  return ec;
}

// Sends what a non-blocking send takes of `bufs` now and advances them past it: empty when all went
// out, would_block when the rest must be written asynchronously. Plain TCP sockets only.
template <size_t N>
beast::error_code SendNow(tcp::socket& sock, std::array<asio::const_buffer, N>& bufs) {
  beast::error_code ec;
  if (!sock.non_blocking()) sock.non_blocking(true, ec);
  while (!ec && asio::buffer_size(bufs) > 0) {
    size_t n = sock.send(bufs, 0, ec);
    for (asio::const_buffer& b : bufs) {
      size_t k = std::min(n, b.size());
      b += k;
      n -= k;
    }
  }
  return ec;
}

// The head of a response the gateway writes itself (Reply), as Beast would serialise it from
// Content-Type, Server, x-request-id, keep-alive and prepare_payload, without building a field set
// (an allocation per field) and its serializer. Every value here is the gateway's own.
std::string ResponseHead(unsigned status, std::string_view type, std::string_view id, bool keep,
                         size_t body_bytes) {
  std::string h;
  h.reserve(160);
  h += "HTTP/1.1 ";
  h += std::to_string(status);
  h += ' ';
  h += http::obsolete_reason(http::int_to_status(status));
  h += "\r\nContent-Type: ";
  h += type;
  h += "\r\nServer: aigis\r\nx-request-id: ";
  h += id;
  if (!keep) h += "\r\nConnection: close";
  h += "\r\nContent-Length: ";
  h += std::to_string(body_bytes);
  h += "\r\n\r\n";
  return h;
}

using Clock = std::chrono::steady_clock;
class Deadlines;

// The deadline of a plain-TCP socket's current operations (request read, upstream exchange). When
// it passes, Deadlines cancels the socket's operations and sets `fired`; the code that awaited
// them reads the cancellation as a timeout. Removes itself from its Deadlines when destroyed.
struct Deadline {
  Deadline() = default;
  Deadline(const Deadline&) = delete;
  Deadline& operator=(const Deadline&) = delete;
  inline ~Deadline();
  tcp::socket* sock = nullptr;
  Clock::time_point at = Clock::time_point::max();
  bool fired = false;
  Deadlines* owner = nullptr;  // non-null while set
  size_t slot = 0;             // index in owner's list
};

// Timeouts for the hot path, one per worker thread. Beast's tcp_stream arms an asio timer for
// every read and write it starts: a timerfd_settime syscall whenever that timer becomes the
// earliest (twice per proxied request at one connection), an allocation, and a cancelled wait
// posted back through the scheduler when the operation completes. Here setting a deadline is a
// clock read and a vector push; one timer fires at the earliest deadline it was armed for (plus
// kSlack, so never early), expires what is due and re-arms for the rest. Deadlines only move
// later in steady state (now + a fixed timeout), so the timer is re-armed about once per timeout
// period instead of per request. Single-threaded: used only on its worker's thread.
class Deadlines {
 public:
  // Timeouts fire up to this much late; bounds how often a sweep can run.
  static constexpr auto kSlack = std::chrono::milliseconds(20);
  void Open(asio::io_context& ioc) { timer_.emplace(ioc); }
  // After the worker's run() returned, while its io_context still exists (REQUIRES: on that
  // thread). Deadlines of requests the drain cut off may still be cleared afterwards.
  void Close() { timer_.reset(); }
  void Set(Deadline& d, tcp::socket& sock, uint32_t ms) {
    d.sock = &sock;
    d.fired = false;
    d.at = Clock::now() + std::chrono::milliseconds(ms);
    if (!d.owner) {
      d.owner = this;
      d.slot = list_.size();
      list_.push_back(&d);
    }
    if (d.at + kSlack < armed_) Arm(d.at + kSlack);
  }
  void Clear(Deadline& d) {
    if (d.owner != this) return;
    Deadline* last = list_.back();
    list_[d.slot] = last;
    last->slot = d.slot;
    list_.pop_back();
    d.owner = nullptr;
    d.at = Clock::time_point::max();
    // A pending wait keeps the io_context's run() from returning: once draining, do not leave
    // one behind for deadlines that are gone.
    if (list_.empty() && stopping_) Disarm();
  }
  // Shutdown: no timer is kept armed once no deadline is left.
  void Stop() {
    stopping_ = true;
    if (list_.empty()) Disarm();
  }
  size_t size() const { return list_.size(); }

 private:
  void Arm(Clock::time_point t) {
    if (!timer_) return;
    armed_ = t;
    timer_->expires_at(t);  // cancels a wait for a later time
    timer_->async_wait([this](const beast::error_code& ec) {
      if (!ec) Sweep();
    });
  }
  void Disarm() {
    armed_ = Clock::time_point::max();
    if (timer_) timer_->cancel();
  }
  void Sweep() {
    armed_ = Clock::time_point::max();
    const Clock::time_point now = Clock::now();
    Clock::time_point next = Clock::time_point::max();
    for (size_t i = 0; i < list_.size();) {
      Deadline& d = *list_[i];
      if (d.at > now) {
        next = std::min(next, d.at);
        ++i;
        continue;
      }
      tcp::socket* s = d.sock;
      Clear(d);  // moves the last entry into slot i
      d.fired = true;
      beast::error_code ig;
      s->cancel(ig);
    }
    if (next != Clock::time_point::max() && !(stopping_ && list_.empty())) Arm(next + kSlack);
  }
  std::optional<asio::steady_timer> timer_;
  Clock::time_point armed_ = Clock::time_point::max();
  std::vector<Deadline*> list_;
  bool stopping_ = false;
};

Deadline::~Deadline() {
  if (owner) owner->Clear(*this);
}

// Reads from a plain TCP socket into `buf` and parses until the parser has the header
// (header_only) or the whole message, as http::async_read_header / async_read do but without
// Beast's composed operations: no handler is posted when the bytes are buffered already (the body
// of an answer usually arrives with its head), and `d` bounds the reads (REQUIRES: set by the
// caller). A passed deadline reads as beast::error::timeout. Errors as Beast's: end_of_stream
// when the peer closed before sending anything, partial_message, header_limit, body_limit, ...
// A read of a plain client connection started before its session reads again: the disconnect
// watch of a proxied request (WatchClient) reads into the connection's buffer, and the read is left
// running after the upstream call, so it becomes the next request's read. Ending the watch then
// needs no cancel (a posted handler and a poll of the reactor), and the next request needs no
// second speculative recv. Shared by the read's handler and the session (the handler may run after
// the session ended, when the socket is closed).
struct ClientRead {
  bool pending = false;   // outstanding; the buffer's prepared space is its target
  bool complete = false;  // finished; ec and n hold its result until ReadPlain takes it
  beast::error_code ec;
  size_t n = 0;
  asio::any_completion_handler<void(beast::error_code, size_t)> waiter;  // ReadPlain, if waiting
};

template <bool isRequest>
Task<beast::error_code> ReadPlain(tcp::socket& sock, beast::flat_buffer& buf,
                                  http::basic_parser<isRequest>& p, bool header_only,
                                  const Deadline& d, ClientRead* started = nullptr) {
  p.eager(!header_only);
  beast::error_code ec;
  for (;;) {
    if (header_only ? p.is_header_done() : p.is_done()) co_return beast::error_code{};
    if (buf.size() > 0) {
      size_t used = p.put(buf.data(), ec);
      buf.consume(used);
      if (ec == http::error::need_more)
        ec = {};
      else if (ec)
        co_return ec;
      else if (used > 0)
        continue;  // progress: done, or more of the buffer to parse
    }
    if (d.fired) co_return beast::error::timeout;
    size_t size = beast::read_size(buf, 65536);
    if (size == 0) co_return http::error::buffer_overflow;
    beast::error_code rec;
    size_t n = 0;
    if (started && (started->pending || started->complete)) {
      // Started into the buffer's prepared space while the buffer was empty, and nothing touched
      // the buffer since (it is still empty: the parse above did not run).
      // Waited for in place, not in a coroutine of its own (a frame allocation per request).
      if (started->pending)
        co_await asio::async_initiate<decltype(kTok), void(beast::error_code, size_t)>(
            [](auto handler, ClientRead* r) {
              // Not operator=: Boost 1.81's move assignment wraps the handler in itself, endlessly.
              asio::any_completion_handler<void(beast::error_code, size_t)>(std::move(handler))
                  .swap(r->waiter);
            },
            kTok, started);
      started->complete = false;
      rec = started->ec;
      n = started->n;
    } else {
      std::tie(rec, n) = co_await sock.async_read_some(buf.prepare(size), kTok);
    }
    buf.commit(n);
    if (d.fired) co_return beast::error::timeout;
    if (rec == asio::error::eof) {
      if (!p.got_some()) co_return http::error::end_of_stream;
      ec = {};
      p.put_eof(ec);
      co_return ec;  // complete (no error) or partial_message
    }
    if (rec) co_return rec;
  }
}

struct UpConn {
  std::string pool_key;
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buf;
  bool reused = false;
  Deadline deadline;  // plain: bounds the exchange (after the streams: cleared first)
  beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
};

// A client connection, plain TCP or TLS over TCP (gateway.tls), with its read buffer. Reads and
// writes go to whichever it is, so the HTTP code is written once; the plain path pays one branch.
class ClientStream {
 public:
  using executor_type = beast::tcp_stream::executor_type;
  // tls null: plain. The SSL object holds its own reference to the context's SSL_CTX.
  ClientStream(tcp::socket sock, ssl::context* tls) {
    if (tls)
      tls_.emplace(std::move(sock), *tls);
    else
      plain_.emplace(std::move(sock));
  }
  executor_type get_executor() { return lowest().get_executor(); }
  beast::tcp_stream& lowest() { return tls_ ? beast::get_lowest_layer(*tls_) : *plain_; }
  tcp::socket& socket() { return lowest().socket(); }
  void expires_after(std::chrono::steady_clock::duration d) { lowest().expires_after(d); }
  void expires_never() { lowest().expires_never(); }
  bool is_tls() const { return tls_.has_value(); }
  beast::ssl_stream<beast::tcp_stream>& tls() { return *tls_; }

  template <typename Buffers, typename Token>
  auto async_read_some(const Buffers& b, Token&& token) {
    return asio::async_initiate<Token, void(beast::error_code, std::size_t)>(
        [this](auto handler, const Buffers& bufs) {
          if (tls_)
            tls_->async_read_some(bufs, std::move(handler));
          else
            plain_->async_read_some(bufs, std::move(handler));
        },
        token, b);
  }
  template <typename Buffers, typename Token>
  auto async_write_some(const Buffers& b, Token&& token) {
    return asio::async_initiate<Token, void(beast::error_code, std::size_t)>(
        [this](auto handler, const Buffers& bufs) {
          if (tls_)
            tls_->async_write_some(bufs, std::move(handler));
          else
            plain_->async_write_some(bufs, std::move(handler));
        },
        token, b);
  }

  beast::flat_buffer buffer;  // bytes read past the current request (a pipelined one)
  // Plain TCP: the read a request's disconnect watch left running (created at the first one).
  std::shared_ptr<ClientRead> started_read;

 private:
  std::optional<beast::tcp_stream> plain_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls_;
};

// Counters of every request, looked up once per worker (Metrics::Counter) instead of formatting
// their label set and searching the series under the metrics lock each time.
struct MetricCache {
  static constexpr size_t kMaxRequestSeries = 64;  // beyond: Metrics::Add (statuses are few)
  std::array<std::array<std::atomic<uint64_t>*, 4>, 2> verdicts{};  // [input 0 / output 1][Action]
  std::array<std::atomic<uint64_t>*, 2> tokens{};                   // kind input, output
  struct Series {
    std::string route;
    int status;
    std::atomic<uint64_t>* counter;
  };
  std::vector<Series> requests;  // aigis_gateway_requests_total by route and status
};

struct Worker {
  Worker() { deadlines.Open(ioc); }
  MetricCache metric_cache;
  // Before ioc: coroutine frames that ioc destroys (requests cut off by the drain) clear their
  // deadlines here.
  Deadlines deadlines;
  asio::io_context ioc{1};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  std::set<beast::tcp_stream*> idle;  // client connections waiting for a request
  std::map<std::string, std::vector<std::unique_ptr<UpConn>>> pool;
  std::thread thread;
};

thread_local Worker* tl_worker = nullptr;

// One GuardScanner per engine per thread (scanners hold scratch space). An entry is dropped once
// only the cache holds its engine, i.e. after a reload retired it and its requests ended.
guard::GuardScanner* ScannerFor(const std::shared_ptr<const guard::GuardEngine>& engine) {
  thread_local std::map<
      const guard::GuardEngine*,
      std::pair<std::shared_ptr<const guard::GuardEngine>, std::unique_ptr<guard::GuardScanner>>>
      cache;
  auto it = cache.find(engine.get());
  if (it != cache.end()) return it->second.second.get();
  for (auto jt = cache.begin(); jt != cache.end();) {
    if (jt->second.first.use_count() == 1)
      jt = cache.erase(jt);
    else
      ++jt;
  }
  auto sc = guard::GuardScanner::Create(engine);
  if (!sc.ok()) return nullptr;
  auto p = std::make_unique<guard::GuardScanner>(std::move(*sc));
  guard::GuardScanner* raw = p.get();
  cache.emplace(engine.get(), std::make_pair(engine, std::move(p)));
  return raw;
}

// Watches a client connection while the upstream call runs: when the client goes away the
// upstream socket is closed at once, which ends the upstream call (and frees its slot upstream).
struct Watch {
  bool done = false;
  bool client_gone = false;
  UpConn* up = nullptr;
  // TLS: the watch reads through TLS and so must end before the session reads again.
  bool reading = false;                     // its read is outstanding
  std::optional<asio::steady_timer> ended;  // cancelled when it returns
  char peek = 0;                            // plain TCP: WatchClient's one-byte peek
  bool peeking = false;  // plain TCP: the peek (a read into the buffer otherwise)
};

void CloseUpstream(Watch& w) {
  if (w.up && (w.up->plain || w.up->tls)) {
    beast::error_code ig;
    w.up->lowest().socket().cancel(ig);
    w.up->lowest().socket().close(ig);
  }
}

// Started for every proxied request, so it is a plain handler rather than a coroutine (co_spawn
// cost ~2.5 % of an I/O thread at 32 connections). It reads into the connection's buffer and the
// read outlives the request (ClientRead): bytes that arrive are the next request's, an end of
// stream or an error means the client left. When the buffer holds bytes already (a pipelined
// request), reading into it would move them under the parser, so a one-byte peek watches instead
// and is cancelled at the end (EndWatch); the peeked byte stays in the socket.
void WatchClient(ClientStream& client, std::shared_ptr<Watch> w) {
  Watch* wp = w.get();
  if (client.buffer.size() == 0) {
    if (!client.started_read) client.started_read = std::make_shared<ClientRead>();
    std::shared_ptr<ClientRead> cr = client.started_read;
    cr->pending = true;
    cr->complete = false;
    size_t size = beast::read_size(client.buffer, 65536);
    client.socket().async_read_some(
        client.buffer.prepare(size),
        [cr, w = std::move(w)](const beast::error_code& ec, std::size_t n) {
          cr->pending = false;
          cr->complete = true;
          cr->ec = ec;
          cr->n = n;
          // Bytes (a pipelined request) end the watching, writes still detect a close; the
          // session's next read takes them. Once the exchange ended there is nothing to close.
          if (!w->done && (ec || n == 0)) {
            w->client_gone = true;  // end of stream or a reset
            CloseUpstream(*w);
          }
          // Last: the waiting session runs on from here and may start the next read.
          // (The call empties `waiter` before running it.)
          if (cr->waiter) cr->waiter(ec, n);
        });
    return;
  }
  wp->peeking = true;
  client.socket().async_receive(asio::buffer(&wp->peek, 1), tcp::socket::message_peek,
                                [w = std::move(w)](const beast::error_code& ec, std::size_t n) {
                                  // Cancelled because the exchange ended: the socket may be gone.
                                  if (w->done) return;
                                  // A pipelined request: stop watching.
                                  if (!ec && n > 0) return;
                                  w->client_gone = true;  // end of stream or a reset
                                  CloseUpstream(*w);
                                });
}

// The TLS form of WatchClient. A close (close_notify) and a pipelined request look alike on the
// wire (TLS 1.3 hides record types), so the watch reads through TLS: application data is kept in
// the connection's buffer for the next request, an end of stream or error means the client left.
Task<void> WatchTlsClient(ClientStream& client, std::shared_ptr<Watch> w) {
  constexpr size_t kReadBytes = 4096;
  auto [ec, n] = co_await client.async_read_some(client.buffer.prepare(kReadBytes), kTok);
  client.buffer.commit(n);
  w->reading = false;
  w->ended->cancel();
  if (w->done || n > 0) co_return;
  w->client_gone = true;
  CloseUpstream(*w);
}

// Stops the client watch. True (TLS) when its read is still outstanding: the caller then awaits
// w.ended before the session reads again. Not a coroutine: this runs for every request.
bool EndWatch(ClientStream& client, Watch& w) {
  w.done = true;
  // A read into the buffer stays: it is the next request's (ClientRead).
  if (!w.client_gone && (w.peeking || client.is_tls())) {
    beast::error_code ig;
    client.socket().cancel(ig);
  }
  return w.reading;
}

// A proxied request's limit reservation. It is settled once: before the response's last byte
// leaves (SettleLimits), so that the client's next request finds the concurrency slot free and
// the budget charged; else, for a request that ends without one, by Proxy's guard.
struct PendingSettlement {
  state::Reservation r;
  bool done = false;
};

struct RequestCtx {
  std::string id;
  double start = 0;
  std::shared_ptr<const Runtime> rt;
  Api api = Api::kChatCompletions;
  Provider style = Provider::kOpenAI;
  std::string route_name;
  const KeyRecord* key = nullptr;
  std::string model;
  bool stream = false;
  int status = 0;
  Action in_verdict = Action::kAllow;
  Action out_verdict = Action::kAllow;
  std::set<std::string> categories;
  std::vector<audit::Detection> detections;  // for the audit record (rule ids, never values)
  Usage usage;
  double upstream_s = -1;
  int upstream_status = 0;  // 0 = the upstream was not called or sent no head
  std::string error;
  bool refused_by_limits = false;
  bool upstream_sent = false;               // the request reached the upstream
  PendingSettlement* settlement = nullptr;  // Proxy's reservation, while Proxy runs
  int64_t time_ms = 0;                      // wall clock at arrival, for the audit record
  std::string abuse_text;  // prompt prefix for the abuse detector (hashed, never stored)
  std::optional<std::string> audit_prompt;  // the redacted prompt, with include_content only
  // With include_content: the answer as the client got it, redacted again by the key's input
  // policy (restored placeholders are the client's own values and must not be stored).
  std::optional<std::string> audit_response;
  guard::GuardScanner* audit_redactor = nullptr;
  bool audited = false;
};

// Audit verdict of a finished request (docs/audit.md "Records").
std::string AuditVerdict(const RequestCtx& ctx) {
  if (ctx.in_verdict == Action::kBlock || ctx.out_verdict == Action::kBlock) return "block";
  if (ctx.refused_by_limits) return "rate_limited";
  if (ctx.status == 401 || ctx.status == 403) return "denied";
  if (ctx.status >= 400 || ctx.status == 0) return "error";
  if (ctx.in_verdict == Action::kRedact || ctx.out_verdict == Action::kRedact) return "redact";
  return "allow";
}

// Requests that are not API calls (probes, metrics scrapes) are not audited.
bool Audited(const RequestCtx& ctx) {
  return ctx.route_name != "/healthz" && ctx.route_name != "/readyz" &&
         ctx.route_name != "/metrics";
}

int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Kept out of coroutines: GCC 12 cannot put braced lists of string literals in a coroutine frame.
std::string ModelsBody(const Runtime& rt, const KeyRecord& key) {
  Json data = Json::array();
  for (const auto& [name, route] : rt.routes)
    if (key.AllowsModel(name))
      data.push_back({{"id", name}, {"object", "model"}, {"created", 0}, {"owned_by", "aigis"}});
  return Json{{"object", "list"}, {"data", data}}.dump();
}

// Where the last whole SSE event of `s` starts (s holds whole events, each ending in a blank
// line, which cannot occur inside an event as FormatSseEvent writes them).
size_t LastEventStart(const std::string& s) {
  if (s.size() < 3) return 0;
  size_t p = s.rfind("\n\n", s.size() - 3);
  return p == std::string::npos ? 0 : p + 2;
}

struct AuditJob {
  audit::AuditRecord rec;
  std::string abuse_text;
  bool blocked = false;
  Status result = Status::Internal("audit append did not run");  // until StoreRecord says
};

// Runs *fn on `pool` (where blocking is allowed) and resumes the awaiting coroutine on its own
// executor afterwards. REQUIRES: *fn outlives the co_await (a named local of the coroutine).
// Only trivially destructible values appear in the co_await expression: GCC 12 destroys
// temporaries with non-trivial members (lambda captures) twice in a coroutine frame.
auto OnPool(asio::thread_pool& pool, const std::function<void()>* fn) {
  return asio::async_initiate<decltype(asio::use_awaitable), void()>(
      [&pool](auto handler, const std::function<void()>* f) {
        auto ex = asio::get_associated_executor(handler);
        // The work guard keeps the coroutine's io_context running until the handler is posted
        // back (a draining worker would otherwise return from run() and drop the request).
        asio::post(pool, [f, ex, w = asio::make_work_guard(ex), h = std::move(handler)]() mutable {
          // An exception must not end the pool thread (std::terminate); the callers' results
          // default to failure, so a job that threw reads as "did not happen".
          try {
            (*f)();
          } catch (...) {
          }
          asio::post(ex, std::move(h));
          w.reset();
        });
      },
      asio::use_awaitable, fn);
}

// A request to an upstream, serialised (head) and its body.
struct UpRequest {
  std::string head;
  std::string body;
};

struct ExchangeResult {
  bool keep_client = true;
};

}  // namespace

class Gateway::Impl {
 public:
  Impl(std::shared_ptr<const Runtime> rt, std::shared_ptr<state::LimitStore> limits,
       std::unique_ptr<RequestLog> rlog, LogSink log, GatewayAudit audit)
      : rt_(std::move(rt)),
        limits_(std::move(limits)),
        rlog_(std::move(rlog)),
        log_(std::move(log)),
        audit_(std::move(audit)),
        ssl_(ssl::context::tls_client) {
    // The in-memory store answers in microseconds under a mutex; anything else (Redis) does
    // network round trips, which must not hold up an I/O thread.
    limits_inline_ = dynamic_cast<state::MemoryLimitStore*>(limits_.get()) != nullptr;
    if (!limits_inline_) limits_pool_ = std::make_unique<asio::thread_pool>(4);
    SettleQueueOptions so;
    so.max_pending = static_cast<size_t>(rt_->config.limits_store.settle_queue_max);
    settle_ = std::make_unique<SettleQueue>(
        limits_, so, [this](std::string_view event, const std::string& detail) {
          metrics_.Add("aigis_gateway_limit_settlements_total",
                       "result=\"" + std::string(event) + "\"");
          if (event == "dropped")
            Log("error",
                "limit settlement dropped: retry queue full (estimate stays charged, slot leased "
                "until its lease ends)",
                {{"error", detail}});
        });
    if (audit_.log) {
      audit_pool_ = std::make_unique<asio::thread_pool>(std::max(1, audit_.writer_threads));
      if (audit_.abuse_signals) abuse_ = std::make_unique<audit::AbuseDetector>(audit_.abuse);
    }
  }

  Status Start();
  void Shutdown();
  std::shared_ptr<const Runtime> runtime() {
    std::lock_guard<std::mutex> l(rt_mu_);
    return rt_;
  }
  void Reload(std::shared_ptr<const Runtime> rt) {
    bool tls_changed = false;
    {
      std::lock_guard<std::mutex> l(rt_mu_);
      // New connections get the new certificate; open ones keep the context they began with.
      // Turning TLS on or off needs a restart, like the listen address.
      if (tls_on_ && rt->tls)
        tls_ctx_ = rt->tls;
      else
        tls_changed = tls_on_ != (rt->tls != nullptr);
      rt_ = std::move(rt);
    }
    if (tls_changed)
      Log("warn", "gateway.tls was turned on or off: that takes a restart; listener unchanged", {});
    Log("info", "configuration reloaded", {});
  }
  Metrics metrics_;
  uint16_t port_ = 0;

 private:
  void Log(std::string_view level, std::string_view msg, Json fields) {
    if (!log_) return;
    Json j = {{"ts", Iso8601Now()}, {"level", level}, {"msg", msg}};
    for (auto& [k, v] : fields.items()) j[k] = v;
    log_(j.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  Task<void> Accept();
  Task<void> Session(tcp::socket sock, std::shared_ptr<ssl::context> tls);
  Task<bool> Handle(ClientStream& client, Request& req);
  Task<bool> Dispatch(ClientStream& client, Request& req, RequestCtx& ctx);
  void RecordDropped(RequestCtx& ctx, bool threw);
  Task<bool> Proxy(ClientStream& client, Request& req, RequestCtx& ctx);
  Task<bool> Reply(ClientStream& client, const Request& req, RequestCtx& ctx, unsigned status,
                   std::string body, std::string_view type = "application/json");
  Task<bool> ReplyError(ClientStream& client, const Request& req, RequestCtx& ctx, unsigned status,
                        std::string_view type, std::string_view msg, std::string_view code) {
    ctx.error = std::string(code);
    co_return co_await Reply(client, req, ctx, status, ErrorBody(ctx.style, type, msg, code));
  }
  Task<std::unique_ptr<UpConn>> Connect(const Upstream& up, std::string* err);
  template <typename S>
  Task<ExchangeResult> Exchange(S& s, UpConn& conn, ClientStream& client, const Request& creq,
                                const UpRequest& ureq, RequestCtx& ctx, guard::GuardScanner& out,
                                const guard::Vault& vault, std::shared_ptr<Watch> watch,
                                bool* retry);
  void Finish(RequestCtx& ctx);
  void LogConnectFailure(const std::string& id, const std::string& host, const std::string& err) {
    Log("warn", "upstream connect failed",
        {{"request_id", id}, {"upstream", host}, {"error", err}});
  }
  void Detections(const char* dir, const GuardSummary& s, RequestCtx& ctx);
  // Makes ctx's audit record durable (off the I/O thread) and feeds the abuse detector. Returns
  // false when the record could not be stored and the gateway fails closed: the caller then must
  // not send the response it meant to send. A no-op (true) without audit or when done already.
  Task<bool> AuditRequest(RequestCtx& ctx);
  audit::AuditRecord RecordFor(const RequestCtx& ctx) const;
  Status StoreRecord(const audit::AuditRecord& rec, const std::string& abuse_text, bool blocked);
  bool Throttled(const std::string& key_id);
  Task<state::ReserveResult> Reserve(const std::string& key, const state::LimitPolicy& p,
                                     int64_t tokens);
  // What ctx's settlement charges: the upstream's usage when known, else the reservation once the
  // request reached the upstream (it may have spent tokens), else nothing. Marks it done.
  int64_t CloseSettlement(RequestCtx& ctx, PendingSettlement& p);
  // Settles ctx's reservation and frees its slot, awaited (a remote store off the I/O thread).
  // Called before a response's last byte; a no-op once settled or without a reservation.
  Task<void> SettleLimits(RequestCtx& ctx);
  // The store call; a failure goes to the retry queue. Blocks on a remote store.
  void ReconcileNow(const state::Reservation& r, int64_t used);
  // ReconcileNow in the background (nothing waits for it).
  void Reconcile(const state::Reservation& r, int64_t used);

  std::mutex rt_mu_;
  std::shared_ptr<const Runtime> rt_;
  bool tls_on_ = false;                    // fixed at Start
  std::shared_ptr<ssl::context> tls_ctx_;  // for new connections; guarded by rt_mu_
  std::shared_ptr<state::LimitStore> limits_;
  bool limits_inline_ = true;
  std::unique_ptr<RequestLog> rlog_;
  LogSink log_;
  GatewayAudit audit_;
  std::unique_ptr<audit::AbuseDetector> abuse_;
  std::mutex throttle_mu_;
  std::map<std::string, int64_t> throttle_until_;  // key id -> wall ms
  // Declared after everything their tasks use; joined in Shutdown after the workers.
  std::unique_ptr<asio::thread_pool> audit_pool_;
  std::unique_ptr<asio::thread_pool> limits_pool_;
  // Settlements the store did not take, retried off the I/O threads (after limits_pool_ in
  // Shutdown: the pool's failed reconciles land here).
  std::unique_ptr<SettleQueue> settle_;
  ssl::context ssl_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::unique_ptr<tcp::acceptor> acceptor_;
  std::atomic<bool> draining_{false};
  std::atomic<bool> stopped_{false};
  size_t next_ = 0;
};

Status Gateway::Impl::Start() {
  auto rt = runtime();
  const GatewayConfig& cfg = rt->config;
  ssl_.set_verify_mode(ssl::verify_peer);
  boost::system::error_code ec;
  ssl_.set_default_verify_paths(ec);
  if (!cfg.ca_file.empty()) {
    ssl_.load_verify_file(cfg.ca_file, ec);
    if (ec) return Status::IOError("gateway: ca_file " + cfg.ca_file + ": " + ec.message());
  }
  SSL_CTX_set_min_proto_version(ssl_.native_handle(), TLS1_2_VERSION);
  int n = cfg.threads > 0 ? cfg.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 0; i < n; ++i) {
    auto w = std::make_unique<Worker>();
    w->guard.emplace(w->ioc.get_executor());
    workers_.push_back(std::move(w));
  }
  auto addr = asio::ip::make_address(cfg.listen_host, ec);
  if (ec) return Status::InvalidArgument("gateway: listen: bad address '" + cfg.listen_host + "'");
  acceptor_ = std::make_unique<tcp::acceptor>(workers_[0]->ioc);
  tcp::endpoint ep(addr, cfg.listen_port);
  acceptor_->open(ep.protocol(), ec);
  if (!ec) acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_->bind(ep, ec);
  if (!ec) acceptor_->listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return Status::IOError("gateway: cannot listen on " + cfg.listen_host + ":" +
                           std::to_string(cfg.listen_port) + ": " + ec.message());
  port_ = acceptor_->local_endpoint().port();
  {
    std::lock_guard<std::mutex> l(rt_mu_);
    tls_ctx_ = rt->tls;
    tls_on_ = tls_ctx_ != nullptr;
  }
  asio::co_spawn(workers_[0]->ioc, Accept(), asio::detached);
  for (auto& w : workers_) {
    Worker* wp = w.get();
    wp->thread = std::thread([wp] {
      tl_worker = wp;
      wp->ioc.run();
      wp->pool.clear();
      wp->deadlines.Close();
    });
  }
  Log("info", "listening",
      {{"address", cfg.listen_host},
       {"port", port_},
       {"tls", tls_on_},
       {"threads", n},
       {"routes", cfg.routes.size()},
       {"keys", rt->keys->size()}});
  return Status::Ok();
}

void Gateway::Impl::Shutdown() {
  if (stopped_.exchange(true)) return;
  draining_ = true;
  if (workers_.empty()) return;
  Log("info", "shutting down: draining connections", {});
  asio::post(workers_[0]->ioc, [this] {
    beast::error_code ig;
    acceptor_->close(ig);
  });
  for (auto& w : workers_) {
    Worker* wp = w.get();
    asio::post(wp->ioc, [wp] {
      for (beast::tcp_stream* s : wp->idle) s->cancel();
      wp->pool.clear();
      wp->deadlines.Stop();
      wp->guard.reset();
    });
  }
  uint32_t drain_ms = runtime()->config.limits.drain_timeout_ms;
  std::mutex mu;
  std::condition_variable cv;
  size_t joined = 0;
  std::thread killer([&] {
    std::unique_lock<std::mutex> l(mu);
    if (!cv.wait_for(l, std::chrono::milliseconds(drain_ms),
                     [&] { return joined == workers_.size(); })) {
      for (auto& w : workers_) w->ioc.stop();  // requests still running after the drain time
    }
  });
  for (auto& w : workers_) {
    w->thread.join();
    std::lock_guard<std::mutex> l(mu);
    ++joined;
    cv.notify_all();
  }
  killer.join();
  // Appends and reconciliations still queued finish before the stores go away.
  if (audit_pool_) audit_pool_->join();
  if (limits_pool_) limits_pool_->join();
  if (size_t left = settle_->Stop(); left > 0)
    Log("error", "limit settlements left unsettled at shutdown", {{"count", left}});
  Log("info", "stopped", {});
  if (rlog_) rlog_->Flush();  // buffered lines are on disk once Shutdown returns
}

Task<void> Gateway::Impl::Accept() {
  for (;;) {
    Worker& w = *workers_[next_++ % workers_.size()];
    auto [ec, sock] = co_await acceptor_->async_accept(w.ioc, kTok);
    if (ec) {
      if (!acceptor_->is_open() || draining_) co_return;
      continue;  // EMFILE and friends: keep serving the connections we have
    }
    sock.set_option(tcp::no_delay(true), ec);
    std::shared_ptr<ssl::context> tls;
    if (tls_on_) {
      std::lock_guard<std::mutex> l(rt_mu_);
      tls = tls_ctx_;
    }
    asio::co_spawn(w.ioc, Session(std::move(sock), std::move(tls)), asio::detached);
  }
}

Task<void> Gateway::Impl::Session(tcp::socket sock, std::shared_ptr<ssl::context> tls) {
  ClientStream stream(std::move(sock), tls.get());
  Deadline dl;  // plain TCP: bounds each request's read (after stream: cleared first)
  beast::flat_buffer& buf = stream.buffer;
  buf.reserve(kReadBufferBytes);
  Worker* w = tl_worker;
  if (stream.is_tls()) {
    // Bounded, so a client that stalls the handshake holds nothing for long; cancelled by a
    // shutdown like an idle connection.
    stream.expires_after(std::chrono::milliseconds(runtime()->config.tls.handshake_timeout_ms));
    w->idle.insert(&stream.lowest());
    auto [ec] = co_await stream.tls().async_handshake(ssl::stream_base::server, kTok);
    w->idle.erase(&stream.lowest());
    if (ec) {
      metrics_.Add("aigis_gateway_tls_handshake_errors_total",
                   ec == beast::error::timeout ? "reason=\"timeout\"" : "reason=\"failed\"");
      stream.lowest().close();
      co_return;
    }
  }
  for (;;) {
    if (draining_) break;
    auto rt = runtime();
    const GatewayLimits& lim = rt->config.limits;
    http::request_parser<http::string_body> parser;
    parser.header_limit(lim.max_header_bytes);
    parser.body_limit(lim.max_body_bytes);
    beast::error_code ec;
    w->idle.insert(&stream.lowest());
    if (stream.is_tls()) {
      stream.expires_after(std::chrono::milliseconds(lim.request_timeout_ms));
      auto [e, n] = co_await http::async_read_header(stream, buf, parser, kTok);
      ec = e;
    } else {
      w->deadlines.Set(dl, stream.socket(), lim.request_timeout_ms);
      ec = co_await ReadPlain(stream.socket(), buf, parser, true, dl, stream.started_read.get());
    }
    w->idle.erase(&stream.lowest());
    RequestCtx ctx;  // for an error answer to a request that never reached Handle (id: Reply)
    ctx.start = Now();
    ctx.rt = rt;
    Request dummy;
    if (ec) {
      if (ec == http::error::header_limit) {
        co_await ReplyError(stream, dummy, ctx, 413, "invalid_request_error",
                            "request head too large", "header_too_large");
      } else if (ec == http::error::body_limit) {  // Content-Length above the limit
        co_await ReplyError(stream, dummy, ctx, 413, "invalid_request_error",
                            "request body too large", "body_too_large");
      } else if (ec.category() == beast::error_code(http::error::end_of_stream).category() &&
                 ec != http::error::end_of_stream && ec != http::error::partial_message) {
        co_await ReplyError(stream, dummy, ctx, 400, "invalid_request_error",
                            "malformed HTTP request", "bad_request");
      }
      break;
    }
    const auto& h = parser.get();
    size_t n_cl = std::distance(h.equal_range(http::field::content_length).first,
                                h.equal_range(http::field::content_length).second);
    size_t n_te = std::distance(h.equal_range(http::field::transfer_encoding).first,
                                h.equal_range(http::field::transfer_encoding).second);
    // Request smuggling: a message framed two ways (or by an encoding we do not speak) is refused.
    if ((n_cl > 0 && n_te > 0) || n_cl > 1 || n_te > 1 ||
        (n_te == 1 && !IEquals(h[http::field::transfer_encoding], "chunked"))) {
      co_await ReplyError(stream, dummy, ctx, 400, "invalid_request_error",
                          "ambiguous message framing (Content-Length / Transfer-Encoding)",
                          "bad_framing");
      break;
    }
    if (IEquals(h[http::field::expect], "100-continue")) {
      http::response<http::empty_body> cont{http::status::continue_, 11};
      auto [wec, wn] = co_await http::async_write(stream, cont, kTok);
      if (wec) break;
    }
    beast::error_code ec2;
    if (stream.is_tls()) {
      auto [e, n] = co_await http::async_read(stream, buf, parser, kTok);
      ec2 = e;
    } else {
      ec2 = co_await ReadPlain(stream.socket(), buf, parser, false, dl, stream.started_read.get());
    }
    w->deadlines.Clear(dl);
    if (ec2) {
      if (ec2 == http::error::body_limit) {
        co_await ReplyError(stream, dummy, ctx, 413, "invalid_request_error",
                            "request body too large", "body_too_large");
      } else if (ec2 != beast::error::timeout && ec2 != asio::error::eof) {
        co_await ReplyError(stream, dummy, ctx, 400, "invalid_request_error",
                            "malformed HTTP request", "bad_request");
      }
      break;
    }
    Request req = parser.release();
    if (stream.is_tls()) stream.expires_never();
    bool keep = co_await Handle(stream, req);
    if (!keep || !req.keep_alive()) break;
  }
  beast::error_code ig;
  if (stream.is_tls()) {
    // Our close_notify, so the client can tell an end from a cut; not waiting for the client's
    // (HTTP framing already delimits every response). The write is bounded like any other.
    SSL_set_shutdown(stream.tls().native_handle(), SSL_RECEIVED_SHUTDOWN);
    stream.expires_after(std::chrono::milliseconds(kTlsCloseMs));
    co_await stream.tls().async_shutdown(kTok);
  } else {
    stream.socket().shutdown(tcp::socket::shutdown_send, ig);
  }
  stream.lowest().close();
}

Task<bool> Gateway::Impl::Reply(ClientStream& client, const Request& req, RequestCtx& ctx,
                                unsigned status, std::string body, std::string_view type) {
  bool keep = req.keep_alive() && !draining_ && status != 413 && status != 400;
  if (status == 400 && ctx.error != "bad_request" && ctx.error != "bad_framing")
    keep = req.keep_alive();
  if (ctx.id.empty()) ctx.id = RandomHex(8);
  ctx.status = static_cast<int>(status);
  // The acknowledgement contract: the client sees nothing before its record is durable.
  if (!co_await AuditRequest(ctx)) {
    status = 503;
    body =
        ErrorBody(ctx.style, "api_error", "the request could not be recorded", "audit_unavailable");
    keep = false;
  }
  // Before the answer, so the client's next request finds its slot free.
  if (ctx.settlement && !ctx.settlement->done) co_await SettleLimits(ctx);
  ctx.status = static_cast<int>(status);
  std::string head = ResponseHead(status, type, ctx.id, keep, body.size());
  std::array<asio::const_buffer, 2> out = {asio::buffer(head), asio::buffer(body)};
  beast::error_code ec;
  if (!client.is_tls()) ec = SendNow(client.socket(), out);
  if (asio::buffer_size(out) > 0 && (client.is_tls() || ec == asio::error::would_block)) {
    client.expires_after(std::chrono::milliseconds(ctx.rt->config.limits.idle_timeout_ms));
    auto [wec, n] = co_await asio::async_write(client, out, kTok);
    ec = wec;
    client.expires_never();
  }
  Finish(ctx);
  co_return !ec && keep;
}

void Gateway::Impl::Detections(const char* dir, const GuardSummary& s, RequestCtx& ctx) {
  const size_t di = std::string_view(dir) == "output", vi = static_cast<size_t>(s.verdict);
  std::atomic<uint64_t>** slot =
      tl_worker && vi < 4 ? &tl_worker->metric_cache.verdicts[di][vi] : nullptr;
  if (!slot || !*slot) {
    std::atomic<uint64_t>* c = metrics_.Counter(
        "aigis_gateway_verdicts_total", std::string("direction=\"") + dir + "\",verdict=\"" +
                                            std::string(guard::ActionName(s.verdict)) + "\"");
    if (slot) *slot = c;
    c->fetch_add(1, std::memory_order_relaxed);
  } else {
    (*slot)->fetch_add(1, std::memory_order_relaxed);
  }
  for (size_t i = 0; i < s.detections.size(); ++i) {
    const auto& d = s.detections[i];
    metrics_.Add("aigis_gateway_detections_total",
                 std::string("direction=\"") + dir + "\",category=\"" + LabelValue(d.category) +
                     "\",action=\"" + std::string(guard::ActionName(s.actions[i])) + "\"");
    ctx.categories.insert(d.category);
    if (audit_.log && ctx.detections.size() < 4096)
      ctx.detections.push_back(
          {d.rule, d.category, s.actions[i] == Action::kBlock ? "malicious" : "suspicious"});
  }
}

audit::AuditRecord Gateway::Impl::RecordFor(const RequestCtx& ctx) const {
  audit::AuditRecord r;
  r.time_ms = ctx.time_ms;
  r.request_id = ctx.id;
  if (ctx.key) r.client_key_id = ctx.key->id;
  r.model = ctx.model;
  r.route = ctx.route_name;
  r.verdict = AuditVerdict(ctx);
  r.detections = ctx.detections;
  r.prompt_tokens = static_cast<int64_t>(ctx.usage.input);
  r.completion_tokens = static_cast<int64_t>(ctx.usage.output);
  r.latency_ms = static_cast<int64_t>((Now() - ctx.start) * 1000);
  r.upstream_status = ctx.upstream_status;
  if (audit_.include_content) {
    r.prompt = ctx.audit_prompt;
    r.response = ctx.audit_response;
  }
  // The client-facing status and error code (never a message that could quote the client).
  r.note = "status=" + std::to_string(ctx.status);
  if (!ctx.error.empty()) r.note += " error=" + ctx.error;
  return r;
}

bool Gateway::Impl::Throttled(const std::string& key_id) {
  if (audit_.abuse_throttle_ms <= 0) return false;
  std::lock_guard<std::mutex> l(throttle_mu_);
  auto it = throttle_until_.find(key_id);
  if (it == throttle_until_.end()) return false;
  if (it->second > WallMs()) return true;
  throttle_until_.erase(it);
  return false;
}

// Runs on an audit pool thread: blocking in the store's group commit is the point of that pool.
Status Gateway::Impl::StoreRecord(const audit::AuditRecord& rec, const std::string& abuse_text,
                                  bool blocked) {
  Status st = audit_.log->Append(rec).status();
  if (!abuse_ || rec.client_key_id.empty()) return st;
  audit::ObservedRequest o;
  o.time_ms = rec.time_ms;
  o.client_key_id = rec.client_key_id;
  o.model = rec.model;
  o.prompt = abuse_text;
  o.prompt_tokens = rec.prompt_tokens;
  o.completion_tokens = rec.completion_tokens;
  o.blocked = blocked;
  for (audit::AuditRecord& alert : abuse_->Observe(o)) {
    alert.request_id = rec.request_id;
    metrics_.Add("aigis_gateway_abuse_alerts_total",
                 "signal=\"" + LabelValue(alert.verdict) + "\"");
    Log("warn", "abuse signal",
        {{"request_id", rec.request_id}, {"key_id", rec.client_key_id}, {"signal", alert.verdict}});
    if (audit_.abuse_throttle_ms > 0) {
      std::lock_guard<std::mutex> l(throttle_mu_);
      throttle_until_[rec.client_key_id] = WallMs() + audit_.abuse_throttle_ms;
    }
    // An alert that cannot be stored does not fail the request it was raised on (that record is
    // durable); the failure is logged.
    if (Status ast = audit_.log->Append(alert).status(); !ast.ok())
      Log("error", "audit append failed for an alert", {{"error", ast.message()}});
  }
  return st;
}

Task<bool> Gateway::Impl::AuditRequest(RequestCtx& ctx) {
  if (!audit_.log || ctx.audited || !Audited(ctx)) co_return true;
  ctx.audited = true;
  if (ctx.time_ms == 0) ctx.time_ms = WallMs();
  AuditJob job;
  job.rec = RecordFor(ctx);
  job.abuse_text = std::move(ctx.abuse_text);
  job.blocked = ctx.in_verdict == Action::kBlock || ctx.out_verdict == Action::kBlock;
  AuditJob* jp = &job;
  const std::function<void()> work = [this, jp] {
    jp->result = StoreRecord(jp->rec, jp->abuse_text, jp->blocked);
  };
  co_await OnPool(*audit_pool_, &work);
  Status st = job.result;
  if (st.ok()) co_return true;
  metrics_.Add("aigis_gateway_audit_failures_total", "");
  Log("error",
      audit_.fail_open ? "audit append failed; serving anyway (audit.on_failure: allow)"
                       : "audit append failed; refusing the response",
      {{"request_id", ctx.id}, {"error", st.message()}});
  if (audit_.fail_open) co_return true;
  ctx.error = "audit_unavailable";
  co_return false;
}

Task<state::ReserveResult> Gateway::Impl::Reserve(const std::string& key,
                                                  const state::LimitPolicy& p, int64_t tokens) {
  if (limits_inline_) co_return limits_->Reserve(key, p, tokens);
  state::ReserveResult res;
  res.decision = state::Decision::kStoreUnavailable;  // until the store answers
  res.detail = "limit store call did not run";
  state::ReserveResult* rp = &res;
  const std::string* kp = &key;
  const state::LimitPolicy* pp = &p;
  const std::function<void()> work = [this, rp, kp, pp, tokens] {
    *rp = limits_->Reserve(*kp, *pp, tokens);
  };
  co_await OnPool(*limits_pool_, &work);
  co_return res;
}

void Gateway::Impl::ReconcileNow(const state::Reservation& r, int64_t used) {
  if (Status st = limits_->Reconcile(r, used); !st.ok()) {
    // Idempotent per reservation id, so a blind retry is safe.
    Log("warn", "limit reconcile failed; queued for retry", {{"error", st.message()}});
    settle_->Add(r, used);
  }
}

int64_t Gateway::Impl::CloseSettlement(RequestCtx& ctx, PendingSettlement& p) {
  p.done = true;
  const int64_t used = ctx.usage.total() ? static_cast<int64_t>(ctx.usage.total())
                                         : (ctx.upstream_sent ? p.r.estimated_tokens : 0);
  // Charged in full all the same; counted because each one can push a budget past its limit.
  if (used > p.r.estimated_tokens) metrics_.Add("aigis_gateway_token_underestimates_total", "");
  return used;
}

Task<void> Gateway::Impl::SettleLimits(RequestCtx& ctx) {
  PendingSettlement* p = ctx.settlement;
  if (!p || p->done) co_return;
  const int64_t used = CloseSettlement(ctx, *p);
  if (limits_inline_ || stopped_) {
    ReconcileNow(p->r, used);
    co_return;
  }
  const state::Reservation* rp = &p->r;
  const std::function<void()> work = [this, rp, used] { ReconcileNow(*rp, used); };
  co_await OnPool(*limits_pool_, &work);
}

void Gateway::Impl::Reconcile(const state::Reservation& r, int64_t used) {
  auto run = [this, r, used] { ReconcileNow(r, used); };
  // Nothing waits for it, so a remote store settles in the background; once shutting down the
  // pool may already be joined, so it settles inline (a blocked I/O thread no longer matters).
  if (limits_inline_ || stopped_)
    run();
  else
    asio::post(*limits_pool_, run);
}

void Gateway::Impl::Finish(RequestCtx& ctx) {
  MetricCache* mc = tl_worker ? &tl_worker->metric_cache : nullptr;
  std::atomic<uint64_t>* requests = nullptr;
  if (mc)
    for (const MetricCache::Series& r : mc->requests)
      if (r.status == ctx.status && r.route == ctx.route_name) requests = r.counter;
  if (!requests) {
    requests = metrics_.Counter("aigis_gateway_requests_total",
                                "route=\"" + LabelValue(ctx.route_name) + "\",status=\"" +
                                    std::to_string(ctx.status) + "\"");
    if (mc && mc->requests.size() < MetricCache::kMaxRequestSeries)
      mc->requests.push_back({ctx.route_name, ctx.status, requests});
  }
  requests->fetch_add(1, std::memory_order_relaxed);
  if (ctx.usage.total()) {
    if (!mc) {
      metrics_.Add("aigis_gateway_tokens_total", "kind=\"input\"", ctx.usage.input);
      metrics_.Add("aigis_gateway_tokens_total", "kind=\"output\"", ctx.usage.output);
    } else {
      if (!mc->tokens[0]) {
        mc->tokens[0] = metrics_.Counter("aigis_gateway_tokens_total", "kind=\"input\"");
        mc->tokens[1] = metrics_.Counter("aigis_gateway_tokens_total", "kind=\"output\"");
      }
      mc->tokens[0]->fetch_add(ctx.usage.input, std::memory_order_relaxed);
      mc->tokens[1]->fetch_add(ctx.usage.output, std::memory_order_relaxed);
    }
  }
  const bool api = !ctx.route_name.empty() && ctx.route_name.rfind("/v1/", 0) == 0;
  const bool to_rlog = rlog_ && api;
  if (!to_rlog && !log_) return;
  double ms = (Now() - ctx.start) * 1000;
  // Fields in the order nlohmann printed them when the line was a json object (sorted keys).
  JsonLine j;
  if (api) j.StrArray("categories", ctx.categories);
  if (!ctx.error.empty()) j.Str("error", ctx.error);
  if (api) {
    j.Uint("input_tokens", ctx.usage.input);
    j.Str("input_verdict", guard::ActionName(ctx.in_verdict));
  }
  if (ctx.key) j.Str("key_id", ctx.key->id);
  j.Double("latency_ms", std::round(ms * 1000) / 1000);
  if (!ctx.model.empty()) j.Str("model", ctx.model);
  if (api) {
    j.Uint("output_tokens", ctx.usage.output);
    j.Str("output_verdict", guard::ActionName(ctx.out_verdict));
  }
  j.Str("request_id", ctx.id).Str("route", ctx.route_name).Int("status", ctx.status);
  if (api) j.Bool("stream", ctx.stream);
  std::array<char, 64> ts;
  j.Str("ts", Iso8601Now(ts));
  if (ctx.upstream_s >= 0) j.Double("upstream_ms", std::round(ctx.upstream_s * 1e6) / 1000);
  // One serialisation for both sinks: the log line is the request line with level and msg first.
  std::string line = j.Done();
  if (to_rlog) rlog_->Write(line);
  if (log_) {
    const char* level = ctx.status >= 500 ? "error" : (ctx.status >= 400 ? "warn" : "info");
    line.insert(1, std::string("\"level\":\"") + level + "\",\"msg\":\"request\",");
    log_(line);
  }
}

Task<bool> Gateway::Impl::Handle(ClientStream& client, Request& req) {
  RequestCtx ctx;
  ctx.id = RandomHex(8);
  ctx.start = Now();
  ctx.time_ms = WallMs();
  ctx.rt = runtime();
  // A request still running when the drain time is over is destroyed without ever resuming (its
  // worker's io_context is stopped): this guard's destructor is the only code that still runs.
  // It also runs when an exception escapes Dispatch (unwinding), which is not a shutdown.
  struct DropGuard {
    Impl* self;
    RequestCtx* ctx;
    int exceptions = std::uncaught_exceptions();
    bool done = false;
    ~DropGuard() {
      if (!done) self->RecordDropped(*ctx, std::uncaught_exceptions() > exceptions);
    }
  } guard{this, &ctx};
  bool keep = co_await Dispatch(client, req, ctx);
  guard.done = true;
  co_return keep;
}

void Gateway::Impl::RecordDropped(RequestCtx& ctx, bool threw) {
  if (threw) {
    try {
      Log("error", "request ended by an internal error", {{"request_id", ctx.id}});
    } catch (...) {  // a destructor must not throw
    }
  }
  if (!audit_.log || ctx.audited || !Audited(ctx)) return;
  ctx.audited = true;
  // Never completed, whatever head the client may have received.
  ctx.error = threw ? "internal_error" : "shutdown";
  ctx.status = threw ? 500 : 503;
  // Synchronous: at shutdown the I/O threads are stopped and nothing waits on this thread; after
  // an exception it is a rare error path on an I/O thread.
  try {
    Result<audit::AppendResult> r = audit_.log->Append(RecordFor(ctx));
    if (!r.ok())
      Log("error", "audit append failed for a dropped request",
          {{"request_id", ctx.id}, {"error", r.status().message()}});
  } catch (...) {  // a destructor must not throw
  }
}

Task<bool> Gateway::Impl::Dispatch(ClientStream& client, Request& req, RequestCtx& ctx) {
  std::string_view target = req.target();
  if (size_t q = target.find('?'); q != std::string_view::npos) target = target.substr(0, q);
  ctx.route_name = std::string(target);
  if (target == "/v1/messages") ctx.style = Provider::kAnthropic;
  bool get = req.method() == http::verb::get, post = req.method() == http::verb::post;
  if (target == "/healthz" && get)
    co_return co_await Reply(client, req, ctx, 200, R"({"status":"ok"})");
  if (target == "/readyz" && get) {
    if (draining_) co_return co_await Reply(client, req, ctx, 503, R"({"status":"draining"})");
    co_return co_await Reply(client, req, ctx, 200, R"({"status":"ready"})");
  }
  if (target == "/metrics" && get && ctx.rt->config.metrics)
    co_return co_await Reply(client, req, ctx, 200, metrics_.Render(), "text/plain; version=0.0.4");
  static const std::map<std::string_view, Api> kPost = {
      {"/v1/chat/completions", Api::kChatCompletions},
      {"/v1/completions", Api::kCompletions},
      {"/v1/embeddings", Api::kEmbeddings},
      {"/v1/responses", Api::kResponses},
      {"/v1/messages", Api::kMessages}};
  auto api = kPost.find(target);
  if (target == "/v1/models" || api != kPost.end()) {
    if ((target == "/v1/models" && !get) || (api != kPost.end() && !post))
      co_return co_await ReplyError(client, req, ctx, 405, "invalid_request_error",
                                    "method not allowed", "method_not_allowed");
    if (api != kPost.end()) ctx.api = api->second;
    co_return co_await Proxy(client, req, ctx);
  }
  ctx.route_name = "other";
  co_return co_await ReplyError(client, req, ctx, 404, "not_found_error", "no such route",
                                "not_found");
}

Task<bool> Gateway::Impl::Proxy(ClientStream& client, Request& req, RequestCtx& ctx) {
  const Runtime& rt = *ctx.rt;
  // Authentication: "Authorization: Bearer <key>" (OpenAI SDKs) or "x-api-key" (Anthropic SDKs).
  std::string_view presented;
  if (auto a = req.find(http::field::authorization); a != req.end()) {
    std::string_view v = a->value();
    if (v.size() > 7 && IEquals(v.substr(0, 7), "bearer ")) presented = v.substr(7);
  } else if (auto x = req.find("x-api-key"); x != req.end()) {
    presented = x->value();
  }
  ctx.key = rt.keys->Find(presented);
  if (!ctx.key)
    co_return co_await ReplyError(client, req, ctx, 401, "authentication_error", "invalid API key",
                                  "invalid_api_key");
  if (Throttled(ctx.key->id)) {
    ctx.refused_by_limits = true;
    metrics_.Add("aigis_gateway_rate_limited_total", "limit=\"abuse_throttled\"");
    co_return co_await ReplyError(client, req, ctx, 429, "rate_limit_error",
                                  "this key is throttled after an abuse signal", "abuse_throttled");
  }
  if (ctx.route_name == "/v1/models") {
    co_return co_await Reply(client, req, ctx, 200, ModelsBody(rt, *ctx.key));
  }
  // simdjson on the hot path; nlohmann decides whatever simdjson refuses (request_body.h).
  auto parsed = RequestBody::Parse(req.body(), JsonLimits{});
  if (!parsed.ok())
    co_return co_await ReplyError(client, req, ctx, 400, "invalid_request_error",
                                  parsed.status().message() == "json: duplicate member name"
                                      ? "request body has a duplicate member name"
                                      : "request body is not a JSON object",
                                  "invalid_json");
  RequestBody& doc = *parsed;
  FieldValue m = doc.Get("model");
  if (m.kind != FieldKind::kString)
    co_return co_await ReplyError(client, req, ctx, 400, "invalid_request_error",
                                  "model is required", "model_required");
  ctx.model = std::string(m.str);
  if (ctx.model.size() > 256) ctx.model.resize(256);
  auto rit = rt.routes.find(ctx.model);
  if (rit == rt.routes.end()) {
    ctx.model.clear();  // not a configured name: keep client text out of logs and metrics
    co_return co_await ReplyError(client, req, ctx, 404, "not_found_error",
                                  "the model does not exist or is not served here",
                                  "model_not_found");
  }
  const Route& route = *rit->second;
  bool anthropic_api = ctx.api == Api::kMessages;
  if (anthropic_api != (route.provider == Provider::kAnthropic))
    co_return co_await ReplyError(client, req, ctx, 400, "invalid_request_error",
                                  "this model is not served on this API", "wrong_api");
  if (!ctx.key->AllowsModel(ctx.model))
    co_return co_await ReplyError(client, req, ctx, 403, "permission_error",
                                  "this key may not use this model", "model_not_allowed");
  if (FieldValue s = doc.Get("stream"); s.kind != FieldKind::kAbsent) {
    if (s.kind != FieldKind::kBool)
      co_return co_await ReplyError(client, req, ctx, 400, "invalid_request_error",
                                    "stream must be a boolean", "invalid_stream");
    ctx.stream = s.boolean;
  }
  if (ctx.stream && ctx.api == Api::kEmbeddings)
    co_return co_await ReplyError(client, req, ctx, 400, "invalid_request_error",
                                  "embeddings cannot be streamed", "invalid_stream");
  // Reservation: prompt estimate (limits.prompt_bytes_per_token) + the most the answer may use,
  // times n.
  // The most the answer may use is the output cap in the route's own field(s), the ones its
  // upstream honours (a field of another API would be ignored upstream and cap nothing). Without
  // one, the gateway reserves limits.default_max_tokens and puts that cap in the forwarded body:
  // chat gets max_completion_tokens (the current field; o-series models reject max_tokens),
  // legacy completions and Anthropic messages max_tokens, responses max_output_tokens.
  static constexpr std::array<const char*, 2> kChatCaps = {"max_completion_tokens", "max_tokens"};
  static constexpr std::array<const char*, 1> kMaxTokens = {"max_tokens"};
  static constexpr std::array<const char*, 1> kOutputCaps = {"max_output_tokens"};
  std::span<const char* const> caps;
  if (ctx.api == Api::kChatCompletions) caps = kChatCaps;
  if (ctx.api == Api::kCompletions || ctx.api == Api::kMessages) caps = kMaxTokens;
  if (ctx.api == Api::kResponses) caps = kOutputCaps;
  uint64_t max_out = 0;
  const char* insert_cap = nullptr;
  bool cap_given = false;
  for (const char* k : caps) {
    FieldValue it = doc.Get(k);
    if (it.kind == FieldKind::kAbsent || it.kind == FieldKind::kNull) continue;
    if (it.kind != FieldKind::kUnsigned)
      co_return co_await ReplyError(client, req, ctx, 400, "invalid_request_error",
                                    std::string(k) + " must be a non-negative integer",
                                    "invalid_max_tokens");
    if (it.number > rt.config.limits.max_output_tokens)
      co_return co_await ReplyError(client, req, ctx, 400, "invalid_request_error",
                                    std::string(k) + " is above this gateway's limit of " +
                                        std::to_string(rt.config.limits.max_output_tokens),
                                    "max_tokens_too_large");
    max_out = std::max<uint64_t>(max_out, it.number);  // either may be the one obeyed
    cap_given = true;
  }
  if (!caps.empty() && !cap_given) {
    max_out = rt.config.limits.default_max_tokens;
    insert_cap = caps[0];
  }
  // Choices generated upstream (and billed): n, and best_of for legacy completions.
  uint64_t n_choices = 1;
  for (const char* k : {"n", "best_of"}) {
    if (std::string_view(k) == "best_of" && ctx.api != Api::kCompletions) continue;
    FieldValue it = doc.Get(k);
    if (it.kind == FieldKind::kAbsent || it.kind == FieldKind::kNull) continue;
    if (it.kind != FieldKind::kUnsigned || it.number < 1 || it.number > 128)
      co_return co_await ReplyError(client, req, ctx, 400, "invalid_request_error",
                                    std::string(k) + " must be an integer from 1 to 128",
                                    "invalid_n");
    n_choices = std::max<uint64_t>(n_choices, it.number);
  }
  uint64_t estimate =
      req.body().size() / rt.config.limits.prompt_bytes_per_token + 1 + max_out * n_choices;
  const state::LimitPolicy policy = PolicyFor(ctx.key->limits);
  const int64_t reserve_tokens = static_cast<int64_t>(std::min<uint64_t>(estimate, INT64_MAX));
  state::ReserveResult res = co_await Reserve(ctx.key->id, policy, reserve_tokens);
  if (res.outcome_unknown) {
    // The store may have counted it (a timeout after the script ran): cancel, retried until the
    // store answers; a no-op if it never counted (state/limit_store.h).
    state::Reservation cancel = res.reservation;
    cancel.enforced = true;
    settle_->Add(cancel, 0);
  }
  if (res.decision == state::Decision::kStoreUnavailable) {
    // Fail closed (limits_store.on_unavailable: deny): without the shared counters no limit holds.
    metrics_.Add("aigis_gateway_rate_limited_total", "limit=\"limits_unavailable\"");
    Log("error", "limit store unavailable; refusing",
        {{"request_id", ctx.id}, {"error", res.detail}});
    co_return co_await ReplyError(client, req, ctx, 503, "api_error",
                                  "the limit store is unavailable", "limits_unavailable");
  }
  if (res.decision != state::Decision::kAllowed) {
    std::string why(RefusalName(res.decision));
    ctx.refused_by_limits = true;
    metrics_.Add("aigis_gateway_rate_limited_total", "limit=\"" + why + "\"");
    co_return co_await ReplyError(client, req, ctx, 429, "rate_limit_error",
                                  "rate limit exceeded: " + why, why);
  }
  if (!res.reservation.enforced)
    Log("warn", "limit store unavailable; admitted without limits (on_unavailable: allow)",
        {{"request_id", ctx.id}, {"error", res.detail}});
  // Settled before the response's last byte (SettleLimits, from Reply and the stream's end); a
  // request that ends without one (client gone, dropped at shutdown) settles here, in the
  // background. Only ctx outlives this frame, so the guard leaves nothing pointing into it.
  PendingSettlement pending{std::move(res.reservation)};
  ctx.settlement = &pending;
  struct Settler {
    Impl* impl;
    RequestCtx* ctx;
    PendingSettlement* p;
    ~Settler() {
      ctx->settlement = nullptr;
      if (!p->done) impl->Reconcile(p->r, impl->CloseSettlement(*ctx, *p));
    }
  } settle{this, &ctx, &pending};

  const PolicyEngines* pol = rt.PolicyFor(*ctx.key);
  guard::GuardScanner* in = pol ? ScannerFor(pol->input) : nullptr;
  guard::GuardScanner* out = pol ? ScannerFor(pol->output) : nullptr;
  if (!in || !out)
    co_return co_await ReplyError(client, req, ctx, 500, "api_error", "guard policy unavailable",
                                  "no_policy");
  std::vector<std::string_view> texts;
  if (Status st = doc.Texts(&texts); !st.ok())
    co_return co_await ReplyError(client, req, ctx, 400, "invalid_request_error",
                                  "request body exceeds the gateway's JSON limits", "json_limits");
  if (abuse_) {
    // What the abuse detector hashes (its own limit cuts it to 16 KiB); never stored.
    constexpr size_t kAbuseTextBytes = 16 << 10;
    for (std::string_view t : texts) {
      if (ctx.abuse_text.size() >= kAbuseTextBytes) break;
      ctx.abuse_text.append(t.substr(0, kAbuseTextBytes - ctx.abuse_text.size()));
      ctx.abuse_text += "\n\n";
    }
  }
  guard::Vault vault;
  std::vector<std::optional<std::string>> rewritten;
  GuardSummary gs = GuardTexts(*in, texts, &vault, nullptr, &rewritten);
  ctx.in_verdict = gs.verdict;
  Detections("input", gs, ctx);
  if (gs.verdict == Action::kBlock)
    co_return co_await ReplyError(client, req, ctx, 400, "invalid_request_error",
                                  "the prompt was blocked by the aigis guard policy",
                                  "prompt_blocked");
  std::string body;
  // Absent (not null): the cap can be spliced in before the closing brace instead of dumping the
  // whole document again (the body parsed as an object with a "model" member, so it is non-empty).
  const bool splice_cap = insert_cap && !doc.Has(insert_cap);
  BodyEdits edits;
  if (!route.upstream_model.empty()) edits.model = route.upstream_model;
  if (insert_cap) {
    edits.cap_key = insert_cap;
    edits.cap_value = max_out;
  }
  if (gs.modified || !route.upstream_model.empty() || (insert_cap && !splice_cap)) {
    body = doc.Render(rewritten, edits);
  } else {
    // Unchanged bytes are forwarded as they came (the cap, if any, spliced in before the last
    // brace). The body is moved out last: doc and texts point into it.
    size_t close = req.body().find_last_not_of(" \t\r\n");
    if (splice_cap && (close == std::string::npos || req.body()[close] != '}')) {
      // Not reached for a body that parsed as an object (a trailing NUL or BOM is nlohmann's
      // leniency, not whitespace); stay correct anyway.
      body = doc.Render(rewritten, edits);
    } else {
      body = std::move(req.body());
      if (splice_cap)
        body.insert(close, std::string(",\"") + insert_cap + "\":" + std::to_string(max_out));
    }
  }
  if (audit_.log && audit_.include_content) {
    ctx.audit_prompt = std::string(Utf8Prefix(body, kAuditContentBytes));  // redacted by the guard
    ctx.audit_redactor = in;
  }

  // The request head as Beast serialised it from a field set (same names, order and values; this
  // was one allocation per field plus a serializer per request). Every value is the gateway's own
  // (configuration, the upstream key, a checked anthropic-version), none is the client's.
  UpRequest ureq;
  {
    std::string& h = ureq.head;
    const std::string& upkey = rt.upstream_keys.at(route.api_key_env);
    h.reserve(256 + upkey.size() + route.upstream.base_path.size() + ctx.route_name.size());
    h += "POST ";
    h += route.upstream.base_path;
    h += ctx.route_name;
    h += " HTTP/1.1\r\nHost: ";
    h += route.upstream.host;
    if (route.upstream.port != (route.upstream.tls ? "443" : "80")) {
      h += ':';
      h += route.upstream.port;
    }
    h += "\r\nContent-Type: application/json\r\nAccept: ";
    h += ctx.stream ? "text/event-stream" : "application/json";
    h += "\r\nAccept-Encoding: identity\r\nUser-Agent: aigis-gateway\r\n";
    if (route.provider == Provider::kAnthropic) {
      h += "x-api-key: ";
      h += upkey;
      std::string_view version = "2023-06-01";
      if (auto v = req.find("anthropic-version"); v != req.end() && v->value().size() <= 32) {
        std::string_view vv = v->value();
        bool ok = !vv.empty() && vv.find_first_not_of("0123456789-") == std::string_view::npos;
        if (ok) version = vv;
      }
      h += "\r\nanthropic-version: ";
      h += version;
    } else {
      h += "Authorization: Bearer ";
      h += upkey;
    }
    h += "\r\nContent-Length: ";
    h += std::to_string(body.size());
    h += "\r\n\r\n";
    ureq.body = std::move(body);
  }

  auto watch = std::make_shared<Watch>();
  if (client.is_tls()) {
    watch->ended.emplace(client.get_executor(), asio::steady_timer::time_point::max());
    watch->reading = true;
    asio::co_spawn(client.get_executor(), WatchTlsClient(client, watch), asio::detached);
  } else {
    WatchClient(client, watch);
  }
  ExchangeResult xr;
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string key = (route.upstream.tls ? "https://" : "http://") + route.upstream.host + ":" +
                      route.upstream.port;
    std::unique_ptr<UpConn> conn;
    auto& idle = tl_worker->pool[key];
    // The retry connects afresh: a second pooled connection may be just as stale (after an upstream
    // restart all of them are), and a retry asked for on the last attempt would end the request
    // with no answer at all.
    if (attempt == 0 && !idle.empty()) {
      conn = std::move(idle.back());
      idle.pop_back();
      conn->reused = true;
    } else {
      std::string err;
      conn = co_await Connect(route.upstream, &err);
      if (!conn) {
        if (EndWatch(client, *watch)) co_await watch->ended->async_wait(kTok);
        metrics_.Add("aigis_gateway_upstream_errors_total", "kind=\"connect\"");
        LogConnectFailure(ctx.id, route.upstream.host, err);
        co_return co_await ReplyError(client, req, ctx, 502, "api_error", "upstream unavailable",
                                      "upstream_connect");
      }
      conn->pool_key = key;
    }
    watch->up = conn.get();
    bool retry = false;
    if (conn->tls)
      xr = co_await Exchange(*conn->tls, *conn, client, req, ureq, ctx, *out, vault, watch, &retry);
    else
      xr = co_await Exchange(*conn->plain, *conn, client, req, ureq, ctx, *out, vault, watch,
                             &retry);
    watch->up = nullptr;
    if (retry && attempt == 0 && !watch->client_gone)
      continue;  // a pooled connection the upstream had closed
    break;
  }
  if (EndWatch(client, *watch)) co_await watch->ended->async_wait(kTok);
  if (watch->client_gone) {
    metrics_.Add("aigis_gateway_client_disconnects_total", "");
    xr.keep_client = false;
  }
  co_return xr.keep_client;
}

Task<std::unique_ptr<UpConn>> Gateway::Impl::Connect(const Upstream& up, std::string* err) {
  auto conn = std::make_unique<UpConn>();
  auto ex = co_await asio::this_coro::executor;
  tcp::resolver resolver(ex);
  auto [rec, results] = co_await resolver.async_resolve(up.host, up.port, kTok);
  if (rec) {
    *err = "resolve: " + rec.message();
    co_return nullptr;
  }
  uint32_t ms = runtime()->config.limits.connect_timeout_ms;
  if (up.tls) {
    conn->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(ex, ssl_);
  } else {
    conn->plain = std::make_unique<beast::tcp_stream>(ex);
  }
  beast::tcp_stream& low = conn->lowest();
  conn->buf.reserve(kReadBufferBytes);
  low.expires_after(std::chrono::milliseconds(ms));
  auto [cec, ep] = co_await low.async_connect(results, kTok);
  if (cec) {
    *err = "connect: " + cec.message();
    co_return nullptr;
  }
  beast::error_code ig;
  low.socket().set_option(tcp::no_delay(true), ig);
  if (up.tls) {
    // SNI and host-name verification against the configured name (RFC 6125), chain by OpenSSL.
    if (!SSL_set_tlsext_host_name(conn->tls->native_handle(), up.host.c_str())) {
      *err = "tls: cannot set SNI";
      co_return nullptr;
    }
    conn->tls->set_verify_callback(ssl::host_name_verification(up.host));
    auto [hec] = co_await conn->tls->async_handshake(ssl::stream_base::client, kTok);
    if (hec) {
      *err = "tls: " + hec.message();
      co_return nullptr;
    }
  }
  low.expires_never();
  co_return conn;
}

template <typename S>
Task<ExchangeResult> Gateway::Impl::Exchange(S& s, UpConn& conn, ClientStream& client,
                                             const Request& creq, const UpRequest& ureq,
                                             RequestCtx& ctx, guard::GuardScanner& out,
                                             const guard::Vault& vault,
                                             std::shared_ptr<Watch> watch, bool* retry) {
  ExchangeResult xr;
  const GatewayLimits& lim = ctx.rt->config.limits;
  beast::tcp_stream& low = conn.lowest();
  auto fail = [&](unsigned status, std::string_view kind,
                  std::string_view msg) -> Task<ExchangeResult> {
    metrics_.Add("aigis_gateway_upstream_errors_total", "kind=\"" + std::string(kind) + "\"");
    if (watch->client_gone) {
      ctx.status = 499;
      ctx.error = "client_disconnected";
      co_await AuditRequest(ctx);
      Finish(ctx);
      xr.keep_client = false;
      co_return xr;
    }
    xr.keep_client = co_await ReplyError(client, creq, ctx, status, "api_error", msg, kind);
    co_return xr;
  };
  double t0 = Now();
  Deadlines& deadlines = tl_worker->deadlines;
  std::array<asio::const_buffer, 2> uout = {asio::buffer(ureq.head), asio::buffer(ureq.body)};
  beast::error_code wec;
  if (!conn.tls) wec = SendNow(low.socket(), uout);
  // Covers what is left of the write and the wait for the response head.
  if (conn.tls)
    low.expires_after(std::chrono::milliseconds(lim.first_byte_timeout_ms));
  else
    deadlines.Set(conn.deadline, low.socket(), lim.first_byte_timeout_ms);
  if (asio::buffer_size(uout) > 0 && (conn.tls || wec == asio::error::would_block)) {
    auto [e, wn] = co_await asio::async_write(s, uout, kTok);
    wec = conn.deadline.fired ? beast::error::timeout : e;
  }
  if (wec) {
    if (conn.reused && !watch->client_gone) {
      *retry = true;
      co_return xr;
    }
    co_return co_await fail(502, "upstream_write", "upstream connection failed");
  }
  ctx.upstream_sent = true;
  http::response_parser<http::string_body> p;
  p.header_limit(kMaxUpstreamHeaderBytes);
  if (ctx.stream)
    p.body_limit(boost::none);
  else
    p.body_limit(lim.max_response_bytes);
  beast::error_code hec;
  if (conn.tls) {
    auto [e, hn] = co_await http::async_read_header(s, conn.buf, p, kTok);
    hec = e;
  } else {
    hec = co_await ReadPlain(low.socket(), conn.buf, p, true, conn.deadline);
    // The body reads set their own; a stream is bounded per read by Beast's timer.
    deadlines.Clear(conn.deadline);
  }
  if (hec) {
    if (conn.reused && !watch->client_gone &&
        (hec == http::error::end_of_stream || hec == asio::error::connection_reset)) {
      *retry = true;
      ctx.upstream_sent = false;
      co_return xr;
    }
    if (hec == beast::error::timeout)
      co_return co_await fail(504, "upstream_timeout", "upstream did not answer in time");
    co_return co_await fail(502, "upstream_protocol", "upstream sent no valid HTTP response");
  }
  ctx.upstream_s = Now() - t0;
  metrics_.ObserveUpstreamSeconds(ctx.upstream_s);
  unsigned ustatus = p.get().result_int();
  ctx.upstream_status = static_cast<int>(ustatus);
  auto read_body = [&](uint64_t limit) -> Task<beast::error_code> {
    p.body_limit(limit);
    if (!conn.tls) {
      deadlines.Set(conn.deadline, low.socket(), lim.idle_timeout_ms);
      co_return co_await ReadPlain(low.socket(), conn.buf, p, false, conn.deadline);
    }
    low.expires_after(std::chrono::milliseconds(lim.idle_timeout_ms));
    auto [bec, bn] = co_await http::async_read(s, conn.buf, p, kTok);
    co_return bec;
  };
  auto give_back = [&](bool ok) {
    if (conn.tls)
      low.expires_never();
    else
      deadlines.Clear(conn.deadline);
    watch->up = nullptr;  // from here on the client watch must not touch this connection
    // The watch closes the connection when the client leaves, possibly after the answer arrived:
    // a closed socket must not go back to the pool.
    if (!ok || !p.keep_alive() || !p.is_done() || draining_ || !low.socket().is_open()) return;
    auto& idle = tl_worker->pool[conn.pool_key];
    if (idle.size() >= kMaxIdlePerUpstream) return;
    // The UpConn is owned by Proxy's unique_ptr; hand over a fresh holder with the same stream.
    auto keep = std::make_unique<UpConn>();
    keep->pool_key = conn.pool_key;
    keep->plain = std::move(conn.plain);
    keep->tls = std::move(conn.tls);
    keep->buf = std::move(conn.buf);
    idle.push_back(std::move(keep));
  };
  if (ustatus >= 500) {
    co_return co_await fail(502, "upstream_5xx", "upstream error");
  }
  if (ustatus != 200) {
    // Upstream refusals (400 bad request, 401 bad upstream key, 429 upstream limits) pass on with
    // their status; their JSON is scanned like any answer, anything else becomes a 502.
    beast::error_code bec = co_await read_body(
        ctx.stream ? kMaxUpstreamErrorBytes
                   : std::min<uint64_t>(lim.max_response_bytes, kMaxUpstreamErrorBytes));
    if (bec) co_return co_await fail(502, "upstream_protocol", "upstream sent an unreadable error");
    auto ed = ParseJsonBody(p.get().body(), JsonLimits{});
    if (!ed.ok() || ustatus < 400)
      co_return co_await fail(502, "upstream_protocol", "upstream sent an unexpected answer");
    std::vector<TextLeaf> leaves;
    if (!CollectText(*ed, ctx.api, JsonLimits{}, &leaves).ok())
      co_return co_await fail(502, "upstream_protocol", "upstream sent an unexpected answer");
    GuardSummary gs = GuardDocument(out, leaves, nullptr, &vault);
    if (gs.verdict == Action::kBlock)
      co_return co_await fail(502, "upstream_blocked", "upstream error");
    give_back(true);
    ctx.error = "upstream_" + std::to_string(ustatus);
    xr.keep_client = co_await Reply(client, creq, ctx, ustatus,
                                    ed->dump(-1, ' ', false, Json::error_handler_t::replace));
    co_return xr;
  }
  if (!ctx.stream) {
    beast::error_code bec = co_await read_body(lim.max_response_bytes);
    if (bec == http::error::body_limit)
      co_return co_await fail(502, "upstream_too_large", "upstream answer too large");
    if (bec == beast::error::timeout)
      co_return co_await fail(504, "upstream_timeout", "upstream stalled");
    if (bec) co_return co_await fail(502, "upstream_protocol", "upstream answer was cut off");
    // simdjson as for requests. A duplicate member name is refused here too: the guard would scan
    // one value while an unmodified answer reaches the client with both, and a client parser
    // that keeps the first value would read text nobody scanned.
    auto ad = RequestBody::Parse(p.get().body(), JsonLimits{}, DuplicateNames::kRefuse);
    if (!ad.ok())
      co_return co_await fail(502, "upstream_garbage",
                              ad.status().message() == "json: duplicate member name"
                                  ? "upstream answer has a duplicate member name"
                                  : "upstream sent an answer that is not JSON");
    give_back(true);
    ad->ReadUsage(&ctx.usage);
    std::vector<std::string_view> texts;
    if (!ad->Texts(&texts).ok())
      co_return co_await fail(502, "upstream_garbage",
                              "upstream answer exceeds the gateway's JSON limits");
    std::vector<std::optional<std::string>> rewritten;
    GuardSummary gs = GuardTexts(out, texts, nullptr, &vault, &rewritten);
    ctx.out_verdict = gs.verdict;
    Detections("output", gs, ctx);
    if (gs.verdict == Action::kBlock) {
      xr.keep_client = co_await ReplyError(client, creq, ctx, 400, "invalid_request_error",
                                           "the answer was blocked by the aigis guard policy",
                                           "response_blocked");
      co_return xr;
    }
    if (ctx.audit_redactor) {
      std::string text;  // the answer as the client gets it (restored, redacted)
      for (size_t i = 0; i < texts.size(); ++i) {
        if (!text.empty()) text += "\n\n";
        text += i < rewritten.size() && rewritten[i] ? std::string_view(*rewritten[i]) : texts[i];
      }
      ctx.audit_response =
          RedactForAudit(*ctx.audit_redactor, std::string(Utf8Prefix(text, kAuditContentBytes)));
    }
    // Unchanged answers go out as received; the body is moved out last (ad points into it).
    std::string body = gs.modified ? ad->Render(rewritten, {}) : std::move(p.get().body());
    xr.keep_client = co_await Reply(client, creq, ctx, 200, std::move(body));
    co_return xr;
  }
  // Streaming: nothing reaches the client that the StreamGuard has not released.
  std::string_view ctype = p.get()[http::field::content_type];
  if (ctype.substr(0, 17) != "text/event-stream")
    co_return co_await fail(502, "upstream_protocol",
                            "upstream did not answer with an event stream");
  http::response<http::empty_body> head{http::status::ok, 11};
  head.set(http::field::content_type, "text/event-stream");
  head.set(http::field::cache_control, "no-cache");
  head.set("x-request-id", ctx.id);
  head.set(http::field::server, "aigis");
  head.keep_alive(creq.keep_alive() && !draining_);
  head.chunked(true);
  http::response_serializer<http::empty_body> sr{head};
  client.expires_after(std::chrono::milliseconds(lim.idle_timeout_ms));
  auto [hwec, hwn] = co_await http::async_write_header(client, sr, kTok);
  client.expires_never();
  ctx.status = 200;
  StreamLimits sl;
  StreamGuard sg(&out, ctx.api, &vault, sl);
  std::string transcript;
  if (ctx.audit_redactor) sg.set_transcript(&transcript, kAuditContentBytes);
  std::string ready;
  // The last released event is held back until another follows or the record is durable: the
  // final event ([DONE], message_stop, response.completed) is what tells an SDK the answer is
  // complete, so it must not leave before the audit record (the acknowledgement contract).
  std::string held;
  auto send = [&](std::string_view bytes) -> Task<bool> {
    if (bytes.empty()) co_return true;
    client.expires_after(std::chrono::milliseconds(lim.idle_timeout_ms));
    auto [ec, n] = co_await asio::async_write(
        client, http::make_chunk(asio::buffer(bytes.data(), bytes.size())), kTok);
    // A timer left armed would fire while the hold-back keeps the client waiting for text.
    client.expires_never();
    co_return !ec;
  };
  auto end_with = [&](std::string_view kind, std::string_view msg,
                      bool blocked) -> Task<ExchangeResult> {
    if (!blocked)
      metrics_.Add("aigis_gateway_upstream_errors_total", "kind=\"" + std::string(kind) + "\"");
    ctx.error = std::string(kind);
    ctx.out_verdict = sg.summary().verdict;
    Detections("output", sg.summary(), ctx);
    ctx.usage = sg.usage();
    std::string ev =
        StreamErrorEvent(ctx.style, blocked ? "invalid_request_error" : "api_error", msg, kind);
    bool ok = !watch->client_gone;
    if (!ok) {
      ctx.status = 499;
      ctx.error = "client_disconnected";
    }
    // A held event may be the final one ([DONE] before an upstream fault) and the last chunk
    // completes the response: neither leaves before the record is durable. The error event
    // itself tells the client the answer is incomplete, so it goes out either way.
    bool durable = co_await AuditRequest(ctx);
    co_await SettleLimits(ctx);  // before the last bytes, as in Reply
    if (ok && durable) ok = co_await send(held);
    if (ok) ok = co_await send(ev);
    if (durable && ok) {
      auto [ec, n] = co_await asio::async_write(client, http::make_chunk_last(), kTok);
      ok = !ec;
    }
    client.expires_never();
    if (watch->client_gone || !ok) {
      ctx.status = 499;
      ctx.error = "client_disconnected";
    }
    Finish(ctx);
    xr.keep_client = false;  // an answer that ended in an error is not worth resuming on
    co_return xr;
  };
  if (hwec) co_return co_await end_with("client_write", "client gone", false);
  while (!p.is_done()) {
    low.expires_after(std::chrono::milliseconds(lim.idle_timeout_ms));
    auto [rec, rn] = co_await http::async_read_some(s, conn.buf, p, kTok);
    if (rec && rec != http::error::need_buffer) {
      if (watch->client_gone)
        co_return co_await end_with("client_disconnected", "client gone", false);
      if (rec == beast::error::timeout)
        co_return co_await end_with("upstream_timeout", "upstream stalled", false);
      co_return co_await end_with("upstream_protocol", "upstream stream was cut off", false);
    }
    std::string chunk = std::move(p.get().body());
    p.get().body().clear();
    ready.clear();
    Status st = sg.Feed(chunk, &ready);
    if (!st.ok()) {
      if (sg.blocked())
        co_return co_await end_with("response_blocked",
                                    "the answer was blocked by the aigis guard policy", true);
      co_return co_await end_with("upstream_malformed_stream",
                                  "upstream sent a malformed event stream", false);
    }
    held += ready;
    size_t cut = LastEventStart(held);
    bool sent = co_await send(std::string_view(held).substr(0, cut));
    held.erase(0, cut);
    if (!sent) {
      watch->client_gone = true;
      co_return co_await end_with("client_disconnected", "client gone", false);
    }
  }
  ready.clear();
  Status st = sg.Finish(&ready);
  if (!st.ok()) {
    if (sg.blocked())
      co_return co_await end_with("response_blocked",
                                  "the answer was blocked by the aigis guard policy", true);
    co_return co_await end_with("upstream_malformed_stream",
                                "upstream sent a malformed event stream", false);
  }
  give_back(true);
  held += ready;
  bool ok = co_await send(std::string_view(held).substr(0, LastEventStart(held)));
  held.erase(0, LastEventStart(held));
  ctx.usage = sg.usage();
  if (!ctx.usage.total()) ctx.usage.output = sg.text_bytes() / 4;  // no usage event: estimate
  ctx.out_verdict = sg.summary().verdict;
  Detections("output", sg.summary(), ctx);
  if (ctx.audit_redactor)
    ctx.audit_response = RedactForAudit(*ctx.audit_redactor, std::move(transcript));
  if (!ok) {
    ctx.status = 499;
    ctx.error = "client_disconnected";
  }
  // The final event and the last chunk complete the response, so they wait for the durable
  // record; when it cannot be stored (fail closed) an error event replaces them.
  bool durable = co_await AuditRequest(ctx);
  co_await SettleLimits(ctx);  // before the final event and the last chunk, as in Reply
  if (ok && !durable) {
    co_await send(StreamErrorEvent(ctx.style, "api_error", "the request could not be recorded",
                                   "audit_unavailable"));
    ok = false;
  } else if (ok) {
    ok = co_await send(held);
    auto [ec, n] = co_await asio::async_write(client, http::make_chunk_last(), kTok);
    ok = ok && !ec;
    if (!ok) {
      ctx.status = 499;
      ctx.error = "client_disconnected";
    }
  }
  client.expires_never();
  Finish(ctx);
  xr.keep_client = ok && head.keep_alive();
  co_return xr;
}

Gateway::Gateway(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gateway::~Gateway() { impl_->Shutdown(); }

Result<std::unique_ptr<Gateway>> Gateway::Create(std::shared_ptr<const Runtime> runtime,
                                                 std::shared_ptr<state::LimitStore> limits,
                                                 std::unique_ptr<RequestLog> request_log,
                                                 LogSink log, GatewayAudit audit) {
  if (!runtime) return Status::InvalidArgument("gateway: no runtime");
  if (!limits) limits = std::make_shared<state::MemoryLimitStore>();
  return std::unique_ptr<Gateway>(new Gateway(
      std::make_unique<Impl>(std::move(runtime), std::move(limits), std::move(request_log),
                             std::move(log), std::move(audit))));
}

Status Gateway::Start() { return impl_->Start(); }
uint16_t Gateway::port() const { return impl_->port_; }
void Gateway::Reload(std::shared_ptr<const Runtime> runtime) { impl_->Reload(std::move(runtime)); }
void Gateway::Shutdown() { impl_->Shutdown(); }
Metrics& Gateway::metrics() { return impl_->metrics_; }

}  // namespace aigis::gateway
