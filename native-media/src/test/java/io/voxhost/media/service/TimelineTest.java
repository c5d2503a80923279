package io.voxhost.media.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.media.api.G711;
import io.voxhost.media.api.LegStats;
import io.voxhost.media.api.LegTimeline;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.api.TimelineSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a leg's timeline makes of loss, reordering, duplicates, wrap and source changes. */
class TimelineTest {

  /** A leg fed packet by packet and rendered to its track. */
  private static final class Leg implements AutoCloseable {
    final LegTimeline timeline;
    final ByteBuffer placements;
    final ByteArrayOutputStream track = new ByteArrayOutputStream();
    final TrackWriter writer = new TrackWriter(Channels.newChannel(track), G711.ULAW);

    Leg(String which, TimelineSettings settings) {
      MediaLibrary library =
          which.equals("native") ? Implementations.nativeOrSkip() : Implementations.java();
      timeline = library.timeline(settings);
      placements = ByteBuffer.allocateDirect(settings.placementBound());
    }

    /** A 20 ms packet whose every byte is {@code fill}. */
    Leg add(long arrivalMillis, int seq, long ts, long ssrc, int fill) throws IOException {
      return add(arrivalMillis, seq, ts, ssrc, 0, fill, 160);
    }

    Leg add(long arrivalMillis, int seq, long ts, long ssrc, int pt, int fill, int length)
        throws IOException {
      byte[] payload = new byte[length];
      Arrays.fill(payload, (byte) fill);
      placements.clear();
      int n =
          timeline.add(
              arrivalMillis * 1000, seq, ts, ssrc, pt, ByteBuffer.wrap(payload), placements);
      writer.write(placements, 0, n);
      return this;
    }

    byte[] finish() throws IOException {
      placements.clear();
      writer.write(placements, 0, timeline.finish(placements));
      return track.toByteArray();
    }

    @Override
    public void close() {
      timeline.close();
    }
  }

  private static TimelineSettings settings(int window) {
    return new TimelineSettings(0, window, 1280, 8000);
  }

  /** The expected track: runs of (fill, samples). */
  private static byte[] track(int... runs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < runs.length; i += 2) {
      byte[] run = new byte[runs[i + 1]];
      Arrays.fill(run, (byte) runs[i]);
      out.writeBytes(run);
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void aLostPacketIsSilenceAndALateOneIsDropped(String which) throws IOException {
    try (Leg leg = new Leg(which, settings(4))) {
      leg.add(0, 100, 1000, 7, 1).add(20, 101, 1160, 7, 2);
      // 102 is lost; 103..107 come; the window of 4 gives up on 102 when 106 arrives.
      for (int i = 3; i <= 7; i++) {
        leg.add(20L * i, 100 + i, 1000 + 160L * i, 7, i + 1);
      }
      leg.add(160, 102, 1320, 7, 99); // too late
      byte[] track = leg.finish();
      assertThat(track)
          .isEqualTo(track(1, 160, 2, 160, 0xff, 160, 4, 160, 5, 160, 6, 160, 7, 160, 8, 160));
      LegStats stats = leg.timeline.stats();
      assertThat(stats.packets()).isEqualTo(8);
      assertThat(stats.lost()).isEqualTo(1);
      assertThat(stats.late()).isEqualTo(1);
      assertThat(stats.samples()).isEqualTo(8 * 160);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void packetsOutOfOrderWithinTheWindowAreReorderedAndDuplicatesDropped(String which)
      throws IOException {
    try (Leg leg = new Leg(which, settings(8))) {
      leg.add(0, 65534, 4294967000L, 9, 1); // sequence and timestamp both about to wrap
      leg.add(20, 0, 4294967000L + 320 - 4294967296L, 9, 3);
      leg.add(25, 65535, 4294967000L + 160 - 4294967296L + 4294967296L, 9, 2);
      leg.add(30, 65535, 4294967160L, 9, 2); // a duplicate
      leg.add(40, 1, 4294967000L + 480 - 4294967296L, 9, 4);
      assertThat(leg.finish()).isEqualTo(track(1, 160, 2, 160, 3, 160, 4, 160));
      LegStats stats = leg.timeline.stats();
      assertThat(stats.reordered()).isEqualTo(1);
      assertThat(stats.duplicated()).isEqualTo(1);
      assertThat(stats.lost()).isZero();
      assertThat(stats.segments()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void silenceSuppressionIsFilledByTimestampAndOtherPayloadTypesAreSkipped(String which)
      throws IOException {
    try (Leg leg = new Leg(which, settings(8))) {
      leg.add(0, 10, 0, 5, 1);
      leg.add(20, 11, 0, 5, 13, 0x40, 1); // comfort noise: no audio of its own
      leg.add(500, 12, 4000, 5, 2); // half a second of nothing sent, then speech
      assertThat(leg.finish()).isEqualTo(track(1, 160, 0xff, 4000 - 160, 2, 160));
      assertThat(leg.timeline.stats().ignored()).isEqualTo(1);
      assertThat(leg.timeline.stats().lost()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void aNewSsrcOrALargeJumpStartsASegmentPlacedByArrival(String which) throws IOException {
    try (Leg leg = new Leg(which, settings(8))) {
      leg.add(0, 10, 0, 5, 1);
      // On hold for 3 s, then a transfer: a new source whose numbers mean nothing to the old.
      leg.add(3000, 40000, 123456789, 6, 2);
      leg.add(3020, 40001, 123456789 + 160, 6, 3);
      // The same source jumps its timestamp by an hour: placed by arrival again.
      leg.add(4000, 40002, 123456789 + 160 + 28_800_000L, 6, 4);
      byte[] track = leg.finish();
      assertThat(track)
          .isEqualTo(track(1, 160, 0xff, 24000 - 160, 2, 160, 3, 160, 0xff, 32000 - 24320, 4, 160));
      assertThat(leg.timeline.stats().segments()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void overlappingAudioIsTrimmedAndOverlongPayloadsRefused(String which) throws IOException {
    try (Leg leg = new Leg(which, new TimelineSettings(0, 8, 200, 8000))) {
      leg.add(0, 1, 0, 5, 0, 1, 160);
      leg.add(20, 2, 100, 5, 0, 2, 160); // starts 60 samples before the first one ends
      leg.add(40, 3, 260, 5, 0, 3, 201); // longer than allowed
      leg.add(60, 4, 260, 5, 0, 4, 100);
      assertThat(leg.finish()).isEqualTo(track(1, 160, 2, 100, 4, 100));
      LegStats stats = leg.timeline.stats();
      assertThat(stats.invalid()).isEqualTo(1);
      assertThat(stats.lost()).isEqualTo(1); // number 3 never arrived as far as audio goes
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void aSenderThatRestartsItsNumberingIsFollowedAfterTwoPackets(String which) throws IOException {
    try (Leg leg = new Leg(which, settings(8))) {
      leg.add(0, 30000, 0, 5, 1).add(20, 30001, 160, 5, 2);
      leg.add(40, 5, 320, 5, 3); // far from 30001: held on probation, dropped
      leg.add(60, 6, 480, 5, 4); // the next in the new numbering: accepted
      leg.add(80, 7, 640, 5, 5);
      assertThat(leg.finish()).isEqualTo(track(1, 160, 2, 160, 0xff, 160, 4, 160, 5, 160));
      assertThat(leg.timeline.stats().late()).isEqualTo(1);
    }
  }
}
