#!/usr/bin/env bash
# Caller-name lookups over HTTP against the framework's limit (issue 16; the plan is section 8 of
# src/docs/caller-name-design.md).
#
#   bench/cnam.sh [rounds]            (default 3 rounds; needs wrk, curl, python3, a built server)
#
# Builds bench/anchor-constant (a plain Quarkus app whose GET /constant/{number} answers constant
# JSON the shape and size of a lookup answer: the framework's limit) when its jar is missing or
# older than its sources, and starts it and one node from server/target/quarkus-app (build first:
# ./mvnw -q package -DskipTests) on a scratch data directory, each on a free loopback port, with
# the same JAVA_OPTS. Creates a tenant and a key with the admin key, imports BENCH_NUMBERS numbers
# into the tenant's directory (POST /api/v1/cnam/directory/import), then:
#
# 1. Rounds. Warms both up for one period, then in rounds that alternate which goes first runs
#    `wrk -t2 -c16 --latency`, cycling over the same numbers (bench/lib/fixed-rate.lua, paths=),
#    against
#      GET /constant/{number}       on the anchor (no authentication)
#      GET /api/v1/cnam/{number}    on the node, with the tenant's key (answered from memory)
#    and reports each round's cnam/anchor ratio and their median (goal: at least 0.7x).
# 2. Fixed rate. Both at BENCH_RATE (5000) requests/s, wrk -t2 -c32 with fixed-rate.lua's delay()
#    schedule (Debian has no wrk2): achieved rate, p50, p99 (goal for cnam: p99 under 2 ms).
# 3. Provider down or slow (provider_down_phase). bench/cnam-provider.py answers after
#    BENCH_PROVIDER_DELAY_MS (2000: longer than the budget), or nothing listens
#    (BENCH_PROVIDER_MODE=closed), as the node's provider `bench`, made the tenant's only provider.
#    First at BENCH_DOWN_RATE (200) requests/s, each a number never looked up before (fixed-rate.lua's
#    fresh= counter), max latency (goal: at most the budget + 10 ms); then, the breaker open, at
#    BENCH_RATE over 1000 numbers in no directory (callers call again), p99 (goal: under 5 ms).
#
# Env: JAVA_OPTS (default "-Xms1g -Xmx1g -XX:+UseParallelGC", both JVMs, as bench/auth.sh),
# BENCH_APP (another quarkus-app directory), BENCH_SECS (10), BENCH_ROLES (cnam), BENCH_MAX_LOAD
# (1.0: the 1-minute load average to wait for before starting, up to 10 minutes),
# BENCH_NUMBERS (1000), BENCH_RATE (5000), BENCH_BUDGET_MS (800: voxhost.cnam.budget),
# BENCH_SOURCE (directory: the numbers are in the tenant's directory; cache: they are not, a
# stub provider `fast` answers them at once and the warm-up fills the provider cache),
# BENCH_PROVIDER_MODE (slow | closed | off: off skips phase 3), BENCH_PROVIDER_DELAY_MS (2000),
# BENCH_PROVIDER_TIMEOUT_MS (unset: the provider's own timeout, 500 ms by default, cuts each dip
# before the budget does; 2000 lets the budget cut the wait), BENCH_DOWN_RATE (200).
# BENCH_KEEP (a directory: the logs of the node, the anchor, the stubs and every wrk run are
# copied there at the end, e.g. for bench/results/).
# BENCH_JMH (1: phase 4, JMH of the in-process lookup; 0 skips it), BENCH_SIP (1: phase 5, SIP
# dips with SIPp against an ordinary 302; 0 skips it), BENCH_SIP_RATE (2000), BENCH_IMPORT_ROWS
# (0: else a directory import of that many rows is timed before the phases).
# BENCH_ANCHOR_ONLY=1: only the anchor, no node (phases 1 and 2 on the anchor alone): checks the
# set-up and shows what the machine gives today.
#
# wrk's latencies count from each request's send, corrected by wrk for the slots a busy
# connection missed; max is not corrected. Every wrk run here has --timeout 5s, so an answer
# slower than the budget is measured, not dropped as a socket timeout.
set -euo pipefail

