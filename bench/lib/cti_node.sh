# A cti node for the call-event benchmarks (bench/cti.sh, bench/cti-month.sh), sourced by them:
# start_cti_node starts one node with roles=$node_roles (cti) on its embedded PostgreSQL in a temporary directory
# (stopped and removed on exit) and sets $base and $stream_port (the TCP event stream's, on
# loopback); new_tenant_key SLUG creates a tenant and prints
# its API key. Needs $app (the packaged node) and the java_opts array.

node_pid=
work=

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

start_cti_node() {
  [ -f "$app/quarkus-run.jar" ] || { echo "no $app/quarkus-run.jar: package first" >&2; exit 1; }
  command -v python3 >/dev/null || { echo "python3 is missing" >&2; exit 1; }
  work=$(mktemp -d "${TMPDIR:-/tmp}/voxhost-ctibench.XXXXXX")
  local http
  http=$(free_port)
  stream_port=$(free_port)
  base=http://127.0.0.1:$http
  (cd "$work" && exec java "${java_opts[@]}" -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.http.port="$http" -Dvoxhost.data-dir="$work/data" -Dvoxhost.roles="${node_roles:-cti}" \
    -Dvoxhost.cti.stream-listen=127.0.0.1:"$stream_port" \
    -jar "$app/quarkus-run.jar" >"$work/node.log" 2>&1) &
  node_pid=$!
  for _ in $(seq 1 240); do
    curl -sf -o /dev/null "$base/q/health/ready" && return
    kill -0 "$node_pid" 2>/dev/null || { tail -50 "$work/node.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "the node did not become ready" >&2
  exit 1
}

new_tenant_key() {
  local admin
  admin=$(cat "$work/data/admin.key")
  curl -sf -X POST "$base/api/v1/admin/tenants" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' \
    -d "{\"slug\":\"$1\",\"name\":\"$1 Ltd\",\"sipDomain\":\"$1.example.net\"}" >/dev/null
  curl -sf -X POST "$base/api/v1/admin/tenants/$1/keys" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' -d '{"label":"bench"}' |
    sed -E 's/.*"key":"([^"]+)".*/\1/'
}
