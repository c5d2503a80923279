package io.voxhost.media.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The output of a {@link LegTimeline}: a run of placements, each an int64 sample position, an int32
 * length and that many G.711 bytes, little-endian. Positions increase and never overlap; what lies
 * between two placements is a gap to fill with silence.
 */
public final class Placements {

  public static final int HEADER = 12;

  private Placements() {}

  /** Receives each placement of a run. */
  public interface Visitor {
    /** {@code bytes} holds the payload between its position and limit. */
    void placed(long position, ByteBuffer bytes);
  }

  /**
   * Visits the placements in {@code run} between offsets {@code from} and {@code to}; the payload
   * handed over is a view of {@code run}, valid during the call.
   */
  public static void forEach(ByteBuffer run, int from, int to, Visitor visitor) {
    ByteBuffer view = run.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int at = from;
    while (at < to) {
      long position = view.getLong(at);
      int length = view.getInt(at + 8);
      if (length < 0 || at + HEADER + length > to) {
        throw new IllegalArgumentException("Placement run cut at offset " + at);
      }
      view.limit(at + HEADER + length).position(at + HEADER);
      visitor.placed(position, view);
      view.limit(view.capacity());
      at += HEADER + length;
    }
  }
}
