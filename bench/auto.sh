#!/usr/bin/env bash
# `xent train classify -model auto` against the former default (-model fasttext with fastText's defaults), xent's
# fastText-style model and Debian's `fasttext supervised` at the settings of bench/classify.sh, on SST-2 (train ->
# dev) and AG News (5-fold CV of the test split, pooled). auto chooses on its own split of each training set only
# (SST-2: a seeded 10% hold-out of the 67k phrases; AG: 5-fold CV inside each 6,080-example training fold); the
# test examples are never seen before the final `xent eval`.
#
# Time: every row prints the wall and CPU seconds (user + system, all threads) of its processes, summed over the folds:
# for xent the training process and the `xent eval` process, for fastText `fasttext supervised` and `fasttext predict`,
# start-up included. `autob` is `-model auto --set budget=$BUDGET` run by the launcher (./xent: start-up cache, its
# heap cap), as a user runs it: BUDGET is the training command's whole wall time (start-up, search, final training);
# to compare its seconds with fastText's, run the script alone on the machine (under an exclusive CPU lock).
#
# Usage: DATA=DIR bench/auto.sh            Env: TASKS="sst2 ag"  THREADS=2  SEED=1  MODELS="auto default ft ftbin"
#        (MODELS may also name autoens: -model auto --set ensemble=5; autob: -model auto --set budget=$BUDGET, 1s)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
TASKS="${TASKS:-sst2 ag}"
THREADS="${THREADS:-2}"
SEED="${SEED:-1}"
MODELS="${MODELS:-auto default ft ftbin}"
BUDGET="${BUDGET:-1s}"
DATA="$(bench_data sst2/train.tsv sst2/dev.tsv ag_news/test.csv)"
cd "$root"
JAVA_HOME="$("$root/scripts/find-jdk.sh")"
export JAVA_HOME
tmp="$(mktemp -d -t xent-auto.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
CP="$(bench_classpath "$tmp/classes")"   # a snapshot: a rebuild during the run does not change what runs
JVM=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx3g -cp "$CP")
for task in $TASKS; do
  "${JVM[@]}" dev.xent.bench.classify.ClassifyBench --data "$DATA" prepare "$task" "$tmp" 5 1 2>/dev/null
done
case " $MODELS " in *" autob "*) "$root/xent" --version > /dev/null ;; esac   # builds the jar and its cache first
XENT=("${JVM[@]}" dev.xent.cli.Main)   # the snapshot's CLI
LAUNCHED=("$root/xent")                 # the launcher, as users run it
# timed CMD...: runs CMD, adding its wall and CPU seconds to $tmp/times (one "wall cpu" line per process)
timed() { /usr/bin/time -f "%e %U %S" -o "$tmp/time1" "$@"; local rc=$?; awk '{ print $1, $2 + $3 }' "$tmp/time1" >> "$tmp/times"; return $rc; }
# right FILE_TEST MODEL: examples of FILE_TEST the model gets right, evaluated by "${runner[@]}" (from `xent eval`'s accuracy and count)
right() { timed "${runner[@]}" eval "$2" "$1" 2>/dev/null | awk '/^examples/ { printf "%d\n", $2 * $4 + 0.5 }'; }
# settings of bench/classify.sh (dim epoch lr wordNgrams)
declare -A FT=([sst2]="100 5 0.5 2" [ag]="50 5 0.5 2")
echo "# auto bench $(date -u +%FT%TZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); threads $THREADS, seed $SEED"
printf "%-5s %-8s %8s %8s %9s %8s %8s  %s\n" task model right n acc_% wall_s cpu_s "chosen (auto)"
for task in $TASKS; do
  if [ "$task" = sst2 ]; then folds=1; else folds=5; fi
  for m in $MODELS; do
    r=0; n=0; chosen=""; : > "$tmp/times"
    for f in $(seq 0 $((folds - 1))); do
      train="$tmp/$task.$f.train"; test="$tmp/$task.$f.test"; run="$tmp/runs/$task-$m-$f"
      set -- ${FT[$task]}
      runner=("${XENT[@]}")
      case "$m" in
        auto|autoens|autob)
                 ens=1; [ "$m" = autoens ] && ens=5
                 budget=(); [ "$m" = autob ] && { runner=("${LAUNCHED[@]}"); budget=(--set "budget=$BUDGET"); }
                 timed "${runner[@]}" train classify -model auto -input "$train" -thread "$THREADS" -seed "$SEED" --set "ensemble=$ens" \
                   ${budget[@]+"${budget[@]}"} --runs-dir "$tmp/runs" -output "$task-$m-$f" --progress none > "$tmp/out" 2>&1 \
                   || { cat "$tmp/out" >&2; exit 1; }
                 ens=$(sed -n 's/^ensemble  trials \([0-9+]*\):.*: kept.*/ensemble \1/p' "$tmp/out")
                 chosen="$chosen ${ens:+$ens; }$(sed -n 's/^chosen    trial \([0-9]*\) of .*: \(.*\), validation accuracy.*/\2/p' "$tmp/out" | cut -c1-60)|" ;;
        default) timed "${XENT[@]}" train classify -model fasttext -input "$train" -thread "$THREADS" -seed "$SEED" --runs-dir "$tmp/runs" \
                   -output "$task-$m-$f" --progress none > "$tmp/out" 2>&1 ;;
        ft)      timed "${XENT[@]}" train classify -model fasttext -input "$train" -dim "$1" -epoch "$2" -lr "$3" -wordNgrams "$4" \
                   -thread "$THREADS" -seed "$SEED" --runs-dir "$tmp/runs" -output "$task-$m-$f" --progress none > "$tmp/out" 2>&1 ;;
        ftbin)   timed fasttext supervised -input "$train" -output "$tmp/ft" -dim "$1" -epoch "$2" -lr "$3" -wordNgrams "$4" \
                   -thread "$THREADS" -seed "$SEED" > /dev/null 2>&1
                 timed fasttext predict "$tmp/ft.bin" "$test" > "$tmp/pred"
                 k=$(paste -d' ' <(cut -d' ' -f1 "$test") "$tmp/pred" | awk '$1 == $2' | wc -l)
                 r=$((r + k)); n=$((n + $(wc -l < "$test"))); continue ;;
      esac
      r=$((r + $(right "$test" "$run/model.xent"))); n=$((n + $(wc -l < "$test")))
    done
    printf "%-5s %-8s %8d %8d %8.2f%% %8.1f %8.1f  %s\n" "$task" "$m" "$r" "$n" "$(echo "100 * $r / $n" | bc -l)" \
      $(awk '{ w += $1; c += $2 } END { print w, c }' "$tmp/times") "$chosen"
  done
done
echo "# default: -model fasttext with fastText's defaults (dim 100, epoch 5, lr 0.1, wordNgrams 1), what"
echo "#   \`xent train classify -input FILE\` trained before -model auto; ft: xent -model fasttext and ftbin: fasttext"
echo "#   supervised, both at bench/classify.sh's settings (sst2: dim 100 epoch 5 lr 0.5 wordNgrams 2; ag: dim 50);"
echo "#   wall_s, cpu_s: seconds of the training and evaluation processes (start-up included; CPU = user + system of"
echo "#   all threads), summed over folds; autob: -model auto --set budget=$BUDGET by the launcher (./xent)."
