#!/usr/bin/env python3
"""A stand-in caller-name provider for bench/cnam.sh (issue 16): slow, failing or fine on demand.

    bench/cnam-provider.py [--port 0] [--delay-ms 0] [--status 200] [--name "Bench Name"]

Answers every GET (and POST) on any path, after --delay-ms, with --status and the JSON
{"name": "Bench Name", "number": "<last path segment, percent-decoded>"}, shaped like an
OpenCNAM v3 answer (read with the JSON pointer /name). HTTP/1.1 keep-alive, so a client's
connection pool is used as it would be against a real provider. One thread per connection: many
slow requests wait at once, none queues behind another. --port 0 takes a free port.

The first line on stdout is the port it listens on (then nothing more): a script reads it with
`read -r port <fifo>` or `head -1`. On SIGTERM or SIGINT it prints "requests: N" on stderr (the
requests it received, answered or not: a client that timed out hangs up before the answer) and
exits 0; it exits by itself after --max-seconds (default 3600).
Loopback only (--host must be a loopback address): this is for load on one machine.
"""

import argparse
import ipaddress
import json
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ProviderServer(ThreadingHTTPServer):
    daemon_threads = True
    # The listen backlog: the default of 5 drops connections when a pool opens many at once.
    request_queue_size = 1024

    def __init__(self, address, settings):
        super().__init__(address, ProviderHandler)
        self.settings = settings
        self.received = 0
        self.lock = threading.Lock()

    def handle_error(self, request, client_address):
        # A client that hangs up (a timed-out dip, wrk stopping) is normal here, not an error.
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)

    def count(self):
        with self.lock:
            self.received += 1


class ProviderHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # An idle keep-alive connection gives its thread back after a minute.
    timeout = 60

    def do_GET(self):
        self.answer()

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > 0:
            self.rfile.read(min(length, 1 << 20))
        self.answer()

    def answer(self):
        settings = self.server.settings
        self.server.count()
        if settings.delay_ms > 0:
            time.sleep(settings.delay_ms / 1000)
        path = urllib.parse.urlsplit(self.path).path
        number = urllib.parse.unquote(path.rstrip("/").rsplit("/", 1)[-1])
        body = json.dumps({"name": settings.name, "number": number}).encode()
        self.send_response(settings.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass  # thousands of lines a second otherwise


def loopback(text):
    if not ipaddress.ip_address(text).is_loopback:
        raise argparse.ArgumentTypeError(f"{text} is not a loopback address")
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", type=loopback, default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 takes a free port")
    parser.add_argument("--delay-ms", type=int, default=0, help="wait before answering")
    parser.add_argument("--status", type=int, default=200, help="HTTP status of every answer")
    parser.add_argument("--name", default="Bench Name", help="the name in every answer")
    parser.add_argument("--max-seconds", type=int, default=3600, help="stop by itself after")
    settings = parser.parse_args()
    if settings.delay_ms < 0 or not 100 <= settings.status <= 599:
        parser.error("--delay-ms must be >= 0 and --status a status code (100-599)")

    server = ProviderServer((settings.host, settings.port), settings)
    print(server.server_address[1], flush=True)

    def stop(*_):
        # shutdown() waits for serve_forever() to return: never call it on that thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    timer = threading.Timer(settings.max_seconds, stop)
    timer.daemon = True
    timer.start()
    server.serve_forever(poll_interval=0.2)
    server.server_close()
    print(f"requests: {server.received}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
