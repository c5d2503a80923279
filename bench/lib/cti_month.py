#!/usr/bin/env python3
"""Sends a month of queue calls to POST /api/v1/cti/events: CALLS_A_DAY calls a day for DAYS days,
three events a call (queue-enter, then queue-connect by one of 50 agents or queue-abandon, then
call-end), over 10 queues. Prints how many events were accepted and how long it took.

Usage: cti_month.py BASE KEY CALLS_A_DAY DAYS THREADS
"""
import http.client
import json
import queue
import sys
import threading
import time
import urllib.parse

START = 1733011200  # 2024-12-01T00:00:00Z
BATCH = 3000  # events a request: 1,000 calls


def calls(calls_a_day, days):
    gap = 86400.0 / calls_a_day
    n = 0
    for day in range(days):
        for i in range(calls_a_day):
            at = START + day * 86400 + i * gap
            yield n, at
            n += 1


def events_of(n, at):
    q = f"queue-{n % 10}"
    key = f"m.{n}"
    micros = int(at * 1_000_000)
    wait = (n * 7919) % 60  # 0-59 s
    out = [{"source": "month", "instance": "pbx", "id": f"{n}e", "at": micros,
            "type": "queue-enter", "call": key, "channel": key, "queue": q,
            "number": "+14155550123"}]
    if n % 7 == 0:
        out.append({"source": "month", "instance": "pbx", "id": f"{n}a",
                    "at": micros + wait * 1_000_000, "type": "queue-abandon", "call": key,
                    "channel": key, "queue": q})
        end = micros + wait * 1_000_000 + 1
    else:
        out.append({"source": "month", "instance": "pbx", "id": f"{n}c",
                    "at": micros + wait * 1_000_000, "type": "queue-connect", "call": key,
                    "channel": key, "queue": q, "agent": f"agent-{n % 50}"})
        end = micros + (wait + 60 + n % 240) * 1_000_000
    out.append({"source": "month", "instance": "pbx", "id": f"{n}x", "at": end,
                "type": "call-end", "call": key, "channel": key})
    return out


def main():
    base, key, calls_a_day, days, threads = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])
    url = urllib.parse.urlparse(base)
    work = queue.Queue(maxsize=threads * 4)
    accepted = [0]
    failed = [0]
    lock = threading.Lock()

    def sender():
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
        while True:
            body = work.get()
            if body is None:
                return
            while True:
                conn.request("POST", "/api/v1/cti/events", body, headers)
                r = conn.getresponse()
                answer = r.read()
                if r.status in (429, 503):
                    time.sleep(0.2)
                    continue
                with lock:
                    if r.status == 200:
                        accepted[0] += json.loads(answer)["accepted"]
                    else:
                        failed[0] += 1
                break

    workers = [threading.Thread(target=sender) for _ in range(threads)]
    for w in workers:
        w.start()
    t0 = time.time()
    batch = []
    for n, at in calls(calls_a_day, days):
        batch.extend(events_of(n, at))
        if len(batch) >= BATCH:
            work.put(json.dumps(batch).encode())
            batch = []
    if batch:
        work.put(json.dumps(batch).encode())
    for _ in workers:
        work.put(None)
    for w in workers:
        w.join()
    print(f"accepted={accepted[0]} failed={failed[0]} seconds={time.time() - t0:.1f}")


if __name__ == "__main__":
    main()
