#!/usr/bin/env bash
# Figures over a month (issue 17): how long GET /api/v1/cti/kpis takes over a month of 100,000
# calls a day (goal: under 100 ms). One node with roles=cti on its embedded PostgreSQL; the month
# (BENCH_CALLS_A_DAY calls a day for BENCH_DAYS days, 3 events a call, 10 queues, 50 agents) is
# sent through POST /api/v1/cti/events by bench/lib/cti_month.py and built into call records and
# figures by the node itself, like any other events. Then each query is timed BENCH_QUERIES times
# with curl; the median and the 95th percentile are printed. The figure is absolute: no anchor.
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
