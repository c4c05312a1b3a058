#!/usr/bin/env bash
# Measures exoreg on this machine and prints figures and ratios; it asserts nothing.
#   bench/run.sh [seconds per wrk run]   (BENCH_ROUNDS rounds of the HTTP runs, 5 by default)
# Builds the application if needed, starts it on its embedded default with the JVM options it ships
# with (target/quarkus-app/jvm.options; BENCH_JAVA_OPTS adds to them, and an option there wins, e.g.
# -XX:NativeMemoryTracking=summary to see where the resident memory goes), starts nginx on loopback
# serving a static copy of one /status answer as the ceiling, and runs wrk with the same settings
# against both. Needs java, maven, python3, curl, wrk and nginx (apt-get install -y wrk nginx).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
rounds="${BENCH_ROUNDS:-5}"
threads="${BENCH_THREADS:-2}"
connections="${BENCH_CONNECTIONS:-64}"
port="${BENCH_PORT:-18080}"
nginx_port="${BENCH_NGINX_PORT:-18081}"
db_port="${BENCH_DB_PORT:-15433}"
work="$(mktemp -d)"
for tool in wrk nginx python3 curl; do
  command -v "$tool" > /dev/null || { echo "bench/run.sh needs $tool (apt-get install -y wrk nginx)"; exit 1; }
done

