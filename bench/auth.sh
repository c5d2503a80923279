#!/usr/bin/env bash
# The cost of an authenticated API read against the health endpoint (issue 13, section 7).
#
#   bench/auth.sh [rounds]                 (default 3 rounds; needs wrk, curl, a built server)
#
# Starts one node from server/target/quarkus-app (build first: ./mvnw -q package -DskipTests)
# on a scratch data directory, HTTP on a free loopback port, roles `sip` (the platform API is on
# every node). Creates a tenant, a key and a subscriber with the admin key, warms every endpoint
# up for one period, then, in rounds that alternate the endpoints, runs `wrk -t2 -c16 --latency`
# against
#   GET /q/health/live                      (no authentication: the anchor)
#   GET /api/v1/tenant                      (with the tenant's key)
#   GET /api/v1/sip/subscribers/{username}  (with the tenant's key)
# and divides each rate by the health rate of the same round. Then it runs each endpoint at a
# fixed rate of half the median health rate and reports p50/p99 there. wrk has no rate option
# and Debian has no wrk2: the fixed rate comes from bench/lib/fixed-rate.lua (shared with
# bench/cnam.sh), whose delay() hands each request the next send time of its thread's schedule;
# latency counts from the send, so it is the service time at that rate.
#
# Env: JAVA_OPTS (default "-Xms1g -Xmx1g -XX:+UseParallelGC", as bench/sip.sh),
# BENCH_APP (another quarkus-app directory, e.g. a copy of an older build), BENCH_SECS (10),
# BENCH_ROLES (sip), BENCH_MAX_LOAD (1.0: the 1-minute load average to wait for before
# starting, for up to 10 minutes; the machine is shared).
#
# Profile instead of measuring: BENCH_PROFILE=/abs/path/auth.jfr bench/auth.sh records a JFR
# profile (settings=profile) of 30 s of `wrk -t2 -c16` on /api/v1/tenant after the warm-up, prints
# the CPU seconds the JVM and the embedded PostgreSQL spent in those 30 s, and stops. Read it
# with `jfr print --events jdk.ExecutionSample` or `jfr summary`.
set -euo pipefail

