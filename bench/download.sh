#!/usr/bin/env bash
# Recording download: a 1-hour stereo G.711 WAV (57.6 MB) fetched with wrk from a recording node
# (through the API with a tenant key, and through a signed link) and from nginx (Debian's, the
# same file, sendfile on, tcp_nopush off), alternating, ROUNDS times; prints each row and the
# median ratios; then the time one 1-hour MP3 takes (stereo, and the mono mix).
#
#   ./mvnw -q package -DskipTests && bench/download.sh [ROUNDS] [SECONDS]
#
# Needs wrk and nginx (apt-get install wrk nginx-light). wrk, the node and nginx share the
# machine's cores, so compare the ratios of one run, not absolute figures across days.
set -euo pipefail
rounds=${1:-3}
seconds=${2:-15}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/voxhost-dlbench.XXXXXX")
chmod 755 "$work"
http=18095
nginx_port=18096
command -v wrk >/dev/null && command -v nginx >/dev/null ||
  { echo "needs wrk and nginx: apt-get install wrk nginx-light" >&2; exit 2; }
java ${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC} -Dquarkus.http.port=$http \
  -Dquarkus.http.host=127.0.0.1 -Dvoxhost.roles=recording -Dvoxhost.data-dir="$work/data" \
  -Dquarkus.http.limits.max-body-size=100M -Dquarkus.log.level=WARN \
  -jar "$root/server/target/quarkus-app/quarkus-run.jar" > "$work/node.log" 2>&1 &
node=$!
nginx_pid=
cleanup() {
  kill $node 2>/dev/null || true
  wait $node 2>/dev/null || true
  [ -z "$nginx_pid" ] || kill "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$http/q/health/ready" >/dev/null && break; sleep 1; done
admin=$(cat "$work/data/admin.key")
curl -sf -X POST "http://127.0.0.1:$http/api/v1/admin/tenants" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' \
  -d '{"slug":"bench","name":"Bench","sipDomain":"bench.example.net"}' >/dev/null
key=$(curl -sf -X POST "http://127.0.0.1:$http/api/v1/admin/tenants/bench/keys" \
  -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"label":"bench"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')

# One hour of each leg as raw u-law (any bytes are valid u-law), uploaded as one recording.
head -c 28800000 /dev/urandom > "$work/caller.ulaw"
head -c 28800000 /dev/urandom > "$work/callee.ulaw"
meta='{"callId":"download-bench","codec":"PCMU","segments":[
  {"leg":"caller","offsetMs":0,"format":"pcmu"},{"leg":"callee","offsetMs":0,"format":"pcmu"}]}'
id=$(curl -sf -X POST "http://127.0.0.1:$http/api/v1/recordings" -H "Authorization: Bearer $key" \
  -F "metadata=$meta;type=application/json" -F "segment0=@$work/caller.ulaw" \
  -F "segment1=@$work/callee.ulaw" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
rm "$work/caller.ulaw" "$work/callee.ulaw"
api="http://127.0.0.1:$http/api/v1/recordings/$id.wav"
link=$(curl -sf -X POST "http://127.0.0.1:$http/api/v1/recordings/$id/links" \
  -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d '{"minutes":120}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
case $link in http*) ;; *) link="http://127.0.0.1:$http$link" ;; esac

# nginx serves the very bytes the node stored.
mkdir -p "$work/nginx/www" "$work/nginx/tmp" "$work/nginx/logs"
curl -sf -o "$work/nginx/www/call.wav" "$api" -H "Authorization: Bearer $key"
chmod -R a+rX "$work/nginx"
cat > "$work/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  types { audio/wav wav; }
  access_log $work/nginx/logs/access.log;
  sendfile on;
  # tcp_nopush (TCP_CORK) costs nginx 40 ms per 64 KiB range here (delayed ACKs on loopback):
  # 384 against 21,700 ranges/s. Off, nginx is at its best on both cases.
  tcp_nopush off;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/www;
  }
}
EOF
nginx -p "$work/nginx" -e "$work/nginx/logs/error.log" -c "$work/nginx/nginx.conf" \
  > /dev/null 2>&1 &