rounds=${1:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
app=${BENCH_APP:-$root/server/target/quarkus-app}
secs=${BENCH_SECS:-10}
roles=${BENCH_ROLES:-cnam,sip}
max_load=${BENCH_MAX_LOAD:-1.0}
count=${BENCH_NUMBERS:-1000}
rate=${BENCH_RATE:-5000}
budget=${BENCH_BUDGET_MS:-800}
source_mode=${BENCH_SOURCE:-directory}
provider_mode=${BENCH_PROVIDER_MODE:-slow}
provider_delay=${BENCH_PROVIDER_DELAY_MS:-2000}
provider_timeout=${BENCH_PROVIDER_TIMEOUT_MS:-}
down_rate=${BENCH_DOWN_RATE:-200}
anchor_only=${BENCH_ANCHOR_ONLY:-0}
fixed_rate=$root/bench/lib/fixed-rate.lua
anchor_dir=$root/bench/anchor-constant
anchor_jar=$anchor_dir/target/quarkus-app/quarkus-run.jar
# shellcheck disable=SC2206 # JAVA_OPTS is a list of options
java_opts=(${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC})
node_pid=
anchor_pid=
slow_pid=
fast_pid=
work=

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install curl" >&2; exit 1; }
case $source_mode in directory | cache) ;; *)
  echo "BENCH_SOURCE must be directory or cache, not '$source_mode'" >&2
  exit 1
  ;;
esac
case $provider_mode in slow | closed | off) ;; *)
  echo "BENCH_PROVIDER_MODE must be slow, closed or off, not '$provider_mode'" >&2
  exit 1
  ;;
esac
for n in "$rounds" "$secs" "$count" "$rate" "$budget" "$provider_delay" "$down_rate"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "'$n' is not a positive whole number" >&2; exit 1; }
done
if [ "$anchor_only" != 1 ]; then
  [ -f "$app/quarkus-run.jar" ] || {
    echo "no $app/quarkus-run.jar: run ./mvnw -q package -DskipTests first" >&2
    exit 1
  }
  if [ "$source_mode" = cache ] || [ "$provider_mode" = slow ]; then
    command -v python3 >/dev/null || { echo "python3 is missing" >&2; exit 1; }
  fi
fi

