#!/usr/bin/env bash
# Spark scaling of xent-spark on this machine: 1 core with 1 partition against N cores with N partitions, the
# same job and data (SST-2 train, fastText format): fastText-style training examples/s (epochs x rows / fit
# seconds, the dictionary pass included, session start-up excluded), the mean seconds, MB broadcast and MB collected
# per averaging round, and scoring rows/s (XentModel over the train rows, written to Parquet). Each setting run RUNS
# times; prints every run and the median ratio.
#   MODE=local:   local[1] against local[N] (one JVM).
#   MODE=cluster: scripts/spark-cluster.sh's standalone cluster of N workers x 1 core (bench/spark-lib.sh); the 1-core
#                 side is the same cluster with the application capped at 1 core (spark.cores.max=1: one executor on
#                 one worker), the N-core side takes N.
#
# Usage: DATA=DIR bench/spark-scaling.sh [runs]   (default 3)    Env: N=2, SYNCS=4, MODE=local|cluster, PORT=17177
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
RUNS="${1:-3}"
N="${N:-2}"
SYNCS="${SYNCS:-4}"
DATA="$(bench_data sst2/train.tsv)"
cd "$root"
tmp="$(mktemp -d -t xent-spark-scaling.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
source "$root/bench/spark-lib.sh"
spark_start "$N"
awk -F'\t' 'NR > 1 { print "__label__" $2 " " $1 }' "$DATA/sst2/train.tsv" > "$tmp/train.txt"
rows=$(wc -l < "$tmp/train.txt")
epochs=5
echo "# spark-scaling $(date -u +%FT%TZ) on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# mode $MODE: 1 core against $N cores; dim 100, epoch $epochs, lr 0.5, wordNgrams 2, $SYNCS averagings per epoch"
printf "%3s %5s | %12s %8s %10s %10s | %12s\n" run cores train_ex/s s/round MB_bcast MB_coll score_rows/s
declare -A train score
for run in $(seq 1 "$RUNS"); do
  for p in 1 "$N"; do
    spark_submit "$p" train classify -input "$tmp/train.txt" -output "$tmp/run$p" \
      -dim 100 -epoch "$epochs" -lr 0.5 -wordNgrams 2 -seed "$run" -partitions "$p" -syncs "$SYNCS" \
      > "$tmp/train.out" 2> "$tmp/train.err" || { cat "$tmp/train.err" >&2; exit 1; }
    fit=$(sed -n 's/^trained in \([0-9.]*\) s.*/\1/p' "$tmp/train.out")
    spark_submit "$p" score -model "$tmp/run$p/model.xent" -input "$tmp/train.txt" \
      -output "$tmp/scored$p.parquet" -partitions "$p" > "$tmp/score.out" 2> "$tmp/score.err" \
      || { cat "$tmp/score.err" >&2; exit 1; }
    t=$(echo "$epochs * $rows / $fit" | bc -l); s=$(sed -n 's/.*(\([0-9]*\) rows\/s.*/\1/p' "$tmp/score.out")
    # "epoch 1 round 2: 0.38 s, loss 0.0150, 1000 examples, broadcast 37.2 MB, collected 39.0 MB"
    rounds=$(awk '/^epoch [0-9]+ round/ { s += $5; b += $(NF-4); c += $(NF-1); n++ }
      END { printf "%8.3f %10.1f %10.1f", s / n, b / n, c / n }' "$tmp/train.err")
    train[$p]="${train[$p]:-} $t"; score[$p]="${score[$p]:-} $s"
    printf "%3s %5s | %12.0f %s | %12s\n" "$run" "$p" "$t" "$rounds" "$s"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
tr1=$(echo "${train[1]}" | median); trn=$(echo "${train[$N]}" | median)
sc1=$(echo "${score[1]}" | median); scn=$(echo "${score[$N]}" | median)
printf "median: train %.0f -> %.0f ex/s (x%.2f); score %.0f -> %.0f rows/s (x%.2f)\n" "$tr1" "$trn" \
  "$(echo "$trn / $tr1" | bc -l)" "$sc1" "$scn" "$(echo "$scn / $sc1" | bc -l)"
