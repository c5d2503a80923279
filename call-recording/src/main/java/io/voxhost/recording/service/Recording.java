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
    RecordingStatus status,
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
        RecordingStatus.PROCESSING,
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

  /**
   * How a recording ended: its final status and what is known by then. {@code master} is the stored
   * audio, null when there is none; {@code startedAt} is the first packet's arrival for a completed
   * capture, else the recording's own start.
   */
  public record Ending(
      RecordingStatus status,
      Instant startedAt,
      Long durationMs,
      Integer channels,
      RecordingFiles.Stored master,
      String legsJson,
      String error,
      Instant completedAt) {

    /** Stored as {@code master}, one channel per leg. */
    public static Ending completed(
        Instant startedAt,
        long durationMs,
        int channels,
        RecordingFiles.Stored master,
        String legsJson,
        Instant at) {
      return new Ending(
          RecordingStatus.COMPLETED, startedAt, durationMs, channels, master, legsJson, null, at);
    }

    /** No leg brought a packet: no audio, a duration of zero. */
    public static Ending absent(Instant startedAt, String legsJson, Instant at) {
      return new Ending(RecordingStatus.ABSENT, startedAt, 0L, null, null, legsJson, null, at);
    }

    /** Not assembled, for {@code error}. */
    public static Ending failed(Instant startedAt, String legsJson, String error, Instant at) {
      return new Ending(RecordingStatus.FAILED, startedAt, null, null, null, legsJson, error, at);
    }
  }

  /** The same recording at its end. */
  public Recording finished(Ending end) {
    RecordingFiles.Stored master = end.master();
    return new Recording(
        id,
        tenantId,
        callId,
        from,
        to,
        direction,
        codec,
        source,
        end.status(),
        truncated,
        end.startedAt(),
        end.durationMs(),
        end.channels(),
        master == null ? null : master.size(),
        master == null ? null : master.sha256(),
        master == null ? null : master.relative(),
        end.legsJson(),
        metadataJson,
        end.error(),
        createdAt,
        end.completedAt(),
        mono);
  }
}
