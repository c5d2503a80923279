#!/usr/bin/env bash
# Recording capacity: N calls (two legs, 20 ms packets: 100 packets/s per call) forked to one
# recording node at once, for SECONDS; counts what the node received against what was sent, and
# the node's CPU per call.
#
#   ./mvnw -q package -DskipTests && bench/recording.sh [SECONDS] [CALLS...]
#
# The load generator is bench/rtpload.c (sendmmsg, paced per 20 ms tick) on the same machine.
# The node runs with the recording role only, on its own embedded PostgreSQL.
set -euo pipefail
seconds=${1:-20}
shift || true
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(250 500 1000)
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/voxhost-recbench.XXXXXX")
http=18093
gcc -O2 -Wall -o "$work/rtpload" "$root/bench/rtpload.c"
java ${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC} -Dquarkus.http.port=$http \
  -Dquarkus.http.host=127.0.0.1 -Dvoxhost.roles=recording -Dvoxhost.data-dir="$work/data" \
  -Dvoxhost.recording.listen=127.0.0.1:40000-49999 \
  -Dvoxhost.recording.idle-timeout=120s \
  -Dquarkus.log.level=WARN -jar "$root/server/target/quarkus-app/quarkus-run.jar" \
  > "$work/node.log" 2>&1 &
node=$!
trap 'kill $node 2>/dev/null; wait $node 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$http/q/health/ready" >/dev/null && break; sleep 1; done
admin=$(cat "$work/data/admin.key")
curl -sf -X POST "http://127.0.0.1:$http/api/v1/admin/tenants" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' \
  -d '{"slug":"bench","name":"Bench","sipDomain":"bench.example.net"}' >/dev/null
key=$(curl -sf -X POST "http://127.0.0.1:$http/api/v1/admin/tenants/bench/keys" \
  -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"label":"bench"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
ticks() { awk '{print $14 + $15}' "/proc/$node/stat"; }
for calls in "${steps[@]}"; do
  python3 - "$http" "$key" "$calls" "$work" <<'PY'
import json, sys, urllib.request
http, key, calls, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
ids, ports = [], []
for i in range(calls):
    body = json.dumps({"callId": f"bench-{i}", "codec": "PCMU",
                       "legs": [{"label": "caller"}, {"label": "callee"}]}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{http}/api/v1/recordings/sessions", body,
        {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    s = json.load(urllib.request.urlopen(req))
    ids.append(s["id"])
    ports += [leg["port"] for leg in s["legs"]]
open(f"{work}/ids", "w").write("\n".join(ids))
open(f"{work}/ports", "w").write("\n".join(map(str, ports)))
PY
  t0=$(ticks)
  sent=$("$work/rtpload" 127.0.0.1 "$seconds" < "$work/ports")
  t1=$(ticks)
  sleep 2 # past the once-a-second spool write
  python3 - "$http" "$key" "$work" "$calls" "$seconds" "$sent" "$(( (t1 - t0) * 10 ))" <<'PY'
import json, sys, time, urllib.request
http, key, work, calls, seconds, sent, cpu_ms = sys.argv[1:8]
calls, seconds, cpu_ms = int(calls), float(seconds), int(cpu_ms)
sent_n = int(sent.split("sent=")[1].split()[0])
late = sent.split("late_ticks=")[1].strip()
took = float(sent.split("seconds=")[1].split()[0])  # what sending really took
h = {"Authorization": "Bearer " + key}
ids = open(f"{work}/ids").read().split()
received = 0
for i in ids:
    s = json.load(urllib.request.urlopen(urllib.request.Request(
        f"http://127.0.0.1:{http}/api/v1/recordings/sessions/{i}", headers=h)))
    received += sum(leg["packets"] for leg in s["legs"])
t0 = time.time()
for i in ids:
    urllib.request.urlopen(urllib.request.Request(
        f"http://127.0.0.1:{http}/api/v1/recordings/sessions/{i}/stop", b"", h))
pending = set(ids)
while pending and time.time() - t0 < 600:
    for i in list(pending):
        r = json.load(urllib.request.urlopen(urllib.request.Request(
            f"http://127.0.0.1:{http}/api/v1/recordings/{i}", headers=h)))
        if r["status"] in ("completed", "failed", "absent"):
            pending.discard(i)
    time.sleep(0.05)
done = time.time() - t0
lost = sent_n - received
cores = cpu_ms / 1000 / took
print(f"calls={calls} seconds={seconds:.0f} sending_took={took:.1f}s"
      f" rate={sent_n / took:.0f}pps sent={sent_n} received={received} lost={lost}"
      f" ({100.0 * lost / max(sent_n, 1):.3f}%) generator_late_ticks={late}"
      f" node_cpu={cores:.2f} cores cpu_per_call={1000 * cores / calls:.2f} ms/s"
      f" all_completed_in={done:.1f}s")
PY
done
