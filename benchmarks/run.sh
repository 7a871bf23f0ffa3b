#!/usr/bin/env bash
# The load harness: builds every contender, then starts each in turn on loopback, checks that it
# answers every workload correctly, warms it up and loads it with wrk, and prints one table with
# requests/s, p50/p99 latency, errors and the ratio to the raw-Netty baseline of this same run.
# Writes benchmarks/results/latest.json and benchmarks/results/latest.svg (the ratios as bars).
#
# Usage: benchmarks/run.sh            (from anywhere; see benchmarks/README.md)
# Settings, all overridable from the environment:
#   THREADS=1 CONNECTIONS=64 WARMUP=5 DURATION=10   wrk -t/-c, seconds of warm-up and of measurement
#   CONTENDERS="raw-netty rigel-vt rigel-el rigel-min rigel-min-aot rigel-seed rigel-seed-aot rigel-seed-96m rigel-seed-pg helidon javalin vertx spring"
#   (also rigel-seed-rs256: the seed signing its access tokens with RS256)
#   (rigel-min: a minimal app (benchmarks/minimal) run as an app ships, java -jar; rigel-min-aot and
#   rigel-seed-aot: the same jars on the JDK's AOT cache that their `train` command wrote once per
#   run (JDK 25+); rigel-seed-96m: the seed with -Xmx96m)
#   SEED_PG_SCHEMA=rigel_bench_seed (rigel-seed-pg: the seed on the local PostgreSQL, database test,
#   user postgres, in this schema, dropped and made afresh before each start)
#   WORKLOADS="plaintext json users user"
#   (also user-jwt: GET /api/v1/users/1 with the access token a login gives instead of the static token;
#   and h2-plaintext h2-json h2-users h2-user: the same requests over h2c with prior knowledge, loaded
#   with h2load instead of wrk, served by the Rigel contenders and vertx only)
#   H2_CONNECTIONS=16 H2_STREAMS=10   h2load -c/-m (connections, concurrent streams per connection)
#   ROUNDS=1 (N > 1 repeats the whole cycle N times, interleaved; the table shows each cell's median)
#   BASELINE_DIR (for rigel-vt-base, rigel-el-base, rigel-seed-base, rigel-min-base, rigel-min-aot-base, rigel-seed-aot-base, rigel-seed-pg-base, rigel-jdbc-base, rigel-jpa-base, rigel-pgclient-base: a folder with benchmarks.jar and
#     seed-app.jar built at another commit, e.g. the one before a change)
#   BUILD=1 (0 skips the Maven build)   PORT=18080   JAVA_OPTS=""   OUT=benchmarks/results/latest
#   SUITE=db: TechEmpower's database tests on the local PostgreSQL instead; its defaults are
#     CONTENDERS="vertx-pg rigel-pgclient rigel-jdbc rigel-jpa spring-jpa helidon-db javalin-hikari rigel-seed rigel-seed-pg"
#     WORKLOADS="db queries1 queries20 fortunes updates1 updates20 users"  BASELINE=vertx-pg
#   TFB_SCHEMA=techempower (the schema of database test holding world and fortune, made afresh by
#     benchmarks/techempower/setup.sql before the first database contender starts)
#   BASELINE=raw-netty (the contender every ratio is taken against)
#   TFB_COUNT=1 (0: the answer check of queries20/updates20 does not count PostgreSQL's statements in round 1)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-64}
H2_CONNECTIONS=${H2_CONNECTIONS:-16}
H2_STREAMS=${H2_STREAMS:-10}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-10}
SUITE=${SUITE:-http}
if [ "$SUITE" = db ]; then
  CONTENDERS=${CONTENDERS:-vertx-pg rigel-pgclient rigel-jdbc rigel-jpa spring-jpa helidon-db javalin-hikari rigel-seed rigel-seed-pg}
  WORKLOADS=${WORKLOADS:-db queries1 queries20 fortunes updates1 updates20 users}
  BASELINE=${BASELINE:-vertx-pg}
fi
CONTENDERS=${CONTENDERS:-raw-netty rigel-vt rigel-el rigel-min rigel-min-aot rigel-seed rigel-seed-aot rigel-seed-96m rigel-seed-pg helidon javalin vertx spring}
SEED_PG_SCHEMA=${SEED_PG_SCHEMA:-rigel_bench_seed}
TFB_SCHEMA=${TFB_SCHEMA:-techempower}
export TFB_SCHEMA
WORKLOADS=${WORKLOADS:-plaintext json users user}
BASELINE=${BASELINE:-raw-netty}
export BASELINE
BUILD=${BUILD:-1}
ROUNDS=${ROUNDS:-1}
PORT=${PORT:-18080}
JAVA_OPTS=${JAVA_OPTS:-}
OUT=${OUT:-benchmarks/results/latest}

