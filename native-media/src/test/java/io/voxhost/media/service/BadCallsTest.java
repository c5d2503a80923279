package io.voxhost.media.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxhost.media.api.G711;
import io.voxhost.media.api.LegTimeline;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.api.TimelineSettings;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.io.TempDir;
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

  /**
   * Sizes whose byte counts pass 2^31: in int arithmetic they wrapped negative, passed the "output
   * big enough" checks and had the C side write gigabytes into a 64-byte buffer (a SIGSEGV that
   * took the JVM). The input is a sparse file mapped as a 1 GiB direct buffer, so no memory is
   * spent.
   */
  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void sizesThatOverflowAnIntAreRefusedNotWrapped(String which, @TempDir Path dir)
      throws Exception {
    MediaLibrary m = library(which);
    int gib = 1 << 30;
    Path sparse = dir.resolve("legs");
    try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
      file.setLength(gib);
    }
    ByteBuffer legs;
    try (FileChannel channel = FileChannel.open(sparse, StandardOpenOption.READ)) {
      legs = channel.map(FileChannel.MapMode.READ_ONLY, 0, gib);
    }
    assertThat(legs.isDirect()).isTrue();
    ByteBuffer out = ByteBuffer.allocateDirect(64);
    int[] unity = {MediaLibrary.UNITY, MediaLibrary.UNITY};
    // 2 bytes per sample of 2^30 samples.
    assertThatThrownBy(() -> m.decode(G711.ULAW, legs.duplicate(), out))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.mixMono(G711.ULAW, legs, 1, gib, gib, unity, out))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.interleavePcm(G711.ULAW, legs, 1, gib, gib, out))
        .isInstanceOf(IllegalArgumentException.class);
    // 2 bytes times 2 legs times 2^29 frames.
    assertThatThrownBy(() -> m.interleavePcm(G711.ALAW, legs, 2, gib / 2, gib / 2, out))
        .isInstanceOf(IllegalArgumentException.class);
    // Big, but a buffer could hold it: only too big for this one.
    assertThatThrownBy(() -> m.interleaveG711(legs, 4, gib / 4, gib / 4, out))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(out.position()).isZero();
    assertThat(legs.position()).isZero();
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
