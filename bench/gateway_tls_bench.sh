#!/usr/bin/env bash
# Cost of TLS termination in the gateway: wrk against two `aigis serve` (one worker thread each,
# guard on, 1 KiB prompts) in front of nginx as a fixed fast upstream, one plain HTTP and one HTTPS
# (gateway.tls with a throwaway EC P-256 certificate made here by the openssl CLI). wrk keeps its
# connections alive, so this is the steady-state cost (record encryption), not the handshake.
# Prints requests/s and p50/p99 per setup at c=1 and c=<connections>; takes about 4 x DURATION s.
#   bench/gateway_tls_bench.sh [build-dir] [duration-seconds] [connections]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/dev}
dur=${2:-10}
conns=${3:-32}
aigis=$build/src/cli/aigis
command -v wrk >/dev/null || { echo "wrk not installed (scripts/install-deps.sh)"; exit 2; }
command -v openssl >/dev/null || { echo "openssl not installed"; exit 2; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "nginx not installed"; exit 2; }
# shellcheck source=bench/gateway_lib.sh
source "$here/gateway_lib.sh"
up_port=$(free_port); plain_port=$(free_port); tls_port=$(free_port)
start_nginx "$nginx_bin" "$up_port"

# Throwaway self-signed certificate (wrk does not verify).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1 \
  -keyout "$work/server.key" -out "$work/server.pem" 2>/dev/null
chmod 600 "$work/server.key"

export AIGIS_BENCH_UPSTREAM_KEY=bench-upstream-key
cat > "$work/aigis.yaml" <<CONF
gateway:
  listen: 127.0.0.1:$plain_port
  threads: 1
  keys_db: keys.sqlite
  log_file: gateway.log
  routes:
    - {model: bench, provider: openai, upstream: "http://127.0.0.1:$up_port", api_key_env: AIGIS_BENCH_UPSTREAM_KEY}
CONF
key=$("$aigis" keys create --config "$work/aigis.yaml" --models bench --json | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
"$aigis" serve --config "$work/aigis.yaml" & pids+=($!)
sed -e "s/127.0.0.1:$plain_port/127.0.0.1:$tls_port/" -e "s/gateway.log/gateway-tls.log/" \
  "$work/aigis.yaml" > "$work/aigis-tls.yaml"
printf '  tls: {cert_file: server.pem, key_file: server.key}\n' >> "$work/aigis-tls.yaml"
"$aigis" serve --config "$work/aigis-tls.yaml" & pids+=($!)
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$plain_port/readyz" >/dev/null 2>&1 && curl -sfk "https://127.0.0.1:$tls_port/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done

write_post_lua "$key"


echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-20s %12s %10s %10s\n" setup requests/s p50_us p99_us
for c in 1 "$conns"; do
  read -r p_rps p_50 p_99 < <(wrk_run plain "http://127.0.0.1:$plain_port" "$c")
  read -r t_rps t_50 t_99 < <(wrk_run tls "https://127.0.0.1:$tls_port" "$c")
  printf "%-20s %12s %10s %10s\n" "aigis http c=$c" "$p_rps" "$p_50" "$p_99"
  printf "%-20s %12s %10s %10s\n" "aigis https c=$c" "$t_rps" "$t_50" "$t_99"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
