#!/usr/bin/env bash
# Distributed fastText-style training on Spark (xent-spark, local[N] or MODE=cluster: N workers) against the
# single-machine CLI, same settings, on SST-2 (train -> dev): dev accuracy of both (`xent eval` on each bundle),
# training seconds, and for Spark the fit seconds (after the session started), mean seconds per averaging round and
# the megabytes broadcast and collected per round.
#
# Usage: DATA=DIR bench/spark-sst2.sh [runs]     (default 3; run r uses seed r for both)
# Env:   DATA (or XENT_DATA): the benchmark data folder (holds sst2/);  PARTITIONS=2  SYNCS=4 (averagings per epoch)
#        MODE=local|cluster, PORT (bench/spark-lib.sh: cluster = scripts/spark-cluster.sh with PARTITIONS workers x 1 core)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
RUNS="${1:-3}"
PARTITIONS="${PARTITIONS:-2}"
SYNCS="${SYNCS:-4}"
DATA="$(bench_data sst2/train.tsv sst2/dev.tsv)"
cd "$root"
SETTINGS=(-dim 100 -epoch 5 -lr 0.5 -wordNgrams 2)   # as bench/classify.sh

tmp="$(mktemp -d -t xent-spark-sst2.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
source "$root/bench/spark-lib.sh"
spark_start "$PARTITIONS"
for s in train dev; do   # GLUE TSV -> fastText format: "__label__<label> <sentence>"
  awk -F'\t' 'NR > 1 { print "__label__" $2 " " $1 }' "$DATA/sst2/$s.tsv" > "$tmp/$s.txt"
done
acc() { ./xent eval "$1" "$tmp/dev.txt" 2>/dev/null | sed -n 's/.*accuracy \([0-9.]*\).*/\1/p'; }

echo "# spark-sst2 $(date -u +%FT%TZ) on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# settings ${SETTINGS[*]}; single machine -thread $PARTITIONS; spark $MODE ($PARTITIONS cores), $PARTITIONS partitions x 1 thread, $SYNCS averagings per epoch"
printf "%3s | %8s %8s %7s | %8s %8s %8s | %9s %9s %9s\n" run cli_acc spark_acc diff cli_s spark_s fit_s round_s bcast_MB coll_MB
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s.%N)
  ./xent train classify -input "$tmp/train.txt" --runs-dir "$tmp" -output "cli$run" "${SETTINGS[@]}" \
    -thread "$PARTITIONS" -seed "$run" -q > "$tmp/cli.out" 2>&1 || { cat "$tmp/cli.out" >&2; exit 1; }
  cli_s=$(echo "$(date +%s.%N) - $start" | bc -l)
  start=$(date +%s.%N)
  spark_submit "$PARTITIONS" train classify -input "$tmp/train.txt" \
    -output "$tmp/spark$run" "${SETTINGS[@]}" -seed "$run" -partitions "$PARTITIONS" -syncs "$SYNCS" \
    > "$tmp/spark.out" 2> "$tmp/spark.err" || { cat "$tmp/spark.err" >&2; exit 1; }
  spark_s=$(echo "$(date +%s.%N) - $start" | bc -l)
  fit_s=$(sed -n 's/^trained in \([0-9.]*\) s.*/\1/p' "$tmp/spark.out")
  read -r round_s bcast coll < <(awk '/^epoch .* round/ { s += $5; b += $(NF-4); c += $(NF-1); n++ }
    END { printf "%.2f %.1f %.1f\n", s / n, b / n, c / n }' "$tmp/spark.err")
  a=$(acc "$tmp/cli$run/model.xent"); b=$(acc "$tmp/spark$run/model.xent")
  printf "%3s | %8s %8s %+7.4f | %8.1f %8.1f %8s | %9s %9s %9s\n" "$run" "$a" "$b" "$(echo "$b - $a" | bc -l)" \
    "$cli_s" "$spark_s" "$fit_s" "$round_s" "$bcast" "$coll"
done
