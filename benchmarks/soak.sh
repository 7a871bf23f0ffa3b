#!/usr/bin/env bash
# The soak: the seed app under a steady mixed load for a long time, watched for leaks and errors.
# Starts examples/seed-app/target/seed-app.jar on loopback, runs wrk with benchmarks/wrk/soak.lua
# (plaintext, json, health, the users and orders API with its bearer token, a POST that publishes a
# notification, a POST refused with 400, 401 without a token, and two 404s, in turn), and every
# SAMPLE_EVERY seconds records the server's RSS, its heap after a full GC (jcmd GC.run, then
# GC.heap_info), threads and open file descriptors. At the end it writes, under OUT_DIR,
#   samples.csv   one row per sample
#   wrk.json      wrk's totals, latency percentiles, and the count of every status
#   summary.md    a short table: first/last/max of each sample column, statuses against the mix
# and prints summary.md. It exits 1 when the server died, answered a status outside the mix's, or
# wrk saw socket errors (see benchmarks/README.md, "Soak").
#
# Usage: benchmarks/soak.sh [DURATION]   (DURATION in seconds or with a unit: 90, 5m, 2h; default 5m)
# Settings from the environment:
#   CONNECTIONS=32 THREADS=1   wrk -c/-t     SAMPLE_EVERY=15 (seconds)    PORT=18090
#   BUILD=1 (0: use the jar as it is)   JAVA_OPTS="-Xmx512m" (the server's JVM flags)
#   OUT_DIR=benchmarks/results/soak
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION_ARG=${1:-5m}
case $DURATION_ARG in
  *h) DURATION=$(( ${DURATION_ARG%h} * 3600 )) ;;
  *m) DURATION=$(( ${DURATION_ARG%m} * 60 )) ;;
  *s) DURATION=${DURATION_ARG%s} ;;
  *) DURATION=$DURATION_ARG ;;
esac
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
SAMPLE_EVERY=${SAMPLE_EVERY:-15}
PORT=${PORT:-18090}
BUILD=${BUILD:-1}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
OUT_DIR=${OUT_DIR:-benchmarks/results/soak}
JAR=examples/seed-app/target/seed-app.jar

if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA=${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java
JCMD=$JAVA_HOME/bin/jcmd

if ! command -v wrk >/dev/null; then
  echo "wrk is missing; installing it with apt-get" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y wrk >&2 || { apt-get update >&2 && apt-get install -y wrk >&2; }
  else sudo apt-get install -y wrk >&2 || { sudo apt-get update >&2 && sudo apt-get install -y wrk >&2; }; fi
fi
if [ "$BUILD" = 1 ]; then
  echo "building the seed jar (./mvnw -q -B -pl examples/seed-app -am package -DskipTests) ..." >&2
  ./mvnw -q -B -pl examples/seed-app -am package -DskipTests >&2
fi
[ -f "$JAR" ] || { echo "$JAR is missing; run with BUILD=1" >&2; exit 2; }
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then echo "port $PORT is busy; set PORT" >&2; exit 2; fi

mkdir -p "$OUT_DIR"
SAMPLES="$OUT_DIR/samples.csv"
WRK_OUT="$OUT_DIR/wrk.json"
LOG="$OUT_DIR/server.log"
rm -f "$SAMPLES" "$WRK_OUT" "$OUT_DIR/summary.md"

# the rate limiter stays in the stack but gets a limit the load cannot reach (as run.sh does)
# shellcheck disable=SC2086
RATE_LIMIT=second,1000000000 "$JAVA" --enable-native-access=ALL-UNNAMED $JAVA_OPTS -jar "$JAR" --port "$PORT" \
  >/dev/null 2>"$LOG" &
PID=$!
WRK_PID=
cleanup() {
  [ -n "$WRK_PID" ] && kill "$WRK_PID" 2>/dev/null
  kill "$PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$PID" 2>/dev/null || true
}
trap cleanup EXIT

BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 600); do
  curl -fs -o /dev/null -H 'Authorization: Bearer dev-token' "$BASE/api/v1/users/1" 2>/dev/null && break
  kill -0 "$PID" 2>/dev/null || { echo "the seed app died while starting; see $LOG" >&2; exit 1; }
  sleep 0.1
done

