# Shared by the bench scripts (source it): the data folder from DATA or XENT_DATA, and xent-bench's classpath.

# bench_data NEEDED...: prints the data folder as an absolute path (DATA wins over XENT_DATA; a relative path is
# taken from the current directory, so call it before cd). Exits 2 with a message that names the variable when
# neither is set or the folder lacks one of NEEDED (paths relative to it, e.g. wikitext-2/train.txt).
bench_data() {
  local var=DATA d="${DATA:-}" n
  if [ -z "$d" ]; then var=XENT_DATA; d="${XENT_DATA:-}"; fi
  if [ -z "$d" ]; then
    echo "$(basename "$0"): no data folder: set DATA (or XENT_DATA) to the benchmark data folder, the one that" \
      "holds $* (see docs/benchmarks.md)" >&2
    exit 2
  fi
  for n in "$@"; do
    if [ ! -e "$d/$n" ]; then
      echo "$(basename "$0"): $var=$d has no $n; set $var to the benchmark data folder that holds $*" >&2
      exit 2
    fi
  done
  (cd "$d" && pwd)
}

# bench_classpath [SNAPSHOT_DIR]: compiles xent-bench and the modules it uses when a main source or a pom is newer
# than the last build, then prints the classpath: this checkout's module classes, then the external jars. Run it
# from the repository root. With SNAPSHOT_DIR the module classes are first copied there, so that a rebuild during
# a long run does not change the classes it runs.
bench_classpath() {
  local stamp=xent-bench/target/classpath.txt
  if [ ! -s "$stamp" ] || [ -n "$(find pom.xml xent-core/pom.xml xent-nlp/pom.xml xent-cli/pom.xml xent-bench/pom.xml \
      xent-core/src/main xent-nlp/src/main xent-cli/src/main xent-bench/src/main -newer "$stamp" | head -1)" ]; then
    echo "building xent-bench and the modules it uses..." >&2
    ./build -q compile -pl xent-bench -am >&2 || { echo "$(basename "$0"): the build failed" >&2; exit 1; }
    touch "$stamp"
  fi
  local m cp="" ext
  for m in xent-bench xent-cli xent-nlp xent-core; do
    if [ -n "${1:-}" ]; then
      mkdir -p "$1/$m"
      cp -R "$m/target/classes" "$1/$m/"
      cp="$cp${cp:+:}$1/$m/classes"
    else
      cp="$cp${cp:+:}$m/target/classes"
    fi
  done
  # the build's own view of the modules (target/classes or jars) is replaced by the classes above
  ext="$(tr ':' '\n' < "$stamp" | grep -vE '/xent-(core|nlp|cli|bench)/|/dev/xent/' | paste -sd: -)"
  echo "$cp${ext:+:$ext}"
}
