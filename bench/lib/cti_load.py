#!/usr/bin/env python3
"""Sends call events to POST /api/v1/cti/events as fast as the node commits them.

Builds REQUESTS bodies of BATCH events each (every id new: source bench, instance from the run),
then posts them from THREADS keep-alive connections, each waiting for its answer (which comes after
the commit) before its next request. Prints one line: events sent, accepted, duplicates, rejected,
refused requests (429/503, sent again after Retry-After), seconds, events/s.

Usage: cti_load.py BASE_URL API_KEY REQUESTS BATCH THREADS [INSTANCE]
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse


def bodies(requests, batch, instance):
    out = []
    t0 = 1733482000 * 1_000_000
    for r in range(requests):
        events = []
        for i in range(batch):
            n = r * batch + i
            call = n // 16  # a call is about sixteen events, as an answered Asterisk call
            events.append({
                "source": "bench", "instance": instance, "id": str(n), "seq": n,
                # The sixteenth event ends the call, so that calls end and count in the figures.
                "at": t0 + n,
                "type": "answer" if n % 16 == 3 else "call-end" if n % 16 == 15 else "bridge-enter",
                "call": f"{instance}.{call}", "channel": f"{instance}.{call}.{n % 2}",
                "number": "+14155550123", "data": {"n": n},
            })
        out.append(json.dumps(events).encode())
    return out


def main():
    base, key, requests, batch, threads = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])
    instance = sys.argv[6] if len(sys.argv) > 6 else f"run{int(time.time())}"
    url = urllib.parse.urlparse(base)
    work = bodies(requests, batch, instance)
    lock = threading.Lock()
    totals = {"accepted": 0, "duplicates": 0, "rejected": 0, "refused": 0}
    next_body = iter(range(len(work)))

    def worker():
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
        while True:
            with lock:
                i = next(next_body, None)
            if i is None:
                break
            while True:
                conn.request("POST", "/api/v1/cti/events", body=work[i], headers=headers)
                resp = conn.getresponse()
                answer = resp.read()
                if resp.status == 200:
                    a = json.loads(answer)
                    with lock:
                        totals["accepted"] += a["accepted"]
                        totals["duplicates"] += a["duplicates"]
                        totals["rejected"] += len(a["rejected"])
                    break
                if resp.status in (429, 503):
                    with lock:
                        totals["refused"] += 1
                    time.sleep(float(resp.getheader("Retry-After", "1")))
                    continue
                raise SystemExit(f"HTTP {resp.status}: {answer[:300]!r}")
        conn.close()

    start = time.monotonic()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    secs = time.monotonic() - start
    sent = requests * batch
    print(f"sent={sent} accepted={totals['accepted']} duplicates={totals['duplicates']} "
          f"rejected={totals['rejected']} refused={totals['refused']} seconds={secs:.2f} "
          f"events_per_s={sent / secs:.0f}")


if __name__ == "__main__":
    main()
