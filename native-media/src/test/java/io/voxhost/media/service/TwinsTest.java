package io.voxhost.media.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.media.api.G711;
import io.voxhost.media.api.LegTimeline;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.api.TimelineSettings;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The native library and the Java twin give the same bytes for the same calls. */
class TwinsTest {

  /**
   * What happens to one packet of a stream that otherwise goes 20 ms, 160 samples, one sequence
   * number at a time: kind 0-69 in order, 70-79 reordered by {@code shift}, 80-84 sent twice, 85-89
   * lost, 90-92 a new SSRC, 93-95 a timestamp jump, 96-97 another payload type, 98 a wild sequence
   * number, 99 an over-long payload.
   */
  record Step(int kind, int shift, int length, int jitterMicros, boolean heapPayload) {}

  @Provide
  Arbitrary<List<Step>> streams() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(-40, 40),
                Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(3, Arbitraries.just(160)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 400))),
                Arbitraries.integers().between(0, 60_000),
                Arbitraries.of(false, true))
            .as(Step::new);
    return step.list().ofMaxSize(600);
  }

  @Property(tries = 200)
  void timelinesPlaceTheSameBytesAndCountTheSame(
      @ForAll("streams") List<Step> steps,
      @ForAll @IntRange(min = 1, max = 80) int window,
      @ForAll @IntRange(min = 1, max = 400) int maxPayload,
      @ForAll @IntRange(min = 1, max = 100_000) int maxJump,
      @ForAll @IntRange(min = 0, max = 65535) int firstSequence,
      @ForAll long firstTimestampBits) {
    MediaLibrary nativeLibrary = Implementations.nativeOrSkip();
    TimelineSettings settings = new TimelineSettings(0, window, maxPayload, maxJump);
    try (LegTimeline c = nativeLibrary.timeline(settings);
        LegTimeline j = Implementations.java().timeline(settings)) {
      ByteBuffer outC = ByteBuffer.allocateDirect(2 * settings.placementBound());
      ByteBuffer outJ = ByteBuffer.allocateDirect(2 * settings.placementBound());
      int seq = firstSequence;
      long ts = firstTimestampBits & 0xffffffffL;
      long ssrc = 0x1234;
      long arrival = 1_000_000;
      byte[] audio = new byte[500];
      Arrays.fill(audio, (byte) 0x55);
      for (int n = 0; n < steps.size(); n++) {
        Step s = steps.get(n);
        audio[n % audio.length] = (byte) n;
        arrival += 20_000 + s.jitterMicros() - 30_000 / 2;
        arrival = Math.max(arrival, 0);
        int sequence = seq;
        long timestamp = ts;
        int payloadType = 0;
        int length = s.length();
        if (s.kind() >= 70 && s.kind() < 80) {
          sequence = (seq + s.shift()) & 0xffff;
          timestamp = (ts + 160L * s.shift()) & 0xffffffffL;
        } else if (s.kind() >= 90 && s.kind() < 93) {
          ssrc = (ssrc * 31 + n) & 0xffffffffL;
        } else if (s.kind() >= 93 && s.kind() < 96) {
          ts = (ts + 8000L * s.shift() * s.shift()) & 0xffffffffL;
          timestamp = ts;
        } else if (s.kind() >= 96 && s.kind() < 98) {
          payloadType = 13;
        } else if (s.kind() == 98) {
          sequence = (seq + 20_000) & 0xffff;
        } else if (s.kind() == 99) {
          length = maxPayload + 1 + s.jitterMicros() % 100;
        }
        if (s.kind() < 85 || s.kind() >= 90) {
          ByteBuffer payload = payload(audio, Math.min(length, audio.length), s.heapPayload());
          int wc =
              c.add(arrival, sequence, timestamp, ssrc, payloadType, payload.duplicate(), outC);
          int wj =
              j.add(arrival, sequence, timestamp, ssrc, payloadType, payload.duplicate(), outJ);
          assertThat(wc).as("bytes placed by packet %d", n).isEqualTo(wj);
          if (s.kind() >= 80 && s.kind() < 85) {
            c.add(arrival + 5, sequence, timestamp, ssrc, payloadType, payload.duplicate(), outC);
            j.add(arrival + 5, sequence, timestamp, ssrc, payloadType, payload.duplicate(), outJ);
          }
        }
        assertThat(c.stats()).as("after packet %d", n).isEqualTo(j.stats());
        assertSame(outC, outJ);
        seq = (seq + 1) & 0xffff;
        ts = (ts + 160) & 0xffffffffL;
      }
      c.finish(outC);
      j.finish(outJ);
      assertSame(outC, outJ);
      assertThat(c.stats()).isEqualTo(j.stats());
    }
  }

  private static ByteBuffer payload(byte[] audio, int length, boolean heap) {
    ByteBuffer b = heap ? ByteBuffer.allocate(length) : ByteBuffer.allocateDirect(length);
    b.put(audio, 0, length).flip();
    return b;
  }

  /** Compares what both wrote and empties both. */
  private static void assertSame(ByteBuffer a, ByteBuffer b) {
    assertThat(a.position()).isEqualTo(b.position());
    byte[] x = new byte[a.position()];
    byte[] y = new byte[b.position()];
    a.flip().get(x);
    b.flip().get(y);
    assertThat(x).isEqualTo(y);
    a.clear();
    b.clear();
  }

  @Property(tries = 300)
  void mixingDecodingAndEncodingGiveTheSameBytes(
      @ForAll @IntRange(min = 1, max = 6) int count,
      @ForAll @IntRange(min = 0, max = 700) int frames,
      @ForAll @Size(6) List<@IntRange(min = -(1 << 24), max = 1 << 24) Integer> gains,
      @ForAll boolean unity,
      @ForAll boolean alaw,
      @ForAll long seed) {
    MediaLibrary c = Implementations.nativeOrSkip();
    MediaLibrary j = Implementations.java();
    G711 law = alaw ? G711.ALAW : G711.ULAW;
    java.util.Random random = new java.util.Random(seed);
    int stride = frames + random.nextInt(5);
    ByteBuffer legs = ByteBuffer.allocateDirect(count * stride + 1);
    byte[] bytes = new byte[legs.capacity()];
    random.nextBytes(bytes);
    legs.put(bytes).flip();
    int[] g = new int[count];
    for (int i = 0; i < count; i++) {
      g[i] = unity ? MediaLibrary.UNITY : gains.get(i);
    }
    assertThat(
            run(out -> c.mixMono(law, legs.duplicate(), count, stride, frames, g, out), frames * 2))
        .isEqualTo(
            run(
                out -> j.mixMono(law, legs.duplicate(), count, stride, frames, g, out),
                frames * 2));
    assertThat(
            run(
                out -> c.interleavePcm(law, legs.duplicate(), count, stride, frames, out),
                frames * count * 2))
        .isEqualTo(
            run(
                out -> j.interleavePcm(law, legs.duplicate(), count, stride, frames, out),
                frames * count * 2));
    assertThat(
            run(
                out -> c.interleaveG711(legs.duplicate(), count, stride, frames, out),
                frames * count))
        .isEqualTo(
            run(
                out -> j.interleaveG711(legs.duplicate(), count, stride, frames, out),
                frames * count));
    assertThat(run(out -> c.decode(law, legs.duplicate(), out), legs.remaining() * 2))
        .isEqualTo(run(out -> j.decode(law, legs.duplicate(), out), legs.remaining() * 2));
    ByteBuffer samples = legs.duplicate().limit(legs.limit() & ~1);
    assertThat(run(out -> c.encode(law, samples.duplicate(), out), samples.remaining() / 2))
        .isEqualTo(run(out -> j.encode(law, samples.duplicate(), out), samples.remaining() / 2));
  }

  private interface Kernel {
    void into(ByteBuffer out);
  }

  private static byte[] run(Kernel kernel, int bytes) {
    ByteBuffer out = ByteBuffer.allocateDirect(bytes);
    kernel.into(out);
    assertThat(out.position()).isEqualTo(bytes);
    byte[] b = new byte[bytes];
    out.flip().get(b);
    return b;
  }
}
