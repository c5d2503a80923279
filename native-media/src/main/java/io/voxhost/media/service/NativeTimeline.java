package io.voxhost.media.service;

import io.voxhost.media.api.LegStats;
import io.voxhost.media.api.LegTimeline;
import io.voxhost.media.api.TimelineSettings;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * A timeline whose state lives in a direct buffer owned here (so the garbage collector frees it)
 * and which only the C code reads and writes. Heap buffers from the caller go through direct
 * scratch buffers.
 */
final class NativeTimeline implements LegTimeline {

  private final TimelineSettings settings;
  private final ByteBuffer state;
  private final long stateAddress;
  private final long stateSize;
  private final DirectAddresses addresses = new DirectAddresses();
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
    this.stateAddress = NativeMedia.address(state);
    this.stateSize = state.capacity();
    NativeMedia.timelineInit(
        stateAddress,
        stateSize,
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
    checkRoom(placements);
    ByteBuffer bytes = payload;
    int from = payload.position();
    int length = payload.remaining();
    if (!payload.isDirect()) {
      bytes = payloadScratch();
      bytes.clear();
      if (length > settings.maxPayload()) {
        length = settings.maxPayload() + 1; // its bytes do not matter: the C side refuses it
      } else {
        bytes.put(payload.duplicate()).flip();
      }
      from = 0;
    }
    // No lambda or other object per packet: this runs 50 times a second per leg.
    ByteBuffer out = placements.isDirect() ? placements : placementScratch().clear();
    int n;
    try {
      n =
          (int)
              NativeMedia.timelineAdd(
                  stateAddress,
                  stateSize,
                  arrivalMicros,
                  sequence,
                  timestamp,
                  ssrc,
                  payloadType,
                  length > 0 ? addresses.of(bytes, from) : 0,
                  length,
                  addresses.of(out, out.position()),
                  out.remaining());
    } finally {
      Reference.reachabilityFence(bytes);
      Reference.reachabilityFence(out);
      Reference.reachabilityFence(state);
    }
    return written(placements, out, n);
  }

  @Override
  public int finish(ByteBuffer placements) {
    checkRoom(placements);
    ByteBuffer out = placements.isDirect() ? placements : placementScratch().clear();
    int n;
    try {
      n =
          (int)
              NativeMedia.timelineFinish(
                  stateAddress, stateSize, addresses.of(out, out.position()), out.remaining());
    } finally {
      Reference.reachabilityFence(out);
      Reference.reachabilityFence(state);
    }
    return written(placements, out, n);
  }

  private void checkRoom(ByteBuffer placements) {
    if (placements.remaining() < settings.placementBound()) {
      throw new IllegalArgumentException("output buffer too small");
    }
  }

  /** Moves the caller's buffer past the n bytes written, copying them from scratch if need be. */
  private static int written(ByteBuffer placements, ByteBuffer out, int n) {
    if (out == placements) {
      placements.position(placements.position() + n);
    } else {
      placements.put(out.position(0).limit(n));
    }
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
    try {
      NativeMedia.timelineStats(stateAddress, stateSize, stats);
    } finally {
      Reference.reachabilityFence(state);
    }
    return LegStats.of(stats);
  }

  @Override
  public void close() {
    // The state is a direct buffer: the collector frees it with this object.
  }
}
