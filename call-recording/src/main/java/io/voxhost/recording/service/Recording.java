package io.voxhost.recording.service;

import java.time.Instant;
import java.util.UUID;

/**
 * A recording as stored: a capture session from its start, or an upload. {@code legsJson} holds
 * each leg's label, port and RTP statistics; {@code file} is relative to the recordings directory.
 */
public record Recording(
    UUID id,
    UUID tenantId,
    String callId,
    String from,
    String to,
    String direction,
    String codec,
    String source,
    String status,
    boolean truncated,
    Instant startedAt,
    Long durationMs,
    Integer channels,
    Long sizeBytes,
    String sha256,
    String file,
    String legsJson,
    String metadataJson,
    String error,
    Instant createdAt,
    Instant completedAt,
    Mono mono) {

  /** The mono PCM mix, once made: its file (relative), size and SHA-256. */
  public record Mono(String file, long sizeBytes, String sha256) {}

  public static final String IN_PROGRESS = "in-progress";
  public static final String PROCESSING = "processing";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String ABSENT = "absent";

  /** The same recording, cut short by a crash during its capture. */
  public Recording truncatedCopy() {
    return new Recording(
        id,
        tenantId,
        callId,
        from,
        to,
        direction,
        codec,
        source,
        PROCESSING,
        true,
        startedAt,
        durationMs,
        channels,
        sizeBytes,
        sha256,
        file,
        legsJson,
        metadataJson,
        error,
        createdAt,
        completedAt,
        mono);
  }

  /** The same recording at its end. */
  public Recording finished(
      String status,
      Instant startedAt,
      Long durationMs,
      Integer channels,
      Long sizeBytes,
      String sha256,
      String file,
      String legsJson,
      String error,
      Instant completedAt) {
    return new Recording(
        id,
        tenantId,
        callId,
        from,
        to,
        direction,
        codec,
        source,
        status,
        truncated,
        startedAt,
        durationMs,
        channels,
        sizeBytes,
        sha256,
        file,
        legsJson,
        metadataJson,
        error,
        createdAt,
        completedAt,
        mono);
  }
}