stop() { # pid seconds: SIGTERM, then SIGKILL once the seconds have passed
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $(($2 * 10))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  set +e
  stop "$node_pid" 30
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
  stop "$anchor_pid" 10
  stop "$slow_pid" 5
  stop "$fast_pid" 5
  if [ -n "$work" ] && [ -n "${BENCH_KEEP:-}" ]; then
    mkdir -p "$BENCH_KEEP" && cp "$work"/*.log "$BENCH_KEEP"/
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

wait_for_url() { # url pid log: until the URL answers 2xx, or the process died
  for _ in $(seq 1 240); do
    curl -sf -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { tail -50 "$3" >&2; exit 1; }
    sleep 0.5
  done
  curl -sf -o /dev/null "$1" || { tail -50 "$3" >&2; exit 1; }
}

start_provider() { # name delay_ms: starts bench/cnam-provider.py, sets <name>_pid and <name>_port
  local name=$1 port='' pid
  python3 "$root/bench/cnam-provider.py" --delay-ms "$2" \
    >"$work/provider-$name.out" 2>"$work/provider-$name.log" &
  pid=$!
  printf -v "${name}_pid" '%s' "$pid"
  for _ in $(seq 1 100); do
    port=$(head -1 "$work/provider-$name.out" 2>/dev/null || true)
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/provider-$name.log" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$port" ] || { echo "cnam-provider.py ($name) printed no port" >&2; exit 1; }
  printf -v "${name}_port" '%s' "$port"
}

if [ ! -f "$anchor_jar" ] ||
  [ -n "$(find "$anchor_dir/pom.xml" "$anchor_dir/src" -newer "$anchor_jar" -print -quit)" ]; then
  echo "building bench/anchor-constant" >&2
  "$root/mvnw" -f "$anchor_dir/pom.xml" -q -B -ntp package -DskipTests >&2
fi

wait_for_quiet
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
work=$(mktemp -d "${TMPDIR:-/tmp}/voxhost-cnambench.XXXXXX")

# The numbers both servers are asked about, one a line, in the form the API takes (E.164).
seq 0 $((count - 1)) | awk '{printf "+1415%07d\n", 2000000 + $1}' >"$work/numbers.txt"

anchor_port=$(free_port)
anchor_base=http://127.0.0.1:$anchor_port
(cd "$work" && exec java "${java_opts[@]}" -Dquarkus.http.host=127.0.0.1 \
  -Dquarkus.http.port="$anchor_port" -jar "$anchor_jar" >"$work/anchor.log" 2>&1) &
anchor_pid=$!
wait_for_url "$anchor_base/constant/%2B14155550123" "$anchor_pid" "$work/anchor.log"

declare -A url=([anchor]=$anchor_base/constant/)
declare -A label=([anchor]="anchor GET /constant/{number}" [cnam]="GET /api/v1/cnam/{number}")
targets=(anchor)
key=

if [ "$anchor_only" != 1 ]; then
  http=$(free_port)
  sip=$(free_port)
  base=http://127.0.0.1:$http
  url[cnam]=$base/api/v1/cnam/
  targets=(anchor cnam)

  node_props=(
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$http"
    -Dvoxhost.data-dir="$work/data" -Dvoxhost.roles="$roles"
    -Dvoxhost.sip.listen=127.0.0.1:"$sip" -Dvoxhost.sip.transports=udp
    -Dvoxhost.sip.rate-limit.per-second=0 -Dvoxhost.cnam.sip-user=cnam
    -Dvoxhost.cnam.budget="${budget}ms"
  )
  # Providers are the node's (voxhost.cnam.providers.<name>.*); they are on loopback, which the
  # outbound policy refuses unless allowed. A tenant uses one only once its settings name it.
  if [ "$provider_mode" != off ] || [ "$source_mode" = cache ]; then
    node_props+=(-Dvoxhost.cnam.allow-private-providers=true)
  fi
  if [ "$provider_mode" != off ]; then
    if [ "$provider_mode" = slow ]; then
      start_provider slow "$provider_delay"
    else
      slow_port=$(free_port) # nothing listens there: every dip is refused at once
    fi
    node_props+=(
      -Dvoxhost.cnam.providers.bench.url="http://127.0.0.1:$slow_port/v3/phone/{number}"
      -Dvoxhost.cnam.providers.bench.name-pointer=/name
    )
    if [ -n "$provider_timeout" ]; then
      node_props+=(-Dvoxhost.cnam.providers.bench.timeout="${provider_timeout}ms")
    fi
  fi
  if [ "$source_mode" = cache ]; then
    start_provider fast 0
    node_props+=(
      -Dvoxhost.cnam.providers.fast.url="http://127.0.0.1:$fast_port/v3/phone/{number}"
      -Dvoxhost.cnam.providers.fast.name-pointer=/name
    )
  fi

  (cd "$work" && exec java "${java_opts[@]}" "${node_props[@]}" \
    -jar "$app/quarkus-run.jar" >"$work/node.log" 2>&1) &
  node_pid=$!
  wait_for_url "$base/q/health/ready" "$node_pid" "$work/node.log"

  admin=$(cat "$work/data/admin.key")
  json() { # method path key body
    curl -sf -X "$1" "$base$2" -H "Authorization: Bearer $3" \
      -H 'Content-Type: application/json' -d "$4"
  }
  json POST /api/v1/admin/tenants "$admin" \
    '{"slug":"bench","name":"Bench Ltd","sipDomain":"127.0.0.1"}' >/dev/null
  key=$(json POST /api/v1/admin/tenants/bench/keys "$admin" '{"label":"bench"}' |
    sed -E 's/.*"key":"([^"]+)".*/\1/')
fi

# A call to the node with the tenant's key: prints the status; the answer is in $work/answer.
call() { # method path [content-type body-file]
  local body=()
  [ $# -ge 4 ] && body=(-H "Content-Type: $3" --data-binary @"$4")
  curl -sS -o "$work/answer" -w '%{http_code}' -X "$1" "$base$2" \
    -H "Authorization: Bearer $key" "${body[@]}"
}

expect_2xx() { # what status
  case $2 in 2??) return 0 ;; esac
  echo "$1 answered $2: $(head -c 600 "$work/answer")" >&2
  exit 1
}

put_settings() { # providers as a JSON array
  printf '{"defaultRegion":"US","nameLength":50,"providers":%s}' "$1" >"$work/settings.json"
  expect_2xx "PUT /api/v1/cnam/settings" \
    "$(call PUT /api/v1/cnam/settings application/json "$work/settings.json")"
}

expect_source() { # number source: one lookup of the number must say that source
  local status
  status=$(call GET "/api/v1/cnam/${1/+/%2B}")
  expect_2xx "GET /api/v1/cnam/$1" "$status"
  grep -q "\"source\":\"$2\"" "$work/answer" || {
    echo "GET /api/v1/cnam/$1 did not answer from $2: $(head -c 600 "$work/answer")" >&2
    exit 1
  }
}

if [ "$anchor_only" != 1 ]; then
  # Is the role there? Asked with a number of no phase's set, so no answer is remembered for one.
  status=$(call GET /api/v1/cnam/%2B15590000000)
  if [ "$status" = 404 ]; then
    echo "GET /api/v1/cnam/+15590000000 answered 404: this server has no caller-name role" \
      "(built without the caller-name module, or BENCH_ROLES=$roles lacks cnam)" >&2
    exit 1
  fi
  expect_2xx "GET /api/v1/cnam/+15590000000" "$status"
  first=$(head -1 "$work/numbers.txt")
  if [ "$source_mode" = directory ]; then
    awk '{printf "%s,Contact %s\n", $1, substr($1, 6)}' "$work/numbers.txt" >"$work/directory.csv"
    expect_2xx "POST /api/v1/cnam/directory/import" \
      "$(call POST /api/v1/cnam/directory/import text/csv "$work/directory.csv")"
    expect_source "$first" directory
    import_rows=${BENCH_IMPORT_ROWS:-0}
    if [ "$import_rows" -gt 0 ]; then
      # A big import (the issue's million rows) into the same tenant, timed, replacing the
      # directory; then the bench's numbers are put back as they were.
      seq 0 $((import_rows - 1)) |
        awk '{printf "+1646%07d,Acme Plumbing Services %d\n", $1, $1}' >"$work/big.csv"
      started=$(date +%s.%N)
      expect_2xx "POST /api/v1/cnam/directory/import?replace=true ($import_rows rows)" \
        "$(call POST '/api/v1/cnam/directory/import?replace=true' text/csv "$work/big.csv")"
      ended=$(date +%s.%N)
      echo "import of $import_rows rows ($(du -h "$work/big.csv" | cut -f1)), replace=true:" \
        "$(awk -v a="$started" -v b="$ended" 'BEGIN {printf "%.1f", b - a}') s," \
        "answer $(head -c 200 "$work/answer")"
      expect_2xx "POST /api/v1/cnam/directory/import?replace=true" \
        "$(call POST '/api/v1/cnam/directory/import?replace=true' text/csv "$work/directory.csv")"
      expect_source "$first" directory
    fi
  else
    put_settings '["fast"]'
  fi
fi

# Runs wrk with bench/lib/fixed-rate.lua and prints "rate p50_ms p99_ms max_ms socket_errors".
# A non-2xx answer fails the run (the set-up is wrong); socket errors are counted and shown.
measure() { # target connections [fixed-rate.lua arguments...]
  local target=$1 connections=$2 out auth=()
  shift 2
  [ "$target" = anchor ] || auth=(-H "Authorization: Bearer $key")
  out=$(wrk -t2 -c"$connections" -d"${secs}s" --timeout 5s --latency "${auth[@]}" \
    -s "$fixed_rate" "${url[$target]}" -- "$@")
  echo "$out" >>"$work/wrk.log"
  if echo "$out" | grep -qE 'Non-2xx'; then
    echo "$out" >&2
    echo "wrk saw errors on $target" >&2
    exit 1
  fi
  echo "$out" | awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /m$/) return substr(v, 1, length(v) - 1) * 60000
      if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
      return v + 0
    }
    $1 == "Latency" && $2 != "Distribution" { max = ms($4) }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    $1 == "Requests/sec:" { rate = $2 }
    $1 == "Socket" { gsub(/,/, ""); errors = $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %.2f %.2f %d\n", rate, p50, p99, max, errors }'
}

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

