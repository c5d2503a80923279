#!/usr/bin/env bash
# A fleet of simulated phones against one node (issue 18): how many phones boot at once (fetch over
# TFTP and register with digest) and how many stay registered, refreshing on their own clocks. One
# node with roles=sip,tftp on its embedded PostgreSQL, 2 cores shared with the emulator
# (src/bin/voxhost-phones, phones spread 100 to an address over 127.0.1.0/16).
#
# Usage: ./mvnw -q package -DskipTests && bench/phones.sh [phones] [steady seconds]
#   BENCH_EXPIRES (3600): the expiry phones ask for; refreshes come at 80-100 % of it
#   BENCH_FETCH (tftp): tftp or http
#   BENCH_ROLES (sip,tftp): the node's roles (add cti to have calls checked in its call records)
#   BENCH_CPS (0): calls a second in a call-mix phase of BENCH_CALL_PHASE (60) seconds, each held
#     BENCH_CALL_DURATION (5) seconds
#   BENCH_RECORD_SHARE (0): the share of calls recorded (add recording to BENCH_ROLES), their RTP
#     with BENCH_RTP_LOSS (0) and BENCH_RTP_JITTER (0) seconds; BENCH_VERIFY (20) read back
# The report is written to bench/results/phones-<phones>.json.
set -euo pipefail
phones=${1:-8000}
steady=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
app=${BENCH_APP:-$root/server/target/quarkus-app}
java_opts=(${JAVA_OPTS:--Xms2g -Xmx2g -XX:+UseParallelGC})
# shellcheck source=lib/cti_node.sh
source "$root/bench/lib/cti_node.sh"
sip=$(free_port)
tftp=$(free_port)
node_roles=${BENCH_ROLES:-sip,tftp}
# One tenant holds every recorded call of the fleet: its share of sessions is the node's.
java_opts+=(-Dvoxhost.sip.listen=127.0.0.1:"$sip"
  -Dvoxhost.tftp.listen=127.0.0.1:"$tftp" -Dvoxhost.tftp.sip-server=127.0.0.1:"$sip"
  -Dvoxhost.recording.listen=127.0.0.1:40000-49999
  -Dvoxhost.recording.max-sessions-per-tenant=5000)
start_cti_node
key=$(new_tenant_key phones)
mkdir -p "$root/bench/results"
report=$root/bench/results/phones-$phones.json
echo "$phones phones, steady ${steady}s, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
JAVA_OPTS="-Xmx2g" "$root/src/bin/voxhost-phones" run --api "$base" --key "$key" \
  --phones "$phones" --tftp 127.0.0.1:"$tftp" --fetch "${BENCH_FETCH:-tftp}" \
  --expires "${BENCH_EXPIRES:-3600}" --steady "$steady" --phase-limit PT10M \
  --calls-per-second "${BENCH_CPS:-0}" --call-phase "${BENCH_CALL_PHASE:-60}" \
  --call-duration "${BENCH_CALL_DURATION:-5}" --record-share "${BENCH_RECORD_SHARE:-0}" \
  --rtp-loss "${BENCH_RTP_LOSS:-0}" --rtp-jitter "PT${BENCH_RTP_JITTER:-0}S" \
  --verify-sample "${BENCH_VERIFY:-20}" \
  --report "$report" 2> >(grep -v '^\[' >&2)
status=$?
set -e
bindings=$(curl -sf "$base/api/v1/sip/registrations?limit=1" -H "Authorization: Bearer $key" \
  -o /dev/null -w '%{http_code}')
echo "emulator exit status $status; registrations API: HTTP $bindings"
curl -sf "$base/q/health/ready" | grep -o 'bindings [0-9]*' || true
echo "node RSS: $(ps -o rss= -p "$node_pid" | awk '{printf "%.0f MiB", $1/1024}')"
warnings=$(grep -cE 'WARN|ERROR' "$work/node.log" || true)
echo "node warnings and errors: $warnings"
if [ "$warnings" -gt 0 ]; then
  grep -E 'WARN|ERROR' "$work/node.log" | tail -20
fi
echo "report: $report"
