#!/usr/bin/env bash
# Quick side-by-side of GET /plaintext: the raw Netty baseline against the Rigel seed app, in
# alternating rounds so machine noise hits both alike. Prints requests/s per round and the ratio.
# Usage: benchmarks/quick-plaintext.sh [rounds] [seconds-per-round] [connections]
# Needs wrk (apt-get install wrk) and a JDK >= 21 in JAVA_HOME. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
DURATION=${2:-10}
CONNECTIONS=${3:-64}
JAVA=${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

if [ ! -f benchmarks/target/benchmarks.jar ] || [ ! -f examples/seed-app/target/seed-app.jar ]; then
  ./mvnw -q -B package -DskipTests
fi

wait_for() { for _ in $(seq 1 100); do curl -fs "$1" >/dev/null 2>&1 && return; sleep 0.1; done; echo "no answer from $1" >&2; exit 1; }

rps() { # url -> requests/s after a 5 s warm-up
  wrk -t1 -c"$CONNECTIONS" -d5s "$1" >/dev/null
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" "$1" | awk '/Requests\/sec/ {print $2}'
}

run_raw() {
  "$JAVA" --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar dev.rigel.benchmarks.RawNettyServer 18080 >/dev/null 2>&1 &
  local pid=$!; wait_for http://127.0.0.1:18080/plaintext
  rps http://127.0.0.1:18080/plaintext; kill $pid; wait $pid 2>/dev/null || true
}

run_rigel() {
  "$JAVA" -jar examples/seed-app/target/seed-app.jar --port 18081 >/dev/null 2>&1 &
  local pid=$!; wait_for http://127.0.0.1:18081/plaintext
  rps http://127.0.0.1:18081/plaintext; kill $pid; wait $pid 2>/dev/null || true
}

echo "round  raw-netty  rigel  ratio"
total_raw=0; total_rigel=0
for round in $(seq 1 "$ROUNDS"); do
  raw=$(run_raw); rigel=$(run_rigel)
  total_raw=$(echo "$total_raw + $raw" | bc); total_rigel=$(echo "$total_rigel + $rigel" | bc)
  printf '%5s  %9s  %5s  %.2f\n' "$round" "$raw" "$rigel" "$(echo "$rigel / $raw" | bc -l)"
done
printf 'mean ratio rigel/raw-netty: %.2f\n' "$(echo "$total_rigel / $total_raw" | bc -l)"
