#!/usr/bin/env bash
# Tagging benchmarks: xent side by side with two references (speed), and xent's quality runs (UD UPOS, WikiANN NER).
# Usage: DATA=DIR bench/tag.sh [speed|ud-upos|wikiann] [reps]     (default: speed, 3 reps)
#   speed    the plain word BiLSTM (emb 100, hidden 128/dir, Adam 1e-3, batch 32) on UD English-EWT train, the same
#            batches on every side: xent (1 and 2 threads, dense and sparse embedding gradients), PyTorch 1.13
#            (bench/tag_torch.py; 1 and 2 threads, with the OpenBLAS kernel it picks by itself and with the fastest
#            one for the CPU, see bench_blas_best in bench/lib.sh) and DJL 0.36 on PyTorch 2.7.1 (xent-bench's
#            dev.xent.bench.djl.DjlTagger; 1 and 2 threads, glibc malloc kept from returning buffers), each run `reps`
#            times interleaved; every side times batches 100..349 of the same plan after 100 warm-up batches (10 before
#            2026-12-07: xent's JIT was still compiling its kernels in the timed part). The table shows each row's
#            median tokens/s and tokens per CPU-second, CPU/wall (the threads really busy), peak RSS, and ratios to
#            the fastest reference and to the most CPU-efficient one.
#            Env: BENCH_BLAS_BEST=NAME skips the OpenBLAS kernel probe; TAG_RUNS="xent-1t torch-1t ..." runs a subset.
#   ud-upos  xent word + char-CNN BiLSTM, 25 epochs, dev-selected; prints test UPOS accuracy, wall time, peak RSS.
#   wikiann  the same with a CRF, 12 epochs, dev-selected on entity F1; prints test entity P/R/F1 (conlleval).
# DATA (or XENT_DATA) is the benchmark data folder, holding ud_english_ewt/ and wikiann_en/; nothing is copied
# into the repo.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
mode="${1:-speed}"; reps="${2:-3}"
case "$mode" in
  wikiann) data="$(bench_data wikiann_en)" ;;
  *) data="$(bench_data ud_english_ewt)" ;;
esac
cd "$root"
JAVA_HOME="$(scripts/find-jdk.sh)"
# EXTRA_CP (optional) goes first: e.g. classes of a kernel branch not merged yet, to measure with them
cp="${EXTRA_CP:+$EXTRA_CP:}$(bench_classpath)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# run NAME CMD... : runs under /usr/bin/time -v, appends "NAME tokens_per_s rss_kb" (or the RESULT line) to $tmp/runs
run() {
  local name="$1"; shift
  /usr/bin/time -v "$@" > "$tmp/out" 2> "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  local rss; rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/err")"
  local result; result="$(grep '^RESULT' "$tmp/out")"
  echo "$name $rss $result" >> "$tmp/runs"
  echo "  $name: $result rss_kb=$rss" >&2
}
# a capped heap: an uncapped JVM grows its heap toward 1/4 of RAM and its RSS says more about GC policy than need
xent() { run "$1" "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:+UseSerialGC -Xmx${XMX:-512m} "-Dxent.threads=$2" \
  -cp "$cp" dev.xent.bench.tag.TaggerBenchmark "${@:3}" --data "$data"; }

case "$mode" in
speed)
  best="$(bench_blas_best)"
  malloc=(MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=2147483647 MALLOC_TOP_PAD_=268435456)
  djl() { run "$1" env "${malloc[@]}" OMP_NUM_THREADS="$2" MKL_NUM_THREADS="$2" "$JAVA_HOME/bin/java" \
    --enable-native-access=ALL-UNNAMED -cp "$cp" dev.xent.bench.djl.DjlTagger --threads "$2" --data "$data"; }
  torch() {   # name threads [coretype]
    local kernel=(-u OPENBLAS_CORETYPE); [ -n "${3:-}" ] && kernel=(OPENBLAS_CORETYPE="$3")
    run "$1" env "${kernel[@]}" /usr/bin/python3 bench/tag_torch.py --threads "$2" --data "$data"; }
  want() { [ -z "${TAG_RUNS:-}" ] || [[ " $TAG_RUNS " == *" $1 "* ]]; }
  for r in $(seq "$reps"); do
    echo "rep $r/$reps ($(bench_load))" >&2
    for t in 1 2; do
      want "xent-${t}t" && xent "xent-${t}t" "$t" speed
      want "xent-${t}t-sparse" && xent "xent-${t}t-sparse" "$t" speed --sparse
      want "torch-${t}t" && torch "torch-${t}t" "$t"
      [ -n "$best" ] && want "torch-${t}t-best" && torch "torch-${t}t-$best" "$t" "$best"
      want "djl-${t}t" && djl "djl-${t}t" "$t"
    done
  done
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(bench_load) at the end"
  /usr/bin/python3 - "$tmp/runs" <<'PY'
import re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, rss, rest = line.split(" ", 2)
    f = lambda k: float(re.search(k + r"=([0-9.]+)", rest).group(1))
    kernel = re.search(r"blas_kernel=(\S+)", rest)
    runs.setdefault(name, []).append(dict(tps=f("tokens_per_s"), tpc=f("tokens_per_cpu_s"), cw=f("cpu_s") / f("seconds"),
                                          rss=int(rss) / 1024, kernel=kernel.group(1) if kernel else ""))
rows = {n: {k: (statistics.median(r[k] for r in rs) if k != "kernel" else rs[0][k]) for k in rs[0]} | {"n": len(rs)}
        for n, rs in runs.items()}
refs = [n for n in rows if not n.startswith("xent")]
fast = max(refs, key=lambda n: rows[n]["tps"]); eff = max(refs, key=lambda n: rows[n]["tpc"])
print(f"medians of n runs; fastest reference (tokens/s): {fast}; most tokens per CPU-second: {eff}")
print("| run | n | tokens/s | ÷ fastest ref | tokens/CPU-s | ÷ best ref | CPU/wall | peak RSS MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
order = lambda n: ({"x": 0, "t": 1, "d": 2}[n[0]], n)
for n in sorted(rows, key=order):
    r = rows[n]
    label = n + (f" ({r['kernel']})" if r["kernel"] and r["kernel"] not in n else "")
    print(f"| {label} | {r['n']} | {r['tps']:.0f} | {r['tps'] / rows[fast]['tps']:.2f} | {r['tpc']:.0f} | "
          f"{r['tpc'] / rows[eff]['tpc']:.2f} | {r['cw']:.2f} | {r['rss']:.0f} |")
PY
  ;;
ud-upos)
  XMX=1g xent "xent-ud-upos" 2 ud-upos --epochs 25
  cat "$tmp/runs"
  ;;
wikiann)
  XMX=1g xent "xent-wikiann" 2 wikiann --epochs 12 --crf
  cat "$tmp/runs"
  ;;
*) echo "unknown mode '$mode'; use speed, ud-upos or wikiann" >&2; exit 2 ;;
esac
