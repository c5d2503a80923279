#!/usr/bin/env bash
# Call events into PostgreSQL (issue 17): how many events a second POST /api/v1/cti/events takes
# and commits, every one acknowledged only after its commit (goal: 50,000/s). One node with
# roles=cti on its embedded PostgreSQL, 2 cores shared with the load (bench/lib/cti_load.py, Python
# threads on keep-alive connections). Each round sends BENCH_REQUESTS (200) requests of
# BENCH_BATCH (1000) events, all new, from BENCH_THREADS (8) connections, then the same again
# (every event a duplicate), and checks that the first pass accepted every event and the second
# found every one stored.
#
# With the call builder on (BENCH_BUILD_CALLS=true, the default) it also reports how long after
# each new pass the record of its last call has all its events: how far call records are behind.
# BENCH_BUILD_CALLS=false measures ingest alone.
#
# Usage: ./mvnw -q package -DskipTests && bench/cti.sh [rounds]
# No anchor yet: the issue's figure is absolute.
set -euo pipefail

rounds=${1:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
app=${BENCH_APP:-$root/server/target/quarkus-app}
requests=${BENCH_REQUESTS:-200}
batch=${BENCH_BATCH:-1000}
threads=${BENCH_THREADS:-8}
build_calls=${BENCH_BUILD_CALLS:-true}
java_opts=(${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC} -Dvoxhost.cti.build-calls="$build_calls")
node_pid=
work=

[ -f "$app/quarkus-run.jar" ] || { echo "no $app/quarkus-run.jar: package first" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is missing" >&2; exit 1; }

cleanup() {
  set +e
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
    kill -TERM "$node_pid"
    for _ in $(seq 1 300); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$node_pid" 2>/dev/null
  fi
  [ -n "$work" ] && rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    ss -Htln | awk '{print $4}' | grep -qE "[:.]$port\$" || { echo "$port"; return; }
  done
}

work=$(mktemp -d "${TMPDIR:-/tmp}/voxhost-ctibench.XXXXXX")
http=$(free_port)
base=http://127.0.0.1:$http
(cd "$work" && exec java "${java_opts[@]}" -Dquarkus.http.host=127.0.0.1 \
  -Dquarkus.http.port="$http" -Dvoxhost.data-dir="$work/data" -Dvoxhost.roles=cti \
  -jar "$app/quarkus-run.jar" >"$work/node.log" 2>&1) &
node_pid=$!
for _ in $(seq 1 240); do
  curl -sf -o /dev/null "$base/q/health/ready" && break
  kill -0 "$node_pid" 2>/dev/null || { tail -50 "$work/node.log" >&2; exit 1; }
  sleep 0.5
done
admin=$(cat "$work/data/admin.key")
curl -sf -X POST "$base/api/v1/admin/tenants" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' \
  -d '{"slug":"bench","name":"Bench Ltd","sipDomain":"bench.example.net"}' >/dev/null
key=$(curl -sf -X POST "$base/api/v1/admin/tenants/bench/keys" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"label":"bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')

echo "POST /api/v1/cti/events: $requests requests x $batch events, $threads connections," \
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| round | pass | events | accepted | duplicates | refused requests | seconds | events/s | last call built after |"
echo "|---|---|---|---|---|---|---|---|---|"
for r in $(seq 1 "$rounds"); do
  for pass in new again; do
    line=$(python3 "$root/bench/lib/cti_load.py" "$base" "$key" "$requests" "$batch" "$threads" \
      "round$r")
    declare -A v=()
    for kv in $line; do v[${kv%%=*}]=${kv#*=}; done
    # The record of the pass's last call, with all its events: how far the call builder is behind
    # the writer when the load stops (every call before it was marked earlier).
    built=-
    if [ "$pass" = new ] && [ "$build_calls" = true ]; then
      total=$((requests * batch))
      last=$(((total - 1) / 16))
      want=$((total - last * 16))
      start=$(date +%s%N)
      for _ in $(seq 1 1200); do
        got=$(curl -sf "$base/api/v1/cti/calls?key=round$r.$last" -H "Authorization: Bearer $key" |
          sed -nE 's/.*"events":([0-9]+).*/\1/p')
        [ "${got:-0}" = "$want" ] && break
        sleep 0.05
      done
      [ "${got:-0}" = "$want" ] || { echo "round $r: the last call was not built in 60 s" >&2; exit 1; }
      built="$(( ($(date +%s%N) - start) / 1000000 )) ms"
    fi
    echo "| $r | $pass | ${v[sent]} | ${v[accepted]} | ${v[duplicates]} | ${v[refused]} |" \
      "${v[seconds]} | ${v[events_per_s]} | $built |"
    expected=${v[sent]}
    if { [ "$pass" = new ] && [ "${v[accepted]}" != "$expected" ]; } ||
      { [ "$pass" = again ] && [ "${v[duplicates]}" != "$expected" ]; }; then
      echo "round $r ($pass): events went missing or were stored twice" >&2
      exit 1
    fi
  done
done
