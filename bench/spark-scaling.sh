#!/usr/bin/env bash
# Spark scaling of xent-spark on this machine: local[1] with 1 partition against local[N] with N partitions, the
# same job and data (SST-2 train, fastText format): fastText-style training examples/s (epochs x rows / fit
# seconds, the dictionary pass included, session start-up excluded) and scoring rows/s (XentModel over the train
# rows, written to Parquet). Each setting run RUNS times; prints every run and the median ratio.
#
# Usage: DATA=DIR bench/spark-scaling.sh [runs]   (default 3)    Env: N=2, SYNCS=4
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
awk -F'\t' 'NR > 1 { print "__label__" $2 " " $1 }' "$DATA/sst2/train.tsv" > "$tmp/train.txt"
rows=$(wc -l < "$tmp/train.txt")
epochs=5
echo "# spark-scaling $(date -u +%FT%TZ) on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%3s %9s | %12s %12s\n" run master train_ex/s score_rows/s
declare -A train score
for run in $(seq 1 "$RUNS"); do
  for p in 1 "$N"; do
    XENT_SPARK_MASTER="local[$p]" xent-spark/xent-spark train classify -input "$tmp/train.txt" -output "$tmp/run$p" \
      -dim 100 -epoch "$epochs" -lr 0.5 -wordNgrams 2 -seed "$run" -partitions "$p" -syncs "$SYNCS" \
      > "$tmp/train.out" 2> "$tmp/train.err" || { cat "$tmp/train.err" >&2; exit 1; }
    fit=$(sed -n 's/^trained in \([0-9.]*\) s.*/\1/p' "$tmp/train.out")
    XENT_SPARK_MASTER="local[$p]" xent-spark/xent-spark score -model "$tmp/run$p/model.xent" -input "$tmp/train.txt" \
      -output "$tmp/scored$p.parquet" -partitions "$p" > "$tmp/score.out" 2> "$tmp/score.err" \
      || { cat "$tmp/score.err" >&2; exit 1; }
    t=$(echo "$epochs * $rows / $fit" | bc -l); s=$(sed -n 's/.*(\([0-9]*\) rows\/s.*/\1/p' "$tmp/score.out")
    train[$p]="${train[$p]:-} $t"; score[$p]="${score[$p]:-} $s"
    printf "%3s %9s | %12.0f %12s\n" "$run" "local[$p]" "$t" "$s"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
tr1=$(echo "${train[1]}" | median); trn=$(echo "${train[$N]}" | median)
sc1=$(echo "${score[1]}" | median); scn=$(echo "${score[$N]}" | median)
printf "median: train %.0f -> %.0f ex/s (x%.2f); score %.0f -> %.0f rows/s (x%.2f)\n" "$tr1" "$trn" \
  "$(echo "$trn / $tr1" | bc -l)" "$sc1" "$scn" "$(echo "$scn / $sc1" | bc -l)"
