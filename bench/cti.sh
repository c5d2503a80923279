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
# shellcheck source=lib/cti_node.sh
source "$root/bench/lib/cti_node.sh"
start_cti_node
key=$(new_tenant_key bench)

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
