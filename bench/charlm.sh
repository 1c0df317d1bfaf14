#!/usr/bin/env bash
# Char-level Tiny Shakespeare: the same small GPT trained by xent and by PyTorch (1 and 2 threads) for the same
# training-time budget; one table of validation loss (nats/char and bits/char) against wall time, with ratios.
# Usage: DATA=DIR bench/charlm.sh [--budget-seconds S] [--torch-threads 1,2] [--xent-threads T] [-- extra args for both]
#   DATA (or XENT_DATA) the benchmark data folder; reads DATA/tinyshakespeare/input.txt
#   --budget-seconds S  training wall time per run, evaluation excluded (default 180)
#   --torch-threads     PyTorch thread counts to run, comma-separated (default 1,2; the faster one is compared)
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
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
run() {   # name, command...
  local name="$1"; shift
  echo "running $name: $* --budget-seconds $budget ${extra[*]}" >&2
  /usr/bin/time -v -o "$tmp/$name.time" "$@" --budget-seconds "$budget" "${extra[@]}" > "$tmp/$name.out"
  echo "  $(grep '^final' "$tmp/$name.out") load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
}
run xent "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx768m $xthreads \
  -cp "$classes" dev.xent.bench.lm.CharTransformerBenchmark --data "$data"
for t in ${tthreads//,/ }; do run "torch$t" /usr/bin/python3 bench/charlm_torch.py --threads "$t" --data "$data"; done
/usr/bin/python3 - "$tmp" "$tthreads" <<'PY'
import os, re, sys
tmp, threads = sys.argv[1], sys.argv[2].split(",")
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
runs = {n: load(n) for n in ["xent"] + ["torch" + t for t in threads]}
ref = max((n for n in runs if n != "xent"), key=lambda n: float(runs[n][0]["tokens_per_s"]))
print("| run | steps | train s | val loss (nats/char) | bits/char | tokens/s | process wall s | peak RSS MB |")
print("|---|---|---|---|---|---|---|---|")
for n, (kv, _, _) in runs.items():
    print("| %s | %s | %s | %s | %s | %s | %.0f | %.0f |" % (n, kv["steps"], kv["train_seconds"], kv["val_loss"],
          kv["bpc"], kv["tokens_per_s"], kv["wall_s"], kv["rss_mb"]))
x, r = runs["xent"][0], runs[ref][0]
print("\nxent / %s: tokens/s x%.2f, steps x%.2f, val loss %+.4f nats/char, peak RSS x%.2f" % (ref,
      float(x["tokens_per_s"]) / float(r["tokens_per_s"]), int(x["steps"]) / max(1, int(r["steps"])),
      float(x["val_loss"]) - float(r["val_loss"]), x["rss_mb"] / r["rss_mb"]))
print("\nvalidation loss on the first --eval-tokens valid chars (default 8192), time:loss@step:")
for n, (_, curve, _) in runs.items():
    print("  %-7s " % n + "  ".join("%ss:%s@%s" % (c["time"], c["val_loss"], c["step"]) for c in curve))
for n, (_, _, sample) in runs.items():
    print("\n--- sample, %s ---\n%s" % (n, sample))
PY
