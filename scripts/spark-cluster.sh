#!/usr/bin/env bash
# A toy Spark standalone cluster on this machine: one master and N workers (1 core each), separate JVMs bound to
# 127.0.0.1, started from the Spark jars in the local Maven repository (Maven Central; nothing downloaded).
#
# Usage: scripts/spark-cluster.sh start [N]   start the master and workers 1..N (default 2) that are not running
#        scripts/spark-cluster.sh stop        stop every worker (and its executors) and the master
#        scripts/spark-cluster.sh status      the master URL and which daemons run
# Env:   XENT_SPARK_CLUSTER_DIR  run dir: pids, logs, work dirs, the Spark home (default xent-spark/target/cluster)
#        XENT_SPARK_MASTER_PORT  (default 7077)   XENT_SPARK_WORKER_MEMORY  memory a worker offers (default 1g)
#        XENT_SPARK_CLASSPATH    the jars to run (default: xent-spark's dependencies, written by the build)
# Submit to it: xent-spark/xent-spark --master spark://127.0.0.1:7077 train classify ...   (docs/spark.md)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run="${XENT_SPARK_CLUSTER_DIR:-$root/xent-spark/target/cluster}"
port="${XENT_SPARK_MASTER_PORT:-7077}"
memory="${XENT_SPARK_WORKER_MEMORY:-1g}"
master_url="spark://127.0.0.1:$port"

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# $1 = log file, $2 = what it prints when ready, $3 = its pid file: waits up to 90 s.
await() {
  local i
  for ((i = 0; i < 180; i++)); do
    if grep -q "$2" "$1" 2>/dev/null; then return 0; fi
    if ! alive "$3"; then echo "spark-cluster: $(basename "$3" .pid) died at start; its log $1:" >&2; tail -20 "$1" >&2; exit 1; fi
    sleep 0.5
  done
  echo "spark-cluster: $(basename "$3" .pid) not ready after 90 s (waited for \"$2\" in $1)" >&2; exit 1
}

# Spark's worker starts executors with $SPARK_HOME/jars/* as their class path: a Spark home of links to the jars.
spark_home() {
  local cp="${XENT_SPARK_CLASSPATH:-}" jar
  if [ -z "$cp" ]; then
    local stamp="$root/xent-spark/target/classpath.txt"
    if [ ! -s "$stamp" ]; then
      echo "spark-cluster: writing $stamp (the build's dependency:build-classpath)..." >&2
      (cd "$root" && ./build -q dependency:build-classpath -pl xent-spark -am -Dmdep.outputFile=target/classpath.txt >&2)
    fi
    cp="$(cat "$stamp")"
  fi
  rm -rf "$run/spark-home"; mkdir -p "$run/spark-home/jars"
  IFS=: read -ra jars <<< "$cp"
  for jar in "${jars[@]}"; do
    case "$jar" in *.jar) ln -sf "$jar" "$run/spark-home/jars/" ;; esac
  done
  ls "$run/spark-home/jars" | grep -q '^spark-core_' \
    || { echo "spark-cluster: no spark-core jar in the class path ($cp)" >&2; exit 1; }
}

# $1 = name, $2 = class, then its arguments: a daemon in its own session, its pid in $run/$1.pid.
daemon() {
  local name="$1"; shift
  : > "$run/logs/$name.log"
  SPARK_HOME="$run/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$run/tmp" \
    JAVA_HOME="$JAVA_HOME" \
    setsid "$JAVA_HOME/bin/java" "${SPARK_JVM_FLAGS[@]}" -Xmx256m -Dspark.worker.timeout=15 \
    -cp "$run/spark-home/jars/*" "$@" > "$run/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$run/$name.pid"
}

start() {
  local n="${1:-2}" i
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "spark-cluster: N must be a positive number of workers; got \"$n\"" >&2; exit 2; }
  mkdir -p "$run/logs" "$run/tmp"
  if ! alive "$run/master.pid"; then
    spark_home
    daemon master -Dspark.master.rest.enabled=false org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0
    await "$run/logs/master.log" "I have been elected leader" "$run/master.pid"
  fi
  for ((i = 1; i <= n; i++)); do
    alive "$run/worker-$i.pid" && continue
    mkdir -p "$run/work-$i"
    daemon "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port 0 --webui-port 0 \
      --cores 1 --memory "$memory" --work-dir "$run/work-$i" "$master_url"
  done
  for ((i = 1; i <= n; i++)); do
    await "$run/logs/worker-$i.log" "Successfully registered with master" "$run/worker-$i.pid"
  done
  status
}

status() {
  local f
  echo "master $master_url: $(alive "$run/master.pid" && echo "running, pid $(cat "$run/master.pid")" || echo stopped)"
  for f in "$run"/worker-*.pid; do
    [ -e "$f" ] || continue
    echo "$(basename "$f" .pid): $(alive "$f" && echo "running, pid $(cat "$f"), 1 core, $memory" || echo stopped)"
  done
  echo "run dir: $run"
}

# A worker's executors are its child JVMs: stopped with it (TERM, then KILL after 10 s).
stop() {
  local f pid pids=() i
  for f in "$run"/worker-*.pid "$run/master.pid"; do
    alive "$f" || { rm -f "$f"; continue; }
    pid="$(cat "$f")"
    pids+=("$pid" $(pgrep -P "$pid" || true))
    rm -f "$f"
  done
  [ ${#pids[@]} -eq 0 ] && { echo "spark-cluster: nothing running (run dir $run)"; return 0; }
  kill "${pids[@]}" 2>/dev/null || true
  for ((i = 0; i < 20; i++)); do
    kill -0 "${pids[@]}" 2>/dev/null || { echo "spark-cluster: stopped ${#pids[@]} JVMs"; return 0; }
    sleep 0.5
  done
  kill -9 "${pids[@]}" 2>/dev/null || true
  echo "spark-cluster: stopped ${#pids[@]} JVMs (some with KILL)"
}

JAVA_HOME="$("$root/scripts/find-jdk.sh")"
source "$root/scripts/spark-jvm-flags.sh"
case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/spark-cluster.sh start [N] | stop | status" >&2; exit 2 ;;
esac
