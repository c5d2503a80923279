#!/usr/bin/env bash
# TFTP provisioning benchmark: Voxhost against atftpd and tftpd-hpa, same load tools, same run.
#
#   bench/tftp.sh [voxhost|voxhost-static|atftpd|tftpd-hpa|all] [SCENARIOS]
#
# SCENARIOS: any of "probe storm fw fw50 clients loss" (default: all of them). Uses the anchor
# tools in ../shared/bench/tftp unchanged (run_bench.sh, tftpload.py, procmon.py, lossproxy.py,
# summarize.py), copied to a scratch directory so their results stay out of the shared folder.
# The served tree is the anchor's (mkfiles.sh: 10,000 per-phone configs and a 32 MiB firmware).
#
# Voxhost serves every phone its GENERATED file: the script registers the 10,000 MACs of the
# tree's phones.txt as devices (SEP<MAC>.cnf.xml: Cisco; 0004f2*.cfg: Polycom; 805ec0*.cfg and
# *.boot: Yealink) through the CSV import, fetches each generated file once over HTTP to build the
# reference tree the load generator verifies against, warms the JVM up with WARMUP_FETCHES
# uncounted fetches (default 25,000, half of them with blksize 1428: after 3,000 plain ones the
# JIT was still compiling through the first storms, a third of the node's CPU), and then runs the
# same matrix as for the others. The firmware is a static file of the
# same tree. The node runs from server/target/quarkus-app (build first) with the tftp role only,
# on its own embedded PostgreSQL; run_bench.sh does not restart it between rows (it would kill
# PostgreSQL with it), so the peak RSS columns are over the whole run. A second node then serves
# the anchor's static tree for the boot-storm rows (label voxhost-static), files of the sizes the
# other servers send.
#
# Needs: python3, curl, tftp-hpa, atftp, tftpd-hpa (in.tftpd), and atftpd unpacked into
# /tmp/tftpbench/atftpd-root (the script does it: Debian's packages conflict).
# Env: JAVA_OPTS (default "-Xms1g -Xmx1g -XX:+UseParallelGC"), WARMUP_FETCHES (default 25000),
# and run_bench.sh's knobs.
set -euo pipefail
which_servers=${1:-all}
scenarios=${2:-"probe storm fw fw50 clients loss"}
root=$(cd "$(dirname "$0")/.." && pwd)
app=$root/server/target/quarkus-app
tools_src=$(cd "$root/../shared/bench/tftp" && pwd)
tree=/tmp/tftpbench/root
atftpd=/tmp/tftpbench/atftpd-root/usr/sbin/atftpd
work=$(mktemp -d "${TMPDIR:-/tmp}/voxhost-tftpbench.XXXXXX")
tools=$work/tools
cp -r "$tools_src" "$tools"
rm -rf "$tools/results"
mkdir -p "$tools/results"
http=18094
warmup=${WARMUP_FETCHES:-25000}
node_pid=
trap 'stop_node' EXIT

stop_node() {
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
    kill "$node_pid"; wait "$node_pid" 2>/dev/null || true
  fi
  node_pid=
}

[ -f "$tree/phones.txt" ] || "$tools/mkfiles.sh" "$tree" 10000 32
if [ ! -x "$atftpd" ]; then
  (cd /tmp/tftpbench && apt-get download atftpd >/dev/null && dpkg-deb -x atftpd_*.deb atftpd-root)
