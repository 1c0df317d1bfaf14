#!/usr/bin/env bash
# Loopback load test of the prediction server: wrk POSTs /v1/predict for a bounded time at 1, 8 and 64 connections
# against xent-bench's ServeBenchMain (a fastText-shaped random classifier: 10k words, 100k bigram buckets, dim 100,
# 4 labels) and reports requests/s, p50/p99 latency, errors (must be zero) and the server's RSS before and after.
# Only ever targets 127.0.0.1. Usage: bench/serve.sh   (env: DURATION=10s CONNECTIONS="1 8 64" PORT=18080
# WARMUP=5s HEAP=512m SOAK=0: with e.g. SOAK=60 also runs 64 connections for 60 s and samples RSS every 10 s). Exit status 1 when any run had a non-2xx answer or a socket error.
# A trained model instead of the random one: MODEL=runs/sst2/model.xent TEXTS=texts.txt bench/serve.sh — serves the
# bundle with the real `xent serve` command and POSTs each line of TEXTS (one text per line; k cycles 1..3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
cd "$root"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-1 8 64}"
PORT="${PORT:-18080}"
WARMUP="${WARMUP:-5s}"
HEAP="${HEAP:-512m}"
HOST=127.0.0.1  # loopback only, by design

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
JAVA_HOME="$("$root/scripts/find-jdk.sh")"
out="$root/xent-cli/target/bench-serve"  # outputs stay out of git
mkdir -p "$out"

cp="$(bench_classpath)"

requests="$out/predict-requests.jsonl"
if [ -n "${MODEL:-}" ]; then
  [ -f "$MODEL" ] || { echo "MODEL=$MODEL: no such file (give a bundle written by xent train)" >&2; exit 2; }
  [ -f "${TEXTS:-}" ] || { echo "TEXTS='${TEXTS:-}': give a file of texts, one per line, to send to the model" >&2; exit 2; }
  # JSON-escape each text; k cycles 1, 2, 3
  python3 - "$TEXTS" "$requests" <<'PY'
import json, sys
texts = [t.strip() for t in open(sys.argv[1], encoding="utf-8") if t.strip()]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for i, t in enumerate(texts):
        f.write(json.dumps({"text": t, "k": 1 + i % 3}) + "\n")
PY
  server_cmd=(dev.xent.cli.Main serve "$MODEL" --host "$HOST" --port "$PORT")
  ready='^serving'
else
  "$JAVA_HOME/bin/java" -cp "$cp" dev.xent.bench.serve.ServeBenchMain requests "$requests" --count 512 --seed 2
  server_cmd=(dev.xent.bench.serve.ServeBenchMain serve --host "$HOST" --port "$PORT")
  ready='^listening'
fi

echo "== starting the server on $HOST:$PORT (-Xmx$HEAP): ${server_cmd[*]}"
"$JAVA_HOME/bin/java" -Xmx"$HEAP" --add-modules jdk.incubator.vector -cp "$cp" "${server_cmd[@]}" \
  >"$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q "$ready" "$out/server.log" && break
  kill -0 "$server" 2>/dev/null || { echo "server died:" >&2; cat "$out/server.log" >&2; exit 2; }
  sleep 0.2
done
grep -q "$ready" "$out/server.log" || { echo "server did not start in 20 s" >&2; cat "$out/server.log" >&2; exit 2; }
rss_mib() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server/status"; }
# "live/committed": heap used right after a full GC, and heap committed, in MiB. A leak shows as growth of the
# first; RSS follows the second (G1 sizing the heap within -Xmx), not the live data.
live_mib() {
  "$JAVA_HOME/bin/jcmd" "$server" GC.run >/dev/null
  "$JAVA_HOME/bin/jcmd" "$server" GC.heap_info \
    | sed -nE 's/.* committed ([0-9]+)K, used ([0-9]+)K.*/\2 \1/p' | head -1 \
    | awk '{printf "%.0f/%.0f", $1/1024, $2/1024}'
}
# peak RSS while a command runs, in MiB
with_peak_rss() {
  local peak=0 r
  "$@" & local job=$!
  while kill -0 "$job" 2>/dev/null; do
    r=$(rss_mib); [ "$r" -gt "$peak" ] && peak=$r
    sleep 0.5
  done
  wait "$job"
  echo "$peak" >"$out/peak-rss"
}
url="http://$HOST:$PORT"
curl -fsS "$url/v1/health" >/dev/null
rss_start=$(rss_mib)
live_start=$(live_mib)

