package io.voxhost.media.bench;

import io.voxhost.media.api.G711;
import io.voxhost.media.api.LegTimeline;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.api.Placements;
import io.voxhost.media.api.TimelineSettings;
import io.voxhost.media.service.Implementations;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One 20 ms packet of each of a call's two legs through its timeline, then the 160 frames they make
 * mixed to mono: the per-packet work of assembling a call. Run by bench/media.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketPairBenchmark {

  @Param({"native", "java"})
  public String implementation;

  private MediaLibrary library;
  private LegTimeline caller;
  private LegTimeline callee;
  private ByteBuffer payloadA;
  private ByteBuffer payloadB;
  private ByteBuffer placements;
  private ByteBuffer legs;
  private ByteBuffer mixed;
  private final int[] gains = {MediaLibrary.UNITY, MediaLibrary.UNITY};
  private int sequence;
  private long timestamp;
  private long arrival;

  @Setup
  public void setUp() {
    library =
        implementation.equals("native") ? Implementations.nativeOrSkip() : Implementations.java();
    TimelineSettings settings = TimelineSettings.of(G711.ULAW);
    caller = library.timeline(settings);
    callee = library.timeline(settings);
    payloadA = ByteBuffer.allocateDirect(160);
    payloadB = ByteBuffer.allocateDirect(160);
    for (int i = 0; i < 160; i++) {
      payloadA.put(i, (byte) (i * 7));
      payloadB.put(i, (byte) (i * 13));
    }
    placements = ByteBuffer.allocateDirect(settings.placementBound());
    legs = ByteBuffer.allocateDirect(2 * 160);
    mixed = ByteBuffer.allocateDirect(2 * 160);
  }

  @Benchmark
  public ByteBuffer packetPairThroughTimelineAndMix() {
    sequence = (sequence + 1) & 0xffff;
    timestamp = (timestamp + 160) & 0xffffffffL;
    arrival += 20_000;
    place(caller, payloadA, 0);
    place(callee, payloadB, 160);
    mixed.clear();
    library.mixMono(G711.ULAW, legs.clear(), 2, 160, 160, gains, mixed);
    return mixed;
  }

  private void place(LegTimeline leg, ByteBuffer payload, int slot) {
    placements.clear();
    int n = leg.add(arrival, sequence, timestamp, 0x1234, 0, payload.clear(), placements);
    // One packet in order releases one placement of its 160 bytes.
    legs.put(slot, placements, Placements.HEADER, Math.min(160, n - Placements.HEADER));
  }
}
