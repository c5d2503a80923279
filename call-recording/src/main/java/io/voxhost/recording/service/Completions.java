package io.voxhost.recording.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The end of an assembly: the row finished, then the spool removed (in that order, so that a crash
 * in between leaves a finished row whose spool {@link Recovery} removes, never a lost recording),
 * then for a completed one the tenant's mono mix if it asked for it at completion, and its webhook.
 */
@ApplicationScoped
public class Completions {

  private static final Logger LOG = Logger.getLogger(Completions.class);

  private final RecordingFiles files;
  private final RecordingStore recordings;
  private final ObjectMapper json;
  private final TenantSettings settings;
  private final MonoMixes monos;
  private final CompletionWebhooks webhooks;

  Completions(
      RecordingFiles files,
      RecordingStore recordings,
      ObjectMapper json,
      TenantSettings settings,
      MonoMixes monos,
      CompletionWebhooks webhooks) {
    this.files = files;
    this.recordings = recordings;
    this.json = json;
    this.settings = settings;
    this.monos = monos;
    this.webhooks = webhooks;
  }

  /** A recording stored as {@code master}, starting at {@code startedAt} (the first packet). */
  void completed(
      Recording recording,
      Instant startedAt,
      long durationMs,
      RecordingFiles.Stored master,
      List<LegTrack> legs,
      Instant at)
      throws IOException {
    Recording completed =
        recording.finished(
            Recording.Ending.completed(
                startedAt, durationMs, legs.size(), master, legsJson(legs), at));
    recordings.finish(completed);
    RecordingFiles.deleteTree(files.spool(recording.id()));
    if (settings.of(recording.tenantId()).monoAtCompletion()) {
      monos.of(completed);
    }
    webhooks.completed(completed);
  }

  /** A recording none of whose legs brought a packet: no audio, nothing to notify. */
  void absent(Recording recording, List<LegTrack> legs, Instant at) throws IOException {
    recordings.finish(
        recording.finished(Recording.Ending.absent(recording.startedAt(), legsJson(legs), at)));
    RecordingFiles.deleteTree(files.spool(recording.id()));
  }

  /**
   * A recording that could not be assembled, with the error in its row. Its spool stays until the
   * next start's {@link Recovery}. A failure to note the failure is only logged: nobody else waits
   * for it.
   */
  void failed(Recording recording, String error) {
    try {
      recordings.finish(
          recording.finished(
              Recording.Ending.failed(
                  recording.startedAt(), recording.legsJson(), error, Instant.now())));
    } catch (RuntimeException e) {
      LOG.errorf("Recording %s: could not record its failure: %s", recording.id(), e);
    }
  }

  private String legsJson(List<LegTrack> legs) {
    try {
      return json.writeValueAsString(legs.stream().map(LegTrack::statistics).toList());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
