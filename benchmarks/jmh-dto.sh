#!/usr/bin/env bash
# DTO vs Jackson databind (DtoBenchmark), measured so that a shared, busy machine does not skew the
# ratio: each round runs the DTO and the Jackson benchmark of one operation back to back (order
# alternating between rounds), so both see the same load, and the ratio is the median over rounds.
# Per-round JMH JSON goes to benchmarks/results/dto/; the summary to stdout.
#
# Usage: benchmarks/jmh-dto.sh        ROUNDS=6 (default); BUILD=0 skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA=${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java
ROUNDS=${ROUNDS:-6}
OUT=benchmarks/results/dto
if [ "${BUILD:-1}" = 1 ]; then
  ./mvnw -q -B package -DskipTests -pl benchmarks/jmh -am >&2
fi
rm -rf "$OUT" && mkdir -p "$OUT"
for r in $(seq 1 "$ROUNDS"); do
  for op in encode decode; do
    if [ $((r % 2)) = 1 ]; then order="Dto Jackson"; else order="Jackson Dto"; fi
    for who in $order; do
      "$JAVA" -jar benchmarks/jmh/target/jmh-benchmarks.jar -f 1 -wi 4 -i 5 -w 1s -r 1s \
        -rf json -rff "$OUT/round$r-$op$who.json" "DtoBenchmark.$op$who\$" >/dev/null
    done
  done
  echo "round $r of $ROUNDS done, load $(cut -d' ' -f1 /proc/loadavg)" >&2
done
python3 - "$OUT" "$ROUNDS" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
for op in ("encode", "decode"):
    dto = [json.load(open(f"{out}/round{r}-{op}Dto.json"))[0]["primaryMetric"]["score"] for r in range(1, rounds + 1)]
    jackson = [json.load(open(f"{out}/round{r}-{op}Jackson.json"))[0]["primaryMetric"]["score"] for r in range(1, rounds + 1)]
    ratios = [j / d for d, j in zip(dto, jackson)]
    print(f"{op}: DTO {statistics.median(dto):,.0f} ops/s, Jackson {statistics.median(jackson):,.0f} ops/s (medians);"
          f" DTO time / Jackson time per round {[round(x, 2) for x in ratios]}, median {statistics.median(ratios):.2f}")
PY
