package io.voxhost.recording.service;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * Where a recording is: {@code in-progress} while capturing, {@code processing} until assembled,
 * then {@code completed}, {@code absent} (no RTP came) or {@code failed}. {@link #value()} is the
 * word the API shows and the database column holds (its check constraint lists the same words), so
 * it, and never the constant's name, is what leaves the JVM.
 */
public enum RecordingStatus {
  IN_PROGRESS("in-progress"),
  PROCESSING("processing"),
  COMPLETED("completed"),
  FAILED("failed"),
  ABSENT("absent");

  private final String value;

  RecordingStatus(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  /** The status that {@code value} names, if any. */
  public static Optional<RecordingStatus> fromValue(String value) {
    for (RecordingStatus s : values()) {
      if (s.value.equals(value)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
