#!/usr/bin/env bash
# Builds and starts the packaged service on its embedded default, then measures it.
# Prints figures; nothing here asserts a threshold. Usage: bench/run.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
work="$(mktemp -d)"
port="${BENCH_PORT:-18080}"
db_port="${BENCH_DB_PORT:-15433}"

[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests

EXOREG_EMBEDDED_DATA_DIR="$work/postgres" EXOREG_EMBEDDED_PORT="$db_port" QUARKUS_HTTP_PORT="$port" \
  java -jar target/quarkus-app/quarkus-run.jar > "$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$port/q/health/ready" > /dev/null && break
  kill -0 $app 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.5
done
base="http://localhost:$port"

echo "== catalogue check: 1,000 products x 10 markets x 6 combinations (60,000 decisions)"
python3 bench/check-catalogue.py 1000 > "$work/catalogue.json"
printf '   request body %s bytes\n' "$(wc -c < "$work/catalogue.json")"
for format in json junit sarif text; do
  for _ in 1 2 3; do # warm-up
    curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary @"$work/catalogue.json" "$base/api/v1/checks?format=$format"
  done
  server=(); total=()
  for _ in $(seq 1 "$runs"); do
    out=$(curl -s -o "$work/report" -D "$work/headers" -w '%{time_total}' \
      -H 'Content-Type: application/json' --data-binary @"$work/catalogue.json" "$base/api/v1/checks?format=$format")
    total+=("$out")
    server+=("$(grep -i '^server-timing:' "$work/headers" | sed -E 's/.*dur=([0-9.]+).*/\1/')")
  done
  printf '   %-6s report %9s bytes | server median %7.1f ms | round trip median %7.1f ms\n' "$format" \
    "$(wc -c < "$work/report")" \
    "$(printf '%s\n' "${server[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
    "$(printf '%s\n' "${total[@]}" | sort -n | awk '{a[NR]=$1*1000} END {print a[int((NR+1)/2)]}')"
done
