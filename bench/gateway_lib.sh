# Shared by bench/gateway_bench.sh and bench/gateway_tls_bench.sh (sourced, not run): a work
# directory removed on exit with every started process, free loopback ports, the fixed upstream
# answer, the 1 KiB chat request as a wrk script, and one wrk run parsed into "rps p50_us p99_us".
# Expects $dur (seconds per wrk run) to be set by the caller.

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# What nginx answers as the fake upstream: a chat completion with usage.
bench_answer='{"id":"chatcmpl-bench","object":"chat.completion","created":0,"model":"bench","choices":[{"index":0,"message":{"role":"assistant","content":"The capital of France is Paris. It has been the capital for centuries and is known for the Eiffel Tower."},"finish_reason":"stop"}],"usage":{"prompt_tokens":260,"completion_tokens":24,"total_tokens":284}}'

# start_nginx BIN UP_PORT [HOP_PORT]: nginx (one worker) answering every request on UP_PORT with
# $bench_answer and, with HOP_PORT, a keep-alive proxy_pass hop to it there.
start_nginx() {
  local hop=""
  if [ -n "${3:-}" ]; then
    hop="upstream fake { server 127.0.0.1:$2; keepalive 128; }
  server {
    listen 127.0.0.1:$3;
    location / { proxy_pass http://fake; proxy_http_version 1.1; proxy_set_header Connection \"\"; }
  }"
  fi
  mkdir -p "$work/nginx"
  cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_buffer_size 64k;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$2;
    location / { default_type application/json; return 200 '$bench_answer'; }
  }
  $hop
}
CONF
  "$1" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' & pids+=($!)
}

# start_nginx_hop BIN HOP_PORT UP_PORT: a second nginx (own process, one worker) that is only a
# keep-alive proxy_pass hop to UP_PORT. The hop start_nginx adds shares its worker process and
# event loop with the upstream, so its requests never wait for another process to wake up; this
# one pays the two extra hand-offs between processes per request that aigis (or any proxy in
# front of a separate upstream) pays.
start_nginx_hop() {
  mkdir -p "$work/nginx-hop"
  cat > "$work/nginx-hop/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx-hop/nginx.pid;
error_log $work/nginx-hop/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_buffer_size 64k;
  client_body_temp_path $work/nginx-hop/body;
  proxy_temp_path $work/nginx-hop/proxy;
  keepalive_requests 1000000;
  upstream fake { server 127.0.0.1:$3; keepalive 128; }
  server {
    listen 127.0.0.1:$2;
    location / { proxy_pass http://fake; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
  "$1" -p "$work/nginx-hop" -c "$work/nginx-hop/nginx.conf" -g 'daemon off;' & pids+=($!)
}

# write_post_lua KEY: $work/post.lua posts a 1 KiB prompt of ordinary prose (no detections) as a
# chat completion with KEY as the bearer token.
write_post_lua() {
  local prompt body
  prompt=$(/usr/bin/python3 -c 'import sys; t="Please summarise the following notes about the history of Paris and its bridges. "; print((t*20)[:1024])')
  body=$(printf '{"model":"bench","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"%s"}]}' "$prompt")
  cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.path = "/v1/chat/completions"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $1"
wrk.body = [[$body]]
LUA
}

# wrk_run NAME URL CONNECTIONS -> "rps p50_us p99_us"; exits on a wrk failure or a non-2xx answer.
wrk_run() {
  local out
  out=$(wrk -t1 -c"$3" -d"${dur}s" --latency -s "$work/post.lua" "$2" 2>&1)
  if ! grep -q "Requests/sec" <<<"$out"; then echo "wrk failed for $1: $out" >&2; exit 1; fi
  if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers for $1: $out" >&2; exit 1; fi
  /usr/bin/python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
def us(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v); x = float(m.group(1))
    return x * {"us": 1, "ms": 1e3, "s": 1e6}[m.group(2)]
p = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
print(f"{rps:.0f} {us(p['50']):.0f} {us(p['99']):.0f}")
PY
}