nginx_pid=$!
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/call.wav" && break; sleep 0.1; done
size=$(stat -c %s "$work/nginx/www/call.wav")
for url in "$api" "$link" "http://127.0.0.1:$nginx_port/call.wav"; do
  got=$(curl -sf -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $key" "$url")
  [ "$got" = "$size" ] || { echo "$url gave $got bytes, not $size" >&2; exit 1; }
done
echo "file=$size bytes id=$id"

# One wrk run: prints "requests/s MB/s p99".
measure() { # connections url [range]
  local extra=()
  [ -n "${3:-}" ] && extra=(-H "Range: $3")
  wrk -t"$(( $1 < 2 ? $1 : 2 ))" -c"$1" -d"${seconds}s" --latency -H "Authorization: Bearer $key" "${extra[@]}" "$2" |
    python3 -c '
import re, sys
t = sys.stdin.read()
unit = {"B": 1e-6, "KB": 1e-3, "MB": 1, "GB": 1e3}
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
v, u = re.search(r"Transfer/sec:\s+([\d.]+)(\w+)", t).groups()
p99 = re.search(r"^\s+99%\s+(\S+)", t, re.M).group(1)
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
print(f"{rps:.1f} {float(v) * unit[u]:.1f} {p99} {errors.group(1) if errors else 0}")'
}
cases=("full 1" "full 16" "range 16")
for round in $(seq "$rounds"); do
  for c in "${cases[@]}"; do
    set -- $c
    range=
    [ "$1" = range ] && range="bytes=1000000-1065535"
    for target in voxhost link nginx; do
      case $target in
        voxhost) url=$api ;;
        link) url=$link ;;
        nginx) url="http://127.0.0.1:$nginx_port/call.wav" ;;
      esac
      read -r rps mbs p99 bad < <(measure "$2" "$url" "$range")
      echo "round=$round case=$1 connections=$2 target=$target requests_per_s=$rps MB_per_s=$mbs p99=$p99 non2xx=$bad"
    done
  done
done | tee "$work/rows"
# One 1-hour MP3 each way (encoded while sent, so the time is the encoding's).
for mix in channels mono; do
  curl -sf -o /dev/null -H "Authorization: Bearer $key" "$api?mix=$mix" # the mono mix, made once
  curl -sf -o "$work/call.mp3" -w "mp3 mix=$mix seconds=%{time_total} bytes=%{size_download}\n" \
    -H "Authorization: Bearer $key" "${api%.wav}.mp3?mix=$mix"
done | tee -a "$work/mp3"
python3 - "$work/rows" <<'PY'
import statistics, sys
# Throughput drifts between rounds on shared cores; each round's targets run back to back, so the
# ratio is taken within a round, and its median (and worst) over the rounds reported.
rows = [dict(kv.split("=", 1) for kv in line.split())
        for line in open(sys.argv[1]) if line.startswith("round=")]
for case in sorted({(r["case"], r["connections"]) for r in rows}):
    field = "MB_per_s" if case[0] == "full" else "requests_per_s"
    def value(rnd, target):
        return next(float(r[field]) for r in rows if (r["case"], r["connections"]) == case
                    and r["round"] == rnd and r["target"] == target)
    rounds = sorted({r["round"] for r in rows})
    ratio = [value(n, "voxhost") / value(n, "nginx") for n in rounds]
    link = [value(n, "link") / value(n, "nginx") for n in rounds]
    med = {t: statistics.median(value(n, t) for n in rounds) for t in ("voxhost", "link", "nginx")}
    print(f"median case={case[0]} connections={case[1]} {field}: voxhost={med['voxhost']}"
          f" link={med['link']} nginx={med['nginx']} ratio={statistics.median(ratio):.2f}"
          f" (worst round {min(ratio):.2f}) link_ratio={statistics.median(link):.2f}"
          f" (worst {min(link):.2f})")
PY
