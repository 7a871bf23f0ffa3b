#!/usr/bin/env bash
# JMH micro-benchmarks of Rigel's hot paths (benchmarks/jmh): routing on a 200-route table, a full
# in-process request through App.call with binding + DI, JSON encode/decode against plain Jackson,
# header filling/lookup. Short settings that fit a 2-core machine; results in
# benchmarks/results/jmh.txt (human) and benchmarks/results/jmh.json (JMH's JSON).
#
# Usage: benchmarks/jmh.sh [JMH regex] [extra JMH options]     e.g. benchmarks/jmh.sh Routing
#   JMH_OPTS="-f 1 -wi 3 -i 5 -w 1s -r 1s" (the default) replaces the settings; BUILD=0 skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA=${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java
JMH_OPTS=${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s}
if [ "${BUILD:-1}" = 1 ]; then
  ./mvnw -q -B package -DskipTests -pl benchmarks/jmh -am >&2
fi
mkdir -p benchmarks/results
PATTERN=${1:-.}
shift || true
# shellcheck disable=SC2086
"$JAVA" -jar benchmarks/jmh/target/jmh-benchmarks.jar $JMH_OPTS -rf json -rff benchmarks/results/jmh.json "$PATTERN" "$@" \
  | tee benchmarks/results/jmh.txt
