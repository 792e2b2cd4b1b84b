#!/usr/bin/env bash
# Gateway overhead benchmark: wrk against (1) nginx as a fixed fast upstream (direct), (2) an nginx
# proxy_pass hop in front of it (the practical floor for any proxy), (2b) the same hop in an nginx
# process of its own (the hop of (2) shares the upstream's worker process, so at one connection it
# skips the two wake-ups between processes that aigis pays per request; see docs/performance.md),
# (3) aigis serve with the guard on, 1 KiB prompts, (4) the same with the audit log on (SQLite,
# default durability: every response waits for its fsynced record, group commit). Everything runs
# on 127.0.0.1, is started and stopped by this script, and takes about 10 x DURATION seconds.
# Prints requests/s and p50/p99 per setup plus aigis's added latency over direct, its throughput
# against both hops, and the audit log's cost over aigis without it.
#   bench/gateway_bench.sh [build-dir] [duration-seconds] [connections]
# AIGIS_BENCH_THREADS sets the gateway's worker threads (default 1; gateway.threads defaults to all
# cores).
# Needs wrk and nginx (scripts/install-deps.sh). One worker each (nginx, aigis, wrk thread) so the
# comparison is per core; on a shared machine run it twice and compare.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/dev}
dur=${2:-10}
conns=${3:-32}
aigis=$build/src/cli/aigis
command -v wrk >/dev/null || { echo "wrk not installed (scripts/install-deps.sh)"; exit 2; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx not installed"; exit 2; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
# shellcheck source=bench/gateway_lib.sh
source "$here/gateway_lib.sh"
up_port=$(free_port); hop_port=$(free_port); hop2_port=$(free_port); gw_port=$(free_port)
gwa_port=$(free_port)
start_nginx "$nginx_bin" "$up_port" "$hop_port"
start_nginx_hop "$nginx_bin" "$hop2_port" "$up_port"

export AIGIS_BENCH_UPSTREAM_KEY=bench-upstream-key
cat > "$work/aigis.yaml" <<CONF
gateway:
  listen: 127.0.0.1:$gw_port
  threads: ${AIGIS_BENCH_THREADS:-1}
  keys_db: keys.sqlite
  log_file: gateway.log
  routes:
    - {model: bench, provider: openai, upstream: "http://127.0.0.1:$up_port", api_key_env: AIGIS_BENCH_UPSTREAM_KEY}
CONF
key=$("$aigis" keys create --config "$work/aigis.yaml" --models bench --json | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
"$aigis" serve --config "$work/aigis.yaml" & pids+=($!)
# The same gateway with the audit log on (same keys database, own port and log).
sed -e "s/127.0.0.1:$gw_port/127.0.0.1:$gwa_port/" -e "s/gateway.log/gateway-audit.log/" \
  "$work/aigis.yaml" > "$work/aigis-audit.yaml"
printf 'audit:\n  store: sqlite\n  path: %s/audit.db\n' "$work" >> "$work/aigis-audit.yaml"
"$aigis" serve --config "$work/aigis-audit.yaml" & pids+=($!)
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$gw_port/readyz" >/dev/null 2>&1 && curl -sf "http://127.0.0.1:$gwa_port/readyz" >/dev/null 2>&1 && curl -sf -X POST "http://127.0.0.1:$up_port/" >/dev/null 2>&1 && curl -sf -X POST "http://127.0.0.1:$hop2_port/" >/dev/null 2>&1 && break
  sleep 0.1
done

# A 1 KiB prompt of ordinary prose (no detections), sent as a chat completion.
write_post_lua "$key"


printf "%-28s %12s %10s %10s\n" setup requests/s p50_us p99_us
for c in 1 "$conns"; do
  read -r d_rps d_50 d_99 < <(wrk_run direct "http://127.0.0.1:$up_port" "$c")
  read -r n_rps n_50 n_99 < <(wrk_run nginx-hop "http://127.0.0.1:$hop_port" "$c")
  read -r o_rps o_50 o_99 < <(wrk_run nginx-hop-own "http://127.0.0.1:$hop2_port" "$c")
  read -r a_rps a_50 a_99 < <(wrk_run aigis "http://127.0.0.1:$gw_port" "$c")
  read -r u_rps u_50 u_99 < <(wrk_run aigis-audit "http://127.0.0.1:$gwa_port" "$c")
  printf "%-28s %12s %10s %10s\n" "direct c=$c" "$d_rps" "$d_50" "$d_99"
  printf "%-28s %12s %10s %10s\n" "nginx proxy_pass c=$c" "$n_rps" "$n_50" "$n_99"
  printf "%-28s %12s %10s %10s\n" "nginx hop own process c=$c" "$o_rps" "$o_50" "$o_99"
  printf "%-28s %12s %10s %10s\n" "aigis guard on c=$c" "$a_rps" "$a_50" "$a_99"
  printf "%-28s %12s %10s %10s\n" "aigis guard+audit c=$c" "$u_rps" "$u_50" "$u_99"
  printf "  aigis added p50 %s us, p99 %s us; nginx hop added p50 %s us, p99 %s us; aigis/nginx throughput %s%%\n" \
    $((a_50 - d_50)) $((a_99 - d_99)) $((n_50 - d_50)) $((n_99 - d_99)) $((100 * a_rps / n_rps))
  printf "  aigis/nginx hop in its own process throughput %s%% (that hop added p50 %s us)\n" \
    $((100 * a_rps / o_rps)) $((o_50 - d_50))
  printf "  audit log added p50 %s us, p99 %s us; throughput with audit %s%% of without\n" \
    $((u_50 - a_50)) $((u_99 - a_99)) $((100 * u_rps / a_rps))
done
records=$("$aigis" audit query --db "$work/audit.db" --limit 100000000 2>/dev/null | wc -l)
verify=$("$aigis" audit verify --db "$work/audit.db" >/dev/null 2>&1 && echo intact || echo FAILED)
echo "audit store: $records records, chain $verify"
