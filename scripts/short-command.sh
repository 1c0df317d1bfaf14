# Sourced by ./xent: short_command ARGS... succeeds when the xent command line ARGS is short enough that the JVM's
# client compiler alone (-XX:TieredStopAtLevel=1) serves it best. C2's compilations (SHA-256, JSON, the kernels), on the
# second core and racing the main thread for it, made `xent predict MODEL` of one line take 1.5-2x as long, for code
# that came too late to pay off. But without C2 the Vector API kernels run unintrinsified (a CNN classifier's
# `predict` of 1 MB took 365 s instead of 3.9 s), so only commands without a model's compute, and predict, eval and
# score of a few lines, are short: --version, --help, help, report, info-theory always; info and export of a model of
# at most 16 MB; predict, eval and score when the model is at most 16 MB and the input files named total at most 512
# bytes (stdin is not short: its size is unknown). docs/cli.md "JIT" has the measurements.
short_command() {
  case "${1:-}" in
    --version|-V|--help|-h|help|report|info-theory) return 0 ;;
    info|export|predict|eval|score) ;;
    *) return 1 ;;
  esac
  local model="${2:-}" files=0 bytes=0 arg f
  [ -f "$model" ] && [ "$(stat -c %s -- "$model")" -le $((16 << 20)) ] || return 1   # C2 hashes a larger one faster
  case "$1" in info|export) return 0 ;; esac
  for arg in "${@:3}"; do
    f="${arg#*=}"
    if [ -f "$f" ]; then files=$((files + 1)); bytes=$((bytes + $(stat -c %s -- "$f"))); fi
  done
  [ "$files" -gt 0 ] && [ "$bytes" -le 512 ]
}
