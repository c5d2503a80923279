#!/usr/bin/env python3
"""Streams call events over the cti role's TCP line protocol as fast as the node commits them.

The same events as cti_load.py (REQUESTS x BATCH, ids new per INSTANCE, a call every sixteen),
one JSON event a line, split evenly over CONNECTIONS streams. Each stream signs in, sends its lines
while a reader thread collects the acknowledgements, and is done when the last line is
acknowledged (which the node says only after the commit). Prints one line: events sent, lines
acknowledged, lines answered -ERR, seconds, events/s.

Usage: cti_stream.py HOST PORT API_KEY REQUESTS BATCH CONNECTIONS INSTANCE
"""
import json
import socket
import sys
import threading
import time

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from cti_load import bodies  # noqa: E402  the same events as over HTTP


def main():
    host, port, key = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    requests, batch, connections = map(int, sys.argv[4:7])
    instance = sys.argv[7]
    lines = []
    for body in bodies(requests, batch, instance):
        lines.extend(json.dumps(e, separators=(",", ":")) for e in json.loads(body))
    share = (len(lines) + connections - 1) // connections
    parts = [("\n".join(lines[i:i + share]) + "\n").encode() for i in range(0, len(lines), share)]
    counts = [len(lines[i:i + share]) for i in range(0, len(lines), share)]
    errors = [0] * len(parts)
    acked = [0] * len(parts)

    def stream(n):
        s = socket.create_connection((host, port), timeout=120)
        reader = s.makefile("r", encoding="utf-8", newline="\n")
        assert reader.readline().startswith("+VOXHOST")
        s.sendall(f"AUTH {key}\r\nSTREAM json {instance}\r\n".encode())
        for _ in range(2):
            answer = reader.readline()
            if not answer.startswith("+OK"):
                raise SystemExit(f"stream {n}: {answer.strip()}")

        def read():
            for answer in reader:
                if answer.startswith("+ACK "):
                    acked[n] = int(answer[5:])
                    if acked[n] == counts[n]:
                        return
                elif answer.startswith("-ERR"):
                    errors[n] += 1
                    if not answer[5:6].isdigit():
                        raise SystemExit(f"stream {n}: {answer.strip()}")

        t = threading.Thread(target=read)
        t.start()
        s.sendall(parts[n])  # blocks while the node is not reading: its back-pressure
        t.join()
        s.sendall(b"QUIT\r\n")
        s.close()

    start = time.monotonic()
    pool = [threading.Thread(target=stream, args=(n,)) for n in range(len(parts))]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    secs = time.monotonic() - start
    print(f"sent={len(lines)} acknowledged={sum(acked)} errors={sum(errors)} seconds={secs:.2f} "
          f"events_per_s={len(lines) / secs:.0f}")


if __name__ == "__main__":
    main()
