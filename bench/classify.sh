#!/usr/bin/env bash
# Classification benchmark: xent's FastTextClassifier against `fasttext supervised` (Debian fastText 0.9.2) with
# the same settings, threads, examples and tokenisation, on SST-2 (train -> dev) and AG News (5-fold CV of the
# test split). Prints accuracy, wall time and peak RSS (/usr/bin/time) of both and the ratios, per run.
#
# Usage: DATA=DIR bench/classify.sh [runs]        (default 3 runs; run r uses seed r for both tools)
# Env:   DATA (or XENT_DATA): the benchmark data folder, holding sst2/ and ag_news/;  TASKS="sst2 ag"  THREADS=2
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
RUNS="${1:-3}"
TASKS="${TASKS:-sst2 ag}"
THREADS="${THREADS:-2}"
DATA="$(bench_data sst2/train.tsv sst2/dev.tsv ag_news/test.csv)"
cd "$root"
command -v fasttext >/dev/null || { echo "classify.sh: fasttext not found (apt-get install fasttext)" >&2; exit 2; }

# Settings, the same for both tools: dim epoch lr wordNgrams
SETTINGS_sst2="100 5 0.5 2"
SETTINGS_ag="50 5 0.5 2"
FOLDS=5
SPLIT_SEED=1

JAVA_HOME="$("$root/scripts/find-jdk.sh")"
export JAVA_HOME
# this checkout's classes, not whatever xent jars are installed in ~/.m2
CP="$(bench_classpath)"
# the JVM and its flags, then the program: a run adds its own -D flags between the two
JVM=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms64m -Xmx2g)
MAIN=(-cp "$CP" dev.xent.bench.classify.ClassifyBench --data "$DATA")

tmp="$(mktemp -d -t xent-classify.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
for task in $TASKS; do
  "${JVM[@]}" "${MAIN[@]}" prepare "$task" "$tmp" "$FOLDS" "$SPLIT_SEED" 2>/dev/null
done

# measure NAME cmd...: runs cmd under /usr/bin/time; leaves NAME.out and NAME.time ("wall_s peak_rss_kb user_s sys_s")
measure() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M %U %S" -o "$tmp/$name.time" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err" || {
    echo "classify.sh: command failed: $*" >&2; cat "$tmp/$name.err" >&2; exit 1; }
}
field() { tr ' ' '\n' < "$1" | sed -n "s/^$2=//p"; }

echo "# classify bench $(date -u +%FT%TZ) on $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); threads $THREADS"
# the reference's kernels: fastText multiplies with its own scalar C++ loops, no BLAS (ldd lists none), so there is no
# kernel choice to tune on its side, unlike the PyTorch references of lm.sh, charlm.sh and tag.sh
echo "# reference: fastText $(dpkg-query -W -f='${Version}' fasttext 2>/dev/null || echo '?'), own matrix code," \
  "BLAS linked: $(ldd "$(command -v fasttext)" | grep -ciE 'blas|mkl' || true)"
printf "%-5s %3s | %8s %8s %7s | %8s %8s %6s | %8s %8s %6s | %8s | %9s %9s %6s | %7s %7s %6s\n" task run xent_acc ft_acc diff \
  xent_s ft_s ratio xent_MB ft_MB ratio xent_train_s xent_tok/s ft_tok/s ratio \
  xent_cpu ft_cpu ratio
