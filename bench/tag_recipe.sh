#!/usr/bin/env bash
# The tagger's default recipe against the old defaults, through the plain CLI: train on train, keep the epoch that
# scores best on dev (entity F1 for WikiANN's BIO tags, accuracy for UD UPOS), then score test with `xent eval`.
# Usage: DATA=DIR bench/tag_recipe.sh [wikiann|ud-upos|all] [new|old|both] [extra train flags...]
#   new   `xent train tag -input TRAIN -valid DEV` (the defaults: docs/tagging.md "The default recipe")
#   old   the same with the defaults before the recipe: no char features, no CRF, no dropout, case kept,
#         Adam 1e-3, 5 epochs, no early stopping
# Extra flags go to every train command (e.g. -epoch 5 -thread 1). Prints one line per run: dev and test scores
# and the training wall time; the runs stay in RUNS (default: a temporary folder, removed at the end).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
which="${1:-all}"; variant="${2:-both}"; shift $(( $# < 2 ? $# : 2 ))
data="$(bench_data wikiann_en/train ud_english_ewt/en_ewt-ud-train.conllu)"
runs="${RUNS:-$(mktemp -d)}"; [ -n "${RUNS:-}" ] || trap 'rm -rf "$runs"' EXIT
old=(--set charDim=0 --set crf=false --set iobes=false --set dropout=0 --set wordDropout=0 --set lowercase=false
     --set patience=0)
case " $* " in *" -lr "*|*" --lr"*) ;; *) old+=(-lr 0.001) ;; esac      # extra flags win
case " $* " in *" -epoch "*|*" --epoch"*) ;; *) old+=(-epoch 5) ;; esac
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# one NAME TRAIN DEV TEST FLAGS...: trains, then evaluates the kept model on TEST
one() {
  local name="$1" train="$2" dev="$3" test="$4"; shift 4
  local start; start=$(date +%s)
  "$root/xent" train tag -input "$train" -valid "$dev" --runs-dir "$runs" --run "$name" --progress none "$@" \
    > "$runs/$name.train.log"
  local secs=$(( $(date +%s) - start ))
  local devline; devline="$(grep '^tokens ' "$runs/$name.train.log" | tail -1)"
  local kept; kept="$(grep '^kept ' "$runs/$name.train.log" | tail -1)"
  "$root/xent" eval "$runs/$name/model.xent" "$test" > "$runs/$name.test.log"
  echo "$name  train ${secs}s  $kept"
  echo "  dev:  $devline"
  echo "  test: $(head -1 "$runs/$name.test.log")"
  sed -n '2,$p' "$runs/$name.test.log" | sed 's/^/        /'
}

w="$data/wikiann_en"; u="$data/ud_english_ewt"
for task in wikiann ud-upos; do
  [ "$which" = all ] || [ "$which" = "$task" ] || continue
  for v in new old; do
    [ "$variant" = both ] || [ "$variant" = "$v" ] || continue
    flags=("$@"); [ "$v" = old ] && flags=("${old[@]}" "$@")
    if [ "$task" = wikiann ]; then one "$task-$v" "$w/train" "$w/dev" "$w/test" "${flags[@]}"
    else one "$task-$v" "$u/en_ewt-ud-train.conllu" "$u/en_ewt-ud-dev.conllu" "$u/en_ewt-ud-test.conllu" "${flags[@]}"
    fi
  done
done
