#!/usr/bin/env bash
# The word-level LM recipe on WikiText-2 (docs/benchmarks.md "Word-level LM recipe"), through the plain CLI.
# Usage: DATA=DIR bench/lm_recipe.sh [compare|bar] [extra train flags...]
#   compare  four 120-second runs (-thread 2, lr decayed over the budget): the recipe, two 256-wide layers, no
#            dropout, and the full softmax; prints each run's steps, tokens/s and validation perplexity
#   bar      the bar's run: the plain command with a 30-minute budget (--set maxSeconds=1800)
# Run it with the machine alone: the numbers are per minute of training.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
which="${1:-compare}"; shift $(( $# < 1 ? $# : 1 ))
data="$(bench_data wikitext-2/train.txt)"
runs="${RUNS:-$(mktemp -d)}"; [ -n "${RUNS:-}" ] || trap 'rm -rf "$runs"' EXIT
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
plain=(train lm -level word -input "$data/wikitext-2/train.txt" -valid "$data/wikitext-2/valid.txt" --runs-dir "$runs")
run() {   # NAME FLAGS...: one run, its last lines
  local name=$1; shift
  "$root/xent" "${plain[@]}" -output "$name" --progress none "$@" > "$runs/$name.log" 2>&1
  printf '%-12s %s | %s | load %s\n' "$name" "$(grep '^after' "$runs/$name.log")" \
    "$(sed -n 's/^model *//p' "$runs/$name.log" | head -1)" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
case "$which" in
  compare)
    short=(--set maxSeconds=120 --set lrDecay=linear --set epoch=100 -thread 2 --set samples=1 --set sampleLength=20)
    run recipe "${short[@]}" "$@"
    run d256x2 "${short[@]}" -dim 256 --set layers=2 "$@"
    run nodropout "${short[@]}" --set dropout=0 --set embedDropout=0 "$@"
    run fullsoftmax "${short[@]}" --set cutoffs=none "$@" ;;
  bar) run bar --set maxSeconds=1800 "$@" ;;
  *) echo "usage: DATA=DIR bench/lm_recipe.sh [compare|bar] [extra train flags...]" >&2; exit 2 ;;
esac
