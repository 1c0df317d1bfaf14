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

# bench_blas_best: the reference's BLAS on this CPU. PyTorch 1.13 (Debian) multiplies with OpenBLAS 0.3.21, which
# picks its kernel from the CPU model and falls back to an old one on CPUs newer than itself (Prescott, SSE3, on
# an AVX-512 Xeon: 4-6x slower than its SkylakeX kernel). Prints the OPENBLAS_CORETYPE to run the reference with
# at its best: the fastest, by a one-thread sgemm 1024^2 probe on the CPU clock (bench/torch_blas.py --probe), of
# the kernels the CPU's flags allow that this OpenBLAS has (a name it lacks runs another kernel: skipped). Logs the
# library, the default kernel and every probe to stderr. BENCH_BLAS_BEST=NAME skips the probe (e.g. to repeat a
# run quickly); an empty result means the default kernel is the best there is.
bench_blas_best() {
  local py=/usr/bin/python3 flags out kernel gf best="" best_gf=0 default_kernel ct margin
  local -a candidates=()
  out="$(env -u OPENBLAS_CORETYPE "$py" bench/torch_blas.py --probe)" || { echo "bench_blas_best: $py bench/torch_blas.py failed" >&2; return 1; }
  default_kernel="$(sed -n 's/.*kernel=\([^ ]*\).*/\1/p' <<<"$out")"
  echo "reference BLAS: $(sed -n 's/.*blas=\([^ ]*\).*/\1/p' <<<"$out"); default kernel $default_kernel:" \
    "$(sed -n 's/.*gflops_1t=\([^ ]*\).*/\1/p' <<<"$out") GFLOP/s per core (sgemm 1024^2, CPU clock)" >&2
  # Debian's python3-torch takes whichever libblas.so.3 the alternatives system points to; on a machine with only
  # libblas3 that is netlib's reference BLAS: sgemm 1024^2 at 4.0 GFLOP/s per core on the AVX-512 Xeon against 73.6
  # for OpenBLAS's SkylakeX kernel the same hour (2026-12-08) — never a fair reference
  case "$default_kernel" in -) echo "bench_blas_best: PyTorch multiplies with $(sed -n 's/.*blas=\([^ ]*\).*/\1/p' <<<"$out")," \
      "not OpenBLAS, so every PyTorch figure would be against an unoptimised BLAS. Fix: apt-get install" \
      "libopenblas0-pthread (it becomes libblas.so.3 through update-alternatives), then run again" >&2; return 1 ;; esac
  if [ -n "${BENCH_BLAS_BEST:-}" ]; then echo "reference BLAS best kernel: $BENCH_BLAS_BEST (BENCH_BLAS_BEST, not probed)" >&2
    echo "$BENCH_BLAS_BEST"; return; fi
  flags="$(grep -m1 '^flags' /proc/cpuinfo)"
  case "$flags" in *avx512f*) candidates+=(SkylakeX Cooperlake SapphireRapids) ;; esac
  case "$flags" in *avx2*) candidates+=(Haswell Zen) ;; esac
  best_gf="$(sed -n 's/.*gflops_1t=\([^ ]*\).*/\1/p' <<<"$out")"
  for ct in "${candidates[@]}"; do
    out="$(OPENBLAS_CORETYPE="$ct" "$py" bench/torch_blas.py --probe)" || continue
    kernel="$(sed -n 's/.*kernel=\([^ ]*\).*/\1/p' <<<"$out")"; gf="$(sed -n 's/.*gflops_1t=\([^ ]*\).*/\1/p' <<<"$out")"
    if [ "${kernel,,}" != "${ct,,}" ]; then echo "  OPENBLAS_CORETYPE=$ct: this OpenBLAS runs $kernel instead (skipped)" >&2; continue; fi
    echo "  OPENBLAS_CORETYPE=$ct: $gf GFLOP/s per core" >&2
    # a later candidate must beat the best so far by 10%: kernels that share their sgemm code (SkylakeX, Cooperlake)
    # then do not swap places with the noise of a loaded machine
    margin=1; [ -n "$best" ] && margin=1.10
    if awk -v a="$gf" -v b="$best_gf" -v m="$margin" 'BEGIN { exit !(a > b * m) }'; then best="$ct"; best_gf="$gf"; fi
  done
  echo "reference BLAS best kernel: ${best:-$default_kernel (the default)} ($best_gf GFLOP/s per core)" >&2
  echo "$best"
}

# bench_load: "load 1-min 5-min 15-min" now, for the logs (the machine is shared: wall times depend on it).
bench_load() { echo "load $(cut -d' ' -f1-3 /proc/loadavg)"; }
