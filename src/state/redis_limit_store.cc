#include "state/redis_limit_store.h"

#include <hiredis/hiredis.h>
#include <openssl/evp.h>
#include <sys/time.h>

#include <algorithm>
#include <random>
#include <vector>

namespace aigis::state {

namespace {

// KEYS[1] = base key. ARGV: window_ms, requests_per_window, tokens_per_window, max_concurrent,
// lease_ms, token_budget, estimated_tokens, reservation id, record ttl ms.
// Returns {decision, window}: 0 allowed, 1 rate, 2 token rate, 3 concurrency, 4 budget,
// 5 cancelled (a Reconcile of this id ran first: possible only after a client-side timeout, when
// the caller gave up on this call and cancelled it before the server got to run it).
// An admitted reservation leaves a record <base>:rsv:<id> = "<window>:<estimate>" (expires after
// the record ttl) that Reconcile settles exactly once.
constexpr const char* kReserveLua = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local win = tonumber(ARGV[1])
local rl, tl, mc = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local lease, budget, est, id = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8]
local keep = tonumber(ARGV[9])
local base = KEYS[1]
local cur = math.floor(now / win)
local rec = base .. ':rsv:' .. id
if redis.call('EXISTS', rec) == 1 then return {5, cur} end
local frac = (now - cur * win) / win
local function weighted(kind)
  local c = tonumber(redis.call('GET', base .. ':' .. kind .. ':' .. cur) or '0')
  local p = tonumber(redis.call('GET', base .. ':' .. kind .. ':' .. (cur - 1)) or '0')
  return c + p * (1 - frac)
end
if rl > 0 and weighted('r') + 1 > rl then return {1, cur} end
if tl > 0 and weighted('t') + est > tl then return {2, cur} end
if budget > 0 then
  local spent = tonumber(redis.call('GET', base .. ':spent') or '0')
  if spent + est > budget then return {4, cur} end
end
if mc > 0 then
  redis.call('ZREMRANGEBYSCORE', base .. ':c', '-inf', now)
  if redis.call('ZCARD', base .. ':c') >= mc then return {3, cur} end
  redis.call('ZADD', base .. ':c', now + lease, id)
  redis.call('PEXPIRE', base .. ':c', lease)
end
local rk, tk = base .. ':r:' .. cur, base .. ':t:' .. cur
redis.call('INCR', rk)
redis.call('PEXPIRE', rk, 2 * win)
redis.call('INCRBY', tk, est)
redis.call('PEXPIRE', tk, 2 * win)
redis.call('INCRBY', base .. ':spent', est)
redis.call('SET', rec, cur .. ':' .. est, 'PX', keep)
return {0, cur}
)lua";

// KEYS[1] = base key. ARGV: actual tokens, reservation id, record ttl ms. Returns {1} when it
// settled the reservation, {0} when there was nothing to settle (settled already, expired, or
// never counted: then a tombstone makes a Reserve of this id that runs later count nothing).
// The concurrency slot is freed either way.
constexpr const char* kReconcileLua = R"lua(
local base, actual, id, keep = KEYS[1], tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])
local rk = base .. ':rsv:' .. id
redis.call('ZREM', base .. ':c', id)
local rec = redis.call('GET', rk)
if not rec then
  redis.call('SET', rk, 'x', 'PX', keep)
  return {0}
end
local sep = string.find(rec, ':', 1, true)
if not sep then return {0} end
local win, est = string.sub(rec, 1, sep - 1), tonumber(string.sub(rec, sep + 1))
local delta = actual - est
local tk = base .. ':t:' .. win
if redis.call('EXISTS', tk) == 1 then redis.call('INCRBY', tk, delta) end
redis.call('INCRBY', base .. ':spent', delta)
redis.call('DEL', rk)
return {1}
)lua";

