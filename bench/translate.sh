#!/usr/bin/env bash
# Multi30k de->en: training tokens/s of the same encoder-decoder Transformer in xent and PyTorch on the same batches,
# run alternately (xent, torch, xent, torch, ...) so both see the same machine load; prints each run and the ratio
# of the medians.
# Usage: DATA=DIR bench/translate.sh [--runs N] [--steps S] [--torch-threads T] [-- extra TranslateSpeed args]
#   DATA (or XENT_DATA) the benchmark data folder holding multi30k/train.{de,en}.gz
# Model (both sides): D 256, 4 heads, 3+3 layers, F 1024, dropout 0.1, label smoothing 0.1, shared BPE 8000,
# batches of <= 800 padded tokens (--max-tokens), Adam (0.9, 0.98), clip 1; 3 warm-up steps, then S timed steps.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
data="$(bench_data multi30k/train.de.gz)"
cd "$root"
runs=3; steps=8; tthreads=2; extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --torch-threads) tthreads="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown argument '$1'; see the usage at the top of bench/translate.sh" >&2; exit 2 ;;
  esac
done
JAVA_HOME="$(scripts/find-jdk.sh)"
classes="$(bench_classpath)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
xs=(); ts=()
for i in $(seq "$runs"); do
  x="$("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xlog:disable -XX:+UseSerialGC -Xmx1g -cp "$classes" \
      dev.xent.bench.translate.TranslateSpeed --data "$data" --steps "$steps" --batches-out "$tmp/batches.txt" \
      "${extra[@]}" 2>/dev/null | tail -1)"
  echo "xent  $x"
  vocab="$(sed -n 's/.*vocab=\([0-9]*\).*/\1/p' <<< "$x")"
  t="$(/usr/bin/python3 bench/translate_torch.py "$tmp/batches.txt" --vocab "$vocab" --threads "$tthreads" | tail -1)"
  echo "torch $t"
  xs+=("$(sed -n 's/.*tokens_per_s=\([0-9]*\).*/\1/p' <<< "$x")"); ts+=("$(sed -n 's/.*tokens_per_s=\([0-9]*\).*/\1/p' <<< "$t")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mx="$(median "${xs[@]}")"; mt="$(median "${ts[@]}")"
echo "median tokens/s: xent $mx, torch ($tthreads threads) $mt; xent/torch = $(awk -v a="$mx" -v b="$mt" 'BEGIN {printf "%.2f", a / b}')"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