echo "== warm-up $WARMUP at 8 connections (JIT; not reported)"
wrk -t 2 -c 8 -d "$WARMUP" -s bench/serve_predict.lua "$url" -- "$requests" >"$out/wrk-warmup.txt"
rss_warm=$(rss_mib)
live_warm=$(live_mib)

failed=0
rows=()
get() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$line"; }  # a field of wrk's RESULT line in $line
for c in $CONNECTIONS; do
  t=$(( c < 2 ? 1 : 2 ))  # wrk needs connections >= threads
  echo "== $c connection(s), $t thread(s), $DURATION"
  with_peak_rss wrk -t "$t" -c "$c" -d "$DURATION" --latency -s bench/serve_predict.lua "$url" -- "$requests" \
    >"$out/wrk-c$c.txt"
  cat "$out/wrk-c$c.txt"
  line=$(grep '^RESULT' "$out/wrk-c$c.txt")
  errors=$(( $(get connect_errors) + $(get read_errors) + $(get write_errors) + $(get timeouts) + $(get non2xx) ))
  [ "$errors" -eq 0 ] || failed=1
  rows+=("$(awk -v c="$c" -v t="$t" -v rps="$(get rps)" -v p50="$(get p50_us)" -v p99="$(get p99_us)" \
    -v n="$(get requests)" -v e="$errors" -v rss="$(cat "$out/peak-rss")" \
    'BEGIN { printf "| %d | %d | %.0f | %.2f | %.2f | %d | %d | %d |", c, t, rps, p50/1000, p99/1000, n, e, rss }')")
done
soak_line=""
if [ "${SOAK:-0}" -gt 0 ]; then
  echo "== soak: 64 connections for ${SOAK}s, RSS every 10 s"
  wrk -t 2 -c 64 -d "${SOAK}s" -s bench/serve_predict.lua "$url" -- "$requests" >"$out/wrk-soak.txt" &
  soak=$!
  series=""
  while kill -0 "$soak" 2>/dev/null; do series="$series $(rss_mib)"; sleep 10; done
  wait "$soak"
  line=$(grep '^RESULT' "$out/wrk-soak.txt")
  errors=$(( $(get connect_errors) + $(get read_errors) + $(get write_errors) + $(get timeouts) + $(get non2xx) ))
  [ "$errors" -eq 0 ] || failed=1
  soak_line="Soak ${SOAK}s at 64 connections: $(get requests) requests, $(get rps) requests/s, $errors errors;"
  soak_line="$soak_line RSS every 10 s (MiB):$series."
fi
curl -fsS "$url/v1/health" >/dev/null  # still answering after the load
rss_end=$(rss_mib)
live_end=$(live_mib)

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average" \
  "$(cut -d' ' -f1-3 /proc/loadavg) at the end; $(date -u '+%Y-%m-%d %H:%M UTC'); wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2)"
echo
echo "| connections | wrk threads | requests/s | p50 ms | p99 ms | requests | errors | server peak RSS (MiB) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Server RSS: ${rss_start} MiB after start, ${rss_warm} MiB after warm-up, ${rss_end} MiB at the end (-Xmx$HEAP)."
echo "Heap live/committed after a full GC (MiB): ${live_start} after start, ${live_warm} after warm-up," \
  "${live_end} at the end."
[ -z "$soak_line" ] || echo "$soak_line"

kill -TERM "$server"; wait "$server" 2>/dev/null || true
trap - EXIT
if [ "$failed" -ne 0 ]; then echo "FAILED: some run had errors (see xent-cli/target/bench-serve/wrk-c*.txt)" >&2; exit 1; fi