if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA=${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java

if ! command -v wrk >/dev/null; then
  echo "wrk is missing; installing it with apt-get" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y wrk >&2 || { apt-get update >&2 && apt-get install -y wrk >&2; }
  else sudo apt-get install -y wrk >&2 || { sudo apt-get update >&2 && sudo apt-get install -y wrk >&2; }; fi
fi

# h2load (Debian's nghttp2-client) loads the h2-* workloads
if [[ " $WORKLOADS " == *" h2-"* ]] && ! command -v h2load >/dev/null; then
  echo "h2load is missing; installing nghttp2-client with apt-get" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y nghttp2-client >&2 || { apt-get update >&2 && apt-get install -y nghttp2-client >&2; }
  else sudo apt-get install -y nghttp2-client >&2 || { sudo apt-get update >&2 && sudo apt-get install -y nghttp2-client >&2; }; fi
fi

if [ "$BUILD" = 1 ]; then
  echo "building (./mvnw -q -B package -DskipTests) ..." >&2
  ./mvnw -q -B package -DskipTests >&2
fi

RESULTS_DIR=$(dirname "$OUT")
RUN_DIR="$RESULTS_DIR/run"
mkdir -p "$RUN_DIR"
rm -f "$RUN_DIR"/*.json "$RUN_DIR"/*.log "$RUN_DIR"/*.check "$RUN_DIR"/*.h2load "$RUN_DIR"/*.h2load.out "$RUN_DIR"/*.aot
BASE="http://127.0.0.1:$PORT"
AUTH='Authorization: Bearer dev-token'

# What each workload requests. The users workloads send what a browser sends along with the token.
workload_path() {
  case $1 in
    h2-*) workload_path "${1#h2-}" ;; # the same request over h2c
    plaintext) echo /plaintext ;;
    json) echo /json ;;
    users) echo /api/v1/users ;;
    user|user-jwt) echo /api/v1/users/1 ;;
    # TechEmpower's database tests (benchmarks/techempower/)
    db) echo /db ;;
    queries1) echo '/queries?queries=1' ;;
    queries20) echo '/queries?queries=20' ;;
    fortunes) echo /fortunes ;;
    updates1) echo '/updates?queries=1' ;;
    updates20) echo '/updates?queries=20' ;;
    *) echo "unknown workload $1" >&2; exit 2 ;;
  esac
}
BROWSER_HEADERS=(
  -H "$AUTH"
  -H 'Cookie: session_id=5f2b8c1e9a7d4e3f8b6a1c2d3e4f5a6b; theme=dark; _ga=GA1.1.1234567890.1700000000; consent=analytics%3Dfalse'
  -H 'Accept: application/json, text/plain, */*'
  -H 'Accept-Language: en-GB,en;q=0.9'
  -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'
)
workload_headers() { # prints nothing for plaintext/json; the browser headers otherwise (via global array)
  case $1 in
    users|user|h2-users|h2-user) return 0 ;;
    # the same, with the access token a login gave (JWT, set per contender start) instead of the static token
    user-jwt) BROWSER_HEADERS_JWT=("${BROWSER_HEADERS[@]}"); BROWSER_HEADERS_JWT[1]="Authorization: Bearer $JWT"; return 0 ;;
    *) return 1 ;;
  esac
}