# one sample: seconds since the load started, RSS, heap used after a full GC, threads, open fds
sample() {
  local t=$1 rss threads fds heap
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
  threads=$(awk '/Threads/ {print $2}' "/proc/$PID/status")
  fds=$(find "/proc/$PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  "$JCMD" "$PID" GC.run >/dev/null
  # G1 prints "garbage-first heap   total reserved …K, committed …K, used …K" (older JDKs "total …K, used …K")
  heap=$("$JCMD" "$PID" GC.heap_info | awk '/heap/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { gsub(/[^0-9]/, "", $(i+1)); print $(i+1); exit } }')
  echo "$t,$rss,${heap:-},$threads,$fds" >>"$SAMPLES"
}

echo "seconds,rss_kb,heap_after_gc_kb,threads,open_fds" >"$SAMPLES"
sample 0
echo "loading $BASE for ${DURATION}s (wrk -t$THREADS -c$CONNECTIONS), a sample every ${SAMPLE_EVERY}s; output in $OUT_DIR" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s -s benchmarks/wrk/soak.lua "$BASE" >"$OUT_DIR/wrk.txt" &
WRK_PID=$!
START=$(date +%s)
DIED=0
NEXT=$SAMPLE_EVERY
while kill -0 "$WRK_PID" 2>/dev/null; do
  sleep 1
  now=$(( $(date +%s) - START ))
  if ! kill -0 "$PID" 2>/dev/null; then DIED=1; break; fi
  # a sample takes a second or two (the GC): the next one is due by the clock, not by counting
  if [ "$now" -ge "$NEXT" ] && [ "$now" -lt "$DURATION" ]; then sample "$now"; NEXT=$(( NEXT + SAMPLE_EVERY )); fi
done
wait "$WRK_PID" || true
WRK_PID=
if [ "$DIED" = 0 ] && kill -0 "$PID" 2>/dev/null; then
  sample "$(( $(date +%s) - START ))" # after the load: what stays once the traffic is gone
else
  DIED=1
fi
tail -1 "$OUT_DIR/wrk.txt" >"$WRK_OUT"

python3 - "$SAMPLES" "$WRK_OUT" "$OUT_DIR/summary.md" "$DIED" "$DURATION" "$CONNECTIONS" <<'PY'
import csv, json, sys
samples_path, wrk_path, out_path, died, duration, connections = sys.argv[1:]
rows = list(csv.DictReader(open(samples_path)))
try:
    wrk = json.load(open(wrk_path))
except ValueError:
    wrk = None
lines = [f"## Soak: {duration} s, wrk -c{connections}, the seed app", ""]
if rows:
    # the first sample is before the load, the last one after it (when the server lived); requests in
    # flight are live at every GC under load, so heap after GC is noisy there: compare before and after
    lines += ["| sample | before the load | first under load | last under load | max under load | after the load |",
              "|---|---|---|---|---|---|"]
    under = rows[1:-1] if died != "1" else rows[1:]
    after = rows[-1] if died != "1" and len(rows) > 1 else None
    for col in ["rss_kb", "heap_after_gc_kb", "threads", "open_fds"]:
        vals = [int(r[col]) for r in under if r[col]]
        cells = [rows[0][col]] + ([str(vals[0]), str(vals[-1]), str(max(vals))] if vals else ["", "", ""])
        cells.append(after[col] if after else "")
        lines.append(f"| {col} | " + " | ".join(cells) + " |")
    lines.append("")
failed = died == "1"
if died == "1":
    lines.append("**The server died during the run** (see server.log).")
if wrk is None:
    lines.append("**wrk printed no summary.**")
    failed = True
else:
    seconds = wrk["duration_us"] / 1e6
    socket_errors = wrk["connect_errors"] + wrk["read_errors"] + wrk["write_errors"] + wrk["timeouts"]
    mix = wrk["mix"]
    share = {}
    for status in mix.values():
        share[str(status)] = share.get(str(status), 0) + 1 / len(mix)
    answered = sum(wrk["statuses"].values())
    unexpected = sum(n for s, n in wrk["statuses"].items() if s not in share)
    lines += [
        f"{wrk['requests']} requests in {seconds:.0f} s ({wrk['requests'] / seconds:.0f}/s), "
        f"p50 {wrk['p50_us'] / 1000:.1f} ms, p99 {wrk['p99_us'] / 1000:.1f} ms, max {wrk['max_us'] / 1000:.1f} ms; "
        f"socket errors {socket_errors} (connect {wrk['connect_errors']}, read {wrk['read_errors']}, "
        f"write {wrk['write_errors']}, timeout {wrk['timeouts']}); statuses outside the mix: {unexpected}",
        "",
        "| status | responses | share | expected share |",
        "|---|---|---|---|",
    ]
    for status in sorted(set(share) | set(wrk["statuses"])):
        n = wrk["statuses"].get(status, 0)
        actual = n / answered if answered else 0
        lines.append(f"| {status} | {n} | {actual:.2%} | {share.get(status, 0):.2%} |")
        # every request of the mix goes out equally often: a status off its share means a request got another answer
        if abs(actual - share.get(status, 0)) > 0.01:
            failed = True
    if unexpected or socket_errors:
        failed = True
lines += ["", "Result: " + ("**problems found**" if failed else "no errors, every status as the mix expects")]
open(out_path, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
sys.exit(1 if failed else 0)
PY
