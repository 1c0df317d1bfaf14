#!/usr/bin/env bash
# Multi30k de->en: training tokens/s and peak RSS of the same encoder-decoder Transformer in xent and PyTorch 1.13 on
# the same batches, one table. PyTorch (Debian; OpenBLAS 0.3.21) runs with the kernel OpenBLAS picks by itself and
# with the fastest kernel this OpenBLAS has for the CPU (bench_blas_best in bench/lib.sh), each side at 1 and 2
# threads (PyTorch's pools pinned: bench/torch_blas.py). Runs are interleaved (xent1 xent2 torch1 torch2 ... per rep)
# so every configuration sees the same machine load; the table shows medians over the reps.
# Usage: DATA=DIR bench/translate.sh [--reps R] [--steps S] [--max-tokens T] [--xent-threads 1,2]
#                                    [--torch-threads 1,2] [--out DIR]
#   DATA (or XENT_DATA) the benchmark data folder holding multi30k/train.{de,en}.gz
#   --steps S       timed training steps per run (default 20) after 3 warm-up steps, batches 0..S-1 of epoch 0
#   --max-tokens T  batch budget in padded tokens (default 1600, `xent train translate`'s recipe)
#   --out DIR       keep each run's output (DIR/<run>.r<rep>.out, .time)
# Model (both sides): D 256, 4 heads, 3+3 layers, F 1024, dropout 0.2, label smoothing 0.1, shared BPE 8000, tied
# embeddings, Adam (0.9, 0.98), clip 1 — the recipe of `xent train translate`. xent runs in the JVM the launcher
# starts for `xent train translate` on these files: serial GC, the heap cap of scripts/heap-cap.sh. Tokens/s =
# target tokens / wall time of the timed steps; tokens/CPU-s uses the process's CPU time over the same steps.
# Peak RSS is the whole process (/usr/bin/time -v): xent's includes reading the corpus and learning the BPE,
# PyTorch's only reading the batches xent wrote.
# Env: BENCH_BLAS_BEST=NAME skips the OpenBLAS kernel probe; XENT_HEAP_MB=N replaces the launcher's heap cap.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
data="$(bench_data multi30k/train.de.gz)"
cd "$root"
reps=3; steps=20; maxtok=1600; xthreads="1,2"; tthreads="1,2"; out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --max-tokens) maxtok="$2"; shift 2 ;;
    --xent-threads) xthreads="$2"; shift 2 ;;
    --torch-threads) tthreads="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown argument '$1'; see the usage at the top of bench/translate.sh" >&2; exit 2 ;;
  esac
