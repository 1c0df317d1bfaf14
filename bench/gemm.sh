#!/usr/bin/env bash
# GEMM benchmark: xent (pure Java) side by side with two references, printed as two markdown tables:
#   - PyTorch 1.13 from Debian on OpenBLAS 0.3.21, with the kernel OpenBLAS picks by default and with the
#     fastest kernel this OpenBLAS has for the CPU (OPENBLAS_CORETYPE, chosen by a 1024^2 probe first);
#   - DJL 0.36 on PyTorch 2.7.1's CPU build (MKL), from Maven Central (dev.xent.bench.DjlGemmBench).
# Table 1: one thread, each side timed by its thread's CPU time (other processes on a shared machine cannot
# inflate it; they still share caches and memory bandwidth), GFLOP/s per core. Table 2: two threads, wall clock.
# The ratio column is xent over the faster reference; "bar" rows are those of issue 14's GEMM bar (1024^2 and
# the six NLP products). cpu/wall of the timed calls (about the number of busy threads) is printed per side.
# Usage: bench/gemm.sh [reps=15] [rounds=3] [extra JVM flags for xent...]   e.g. bench/gemm.sh 11 3
# Environment: GEMM_ONLY=text keeps the products whose "shape product" contains it (e.g. GEMM_ONLY=1024);
#   DJL_MALLOC=default runs DJL with glibc's default malloc (otherwise kept from returning its buffers to the
#   kernel, DJL's best: every DJL matMul allocates its result);
#   GEMM_BEFORE=DIR also times the xent of another checkout DIR (built, e.g. a worktree of main), in the same
#   rounds, as the columns "xent before" and "ratio before": a before/after comparison in one run.
# Each round runs every side once; a cell is the median over rounds of per-run medians of `reps` calls.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
cd "$root"
reps="${1:-15}"; rounds="${2:-3}"; shift $(( $# < 2 ? $# : 2 ))
only="${GEMM_ONLY:-}"
JAVA_HOME="$(scripts/find-jdk.sh)"
cp="$(bench_classpath)"
py=/usr/bin/python3
jvm=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$cp")
djl_env=(MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=2147483647 MALLOC_TOP_PAD_=268435456)
[ "${DJL_MALLOC:-tuned}" = default ] && djl_env=()
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
before="${GEMM_BEFORE:-}"
if [ -n "$before" ]; then
  before="$(cd "$before" && pwd)"
  [ -d "$before/xent-bench/target/classes" ] || { echo "gemm.sh: GEMM_BEFORE=$before has no built xent-bench" >&2; exit 2; }
  # that checkout's module classes, then this one's external jars
  jvm_before=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp \
    "$(for m in xent-bench xent-cli xent-nlp xent-core; do printf '%s:' "$before/$m/target/classes"; done)$cp")
fi
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u +%FT%TZ)" >&2

# The fastest OpenBLAS kernel for this CPU (bench_blas_best in bench/lib.sh: a one-thread 1024^2 probe of the
# kernels the CPU's flags allow; empty when the default is the fastest)
best="$(bench_blas_best)"
best_env=(); [ -n "$best" ] && best_env=(OPENBLAS_CORETYPE="$best")

for r in $(seq "$rounds"); do
  for t in 1 2; do
    clock=wall; [ "$t" = 1 ] && clock=cpu
    echo "round $r/$rounds, $t thread(s), $clock clock: load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    "${jvm[@]}" -Dxent.threads="$t" "$@" dev.xent.bench.GemmBench "$reps" "$only" "$clock" 2>/dev/null >> "$tmp/xent$t.tsv"
    if [ -n "$before" ]; then
      "${jvm_before[@]}" -Dxent.threads="$t" "$@" dev.xent.bench.GemmBench "$reps" "$only" "$clock" 2>/dev/null \
        | sed 's/^# xent /# xent before /' >> "$tmp/xentbefore$t.tsv"
    fi
    env -u OPENBLAS_CORETYPE "$py" bench/gemm_torch.py "$reps" "$t" "$clock" "$only" >> "$tmp/torch$t.tsv"
    env "${best_env[@]}" "$py" bench/gemm_torch.py "$reps" "$t" "$clock" "$only" >> "$tmp/torchbest$t.tsv"
    env "${djl_env[@]}" OMP_NUM_THREADS="$t" MKL_NUM_THREADS="$t" \
      "${jvm[@]}" dev.xent.bench.DjlGemmBench "$reps" "$only" "$clock" "$t" 2>/dev/null >> "$tmp/djl$t.tsv"
  done
done
echo "DJL malloc: ${djl_env[*]:-glibc defaults}" >> "$tmp/notes"
"$py" - "$tmp" <<'PY'
import collections, os, statistics, sys
d = sys.argv[1]
BAR = {("1024^2", "fwd")} | {(f"700x200.200x{n}", p) for n in (800, 33278) for p in ("fwd A.B", "dA G.Bt", "dB At.G")}
def load(name):
    gf, cw, order, notes = collections.defaultdict(list), [], [], []
    for line in open(f"{d}/{name}"):
        if line.startswith("#"):
            if line.strip() not in notes: notes.append(line.strip())
            continue
        f = line.rstrip("\n").split("\t")
        gf[(f[0], f[1])].append(float(f[3])); cw.append(float(f[4]))
        if (f[0], f[1]) not in order: order.append((f[0], f[1]))
    return {k: statistics.median(v) for k, v in gf.items()}, statistics.median(cw) if cw else float("nan"), order, notes
for line in open(f"{d}/notes"): print(line.strip())
nan = float("nan")
for t, title in ((1, "One thread, CPU clock, GFLOP/s per core"), (2, "Two threads, wall clock, GFLOP/s")):
    names = ("xent",) + (("xentbefore",) if os.path.exists(f"{d}/xentbefore{t}.tsv") else ()) + ("torch", "torchbest", "djl")
    sides = {s: load(f"{s}{t}.tsv") for s in names}
    for s in sides.values():
        for n in s[3]: print(n)
    print(f"\n{title} (cpu/wall of the timed calls: " + ", ".join(f"{s} {v[1]:.2f}" for s, v in sides.items()) + "):\n")
    cmp = "xentbefore" in sides
    print("| shape | product | xent |" + (" xent before |" if cmp else "") + " torch default kernel | torch best kernel | DJL 2.7.1 | xent / faster ref |" + (" before / faster ref |" if cmp else ""))
    print("|---|---|---:|" + ("---:|" if cmp else "") + "---:|---:|---:|---:|" + ("---:|" if cmp else ""))
    worst = worst_before = None
    for key in sides["xent"][2]:
        x, td, tb, dj = (sides[s][0].get(key, nan) for s in ("xent", "torch", "torchbest", "djl"))
        ref = max(tb, dj, td)
        ratio = x / ref
        xb = sides["xentbefore"][0].get(key, nan) if cmp else nan
        if key in BAR:
            worst = ratio if worst is None else min(worst, ratio)
            if cmp: worst_before = xb / ref if worst_before is None else min(worst_before, xb / ref)
        print(f"| {key[0]}{' (bar)' if key in BAR else ''} | {key[1]} | {x:.1f} |" + (f" {xb:.1f} |" if cmp else "")
              + f" {td:.1f} | {tb:.1f} | {dj:.1f} | {ratio:.2f} |" + (f" {xb / ref:.2f} |" if cmp else ""))
    if worst is not None: print(f"\nlowest ratio on the bar's products: {worst:.2f} (bar: 0.95)" + (f"; before: {worst_before:.2f}" if cmp else ""))
PY