for run in $(seq 1 "$RUNS"); do
  for task in $TASKS; do
    eval "set -- \$SETTINGS_$task"; dim=$1; epoch=$2; lr=$3; ng=$4
    if [ "$task" = sst2 ]; then nf=1; else nf=$FOLDS; fi
    xc=0; xn=0; xw=0; xr=0; xt=0; fc=0; fn=0; fw=0; fr=0; xs=0; fs=0; xu=0; fu=0
    for f in $(seq 0 $((nf - 1))); do
      measure xent "${JVM[@]}" "-Dxent.bench.save=$tmp/x.xent" "${MAIN[@]}" train "$task" "$f" "$dim" "$epoch" "$lr" "$ng" \
        "$THREADS" "$run" "$FOLDS" "$SPLIT_SEED"
      acc=$(field "$tmp/xent.out" accuracy); n=$(field "$tmp/xent.out" n_test)
      xc=$(echo "$xc + $acc * $n" | bc -l); xn=$((xn + n))
      xt=$(echo "$xt + $(field "$tmp/xent.out" train_s)" | bc -l)
      xs=$(echo "$xs + $(field "$tmp/xent.out" tokens_per_s) / $nf" | bc -l)
      read -r w r u k < "$tmp/xent.time"; xw=$(echo "$xw + $w" | bc -l); [ "$r" -gt "$xr" ] && xr=$r
      xu=$(echo "$xu + $u + $k" | bc -l)
      measure ftrain fasttext supervised -input "$tmp/$task.$f.train" -output "$tmp/ft" -dim "$dim" -epoch "$epoch" \
        -lr "$lr" -wordNgrams "$ng" -thread "$THREADS" -seed "$run"
      # fastText's last progress report: words/sec/thread (it counts words + </s> + labels, as xent does)
      wst=$(tr '\r' '\n' < "$tmp/ftrain.err" | sed -n 's/.*words\/sec\/thread: *\([0-9]*\).*/\1/p' | tail -1)
      fs=$(echo "$fs + ${wst:-0} * $THREADS / $nf" | bc -l)
      read -r w r u k < "$tmp/ftrain.time"; fw=$(echo "$fw + $w" | bc -l); [ "$r" -gt "$fr" ] && fr=$r
      fu=$(echo "$fu + $u + $k" | bc -l)
      measure fpredict fasttext predict "$tmp/ft.bin" "$tmp/$task.$f.test"
      read -r w r u k < "$tmp/fpredict.time"; fw=$(echo "$fw + $w" | bc -l); [ "$r" -gt "$fr" ] && fr=$r
      fu=$(echo "$fu + $u + $k" | bc -l)
      right=$(cut -d' ' -f1 "$tmp/$task.$f.test" | paste -d' ' - "$tmp/fpredict.out" | awk '$1 == $2' | wc -l)
      fc=$((fc + right)); fn=$((fn + $(wc -l < "$tmp/$task.$f.test")))
    done
    xa=$(echo "100 * $xc / $xn" | bc -l); fa=$(echo "100 * $fc / $fn" | bc -l)
    row="$xa $fa $(echo "$xa - $fa" | bc -l) $xw $fw $(echo "$xw / $fw" | bc -l) $(echo "$xr / 1024" | bc -l)"
    row="$row $(echo "$fr / 1024" | bc -l) $(echo "$xr / $fr" | bc -l) $xt $xs $fs $(echo "$xs / $fs" | bc -l)"
    row="$row $xu $fu $(echo "$xu / $fu" | bc -l)"
    echo "$task $row" >> "$tmp/rows"
    printf "%-5s %3d | %8.2f %8.2f %+7.2f | %8.2f %8.2f %6.2f | %8.0f %8.0f %6.2f | %8.2f | %9.0f %9.0f %6.2f | %7.2f %7.2f %6.2f\n" \
      "$task" "$run" $row
  done
done
for task in $TASKS; do  # the mean of each column over the runs
  awk -v t="$task" '$1 == t { n++; for (i = 2; i <= NF; i++) s[i] += $i }
    END { printf "%-5s %3s | %8.2f %8.2f %+7.2f | %8.2f %8.2f %6.2f | %8.0f %8.0f %6.2f | %8.2f | %9.0f %9.0f %6.2f | %7.2f %7.2f %6.2f\n",
          t, "avg", s[2]/n, s[3]/n, s[4]/n, s[5]/n, s[6]/n, s[7]/n, s[8]/n, s[9]/n, s[10]/n, s[11]/n, s[12]/n,
          s[13]/n, s[14]/n, s[15]/n, s[16]/n, s[17]/n }' "$tmp/rows"
done
echo "# acc: % of test examples right (AG: pooled over $FOLDS folds); s: wall seconds, whole processes, summed over"
echo "# folds (fastText: supervised + predict; xent: one JVM per fold: load, train, save, evaluate); MB: peak RSS;"
echo "# ratio = xent / fastText (avg: mean of the per-run values); xent_train_s: xent's training alone;"
echo "# tok/s: training tokens per second (words + </s> + labels, x epochs; fastText: its words/sec/thread x threads;"
echo "# AG: mean over folds); cpu: user + sys CPU seconds of the same processes (less sensitive to machine load)."
echo "# Settings (dim epoch lr wordNgrams):"
echo "# sst2: $SETTINGS_sst2; ag: $SETTINGS_ag; threads $THREADS; bucket 2000000 (both)."
