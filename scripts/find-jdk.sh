#!/usr/bin/env bash
# Prints the home of the newest JDK >= 21 on this machine, or explains how to get one and fails.
# Order: $XENT_JAVA_HOME, $JAVA_HOME, the `java` on PATH, then every JDK under /usr/lib/jvm and /opt.
set -u

java_major() {  # $1 = a JDK home; sets major to its feature version (17, 21, 25...), or fails
  local v="" line
  major=""
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  # Every JDK since 9 has a `release` file (JAVA_VERSION="25.0.3"): reading it costs nothing, while starting
  # the JVM to ask costs ~50 ms per candidate on every launch. Start it only when the file says nothing.
  if [ -r "$1/release" ]; then
    while IFS= read -r line; do
      case "$line" in JAVA_VERSION=*) v="${line#JAVA_VERSION=}"; v="${v//\"/}"; break ;; esac
    done < "$1/release"
  fi
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  fi
  [ -n "$v" ] || return 1
  v="${v#1.}"   # 1.8.0_402 -> 8
  major="${v%%[.+_-]*}"
}

# No subshell per candidate (each fork is ~1 ms on a loaded machine, and the launcher runs this at every start).
best=""; best_v=0
consider() {
  local home="$1"
  [ -n "$home" ] || return 0
  java_major "$home" || return 0
  [ -n "$major" ] || return 0
  if [ "$major" -ge 21 ] && [ "$major" -gt "$best_v" ]; then best="$home"; best_v="$major"; fi
}

consider "${XENT_JAVA_HOME:-}"
if [ -n "$best" ]; then echo "$best"; exit 0; fi   # an explicit choice wins
consider "${JAVA_HOME:-}"
if java_on_path="$(command -v java)"; then
  java_on_path="$(readlink -f "$java_on_path")"   # .../bin/java -> its JDK home
  consider "${java_on_path%/bin/java}"
fi
for d in /usr/lib/jvm/* /opt/*jdk* /opt/java/*; do [ -d "$d" ] && consider "$d"; done

if [ -z "$best" ]; then
  echo "xent: no JDK 21 or newer found (looked at \$XENT_JAVA_HOME, \$JAVA_HOME, the java on PATH, /usr/lib/jvm/*, /opt)." >&2
  echo "xent: install one (for example: apt-get install openjdk-21-jdk) or set XENT_JAVA_HOME to its folder." >&2
  exit 1
fi
echo "$best"
