package io.voxhost.media.service;

import io.voxhost.media.api.LegStats;
import io.voxhost.media.api.LegTimeline;
import io.voxhost.media.api.Placements;
import io.voxhost.media.api.TimelineSettings;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The Java twin of the native timeline ({@code vm_timeline_*} in media.c): the same decisions in
 * the same order, so the same placements and statistics. Sequence numbers are extended to 64 bits
 * (65536 more per wrap, starting at 65536 so that a step back stays positive).
 */
final class JavaTimeline implements LegTimeline {

  private static final int SEEN = 1024;
  private static final int MAX_DROPOUT = 3000;
  private static final int MAX_MISORDER = 100;

  private static final int PACKETS = 0;
  private static final int LOST = 1;
  private static final int DUPLICATED = 2;
  private static final int LATE = 3;
  private static final int REORDERED = 4;
  private static final int SEGMENTS = 5;
  private static final int IGNORED = 6;
  private static final int INVALID = 7;
  private static final int OVERLAPPED = 8;
  private static final int FIRST_ARRIVAL = 9;
  private static final int SAMPLES = 10;

  private final TimelineSettings settings;
  private final int window;
  private final long[] slotSeq;
  private final long[] slotArrival;
  private final long[] slotTimestamp;
  private final int[] slotLength;
  private final int[] slotPayloadType;
  private final byte[] payloads;
  private final long[] seen = new long[SEEN];
  private final long[] stats = new long[LegStats.FIELDS];

  private boolean started;
  private boolean badSeqValid;
  private int badSeq;
  private long ssrc;
  private long firstArrival;
  private long highest;
  private long next;
  private long segPos;
  private long segTs;
  private long writePos;

  private ByteBuffer out;

  JavaTimeline(TimelineSettings settings) {
    this.settings = settings;
    this.window = settings.window();
    this.slotSeq = new long[window];
    this.slotArrival = new long[window];
    this.slotTimestamp = new long[window];
    this.slotLength = new int[window];
    this.slotPayloadType = new int[window];
    this.payloads = new byte[window * settings.maxPayload()];
    Arrays.fill(slotSeq, -1);
    Arrays.fill(seen, -1);
    stats[FIRST_ARRIVAL] = -1;
  }

  @Override
  public int add(
      long arrivalMicros,
      int sequence,
      long timestamp,
      long packetSsrc,
      int payloadType,
      ByteBuffer payload,
      ByteBuffer placements) {
    if (arrivalMicros < 0
        || sequence < 0
        || sequence > 0xffff
        || timestamp < 0
        || timestamp > 0xffffffffL
        || packetSsrc < 0
        || packetSsrc > 0xffffffffL
        || payloadType < 0
        || payloadType > 127) {
      throw new IllegalArgumentException("argument out of range");
    }
    if (placements.remaining() < settings.placementBound()) {
      throw new IllegalArgumentException("output buffer too small");
    }
    int length = payload.remaining();
    if (length > settings.maxPayload()) {
      stats[INVALID]++;
      return 0;
    }
    int start = placements.position();
    out = placements;
    try {
      if (!started) {
        started = true;
        ssrc = packetSsrc;
        firstArrival = arrivalMicros;
        stats[FIRST_ARRIVAL] = arrivalMicros;
        highest = 65536 + sequence;
        next = highest;
        segPos = 0;
        segTs = timestamp;
        stats[SEGMENTS] = 1;
      } else if (packetSsrc != ssrc) {
        flushAll();
        restartSequence(sequence);
        ssrc = packetSsrc;
        newSegment(arrivalMicros, timestamp);
      }
      stats[PACKETS]++;
      int delta = (sequence - (int) (highest & 0xffff)) & 0xffff;
      if (delta >= 32768) {
        delta -= 65536;
      }
      if (delta > MAX_DROPOUT || delta < -MAX_MISORDER) {
        if (badSeqValid && badSeq == sequence) {
          flushAll();
          restartSequence(sequence);
          delta = 0;
        } else {
          badSeq = (sequence + 1) & 0xffff;
          badSeqValid = true;
          stats[LATE]++;
          return placements.position() - start;
        }
      }
      badSeqValid = false;
      long seq = highest + delta;
      if (seq < next) {
        stats[seen[seenIndex(seq)] == seq ? DUPLICATED : LATE]++;
        return placements.position() - start;
      }
      if (seq >= next + window) {
        advance(seq - window + 1);
      }
      int i = indexOf(seq);
      if (slotSeq[i] == seq) {
        stats[DUPLICATED]++;
        return placements.position() - start;
      }
      if (seq < highest) {
        stats[REORDERED]++;
      } else {
        highest = seq;
      }
      slotSeq[i] = seq;
      slotArrival[i] = arrivalMicros;
      slotTimestamp[i] = timestamp;
      slotLength[i] = length;
      slotPayloadType[i] = payloadType;
      payload.duplicate().get(payloads, i * settings.maxPayload(), length);
      seen[seenIndex(seq)] = seq;
      drain();
      return placements.position() - start;
    } finally {
      out = null;
    }
  }

