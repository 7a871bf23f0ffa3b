#!/usr/bin/env bash
# Channels fan-out on the real server (FanoutBenchmark): one publisher, CLIENTS WebSocket
# subscribers of one channel, for the memory and Redis Pub/Sub backends; messages delivered per
# second and publish→receive latency percentiles, steady rate and max throughput. Needs Redis on
# 127.0.0.1:6379 for the redis backend (BACKENDS=memory to skip it). Output also goes to
# benchmarks/results/fanout.txt.
#
# Usage: benchmarks/fanout.sh      settings from the environment:
#   CLIENTS=1000 RATE=20 PHASE_SECONDS=10 WARMUP=3 WINDOW=8 BACKENDS=memory,redis REDIS_URL=redis://127.0.0.1:6379/0
#   BUILD=0 skips the Maven build; JAVA_OPTS adds JVM flags.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA=${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java
if [ "${BUILD:-1}" = 1 ]; then
  ./mvnw -q -B package -DskipTests -pl benchmarks -am >&2
fi
CLIENTS=${CLIENTS:-1000}
# every client is two descriptors here (client and server side of the same loopback connection)
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((CLIENTS * 2 + 200)) ]; then
  ulimit -n $((CLIENTS * 2 + 200)) 2>/dev/null || { echo "ulimit -n $(ulimit -n) is too low for $CLIENTS clients" >&2; exit 1; }
fi
mkdir -p benchmarks/results
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee benchmarks/results/fanout.txt
# shellcheck disable=SC2086
"$JAVA" ${JAVA_OPTS:-} -Dclients="$CLIENTS" -Drate="${RATE:-20}" -Dseconds="${PHASE_SECONDS:-10}" \
  -Dwarmup="${WARMUP:-3}" -Dwindow="${WINDOW:-8}" -Dbackends="${BACKENDS:-memory,redis}" \
  -Dredis="${REDIS_URL:-redis://127.0.0.1:6379/0}" \
  -cp benchmarks/target/benchmarks.jar dev.rigel.benchmarks.FanoutBenchmark 2>benchmarks/results/fanout.log \
  | tee -a benchmarks/results/fanout.txt
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a benchmarks/results/fanout.txt
