#!/usr/bin/env bash
# WikiText-2 word LM benchmark: xent (pure Java) side by side with two references, one table:
#   PyTorch 1.13 (Debian; OpenBLAS 0.3.21) with the kernel OpenBLAS picks by itself and with the fastest kernel this
#   OpenBLAS has for the CPU (bench_blas_best in bench/lib.sh), and DJL 0.36 on PyTorch 2.7.1 (MKL; xent-bench's
#   dev.xent.bench.djl.DjlWordLm), each at 1 and 2 threads, with glibc's malloc kept from returning DJL's large
#   per-step buffers to the kernel (its best). xent runs with its row-sparse embedding gradient and, as the control
#   that does PyTorch's work, with the dense one (--dense).
# Usage: DATA=DIR bench/lm.sh [--max-batches N | --full] [--no-eval] [--reps R] [--xent-threads 1,2]
#                             [--torch-threads 1,2] [--djl-threads 1,2] [--parallel] [--out DIR]
#   DATA (or XENT_DATA)  the benchmark data folder; reads DATA/wikitext-2/{train,valid,test}.txt
#   --max-batches N  train only the first N batches of the epoch on every side (default 300): speed + RSS
#   --full           one whole epoch (2984 batches), then validation perplexity (hours)
#   --no-eval        skip the validation pass (speed only)
#   --reps R         run every configuration R times, interleaved (default 3); the table shows medians
#   --xent-threads, --torch-threads, --djl-threads   thread counts per side, comma-separated ("" skips a side)
#   --parallel       start a rep's runs at the same time (for --full quality runs, or CPU-time measurements on a
#                    machine whose load makes wall time meaningless anyway; tokens/s then shares the cores)
#   --out DIR        keep each run's raw output (DIR/<run>.r<rep>.out, .err, .time); a run whose .out already
#                    holds a finished run is not run again, so deleting DIR/xent* re-runs only xent
# Env: BENCH_BLAS_BEST=NAME skips the OpenBLAS kernel probe; LM_RUNS="xent1 torch1 ..." runs only the runs named
# (as in the table: xent<t>, xent<t>-dense, torch<t>, torch<t>-best, djl<t>; the table names each torch run's kernel).
# xent runs with a 512 MB heap cap (-Xmx512m; the run keeps ~300 MB live). Tokens/s = training tokens / training wall
# time; CPU = the process's CPU time over the same steps (CPU/wall = threads really busy; tokens per CPU-second is
# what a loaded machine distorts least). Wall s and peak RSS are the whole process (/usr/bin/time -v). Ratios compare
# xent with the fastest reference run (by tokens/s) and with the most CPU-efficient one (by tokens per CPU-second).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
data="$(bench_data wikitext-2/train.txt)"
cd "$root"
limit=(--max-batches 300); evalflag=(); reps=3; xthreads="1,2"; tthreads="1,2"; dthreads="1,2"; parallel=0; out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --max-batches) limit=(--max-batches "$2"); shift 2 ;;
    --full) limit=(); shift ;;
    --no-eval) evalflag=(--no-eval); shift ;;
    --reps) reps="$2"; shift 2 ;;
    --xent-threads) xthreads="$2"; shift 2 ;;
    --torch-threads) tthreads="$2"; shift 2 ;;
    --djl-threads) dthreads="$2"; shift 2 ;;
    --parallel) parallel=1; shift ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown argument '$1'; see the usage at the top of bench/lm.sh" >&2; exit 2 ;;
  esac
