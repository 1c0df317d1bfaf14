#!/usr/bin/env bash
# Spark scaling of xent-spark on this machine: 1 core against N cores, the same job and data on both sides:
#   train: fastText-style training on SST-2 train (fastText format; repeated TRAIN_REPEAT times, default 1), 1
#          partition against N; examples/s = epochs x rows / fit seconds (the dictionary pass included, session
#          start-up excluded), and the mean seconds, MB broadcast and MB collected per averaging round;
#   score: XentModel over SST-2 train repeated SCORE_REPEAT times (default 30: 2,020,470 rows), written to Parquet,
#          SCORE_PARTITIONS (default 8) partitions on both sides, with one bundle (trained once by `xent train
#          classify`); rows/s = rows / seconds from the plan to the last Parquet file (driver planning, the broadcast,
#          each executor's first load of the bundle and the Parquet commit included; session start-up excluded).
#          The 67,349 rows once take ~5 s, most of it fixed per-job and per-executor cost (docs/spark.md), so a
#          scaling measurement needs the larger input. Each run also prints the score's task seconds per executor,
#          running and on a CPU: a low CPU share means the executor waited for a core.
# Each setting runs RUNS times; prints every run and the median ratio.
#   MODE=local:   local[1] against local[N] (one JVM).
#   MODE=cluster: scripts/spark-cluster.sh's standalone cluster of N workers x 1 core (bench/spark-lib.sh); the 1-core
#                 side is the same cluster with the application capped at 1 core (spark.cores.max=1: one executor on
#                 one worker), the N-core side takes N; the driver waits for its executors to register before the
#                 job (spark.scheduler.minRegisteredResourcesRatio=1).
#
# Usage: DATA=DIR bench/spark-scaling.sh [runs]   (default 3)
# Env: N=2, SYNCS=4, WHAT=both|train|score, SCORE_REPEAT=30, SCORE_PARTITIONS=8, TRAIN_REPEAT=1, MODE=local|cluster,
#      PORT=17177
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
RUNS="${1:-3}"
N="${N:-2}"
SYNCS="${SYNCS:-4}"
WHAT="${WHAT:-both}"
SCORE_REPEAT="${SCORE_REPEAT:-30}"
SCORE_PARTITIONS="${SCORE_PARTITIONS:-8}"
TRAIN_REPEAT="${TRAIN_REPEAT:-1}"
case "$WHAT" in both|train|score) ;; *) echo "$(basename "$0"): WHAT must be both, train or score; got \"$WHAT\"" >&2; exit 2 ;; esac
DATA="$(bench_data sst2/train.tsv)"
cd "$root"
tmp="$(mktemp -d -t xent-spark-scaling.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
source "$root/bench/spark-lib.sh"
spark_start "$N"
awk -F'\t' 'NR > 1 { print "__label__" $2 " " $1 }' "$DATA/sst2/train.tsv" > "$tmp/train.txt"
epochs=5
if [ "$TRAIN_REPEAT" -gt 1 ]; then
  for i in $(seq 1 "$TRAIN_REPEAT"); do cat "$tmp/train.txt"; done > "$tmp/train-repeated.txt"
else
  cp "$tmp/train.txt" "$tmp/train-repeated.txt"
fi
rows=$(wc -l < "$tmp/train-repeated.txt")
if [ "$WHAT" != train ]; then
  for i in $(seq 1 "$SCORE_REPEAT"); do cat "$tmp/train.txt"; done > "$tmp/score.txt"
  ./xent train classify -input "$tmp/train.txt" --runs-dir "$tmp" -output cli -dim 100 -epoch "$epochs" -lr 0.5 \
    -wordNgrams 2 -thread 1 -seed 1 -q > "$tmp/cli.out" 2>&1 || { cat "$tmp/cli.out" >&2; exit 1; }
fi
echo "# spark-scaling $(date -u +%FT%TZ) on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# mode $MODE: 1 core against $N cores; train: dim 100, epoch $epochs, lr 0.5, wordNgrams 2, $SYNCS averagings per epoch;" \
  "$rows training rows; score: $(($(wc -l < "$tmp/train.txt") * SCORE_REPEAT)) rows in $SCORE_PARTITIONS partitions"
printf "%3s %5s | %12s %8s %10s %10s | %12s\n" run cores train_ex/s s/round MB_bcast MB_coll score_rows/s
declare -A train score
for run in $(seq 1 "$RUNS"); do
  for p in 1 "$N"; do
    t=-; rounds="       -          -          -"; s=-
    if [ "$WHAT" != score ]; then
      spark_submit "$p" train classify -input "$tmp/train-repeated.txt" -output "$tmp/run$p" \
        -dim 100 -epoch "$epochs" -lr 0.5 -wordNgrams 2 -seed "$run" -partitions "$p" -syncs "$SYNCS" \
        > "$tmp/train.out" 2> "$tmp/train.err" || { cat "$tmp/train.err" >&2; exit 1; }
      fit=$(sed -n 's/^trained in \([0-9.]*\) s.*/\1/p' "$tmp/train.out")
      t=$(printf "%.0f" "$(echo "$epochs * $rows / $fit" | bc -l)"); train[$p]="${train[$p]:-} $t"
      # "epoch 1 round 2: 0.38 s, loss 0.0150, 1000 examples, broadcast 37.2 MB, collected 39.0 MB"
      rounds=$(awk '/^epoch [0-9]+ round/ { s += $5; b += $(NF-4); c += $(NF-1); n++ }
        END { printf "%8.3f %10.1f %10.1f", s / n, b / n, c / n }' "$tmp/train.err")
    fi
    if [ "$WHAT" != train ]; then
      spark_submit "$p" score -model "$tmp/cli/model.xent" -input "$tmp/score.txt" \
        -output "$tmp/scored$p.parquet" -partitions "$SCORE_PARTITIONS" > "$tmp/score.out" 2> "$tmp/score.err" \
        || { cat "$tmp/score.err" >&2; exit 1; }
      s=$(sed -n 's/.*(\([0-9]*\) rows\/s.*/\1/p' "$tmp/score.out"); score[$p]="${score[$p]:-} $s"
    fi
    printf "%3s %5s | %12s %s | %12s\n" "$run" "$p" "$t" "$rounds" "$s"
    if [ "$WHAT" != train ]; then sed -n 's/^tasks: /          score tasks: /p' "$tmp/score.out"; fi
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { printf "%.0f -> %.0f (x%.2f)" "$1" "$2" "$(echo "$2 / $1" | bc -l)"; }
if [ "$WHAT" != score ]; then echo "median train ex/s: $(ratio "$(echo "${train[1]}" | median)" "$(echo "${train[$N]}" | median)")"; fi
if [ "$WHAT" != train ]; then echo "median score rows/s: $(ratio "$(echo "${score[1]}" | median)" "$(echo "${score[$N]}" | median)")"; fi
