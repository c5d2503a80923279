#!/usr/bin/env bash
# SIP over TLS: PHONES phones register over TLS and keep their connections open, on Voxhost and on
# Kamailio, in the same run, with the same accounts and the same client (voxhost-phones
# tls-register: Netty, two event loops, MD5 digest, nonce reused with the next nonce-count on
# refresh, as phones do).
#
#   bench/sip-tls.sh [voxhost|kamailio|both]        (default: both)
#
# For each server it reports:
#   - phones registered over TLS, and still connected after the hold;
#   - memory per idle TLS connection: the server's memory with the phones connected and idle,
#     less its memory once they have disconnected (their bindings stay), over the number
#     connected; and less its memory before they came (bindings included). Voxhost: live heap after
#     a full collection (jcmd GC.class_histogram) and the process's RSS; Kamailio: its shared
#     memory in use (kamcmd core.shmmem, where connections live) and the PSS of its processes
#     (bench's mem.py from the shared anchors);
#   - REGISTER refresh over TLS at RATES a second, STEP_SECS each: answered a second, p50/p99.
#
# Kamailio runs the shared anchor's kamailio.cfg (WITH_AUTH, credentials from mkcreds.sh), copied
# and given what TLS needs: the tls module with the same certificate, a TLS listener, and
# connection limits above PHONES (its defaults are 2,048). tcp_children stays 1 as in the anchor.
#
# Env: PHONES (10000), RATES (1000,2000,4000,8000), STEP_SECS (10), JAVA_OPTS for Voxhost
# (default "-Xms1g -Xmx1g -XX:+UseParallelGC", as bench/sip.sh). Needs: kamailio,
# kamailio-tls-modules, openssl, python3, curl; build first (./mvnw package -DskipTests).
set -euo pipefail
which_servers=${1:-both}
root=$(cd "$(dirname "$0")/.." && pwd)
app=$root/server/target/quarkus-app
phones_jar=$(ls "$root"/phone-emulator/target/voxhost-phone-emulator-*.jar | head -n 1)
anchor=$(cd "$root/../shared/bench/sip" && pwd)
PHONES=${PHONES:-10000}
RATES=${RATES:-1000,2000,4000,8000}
STEP_SECS=${STEP_SECS:-10}
work=$(mktemp -d "${TMPDIR:-/tmp}/voxhost-siptls.XXXXXX")
http=18190
server_pid=
trap 'stop_server' EXIT

for tool in kamailio openssl python3 curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install it)" >&2; exit 1; }
done
[ -f "$app/quarkus-run.jar" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -gt $((PHONES + 1000)) ] || { echo "open files limit too low for $PHONES" >&2; exit 1; }

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3 \
  -keyout "$work/sip.key" -out "$work/sip.crt" -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null

stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}

# Runs the phones against $1 (host:port), labels lines with $2; calls "measure_$3 before/idle"
# around the hold.
run_phones() {
  local target=$1 label=$2 server=$3
  local hold=$work/hold-$label out=$work/phones-$label.txt
  measure_"$server" before
  java -Xms2g -Xmx2g -jar "$phones_jar" tls-register --server "$target" --domain 127.0.0.1 \
    --phones "$PHONES" --ca-file "$work/sip.crt" --connect-rate 2000 --window 500 \
    --hold-file "$hold" --refresh-rates "$RATES" --step-seconds "$STEP_SECS" \
    --server-pid "$server_pid" >"$out" 2>&1 &
  local client=$!
  while ! grep -q '^holding' "$out" 2>/dev/null; do
    kill -0 $client 2>/dev/null || { cat "$out"; exit 1; }
    sleep 1
  done
  sleep 10 # settle: handshakes done, answers read, nothing in flight
  measure_"$server" idle
  touch "$hold"
  wait $client
  sleep 10 # the phones' connections are closed; their bindings stay
  measure_"$server" closed
  sed "s/^/$label /" "$out" | tee -a "$work/results.txt"
}

measure_voxhost() { # $1 = before|idle
  local live rss
  live=$(jcmd "$server_pid" GC.class_histogram | awk '/^Total/ {print $3}')
  rss=$(python3 "$anchor/mem.py" "$server_pid" | sed -E 's/.*rss_kb=([0-9]+).*/\1/')
  echo "$1 live_heap_bytes=$live rss_kb=$rss" >>"$work/mem-voxhost.txt"
}

