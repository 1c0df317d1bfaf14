#!/usr/bin/env bash
# Start-up of the CLI as users run it (the launcher ./xent; jar and start-up cache already made): `xent --version`,
# `xent --help`, and `xent predict MODEL` of one line and of SST-2 dev (872 lines), with hyperfine: medians of RUNS
# runs after 2 warm-ups. The model: a fastText-style SST-2 classifier (`xent train classify -input sst2.train`,
# 6.1 MB), trained once into OUT_DIR. With BEFORE=DIR (another checkout, built) its launcher runs the same commands in
# the same run, one after the other per command. Run it alone on the machine (nothing else busy);
# docs/benchmarks.md "Start-up".
#
# Usage: DATA=DIR [BEFORE=DIR] [RUNS=15] bench/startup.sh [OUT_DIR]   (default /tmp/xent-startup)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
DATA="$(bench_data sst2/train.tsv sst2/dev.tsv)"
out="${1:-/tmp/xent-startup}"
runs="${RUNS:-15}"
command -v hyperfine >/dev/null || { echo "startup.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
mkdir -p "$out"
for split in train dev; do   # SST-2's TSV (sentence, label) as fastText lines
  [ -s "$out/sst2.$split" ] || tail -n +2 "$DATA/sst2/$split.tsv" | awk -F'\t' '{print "__label__" $2 " " $1}' > "$out/sst2.$split"
done
echo "a fine and moving film" > "$out/one.txt"
model="$out/runs/sst2/model.xent"
if [ ! -f "$model" ]; then
  "$root/xent" train classify -model fasttext -input "$out/sst2.train" --runs-dir "$out/runs" -output sst2 -q >&2
fi
launchers=("$root/xent")
if [ -n "${BEFORE:-}" ]; then launchers=("$BEFORE/xent" "$root/xent"); fi
for x in "${launchers[@]}"; do "$x" --version > /dev/null 2>&1; done   # each writes its start-up cache if it must

lscpu | grep 'Model name'
echo "$(bench_load) (before)"
for args in "--version" "--help" "predict $model $out/one.txt" "predict $model $out/sst2.dev"; do
  cmds=()
  for x in "${launchers[@]}"; do cmds+=("$x $args"); done
  hyperfine -N -w 2 -r "$runs" --export-json "$out/hf.json" "${cmds[@]}" > /dev/null 2>&1
  python3 - "$out/hf.json" <<'PY'
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    t = r["times"]
    print(f"{statistics.median(t) * 1000:7.0f} ms median wall (min {min(t) * 1000:4.0f}, max {max(t) * 1000:5.0f}), "
          f"CPU {(r['user'] + r['system']) * 1000:4.0f} ms mean  {r['command']}")
PY
done
echo "$(bench_load) (after)"
