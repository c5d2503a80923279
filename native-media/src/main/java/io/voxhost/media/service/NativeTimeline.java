package io.voxhost.media.service;

import io.voxhost.media.api.LegStats;
import io.voxhost.media.api.LegTimeline;
import io.voxhost.media.api.TimelineSettings;
import java.nio.ByteBuffer;

/**
 * A timeline whose state lives in a direct buffer owned here (so the garbage collector frees it)
 * and which only the C code reads and writes. Heap buffers from the caller go through direct
 * scratch buffers.
 */
final class NativeTimeline implements LegTimeline {

  private final TimelineSettings settings;
  private final ByteBuffer state;
  private final long[] stats = new long[LegStats.FIELDS];
  private ByteBuffer payloadScratch;
  private ByteBuffer placementScratch;

  NativeTimeline(TimelineSettings settings) {
    this.settings = settings;
    long size = NativeMedia.timelineSize(settings.window(), settings.maxPayload());
    if (size < 0 || size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("timeline settings out of range: " + settings);
    }
    // The C struct holds 64-bit fields: give it an 8-byte aligned start.
    this.state = ByteBuffer.allocateDirect((int) size + 8).alignedSlice(8);
    NativeMedia.timelineInit(
        state,
        settings.window(),
        settings.maxPayload(),
        settings.maxJumpSamples(),
        settings.payloadType());
  }

  @Override
  public int add(
      long arrivalMicros,
      int sequence,
      long timestamp,
      long ssrc,
      int payloadType,
      ByteBuffer payload,
      ByteBuffer placements) {
    ByteBuffer direct = payload;
    int offset = payload.position();
    int length = payload.remaining();
    if (!payload.isDirect()) {
      direct = payloadScratch();
      direct.clear();
      if (length > settings.maxPayload()) {
        length = settings.maxPayload() + 1; // its bytes do not matter: the C side refuses it
      } else {
        direct.put(payload.duplicate()).flip();
      }
      offset = 0;
    }
    ByteBuffer bytes = direct;
    int from = offset;
    int count = length;
    return written(
        placements,
        out ->
            NativeMedia.timelineAdd(
                state,
                arrivalMicros,
                sequence,
                timestamp,
                ssrc,
                payloadType,
                bytes,
                from,
                count,
                out,
                out.position()));
  }

  @Override
  public int finish(ByteBuffer placements) {
    return written(placements, out -> NativeMedia.timelineFinish(state, out, out.position()));
  }

  private interface Call {
    long into(ByteBuffer out);
  }

  private int written(ByteBuffer placements, Call call) {
    if (placements.remaining() < settings.placementBound()) {
      throw new IllegalArgumentException("output buffer too small");
    }
    if (placements.isDirect()) {
      int n = (int) call.into(placements);
      placements.position(placements.position() + n);
      return n;
    }
    ByteBuffer scratch = placementScratch();
    scratch.clear();
    int n = (int) call.into(scratch);
    placements.put(scratch.limit(n));
    return n;
  }

  private ByteBuffer payloadScratch() {
    if (payloadScratch == null) {
      payloadScratch = ByteBuffer.allocateDirect(settings.maxPayload() + 1);
    }
    return payloadScratch;
  }

  private ByteBuffer placementScratch() {
    if (placementScratch == null) {
      placementScratch = ByteBuffer.allocateDirect(settings.placementBound());
    }
    return placementScratch;
  }

  @Override
  public LegStats stats() {
    NativeMedia.timelineStats(state, stats);
    return LegStats.of(stats);
  }

  @Override
  public void close() {
    // The state is a direct buffer: the collector frees it with this object.
  }
}
