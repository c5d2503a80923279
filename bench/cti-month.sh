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

work=$(mktemp -d "${TMPDIR:-/tmp}/voxhost-ctimonth.XXXXXX")
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
  -d '{"slug":"month","name":"Month Ltd","sipDomain":"month.example.net"}' >/dev/null
key=$(curl -sf -X POST "$base/api/v1/admin/tenants/month/keys" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"label":"bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')

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