std::string Sha1Hex(const std::string& s) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(s.data(), s.size(), md, &len, EVP_sha1(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

const std::string& ReserveSha() {
  static const std::string sha = Sha1Hex(kReserveLua);
  return sha;
}
const std::string& ReconcileSha() {
  static const std::string sha = Sha1Hex(kReconcileLua);
  return sha;
}

timeval Tv(int ms) {
  timeval tv;
  tv.tv_sec = ms / 1000;
  tv.tv_usec = (ms % 1000) * 1000;
  return tv;
}

struct ReplyFree {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using Reply = std::unique_ptr<redisReply, ReplyFree>;

}  // namespace

void RedisLimitStore::CtxFree::operator()(redisContext* c) const { redisFree(c); }

RedisLimitStore::RedisLimitStore(RedisOptions opts) : opts_(std::move(opts)) {
  std::random_device rd;
  instance_id_ = std::to_string((uint64_t{rd()} << 32) | rd());
}
RedisLimitStore::~RedisLimitStore() = default;

void RedisLimitStore::BackOff() {
  down_until_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(opts_.retry_after_ms);
}

int64_t RedisLimitStore::RecordTtlMs() const {
  return opts_.record_ttl_ms > 0 ? opts_.record_ttl_ms : 1;
}

std::string RedisLimitStore::Base(const std::string& key) const {
  // The hash tag keeps all of one key's counters in one Redis Cluster slot (scripts need that).
  return opts_.key_prefix + ":{" + key + "}";
}

Status RedisLimitStore::EnsureConnected() {
  if (ctx_ && ctx_->err == 0) return Status::Ok();
  if (std::chrono::steady_clock::now() < down_until_)
    return Status::IOError("redis: unavailable, backing off after a failure");
  ctx_.reset(redisConnectWithTimeout(opts_.host.c_str(), opts_.port, Tv(opts_.connect_timeout_ms)));
  if (!ctx_) return Status::IOError("redis: out of memory");
  if (ctx_->err) {
    std::string msg = ctx_->errstr;
    ctx_.reset();
    BackOff();
    return Status::IOError("redis: connect to " + opts_.host + ":" + std::to_string(opts_.port) +
                           ": " + msg);
  }
  redisSetTimeout(ctx_.get(), Tv(opts_.command_timeout_ms));
  if (!opts_.password.empty()) {
    const char* argv[] = {"AUTH", opts_.password.c_str()};
    size_t lens[] = {4, opts_.password.size()};
    Reply r(static_cast<redisReply*>(redisCommandArgv(ctx_.get(), 2, argv, lens)));
    if (!r || r->type == REDIS_REPLY_ERROR) {
      ctx_.reset();
      return Status::IOError("redis: authentication failed");  // never echo the password
    }
  }
  return Status::Ok();
}

Result<std::vector<int64_t>> RedisLimitStore::RunScript(const std::string& sha,
                                                        const std::string& body,
                                                        const std::vector<std::string>& keys,
                                                        const std::vector<std::string>& args,
                                                        bool* maybe_ran) {
  *maybe_ran = false;
  AIGIS_RETURN_IF_ERROR(EnsureConnected());
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::vector<std::string> parts = {"EVALSHA", sha, std::to_string(keys.size())};
    parts.insert(parts.end(), keys.begin(), keys.end());
    parts.insert(parts.end(), args.begin(), args.end());
    std::vector<const char*> argv;
    std::vector<size_t> lens;
    for (const auto& p : parts) {
      argv.push_back(p.data());
      lens.push_back(p.size());
    }
    Reply r(static_cast<redisReply*>(
        redisCommandArgv(ctx_.get(), static_cast<int>(argv.size()), argv.data(), lens.data())));
    if (!r) {
      // Timeout or connection loss: the context is unusable; reconnect after the back-off. The
      // script may have run (the request may have been sent before the reply was lost).
      *maybe_ran = true;
      std::string msg = ctx_->errstr;
      ctx_.reset();
      BackOff();
      return Status::IOError("redis: " + msg);
    }
    if (r->type == REDIS_REPLY_ERROR) {
      std::string err(r->str, r->len);
      if (attempt == 0 && err.rfind("NOSCRIPT", 0) == 0) {
        const char* load[] = {"SCRIPT", "LOAD", body.c_str()};
        size_t load_lens[] = {6, 4, body.size()};
        Reply l(static_cast<redisReply*>(redisCommandArgv(ctx_.get(), 3, load, load_lens)));
        if (!l || l->type == REDIS_REPLY_ERROR) {
          if (!l) ctx_.reset();
          return Status::IOError("redis: SCRIPT LOAD failed");
        }
        continue;
      }
      return Status::IOError("redis: script error: " + err);
    }
    if (r->type != REDIS_REPLY_ARRAY) return Status::Internal("redis: unexpected script reply");
    std::vector<int64_t> out;
    for (size_t i = 0; i < r->elements; ++i) {
      if (r->element[i]->type != REDIS_REPLY_INTEGER)
        return Status::Internal("redis: unexpected script reply element");
      out.push_back(r->element[i]->integer);
    }
    return out;
  }
  return Status::IOError("redis: script could not be loaded");
}

ReserveResult RedisLimitStore::Reserve(const std::string& key, const LimitPolicy& p,
                                       int64_t estimated_tokens) {
  estimated_tokens = std::max<int64_t>(estimated_tokens, 0);  // a negative estimate would refund
  ReserveResult res;
  std::lock_guard<std::mutex> lk(mu_);
  std::string id = instance_id_ + "-" + std::to_string(++next_id_);
  bool maybe_ran = false;
  auto r = RunScript(
      ReserveSha(), kReserveLua, {Base(key)},
      {std::to_string(p.window_ms > 0 ? p.window_ms : 1), std::to_string(p.requests_per_window),
       std::to_string(p.tokens_per_window), std::to_string(p.max_concurrent),
       std::to_string(p.lease_ms), std::to_string(p.token_budget), std::to_string(estimated_tokens),
       id, std::to_string(RecordTtlMs())},
      &maybe_ran);
  if (!r.ok() || r->size() != 2) {
    res.detail = r.ok() ? "redis: malformed reply" : r.error().message();
    if (maybe_ran) {
      res.outcome_unknown = true;
      res.reservation = {key, id, 0, estimated_tokens, /*enforced=*/false};
    }
    if (opts_.fail_open) {
      res.decision = Decision::kAllowed;
      res.reservation = {key, id, 0, estimated_tokens, /*enforced=*/false};
    } else {
      res.decision = Decision::kStoreUnavailable;
    }
    return res;
  }
  static constexpr Decision kMap[] = {Decision::kAllowed, Decision::kRateLimited,
                                      Decision::kTokenRateLimited, Decision::kConcurrencyLimited,
                                      Decision::kBudgetExhausted};
  int64_t code = (*r)[0];
  res.decision = code >= 0 && code <= 4 ? kMap[code] : Decision::kStoreUnavailable;
  if (code == 5) res.detail = "redis: reservation was cancelled before it ran";
  if (res.decision == Decision::kAllowed)
    res.reservation = {key, id, (*r)[1], estimated_tokens, true};
  return res;
}

Status RedisLimitStore::Reconcile(const Reservation& rsv, int64_t actual_tokens) {
  actual_tokens = std::max<int64_t>(actual_tokens, 0);
  if (!rsv.enforced) return Status::Ok();
  std::lock_guard<std::mutex> lk(mu_);
  bool maybe_ran = false;
  auto r =
      RunScript(ReconcileSha(), kReconcileLua, {Base(rsv.key)},
                {std::to_string(actual_tokens), rsv.id, std::to_string(RecordTtlMs())}, &maybe_ran);
  return r.status();
}

Result<int64_t> RedisLimitStore::BudgetSpent(const std::string& key) {
  std::lock_guard<std::mutex> lk(mu_);
  AIGIS_RETURN_IF_ERROR(EnsureConnected());
  std::string k = Base(key) + ":spent";
  const char* argv[] = {"GET", k.c_str()};
  size_t lens[] = {3, k.size()};
  Reply r(static_cast<redisReply*>(redisCommandArgv(ctx_.get(), 2, argv, lens)));
  if (!r) {
    std::string msg = ctx_->errstr;
    ctx_.reset();
    return Status::IOError("redis: " + msg);
  }
  if (r->type == REDIS_REPLY_NIL) return int64_t{0};
  if (r->type != REDIS_REPLY_STRING) return Status::Internal("redis: unexpected GET reply");
  return static_cast<int64_t>(std::stoll(std::string(r->str, r->len)));
}

}  // namespace aigis::state
