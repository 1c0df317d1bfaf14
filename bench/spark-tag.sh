#!/usr/bin/env bash
# The tagger trained by synchronous data-parallel SGD (xent-spark train tag on N partitions: local[N], or MODE=cluster:
# N workers) against the single-machine CLI with the same settings, on UD English-EWT UPOS (train, dev-selected): test accuracy (`xent eval`),
# wall seconds, and for Spark the mean seconds and MB broadcast / summed of its printed steps.
#
# Usage: DATA=DIR bench/spark-tag.sh cli|spark [epochs] [seed]     (default 2 epochs, seed 1; one side per call, so
#        each fits one shared CPU-lock slot)
# Env:   DATA (or XENT_DATA): the benchmark data folder (holds ud_english_ewt/);  PARTITIONS=2
#        MODE=local|cluster, PORT (bench/spark-lib.sh: cluster = scripts/spark-cluster.sh with PARTITIONS workers x 1 core)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
SIDE="${1:?cli or spark}"; EPOCHS="${2:-2}"; SEED="${3:-1}"
PARTITIONS="${PARTITIONS:-2}"
ud=ud_english_ewt/en_ewt-ud
DATA="$(bench_data $ud-train.conllu $ud-dev.conllu $ud-test.conllu)"
cd "$root"
SETTINGS=(-epoch "$EPOCHS" -seed "$SEED")   # the recipe's other defaults on both sides; no early stop on either:
CLI_PATIENCE=(--set patience=0); SPARK_PATIENCE=(-patience 0)   # the CLI takes it as a setting, xent-spark as a flag
tmp="$(mktemp -d -t xent-spark-tag.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
source "$root/bench/spark-lib.sh"
[ "$SIDE" = cli ] || spark_start "$PARTITIONS"
echo "# spark-tag $SIDE $(date -u +%FT%TZ) on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# settings ${SETTINGS[*]}; cli -thread $PARTITIONS; spark $MODE ($PARTITIONS cores), $PARTITIONS partitions"
start=$(date +%s.%N)
if [ "$SIDE" = cli ]; then
  ./xent train tag -input "$DATA/$ud-train.conllu" -valid "$DATA/$ud-dev.conllu" --runs-dir "$tmp" -output run \
    "${SETTINGS[@]}" "${CLI_PATIENCE[@]}" -thread "$PARTITIONS" > "$tmp/out" 2>&1 || { cat "$tmp/out" >&2; exit 1; }
  steps=""
else
  spark_submit "$PARTITIONS" train tag -input "$DATA/$ud-train.conllu" \
    -valid "$DATA/$ud-dev.conllu" -output "$tmp/run" "${SETTINGS[@]}" "${SPARK_PATIENCE[@]}" -partitions "$PARTITIONS" \
    > "$tmp/out" 2> "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  steps=$(awk '/^step / && $2 > 1 { s += $(NF-7); b += $(NF-4); c += $(NF-1); n++ }
    END { printf "s/step %.3f  MB broadcast/step %.2f  MB summed/step %.2f (%d steps printed)", s / n, b / n, c / n, n }' \
    "$tmp/err")
fi
wall=$(echo "$(date +%s.%N) - $start" | bc -l)
acc=$(./xent eval "$tmp/run/model.xent" "$DATA/$ud-test.conllu" 2>/dev/null | sed -n 's/.*accuracy \([0-9.]*\).*/\1/p')
printf "%s: test UPOS accuracy %s  wall %.1f s  %s\n" "$SIDE" "$acc" "$wall" "$steps"
