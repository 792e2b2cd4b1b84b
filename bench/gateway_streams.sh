#!/usr/bin/env bash
# Concurrent-streams benchmark of `aigis serve` (issue 6): N clients keep streaming chat completions
# through the gateway for SECONDS, against the in-repo fake upstream that streams each answer slowly
# (many small SSE events with a fixed delay between them). Measures completed/failed streams,
# time to the response head and to the first SSE data chunk, the largest gap between consecutive
# chunks of each stream (stalls), and the gateway's RSS once a second.
#   bench/gateway_streams.sh [build-dir] [seconds] [streams]        (defaults: build/dev 60 512)
# Everything runs on 127.0.0.1 (free ports, a temp dir), is started and stopped by this script and
# takes at most SECONDS + 30 s. Client: Debian's python3, stdlib only (asyncio, HTTP/1.1 keep-alive).
# Exit status: 0 when the run happened (whatever the figures), non-zero only on setup errors.
# The answer shape can be changed through the environment:
#   AIGIS_STREAMS_CHUNK_BYTES (256)   text bytes per upstream SSE event
#   AIGIS_STREAMS_DELAY_MS    (30)    upstream delay before each event
#   AIGIS_STREAMS_REPLY_BYTES (32768) answer text per stream
#   AIGIS_STREAMS_THREADS     (2)     gateway.threads
# With the default policy (guard.limits.stream_holdback 8 KiB, stream_step 2 KiB) the guard
# releases a stream's text once the upstream is 2 hold-backs + 1 step (18 KiB) ahead, then every
# 2 KiB of upstream text (docs/gateway.md "Streams"), so a client sees its first chunk ~18 KiB into
# the answer and then one burst per step. The default answer (32 KiB) is long enough for that to
# happen inside the stream; the script prints that expected release interval next to the measured
# gaps.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/dev}
secs=${2:-60}
streams=${3:-512}
chunk=${AIGIS_STREAMS_CHUNK_BYTES:-256}
delay=${AIGIS_STREAMS_DELAY_MS:-30}
reply_bytes=${AIGIS_STREAMS_REPLY_BYTES:-32768}
threads=${AIGIS_STREAMS_THREADS:-2}
aigis=$build/src/cli/aigis
# The fake upstream is a test target: a release build without tests can borrow the dev build's.
fake=${AIGIS_FAKE_UPSTREAM:-$build/tests/gateway/aigis-fake-upstream}
[ -x "$fake" ] || [ ! -x "$here/../build/dev/tests/gateway/aigis-fake-upstream" ] ||
  fake=$here/../build/dev/tests/gateway/aigis-fake-upstream
py=/usr/bin/python3
t_start=$(date +%s)

die() { echo "gateway_streams: $*" >&2; exit 2; }
[[ $secs =~ ^[0-9]+$ && $secs -ge 5 ]] || die "seconds must be an integer >= 5"
[[ $streams =~ ^[0-9]+$ && $streams -ge 1 ]] || die "streams must be a positive integer"
[ -x "$aigis" ] || die "$aigis not built (ninja -C $build aigis)"
[ -x "$fake" ] || die "$fake not built (ninja -C $build aigis-fake-upstream)"
[ -x "$py" ] || die "$py not found"
command -v curl >/dev/null || die "curl not installed"

# Each stream holds a client socket in the python client and a client and an upstream socket in
# the gateway; the fake upstream has one thread and socket per connection.
need_fds=$((2 * streams + 256))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need_fds" ]; then
  ulimit -n "$need_fds" 2>/dev/null || die "open-file limit $(ulimit -n) < $need_fds and cannot be raised"
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 30); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
up_port=$(free_port); gw_port=$(free_port)
[ "$up_port" != "$gw_port" ] || gw_port=$(free_port)

