#!/usr/bin/env bash
# The word LSTM LM trained by synchronous data-parallel SGD (xent-spark train lm on N partitions: local[N], or
# MODE=cluster: N workers) against the single-machine CLI (xent train lm) with the same model, batch and step budget
# on WikiText-2: validation perplexity of each bundle (`xent eval … valid.txt`), wall seconds, and for Spark the mean
# seconds and MB broadcast / summed of its printed steps. Both sides take `-level word`'s recipe (tied, adaptive
# softmax, variational dropout 0.25, embedding dropout 0.1, lr decayed linearly to 0 over the STEPS budget), with
# -dim DIM (the recipe's 400 is slow to synchronise: every step broadcasts the whole model), batch 32 x BPTT 64: the
# same 32 x 64 x STEPS tokens seen on both sides.
#
# Usage: DATA=DIR bench/spark-lm.sh cli|spark [steps] [seed]     (default 300 steps, seed 1; one side per call, so
#        each fits one shared CPU-lock slot)
# Env:   DATA (or XENT_DATA): the benchmark data folder (holds wikitext-2/);  PARTITIONS=2  DIM=200
#        MODE=local|cluster, PORT (bench/spark-lib.sh: cluster = scripts/spark-cluster.sh with PARTITIONS workers x 1 core)
#        SPARK_FLAGS: more flags for the Spark side, e.g. "-sync barrier -syncEvery 8" (local SGD, weights averaged
#        every 8 steps); barrier runs print their summary line instead of per-step means
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
SIDE="${1:?cli or spark}"; STEPS="${2:-300}"; SEED="${3:-1}"
PARTITIONS="${PARTITIONS:-2}"
DIM="${DIM:-200}"
DATA="$(bench_data wikitext-2/train.txt wikitext-2/valid.txt)"
cd "$root"
SETTINGS=(-level word -dim "$DIM" -epoch 1 -seed "$SEED")
tmp="$(mktemp -d -t xent-spark-lm.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
source "$root/bench/spark-lib.sh"
[ "$SIDE" = cli ] || spark_start "$PARTITIONS"
echo "# spark-lm $SIDE $(date -u +%FT%TZ) on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# settings ${SETTINGS[*]}, $STEPS steps of 32 x 64 tokens; cli -thread $PARTITIONS; spark $MODE ($PARTITIONS cores), $PARTITIONS partitions"
start=$(date +%s.%N)
if [ "$SIDE" = cli ]; then
  ./xent train lm -input "$DATA/wikitext-2/train.txt" -valid "$DATA/wikitext-2/valid.txt" --runs-dir "$tmp" -output run \
    "${SETTINGS[@]}" --set maxSteps="$STEPS" --set maxSeconds=0 --set samples=0 -thread "$PARTITIONS" \
    > "$tmp/out" 2>&1 || { cat "$tmp/out" >&2; exit 1; }
  steps=""
else
  spark_submit "$PARTITIONS" train lm -input "$DATA/wikitext-2/train.txt" -output "$tmp/run" "${SETTINGS[@]}" \
    -maxSteps "$STEPS" -partitions "$PARTITIONS" ${SPARK_FLAGS:-} > "$tmp/out" 2> "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  # "step 51 (epoch 1, batch 51): loss 6.1234, 2048 tokens, 0.812 s, broadcast 30.12 MB, summed 3.45 MB"
  steps=$(awk '/^step / && $2 > 1 { s += $(NF-7); b += $(NF-4); c += $(NF-1); n++ }
    END { if (n) printf "s/step %.3f  MB broadcast/step %.2f  MB summed/step %.2f (%d steps printed)", s / n, b / n, c / n, n }' \
    "$tmp/err")
  steps="${SPARK_FLAGS:-} $steps$(grep '^barrier:' "$tmp/err" || true)"
fi
wall=$(echo "$(date +%s.%N) - $start" | bc -l)
ppl=$(./xent eval "$tmp/run/model.xent" "$DATA/wikitext-2/valid.txt" 2>/dev/null | sed -n 's/.*perplexity \([0-9.]*\).*/\1/p')
printf "%s: validation perplexity %s  wall %.1f s  %s\n" "$SIDE" "$ppl" "$wall" "$steps"
