#!/usr/bin/env bash
# SIP registrar/redirect benchmark: Voxhost against Kamailio, same SIPp driver, same run.
#
#   bench/sip.sh [voxhost|kamailio|both] [plain|auth|all]      (default: both all)
#
# Uses the anchor tools in ../shared/bench/sip unchanged (run.sh, run_auth.sh, step.py,
# scenarios, kamailio.cfg): they are copied to a scratch directory so that their result files
# do not land in the shared folder. Voxhost runs from server/target/quarkus-app (build first),
# on its own embedded PostgreSQL, listening on 127.0.0.1:5080 (run.sh) / 5081 (run_auth.sh), with
# the per-source rate limit off (SIPp is one source) and a 1 s domain cache so that the auth
# switch takes effect at once. The bench scenarios address users at [remote_ip], so the tenant's
# SIP domain is 127.0.0.1. Needs: sip-tester, kamailio, python3, curl.
#
# Env: VOXHOST_ROLES (default: every role, as a node starts; "sip" measures the SIP role alone,
# without the cti role building call records from the INVITEs and the cnam role naming them),
# JAVA_OPTS (default "-Xms1g -Xmx1g -XX:+UseParallelGC"), plus run.sh's knobs
# (INV_RATES, REG_RATES, STEP_SECS, N_USERS ...), passed through.
set -euo pipefail
which_servers=${1:-both}
which_runs=${2:-all}
root=$(cd "$(dirname "$0")/.." && pwd)
app=$root/server/target/quarkus-app
tools_src=$(cd "$root/../shared/bench/sip" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/voxhost-sipbench.XXXXXX")
tools=$work/tools
cp -r "$tools_src" "$tools"
rm -rf "$tools/results"
http=18090
node_pid=
export OUT_ROOT=$work/out
mkdir -p "$OUT_ROOT"
trap 'stop_node' EXIT

[ -f "$app/quarkus-run.jar" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }

stop_node() {
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
    kill "$node_pid"; wait "$node_pid" 2>/dev/null || true
  fi
  node_pid=
}

start_voxhost() { # $1 = SIP port
  local data=$work/data-$1
  (cd "$work" && exec java ${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC} \
      -Dquarkus.http.port=$http -Dquarkus.http.host=127.0.0.1 \
      -Dvoxhost.data-dir="$data" -Dvoxhost.sip.listen=127.0.0.1:$1 -Dvoxhost.sip.transports=udp \
      ${VOXHOST_ROLES:+-Dvoxhost.roles=$VOXHOST_ROLES} \
      -Dvoxhost.sip.rate-limit.per-second=0 -Dvoxhost.sip.domain-cache-ttl=1s \
      -Dquarkus.log.level=WARN -Dquarkus.log.category.\"io.voxhost\".level=INFO \
      -jar "$app/quarkus-run.jar" >"$work/voxhost-$1.log" 2>&1) &
  node_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$http/q/health/ready" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$http/q/health/ready" >/dev/null
  local admin key
  admin=$(cat "$data/admin.key")
  curl -sf -X POST "http://127.0.0.1:$http/api/v1/admin/tenants" \
    -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"slug":"bench","name":"Bench","sipDomain":"127.0.0.1"}' >/dev/null
  key=$(curl -sf -X POST "http://127.0.0.1:$http/api/v1/admin/tenants/bench/keys" \
    -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"label":"bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
  # The anchor's users: userNNNNNN with password pwNNNNNN (as mkcreds.sh makes them for Kamailio).
  python3 -c "
for i in range(${N_USERS:-100000}): print('user%06d,pw%06d,' % (i, i))" > "$work/users.csv"
  curl -sf -X POST "http://127.0.0.1:$http/api/v1/sip/subscribers/import" \
    -H "Authorization: Bearer $key" -H 'Content-Type: text/csv' \
    --data-binary @"$work/users.csv" >/dev/null
  # SIPp sends from this host: as the tenant's trusted peer its INVITEs get the 302 unchallenged,
  # as Kamailio's anchor answers them.
  curl -sf -X POST "http://127.0.0.1:$http/api/v1/sip/peers" \
    -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    -d '{"network":"127.0.0.1/32"}' >/dev/null
  echo "$admin" > "$work/admin"
}

set_auth() { # $1 = true|false
  curl -sf -X PATCH "http://127.0.0.1:$http/api/v1/admin/tenants/bench" \
    -H "Authorization: Bearer $(cat "$work/admin")" -H 'Content-Type: application/json' \
    -d "{\"sipRegisterAuth\":$1}" >/dev/null
  sleep 2
}

run_plain() { # $1 = voxhost|kamailio
  if [ "$1" = voxhost ]; then
    start_voxhost 5080
    set_auth false
    OUT=$OUT_ROOT/voxhost SERVER_CMD=none SERVER_PID=$node_pid "$tools/run.sh" 127.0.0.1:5080 voxhost
    stop_node
  else
    OUT=$OUT_ROOT/kamailio "$tools/run.sh" 127.0.0.1:5060 kamailio
  fi
}

run_auth() { # $1 = voxhost|kamailio
  if [ "$1" = voxhost ]; then
    start_voxhost 5081
    set_auth true
    # A fresh JVM spends its first seconds compiling (C2 alone takes some 40 s of CPU here); the
    # plain run warms up in its fill phase, this one gets 20 s at 1,000/s that are not counted.
    RATES=1000 STEP_SECS=20 OUT=$work/warmup-auth SERVER_CMD=none SERVER_PID=$node_pid \
      "$tools/run_auth.sh" 127.0.0.1:5081 voxhost-auth-warmup >/dev/null || true
    OUT=$OUT_ROOT/voxhost-auth SERVER_CMD=none SERVER_PID=$node_pid \
      "$tools/run_auth.sh" 127.0.0.1:5081 voxhost-auth
    stop_node
  else
    OUT=$OUT_ROOT/kamailio-auth "$tools/run_auth.sh" 127.0.0.1:5061 kamailio-auth
  fi
}

servers=(voxhost kamailio)
[ "$which_servers" = both ] || servers=("$which_servers")
for s in "${servers[@]}"; do
  case $which_runs in
    plain) run_plain "$s" ;;
    auth) run_auth "$s" ;;
    all) run_plain "$s"; run_auth "$s" ;;
  esac
done
echo "results under $OUT_ROOT (results.tsv and mem.txt per label)"