# Ordinary prose (nothing for the guard to find), cut to the answer length.
reply=$("$py" -c '
import sys
t = ("The bridges of Paris cross the Seine in many places, and each one has its own story: "
     "the oldest stone bridge still standing was finished early in the seventeenth century. ")
n = int(sys.argv[1]); print((t * (n // len(t) + 1))[:n])' "$reply_bytes")
"$fake" --port "$up_port" --chunk-bytes "$chunk" --delay-ms "$delay" --reply "$reply" \
  >"$work/upstream.log" 2>&1 & pids+=($!)

export AIGIS_STREAMS_UPSTREAM_KEY=bench-upstream-key
# Modelled on examples/gateway/aigis.yaml: default guard policy (injection blocks, PII and secrets
# redact) on prompts and answers, request log, no audit section. The gateway has no connection cap;
# the limits below only keep its timeouts far from the figures.
cat > "$work/aigis.yaml" <<CONF
guard:
  actions:
    pii: redact
    secret: redact
gateway:
  listen: 127.0.0.1:$gw_port
  threads: $threads
  keys_db: keys.sqlite
  request_log: requests.jsonl
  log_file: gateway.log
  routes:
    - {model: bench-stream, provider: openai, upstream: "http://127.0.0.1:$up_port", api_key_env: AIGIS_STREAMS_UPSTREAM_KEY}
  limits:
    max_body_bytes: 4194304
    request_timeout_ms: 60000
    first_byte_timeout_ms: 60000
    idle_timeout_ms: 30000
    drain_timeout_ms: 2000
CONF
# No per-key limits (rpm, tpm, concurrency, budget all 0 = unlimited).
key=$("$aigis" keys create --config "$work/aigis.yaml" --name bench --models bench-stream --json |
      sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
[ -n "$key" ] || die "aigis keys create gave no key"
"$aigis" serve --config "$work/aigis.yaml" 2>"$work/serve.stderr" & gw_pid=$!; pids+=($gw_pid)
ready=0
for _ in $(seq 100); do
  if curl -sf "http://127.0.0.1:$gw_port/readyz" >/dev/null 2>&1; then ready=1; break; fi
  kill -0 "$gw_pid" 2>/dev/null || break
  sleep 0.1
done
[ "$ready" = 1 ] || { cat "$work/serve.stderr" "$work/gateway.log" 2>/dev/null | tail -20 >&2; die "aigis serve did not become ready"; }
grep -q "fake upstream on" "$work/upstream.log" || { sleep 0.5; grep -q "fake upstream on" "$work/upstream.log" || die "fake upstream did not start: $(cat "$work/upstream.log")"; }

events=$(( (reply_bytes + chunk - 1) / chunk ))
echo "gateway_streams: $streams streams for ${secs}s; upstream: ${reply_bytes} B answers in $events events of ${chunk} B, ${delay} ms apart (~$(( events * delay )) ms per stream); aigis threads: $threads; cores: $(nproc)"
echo "load before: $(uptime)"

# Hard bound: the client stops starting streams at SECONDS, waits at most 15 s for those in
# flight, and is killed by timeout(1) if it still runs at SECONDS + 22. It runs in the background
# so that SIGINT/SIGTERM reach the trap (and the cleanup) at once.
cat > "$work/client.py" <<'PY'
import asyncio, os, sys, time

port, secs, n, gw_pid = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
delay_ms, chunk_b, reply_b, uptime_file = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), sys.argv[8]
key = os.environ["AIGIS_STREAMS_KEY"]
HOLDBACK = 8192  # guard.limits.stream_holdback default (guard/guard_limits.h)
STEP = 2048  # guard.limits.stream_step default
GRACE = 15.0     # after SECONDS: wait this long for streams in flight

body = ('{"model":"bench-stream","stream":true,"messages":[{"role":"user","content":'
        '"Tell me about the bridges of Paris."}]}').encode()
req = (b"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
       b"Authorization: Bearer " + key.encode() + b"\r\nContent-Type: application/json\r\n"
       b"Accept: text/event-stream\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)

ok_ttfb, ok_ttfc, ok_gap, ok_dur = [], [], [], []
fails = {}
state = {"inflight": 0, "started": 0, "cut": 0}

def fail(kind):
    fails[kind] = fails.get(kind, 0) + 1

async def one_stream(reader, writer):
    """One request on a kept-alive connection. Returns True if the connection can be reused."""
    t0 = time.monotonic()
    writer.write(req)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed before the response")
    t_head = time.monotonic()
    parts = status_line.split()
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    chunked, clen, close = False, None, False
    while True:
        h = await reader.readline()
        if h in (b"\r\n", b"\n", b""):
            break
        name, _, val = h.decode("latin-1").partition(":")
        name, val = name.strip().lower(), val.strip().lower()
        if name == "transfer-encoding" and "chunked" in val: chunked = True
        elif name == "content-length": clen = int(val)
        elif name == "connection" and "close" in val: close = True
    if status != 200 or not chunked:
        if clen: await reader.readexactly(clen)
        fail(f"http_{status}")
        return not close and clen is not None
    last = None
    first = None
    max_gap = 0.0
    tail = b""
    done = errored = False
    while True:
        size_line = await reader.readline()
        if not size_line:
            raise ConnectionError("closed inside the stream")
        size = int(size_line.split(b";")[0].strip() or b"0", 16)
        if size == 0:
            await reader.readline()  # the CRLF after the last chunk (no trailers)
            break
        data = await reader.readexactly(size + 2)
        now = time.monotonic()
        if first is None:
            first = now
        else:
            max_gap = max(max_gap, now - last)
        last = now
        scan = tail + data
        if b"data: [DONE]" in scan: done = True
        if b'"error"' in scan: errored = True
        tail = data[-16:]
    if errored: fail("error_event")
    elif not done: fail("no_done")
    else:
        ok_ttfb.append(t_head - t0)
        ok_ttfc.append((first or now) - t0)
        ok_gap.append(max_gap)
        ok_dur.append(time.monotonic() - t0)
    return not close

async def client(i, t_end):
    await asyncio.sleep(i * 1.0 / n)  # spread the first requests over one second
    reader = writer = None
    while time.monotonic() < t_end:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            state["inflight"] += 1; state["started"] += 1
            try:
                keep = await one_stream(reader, writer)
            finally:
                state["inflight"] -= 1
            if not keep:
                writer.close(); writer = None
        except asyncio.CancelledError:
            state["cut"] += 1
            raise
        except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError) as e:
            fail(type(e).__name__)
            if writer is not None:
                writer.close()
            writer = None
            await asyncio.sleep(0.05)
    if writer is not None:
        writer.close()

def rss_kib():
    try:
        with open(f"/proc/{gw_pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None

async def sampler(t0, t_stop, samples):
    uptime_taken = False
    while time.monotonic() < t_stop:
        r = rss_kib()
        if r is not None:
            samples.append((time.monotonic() - t0, r, state["inflight"]))
        if not uptime_taken and time.monotonic() - t0 > secs / 2:
            uptime_taken = True
            proc = await asyncio.create_subprocess_exec("uptime", stdout=asyncio.subprocess.PIPE)
            out, _ = await proc.communicate()
            with open(uptime_file, "w") as f: f.write(out.decode().strip())
        await asyncio.sleep(1.0)

def cpu_s():  # user + system CPU seconds of the gateway
    try:
        with open(f"/proc/{gw_pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None

def pct(xs, p):
    if not xs: return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(p / 100.0 * len(xs) + 0.5)) - 1))]

async def main():
    t0 = time.monotonic()
    t_end = t0 + secs
    samples = []
    samp = asyncio.create_task(sampler(t0, t_end + GRACE, samples))
    tasks = [asyncio.create_task(client(i, t_end)) for i in range(n)]
    await asyncio.sleep(secs)
    cpu.append(cpu_s())
    done, pending = await asyncio.wait(tasks, timeout=GRACE)
    for t in pending: t.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    samp.cancel()
    await asyncio.gather(samp, return_exceptions=True)
    return samples

cpu = [cpu_s()]
samples = asyncio.run(main())
ms = lambda s: f"{s * 1000:8.0f}"
events = (reply_b + chunk_b - 1) // chunk_b
stream_s = events * delay_ms / 1000.0
release_every = STEP / chunk_b * delay_ms / 1000.0 if reply_b > 2 * HOLDBACK + STEP else 0.0
nfail = sum(fails.values())
print(f"streams started {state['started']}, completed {len(ok_gap)}, failed {nfail}"
      f"{' ' + str(fails) if fails else ''}, still running at the cut-off {state['cut']}")
if ok_gap:
    print(f"{'':34s} {'p50':>8s} {'p99':>8s} {'max':>8s}  (ms, completed streams)")
    for name, xs in (("response head (TTFB)", ok_ttfb), ("first SSE chunk (TTFC)", ok_ttfc),
                     ("largest inter-chunk gap", ok_gap), ("whole stream", ok_dur)):
        print(f"  {name:32s} {ms(pct(xs, 50))} {ms(pct(xs, 99))} {ms(max(xs))}")
    # The upstream sends one event every delay_ms, but the guard releases text in bursts of one
    # stream_step of upstream text, so the expected gap is that burst interval.
    expect = max(delay_ms / 1000.0, release_every)
    stall_at = 2 * expect + 0.5
    stalls = sum(1 for g in ok_gap if g > stall_at)
    gt10 = sum(1 for g in ok_gap if g > 10 * delay_ms / 1000.0)
    print(f"  upstream: {events} events {delay_ms} ms apart = {stream_s * 1000:.0f} ms per answer; "
          f"guard release interval expected {release_every * 1000:.0f} ms "
          f"({STEP} B step / {chunk_b} B per event x {delay_ms} ms); first chunk expected "
          f"after ~{min(events, (2 * HOLDBACK + STEP) // chunk_b) * delay_ms:.0f} ms")
    print(f"  stalls (largest gap > 2 x expected interval + 500 ms = {stall_at * 1000:.0f} ms): "
          f"{stalls} of {len(ok_gap)}; gaps > 10 x upstream delay ({10 * delay_ms} ms): {gt10}")
warm = min(10.0, secs / 6.0)
run = [(t, r) for t, r, _ in samples if warm <= t <= secs]
if run:
    ts = [t for t, _ in run]; rs = [r for _, r in run]
    mt, mr = sum(ts) / len(ts), sum(rs) / len(rs)
    den = sum((t - mt) ** 2 for t in ts)
    slope = sum((t - mt) * (r - mr) for t, r in run) / den * 60 if den else 0.0
    # The same over the second half only: the heap settles at its high-water mark within the
    # first half minute of load (a one-time rise the whole-run slope spreads over the run), while a
    # leak keeps its slope in the second half.
    half = [(t, r) for t, r in run if t >= (ts[0] + ts[-1]) / 2]
    h_ts = [t for t, _ in half]; h_rs = [r for _, r in half]
    h_mt, h_mr = sum(h_ts) / len(h_ts), sum(h_rs) / len(h_rs)
    h_den = sum((t - h_mt) ** 2 for t in h_ts)
    h_slope = sum((t - h_mt) * (r - h_mr) for t, r in half) / h_den * 60 if h_den else 0.0
    allr = [r for _, r, _ in samples]
    lt, lr, lf = samples[-1]
    print(f"aigis RSS: before load {allr[0]} KiB, start (after {warm:.0f} s warm-up) {rs[0]} KiB, "
          f"max {max(allr)} KiB, end of load {rs[-1]} KiB, last sample {lr} KiB "
          f"({lt:.0f} s, {lf} streams still in flight); "
          f"slope {slope:+.0f} KiB/min over {ts[-1] - ts[0]:.0f} s ({len(run)} samples, least squares), "
          f"{h_slope:+.0f} KiB/min over the second half ({h_ts[-1] - h_ts[0]:.0f} s)")
    print("RSS samples (s:KiB:in-flight): " + " ".join(f"{t:.0f}:{r}:{f}" for t, r, f in samples))
else:
    print("aigis RSS: no samples (gateway gone?)")
if None not in cpu:
    print(f"aigis CPU during the {secs} s of load: {cpu[1] - cpu[0]:.1f} s user+system "
          f"({100 * (cpu[1] - cpu[0]) / secs:.0f} % of one core)")
PY
AIGIS_STREAMS_KEY=$key timeout -k 2 $((secs + 22)) "$py" "$work/client.py" "$gw_port" "$secs" \
  "$streams" "$gw_pid" "$delay" "$chunk" "$reply_bytes" "$work/uptime.txt" & client_pid=$!
pids+=($client_pid)
rc=0
wait "$client_pid" || rc=$?
echo "load mid-run: $(cat "$work/uptime.txt" 2>/dev/null || echo '?')"
echo "load after:   $(uptime)"
kill -0 "$gw_pid" 2>/dev/null || echo "gateway_streams: aigis serve is no longer running" >&2
errs=$(grep -c '"level":"error"' "$work/gateway.log" 2>/dev/null || true)
echo "gateway log: $(wc -l < "$work/gateway.log" 2>/dev/null || echo 0) lines, ${errs:-0} at level error; statuses in the request log:" \
  "$(sed -n 's/.*"status":\([0-9]*\).*/\1/p' "$work/requests.jsonl" 2>/dev/null | sort | uniq -c | tr -s ' \n' ' ')"
upstream_err=$(sed -n 's/.*"error":"\([^"]*\)".*/\1/p' "$work/requests.jsonl" 2>/dev/null | sort | uniq -c | tr -s ' \n' ' ')
[ -z "$upstream_err" ] || echo "errors in the request log: $upstream_err"
echo "elapsed: $(( $(date +%s) - t_start )) s"
[ "$rc" = 0 ] || die "client exited with status $rc"
