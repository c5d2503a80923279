#!/usr/bin/env bash
# Figures over a month (issue 17): how long GET /api/v1/cti/kpis takes over a month of 100,000
# calls a day (goal: under 100 ms). One node with roles=cti on its embedded PostgreSQL; the month
# (BENCH_CALLS_A_DAY calls a day for BENCH_DAYS days, 3 events a call, 10 queues, 50 agents) is
# sent through POST /api/v1/cti/events by bench/lib/cti_month.py and built into call records and
# figures by the node itself, like any other events. Then each query is timed BENCH_QUERIES times
# with curl; the median and the 95th percentile are printed. The figure is absolute: no anchor.
# Last, the month's CSV export (GET /api/v1/cti/calls/export) is timed BENCH_EXPORTS times against
# the anchor: psql's \copy of the same rows and columns, in the same order, straight from the
# node's PostgreSQL (the database's own limit for writing them out as CSV).
#
# Usage: ./mvnw -q package -DskipTests && bench/cti-month.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
app=${BENCH_APP:-$root/server/target/quarkus-app}
calls_a_day=${BENCH_CALLS_A_DAY:-100000}
days=${BENCH_DAYS:-30}
queries=${BENCH_QUERIES:-50}
java_opts=(${JAVA_OPTS:--Xms2g -Xmx2g -XX:+UseParallelGC})
# shellcheck source=lib/cti_node.sh
source "$root/bench/lib/cti_node.sh"
start_cti_node
key=$(new_tenant_key month)

total=$((calls_a_day * days))
echo "Sending $days days of $calls_a_day calls ($total calls, $((total * 3)) events)..."
python3 "$root/bench/lib/cti_month.py" "$base" "$key" "$calls_a_day" "$days" 8
month="from=2024-12-01T00:00:00Z&to=2024-12-31T00:00:00Z"
echo "Waiting for every call to count in the figures..."
for _ in $(seq 1 1200); do
  offered=$(curl -sf "$base/api/v1/cti/kpis?$month&interval=day" -H "Authorization: Bearer $key" |
    python3 -c 'import json,sys; print(sum(r["offered"] for r in json.load(sys.stdin)["rows"]))')
  [ "$offered" = "$total" ] && break
  sleep 1
done
[ "$offered" = "$total" ] || { echo "only $offered of $total calls counted" >&2; exit 1; }
echo "All $total calls counted."
echo
echo "| query | rows | median ms | p95 ms |"
echo "|---|---|---|---|"
for q in "interval=day" "interval=hour" "interval=15m" "interval=day&queue=*" \
  "interval=hour&queue=queue-3" "interval=day&agent=*" "interval=15m&agent=agent-7"; do
  rows=$(curl -sf "$base/api/v1/cti/kpis?$month&$q" -H "Authorization: Bearer $key" |
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)["rows"]))')
  times=$(for _ in $(seq 1 "$queries"); do
    curl -sf -o /dev/null -w '%{time_total}\n' "$base/api/v1/cti/kpis?$month&$q" \
      -H "Authorization: Bearer $key"
  done | sort -n)
  median=$(echo "$times" | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]*1000}')
  p95=$(echo "$times" | awk '{a[NR]=$1} END {i=int(NR*0.95); if (i<1) i=1; printf "%.1f", a[i]*1000}')
  echo "| \`$q\` | $rows | $median | $p95 |"
done

# --- The month as CSV, against psql's \copy of the same rows -------------------------------------
exports=${BENCH_EXPORTS:-3}
command -v psql >/dev/null || { echo "psql is missing (Debian package postgresql-client)" >&2; exit 1; }
pg_port=$(sed -nE 's/.*Embedded PostgreSQL listening on 127\.0\.0\.1:([0-9]+).*/\1/p' "$work/node.log" | head -1)
tenant=$(curl -sf "$base/api/v1/tenant" -H "Authorization: Bearer $key" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
columns="id, instance, call_key, array_to_string(keys, ';'), state, outcome, started_at, ended_at,
  caller_number, coalesce(caller_lookup_name, caller_name), caller_lookup_source, callee, ringing_at,
  answered_at, answered_by, queue, queue_entered_at, queue_left_at, queue_result,
  array_to_string(agents, ';'), ring_no_answers, holds, hold_ms,
  (SELECT string_agg(t.value ->> 'kind', ';' ORDER BY t.ordinality)
     FROM jsonb_array_elements(transfers) WITH ORDINALITY t),
  picked_up, wait_ms, talk_ms, duration_ms, recording, events, late_events, problem"
anchor_sql="\\copy (SELECT $columns FROM cti.call WHERE tenant_id = '$tenant'
  AND started_at >= '2024-12-01T00:00:00Z' AND started_at < '2024-12-31T00:00:00Z'
  ORDER BY started_at, id) TO '$work/anchor.csv' CSV HEADER"
anchor_sql=$(tr '\n' ' ' <<<"$anchor_sql") # a backslash command is one line
echo
echo "| export of the month | lines | MB | seconds | calls/s |"
echo "|---|---|---|---|---|"
for run in $(seq 1 "$exports"); do
  seconds=$(curl -sf -o "$work/export.csv" -w '%{time_total}' \
    "$base/api/v1/cti/calls/export?from=2024-12-01T00:00:00Z&to=2024-12-31T00:00:00Z" \
    -H "Authorization: Bearer $key")
  lines=$(wc -l <"$work/export.csv")
  mb=$(awk -v b="$(stat -c %s "$work/export.csv")" 'BEGIN { printf "%.0f", b / 1048576 }')
  echo "| ours, run $run | $lines | $mb | $seconds | $(awk -v n="$lines" -v s="$seconds" 'BEGIN { printf "%.0f", (n - 1) / s }') |"
  start=$(date +%s.%N)
  PGPASSWORD=$(cat "$work/data/pg.secret") psql -q -h 127.0.0.1 -p "$pg_port" -U postgres \
    -d postgres -c "$anchor_sql"
  seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
  lines=$(wc -l <"$work/anchor.csv")
  mb=$(awk -v b="$(stat -c %s "$work/anchor.csv")" 'BEGIN { printf "%.0f", b / 1048576 }')
  echo "| anchor (psql \\copy), run $run | $lines | $mb | $seconds | $(awk -v n="$lines" -v s="$seconds" 'BEGIN { printf "%.0f", (n - 1) / s }') |"
done
