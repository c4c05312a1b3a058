#!/usr/bin/env bash
# Runs exoreg on an external PostgreSQL under load, stops the database for a while, starts it
# again, and prints what the clients saw (bench/faults.py). It stops and starts the server it is
# pointed at, so point it only at a server you may restart.
#   bench/faults.sh [outage seconds]
# Settings: FAULT_DB_URL (a database it may create and drop), FAULT_DB_STOP and FAULT_DB_START
# (commands), FAULT_PORT. The defaults use the local PostgreSQL cluster through pg_ctlcluster.
set -euo pipefail
cd "$(dirname "$0")/.."
outage="${1:-8}"
cluster="$(ls /etc/postgresql 2> /dev/null | sort -V | tail -n 1)"
db_url="${FAULT_DB_URL:-jdbc:postgresql://127.0.0.1:5432/exoreg_faults}"
stop="${FAULT_DB_STOP:-pg_ctlcluster --skip-systemctl-redirect $cluster main stop -m fast}"
start="${FAULT_DB_START:-pg_ctlcluster --skip-systemctl-redirect $cluster main start}"
port="${FAULT_PORT:-18090}"
work="$(mktemp -d)"
secret="exo_fault-script-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
database="${db_url##*/}"
host_port="${db_url#jdbc:postgresql://}"
host="${host_port%%:*}"
db_port="${host_port#*:}"
db_port="${db_port%%/*}"

[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
pg_isready -q -h "$host" -p "$db_port" || $start
psql -q -h "$host" -p "$db_port" -U postgres -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"

QUARKUS_DATASOURCE_JDBC_URL="$db_url" QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD= \
  QUARKUS_HTTP_PORT="$port" EXOREG_API_KEYS_FAULTS_SHA256="$(printf '%s' "$secret" | sha256sum | cut -d' ' -f1)" \
  java @target/quarkus-app/jvm.options -jar target/quarkus-app/quarkus-run.jar > "$work/app.log" 2>&1 &
app=$!
cleanup() {
  kill "$app" 2> /dev/null || true
  wait "$app" 2> /dev/null || true
  pg_isready -q -h "$host" -p "$db_port" || $start || true
  psql -q -h "$host" -p "$db_port" -U postgres -c "DROP DATABASE IF EXISTS $database" || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/q/health/ready" > /dev/null && break
  kill -0 "$app" 2> /dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/q/health/ready" > /dev/null || { echo "exoreg is not ready"; cat "$work/app.log"; exit 1; }

status=0
python3 bench/faults.py "http://127.0.0.1:$port" "$secret" "$stop" "$start" "$outage" || status=$?
echo
echo "== the application's log lines about the database"
grep -a -E "database|Database" "$work/app.log" | grep -a -v "^\s*at " | cut -c1-200 | head -20 || true
exit $status
