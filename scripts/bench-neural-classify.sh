#!/usr/bin/env bash
# Neural text classifiers (TextCNN, BiLSTM/BiGRU, Transformer) on SST-2 train → dev and AG News 5-fold CV.
# Usage: scripts/bench-neural-classify.sh [--models cnn,bilstm,bigru,transformer,fasttext] [--task sst2|agnews|both] [--epochs N] [--vectors F.vec] ...
# (options: see NeuralClassifierBenchmark; the SST-2 best configuration is bench/sst2.sh)
# Data from ${XENT_DATA:-/work/shared/data}. Threads: XENT_THREADS (default: all cores).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="$("$here/scripts/find-jdk.sh")"
[ -n "${XENT_NO_BUILD:-}" ] || "$here/build" -q -DskipTests -pl xent-nlp -am package >&2
run="$(mktemp -d)"                       # private copies: a rebuild during the run does not touch them
cp "$here/xent-core/target/xent-core-0.1.0-SNAPSHOT.jar" "$here/xent-nlp/target/xent-nlp-0.1.0-SNAPSHOT.jar" "$run/"
"$here/build" -q -pl xent-nlp dependency:build-classpath -Dmdep.outputFile="$run/cp.txt" -Dmdep.includeScope=runtime >&2
cp_extra="$(tr ':' '\n' < "$run/cp.txt" | grep -v '/xent-core-' | paste -sd: -)"
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx3g \
  ${XENT_THREADS:+-Dxent.threads=$XENT_THREADS} ${XENT_JAVA_OPTS:-} \
  -cp "$run/xent-core-0.1.0-SNAPSHOT.jar:$run/xent-nlp-0.1.0-SNAPSHOT.jar:$cp_extra" \
  dev.xent.task.classify.NeuralClassifierBenchmark --data "${XENT_DATA:-/work/shared/data}" "$@"