fi
phase_steps=() # run_bench.sh scenarios, without our own "loss"
for s in $scenarios; do [ "$s" = loss ] || phase_steps+=("$s"); done
matrix() { [ ${#phase_steps[@]} -gt 0 ]; } # run_bench.sh runs every scenario when given none

# Firmware through a proxy that drops 2 % of packets both ways, and 300 configs at 20 at once.
run_loss() { # $1 = label, $2 = server port, $3 = reference root
  [[ " $scenarios " == *" loss "* ]] || return 0
  local proxy_port=6979
  python3 "$tools/lossproxy.py" --listen 127.0.0.1:$proxy_port --server 127.0.0.1:"$2" --loss 0.02 \
    >"$work/lossproxy-$1.log" 2>&1 &
  local proxy=$!
  sleep 1
  (cd "$tools" && flock /tmp/bench.lock ./tftpload.py --port $proxy_port --root "$3" \
      --list "$3/phones.txt" -n 300 -c 20 --timeout 1 --client-timeout 0.5 --retries 10 \
      --label "$1 loss2% configs c=20" --json "results/$1-loss.jsonl" 2>&1 | tee -a "$work/loss.log")
  (cd "$tools" && flock /tmp/bench.lock ./tftpload.py --port $proxy_port --root "$3" \
      --blksize 1428 --windowsize 16 --timeout 1 --client-timeout 0.5 --retries 10 \
      --label "$1 loss2% fw blksize=1428 windowsize=16" --json "results/$1-loss.jsonl" \
      firmware.bin 2>&1 | tee -a "$work/loss.log")
  kill "$proxy" 2>/dev/null; wait "$proxy" 2>/dev/null || true
}

pg_cpu_ticks() { # CPU ticks of the node's embedded PostgreSQL: the postmaster and its children
  local total=0 main
  main=$(pgrep -f "postgres -D $work/data/pg" | head -1 || true)
  [ -n "$main" ] || { echo 0; return; }
  for p in $main $(pgrep -P "$main" || true); do
    total=$((total + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo $total
}

start_node() { # $1 = TFTP port, $2 = data directory
  [ -f "$app/quarkus-run.jar" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
  (cd "$work" && exec java ${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC} \
      -Dquarkus.http.port=$http -Dquarkus.http.host=127.0.0.1 -Dvoxhost.roles=tftp \
      -Dvoxhost.data-dir="$2" -Dvoxhost.tftp.listen=127.0.0.1:$1 \
      -Dvoxhost.tftp.root="$tree" -Dquarkus.log.level=WARN \
      -Dquarkus.log.category.\"io.voxhost\".level=INFO \
      -jar "$app/quarkus-run.jar" >"$work/voxhost.log" 2>&1) &
  node_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$http/q/health/ready" >/dev/null 2>&1 && break
    sleep 0.5
  done
}

# Uncounted fetches before the matrix, half plain and half with blksize 1428 (the OACK path), so
# that the JIT has compiled both paths the storms take.
warm_up() { # $1 = port, $2 = reference root, $3 = log
  (cd "$tools" && ./tftpload.py --port "$1" --root "$2" --list "$2/phones.txt" -n $((warmup / 2)) \
      -c 100 > "$3" 2>&1 || true)
  (cd "$tools" && ./tftpload.py --port "$1" --root "$2" --list "$2/phones.txt" -n $((warmup / 2)) \
      -c 100 --blksize 1428 >> "$3" 2>&1 || true)
}

run_voxhost() {
  local port=6972
  start_node $port "$work/data"
  local admin key
  admin=$(cat "$work/data/admin.key")
  curl -sf -X POST "http://127.0.0.1:$http/api/v1/admin/tenants" \
    -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"slug":"bench","name":"Bench","sipDomain":"pbx.bench.example"}' >/dev/null
  key=$(curl -sf -X POST "http://127.0.0.1:$http/api/v1/admin/tenants/bench/keys" \
    -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"label":"bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
  # The bench fetches over TFTP by MAC alone: the tenant's devices are open to any source.
  curl -sf -X PUT "http://127.0.0.1:$http/api/v1/provisioning/settings" \
    -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    -d '{"fetchPolicy":"open"}' >/dev/null
  python3 - "$tree/phones.txt" > "$work/devices.csv" <<'PY'
import re, sys
seen = set()
for name in open(sys.argv[1]).read().split():
    m = re.fullmatch(r"SEP([0-9A-Fa-f]{12})\.cnf\.xml", name)
    if m:
        mac, vendor, model = m.group(1).lower(), "cisco", "CP-8841"
    else:
        mac = name.split(".")[0].lower()
        vendor, model = ("yealink", "T46U") if mac.startswith("805ec0") else ("polycom", "VVX450")
    if mac in seen:
        continue
    seen.add(mac)
    n = 1000 + len(seen)
    print(f"{mac},{vendor},{model},,Europe/Paris,,{n},Phone {n},pw-{n}")
PY
  curl -sf -X POST "http://127.0.0.1:$http/api/v1/provisioning/devices/import" \
    -H "Authorization: Bearer $key" -H 'Content-Type: text/csv' \
    --data-binary @"$work/devices.csv" >/dev/null
  local ref=$work/ref
  mkdir -p "$ref"
  python3 - "$tree/phones.txt" "$ref" "$http" <<'PY'
import sys, urllib.request
names, ref, port = open(sys.argv[1]).read().split(), sys.argv[2], sys.argv[3]
for name in names:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/provision/{name}") as r:
        open(f"{ref}/{name}", "wb").write(r.read())
PY
  cp "$tree/phones.txt" "$ref/"
  ln -sf "$tree/firmware.bin" "$ref/firmware.bin"
  warm_up $port "$ref" "$work/warmup.log"
  local pg0 pg1 t0 t1
  pg0=$(pg_cpu_ticks); t0=$(date +%s.%N)
  ! matrix || (cd "$tools" && ROOT=$ref SERVER_PID=$node_pid ./run_bench.sh voxhost $port '' \
      "${phase_steps[*]}")
  pg1=$(pg_cpu_ticks); t1=$(date +%s.%N)
  echo "voxhost embedded PostgreSQL CPU over the matrix: $(( (pg1 - pg0) * 10 )) ms in $(echo "$t1 - $t0" | bc) s" \
    | tee "$work/postgres-cpu.txt"
  run_loss voxhost $port "$ref"
  stop_node
}

run_atftpd() {
  ! matrix || (cd "$tools" && ROOT=$tree ./run_bench.sh atftpd 6971 \
      "$atftpd --daemon --no-fork --port 6971 --bind-address 127.0.0.1 $tree" "${phase_steps[*]}")
  (setsid "$atftpd" --daemon --no-fork --port 6971 --bind-address 127.0.0.1 "$tree" \
      >"$work/atftpd-loss.log" 2>&1 &)
  sleep 1
  run_loss atftpd 6971 "$tree"
  pkill -f "[a]tftpd --daemon --no-fork --port 6971" || true
}

run_tftpd_hpa() {
  ! matrix || (cd "$tools" && ROOT=$tree ./run_bench.sh tftpd-hpa 6970 "in.tftpd -L -s $tree -a 127.0.0.1:6970" \
      "${phase_steps[*]}")
}

# The same node serving the anchor's static tree (no devices registered): files of the same sizes
# as the other servers send, for the boot-storm rows only.
run_voxhost_static() {
  [[ " $scenarios " == *" storm "* ]] || return 0
  local port=6973
  start_node $port "$work/data-static"
  warm_up $port "$tree" "$work/warmup-static.log"
  (cd "$tools" && ROOT=$tree SERVER_PID=$node_pid ./run_bench.sh voxhost-static $port '' storm)
  stop_node
}

case $which_servers in
  voxhost) run_voxhost; run_voxhost_static ;;
  voxhost-static) run_voxhost_static ;;
  atftpd) run_atftpd ;;
  tftpd-hpa) run_tftpd_hpa ;;
  all) run_voxhost; run_voxhost_static; run_atftpd; run_tftpd_hpa ;;
esac
(cd "$tools" && python3 summarize.py results/*.jsonl > "$work/summary.md" 2>&1 || true)
echo "results under $tools/results; summary in $work/summary.md"
