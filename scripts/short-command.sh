# Sourced by ./xent: short_command ARGS... succeeds when the xent command line ARGS is short enough that the JVM's
# client compiler alone (-XX:TieredStopAtLevel=1) serves it best. C2's compilations (SHA-256, JSON, the kernels), on the
# second core and racing the main thread for it, doubled the wall time of `xent predict MODEL` of one line and finish
# too late to pay off; for long jobs C2's faster code wins. Short: --version, help, info, export, report, info-theory
# always; predict, eval, score, generate and translate when the model is at most 16 MB and the other files named total
# at most 1 MB (stdin counts as small: interactive use). docs/cli.md "JIT" has the measurements.
short_command() {
  case "${1:-}" in
    --version|-V|--help|-h|help|info|export|report|info-theory) return 0 ;;
    predict|eval|score|generate|translate) ;;
    *) return 1 ;;
  esac
  local model="${2:-}" inputs=0 arg f
  if [ -f "$model" ] && [ "$(stat -c %s -- "$model")" -gt $((16 << 20)) ]; then return 1; fi
  for arg in "${@:3}"; do
    f="${arg#*=}"
    if [ -f "$f" ]; then inputs=$((inputs + $(stat -c %s -- "$f"))); fi
  done
  [ "$inputs" -le $((1 << 20)) ]
}
