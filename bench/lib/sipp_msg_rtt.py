#!/usr/bin/env python3
"""Round-trip times from a SIPp message trace (-trace_msg -message_file F), in microseconds.

SIPp's own -trace_rtt reads a coarse clock (0 or multiples of a few ms on Linux), too coarse for a
goal of 2 ms; the message trace stamps every message sent or received with gettimeofday's
microseconds. For each Call-ID: from the first request sent (the INVITE) to the first final
response received (status >= 200). Prints one line: count, p50, p90, p99, p99.9 and max in ms, and
how many calls had no final response in the trace.

Usage: sipp_msg_rtt.py MESSAGE_FILE [--skip-seconds N]   (N: leave out calls begun in the first N s)
"""
import re
import sys
from datetime import datetime

STAMP = re.compile(r'^-{20,} (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6})$')


def read(path):
    sent, answered = {}, {}
    stamp = direction = None
    first = None
    call_id = None

    def flush():
        if stamp is None or first is None or call_id is None:
            return
        if direction == 'sent' and not first.startswith('SIP/2.0') and call_id not in sent:
            sent[call_id] = stamp
        elif direction == 'received' and first.startswith('SIP/2.0 '):
            try:
                status = int(first.split()[1])
            except (IndexError, ValueError):
                return
            if status >= 200 and call_id not in answered:
                answered[call_id] = stamp

    with open(path, errors='replace') as f:
        for line in f:
            line = line.rstrip('\r\n')
            m = STAMP.match(line)
            if m:
                flush()
                stamp = datetime.strptime(m.group(1), '%Y-%m-%d %H:%M:%S.%f').timestamp()
                direction = first = call_id = None
                continue
            if direction is None and stamp is not None:
                if ' message sent' in line:
                    direction = 'sent'
                elif ' message received' in line:
                    direction = 'received'
                continue
            if first is None and line.strip():
                first = line.strip()
                continue
            if call_id is None and line.lower().startswith(('call-id:', 'i:')):
                call_id = line.split(':', 1)[1].strip()
        flush()
    return sent, answered


def pct(values, p):
    if not values:
        return float('nan')
    return values[min(len(values) - 1, int(p * len(values)))]


def main():
    path = sys.argv[1]
    skip = 0.0
    if '--skip-seconds' in sys.argv:
        skip = float(sys.argv[sys.argv.index('--skip-seconds') + 1])
    sent, answered = read(path)
    start = min(sent.values()) if sent else 0
    rtts = sorted(answered[c] - t for c, t in sent.items() if c in answered and t - start >= skip)
    unanswered = sum(1 for c, t in sent.items() if c not in answered and t - start >= skip)
    ms = [r * 1000 for r in rtts]
    print(f'calls={len(ms)} p50_ms={pct(ms, .5):.3f} p90_ms={pct(ms, .9):.3f} '
          f'p99_ms={pct(ms, .99):.3f} p999_ms={pct(ms, .999):.3f} '
          f'max_ms={(ms[-1] if ms else float("nan")):.3f} unanswered={unanswered}')


if __name__ == '__main__':
    main()
