#!/usr/bin/env bash
# Start-up time and idle memory of a node on the embedded PostgreSQL.
#
#   bench/startup.sh [runs]        (default 5 runs per case; needs curl, a built server)
#
# Measures, for `java -jar quarkus-run.jar` and for src/bin/voxhost (which adds the AppCDS
# archive): time from launch until /q/health/ready answers 200, first on an empty data directory
# (initdb, admin key) and then on the initialized one; then the resident memory of the idle JVM
# and of the embedded PostgreSQL processes. Prints a Markdown table.
set -euo pipefail

runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
app=$root/server/target/quarkus-app
port=${BENCH_PORT:-18080}
work=$(mktemp -d "${TMPDIR:-/tmp}/voxhost-bench.XXXXXX")
node_pid=
trap 'stop_node; rm -rf "$work"' EXIT

[ -f "$app/quarkus-run.jar" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }

now_ms() { date +%s%3N; }

start_node() { # $1 = jar|launcher, $2 = data dir
  if [ "$1" = jar ]; then
    (cd "$work" && exec java -Dquarkus.http.port="$port" -Dvoxhost.data-dir="$2" \
      -jar "$app/quarkus-run.jar" >"$work/node.log" 2>&1) &
  else
    (cd "$work" && QUARKUS_HTTP_PORT="$port" VOXHOST_DATA_DIR="$2" \
      exec "$root/src/bin/voxhost" >"$work/node.log" 2>&1) &
  fi
  node_pid=$!
}

await_ready() {
  for _ in $(seq 1 3000); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready")" = 200 ]; then
      return 0
    fi
    kill -0 "$node_pid" 2>/dev/null || { cat "$work/node.log" >&2; return 1; }
    sleep 0.02
  done
  return 1
}

stop_node() {
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
    kill -TERM "$node_pid"
    wait "$node_pid" 2>/dev/null || true
  fi
  node_pid=
}

elapsed=0
time_start() { # $1 = mode, $2 = data dir; sets $elapsed to the milliseconds until ready
  local t0 t1
  t0=$(now_ms)
  start_node "$1" "$2"
  await_ready
  t1=$(now_ms)
  elapsed=$((t1 - t0))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }


kb_of() { awk -v k="$2" '$1==k":" {print $2}' "/proc/$1/$3" 2>/dev/null || echo 0; }

echo "| case | runs | median ms | min ms | max ms |"
echo "|---|---|---|---|---|"
for mode in jar launcher; do
  cold=()
  warm=()
  for i in $(seq 1 "$runs"); do
    data="$work/data-$mode-$i"
    time_start "$mode" "$data"
    cold+=("$elapsed")
    stop_node
    time_start "$mode" "$data"
    warm+=("$elapsed")
    stop_node
  done
  for kind in empty initialized; do
    if [ $kind = empty ]; then values=("${cold[@]}"); else values=("${warm[@]}"); fi
    sorted=$(printf '%s\n' "${values[@]}" | sort -n)
    echo "| $mode, $kind data dir | $runs | $(printf '%s\n' "${values[@]}" | median) | $(echo "$sorted" | head -1) | $(echo "$sorted" | tail -1) |"
  done
done

# Idle memory: a warm node, left alone for 10 s after it is ready.
data="$work/data-jar-1"
start_node jar "$data"
await_ready
sleep 10
jpid=$node_pid
jvm_rss=$(kb_of "$jpid" VmRSS status)
jvm_pss=$(kb_of "$jpid" Pss smaps_rollup)
pg_rss=0
pg_pss=0
postmaster=$(head -1 "$data/pg/postmaster.pid")
pg_pids="$postmaster $(pgrep -P "$postmaster" | tr '\n' ' ')"
pg_count=0
for p in $pg_pids; do
  pg_rss=$((pg_rss + $(kb_of "$p" VmRSS status)))
  pg_pss=$((pg_pss + $(kb_of "$p" Pss smaps_rollup)))
  pg_count=$((pg_count + 1))
done
stop_node
echo
echo "| idle process | RSS MiB | PSS MiB |"
echo "|---|---|---|"
echo "| JVM (java -jar) | $((jvm_rss / 1024)) | $((jvm_pss / 1024)) |"
echo "| embedded PostgreSQL ($pg_count processes; RSS counts shared memory in each) | $((pg_rss / 1024)) | $((pg_pss / 1024)) |"
