#!/usr/bin/env bash
# A/B of two aigis binaries on this machine: both run side by side (guard on, 1 KiB prompts, one
# worker thread each, same nginx upstream) and wrk alternates between them, ROUNDS times per
# connection count. Per run it prints requests/s and the gateway's CPU time per request (all its
# threads, from /proc/<pid>/task/*/schedstat), which other work on a shared machine disturbs far
# less than requests/s or latency; compare medians. Nothing is written outside a temporary dir.
#   bench/gateway_ab.sh AIGIS_A AIGIS_B [seconds-per-run] [rounds] [connection counts...]
# e.g. bench/gateway_ab.sh /tmp/main/aigis build/release/src/cli/aigis 3 6 32 1
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
A=$1; B=$2; dur=${3:-3}; rounds=${4:-6}; shift $(( $# < 4 ? $# : 4 ))
conns=("$@"); [ ${#conns[@]} -gt 0 ] || conns=(32 1)
command -v wrk >/dev/null || { echo "wrk not installed (scripts/install-deps.sh)"; exit 2; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
# shellcheck source=bench/gateway_lib.sh
source "$here/gateway_lib.sh"
up_port=$(free_port); pa=$(free_port); pb=$(free_port)
start_nginx "$nginx_bin" "$up_port"
export AIGIS_BENCH_UPSTREAM_KEY=bench-upstream-key
for side in a b; do
  port=$pa; [ $side = b ] && port=$pb
  cat > "$work/$side.yaml" <<CONF
gateway:
  listen: 127.0.0.1:$port
  threads: 1
  keys_db: keys.sqlite
  log_file: $side.log
  routes:
    - {model: bench, provider: openai, upstream: "http://127.0.0.1:$up_port", api_key_env: AIGIS_BENCH_UPSTREAM_KEY}
CONF
done
key=$("$A" keys create --config "$work/a.yaml" --models bench --json | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
"$A" serve --config "$work/a.yaml" & pids+=($!); apid=$!
"$B" serve --config "$work/b.yaml" & pids+=($!); bpid=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$pa/readyz" >/dev/null 2>&1 && curl -sf "http://127.0.0.1:$pb/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
write_post_lua "$key"
cpu_ns() { awk '{s += $1} END {printf "%.0f", s}' /proc/"$1"/task/*/schedstat; }
# run PORT CONNS PID -> "rps cpu_ns_per_request"
run() {
  local t0 t1 rps p50 p99
  t0=$(cpu_ns "$3")
  read -r rps p50 p99 < <(wrk_run "port $1" "http://127.0.0.1:$1" "$2")
  t1=$(cpu_ns "$3")
  echo "$rps $(( (t1 - t0) / (rps * dur + 1) ))"
}
printf "%-6s %-5s %10s %12s %10s %12s %s\n" round conns A_req/s A_cpu_ns/req B_req/s B_cpu_ns/req load
for r in $(seq "$rounds"); do
  for c in "${conns[@]}"; do
    read -r arps acpu < <(run "$pa" "$c" "$apid")
    read -r brps bcpu < <(run "$pb" "$c" "$bpid")
    printf "%-6s %-5s %10s %12s %10s %12s %s\n" "$r" "$c" "$arps" "$acpu" "$brps" "$bcpu" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