for t in "${targets[@]}"; do
  # Warm-up: compilation, caches, connection pools; with BENCH_SOURCE=cache it also dips every
  # number once and fills the provider cache.
  measure "$t" 16 paths="$work/numbers.txt" >/dev/null
done
[ "$anchor_only" = 1 ] || [ "$source_mode" != cache ] || expect_source "$(head -1 "$work/numbers.txt")" cache

what="$count numbers answered from the $source_mode, roles=$roles"
[ "$anchor_only" = 1 ] && what="$count numbers, the anchor only"
echo "wrk -t2 -c16 -d${secs}s, $rounds rounds, $what, $(nproc) cores," \
  "load average before start: $load_at_start"
echo
echo "| round | target | requests/s | p50 ms | p99 ms | max ms | socket errors |"
echo "|---|---|---|---|---|---|---|"
declare -A rates last
ratios=
for r in $(seq 1 "$rounds"); do
  order=("${targets[@]}")
  if [ $((r % 2)) = 0 ] && [ "${#targets[@]}" = 2 ]; then
    order=(cnam anchor) # alternate which goes first, so drift in the machine cancels
  fi
  for t in "${order[@]}"; do
    result=$(measure "$t" 16 paths="$work/numbers.txt")
    read -r rps p50 p99 max errors <<<"$result"
    rates[$t]="${rates[$t]:-} $rps"
    last[$t]=$rps
    echo "| $r | ${label[$t]} | $rps | $p50 | $p99 | $max | $errors |"
  done
  if [ "$anchor_only" != 1 ]; then
    ratios="$ratios $(awk -v a="${last[cnam]}" -v b="${last[anchor]}" 'BEGIN {printf "%.2f", a / b}')"
  fi