rounds=${1:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
app=${BENCH_APP:-$root/server/target/quarkus-app}
secs=${BENCH_SECS:-10}
roles=${BENCH_ROLES:-sip}
max_load=${BENCH_MAX_LOAD:-1.0}
fixed_rate=$root/bench/lib/fixed-rate.lua
node_pid=
work=

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install curl" >&2; exit 1; }
[ -f "$app/quarkus-run.jar" ] || {
  echo "no $app/quarkus-run.jar: run ./mvnw -q package -DskipTests first" >&2
  exit 1
}

cleanup() {
  set +e
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
    kill -TERM "$node_pid" 2>/dev/null
    for _ in $(seq 1 300); do
      kill -0 "$node_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$node_pid" 2>/dev/null
    wait "$node_pid" 2>/dev/null
  fi
  # A node that had to be killed leaves its embedded PostgreSQL running.
  if [ -n "$work" ] && [ -f "$work/data/pg/postmaster.pid" ]; then
    local pg
    pg=$(head -1 "$work/data/pg/postmaster.pid")
    if [ -n "$pg" ] && kill -0 "$pg" 2>/dev/null; then
      kill -TERM "$pg" 2>/dev/null
      for _ in $(seq 1 100); do
        kill -0 "$pg" 2>/dev/null || break
        sleep 0.1
      done
    fi
  fi
  [ -n "$work" ] && rm -rf "$work"
  return 0
}
trap cleanup EXIT

wait_for_quiet() {
  for _ in $(seq 1 120); do
    if awk -v max="$max_load" '{exit !($1 < max)}' /proc/loadavg; then
      return 0
    fi
    echo "load average $(cut -d' ' -f1 /proc/loadavg) >= $max_load, waiting" >&2
    sleep 5
  done
  echo "the machine stayed busy for 10 minutes; measuring anyway (figures are suspect)" >&2
}

free_port() { # a port nobody listens on over TCP or UDP
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    if ! ss -Htlun | awk '{print $5}' | grep -qE "[:.]$port\$"; then
      echo "$port"
      return
    fi
  done
}

wait_for_quiet
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
work=$(mktemp -d "${TMPDIR:-/tmp}/voxhost-authbench.XXXXXX")
http=$(free_port)
sip=$(free_port)
base=http://127.0.0.1:$http

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
(cd "$work" && exec java ${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC} \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$http" \
  -Dvoxhost.data-dir="$work/data" -Dvoxhost.roles="$roles" \
  -Dvoxhost.sip.listen=127.0.0.1:"$sip" \
  -jar "$app/quarkus-run.jar" >"$work/node.log" 2>&1) &
node_pid=$!
for _ in $(seq 1 240); do
  curl -sf -o /dev/null "$base/q/health/ready" && break
  kill -0 "$node_pid" 2>/dev/null || { cat "$work/node.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf -o /dev/null "$base/q/health/ready" || { tail -50 "$work/node.log" >&2; exit 1; }

admin=$(cat "$work/data/admin.key")
json() { # method path key body
  curl -sf -X "$1" "$base$2" -H "Authorization: Bearer $3" \
    -H 'Content-Type: application/json' -d "$4"
}
json POST /api/v1/admin/tenants "$admin" \
  '{"slug":"bench","name":"Bench Ltd","sipDomain":"bench.example.net"}' >/dev/null
key=$(json POST /api/v1/admin/tenants/bench/keys "$admin" '{"label":"bench"}' |
  sed -E 's/.*"key":"([^"]+)".*/\1/')
json POST /api/v1/sip/subscribers "$key" \
  '{"username":"alice","password":"correct-horse-1","displayName":"Alice"}' >/dev/null

endpoints=(health tenant subscriber)
declare -A url=(
  [health]=$base/q/health/live
  [tenant]=$base/api/v1/tenant
  [subscriber]=$base/api/v1/sip/subscribers/alice
)
for e in tenant subscriber; do
  curl -sf -o /dev/null -H "Authorization: Bearer $key" "${url[$e]}" || {
    echo "GET ${url[$e]} failed" >&2
    exit 1
  }
done

# Runs wrk and prints "rate p50_ms p99_ms socket_errors"; a non-2xx answer fails the run (the
# set-up is wrong), socket errors (timeouts under overload) are counted and shown.
measure() { # endpoint connections [fixed rate per thread]
  local out auth=()
  [ "$1" = health ] || auth=(-H "Authorization: Bearer $key")
  if [ $# -ge 3 ]; then
    out=$(wrk -t2 -c"$2" -d"${secs}s" --latency "${auth[@]}" -s "$fixed_rate" \
      "${url[$1]}" -- rate="$3")
  else
    out=$(wrk -t2 -c"$2" -d"${secs}s" --latency "${auth[@]}" "${url[$1]}")
  fi
  echo "$out" >>"$work/wrk.log"
  if echo "$out" | grep -qE 'Non-2xx'; then
    echo "$out" >&2
    echo "wrk saw errors on $1" >&2
    exit 1
  fi
  echo "$out" | awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
      return v + 0
    }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    $1 == "Requests/sec:" { rate = $2 }
    $1 == "Socket" { gsub(/,/, ""); errors = $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %.2f %d\n", rate, p50, p99, errors }'
}

for e in "${endpoints[@]}"; do
  measure "$e" 16 >/dev/null # warm-up: compilation, caches, connection pools
done

cpu_ticks() { # user+system clock ticks of the given processes
  local total=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || continue
    total=$((total + $(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$p/stat")))
  done
  echo "$total"
}

if [ -n "${BENCH_PROFILE:-}" ]; then
  postmaster=$(head -1 "$work/data/pg/postmaster.pid")
  mapfile -t pg_children < <(pgrep -P "$postmaster")
  pg_pids=("$postmaster" "${pg_children[@]}")
  jcmd "$node_pid" JFR.start name=auth settings=profile filename="$BENCH_PROFILE" >/dev/null
  jvm0=$(cpu_ticks "$node_pid")
  pg0=$(cpu_ticks "${pg_pids[@]}")
  # The node's PostgreSQL backends come and go with its pool: count the children at the end too.
  secs=30 measure tenant 16 |
    awk '{print "tenant under profile: " $1 " requests/s, p50 " $2 " ms, p99 " $3 " ms, " $4 " socket errors"}'
  mapfile -t pg_children < <(pgrep -P "$postmaster")
  pg_pids=("$postmaster" "${pg_children[@]}")
  jvm1=$(cpu_ticks "$node_pid")
  pg1=$(cpu_ticks "${pg_pids[@]}")
  jcmd "$node_pid" JFR.stop name=auth >/dev/null
  hz=$(getconf CLK_TCK)
  echo "CPU in those 30 s: JVM $(((jvm1 - jvm0) / hz)) s, PostgreSQL $(((pg1 - pg0) / hz)) s" \
    "(2 cores = 60 s); profile in $BENCH_PROFILE"
  exit 0
fi

echo "wrk -t2 -c16 -d${secs}s, $rounds rounds, roles=$roles, $(nproc) cores," \
  "load average before the node started: $load_at_start"
echo
echo "| round | endpoint | requests/s | p50 ms | p99 ms | socket errors | ratio to health |"
echo "|---|---|---|---|---|---|---|"
declare -A ratios
health_rates=()
for r in $(seq 1 "$rounds"); do
  health=
  for e in "${endpoints[@]}"; do
    result=$(measure "$e" 16)
    read -r rate p50 p99 errors <<<"$result"
    [ "$e" = health ] && health=$rate && health_rates+=("$rate")
    ratio=$(awk -v a="$rate" -v b="$health" 'BEGIN {printf "%.2f", a / b}')
    ratios[$e]="${ratios[$e]:-} $ratio"
    echo "| $r | ${url[$e]#"$base"} | $rate | $p50 | $p99 | $errors | ${ratio}x |"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
echo
echo "| endpoint | median ratio to health |"
echo "|---|---|"
for e in tenant subscriber; do
  echo "| ${url[$e]#"$base"} | $(echo "${ratios[$e]}" | median)x |"
done

half=$(echo "${health_rates[*]}" | median | awk '{printf "%d", $1 / 2}')
echo
echo "Fixed rate: half the median health rate, $half requests/s" \
  "(wrk -t2 -c32 -d${secs}s, delay() schedule, $((half / 2))/s per thread)"
echo
echo "| endpoint | target/s | achieved/s | p50 ms | p99 ms | socket errors |"
echo "|---|---|---|---|---|---|"
for e in "${endpoints[@]}"; do
  result=$(measure "$e" 32 $((half / 2)))
  read -r rate p50 p99 errors <<<"$result"
  echo "| ${url[$e]#"$base"} | $half | $rate | $p50 | $p99 | $errors |"
done
