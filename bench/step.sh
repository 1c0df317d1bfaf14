#!/usr/bin/env bash
# One model's training step: time, CPU time and FLOP/s per step, and (--profile) where the time goes, as a table
# and a flame graph.
# Usage: DATA=DIR bench/step.sh MODEL [--threads T] [--profile PREFIX] [--event cpu|wall|alloc] [StepBench args...]
#   MODEL            lm (the WikiText-2 word LM of bench/lm.sh) or translate (the Multi30k Transformer of
#                    bench/translate.sh, in the launcher's JVM settings for it: serial GC, 777 MB heap)
#   --threads T      xent's kernel threads (default: all cores)
#   --profile PREFIX async-profiler samples the measured steps: PREFIX.collapsed (stacks), PREFIX.svg (flame graph)
#                    and the table of bench/flamegraph.py on stdout
#   --event E        what async-profiler samples: cpu (default: CPU time), wall (every thread, running or not:
#                    shows threads waiting) or alloc (heap allocations)
#   other arguments go to StepBench (--warmup W, --steps N)
# Env: XENT_JAVA_OPTS extra JVM options (e.g. -Dxent.spinMicros=0 to compare kernel-thread settings)
# Example: DATA=DIR bench/step.sh lm --profile docs/img/lm-step
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
model="${1:?name a model: lm or translate}"; shift
case "$model" in
  translate) data="$(bench_data multi30k/train.de.gz)"; heap="-Xmx777m -XX:+UseSerialGC -Xms16m" ;;
  *) data="$(bench_data wikitext-2/train.txt)"; heap="-XX:+UseParallelGC -Xmx512m" ;;
esac
cd "$root"
threads=""; prefix=""; event=cpu; rest=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="-Dxent.threads=$2"; shift 2 ;;
    --profile) prefix="$2"; shift 2 ;;
    --event) event="$2"; shift 2 ;;
    *) rest+=("$1"); shift ;;
  esac
done
JAVA_HOME="$(scripts/find-jdk.sh)"
classes="$(bench_classpath)"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
prof=()
if [ -n "$prefix" ]; then prof=(--profile "$prefix.collapsed" --event "$event"); fi
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector $heap $threads ${XENT_JAVA_OPTS:-} \
  -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
  -cp "$classes" dev.xent.bench.step.StepBench "$model" --data "$data" "${prof[@]}" "${rest[@]}"
if [ -n "$prefix" ]; then
  /usr/bin/python3 bench/flamegraph.py "$prefix.collapsed" --svg "$prefix.svg" \
    --title "xent $model training step ($event samples, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
fi