done

echo
echo "| target | median requests/s | median ratio to the anchor (per round) |"
echo "|---|---|---|"
echo "| ${label[anchor]} | $(echo "${rates[anchor]}" | median) | 1.00x |"
if [ "$anchor_only" != 1 ]; then
  echo "| ${label[cnam]} | $(echo "${rates[cnam]}" | median) |" \
    "**$(echo "$ratios" | median)x** (rounds:$ratios; goal >= 0.7x) |"
fi

echo
echo "Fixed rate: $rate requests/s (wrk -t2 -c32 -d${secs}s, delay() schedule," \
  "$((rate / 2))/s per thread)"
echo
echo "| target | target/s | achieved/s | p50 ms | p99 ms | max ms | socket errors |"
echo "|---|---|---|---|---|---|---|"
for t in "${targets[@]}"; do
  result=$(measure "$t" 32 rate=$((rate / 2)) paths="$work/numbers.txt")
  read -r rps p50 p99 max errors <<<"$result"
  echo "| ${label[$t]} | $rate | $rps | $p50 | $p99 | $max | $errors |"
done
[ "$anchor_only" = 1 ] || echo "(goal for cnam: p99 under 2 ms)"

# Phase 3: the tenant's only provider is down or slow. Each request is a fresh number (never
# cached, never in a directory: prefixes +1556 and +1557, the directory's are +1415), so every
# lookup goes to the provider, or to its open breaker.
provider_down_phase() {
  local how result status took rps p50 p99 max errors limit requests
  put_settings '["bench"]'
  how="nothing listens on its port"
  [ "$provider_mode" = slow ] && how="it answers after $provider_delay ms"
  echo
  echo "Provider down ($provider_mode: $how), budget $budget ms," \
    "provider timeout ${provider_timeout:-(the default)} ms"

  # One lookup alone first: it must answer with the number and no name, within the budget.
  result=$(curl -sS -o "$work/answer" -w '%{http_code} %{time_total}' \
    -H "Authorization: Bearer $key" "$base/api/v1/cnam/%2B15580000001")
  read -r status took <<<"$result"
  expect_2xx "GET /api/v1/cnam/+15580000001" "$status"
  echo "one lookup: $(awk -v s="$took" 'BEGIN {printf "%.1f", s * 1000}') ms," \
    "answer $(head -c 300 "$work/answer")"

  echo
  echo "| run | target/s | achieved/s | p50 ms | p99 ms | max ms | socket errors | goal |"
  echo "|---|---|---|---|---|---|---|---|"
  limit=$((budget + 10))
  result=$(measure cnam 128 rate=$((down_rate / 2)) fresh=0 prefix=+1556)
  read -r rps p50 p99 max errors <<<"$result"
  echo "| breaker closing | $down_rate | $rps | $p50 | $p99 | $max | $errors |" \
    "max <= $limit ms: $(awk -v m="$max" -v l="$limit" 'BEGIN {print (m <= l ? "met" : "NOT met")}') |"
  # Callers call again: 1000 numbers in no directory, whose absence memory learns in the first
  # fifth of a second; each lookup then reaches the providers, whose breaker refuses at once.
  seq 0 999 | awk '{printf "+1557%07d\n", $1}' >"$work/unknown.txt"
  result=$(measure cnam 32 rate=$((rate / 2)) paths="$work/unknown.txt")
  read -r rps p50 p99 max errors <<<"$result"
  echo "| breaker open | $rate | $rps | $p50 | $p99 | $max | $errors |" \
    "p99 < 5 ms: $(awk -v p="$p99" 'BEGIN {print (p < 5 ? "met" : "NOT met")}') |"

  if [ -n "$slow_pid" ]; then
    stop "$slow_pid" 5
    slow_pid=
    requests=$(sed -n 's/^requests: //p' "$work/provider-slow.log")
    echo "(the stub provider was asked ${requests:-?} times: dips that got past the breaker" \
      "and the bulkhead)"
  fi
}

