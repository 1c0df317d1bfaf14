#!/usr/bin/env bash
# A fastText-format file of N documents of W words each, for the memory bars: consecutive windows of WikiText-2
# train (wrapping around), each with one of 2 labels drawn at random (seeded). Prints to stdout.
# Usage: DATA=DIR bench/longdocs.sh [N=25000] [W=230] [seed=1] > docs.txt      (DATA holds wikitext-2/train.txt)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
DATA="$(bench_data wikitext-2/train.txt)"
awk -v n="${1:-25000}" -v w="${2:-230}" -v seed="${3:-1}" '
  { for (i = 1; i <= NF; i++) if ($i != "=" ) words[m++] = tolower($i) }
  END {
    srand(seed); at = 0
    for (d = 0; d < n; d++) {
      line = "__label__" (rand() < 0.5 ? "a" : "b")
      for (k = 0; k < w; k++) { line = line " " words[at]; at = (at + 1) % m }
      print line
    }
  }' "$DATA/wikitext-2/train.txt"
