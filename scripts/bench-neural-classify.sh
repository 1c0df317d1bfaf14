#!/usr/bin/env bash
# Neural text classifiers (TextCNN, BiLSTM/BiGRU, Transformer) on SST-2 train → dev and AG News 5-fold CV.
# Usage: DATA=DIR scripts/bench-neural-classify.sh [--models cnn,bilstm,bigru,transformer,fasttext]
#          [--task sst2|agnews|both] [--epochs N] [--vectors F.vec] ...
# (options: see dev.xent.bench.classify.NeuralClassifierBenchmark; the SST-2 best configuration is bench/sst2.sh)
# DATA (or XENT_DATA): the benchmark data folder, holding sst2/ (and ag_news/ for --task agnews|both).
# Threads: XENT_THREADS (default: all cores). XENT_BENCH_CP: run with this classpath instead of building one
# (bench/sst2.sh builds once for all its steps).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/bench/lib.sh"
data="$(bench_data sst2/train.tsv)"
JAVA_HOME="$("$here/scripts/find-jdk.sh")"
cp="${XENT_BENCH_CP:-}"
if [ -z "$cp" ]; then
  snapshot="$(mktemp -d -t xent-bench-classes.XXXXXX)"   # private copies: a rebuild during the run does not touch them
  trap 'rm -rf "$snapshot"' EXIT
  cp="$(cd "$here" && bench_classpath "$snapshot")"
fi
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx3g \
  ${XENT_THREADS:+-Dxent.threads=$XENT_THREADS} ${XENT_JAVA_OPTS:-} \
  -cp "$cp" dev.xent.bench.classify.NeuralClassifierBenchmark --data "$data" "$@"
