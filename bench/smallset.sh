#!/usr/bin/env bash
# A small classification job end to end, as a user runs it: the `xent` launcher against Debian's fastText 0.9.2 on
# 5,000 short labelled lines (AG News titles, 4 classes; the size of a question-classification set), the same
# fastText-style settings on both sides: train 25 epochs and save, then label 1,000 held-out lines from a file.
# Whole processes, start-up included, timed by hyperfine (medians); prints the ratio xent / fastText.
#
# Usage: DATA=DIR bench/smallset.sh [runs]      (default 10; DATA holds ag_news/test.csv)   Env: THREADS=2
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
RUNS="${1:-10}"
THREADS="${THREADS:-2}"
DATA="$(bench_data ag_news/test.csv)"
command -v fasttext >/dev/null || { echo "smallset.sh: fasttext not found (apt-get install fasttext)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "smallset.sh: hyperfine not found (apt-get install hyperfine)" >&2; exit 2; }
tmp="$(mktemp -d -t xent-smallset.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT

# "3","Title","Description" -> "__label__3 title words" (lowercased, punctuation split off as fastText's users do)
python3 - "$DATA/ag_news/test.csv" "$tmp" <<'EOF'
import csv, re, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
def line(r):
    words = re.findall(r"[\w']+|[^\w\s]", r[1].lower())
    return "__label__%s %s\n" % (r[0], " ".join(words))
with open(sys.argv[2] + "/train.txt", "w") as f: f.writelines(line(r) for r in rows[:5000])
with open(sys.argv[2] + "/test.txt", "w") as f: f.writelines(line(r) for r in rows[5000:6000])
EOF
set_flags=(-dim 100 -epoch 25 -lr 0.5 -wordNgrams 2 -thread "$THREADS")
x="$root/xent train classify -input $tmp/train.txt --runs-dir $tmp/runs --run x --progress none ${set_flags[*]} >/dev/null"
x="$x && $root/xent predict $tmp/runs/x/model.xent $tmp/test.txt > $tmp/x.pred"
f="fasttext supervised -input $tmp/train.txt -output $tmp/ft ${set_flags[*]} > /dev/null 2>&1"
f="$f && fasttext predict $tmp/ft.bin $tmp/test.txt > $tmp/f.pred"
"$root/xent" --version > /dev/null 2>&1   # the launcher's one-time work (AOT cache) is not a user's every run

echo "# smallset $(date -u +%FT%TZ) on $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# 5,000 AG News titles, 25 epochs, dim 100, lr 0.5, wordNgrams 2, $THREADS threads; then predict 1,000 lines"
hyperfine -N --warmup 1 --runs "$RUNS" --prepare "rm -rf $tmp/runs" --export-json "$tmp/h.json" -n xent "bash -c '$x'" -n fasttext "bash -c '$f'" \
  > "$tmp/h.out" 2>&1 || { cat "$tmp/h.out" >&2; exit 1; }
acc() { cut -d' ' -f1 "$tmp/test.txt" | paste -d' ' - "$1" | awk '$1 == $2 { n++ } END { printf "%.2f", 100 * n / NR }'; }
python3 - "$tmp/h.json" "$(acc "$tmp/x.pred")" "$(acc "$tmp/f.pred")" <<'EOF'
import json, statistics, sys
r = {x["command"]: x["times"] for x in json.load(open(sys.argv[1]))["results"]}
xm, fm = statistics.median(r["xent"]), statistics.median(r["fasttext"])
print("| side | median s | min s | max s | held-out accuracy |")
print("|---|---:|---:|---:|---:|")
print("| xent | %.3f | %.3f | %.3f | %s%% |" % (xm, min(r["xent"]), max(r["xent"]), sys.argv[2]))
print("| fastText | %.3f | %.3f | %.3f | %s%% |" % (fm, min(r["fasttext"]), max(r["fasttext"]), sys.argv[3]))
print("ratio xent / fastText (medians): %.2f  (bar: <= 1.5)" % (xm / fm))
EOF