if [ "$anchor_only" != 1 ] && [ "$provider_mode" != off ]; then
  provider_down_phase
fi

# 4. In-process: JMH on the real chain with every answer in memory (goal: under 5 us a hit).
inprocess_phase() {
  local module=$root/caller-name cp_file=$work/classpath
  echo
  echo "In-process lookups (JMH, caller-name/src/test/java/.../service/LookupBenchmark)"
  (cd "$root" && ./mvnw -q -B -ntp -pl caller-name test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file") > "$work/jmh-build.log" 2>&1
  java "${java_opts[@]}" -cp "$module/target/classes:$module/target/test-classes:$(cat "$cp_file")" \
    org.openjdk.jmh.Main -f 1 -wi 3 -w 2s -i 5 -r 2s -rf text -rff "$work/jmh.txt" LookupBenchmark \
    > "$work/jmh.log" 2>&1
  cat "$work/jmh.txt"
}

if [ "${BENCH_JMH:-1}" = 1 ] && [ "$anchor_only" != 1 ]; then
  inprocess_phase
fi

# 5. SIP dips (bench/sipp/cnam_dip.xml) at BENCH_SIP_RATE (2000) calls/s for BENCH_SECS, the
# callers the directory numbers (goal: p99 under 2 ms); the reference in the same run is an
# ordinary 302 on the same numbers (the shared invite_redirect.xml, answered by a dial-plan rule),
# both measured by the shared anchor's step.py (SIPp -trace_rtt), after 5 s of each unrecorded. The
# floor is the same dips answered by SIPp itself (bench/sipp/redirect_uas.xml). SIPp's -trace_rtt
# reads a coarse clock (0 or multiples of 4 ms here), so each run also writes SIPp's message trace,
# stamped in microseconds, and bench/lib/sipp_msg_rtt.py reads each call's INVITE-to-final-answer
# time from it; the goal is judged on that. SIPp sends from 127.0.0.1, the tenant's trusted peer,
# as bench/sip.sh sets it up.
sip_phase() {
  local sip_rate=${BENCH_SIP_RATE:-2000} tools=$work/sip-tools row
  command -v sipp >/dev/null || { echo "sipp is missing: apt-get install sip-tester" >&2; return 1; }
  [[ ",$roles," == *,sip,* ]] || { echo "(no SIP phase: BENCH_ROLES=$roles lacks sip)"; return 0; }
  [ "$source_mode" = directory ] || { echo "(no SIP phase: it dips directory numbers)"; return 0; }
  cp -r "$root/../shared/bench/sip" "$tools"
  cp "$root/bench/sipp/cnam_dip.xml" "$tools/scenarios/"
  printf '{"network":"127.0.0.1/32"}' >"$work/peer.json"
  expect_2xx "POST /api/v1/sip/peers" "$(call POST /api/v1/sip/peers application/json "$work/peer.json")"
  # shellcheck disable=SC2016 # $1 is the dial plan's group, not the shell's
  printf '{"pattern":"([+]1415[0-9]{7})","target":"sip:$1@gw.example.net"}' >"$work/route.json"
  expect_2xx "POST /api/v1/sip/routes" "$(call POST /api/v1/sip/routes application/json "$work/route.json")"
  { echo SEQUENTIAL; sed 's/$/;/' "$work/numbers.txt"; } >"$work/callers.csv"
  echo
  echo "SIP: $sip_rate calls/s for ${secs}s, UDP, one SIPp on the same 2 cores"
  echo
  # The node's SIP code is cold after the HTTP phases: 5 s of each scenario at the same rate first,
  # not recorded (what a node that has taken calls for a while answers).
  for scenario in invite_redirect cnam_dip; do
    (cd "$tools" && python3 step.py --out "$work/sip-warm.tsv" --label warm --phase "$scenario" \
      --scenario "scenarios/$scenario.xml" --inf "$work/callers.csv" --rate "$sip_rate" \
      --calls $((sip_rate * 5)) --target "127.0.0.1:$sip" --workdir "$work/sip-warm" \
      --lport "$(free_port)" >/dev/null 2>&1) || true
  done
  echo "| scenario | calls | failed | rtt p50 / p99 / max ms (SIPp -trace_rtt) |" \
    "rtt p50 / p99 / p99.9 / max ms (SIPp message trace, us) | node CPU % | goal |"
  echo "|---|---|---|---|---|---|---|"
  for scenario in invite_redirect cnam_dip floor; do
    local target=127.0.0.1:$sip server=$node_pid file=$scenario uas_port
    if [ "$scenario" = floor ]; then
      # SIPp answering the same dips itself (bench/sipp/redirect_uas.xml): what SIPp can measure.
      uas_port=$(free_port)
      (cd "$tools" && exec sipp -sf "$root/bench/sipp/redirect_uas.xml" -i 127.0.0.1 \
        -p "$uas_port" -t u1 -nostdin >"$work/sipp-uas.log" 2>&1) &
      fast_pid=$!
      sleep 1
      target=127.0.0.1:$uas_port server=$fast_pid file=cnam_dip
    fi
    row=$(cd "$tools" && python3 step.py --out "$work/sip.tsv" --label cnam --phase "$scenario" \
      --scenario "scenarios/$file.xml" --inf "$work/callers.csv" --rate "$sip_rate" \
      --calls $((sip_rate * secs)) --target "$target" --workdir "$work/sip-$scenario" \
      --server-pid "$server" --lport "$(free_port)" \
      -- -trace_msg -message_file "$work/sip-$scenario.msg" | tail -1) || true
    row="$row $(python3 "$root/bench/lib/sipp_msg_rtt.py" "$work/sip-$scenario.msg" | sed 's/^/trace_/; s/ / trace_/g')"
    rm -f "$work/sip-$scenario.msg"
    if [ "$scenario" = floor ]; then
      stop "$fast_pid" 5
      fast_pid=
    fi
    echo "$row" >>"$work/sip.log"
    python3 - "$scenario" "$row" <<'PY'
import sys
scenario, row = sys.argv[1], dict(kv.split('=', 1) for kv in sys.argv[2].split() if '=' in kv)
g = lambda k: row.get(k, '?')
goal = ''
if scenario == 'floor':
    goal = '(SIPp answering itself: the measurement floor; CPU is its server\'s)'
elif scenario == 'cnam_dip':
    try:
        goal = 'p99 < 2 ms (trace): ' + ('met' if float(g('trace_p99_ms')) < 2 else 'NOT met')
    except ValueError:
        goal = 'no figure'
print(f"| {scenario} | {g('calls')} | {g('failed')} |"
      f" {g('rtt_p50_ms')} / {g('rtt_p99_ms')} / {g('rtt_max_ms')} |"
      f" {g('trace_p50_ms')} / {g('trace_p99_ms')} / {g('trace_p999_ms')} / {g('trace_max_ms')} |"
      f" {g('server_cpu_pct')} | {goal} |")
PY
  done
}

if [ "${BENCH_SIP:-1}" = 1 ] && [ "$anchor_only" != 1 ]; then
  sip_phase
fi