DB_WORKLOADS=" db queries1 queries20 fortunes updates1 updates20 "
DB_CONTENDERS=" rigel-pgclient rigel-jdbc rigel-jpa rigel-jdbc-base rigel-jpa-base rigel-pgclient-base vertx-pg spring-jpa helidon-db javalin-hikari "
is_db_workload() { [[ $DB_WORKLOADS == *" $1 "* ]]; }
is_db_contender() { [[ $DB_CONTENDERS == *" $1 "* ]]; }
# HTTP/2 workloads (h2c with prior knowledge, loaded by h2load) and the contenders that speak h2c
is_h2_workload() { [[ $1 == h2-* ]]; }
H2_CONTENDERS=" rigel-vt rigel-el rigel-el-1 vertx-1 rigel-seed rigel-seed-pg rigel-seed-rs256 rigel-vt-base rigel-el-base rigel-seed-base rigel-seed-pg-base vertx "
# Whether contender $1 serves workload $2: the database contenders serve the database tests only,
# the others the HTTP workloads only, and the h2c ones only if they speak h2c.
serves() {
  if is_db_contender "$1"; then is_db_workload "$2"
  elif is_h2_workload "$2"; then [[ $H2_CONTENDERS == *" $1 "* ]]
  else ! is_db_workload "$2"; fi
}
# The request polled until contender $1 answers (its startup time).
probe() {
  if is_db_contender "$1"; then curl -fs -o /dev/null "$BASE/db" 2>/dev/null
  else curl -fs -o /dev/null -H "$AUTH" "$BASE/api/v1/users/1" 2>/dev/null; fi
}

# Sets args to the headers workload $1 sends.
warm_args() {
  args=()
  if workload_headers "$1"; then
    if [ "$1" = user-jwt ]; then args=("${BROWSER_HEADERS_JWT[@]}"); else args=("${BROWSER_HEADERS[@]}"); fi
  fi
}

# An access token for the seed's sample user Ada, from its login route (empty for contenders without one).
login_token() {
  curl -fs -X POST -H 'content-type: application/json' \
    -d '{"email":"ada@example.com","password":"analytical-engine"}' "$BASE/api/v1/auth/login" 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])' 2>/dev/null || true
}

# How each contender starts (stdout/stderr go to $RUN_DIR/<name>.log; the seed's per-request log is discarded).
NATIVE="--enable-native-access=ALL-UNNAMED"
# A jar of the baseline build: BASELINE_DIR holds benchmarks/target/benchmarks.jar and
# examples/seed-app/target/seed-app.jar as built at the baseline commit.
baseline() {
  if [ -z "${BASELINE_DIR:-}" ] || [ ! -f "$BASELINE_DIR/$1" ]; then
    echo "the *-base contenders need BASELINE_DIR with $1 from the baseline build" >&2; exit 2
  fi
  echo "$BASELINE_DIR/$1"
}

