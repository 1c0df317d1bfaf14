#!/usr/bin/env bash
# Prints the launcher's heap cap in MB for a command line: a floor (512; 1024 for `train tag` and `train translate`) + 8 MB per MB of the
# files it names (an argument that is a file, or the FILE of --name=FILE), at most a quarter of the RAM (XENT_RAM_MB,
# else /proc/meminfo).
# docs/cli.md "Heap" explains the rule and the measurements behind it.
set -euo pipefail
data=0
floor=512
prev=
for arg in "$@"; do
  f="${arg#*=}"   # --input=FILE -> FILE; an argument without '=' stays whole
  if [ -f "$f" ]; then data=$((data + $(stat -c %s -- "$f" 2>/dev/null || echo 0))); fi
  # the tagger's step grows with its longest sentences (batch x longest x the char CNN's per-character tensors), not
  # with the file: WikiANN-en's batch of its 32 longest (439 tokens) needs 0.52-0.77 GB live
  if [ "$prev" = train ] && [ "$arg" = tag ]; then floor=1024; fi
  # a translation step holds (target tokens x 8000-id vocabulary) logits and their gradient beside the layers'
  # activations for batches of 1600 tokens, and validation scores the same batches beside the training workspace:
  # on Multi30k (2.6 MB of files) the Transformer ran out of heap under 521 MB (first step) and 768 MB (validation)
  # and completed under 1 GB; docs/cli.md "Heap" has the measurements
  if [ "$prev" = train ] && [ "$arg" = translate ]; then floor=1024; fi
  prev="$arg"
done
ram_mb="${XENT_RAM_MB:-$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo 2>/dev/null || echo 0)}"
heap_mb=$((floor + data * 8 / 1048576))
if [ "$ram_mb" -gt 0 ] && [ "$heap_mb" -gt $((ram_mb / 4)) ]; then heap_mb=$((ram_mb / 4)); fi
echo "$heap_mb"
