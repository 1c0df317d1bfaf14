#!/usr/bin/env bash
# GEMM benchmark, xent (pure Java) side by side with PyTorch, printed as two markdown tables:
#   1. wall clock: xent on 2 threads vs torch on 2 threads and on 1 thread (the issue's bar);
#   2. cpu clock, 1 thread: xent vs torch, each timed by its thread's CPU time, which other processes on a
#      shared machine cannot inflate (they still share caches and memory bandwidth).
# Usage: bench/gemm.sh [reps] [rounds] [extra JVM flags...]   e.g. bench/gemm.sh 15 3
# Each round runs xent then torch; a cell is the median over rounds of per-run medians of `reps` calls.
# Builds xent-bench and its modules when their classes are missing or older than the sources.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
cd "$root"
reps="${1:-15}"; rounds="${2:-1}"; shift $(( $# < 2 ? $# : 2 ))
JAVA_HOME="$(scripts/find-jdk.sh)"
classes="$(bench_classpath)"
py=/usr/bin/python3
java=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector "$@" -cp "$classes" dev.xent.bench.GemmBench)
java1=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Dxent.threads=1 "$@" -cp "$classes" dev.xent.bench.GemmBench)
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u +%FT%TZ)" >&2
for r in $(seq "$rounds"); do
  echo "round $r/$rounds: load $(cut -d' ' -f1-3 /proc/loadavg); xent wall, torch wall 2t and 1t, xent cpu, torch cpu" >&2
  "${java[@]}" "$reps" "" wall 2>/dev/null >> "$tmp/xent_wall.tsv"
  "$py" bench/gemm_torch.py "$reps" 2 >> "$tmp/torch_wall.tsv"
  "$py" bench/gemm_torch.py "$reps" 1 >> "$tmp/torch_wall.tsv"
  "${java1[@]}" "$reps" "" cpu 2>/dev/null >> "$tmp/xent_cpu.tsv"
  "$py" bench/gemm_torch.py "$reps" 1 cpu >> "$tmp/torch_cpu.tsv"
done
"$py" - "$tmp" <<'PY'
import statistics, sys, collections
d = sys.argv[1]
def load(name, torch):
    cells, order, notes = collections.defaultdict(list), [], []
    for line in open(f"{d}/{name}"):
        if line.startswith("#"):
            if line not in notes: notes.append(line)
            continue
        f = line.rstrip("\n").split("\t")
        key = (f[0], f[1], int(f[2])) if torch else (f[0], f[1])
        cells[key].append(float(f[-1]))
        if (f[0], f[1]) not in order: order.append((f[0], f[1]))
    return {k: statistics.median(v) for k, v in cells.items()}, order, notes
xw, order, n1 = load("xent_wall.tsv", False)
tw, _, n2 = load("torch_wall.tsv", True)
xc, _, n3 = load("xent_cpu.tsv", False)
tc, _, n4 = load("torch_cpu.tsv", True)
for line in n1 + n2 + n3 + n4: print(line.strip())
nan = float("nan")
print("\nWall clock, GFLOP/s (xent 2 threads):\n")
print("| shape | product | xent 2t | torch 2t | torch 1t | xent / torch best |")
print("|---|---|---:|---:|---:|---:|")
for key in order:
    x, t2, t1 = xw[key], tw.get(key + (2,), nan), tw.get(key + (1,), nan)
    print(f"| {key[0]} | {key[1]} | {x:.1f} | {t2:.1f} | {t1:.1f} | {x / max(t2, t1):.2f} |")
print("\nCPU clock, 1 thread, GFLOP/s per core:\n")
print("| shape | product | xent 1t | torch 1t | xent / torch |")
print("|---|---|---:|---:|---:|")
for key in order:
    x, t1 = xc[key], tc.get(key + (1,), nan)
    print(f"| {key[0]} | {key[1]} | {x:.1f} | {t1:.1f} | {x / t1:.2f} |")
PY
