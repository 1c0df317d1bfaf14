#!/usr/bin/env bash
# WikiText-2 word LM benchmark: xent (pure Java) side by side with PyTorch (1 and 2 threads), one table.
# Usage: DATA=DIR bench/lm.sh [--max-batches N | --full] [--no-eval] [--xent-threads T] [--torch-threads 1,2]
#   DATA (or XENT_DATA)  the benchmark data folder; reads DATA/wikitext-2/{train,valid,test}.txt
#   --max-batches N  train only the first N batches of the epoch on both sides (default 300): speed + RSS
#   --full           one whole epoch (2984 batches) on both sides, then validation perplexity (~1-2 h)
#   --no-eval        skip the validation pass (speed only)
#   --torch-threads  PyTorch thread counts to run, comma-separated (default 1,2; the faster one is compared)
#   --parallel       run the sides at the same time instead of one after another (halves the wall time of
#                    --full on a 2-core machine; each side's tokens/s then shares the cores, so use it for
#                    quality, not speed)
#   --out DIR        keep each side's raw output (DIR/<side>.out, .err, .time) instead of a temporary directory;
#                    a side whose DIR/<side>.out already holds a finished run is not run again, so a re-run after
#                    deleting DIR/xent.* redoes only xent (e.g. after a fix that cannot change PyTorch's numbers)
# xent runs with a 512 MB heap cap (-Xmx512m; the run keeps ~300 MB live): without it the JVM's default
# heap sizing lets RSS grow to ~1.2 GB of mostly garbage.
# Tokens/s = training tokens / training wall time on each side (steps only: no data loading, no evaluation).
# Wall time (whole process: JVM/Python start, data loading, training, evaluation), CPU time (user + system)
# and peak RSS come from /usr/bin/time -v. The ratio columns compare xent with PyTorch's faster thread count.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
data="$(bench_data wikitext-2/train.txt)"
cd "$root"
limit=(--max-batches 300); evalflag=(); xthreads=""; tthreads="1,2"; parallel=0; out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --max-batches) limit=(--max-batches "$2"); shift 2 ;;
    --full) limit=(); shift ;;
    --no-eval) evalflag=(--no-eval); shift ;;
    --xent-threads) xthreads="-Dxent.threads=$2"; shift 2 ;;
    --torch-threads) tthreads="$2"; shift 2 ;;
    --parallel) parallel=1; shift ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown argument '$1'; see the usage at the top of bench/lm.sh" >&2; exit 2 ;;
  esac
done
JAVA_HOME="$(scripts/find-jdk.sh)"
classes="$(bench_classpath)"
if [ -n "$out" ]; then mkdir -p "$out"; tmp="$(cd "$out" && pwd)"; else tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT; fi
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
run() {   # name, command...
  local name="$1"; shift
  if [ -n "$out" ] && grep -q '^wall_seconds=' "$tmp/$name.out" 2>/dev/null && [ -s "$tmp/$name.time" ]; then
    echo "$name: reusing the finished run in $tmp/$name.out" >&2; return
  fi
  echo "running $name: $* ${limit[*]} ${evalflag[*]} (start $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  if [ -n "$out" ]; then
    /usr/bin/time -v -o "$tmp/$name.time" "$@" "${limit[@]}" "${evalflag[@]}" > "$tmp/$name.out" 2> "$tmp/$name.err"
  else
    /usr/bin/time -v -o "$tmp/$name.time" "$@" "${limit[@]}" "${evalflag[@]}" > "$tmp/$name.out"
  fi
  echo "  $name: $(grep -E '^(tokens_per_s|val_ppl)=' "$tmp/$name.out" | tr '\n' ' ') (end $(date -u +%H:%M:%S), load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
}
maybe_bg() { if [ "$parallel" = 1 ]; then "$@" & else "$@"; fi; }
maybe_bg run xent "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx512m $xthreads \
  -cp "$classes" dev.xent.bench.lm.WordLmBenchmark --data "$data"
for t in ${tthreads//,/ }; do maybe_bg run "torch$t" /usr/bin/python3 bench/lm_torch.py --threads "$t" --data "$data"; done
wait
/usr/bin/python3 - "$tmp" "$tthreads" <<'PY'
import os, re, sys
tmp = sys.argv[1]
def load(name):
    kv = {}
    for line in open(os.path.join(tmp, name + ".out")):
        for part in line.split():
            if "=" in part:
                k, v = part.split("=", 1); kv[k] = v
    t = open(os.path.join(tmp, name + ".time")).read()
    kv["rss_mb"] = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    h, m, sec = ([0] + re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", t).group(1).split(":"))[-3:]
    kv["wall_s"] = 3600 * float(h) + 60 * float(m) + float(sec)   # whole process, data loading included
    kv["cpu_s"] = sum(float(re.search(rf"{w} time \(seconds\): ([\d.]+)", t).group(1)) for w in ("User", "System"))
    return kv
torch_runs = ["torch" + t for t in sys.argv[2].split(",")]
rows = {n: load(n) for n in ["xent"] + torch_runs}
best = max(torch_runs, key=lambda n: float(rows[n]["tokens_per_s"]))
x, b = rows["xent"], rows[best]
print(f"batches per side: {x['batches']} ({x['train_tokens_processed']} training tokens); "
      f"xent threads={x['threads']}; PyTorch's faster: {best}")
print(f"{'run':8} {'tokens/s':>9} {'train s':>8} {'train loss':>10} {'val ppl':>8} {'wall s':>8} {'CPU s':>7} {'peak RSS MB':>12}")
for n, r in rows.items():
    print(f"{n:8} {float(r['tokens_per_s']):9.1f} {float(r['train_seconds']):8.1f} {float(r['train_loss']):10.3f} "
          f"{r.get('val_ppl', '-'):>8} {r['wall_s']:8.1f} {r['cpu_s']:7.0f} {r['rss_mb']:12.0f}")
sp = float(x["tokens_per_s"]) / float(b["tokens_per_s"])
rss = x["rss_mb"] / b["rss_mb"]
print(f"xent / {best}: speed {sp:.2f}x (bar >= 1.5x: {'met' if sp >= 1.5 else 'NOT met'}), "
      f"peak RSS {rss:.2f}x (bar <= 1.5x: {'met' if rss <= 1.5 else 'NOT met'})", end="")
if "val_ppl" in x and "val_ppl" in b:
    d = float(x["val_ppl"]) / float(b["val_ppl"]) - 1
    full = "" if x["batches"] == "2984" else " [partial epoch: the bar needs --full]"   # ceil((104431 - 1) / 35)
    print(f", val ppl {100 * d:+.1f}% (bar within 3%: {'met' if abs(d) <= 0.03 else 'NOT met'}){full}")
else:
    print()
PY
