#!/usr/bin/env bash
# Char-level Tiny Shakespeare: the same small GPT trained by xent and by PyTorch (1 and 2 threads; with the OpenBLAS
# kernel PyTorch's BLAS picks by itself and with the fastest one for the CPU, see bench_blas_best in bench/lib.sh) for
# the same training-time budget; one table of validation loss (nats/char and bits/char) against wall time, tokens per
# CPU-second of the steps and CPU/wall (threads really busy), with ratios to the fastest reference.
# On a loaded machine a time budget measures the load: give every side the same steps instead
# (--budget-seconds 100000 -- --max-steps N --eval-seconds 100000) and compare tokens per CPU-second.
# Usage: DATA=DIR bench/charlm.sh [--budget-seconds S] [--torch-threads 1,2] [--xent-threads T] [-- extra args for both]
#   DATA (or XENT_DATA) the benchmark data folder; reads DATA/tinyshakespeare/input.txt
#   --budget-seconds S  training wall time per run, evaluation excluded (default 180)
#   --torch-threads     PyTorch thread counts to run, comma-separated (default 1,2; the faster one is compared)
#   Env: BENCH_BLAS_BEST=NAME skips the OpenBLAS kernel probe; CHARLM_OUT=DIR keeps the runs' output.
# Model and schedule (both sides): 4 layers, 4 heads, d=128, F=512, T=128, batch 32, dropout 0.1, tied output,
# AdamW lr 1e-3 wd 0.1, clip 1.0, seed 1337; 90/10 split of input.txt; see bench/charlm_torch.py for the init.
# Intermediate evals: first 8192 validation chars every 60 s of training time; final: the whole validation text.
# Each run ends with a 200-char sample from the prompt "ROMEO:\n" at temperature 0.8 (seed 42; the two
# sides draw different random numbers, so the samples differ even with equal weights).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
data="$(bench_data tinyshakespeare/input.txt)"
cd "$root"
budget=180; tthreads="1,2"; xthreads=""; extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --budget-seconds) budget="$2"; shift 2 ;;
    --torch-threads) tthreads="$2"; shift 2 ;;
    --xent-threads) xthreads="-Dxent.threads=$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown argument '$1'; see the usage at the top of bench/charlm.sh" >&2; exit 2 ;;
  esac
done
JAVA_HOME="$(scripts/find-jdk.sh)"
classes="$(bench_classpath)"
# CHARLM_OUT=DIR keeps every run's output there (DIR/<run>.out, .time) instead of a temporary folder
if [ -n "${CHARLM_OUT:-}" ]; then mkdir -p "$CHARLM_OUT"; tmp="$(cd "$CHARLM_OUT" && pwd)"; else tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT; fi
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(bench_load)" >&2
best="$(bench_blas_best)"
run() {   # name, [env...] command...
  local name="$1"; shift
  echo "running $name: --budget-seconds $budget ${extra[*]} ($(bench_load))" >&2
  /usr/bin/time -v -o "$tmp/$name.time" env "$@" --budget-seconds "$budget" "${extra[@]}" > "$tmp/$name.out"
  echo "  $(grep '^final' "$tmp/$name.out") $(bench_load)" >&2
}
run xent "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx768m $xthreads \
  -cp "$classes" dev.xent.bench.lm.CharTransformerBenchmark --data "$data"
for t in ${tthreads//,/ }; do
  run "torch$t" -u OPENBLAS_CORETYPE /usr/bin/python3 bench/charlm_torch.py --threads "$t" --data "$data"
  [ -n "$best" ] && run "torch$t-$best" OPENBLAS_CORETYPE="$best" /usr/bin/python3 bench/charlm_torch.py --threads "$t" --data "$data"
done
/usr/bin/python3 - "$tmp" <<'PY'
import glob, os, re, sys
tmp = sys.argv[1]
def load(name):
    kv, curve, sample = {}, [], ""
    for line in open(os.path.join(tmp, name + ".out")):
        if line.startswith("sample="):
            sample = line[len("sample="):].rstrip("\n").replace("\\n", "\n").replace("\\\\", "\\"); continue
        d = dict(p.split("=", 1) for p in line.split() if "=" in p)
        if line.startswith("eval "): curve.append(d)
        else: kv.update(d)
    t = open(os.path.join(tmp, name + ".time")).read()
    kv["rss_mb"] = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    h, m, s = ([0] + re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", t).group(1).split(":"))[-3:]
    kv["wall_s"] = 3600 * float(h) + 60 * float(m) + float(s)
    return kv, curve, sample
names = sorted((os.path.basename(f)[:-4] for f in glob.glob(os.path.join(tmp, "*.out"))), key=lambda n: (n != "xent", n))
runs = {n: load(n) for n in names}
ref = max((n for n in runs if n != "xent"), key=lambda n: float(runs[n][0]["tokens_per_s"]))
tpc = {n: float(kv["tokens_per_s"]) * float(kv["train_seconds"]) / float(kv["train_cpu_s"]) for n, (kv, _, _) in runs.items()}
eff = max((n for n in runs if n != "xent"), key=lambda n: tpc[n])
print("| run | steps | train s | val loss (nats/char) | bits/char | tokens/s | tokens/CPU-s | CPU/wall | process wall s | peak RSS MB |")
print("|---|---|---|---|---|---|---|---|---|---|")
for n, (kv, _, _) in runs.items():
    print("| %s%s | %s | %s | %s | %s | %s | %.0f | %.2f | %.0f | %.0f |" % (n, " (%s)" % kv["blas_kernel"] if "blas_kernel" in kv
          else "", kv["steps"], kv["train_seconds"], kv["val_loss"], kv["bpc"], kv["tokens_per_s"], tpc[n],
          float(kv["train_cpu_s"]) / float(kv["train_seconds"]), kv["wall_s"], kv["rss_mb"]))
x, r = runs["xent"][0], runs[ref][0]
print("\nxent / %s (fastest reference): tokens/s x%.2f, steps x%.2f, val loss %+.4f nats/char, peak RSS x%.2f" % (ref,
      float(x["tokens_per_s"]) / float(r["tokens_per_s"]), int(x["steps"]) / max(1, int(r["steps"])),
      float(x["val_loss"]) - float(r["val_loss"]), x["rss_mb"] / r["rss_mb"]))
print("xent / %s (most tokens per CPU-second): x%.2f" % (eff, tpc["xent"] / tpc[eff]))
print("\nvalidation loss on the first --eval-tokens valid chars (default 8192), time:loss@step:")
for n, (_, curve, _) in runs.items():
    print("  %-7s " % n + "  ".join("%ss:%s@%s" % (c["time"], c["val_loss"], c["step"]) for c in curve))
for n, (_, _, sample) in runs.items():
    print("\n--- sample, %s ---\n%s" % (n, sample))
PY