# --- startup and memory contenders (rigel-min, the AOT-cache variants, rigel-seed-96m) ---
MIN_JAR=benchmarks/minimal/target/benchmarks-minimal.jar
SEED_JAR=examples/seed-app/target/seed-app.jar
# The jar of an AOT contender, whose cache $RUN_DIR/<name>.aot is written once per run, before its
# first start is timed, by the app's `train` command (the production path README.md documents): the
# app serves its documented GET routes to itself with the benchmark token and stops, and the JVM
# writes the cache as it exits.
aot_jar() {
  case $1 in
    rigel-min-aot) echo "$MIN_JAR" ;;
    rigel-seed-aot) echo "$SEED_JAR" ;;
    rigel-min-aot-base) baseline benchmarks-minimal.jar ;;
    rigel-seed-aot-base) baseline seed-app.jar ;;
  esac
}
prepare_startup_contender() {
  local name=$1 jar cache="$RUN_DIR/$1.aot"
  jar=$(aot_jar "$name")
  if [ -n "$jar" ] && [ ! -s "$cache" ]; then
    echo "   training $name's AOT cache ($cache)" >&2
    # shellcheck disable=SC2086
    RATE_LIMIT=second,1000000000 "$JAVA" $NATIVE $JAVA_OPTS -XX:AOTCacheOutput="$cache" -jar "$jar" train \
      --port "$PORT" -H "$AUTH" >"$RUN_DIR/$name.train.log" 2>&1 \
      || echo "   $name: training failed, see $RUN_DIR/$name.train.log" >&2
  fi
}
# Starts the contenders of this block (called by start_contender; sets nothing, the caller reads $!).
# -XX:AOTMode=on makes the JVM refuse to start when it cannot use the cache, so an AOT contender that
# answers is one that ran on its cache (its -Xlog:aot lines are in its log).
start_startup_contender() {
  local name=$1 log=$2
  # shellcheck disable=SC2086
  case $name in
    rigel-min) "$JAVA" $NATIVE $JAVA_OPTS -jar "$MIN_JAR" --port "$PORT" >"$log" 2>&1 & ;;
    rigel-min-base) "$JAVA" $NATIVE $JAVA_OPTS -jar "$(baseline benchmarks-minimal.jar)" --port "$PORT" >"$log" 2>&1 & ;;
    rigel-min-aot|rigel-min-aot-base) "$JAVA" $NATIVE $JAVA_OPTS -XX:AOTCache="$RUN_DIR/$name.aot" -XX:AOTMode=on -Xlog:aot=info \
        -jar "$(aot_jar "$name")" --port "$PORT" >"$log" 2>&1 & ;;
    rigel-seed-aot|rigel-seed-aot-base) RATE_LIMIT=second,1000000000 "$JAVA" $NATIVE $JAVA_OPTS -XX:AOTCache="$RUN_DIR/$name.aot" \
        -XX:AOTMode=on -Xlog:aot=info:stderr -jar "$(aot_jar "$name")" --port "$PORT" >/dev/null 2>"$log" & ;;
    rigel-seed-96m) RATE_LIMIT=second,1000000000 "$JAVA" $NATIVE $JAVA_OPTS -Xmx96m -jar "$SEED_JAR" --port "$PORT" >/dev/null 2>"$log" & ;;
    *) echo "unknown contender $name" >&2; exit 2 ;;
  esac
}
# Memory after the load, appended to a contender's round record: RSS now, then a full GC (jcmd
# GC.run) and the heap in use after it (jstat: survivors + eden + old), the metaspace, and RSS again.
memory_after_gc() {
  local pid=$1 stat
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null 2>&1 || return 0
  sleep 0.5
  stat=$("$JAVA_HOME/bin/jstat" -gc "$pid" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { printf "%d %d", $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"], $col["MU"] }')
  [ -n "$stat" ] || return 0
  printf ',"heap_after_gc_kb":%s,"metaspace_kb":%s,"rss_after_gc_kb":%s' \
    "${stat%% *}" "${stat##* }" "$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")"
}
# --- end of the startup and memory block ---

start_contender() { # name -> sets PID
  local name=$1 log="$RUN_DIR/$1.log"
  # shellcheck disable=SC2086
  case $name in
    raw-netty) "$JAVA" $NATIVE $JAVA_OPTS -cp benchmarks/target/benchmarks.jar dev.rigel.benchmarks.RawNettyServer "$PORT" >"$log" 2>&1 & ;;
    rigel-vt) "$JAVA" $NATIVE $JAVA_OPTS -cp benchmarks/target/benchmarks.jar dev.rigel.benchmarks.RigelBenchServer "$PORT" vt >"$log" 2>&1 & ;;
    rigel-el) "$JAVA" $NATIVE $JAVA_OPTS -cp benchmarks/target/benchmarks.jar dev.rigel.benchmarks.RigelBenchServer "$PORT" el >"$log" 2>&1 & ;;
    # one event loop, against vertx-1: on a machine whose other core runs wrk, one loop is the cheaper setup for both
    rigel-el-1) "$JAVA" $NATIVE $JAVA_OPTS -cp benchmarks/target/benchmarks.jar dev.rigel.benchmarks.RigelBenchServer "$PORT" el 1 >"$log" 2>&1 & ;;
    # the seed's rate limiter stays in the stack but gets a limit the load cannot reach
    rigel-seed) RATE_LIMIT=second,1000000000 "$JAVA" $NATIVE $JAVA_OPTS -jar examples/seed-app/target/seed-app.jar --port "$PORT" >/dev/null 2>"$log" & ;;
    # the seed signing its access tokens with RS256 (workload user-jwt; its static-token route is the same)
    rigel-seed-rs256) JWT_ALGORITHM=RS256 RATE_LIMIT=second,1000000000 "$JAVA" $NATIVE $JAVA_OPTS -jar examples/seed-app/target/seed-app.jar --port "$PORT" >/dev/null 2>"$log" & ;;
    # the same jar on PostgreSQL: a fresh schema, so the seed stores its three sample users again
    rigel-seed-pg)
      psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $SEED_PG_SCHEMA CASCADE" -c "CREATE SCHEMA $SEED_PG_SCHEMA" >"$log" 2>&1
      DATABASE_URL="postgresql://postgres@127.0.0.1:5432/test?currentSchema=$SEED_PG_SCHEMA" RATE_LIMIT=second,1000000000 \
        "$JAVA" $NATIVE $JAVA_OPTS -jar examples/seed-app/target/seed-app.jar --port "$PORT" >/dev/null 2>>"$log" & ;;
    helidon) "$JAVA" $NATIVE $JAVA_OPTS -cp "benchmarks/helidon/target/classes:benchmarks/helidon/target/lib/*" dev.rigel.benchmarks.helidon.HelidonBenchServer "$PORT" >"$log" 2>&1 & ;;
    javalin) "$JAVA" $NATIVE $JAVA_OPTS -cp "benchmarks/javalin/target/classes:benchmarks/javalin/target/lib/*" dev.rigel.benchmarks.javalin.JavalinBenchServer "$PORT" >"$log" 2>&1 & ;;
    vertx) "$JAVA" $NATIVE $JAVA_OPTS -cp "benchmarks/vertx/target/classes:benchmarks/vertx/target/lib/*" dev.rigel.benchmarks.vertx.VertxBenchServer "$PORT" >"$log" 2>&1 & ;;
    vertx-1) "$JAVA" $NATIVE $JAVA_OPTS -cp "benchmarks/vertx/target/classes:benchmarks/vertx/target/lib/*" dev.rigel.benchmarks.vertx.VertxBenchServer "$PORT" 1 >"$log" 2>&1 & ;;
    spring) "$JAVA" $NATIVE $JAVA_OPTS -jar benchmarks/spring/target/benchmarks-spring.jar --server.port="$PORT" >"$log" 2>&1 & ;;
    # TechEmpower's database tests on the local PostgreSQL (schema $TFB_SCHEMA, see benchmarks/techempower/)
    rigel-jdbc) "$JAVA" $NATIVE $JAVA_OPTS -cp benchmarks/target/benchmarks.jar dev.rigel.benchmarks.RigelDbServer "$PORT" jdbc >"$log" 2>&1 & ;;
    rigel-jpa) "$JAVA" $NATIVE $JAVA_OPTS -cp benchmarks/target/benchmarks.jar dev.rigel.benchmarks.RigelDbServer "$PORT" jpa >"$log" 2>&1 & ;;
    rigel-pgclient) "$JAVA" $NATIVE $JAVA_OPTS -cp benchmarks/target/benchmarks.jar dev.rigel.benchmarks.RigelDbServer "$PORT" pgclient >"$log" 2>&1 & ;;
    vertx-pg) "$JAVA" $NATIVE $JAVA_OPTS -cp "benchmarks/vertx-pg/target/classes:benchmarks/vertx-pg/target/lib/*" dev.rigel.benchmarks.vertxpg.VertxDbServer "$PORT" >"$log" 2>&1 & ;;
    spring-jpa) TFB_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$TFB_SCHEMA" "$JAVA" $NATIVE $JAVA_OPTS -jar benchmarks/spring/target/benchmarks-spring.jar --server.port="$PORT" --spring.profiles.active=db >"$log" 2>&1 & ;;
    helidon-db) "$JAVA" $NATIVE $JAVA_OPTS -cp "benchmarks/helidon/target/classes:benchmarks/helidon/target/lib/*" dev.rigel.benchmarks.helidon.HelidonDbServer "$PORT" >"$log" 2>&1 & ;;
    javalin-hikari) "$JAVA" $NATIVE $JAVA_OPTS -cp "benchmarks/javalin/target/classes:benchmarks/javalin/target/lib/*" dev.rigel.benchmarks.javalin.JavalinDbServer "$PORT" >"$log" 2>&1 & ;;
    # the same servers from another build of Rigel (a commit before a change), for before/after ratios
    rigel-vt-base) "$JAVA" $NATIVE $JAVA_OPTS -cp "$(baseline benchmarks.jar)" dev.rigel.benchmarks.RigelBenchServer "$PORT" vt >"$log" 2>&1 & ;;
    rigel-el-base) "$JAVA" $NATIVE $JAVA_OPTS -cp "$(baseline benchmarks.jar)" dev.rigel.benchmarks.RigelBenchServer "$PORT" el >"$log" 2>&1 & ;;
    rigel-jdbc-base) "$JAVA" $NATIVE $JAVA_OPTS -cp "$(baseline benchmarks.jar)" dev.rigel.benchmarks.RigelDbServer "$PORT" jdbc >"$log" 2>&1 & ;;
    rigel-jpa-base) "$JAVA" $NATIVE $JAVA_OPTS -cp "$(baseline benchmarks.jar)" dev.rigel.benchmarks.RigelDbServer "$PORT" jpa >"$log" 2>&1 & ;;
    rigel-pgclient-base) "$JAVA" $NATIVE $JAVA_OPTS -cp "$(baseline benchmarks.jar)" dev.rigel.benchmarks.RigelDbServer "$PORT" pgclient >"$log" 2>&1 & ;;
    rigel-seed-base) RATE_LIMIT=second,1000000000 "$JAVA" $NATIVE $JAVA_OPTS -jar "$(baseline seed-app.jar)" --port "$PORT" >/dev/null 2>"$log" & ;;
    rigel-seed-pg-base)
      psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $SEED_PG_SCHEMA CASCADE" -c "CREATE SCHEMA $SEED_PG_SCHEMA" >"$log" 2>&1
      DATABASE_URL="postgresql://postgres@127.0.0.1:5432/test?currentSchema=$SEED_PG_SCHEMA" RATE_LIMIT=second,1000000000 \
        "$JAVA" $NATIVE $JAVA_OPTS -jar "$(baseline seed-app.jar)" --port "$PORT" >/dev/null 2>>"$log" & ;;
    *) start_startup_contender "$name" "$log" ;;
  esac
  PID=$!
}

