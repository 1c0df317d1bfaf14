#!/usr/bin/env bash
# Prints the launcher's heap cap in MB for a command line: a floor (512; 1024 for `train tag`) + 8 MB per MB of the
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
  prev="$arg"
done
ram_mb="${XENT_RAM_MB:-}"
if [ -z "$ram_mb" ]; then   # "MemTotal:       24046436 kB", read without a subprocess
  ram_mb=0
  while read -r name kb _; do
    if [ "$name" = MemTotal: ]; then ram_mb=$((kb / 1024)); break; fi
  done < /proc/meminfo 2>/dev/null || true
fi
heap_mb=$((floor + data * 8 / 1048576))
if [ "$ram_mb" -gt 0 ] && [ "$heap_mb" -gt $((ram_mb / 4)) ]; then heap_mb=$((ram_mb / 4)); fi
echo "$heap_mb"