done
JAVA_HOME="$(scripts/find-jdk.sh)"
classes="$(bench_classpath)"
if [ -n "$out" ]; then mkdir -p "$out"; tmp="$(cd "$out" && pwd)"; else tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT; fi
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(bench_load)" | tee "$tmp/machine" >&2
best="$(bench_blas_best 2> >(tee "$tmp/blas" >&2))"
djl_malloc=(MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=2147483647 MALLOC_TOP_PAD_=268435456)
run() {   # name rep [env...] -- command...
  local name="$1" rep="$2" f; shift 2; f="$tmp/$name.r$rep"
  if [ -n "${LM_RUNS:-}" ] && [[ " $LM_RUNS " != *" $name "* ]]; then return; fi
  if grep -q '^wall_seconds=' "$f.out" 2>/dev/null && [ -s "$f.time" ]; then
    echo "$name r$rep: reusing the finished run in $f.out" >&2; return
  fi
  echo "running $name r$rep (start $(date -u +%H:%M:%S), $(bench_load))" >&2
  /usr/bin/time -v -o "$f.time" env "$@" "${limit[@]}" "${evalflag[@]}" > "$f.out" 2> "$f.err" \
    || { echo "$name r$rep failed; its stderr:" >&2; tail -20 "$f.err" >&2; exit 1; }
  echo "  $name r$rep: $(grep -E '^(tokens_per_s|train_cpu_s|val_ppl)=' "$f.out" | tr '\n' ' ')(end $(date -u +%H:%M:%S), $(bench_load))" >&2
}
maybe_bg() { if [ "$parallel" = 1 ]; then "$@" & else "$@"; fi; }
java=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$classes")
for r in $(seq "$reps"); do
  for t in ${xthreads//,/ }; do
    maybe_bg run "xent$t" "$r" -- "${java[@]}" -XX:+UseParallelGC -Xmx512m -Dxent.threads="$t" \
      dev.xent.bench.lm.WordLmBenchmark --data "$data"
    maybe_bg run "xent$t-dense" "$r" -- "${java[@]}" -XX:+UseParallelGC -Xmx512m -Dxent.threads="$t" \
      dev.xent.bench.lm.WordLmBenchmark --data "$data" --dense
  done
  for t in ${tthreads//,/ }; do
    maybe_bg run "torch$t" "$r" -u OPENBLAS_CORETYPE /usr/bin/python3 bench/lm_torch.py --threads "$t" --data "$data"
    [ -n "$best" ] && maybe_bg run "torch$t-best" "$r" OPENBLAS_CORETYPE="$best" \
      /usr/bin/python3 bench/lm_torch.py --threads "$t" --data "$data"
  done
  for t in ${dthreads//,/ }; do
    maybe_bg run "djl$t" "$r" "${djl_malloc[@]}" OMP_NUM_THREADS="$t" MKL_NUM_THREADS="$t" \
      "${java[@]}" dev.xent.bench.djl.DjlWordLm --threads "$t" --data "$data"
  done
  wait
done
/usr/bin/python3 - "$tmp" <<'PY'
import glob, os, re, statistics, sys
tmp = sys.argv[1]
def load(path):
    kv = {}
    for line in open(path + ".out"):
        for part in line.split():
            if "=" in part:
                k, v = part.split("=", 1); kv[k] = v
    t = open(path + ".time").read()
    kv["rss_mb"] = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    h, m, sec = ([0] + re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", t).group(1).split(":"))[-3:]
    kv["wall_s"] = 3600 * float(h) + 60 * float(m) + float(sec)   # whole process, data loading included
    return kv
runs = {}
for f in sorted(glob.glob(os.path.join(tmp, "*.r*.out"))):
    name = os.path.basename(f).rsplit(".r", 1)[0]
    if "wall_seconds=" not in open(f).read():   # unfinished or stopped: not a result
        continue
    runs.setdefault(name, []).append(load(f[:-4]))
med = lambda rs, key: statistics.median(float(r[key]) for r in rs) if all(key in r for r in rs) else None
rows = {}
for name, rs in runs.items():
    tps, cpu, ts = med(rs, "tokens_per_s"), med(rs, "train_cpu_s"), med(rs, "train_seconds")
    tokens = float(rs[0]["train_tokens_processed"])
    tpc = statistics.median(tokens / float(r["train_cpu_s"]) for r in rs)
    cw = statistics.median(float(r["train_cpu_s"]) / float(r["train_seconds"]) for r in rs)
    rows[name] = dict(n=len(rs), tps=tps, tpc=tpc, cw=cw, loss=med(rs, "train_loss"), ppl=med(rs, "val_ppl"),
                      wall=med(rs, "wall_s"), rss=med(rs, "rss_mb"), kernel=rs[0].get("blas_kernel", ""),
                      batches=rs[0]["batches"], tokens=int(tokens))
order = lambda n: ({"x": 0, "t": 1, "d": 2}[n[0]], n)
for line in open(os.path.join(tmp, "machine")): print(line.strip())
for line in open(os.path.join(tmp, "blas")): print(line.strip())
refs = [n for n in rows if not n.startswith("xent")]
if not refs:
    sys.exit("no reference run to compare with")
fast = max(refs, key=lambda n: rows[n]["tps"])
eff = max(refs, key=lambda n: rows[n]["tpc"])
any_row = next(iter(rows.values()))
print(f"\nbatches per run: {any_row['batches']} ({any_row['tokens']} training tokens); medians of the runs (n); "
      f"fastest reference: {fast}; most tokens per CPU-second: {eff}\n")
print("| run | n | tokens/s | ÷ fastest ref | tokens/CPU-s | ÷ best ref | CPU/wall | train loss | val ppl | wall s | peak RSS MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in sorted(rows, key=order):
    r = rows[n]
    label = n + (f" ({r['kernel']})" if r["kernel"] and r["kernel"] not in n else "")
    ppl = f"{r['ppl']:.1f}" if r["ppl"] is not None else "-"
    print(f"| {label} | {r['n']} | {r['tps']:.0f} | {r['tps'] / rows[fast]['tps']:.2f} | {r['tpc']:.0f} | "
          f"{r['tpc'] / rows[eff]['tpc']:.2f} | {r['cw']:.2f} | {r['loss']:.3f} | {ppl} | {r['wall']:.0f} | {r['rss']:.0f} |")
def best(prefix, key):
    c = [n for n in rows if n.startswith(prefix)]
    return max(c, key=lambda n: rows[n][key]) if c else None
for key, what in (("tps", "tokens/s"), ("tpc", "tokens per CPU-second")):
    xs = [x for x in (best("xent", key),) if x]
    dense = [n for n in rows if n.startswith("xent") and n.endswith("-dense")]
    xd = max(dense, key=lambda n: rows[n][key]) if dense else None
    for ref in ("torch", "djl"):
        b = best(ref, key)
        if b and xs:
            line = f"{what}: xent best ({xs[0]}) / {ref} best ({b}) = {rows[xs[0]][key] / rows[b][key]:.2f}"
            if xd:
                line += f"; dense control ({xd}): {rows[xd][key] / rows[b][key]:.2f}"
            print(line)
PY
