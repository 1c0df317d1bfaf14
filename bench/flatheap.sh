#!/usr/bin/env bash
# Issue 14's flat-heap bar: each neural job trains EPOCHS epochs on the 25,000 x 270-word file of bench/longdocs.sh
# through the plain CLI; every EVERY seconds the script forces a full collection and counts what is left (`jcmd PID
# GC.class_histogram`: what is live then), with the epoch the run's metrics.jsonl is in. Prints one table: live heap
# per epoch (min/median/max over those collections), peak RSS (/usr/bin/time -v), CPU and wall time.
# Usage: DATA=DIR bench/flatheap.sh [JOB...]      JOB: cnn rnn transformer tag lm-word lm-char (default: all six)
# Environment: EPOCHS (4), EVERY (20 s), OUT (a folder for the data, runs and logs; default /tmp/xent-flatheap),
#   QUICK=1 (smaller models, the same file and epochs: the rows say which settings), XENT (the launcher; ./xent).
# Data made once in OUT: docs270.txt (`bench/longdocs.sh 25000 270 2`), docs270.lm.txt (the same text without the
# labels, for the LMs) and docs270.tag (one document = one sentence, one token a line with a tag from its shape:
# P punctuation, N with a digit, U <unk>, S ending in s, W other words; the tagger's CoNLL input).
# No JVM flag is added (jcmd attaches to the running JVM): the launcher's heap cap and collector as users get them.
# The forced collections can only lower RSS (a full collection may shrink the heap); the bar's RSS is the plain run's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
data="$(bench_data wikitext-2/train.txt)"
out="${OUT:-/tmp/xent-flatheap}"; epochs="${EPOCHS:-4}"; every="${EVERY:-20}"; xent="${XENT:-$root/xent}"
jobs=("$@"); [ ${#jobs[@]} -gt 0 ] || jobs=(cnn rnn transformer tag lm-word lm-char)
java_home="$("$root/scripts/find-jdk.sh")"; jcmd="$java_home/bin/jcmd"
mkdir -p "$out/runs"
docs="$out/docs270.txt"
[ -s "$docs" ] || DATA="$data" "$root/bench/longdocs.sh" 25000 270 2 > "$docs"
[ -s "$out/docs270.lm.txt" ] || sed 's/^__label__[^ ]* //' "$docs" > "$out/docs270.lm.txt"
[ -s "$out/docs270.tag" ] || awk '{
    for (i = 2; i <= NF; i++) {
      w = $i
      t = w == "<unk>" ? "U" : w ~ /[0-9]/ ? "N" : w !~ /[a-z]/ ? "P" : w ~ /s$/ ? "S" : "W"
      print w "\t" t
    }
    print ""
  }' "$docs" > "$out/docs270.tag"

# args JOB: the command line after the launcher, plus the QUICK settings
args() {
  local q=()
  case "$1" in
    cnn|rnn|transformer)
      [ -n "${QUICK:-}" ] && case "$1" in cnn) q=(-dim 32 --set filters=32) ;; rnn) q=(--set hidden=32 -dim 32) ;; transformer) q=(-dim 32 --set layers=1) ;; esac
      echo train classify -model "$1" -input "$docs" -epoch "$epochs" ${q[@]+"${q[@]}"} ;;
    tag)
      [ -n "${QUICK:-}" ] && q=(--set hidden=32 -dim 32 --set charDim=0)
      echo train tag -input "$out/docs270.tag" -epoch "$epochs" --set patience=0 ${q[@]+"${q[@]}"} ;;
    lm-word)
      [ -n "${QUICK:-}" ] && q=(--set dim=32 --set batch=64)
      echo train lm -level word -input "$out/docs270.lm.txt" -epoch "$epochs" --set maxSeconds=0 --set samples=0 \
        ${q[@]+"${q[@]}"} ;;
    lm-char)
      echo train lm -input "$out/docs270.lm.txt" -epoch "$epochs" --set maxSeconds=0 --set samples=0 ;;
    *) echo "flatheap.sh: unknown job $1 (cnn rnn transformer tag lm-word lm-char)" >&2; exit 2 ;;
  esac
}

# used_mb PID: live heap in MB: the bytes of the objects a full collection leaves, from one attach
# (`GC.class_histogram` collects, then counts; GC.run and GC.heap_info as two attaches would also count what the
# job allocated in the second between them), less the fillers the JVM puts in retired allocation buffers
used_mb() {
  "$jcmd" "$1" GC.class_histogram 2>/dev/null | awk '/FillerElement/ { fill += $3 } /^Total/ { total = $3 }
      END { if (total > 0) printf "%.0f", (total - fill) / 1048576; else exit 1 }'
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s | %-40s | %9s | %8s | %7s | %s\n' job "live MB after forced full GCs: epoch: min/median/max" "peak RSS" "CPU s" "wall s" "exit"
for job in "${jobs[@]}"; do
  read -r -a cmd <<< "$(args "$job")"
  run="$job-$(date +%H%M%S)"; dir="$out/runs/$run"; log="$out/$run"
  /usr/bin/time -v "$xent" "${cmd[@]}" --runs-dir "$out/runs" --run "$run" --progress none > "$log.out" 2> "$log.time" &
  tpid=$!
  : > "$log.samples"
  while kill -0 "$tpid" 2>/dev/null; do
    sleep "$every"
    pid="$(pgrep -P "$tpid" java || true)"
    [ -n "$pid" ] && [ -s "$dir/metrics.jsonl" ] || continue
    epoch="$(tail -1 "$dir/metrics.jsonl" | sed -n 's/.*"epoch":\([0-9]*\).*/\1/p')"
    split="$(tail -1 "$dir/metrics.jsonl" | sed -n 's/.*"split":"\([a-z_]*\)".*/\1/p')"
    # after an epoch's last record (train_epoch, valid) the run is scoring or saving: counted as that epoch's end
    if mb="$(used_mb "$pid")"; then echo "$(date +%s) $epoch $split $mb" >> "$log.samples"; fi
  done
  rc=0; wait "$tpid" || rc=$?
  live="$(sort -k2,2n -k4,4n "$log.samples" | awk '{ v[$2] = v[$2] " " $4; if ($2 > m) m = $2 }
      END { for (e = 0; e <= m; e++) if (e in v) { n = split(v[e], a, " ");
        printf "%s%s: %d/%d/%d", s, e, a[1], a[int((n + 1) / 2)], a[n]; s = ", " } }')"
  rss="$(awk -F': ' '/Maximum resident/ { printf "%.0f MB", $2 / 1024 }' "$log.time")"
  cpu="$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.0f", s }' "$log.time")"
  wall="$(awk -F': ' '/Elapsed/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.0f", s }' "$log.time")"
  printf '%-12s | %-40s | %9s | %8s | %7s | %s\n' "$job" "$live" "$rss" "$cpu" "$wall" "$rc"
  echo "  ./xent ${cmd[*]}   (samples: $log.samples, output: $log.out)"
done
