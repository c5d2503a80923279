package io.voxhost.recording.service;

import io.voxhost.media.api.LegStats;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** One leg's assembled track: its file in the spool, and what its timeline and jitter saw. */
record LegTrack(String label, Path track, LegStats stats, double jitterMs) {

  /** When the leg's first packet arrived (microseconds), -1 if none did. */
  long firstArrivalMicros() {
    return stats.firstArrivalMicros();
  }

  /** The leg's entry in the row's {@code legs}, as the API shows it. */
  Map<String, Object> statistics() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", label);
    m.put("packets", stats.packets());
    m.put("lost", stats.lost());
    m.put("duplicated", stats.duplicated());
    m.put("late", stats.late());
    m.put("reordered", stats.reordered());
    m.put("segments", stats.segments());
    m.put("ignored", stats.ignored());
    m.put("jitterMs", Math.round(jitterMs * 100) / 100.0);
    m.put("samples", stats.samples());
    return m;
  }
}
