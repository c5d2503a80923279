package io.voxhost.phones.service;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A recorded call's media, as a media server that forks it would send it: a capture session opened
 * when the call is answered, each leg's RTP streamed to its port from the caller's address, and at
 * hang-up the streams stopped, then (after {@link #GRACE}, so the last packets are in) the session.
 */
final class CallMedia {

  /** Between a call's last RTP packet and its session's stop. */
  static final Duration GRACE = Duration.ofMillis(250);

  private final RecordingPlan plan;
  private final CallRecorder recorder;
  private final MediaStreams media;
  private final PhaseStats stats;
  private final String callId;
  private final String host;
  private final long seed;
  private CompletableFuture<Optional<Started>> started;

  private record Started(
      CallRecorder.Tap tap, MediaStreams.Stream caller, MediaStreams.Stream callee, long at) {}

  CallMedia(CallRecording recording, PhaseStats stats, String callId, String host, long seed) {
    this.plan = recording.plan();
    this.recorder = recording.recorder();
    this.media = recording.media();
    this.stats = stats;
    this.callId = callId;
    this.host = host;
    this.seed = seed;
  }

  /** Opens the session and starts both legs; a refusal is counted, and the call goes on. */
  synchronized void start(String from, String to) {
    started =
        recorder
            .open(callId, from, to, host)
            .thenApply(this::streams)
            .exceptionally(
                e -> {
                  stats.failed(kind(e, "recording-open-error"));
                  return Optional.empty();
                });
  }

  private Optional<Started> streams(CallRecorder.Tap tap) {
    Optional<MediaStreams.Stream> a = media.start(host, tap.callerLeg(), plan.caller(), seed);
    Optional<MediaStreams.Stream> b = media.start(host, tap.calleeLeg(), plan.callee(), ~seed);
    if (a.isEmpty() || b.isEmpty()) {
      a.ifPresent(MediaStreams.Stream::stop);
      b.ifPresent(MediaStreams.Stream::stop);
      stats.failed("rtp-streams-full");
      recorder.stop(tap.id());
      return Optional.empty();
    }
    stats.recordingOpened();
    return Optional.of(new Started(tap, a.get(), b.get(), System.nanoTime()));
  }

  /**
   * Stops the streams, then the session; completes when the node took the stop. A session still
   * opening is stopped as soon as it is open, with no RTP sent.
   */
  synchronized CompletableFuture<Void> end(Executor timers) {
    if (started == null) {
      return CompletableFuture.completedFuture(null);
    }
    return started.thenCompose(
        s -> {
          if (s.isEmpty()) {
            return CompletableFuture.completedFuture(null);
          }
          Started st = s.get();
          MediaStreams.Sent caller = st.caller().stop();
          MediaStreams.Sent callee = st.callee().stop();
          long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - st.at());
          stats.rtp(caller, callee);
          return CompletableFuture.runAsync(
                  () -> {},
                  CompletableFuture.delayedExecutor(
                      GRACE.toMillis(), TimeUnit.MILLISECONDS, timers))
              .thenCompose(v -> recorder.stop(st.tap().id()))
              .handle(
                  (v, e) -> {
                    if (e != null) {
                      stats.failed(kind(e, "recording-stop-error"));
                    } else {
                      stats.recorded(
                          new RecordedCall(st.tap().id(), callId, millis, caller, callee));
                    }
                    return null;
                  });
        });
  }

  private static String kind(Throwable e, String otherwise) {
    Throwable cause = e instanceof CompletionException ? e.getCause() : e;
    if (cause instanceof RequestRefused r) {
      return r.kind();
    }
    return cause instanceof TimeoutException ? "recording-api-timeout" : otherwise;
  }
}
