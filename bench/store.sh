#!/usr/bin/env bash
# Measures the store on a large synthetic table and prints figures; it asserts nothing.
#   bench/store.sh [seconds per wrk run]
# BENCH_JAR names another build to measure (the packaged application of this checkout by
# default), BENCH_EDITS how many of each one-rule edit to time (20).
# Generates about 100,000 rules over about 800 jurisdictions and 100 ingredients from the default
# table's shapes (bench/synthetic-table.py), starts the packaged application on an embedded
# PostgreSQL of its own, and prints: the import, restart to ready (on the default table too, each
# with the time its threads ran on the processors), one-rule POST, PUT and DELETE (round trip and
# time on the server), how soon a second instance on the same database answers an edit, the live
# heap after a full GC, peak resident memory, database growth per one-rule revision, and /status
# requests per second over 20,000 distinct questions next to nginx serving one answer as a static
# file.
# Needs java, maven, python3, curl, psql, wrk and nginx.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
work="$(mktemp -d)"
for tool in wrk nginx python3 curl psql jcmd; do
  command -v "$tool" > /dev/null || { echo "bench/store.sh needs $tool"; exit 1; }
done
jar="${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}"
edits="${BENCH_EDITS:-20}"
[ -f "$jar" ] || mvn -B -q package -DskipTests
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("", 0)); print(s.getsockname()[1])'; }
port_a=$(free_port); port_b=$(free_port); db_port=$(free_port); nginx_port=$(free_port)
secret="exo_store-benchmark"
hash=$(printf '%s' "$secret" | sha256sum | cut -d' ' -f1)
options_file="$(dirname "$jar")/jvm.options"
java_opts="$([ -f "$options_file" ] && echo "@$options_file" || true) ${BENCH_JAVA_OPTS:--Xmx1g}"
settings=(EXOREG_API_KEYS_BENCH_SHA256="$hash" EXOREG_HTTP_MAX_BODY_SIZE=512M QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE=512M
  MALLOC_ARENA_MAX=2)
