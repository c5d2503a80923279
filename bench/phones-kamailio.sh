#!/usr/bin/env bash
# The same fleet of simulated phones against Voxhost's registrar and against Kamailio's (issue 18's
# anchor), in one session on the same 2 cores. One Voxhost node (roles=sip,tftp, embedded
# PostgreSQL) serves every phone's file over TFTP in both runs; the first run registers the phones
# with the node, the second with Kamailio 5.6 (../shared/bench/sip/kamailio.cfg as it is, WITH_AUTH,
# 2 children; its credentials table made from the same accounts). Both runs: a boot storm, a steady
# state of refreshes at 80-100 % of BENCH_EXPIRES, and a registration burst. CPU seconds are read
# from /proc: the node's in run 1 (SIP and TFTP), the node's in run 2 (TFTP alone) and Kamailio's
# (every process of it) in run 2.
#
# Usage: ./mvnw -q package -DskipTests && bench/phones-kamailio.sh [phones] [steady seconds]
#   BENCH_EXPIRES (120)   needs: kamailio (apt-get install kamailio), python3, curl
# Reports: bench/results/phones-<phones>-{voxhost,kamailio}.json
set -euo pipefail
phones=${1:-100000}
steady=${2:-150}
expires=${BENCH_EXPIRES:-120}
root=$(cd "$(dirname "$0")/.." && pwd)
anchor=$root/../shared/bench/sip
app=${BENCH_APP:-$root/server/target/quarkus-app}
command -v kamailio >/dev/null || { echo "kamailio is missing: apt-get install kamailio" >&2; exit 1; }
java_opts=(${JAVA_OPTS:--Xms2g -Xmx2g -XX:+UseParallelGC})
# shellcheck source=lib/cti_node.sh
source "$root/bench/lib/cti_node.sh"
sip=$(free_port)
tftp=$(free_port)
kport=$(free_port)
node_roles=sip,tftp
java_opts+=(-Dvoxhost.sip.listen=127.0.0.1:"$sip"
  -Dvoxhost.tftp.listen=127.0.0.1:"$tftp" -Dvoxhost.tftp.sip-server=127.0.0.1:"$sip")
start_cti_node
key=$(new_tenant_key phones)
kam_pid=
stop_kamailio() {
  [ -n "$kam_pid" ] && kill "$kam_pid" 2>/dev/null && wait "$kam_pid" 2>/dev/null
  kam_pid=
}
trap 'stop_kamailio; cleanup' EXIT

# CPU seconds (user + system) of the given processes, from /proc/<pid>/stat.
cpu() {
  local ticks total=0 pid
  ticks=$(getconf CLK_TCK)
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  awk -v t="$total" -v hz="$ticks" 'BEGIN {printf "%.1f", t / hz}'
}
kam_pids() { echo "$kam_pid" $(pgrep -P "$kam_pid" || true); }

fleet() { # label, extra emulator arguments...
  local label=$1
  shift
  JAVA_OPTS="-Xmx2g" "$root/src/bin/voxhost-phones" run --api "$base" --key "$key" \
    --phones "$phones" --tftp 127.0.0.1:"$tftp" --expires "$expires" --steady "$steady" \
    --phase-limit PT10M --report "$root/bench/results/phones-$phones-$label.json" "$@" \
    2> >(grep -v '^\[' >&2) || echo "($label: the emulator's exit status was $?)"
}

mkdir -p "$root/bench/results"
echo "$phones phones, expiry ${expires}s, steady ${steady}s; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Voxhost (node pid $node_pid)"
before=$(cpu "$node_pid")
fleet voxhost --bind 127.0.1.1
after=$(cpu "$node_pid")
echo "node CPU, SIP and TFTP: $(awk -v a="$after" -v b="$before" 'BEGIN {printf "%.1f", a - b}') s"

# Kamailio takes the same accounts: its credentials table, in the anchor's db_text layout.
kam=$work/kamailio
mkdir -p "$kam/dbtext"
cp "$anchor/kamailio.cfg" "$kam/"
"$root/src/bin/voxhost-phones" accounts --phones "$phones" | python3 -c '
import sys
rows = sys.stdin.read().splitlines()[1:]
with open(sys.argv[1] + "/creds", "w") as f:
    f.write("key_name(str) key_type(int) value_type(int) key_value(str) expires(int)\n")
    for r in rows:
        user, password, _ = r.split(",")
        f.write("%s:0:0:%s:0\n" % (user, password))
with open(sys.argv[1] + "/version", "w") as f:
    f.write("table_name(str) table_version(int)\ncreds:2\n")
' "$kam/dbtext"
# -m: shared memory for 100,000 bindings (the anchor's 256 MB holds fewer).
(cd "$kam" && exec kamailio -f kamailio.cfg -DD -E -n 2 -m 2048 -M 16 -A WITH_AUTH \
  -A LISTEN_PORT="$kport" -A "CTL_SOCK=\"unix:$kam/ctl\"" -A "AUTH_DB=\"text://$kam/dbtext\"") \
  > "$kam/kamailio.log" 2>&1 &
kam_pid=$!
sleep 3
kill -0 "$kam_pid" 2>/dev/null || { tail -20 "$kam/kamailio.log" >&2; exit 1; }
echo "== Kamailio (pid $kam_pid, port $kport)"
before=$(cpu "$node_pid")
kbefore=$(cpu $(kam_pids))
fleet kamailio --skip-setup --sip 127.0.0.1:"$kport" --bind 127.0.64.1
after=$(cpu "$node_pid")
kafter=$(cpu $(kam_pids))
echo "node CPU, TFTP alone: $(awk -v a="$after" -v b="$before" 'BEGIN {printf "%.1f", a - b}') s"
echo "Kamailio CPU: $(awk -v a="$kafter" -v b="$kbefore" 'BEGIN {printf "%.1f", a - b}') s"
# PSS: the shared memory its processes share is counted once.
echo "Kamailio PSS: $(for p in $(kam_pids); do cat "/proc/$p/smaps_rollup"; done 2>/dev/null |
  awk '/^Pss:/ {s += $2} END {printf "%.0f MiB", s / 1024}')"
echo "node RSS: $(ps -o rss= -p "$node_pid" | awk '{printf "%.0f MiB", $1/1024}')"
