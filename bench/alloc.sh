#!/usr/bin/env bash
# Heap bytes allocated per warm training step (MLP and LSTM LM), next to the largest activation; markdown table.
# Usage: bench/alloc.sh [steps=200] [warmup=150]. Builds xent-bench and its modules when classes are missing or stale.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
cd "$root"
JAVA_HOME="$(scripts/find-jdk.sh)"
classes="$(bench_classpath)"
echo "machine: $(nproc) cores; $(date -u +%FT%TZ); commit $(git rev-parse --short HEAD)" >&2
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp "$classes" \
  dev.xent.bench.AllocationBench "$@" 2> >(grep -v 'incubator' >&2)
