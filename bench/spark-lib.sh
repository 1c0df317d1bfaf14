# Where bench/spark-*.sh run xent-spark. Sourced (after cd to the checkout and mktemp of $tmp); Env MODE, PORT:
#   MODE=local   (default) local[CORES] in the driver's JVM
#   MODE=cluster scripts/spark-cluster.sh's standalone cluster (workers x 1 core on 127.0.0.1:$PORT, default 17177, its
#                run dir under $tmp, stopped on exit); an application runs on CORES cores (spark.cores.max: one
#                executor per worker); the driver waits until its CORES executors registered before running
#                anything (spark.scheduler.minRegisteredResourcesRatio=1), so a timed job does not wait for
#                executor JVMs to start
MODE="${MODE:-local}"
PORT="${PORT:-17177}"
spark_cluster() { XENT_SPARK_CLUSTER_DIR="$tmp/cluster" XENT_SPARK_MASTER_PORT="$PORT" scripts/spark-cluster.sh "$@"; }

# $1 = workers (cluster mode): starts the cluster and replaces the EXIT trap with one that also stops it.
spark_start() {
  case "$MODE" in
    local) ;;
    cluster) trap 'spark_cluster stop >&2; rm -rf "$tmp"' EXIT; spark_cluster start "$1" >&2 ;;
    *) echo "$(basename "$0"): MODE must be local or cluster; got \"$MODE\"" >&2; exit 2 ;;
  esac
}

# $1 = cores, then xent-spark/xent-spark's arguments.
spark_submit() {
  local cores="$1"; shift
  if [ "$MODE" = cluster ]; then
    XENT_JAVA_OPTS="${XENT_JAVA_OPTS:-} -Dspark.cores.max=$cores -Dspark.scheduler.minRegisteredResourcesRatio=1" xent-spark/xent-spark --master "spark://127.0.0.1:$PORT" "$@"
  else
    xent-spark/xent-spark --master "local[$cores]" "$@"
  fi
}
