#!/usr/bin/env bash
# Call events over the TCP stream (issue 17: 50,000 events/s sustained, nothing lost, HTTP batches
# and the TCP stream). One node with roles=cti on its embedded PostgreSQL, the call builder on,
# 2 cores shared with the load. Each round streams BENCH_REQUESTS x BENCH_BATCH new events (the
# same events as bench/cti.sh) as JSON lines over BENCH_CONNECTIONS (4) streams
# (bench/lib/cti_stream.py: done when the last line is acknowledged, which comes after its
# commit); then sends the same events over HTTP, where every one must be a duplicate (nothing the
# stream acknowledged was lost); then, in the same run for comparison, as many new events over
# HTTP (bench/lib/cti_load.py, 8 connections).
#
# Usage: ./mvnw -q package -DskipTests && bench/cti-stream.sh [rounds]
set -euo pipefail

rounds=${1:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
app=${BENCH_APP:-$root/server/target/quarkus-app}
requests=${BENCH_REQUESTS:-200}
batch=${BENCH_BATCH:-1000}
connections=${BENCH_CONNECTIONS:-4}
java_opts=(${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC})
# shellcheck source=lib/cti_node.sh
source "$root/bench/lib/cti_node.sh"
start_cti_node
key=$(new_tenant_key stream)

kv() { # a key=value line into the array v
  declare -gA v=()
  for pair in $1; do v[${pair%%=*}]=${pair#*=}; done
}

echo "$((requests * batch)) events a pass; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| round | pass | events | stored | seconds | events/s |"
echo "|---|---|---|---|---|---|"
for r in $(seq 1 "$rounds"); do
  kv "$(python3 "$root/bench/lib/cti_stream.py" 127.0.0.1 "$stream_port" "$key" "$requests" \
    "$batch" "$connections" "tcp$r")"
  [ "${v[acknowledged]}" = "${v[sent]}" ] && [ "${v[errors]}" = 0 ] ||
    { echo "round $r: the stream acknowledged ${v[acknowledged]} of ${v[sent]}" >&2; exit 1; }
  echo "| $r | TCP stream, $connections connections | ${v[sent]} | ${v[acknowledged]} acknowledged | ${v[seconds]} | ${v[events_per_s]} |"
  kv "$(python3 "$root/bench/lib/cti_load.py" "$base" "$key" "$requests" "$batch" 8 "tcp$r")"
  [ "${v[duplicates]}" = "${v[sent]}" ] ||
    { echo "round $r: only ${v[duplicates]} of ${v[sent]} streamed events were stored" >&2; exit 1; }
  echo "| $r | the same again over HTTP | ${v[sent]} | ${v[duplicates]} already stored | ${v[seconds]} | ${v[events_per_s]} |"
  kv "$(python3 "$root/bench/lib/cti_load.py" "$base" "$key" "$requests" "$batch" 8 "http$r")"
  echo "| $r | HTTP, 8 connections (comparison) | ${v[sent]} | ${v[accepted]} accepted | ${v[seconds]} | ${v[events_per_s]} |"
done