  @Override
  public int finish(ByteBuffer placements) {
    if (placements.remaining() < settings.placementBound()) {
      throw new IllegalArgumentException("output buffer too small");
    }
    int start = placements.position();
    out = placements;
    try {
      if (started) {
        flushAll();
      }
      return placements.position() - start;
    } finally {
      out = null;
    }
  }

  @Override
  public LegStats stats() {
    return LegStats.of(stats);
  }

  @Override
  public void close() {
    // Nothing outside the heap.
  }

  private int indexOf(long seq) {
    return (int) Math.floorMod(seq, (long) window);
  }

  private static int seenIndex(long seq) {
    return (int) Math.floorMod(seq, (long) SEEN);
  }

  private long arrivalPosition(long arrival) {
    return arrival <= firstArrival ? 0 : (arrival - firstArrival) / 125;
  }

  private void newSegment(long arrival, long timestamp) {
    segPos = Math.max(arrivalPosition(arrival), writePos);
    segTs = timestamp;
    stats[SEGMENTS]++;
  }

  private void place(int index) {
    if (slotPayloadType[index] != settings.payloadType()) {
      stats[IGNORED]++;
      return;
    }
    long relative = (int) (slotTimestamp[index] - segTs);
    long pos = segPos + relative;
    long reference = Math.max(segPos, writePos);
    if (pos - reference > settings.maxJumpSamples()
        || reference - pos > settings.maxJumpSamples()) {
      newSegment(slotArrival[index], slotTimestamp[index]);
      pos = segPos;
    }
    int offset = 0;
    long length = slotLength[index];
    if (pos < writePos) {
      long trim = writePos - pos;
      if (trim >= length) {
        stats[OVERLAPPED]++;
        return;
      }
      offset = (int) trim;
      pos = writePos;
      length -= trim;
    }
    if (length == 0) {
      return;
    }
    int at = out.position();
    ByteBuffer o = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    o.putLong(at, pos);
    o.putInt(at + 8, (int) length);
    o.position(at + Placements.HEADER);
    o.put(payloads, index * settings.maxPayload() + offset, (int) length);
    out.position(o.position());
    writePos = pos + length;
    stats[SAMPLES] = writePos;
  }

  private void drain() {
    while (true) {
      int i = indexOf(next);
      if (slotSeq[i] != next) {
        return;
      }
      place(i);
      slotSeq[i] = -1;
      next++;
    }
  }

  private void advance(long target) {
    while (next < target) {
      int i = indexOf(next);
      if (slotSeq[i] == next) {
        place(i);
        slotSeq[i] = -1;
      } else {
        stats[LOST]++;
      }
      next++;
    }
    if (highest < next - 1) {
      highest = next - 1;
    }
    drain();
  }

  private void flushAll() {
    advance(highest + 1);
  }

  private void restartSequence(int sequence) {
    long base = next - (next & 0xffff) + 65536;
    highest = base + sequence;
    next = highest;
    badSeqValid = false;
  }
}
