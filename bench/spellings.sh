#!/usr/bin/env bash
# How much resident memory the application gains while one client sends distinct spellings of
# valid /status questions; it prints figures and asserts nothing.
#   bench/spellings.sh [seconds]   (40 by default)
# Every request spells a valid question anew (codes, ids or aliases, letters in random case,
# padding spaces the service trims, up to BENCH_MAX_PADDING characters), so no request line is
# ever seen twice. Starts the packaged application (built if needed; BENCH_APP names another
# quarkus-app folder) on its embedded default with the options it ships with (its jvm.options,
# when the build has one) and BENCH_JAVA_OPTS after them (none by default), warms it up, then
# runs wrk and prints resident memory before, after and at its peak. Needs java, maven, python3,
# curl and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-40}"
threads="${BENCH_THREADS:-2}"
connections="${BENCH_CONNECTIONS:-64}"
port="${BENCH_PORT:-18090}"
db_port="${BENCH_DB_PORT:-15443}"
app_dir="${BENCH_APP:-target/quarkus-app}"
work="$(mktemp -d)"
for tool in wrk python3 curl; do
  command -v "$tool" > /dev/null || { echo "bench/spellings.sh needs $tool (apt-get install -y wrk)"; exit 1; }
done
[ -f "$app_dir/quarkus-run.jar" ] || mvn -B -q package -DskipTests
shipped_options=""
[ -f "$app_dir/jvm.options" ] && shipped_options="@$app_dir/jvm.options"

MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" EXOREG_EMBEDDED_DATA_DIR="$work/postgres" EXOREG_EMBEDDED_PORT="$db_port" QUARKUS_HTTP_PORT="$port" \
  java ${shipped_options} ${BENCH_JAVA_OPTS:-} -jar "$app_dir/quarkus-run.jar" > "$work/app.log" 2>&1 &
app=$!
cleanup() {
  kill "$app" 2> /dev/null || true
  # an application that ran out of heap may never finish stopping; it and its database go then
  for _ in $(seq 1 40); do kill -0 "$app" 2> /dev/null || break; sleep 1; done
  if kill -0 "$app" 2> /dev/null; then
    kill -9 "$app" 2> /dev/null || true
    [ -f "$work/postgres/postmaster.pid" ] && kill -9 "$(head -n 1 "$work/postgres/postmaster.pid")" 2> /dev/null || true
  fi
  wait "$app" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$port/q/health/ready" > /dev/null && break
  kill -0 "$app" 2> /dev/null || { cat "$work/app.log"; exit 1; }
  sleep 0.5
done
base="http://127.0.0.1:$port"
python3 bench/spellings.py "$base" > "$work/questions"
rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$app/status"; }

# Warm-up: every question once in its plain spelling, and a few seconds of new spellings, so the
# JIT and the heap have settled before the measured run.
python3 bench/paths.py "$base" > "$work/paths"
EXOREG_PATHS="$work/paths" wrk -t"$threads" -c"$connections" -d5s -s bench/mix.lua "$base" > /dev/null
EXOREG_QUESTIONS="$work/questions" EXOREG_MAX_PADDING="${BENCH_MAX_PADDING:-7000}" \
  wrk -t"$threads" -c"$connections" -d5s -s bench/spellings.lua "$base" > /dev/null
before=$(rss)
out=$(EXOREG_QUESTIONS="$work/questions" EXOREG_MAX_PADDING="${BENCH_MAX_PADDING:-7000}" \
  wrk -t"$threads" -c"$connections" -d"${seconds}s" -s bench/spellings.lua "$base")
kill -0 "$app" 2> /dev/null || { echo "the application died:"; tail -n 20 "$work/app.log"; exit 1; }
after=$(rss)
peak=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$app/status")
requests=$(awk '/requests in/ {print $1}' <<< "$out")
rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
errors=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<< "$out")
echo "== ${seconds} s of distinct spellings of valid questions: wrk -t$threads -c$connections, JVM options '${shipped_options:+$shipped_options }${BENCH_JAVA_OPTS:-}'"
echo "  requests ${requests} (${rps}/s), non-2xx ${errors:-0}"
echo "  resident memory: before ${before} MB, after ${after} MB, growth $((after - before)) MB, peak ${peak} MB"
curl -s --max-time 10 "$base/q/metrics" > "$work/metrics" || true
sum() { awk -v m="$1" 'index($0, m) == 1 && /area="heap"/ {s += $NF} END {printf "%.0f", s / 1048576}' "$work/metrics"; }
kept=$(awk '/^exoreg_kept_answers_size_bytes / {printf "%.1f MB", $2 / 1048576}' "$work/metrics")
echo "  heap: used $(sum jvm_memory_used_bytes) MB, committed $(sum jvm_memory_committed_bytes) MB${kept:+; kept answers $kept}"
if [ "$(grep -c OutOfMemoryError "$work/app.log")" -gt 0 ]; then
  echo "  the application ran out of heap: $(grep -c OutOfMemoryError "$work/app.log") OutOfMemoryError lines in its log"
fi
