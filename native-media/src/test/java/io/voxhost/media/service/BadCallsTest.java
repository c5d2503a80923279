package io.voxhost.media.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxhost.media.api.G711;
import io.voxhost.media.api.LegTimeline;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.api.TimelineSettings;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both implementations refuse the same bad calls with the same exceptions, and never crash. */
class BadCallsTest {

  private static MediaLibrary library(String which) {
    return which.equals("native") ? Implementations.nativeOrSkip() : Implementations.java();
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void mixingRefusesBadShapesAndShortBuffers(String which) {
    MediaLibrary m = library(which);
    ByteBuffer legs = ByteBuffer.allocateDirect(100);
    ByteBuffer out = ByteBuffer.allocateDirect(100);
    int[] unity = {MediaLibrary.UNITY, MediaLibrary.UNITY};
    assertThatThrownBy(() -> m.mixMono(G711.ULAW, legs, 0, 50, 50, unity, out))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.mixMono(G711.ULAW, legs, 2, 40, 50, unity, out))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.mixMono(G711.ULAW, legs, 2, 60, 50, unity, out))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> m.interleavePcm(G711.ULAW, legs, 2, 50, 50, out))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> m.mixMono(G711.ULAW, legs, 2, 50, 50, new int[] {1 << 30, 0}, out))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.mixMono(G711.ULAW, legs, 2, 50, 50, new int[] {1}, out))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.encode(G711.ULAW, ByteBuffer.allocateDirect(3), out))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(out.position()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void heapBuffersAndOddPositionsGiveTheSameBytesAsTheTwin(String which) {
    MediaLibrary m = library(which);
    MediaLibrary twin = Implementations.java();
    ByteBuffer legs = ByteBuffer.allocate(40);
    for (int i = 0; i < 40; i++) {
      legs.put(i, (byte) (i * 37));
    }
    ByteBuffer direct = ByteBuffer.allocateDirect(41).position(1);
    direct.put(legs.duplicate()).position(1);
    ByteBuffer a = ByteBuffer.allocateDirect(41).position(1);
    ByteBuffer b = ByteBuffer.allocate(41).position(1);
    m.interleavePcm(G711.ALAW, direct, 2, 20, 10, a);
    twin.interleavePcm(G711.ALAW, legs, 2, 20, 10, b);
    assertThat(a.position()).isEqualTo(41);
    for (int i = 1; i < 41; i++) {
      assertThat(a.get(i)).isEqualTo(b.get(i));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void aTimelineRefusesOutOfRangeFieldsAndAShortOutput(String which) {
    TimelineSettings settings = new TimelineSettings(0, 4, 160, 8000);
    try (LegTimeline t = library(which).timeline(settings)) {
      ByteBuffer payload = ByteBuffer.allocateDirect(160);
      ByteBuffer out = ByteBuffer.allocateDirect(settings.placementBound());
      assertThatThrownBy(() -> t.add(0, 70_000, 0, 1, 0, payload, out))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> t.add(0, 1, 1L << 32, 1, 0, payload, out))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> t.add(-5, 1, 0, 1, 0, payload, out))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> t.add(0, 1, 0, 1, 200, payload, out))
          .isInstanceOf(IllegalArgumentException.class);
      ByteBuffer small = ByteBuffer.allocateDirect(settings.placementBound() - 1);
      assertThatThrownBy(() -> t.add(0, 1, 0, 1, 0, payload, small))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(t.stats().packets()).isZero();
      assertThat(t.add(0, 1, 0, 1, 0, payload, out)).isEqualTo(12 + 160);
    }
  }
}