done
JAVA_HOME="$(scripts/find-jdk.sh)"
classes="$(bench_classpath)"
if [ -n "$out" ]; then mkdir -p "$out"; tmp="$(cd "$out" && pwd)"; else tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT; fi
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(bench_load)" | tee "$tmp/machine" >&2
best="$(bench_blas_best 2> >(tee "$tmp/blas" >&2))"
m30k="$data/multi30k"
heap="${XENT_HEAP_MB:-$(scripts/heap-cap.sh train translate -src "$m30k/train.de.gz" -tgt "$m30k/train.en.gz")}"
echo "xent heap cap: ${heap} MB ($([ -n "${XENT_HEAP_MB:-}" ] && echo "XENT_HEAP_MB" || echo "scripts/heap-cap.sh for train translate on these files, as the launcher"))" | tee -a "$tmp/machine" >&2
run() {   # name rep [env...] -- command...
  local name="$1" rep="$2" f; shift 2; f="$tmp/$name.r$rep"
  echo "running $name r$rep (start $(date -u +%H:%M:%S), $(bench_load))" >&2
  /usr/bin/time -v -o "$f.time" env "$@" > "$f.out" 2> "$f.err" \
    || { echo "$name r$rep failed; its stderr:" >&2; tail -20 "$f.err" >&2; exit 1; }
  echo "  $name r$rep: $(tail -1 "$f.out")" >&2
}
vocab=""
for r in $(seq "$reps"); do
  for t in ${xthreads//,/ }; do
    run "xent$t" "$r" -- "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xlog:disable -XX:+UseSerialGC \
      -Xms16m "-Xmx${heap}m" -Dxent.threads="$t" -cp "$classes" dev.xent.bench.translate.TranslateSpeed \
      --data "$data" --steps "$steps" --max-tokens "$maxtok" --dropout 0.2 --batches-out "$tmp/batches.txt"
    vocab="$(sed -n 's/.*vocab=\([0-9]*\).*/\1/p' "$tmp/xent$t.r$r.out" | tail -1)"
  done
  [ -n "$vocab" ] || { echo "no xent run wrote the batches (--xent-threads is empty)" >&2; exit 2; }
  for t in ${tthreads//,/ }; do
    run "torch$t" "$r" -u OPENBLAS_CORETYPE /usr/bin/python3 bench/translate_torch.py "$tmp/batches.txt" \
      --vocab "$vocab" --threads "$t" --dropout 0.2
    [ -n "$best" ] && run "torch$t-best" "$r" OPENBLAS_CORETYPE="$best" /usr/bin/python3 bench/translate_torch.py \
      "$tmp/batches.txt" --vocab "$vocab" --threads "$t" --dropout 0.2
  done
done
/usr/bin/python3 - "$tmp" <<'PY'
import glob, os, re, statistics, sys
tmp = sys.argv[1]
rows = {}
for f in sorted(glob.glob(os.path.join(tmp, "*.r*.out"))):
    name = os.path.basename(f).rsplit(".r", 1)[0]
    kv = dict(p.split("=", 1) for p in open(f).read().split() if "=" in p)
    t = open(f[:-4] + ".time").read()
    kv["rss_mb"] = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    rows.setdefault(name, []).append(kv)
for line in open(os.path.join(tmp, "machine")): print(line.strip())
for line in open(os.path.join(tmp, "blas")): print(line.strip())
med = lambda rs, f: statistics.median(f(r) for r in rs)
table = {}
for n, rs in rows.items():
    table[n] = dict(n=len(rs), tps=med(rs, lambda r: float(r["tokens_per_s"])),
                    tpc=med(rs, lambda r: float(r["target_tokens"]) / float(r["cpu_s"])),
                    cw=med(rs, lambda r: float(r["cpu_s"]) / float(r["seconds"])),
                    rss=med(rs, lambda r: r["rss_mb"]), kernel=rs[0].get("blas_kernel", ""),
                    tokens=rs[0]["target_tokens"], steps=rs[0].get("steps", rs[0].get("xent_steps")))
refs = [n for n in table if n.startswith("torch")]
if not refs: sys.exit("no reference run to compare with")
fast = max(refs, key=lambda n: table[n]["tps"]); eff = max(refs, key=lambda n: table[n]["tpc"])
small = min(refs, key=lambda n: table[n]["rss"])
print(f"\n{table[fast]['steps']} timed steps, {table[fast]['tokens']} target tokens per run; medians of n runs; "
      f"fastest reference {fast}, most tokens per CPU-second {eff}\n")
print("| run | n | tokens/s | ÷ fastest ref | tokens/CPU-s | ÷ best ref | CPU/wall | peak RSS MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for n in sorted(table, key=lambda n: (n[0] != "x", n)):
    r = table[n]
    label = n + (f" ({r['kernel']})" if r["kernel"] else "")
    print(f"| {label} | {r['n']} | {r['tps']:.0f} | {r['tps'] / table[fast]['tps']:.2f} | {r['tpc']:.0f} | "
          f"{r['tpc'] / table[eff]['tpc']:.2f} | {r['cw']:.2f} | {r['rss']:.0f} |")
xs = [n for n in table if n.startswith("xent")]
xf = max(xs, key=lambda n: table[n]["tps"]); xe = max(xs, key=lambda n: table[n]["tpc"])
print(f"\nxent/PyTorch tokens/s, fastest vs fastest: {xf} / {fast} = {table[xf]['tps'] / table[fast]['tps']:.2f}")
print(f"xent/PyTorch tokens per CPU-second, best vs best: {xe} / {eff} = {table[xe]['tpc'] / table[eff]['tpc']:.2f}")
print(f"peak RSS, {xf} / {fast}: {table[xf]['rss']:.0f} / {table[fast]['rss']:.0f} MB = "
      f"{table[xf]['rss'] / table[fast]['rss']:.2f}")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
