package io.voxhost.recording.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.database.DatabaseOutages;
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
 * A row the database does not take is thrown back ({@link EndingNotWritten}) with nothing else
 * done, to be written later; each such write is counted as {@code
 * voxhost_recording_database_unavailable_total{work="assembly"}}.
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
  private final DatabaseOutages outages;

  Completions(
      RecordingFiles files,
      RecordingStore recordings,
      ObjectMapper json,
      TenantSettings settings,
      MonoMixes monos,
      CompletionWebhooks webhooks,
      DatabaseOutages outages) {
    this.outages = outages;
    this.files = files;
    this.recordings = recordings;
    this.json = json;
    this.settings = settings;
    this.monos = monos;
    this.webhooks = webhooks;
  }

  /**
   * The row of a recording stored as {@code master}, starting at {@code startedAt} (the first
   * packet), for {@link #finish}.
   */
  Recording completed(
      Recording recording,
      Instant startedAt,
      long durationMs,
      RecordingFiles.Stored master,
      List<LegTrack> legs,
      Instant at) {
    return recording.finished(
        Recording.Ending.completed(startedAt, durationMs, legs.size(), master, legsJson(legs), at));
  }

  /**
   * The row of a recording none of whose legs brought a packet, for {@link #finish}: no audio,
   * nothing to notify.
   */
  Recording absent(Recording recording, List<LegTrack> legs, Instant at) {
    return recording.finished(Recording.Ending.absent(recording.startedAt(), legsJson(legs), at));
  }

  /**
   * Writes a {@link #completed} or {@link #absent} row, then removes the spool, then for a
   * completed recording makes its mono mix if the tenant asked for one at completion and sends its
   * webhook.
   *
   * @throws EndingNotWritten when the database did not take the row: nothing else was done
   */
  void finish(Recording finished) throws IOException {
    write(finished);
    RecordingFiles.deleteTree(files.spool(finished.id()));
    if (finished.status() == RecordingStatus.COMPLETED) {
      if (settings.of(finished.tenantId()).monoAtCompletion()) {
        monos.of(finished);
      }
      webhooks.completed(finished);
    }
  }

  private void write(Recording finished) {
    if (outages.recentlyAway()) {
      // Another try now would only wait out the deadline again, holding an assembly worker.
      throw new EndingNotWritten(finished, DatabaseFailure.away("recording row"));
    }
    try {
      recordings.finish(finished);
    } catch (RuntimeException e) {
      if (DatabaseFailure.isOutage(e)) {
        outages.stopped("recording", "assembly");
        throw new EndingNotWritten(finished, e);
      }
      throw e;
    }
    outages.answered();
  }

  /**
   * A recording that could not be assembled, with the error in its row. Its spool stays until the
   * next start's {@link Recovery}. A failure to note the failure is only logged: nobody else waits
   * for it, and a row left {@code processing} is assembled again by that same recovery.
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