measure_kamailio() { # $1 = before|idle
  local shm pss
  shm=$(kamcmd -s "unix:$work/kamailio_ctl" core.shmmem | awk '$1 == "real_used:" {print $2}')
  pss=$(python3 "$anchor/mem.py" "$server_pid" | sed -E 's/.*pss_kb=([0-9]+).*/\1/')
  echo "$1 shm_real_used_bytes=$shm pss_kb=$pss" >>"$work/mem-kamailio.txt"
}

run_voxhost() {
  local data=$work/data
  (cd "$work" && exec java ${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC} \
      -Dquarkus.http.port=$http -Dquarkus.http.host=127.0.0.1 -Dvoxhost.roles=sip \
      -Dvoxhost.data-dir="$data" -Dvoxhost.sip.listen=127.0.0.1:5090 \
      -Dvoxhost.sip.transports=udp,tls -Dvoxhost.sip.tls-listen=127.0.0.1:5091 \
      -Dvoxhost.sip.tls-configuration-name=sip \
      -Dquarkus.tls.sip.key-store.pem.0.cert="$work/sip.crt" \
      -Dquarkus.tls.sip.key-store.pem.0.key="$work/sip.key" \
      -Dvoxhost.sip.connections.per-source=$((PHONES + 1000)) \
      -Dvoxhost.sip.connections.max=$((PHONES + 1000)) \
      -Dvoxhost.sip.rate-limit.per-second=0 \
      -Dquarkus.log.level=WARN -Dquarkus.log.category.\"io.voxhost\".level=INFO \
      -jar "$app/quarkus-run.jar" >"$work/voxhost.log" 2>&1) &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$http/q/health/ready" >/dev/null 2>&1 && break
    sleep 0.5
  done
  local admin key
  admin=$(cat "$data/admin.key")
  curl -sf -X POST "http://127.0.0.1:$http/api/v1/admin/tenants" \
    -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"slug":"bench","name":"Bench","sipDomain":"127.0.0.1"}' >/dev/null
  key=$(curl -sf -X POST "http://127.0.0.1:$http/api/v1/admin/tenants/bench/keys" \
    -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"label":"bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
  python3 -c "
for i in range($PHONES): print('user%06d,pw%06d,' % (i, i))" >"$work/users.csv"
  curl -sf -X POST "http://127.0.0.1:$http/api/v1/sip/subscribers/import" \
    -H "Authorization: Bearer $key" -H 'Content-Type: text/csv' \
    --data-binary @"$work/users.csv" >/dev/null
  run_phones 127.0.0.1:5091 voxhost voxhost
  stop_server
}

run_kamailio() {
  cp -r "$anchor" "$work/kamailio"
  (cd "$work/kamailio" && ./mkcreds.sh "$PHONES" >/dev/null)
  cat >"$work/kamailio/tls.cfg" <<EOF
[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
private_key = $work/sip.key
certificate = $work/sip.crt
EOF
  python3 - "$work/kamailio/kamailio.cfg" "$work/kamailio/kamailio-tls.cfg" "$work/kamailio/tls.cfg" \
    "$PHONES" <<'PY'
import sys
src, dst, tls, phones = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
text = open(src).read()
listen = 'listen=tcp:LISTEN_ADDR:LISTEN_PORT\n'
assert listen in text
text = text.replace(listen, listen + 'listen=tls:LISTEN_ADDR:5096\nenable_tls=yes\n'
                    f'tcp_max_connections={phones + 1000}\ntls_max_connections={phones + 1000}\n')
load = 'loadmodule "ctl.so"\n'
assert load in text
text = text.replace(load, load + f'loadmodule "tls.so"\nmodparam("tls", "config", "{tls}")\n')
open(dst, 'w').write(text)
PY
  (cd "$work/kamailio" && exec kamailio -f kamailio-tls.cfg -DD -E -n 2 -m 2048 -M 64 \
      -A WITH_AUTH -A LISTEN_PORT=5095 -A "CTL_SOCK=\"unix:$work/kamailio_ctl\"" \
      -A "AUTH_DB=\"text://$work/kamailio/dbtext\"" >"$work/kamailio.log" 2>&1) &
  server_pid=$!
  for _ in $(seq 1 60); do
    kamcmd -s "unix:$work/kamailio_ctl" core.version >/dev/null 2>&1 && break
    sleep 0.5
  done
  run_phones 127.0.0.1:5096 kamailio kamailio
  stop_server
}

servers=(voxhost kamailio)
[ "$which_servers" = both ] || servers=("$which_servers")
for s in "${servers[@]}"; do
  run_"$s"
done
for s in "${servers[@]}"; do
  echo "$s memory:"; cat "$work/mem-$s.txt"
done
echo "results in $work (results.txt, mem-*.txt, phones-*.txt)"
