#!/usr/bin/env bash
# Tagging benchmarks: xent side by side with PyTorch (speed), and xent's quality runs (UD UPOS, WikiANN NER).
# Usage: DATA=DIR bench/tag.sh [speed|ud-upos|wikiann] [reps]     (default: speed, 3 reps)
#   speed    the plain word BiLSTM (emb 100, hidden 128/dir, Adam 1e-3, batch 32) on UD English-EWT train:
#            xent (1 and 2 threads, dense and sparse embedding gradients) and PyTorch (1 and 2 threads), each
#            run `reps` times interleaved; the table keeps each row's best tokens/s (the machine is shared and
#            noisy) with that run's peak RSS, and the ratio to PyTorch's faster thread count.
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
  for r in $(seq "$reps"); do
    echo "rep $r/$reps" >&2
    xent "xent-1t" 1 speed
    xent "xent-2t" 2 speed
    xent "xent-1t-sparse" 1 speed --sparse
    xent "xent-2t-sparse" 2 speed --sparse
    run "torch-1t" /usr/bin/python3 bench/tag_torch.py --threads 1 --data "$data"
    run "torch-2t" /usr/bin/python3 bench/tag_torch.py --threads 2 --data "$data"
  done
  /usr/bin/python3 - "$tmp/runs" <<'PY'
import re, sys
best, cpu = {}, {}
for line in open(sys.argv[1]):
    name, rss, rest = line.split(" ", 2)
    tps = float(re.search(r"tokens_per_s=([0-9.]+)", rest).group(1))
    tpc = float(re.search(r"tokens_per_cpu_s=([0-9.]+)", rest).group(1))
    if name not in best or tps > best[name][0]:
        best[name] = (tps, int(rss))
    cpu[name] = max(cpu.get(name, 0), tpc)
tname = max(["torch-1t", "torch-2t"], key=lambda n: best[n][0])
torch, trss = best[tname]
print(f"PyTorch best (wall): {tname}; CPU-time ratios against torch-1t")
print("| run | tokens/s (best) | ÷ PyTorch best | tokens/CPU-s (best) | ÷ torch-1t | peak RSS MB | RSS ÷ PyTorch best |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name in ["torch-1t", "torch-2t", "xent-1t", "xent-2t", "xent-1t-sparse", "xent-2t-sparse"]:
    t, r = best[name]
    print(f"| {name} | {t:.0f} | {t / torch:.2f} | {cpu[name]:.0f} | {cpu[name] / cpu['torch-1t']:.2f} "
          f"| {r / 1024:.0f} | {r / trss:.2f} |")
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