[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests

# Two malloc arenas instead of one per core and thread keep the resident size down; the JVM
# allocates little through malloc.
# a key of the run's own, to write the policy the policy questions ask for
secret="exo_bench-$(date +%s%N)"
MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" EXOREG_API_KEYS_BENCH_SHA256="$(printf %s "$secret" | sha256sum | cut -d' ' -f1)" EXOREG_API_KEYS_BENCH_ADMIN=true EXOREG_EMBEDDED_DATA_DIR="$work/postgres" EXOREG_EMBEDDED_PORT="$db_port" QUARKUS_HTTP_PORT="$port" \
  java @target/quarkus-app/jvm.options ${BENCH_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar > "$work/app.log" 2>&1 &
app=$!
cleanup() {
  kill "$app" 2> /dev/null || true
  wait "$app" 2> /dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$port/q/health/ready" > /dev/null && break
  kill -0 "$app" 2> /dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.5
done
base="http://127.0.0.1:$port"
# With -XX:NativeMemoryTracking=summary in BENCH_JAVA_OPTS, where the resident memory goes.
nmt() {
  jcmd "$app" VM.native_memory summary 2> /dev/null | awk -v when="$1" '
    /^Total:/ { for (i = 1; i <= NF; i++) if ($i ~ /^committed=/) { sub("committed=", "", $i); total = $i } }
    /^-/ && /\(reserved=/ { name = $2; for (i = 1; i <= NF; i++) if ($i ~ /^committed=/) { v = $i; sub("committed=", "", v); sub(/\)$/, "", v); c[name] = v } }
    END { if (total != "") printf "  native memory %s: total %s committed; heap %s, class %s, code %s, thread %s, gc %s, compiler %s, symbol %s\n", when, total, c["Java"], c["Class"], c["Code"], c["Thread"], c["GC"], c["Compiler"], c["Symbol"] }'
}
nmt "when ready"
hot="/api/v1/status?jurisdiction=GB&source=salmon&deliveryMethod=topical"
signed="$hot&receipt=true"
# a vegan standard on top of the law: the same question asked with it
curl -sf -o /dev/null -H "Authorization: Bearer $secret" -H 'Content-Type: application/json' --data-binary @- "$base/api/v1/policies" << 'POLICY'
{"id": "bench-vegan", "name": "Vegan standard", "description": null, "rules": [
 {"id": "bench-vegan-animal", "ingredient": "exosome", "jurisdiction": null, "source": "animal",
  "deliveryMethod": "any-route", "status": "PROHIBITED", "conditions": [],
  "rationale": "No animal-derived ingredients", "legalBasis": null, "references": [],
  "effectiveFrom": null, "effectiveTo": null, "confidence": "high", "verifiedOn": "2026-12-01",
  "notes": null}]}
POLICY
policyq="$hot&policy=bench-vegan"

# The ceiling: nginx serving the same answer as a static file.
mkdir -p "$work/www/api/v1"
curl -sf "$base$hot" > "$work/www/api/v1/status"
chmod 755 "$work"
chmod -R a+rX "$work/www"
cat > "$work/nginx.conf" << CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    default_type application/json;
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
nginx_base="http://127.0.0.1:$nginx_port"

python3 bench/paths.py "$base" > "$work/paths"
etag=$(curl -sI "$base$hot" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {print $2}')

# wrk's --latency output: requests/s, p50 and p99 in ms.
measure() {
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$@")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  p50=$(awk '$1 == "50%" {print $2}' <<< "$out")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
  local errors
  errors=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<< "$out")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") ${errors:-0}"
}
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else printf "%.2f", v * 1000 }'; }
row() { printf '  %-34s %10.0f req/s   p50 %6.2f ms   p99 %6.2f ms   non-2xx %s\n' "$1" "$2" "$3" "$4" "$5"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "== HTTP: wrk -t$threads -c$connections -d${seconds}s, on the same 2 cores as the servers"
curl -s -o /dev/null "$base$hot"
wrk -t"$threads" -c"$connections" -d10s "$base$hot" > /dev/null # warm-up, so the JIT has compiled the path
EXOREG_PATHS="$work/paths" wrk -t"$threads" -c"$connections" -d5s -s bench/mix.lua "$base" > /dev/null
wrk -t"$threads" -c"$connections" -d3s "$nginx_base$hot" > /dev/null
wrk -t"$threads" -c"$connections" -d5s "$base$signed" > /dev/null
wrk -t"$threads" -c"$connections" -d5s "$base$policyq" > /dev/null
# The machine's speed drifts over minutes, so nginx and exoreg are measured back to back in each
# of several rounds, and each ratio is taken within its round.
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
hot_ratios=()
mix_ratios=()
cond_ratios=()
receipt_ratios=()
policy_ratios=()
for round in $(seq 1 "$rounds"); do
  echo "  round $round"
  read -r n_rps n_p50 n_p99 n_err <<< "$(measure "$nginx_base$hot")"
  row "nginx, static copy (baseline)" "$n_rps" "$n_p50" "$n_p99" "$n_err"
  read -r h_rps h_p50 h_p99 h_err <<< "$(measure "$base$hot")"
  row "exoreg /status, one hot query" "$h_rps" "$h_p50" "$h_p99" "$h_err"
  read -r nm_rps nm_p50 nm_p99 nm_err <<< "$(EXOREG_PATHS="$work/paths" measure -s bench/mix.lua "$nginx_base")"
  row "nginx, same file, mix of query strings" "$nm_rps" "$nm_p50" "$nm_p99" "$nm_err"
  read -r m_rps m_p50 m_p99 m_err <<< "$(EXOREG_PATHS="$work/paths" measure -s bench/mix.lua "$base")"
  row "exoreg /status, $(wc -l < "$work/paths") distinct queries" "$m_rps" "$m_p50" "$m_p99" "$m_err"
  read -r c_rps c_p50 c_p99 c_err <<< "$(measure -H "If-None-Match: $etag" "$base$hot")"
  row "exoreg /status, 304 (If-None-Match)" "$c_rps" "$c_p50" "$c_p99" "$c_err"
  read -r r_rps r_p50 r_p99 r_err <<< "$(measure "$base$signed")"
  row "exoreg /status, receipt=true" "$r_rps" "$r_p50" "$r_p99" "$r_err"
  read -r p_rps p_p50 p_p99 p_err <<< "$(measure "$base$policyq")"
  row "exoreg /status, policy=bench-vegan" "$p_rps" "$p_p50" "$p_p99" "$p_err"
  hot_ratios+=("$(ratio "$h_rps" "$n_rps")")
  mix_ratios+=("$(ratio "$m_rps" "$nm_rps")")
  cond_ratios+=("$(ratio "$c_rps" "$h_rps")")
  receipt_ratios+=("$(ratio "$r_rps" "$h_rps")")
  policy_ratios+=("$(ratio "$p_rps" "$h_rps")")
done
echo "  ratios to nginx, median of $rounds rounds: hot $(median "${hot_ratios[@]}") (${hot_ratios[*]}), mix $(median "${mix_ratios[@]}") (${mix_ratios[*]}; to nginx under the same wrk script); 304 to 200: $(median "${cond_ratios[@]}") (${cond_ratios[*]})"
echo "  requests/s with receipts (each decided and signed, ES256) to without, same hot query: $(median "${receipt_ratios[@]}") (${receipt_ratios[*]})"
echo "  requests/s of the hot query asked with a policy to without: $(median "${policy_ratios[@]}") (${policy_ratios[*]})"
echo "  exoreg peak resident memory so far: $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$app/status")"

echo
echo "== catalogue check: 1,000 products x 10 markets x 6 combinations (60,000 decisions)"
python3 bench/check-catalogue.py 1000 > "$work/catalogue.json"
for format in json junit sarif text; do
  for _ in 1 2 3; do # warm-up
    curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary @"$work/catalogue.json" "$base/api/v1/checks?format=$format"
  done
  server=()
  total=()
  for _ in 1 2 3 4 5; do
    total+=("$(curl -s -o "$work/report" -D "$work/headers" -w '%{time_total}' \
      -H 'Content-Type: application/json' --data-binary @"$work/catalogue.json" "$base/api/v1/checks?format=$format")")
    server+=("$(tr -d '\r' < "$work/headers" | awk -F'dur=' 'tolower($0) ~ /^server-timing/ {split($2, a, ";"); print a[1]}')")
  done
  printf '  %-6s report %9s bytes   read and decide median %7.1f ms   round trip (upload, decide, stream the report) median %7.1f ms\n' "$format" \
    "$(wc -c < "$work/report")" \
    "$(printf '%s\n' "${server[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')" \
    "$(printf '%s\n' "${total[@]}" | sort -n | awk '{a[NR] = $1 * 1000} END {print a[int((NR + 1) / 2)]}')"
done
echo "  exoreg peak resident memory: $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$app/status")"
nmt "after the checks"

echo
echo "== impact: the same catalogue between revision 1 (the default table) and the current one (with the policy), and over the next 90 days"
impact() {
  for _ in 1 2 3; do # warm-up
    curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary @"$work/catalogue.json" "$base/api/v1/impact?$1"
  done
  server=()
  for _ in 1 2 3 4 5; do
    curl -s -o "$work/impact" -D "$work/headers" -H 'Content-Type: application/json' --data-binary @"$work/catalogue.json" "$base/api/v1/impact?$1"
    server+=("$(tr -d '\r' < "$work/headers" | awk -F'dur=' 'tolower($0) ~ /^server-timing/ {split($2, a, ";"); print a[1]}')")
  done
  printf '  %-52s %6s changes   server time median %7.1f ms\n' "$1" \
    "$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["changed"])' "$work/impact")" \
    "$(printf '%s\n' "${server[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
}
impact "fromRevision=1&toRevision=2&policy=bench-vegan"
impact "fromRevision=1&toRevision=2"
impact "toDate=$(date -u -d '+90 days' +%F)"

echo
echo "== decision core (JMH, one thread, the $(wc -l < "$work/paths") questions of the mix)"
[ -f target/test-classes/META-INF/BenchmarkList ] || mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp" -Dmdep.includeScope=test > /dev/null
java -cp "target/test-classes:target/classes:$(cat "$work/cp")" org.openjdk.jmh.Main DecisionBenchmark \
  -f 1 -wi 5 -w 1s -i 8 -r 1s -t 1 2> /dev/null | awk '/^Benchmark/ || /DecisionBenchmark\./'
