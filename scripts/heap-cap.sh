#!/usr/bin/env bash
# Prints the launcher's heap cap in MB for a command line: a floor (512; 768 for `train translate`, 640 for
# `train lm`, 1024 for `tune lm` and `tune translate`, 192 for `train tag` with at least 320 in all) + 8 MB per MB of the
# files it names (an argument that is a file, or the FILE of --name=FILE), at most a quarter of the RAM (XENT_RAM_MB,
# else /proc/meminfo).
# docs/cli.md "Heap" explains the rule and the measurements behind it.
set -euo pipefail
data=0
floor=512
least=0
prev=
# (`train tag` once had a 1 GB floor for WikiANN-en's step of its 32 longest sentences padded to 439 tokens; its
# batches now hold at most 32 x 200 padded tokens and the char CNN reads real words only: 384 MB is enough there)
for arg in "$@"; do
  f="${arg#*=}"   # --input=FILE -> FILE; an argument without '=' stays whole
  if [ -f "$f" ]; then data=$((data + $(stat -c %s -- "$f" 2>/dev/null || echo 0))); fi
  # the word LM's default (V = 33k on WikiText-2, dim 400, tied): weights, gradient and Adam's two moments are 4 x 64 MB
  # live, the best epoch's weights 64 MB more, the step's buffers ~0.1 GB: at most 485 MB live after a full collection
  # (a checkpoint cloned Adam's moments once more until 2026-12-07: 607 MB ran out then)
  if [ "$prev" = train ] && [ "$arg" = lm ]; then floor=640; fi
  # `tune lm` tries wider models than the recipe (the word recipe's dims up to 400 with other settings)
  if [ "$prev" = tune ] && [ "$arg" = lm ]; then floor=1024; fi
  # a translation step (batches of 1600 tokens) lends ~315-335 MB of workspace beside ~120 MB of weights, gradients
  # and Adam moments: the Transformer ran out of heap under the file-based 521 MB and thrashed (223 full GCs in 30
  # steps); at 768 MB 23 full GCs and 579 MB live at most (docs/cli.md "Heap")
  if [ "$prev" = train ] && [ "$arg" = translate ]; then floor=768; fi
  # `tune translate` tries up to 4+4 layers (the recipe has 3+3): a third more weights and activations
  if [ "$prev" = tune ] && [ "$arg" = translate ]; then floor=1024; fi
  # train tag: 192 MB + 8 x the files, at least 320 MB (UD-EWT train + dev: 320). Under the serial collector the heap
  # fills to the cap and RSS is the cap + ~125 MB of JVM; the launcher also keeps the step workspace's free lists to
  # one step and a quarter of the heap for train tag, with which 320 MB runs the recipe's epoch at the CPU of 384 MB
  # with the default free lists (320 MB with them: +7-9%) (docs/benchmarks.md "Beyond the heap")
  if [ "$prev" = train ] && [ "$arg" = tag ]; then floor=192; least=320; fi
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
if [ "$heap_mb" -lt "$least" ]; then heap_mb=$least; fi
if [ "$ram_mb" -gt 0 ] && [ "$heap_mb" -gt $((ram_mb / 4)) ]; then heap_mb=$((ram_mb / 4)); fi
echo "$heap_mb"
