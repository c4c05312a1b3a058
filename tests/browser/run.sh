#!/usr/bin/env bash
# Runs the browser tests against the packaged application, started here on its embedded default.
# Needs Node.js, npm and Debian's Chromium (apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd ../.. && pwd)"
work="$(mktemp -d)"
port="${BROWSER_TEST_PORT:-18090}"
"$root/scripts/vendor-map.sh" --check
[ -f "$root/target/quarkus-app/quarkus-run.jar" ] || (cd "$root" && mvn -B -q package -DskipTests)
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund

env -u QUARKUS_DATASOURCE_JDBC_URL -u QUARKUS_DATASOURCE_USERNAME -u QUARKUS_DATASOURCE_PASSWORD \
  EXOREG_EMBEDDED_DATA_DIR="$work/postgres" EXOREG_EMBEDDED_PORT="${BROWSER_TEST_DB_PORT:-15434}" \
  QUARKUS_HTTP_PORT="$port" java @"$root/target/quarkus-app/jvm.options" -jar "$root/target/quarkus-app/quarkus-run.jar" > "$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2> /dev/null || true; wait $app 2> /dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$port/q/health/ready" > /dev/null && break
  kill -0 $app 2> /dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.5
done
BASE_URL="http://localhost:$port" npm test