stop_contender() {
  kill "$PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  PID=
}
PID=
trap '[ -n "$PID" ] && kill -9 "$PID" 2>/dev/null; true' EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

# TechEmpower's tables, made afresh once per run before the first database contender starts
for name in $CONTENDERS; do
  if is_db_contender "$name"; then
    echo "making TechEmpower's tables in schema $TFB_SCHEMA of database test" >&2
    psql -q -h 127.0.0.1 -U postgres -d test -v schema="$TFB_SCHEMA" -f benchmarks/techempower/setup.sql >&2
    break
  fi
done
export TFB_DATABASE_URL="postgresql://postgres@127.0.0.1:5432/test?currentSchema=$TFB_SCHEMA"

# other work on the machine skews the numbers: the load average is recorded before and after
cut -d' ' -f1-3 /proc/loadavg >"$RUN_DIR/loadavg-start"
for round in $(seq 1 "$ROUNDS"); do
for name in $CONTENDERS; do
  if ! port_free; then echo "port $PORT is busy; set PORT" >&2; exit 1; fi
  echo "== $name (round $round of $ROUNDS)" >&2
  # the workloads this contender serves; the others are recorded as not served
  ordered=
  for w in $WORKLOADS; do
    if serves "$name" "$w"; then ordered="$ordered $w"
    else printf '{"contender":"%s","workload":"%s","status":"not served"}\n' "$name" "$w" >"$RUN_DIR/$name.$w.r$round.json"; fi
  done
  prepare_startup_contender "$name"
  t0=$(date +%s%N)
  start_contender "$name"
  # startup: launch to the first successful GET /api/v1/users/1 (authenticated; GET /db for the
  # database contenders), polled every 10 ms, 60 s max
  started=0
  for _ in $(seq 1 6000); do
    if probe "$name"; then started=1; break; fi
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.01
  done
  startup_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  if [ "$started" != 1 ]; then
    echo "   $name did not answer; see $RUN_DIR/$name.log" >&2
    printf '{"contender":"%s","status":"failed to start"}\n' "$name" >"$RUN_DIR/$name.r$round.json"
    stop_contender; continue
  fi
  echo "   first successful request after ${startup_ms} ms" >&2
  rss_start_kb=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
  JWT=$(login_token)
  # workloads in reverse order every other round: the later ones run on a JIT warmed by the earlier
  if [ $((round % 2)) = 0 ]; then ordered=$(echo $ordered | tr ' ' '\n' | tac | tr '\n' ' '); fi
  # every workload is warmed before any is measured, so none is measured on a colder JIT than another
  for w in $ordered; do
    warm_args $w
    if is_h2_workload "$w"; then
      h2load -c"$H2_CONNECTIONS" -m"$H2_STREAMS" -D"$WARMUP" "${args[@]}" "$BASE$(workload_path "$w")" >/dev/null 2>&1 || true
    else
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${args[@]}" "$BASE$(workload_path "$w")" >/dev/null 2>&1 || true
    fi
  done
  for w in $ordered; do
    path=$(workload_path "$w")
    warm_args $w
    # correctness check before loading: TechEmpower's rules for its tests (techempower/check.py:
    # shapes, counts, rows as stored, rows really updated, escaping); 200 and a non-empty body otherwise
    if is_db_workload "$w"; then
      # in round 1 also count PostgreSQL's statements for queries20/updates20 (~25 s each; TFB_COUNT=0: never)
      count=; if [ "$round" = 1 ] && [ "${TFB_COUNT:-1}" != 0 ]; then count=--count; fi
      if ! python3 benchmarks/techempower/check.py $count "$BASE" "$w" "$RUN_DIR/$name.$w.body" >"$RUN_DIR/$name.$w.check" 2>&1; then
        echo "   $w: answers fail the check, skipped:" >&2; sed 's/^/     /' "$RUN_DIR/$name.$w.check" | head -5 >&2
        problem=$(grep -m1 FAIL "$RUN_DIR/$name.$w.check" | sed 's/^FAIL //; s/"/'"'"'/g' | cut -c1-200)
        printf '{"contender":"%s","workload":"%s","status":"check failed: %s"}\n' "$name" "$w" "$problem" >"$RUN_DIR/$name.$w.r$round.json"
        continue
      fi
      code=200
    elif is_h2_workload "$w"; then
      # over HTTP/2 for real: prior knowledge, and the answer must say HTTP/2
      code=$(curl -s --http2-prior-knowledge -o "$RUN_DIR/$name.$w.body" -w '%{http_code} HTTP/%{http_version}' "${args[@]}" "$BASE$path" || true)
      if [ "$code" = "200 HTTP/2" ]; then code=200; fi
    else
      code=$(curl -s -o "$RUN_DIR/$name.$w.body" -w '%{http_code}' "${args[@]}" "$BASE$path" || true)
    fi
    if [ "$code" != 200 ] || [ ! -s "$RUN_DIR/$name.$w.body" ]; then
      echo "   $w: answered $code, skipped" >&2
      printf '{"contender":"%s","workload":"%s","status":"check failed: HTTP %s"}\n' "$name" "$w" "$code" >"$RUN_DIR/$name.$w.r$round.json"
      continue
    fi
    if is_h2_workload "$w"; then
      # h2load prints no percentiles: they come from its per-request log (benchmarks/h2load/summary.py)
      h2load -c"$H2_CONNECTIONS" -m"$H2_STREAMS" -D"$DURATION" --log-file="$RUN_DIR/$name.$w.h2load" "${args[@]}" "$BASE$path" >"$RUN_DIR/$name.$w.h2load.out" 2>&1 || true
      if ! result=$(python3 benchmarks/h2load/summary.py "$RUN_DIR/$name.$w.h2load.out" "$RUN_DIR/$name.$w.h2load"); then
        echo "   $w: h2load failed, see $RUN_DIR/$name.$w.h2load.out" >&2
        printf '{"contender":"%s","workload":"%s","status":"h2load failed"}\n' "$name" "$w" >"$RUN_DIR/$name.$w.r$round.json"
        continue
      fi
      rm -f "$RUN_DIR/$name.$w.h2load" # a line per request; the summary keeps what matters
    else
      result=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s benchmarks/wrk/report.lua "${args[@]}" "$BASE$path" | tail -1)
    fi
    printf '{"contender":"%s","workload":"%s","status":"ok","wrk":%s}\n' "$name" "$w" "$result" >"$RUN_DIR/$name.$w.r$round.json"
    echo "   $w: $(echo "$result" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(round(r["requests"]*1e6/r["duration_us"]), "req/s")')" >&2
  done
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
  hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")
  gc=$(memory_after_gc "$PID")
  printf '{"contender":"%s","status":"ok","startup_ms":%d,"rss_start_kb":%d,"rss_kb":%d,"rss_peak_kb":%d%s}\n' \
    "$name" "$startup_ms" "$rss_start_kb" "$rss_kb" "$hwm_kb" "$gc" >"$RUN_DIR/$name.r$round.json"
  stop_contender
done
done

cut -d' ' -f1-3 /proc/loadavg >"$RUN_DIR/loadavg-end"
SETTINGS="wrk -t$THREADS -c$CONNECTIONS, ${WARMUP}s warm-up + ${DURATION}s measurement per workload"
[[ " $WORKLOADS " == *" h2-"* ]] && SETTINGS="$SETTINGS; h2-*: h2load -c$H2_CONNECTIONS -m$H2_STREAMS over h2c (prior knowledge)"
[ "$ROUNDS" -gt 1 ] && SETTINGS="$SETTINGS, median of $ROUNDS interleaved rounds"
python3 benchmarks/report.py "$RUN_DIR" "$OUT" "$SETTINGS" "$CONTENDERS" "$WORKLOADS"