apps=()
cleanup() {
  for pid in "${apps[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${apps[@]}"; do gone "$pid"; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# start NAME PORT [ENV...]: starts the packaged application, waits until it is ready, prints its pid
start() {
  local name=$1 port=$2
  shift 2
  env "${settings[@]}" QUARKUS_HTTP_PORT="$port" "$@" java $java_opts -jar "$jar" > "$work/$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 1200); do
    curl -sf "http://127.0.0.1:$port/q/health/ready" > /dev/null && { echo "$pid"; return; }
    kill -0 "$pid" 2> /dev/null || { cat "$work/$name.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "$name did not become ready in 60 s; the end of its log:" >&2
  tail -n 40 "$work/$name.log" >&2
  jcmd "$pid" Thread.print 2> /dev/null | grep -A 12 '"exoreg-revision-listener"' >&2 || true
  exit 1
}
# start runs in a subshell, so its process is no child of this shell's to wait for: gone polls until
# it has exited, its embedded server stopped with it
gone() { while kill -0 "$1" 2> /dev/null; do sleep 0.05; done; }
stop() {
  kill "$1"
  gone "$1"
}
now() { date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
live_heap() { # bytes in use after a full collection
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.heap_info | awk '/generation/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); s += v } } END { print s * 1024 }'
}
# cpu PID: where the start's time on the processors went, per kind of thread, read when it is ready:
# the time each ran, and the time each was ready to run but waited for a core
cpu() {
  for task in /proc/"$1"/task/*; do
    printf '%s %s\n' "$(cut -d' ' -f1,2 "$task/schedstat")" "$(tr ' ' _ < "$task/comm")"
  done | awk '{ n = $3; sub(/[0-9]+$/, "", n); k = (n == "java" ? "main" : n ~ /^C2_/ ? "C2" : n ~ /^C1_/ ? "C1" : n == "VM_Thread" ? "collector" : "others")
    run[k] += $1 / 1e6; wait[k] += $2 / 1e6 }
    END { printf "on the processors (waiting for one): main %.0f (%.0f), JIT C2 %.0f, C1 %.0f, collector %.0f, others %.0f ms",
      run["main"], wait["main"], run["C2"], run["C1"], run["collector"], run["others"] }'
}
db_size() { psql -h 127.0.0.1 -p "$db_port" -U postgres -d postgres -Atc "SELECT pg_database_size('postgres')"; }

embedded=(EXOREG_EMBEDDED_DATA_DIR="$work/postgres" EXOREG_EMBEDDED_PORT="$db_port")
a_env=("${embedded[@]}")
b_env=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$db_port/postgres" QUARKUS_DATASOURCE_USERNAME=postgres)
a="http://127.0.0.1:$port_a"
b="http://127.0.0.1:$port_b"
auth=(-H "Authorization: Bearer $secret")

echo "== the table"
python3 bench/synthetic-table.py src/main/resources/"$(ls src/main/resources | grep -m1 'ruleset.json$')" > "$work/big.json"
printf '  %s MB of bundle JSON\n' "$(( $(wc -c < "$work/big.json") / 1000000 ))"

t0=$(now)
pid_a=$(start a "$port_a" "${a_env[@]}"); apps+=("$pid_a")
echo "  first start on an empty database, the default table imported: ready in $(ms "$t0" "$(now)") ms"
default_rules=$(curl -s "$a/api/v1/rules?size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalRules"])')
default_heap=$(live_heap "$pid_a")
# the same build's restart on the default table: what the start costs with next to no table to load
stop "$pid_a"; apps=()
t0=$(now)
pid_a=$(start a "$port_a" "${a_env[@]}"); apps+=("$pid_a")
echo "  restart to ready with the $default_rules rules of the default table: $(ms "$t0" "$(now)") ms; $(cpu "$pid_a")"

echo
echo "== import of the synthetic table (POST /api/v1/ruleset, mode=replace)"
t0=$(now)
curl -sf -o "$work/import.json" "${auth[@]}" -H 'Content-Type: application/json' --data-binary @"$work/big.json" "$a/api/v1/ruleset" \
  || { echo "the import failed:"; cat "$work/import.json"; tail -20 "$work/a.log"; exit 1; }
echo "  import: $(ms "$t0" "$(now)") ms round trip ($(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["changes"], "changes, revision", r["rulesetRevision"])' "$work/import.json"))"
rules=$(curl -s "$a/api/v1/rules?size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalRules"])')
# the import's changes keep no copy of the entries it wrote: the feed and an entry's history read
# an entry's state after from its row, or from its next change
import_revision=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rulesetRevision"])' "$work/import.json")
imported_rule=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rules"][-1]["id"])' "$work/big.json")
feed=()
history=()
for page in 0 1 2 3 4 5 6 7 8 9; do
  t0=$(now)
  curl -sf -o /dev/null "$a/api/v1/changes?since=$((import_revision - 1))&size=1000&page=$((page * 10))"
  feed+=("$(ms "$t0" "$(now)")")
  t0=$(now)
  curl -sf -o /dev/null "$a/api/v1/rules/$imported_rule/history"
  history+=("$(ms "$t0" "$(now)")")
done
echo "  the import's change feed, 1000 changes a page: median $(median "${feed[@]}") ms (${feed[*]}); an imported rule's history: median $(median "${history[@]}") ms (${history[*]})"

stop "$pid_a"; apps=()
t0=$(now)
pid_a=$(start a "$port_a" "${a_env[@]}"); apps+=("$pid_a")
echo "  restart to ready with $rules rules: $(ms "$t0" "$(now)") ms; $(cpu "$pid_a")"
# the embedded server takes another port when the one asked for is still held (by the server of
# the instance just stopped, say), and says which: the second instance follows it there
db_port=$(grep -ao 'Embedded PostgreSQL on port [0-9]*' "$work/a.log" | tail -n 1 | grep -o '[0-9]*$')
b_env=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$db_port/postgres" QUARKUS_DATASOURCE_USERNAME=postgres)
t0=$(now)
pid_b=$(start b "$port_b" "${b_env[@]}"); apps+=("$pid_b")
echo "  a second instance on the same database, start to ready: $(ms "$t0" "$(now)") ms"

echo
echo "== one-rule edits on the $rules-rule table (round trips on loopback, and the time on the server as its HTTP meter took it; $edits of each, median)"
rule_id=$(curl -s "$a/api/v1/rules?jurisdiction=Q010&size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rules"][0]["id"])')
curl -s "$a/api/v1/rules/$rule_id" | python3 -c '
import json, sys
r = json.load(sys.stdin)
keep = ["ingredient","jurisdiction","source","deliveryMethod","status","conditions","legalBasis","references","effectiveFrom","effectiveTo","confidence","verifiedOn","notes"]
w = {k: r.get(k) for k in keep}
w["references"] = [x["id"] if isinstance(x, dict) else x for x in (r.get("references") or [])]
w["legalBasis"] = {k: (r.get("legalBasis") or {}).get(k) for k in ["instrument","provision","url"]} if r.get("legalBasis") else None
json.dump(w, open(sys.argv[1], "w"))' "$work/rule.json"
# served METHOD PATH: how many requests of that method and path instance A's HTTP meter has timed
# (/q/metrics), and their time on the server in all, in ms
served() {
  curl -s "$a/q/metrics" | awk -v m="method=\"$1\"" -v u="uri=\"$2\"" 'index($0, m) && index($0, u) {
      if ($0 ~ /^http_server_requests_seconds_count[{]/) n += $NF
      if ($0 ~ /^http_server_requests_seconds_sum[{]/) s += $NF }
    END { printf "%d %.3f\n", n, s * 1000 }'
}
# server_time METHOD PATH BEFORE: the time on the server of the one request timed since BEFORE (what
# served printed), once the meter has it (a second at most; "?" without it)
server_time() {
  local after
  for _ in $(seq 1 100); do
    after=$(served "$1" "$2")
    [ "${after%% *}" -gt "${3%% *}" ] && { awk -v a="${after#* }" -v b="${3#* }" 'BEGIN { printf "%.0f", a - b }'; return; }
    sleep 0.01
  done
  printf '?'
}
post=(); put=(); del=(); seen=(); post_server=(); put_server=(); del_server=()
for i in $(seq 1 "$edits"); do
  id="bench-rule-$i"
  python3 -c '
import json, sys
w = json.load(open(sys.argv[1])); w["id"] = sys.argv[2]; w["jurisdiction"] = "Q007"; w["ingredient"] = "exosome"
w["source"] = "any-source"; w["deliveryMethod"] = "any-route"; w["effectiveFrom"] = "2%03d-01-01" % int(sys.argv[3]); w["effectiveTo"] = "2%03d-12-31" % int(sys.argv[3])
json.dump(w, open(sys.argv[4], "w"))' "$work/rule.json" "$id" "$i" "$work/new.json"
  before=$(served POST /api/v1/rules)
  t0=$(now)
  curl -sf -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' --data-binary @"$work/new.json" "$a/api/v1/rules"
  t1=$(now)
  post+=("$(ms "$t0" "$t1")")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$b/api/v1/rules/$id")" = 200 ]; do sleep 0.005; done
  seen+=("$(ms "$t1" "$(now)")")
  post_server+=("$(server_time POST /api/v1/rules "$before")")
  etag=$(curl -sI "$a/api/v1/rules/$id" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {print $2}')
  python3 -c '
import json, sys
w = json.load(open(sys.argv[1])); w["notes"] = "edited"; json.dump(w, open(sys.argv[1], "w"))' "$work/new.json"
  before=$(served PUT '/api/v1/rules/{id}')
  t0=$(now)
  curl -sf -o /dev/null -X PUT "${auth[@]}" -H "If-Match: $etag" -H 'Content-Type: application/json' --data-binary @"$work/new.json" "$a/api/v1/rules/$id"
  put+=("$(ms "$t0" "$(now)")")
  put_server+=("$(server_time PUT '/api/v1/rules/{id}' "$before")")
  etag=$(curl -sI "$a/api/v1/rules/$id" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {print $2}')
  before=$(served DELETE '/api/v1/rules/{id}')
  t0=$(now)
  curl -sf -o /dev/null -X DELETE "${auth[@]}" -H "If-Match: $etag" "$a/api/v1/rules/$id"
  del+=("$(ms "$t0" "$(now)")")
  del_server+=("$(server_time DELETE '/api/v1/rules/{id}' "$before")")
done
echo "  POST   median $(median "${post[@]}") ms (${post[*]}); on the server $(median "${post_server[@]}") ms (${post_server[*]})"
echo "  PUT    median $(median "${put[@]}") ms (${put[*]}); on the server $(median "${put_server[@]}") ms (${put_server[*]})"
echo "  DELETE median $(median "${del[@]}") ms (${del[*]}); on the server $(median "${del_server[@]}") ms (${del_server[*]})"
echo "  second instance answers a POST after: median $(median "${seen[@]}") ms, max $(printf '%s\n' "${seen[@]}" | sort -n | tail -1) ms"

echo
echo "== database growth per one-rule revision ($((edits * 5)) PUTs of one rule)"
before=$(db_size)
for i in $(seq 1 $((edits * 5))); do
  etag=$(curl -sI "$a/api/v1/rules/$rule_id" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {print $2}')
  python3 -c '
import json, sys
w = json.load(open(sys.argv[1])); w["notes"] = "revision %s" % sys.argv[2]; json.dump(w, open(sys.argv[3], "w"))' "$work/rule.json" "$i" "$work/edit.json"
  curl -sf -o /dev/null -X PUT "${auth[@]}" -H "If-Match: $etag" -H 'Content-Type: application/json' --data-binary @"$work/edit.json" "$a/api/v1/rules/$rule_id"
done
after=$(db_size)
echo "  $(( (after - before) / (edits * 5) )) bytes per revision ($(( (after - before) / 1024 )) KB for $((edits * 5)))"

echo
echo "== memory"
heap=$(live_heap "$pid_a")
awk -v h="$heap" -v d="$default_heap" -v r="$rules" -v dr="$default_rules" 'BEGIN {
  printf "  live heap after a full GC: %.0f MB with %d rules (%.0f MB with the default %d); %.2f KB per rule in all, %.2f KB per added rule\n",
    h / 1e6, r, d / 1e6, dr, h / r / 1024, (h - d) / (r - dr) / 1024 }'
echo "  peak resident memory: instance A $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid_a/status"), instance B $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid_b/status")"

echo
echo "== /status on the $rules-rule table: 20,000 distinct questions (wrk -t2 -c64 -d${seconds}s)"
python3 - "$a" > "$work/paths" << 'PY'
import json, random, sys, urllib.request
base = sys.argv[1]
get = lambda path: json.load(urllib.request.urlopen(base + path))
random.seed(7)
js = [j["code"] for j in get("/api/v1/jurisdictions")]
ingredients = [i["id"] for i in get("/api/v1/ingredients")]
sources = [s["id"] for s in get("/api/v1/sources")]
methods = [m["id"] for m in get("/api/v1/delivery-methods")]
seen = set()
while len(seen) < 20000:
    seen.add((random.choice(js), random.choice(ingredients), random.choice(sources), random.choice(methods)))
for j, i, s, m in sorted(seen):
    print(f"/api/v1/status?jurisdiction={j}&ingredient={i}&source={s}&deliveryMethod={m}")
PY
mkdir -p "$work/www/api/v1"
curl -sf "$a$(head -1 "$work/paths")" > "$work/www/api/v1/status"
chmod 755 "$work"; chmod -R a+rX "$work/www"
cat > "$work/nginx.conf" << CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http { access_log off; server { listen 127.0.0.1:$nginx_port; root $work/www; default_type application/json; } }
CONF
nginx -c "$work/nginx.conf" -p "$work"
rps() { wrk -t2 -c64 -d"${seconds}s" -s bench/mix.lua "$1" | awk '/Requests\/sec/ {print $2}'; }
EXOREG_PATHS="$work/paths" wrk -t2 -c64 -d5s -s bench/mix.lua "$a" > /dev/null # warm-up
ratios=()
for round in 1 2 3; do
  n=$(EXOREG_PATHS="$work/paths" rps "http://127.0.0.1:$nginx_port")
  e=$(EXOREG_PATHS="$work/paths" rps "$a")
  r=$(awk -v e="$e" -v n="$n" 'BEGIN { printf "%.2f", e / n }')
  ratios+=("$r")
  printf '  round %d: nginx %8.0f req/s, exoreg %8.0f req/s, ratio %s\n' "$round" "$n" "$e" "$r"
done
echo "  ratio to nginx, median of 3 rounds: $(median "${ratios[@]}")"
echo "  peak resident memory of instance A after the load: $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid_a/status")"
