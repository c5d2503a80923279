package io.voxhost.recording.store;

import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.database.Jdbc;
import io.voxhost.platform.outbox.Outbox;
import io.voxhost.recording.service.Recording;
import io.voxhost.recording.service.RecordingStatus;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real store, whose finishing write of chosen recordings fails as a test says: the database
 * away until {@link #back} (for the {@code processing} mark of a stop too, if asked), or one
 * refusal that is no outage. Every other call, and every write after that, is the real one. The
 * thread each status write ran on is kept, for tests of where it runs.
 */
public class OutageRows extends RecordingRows {

  private enum Failure {
    AWAY,
    AWAY_FROM_THE_STOP,
    REFUSED_ONCE
  }

  private final Map<UUID, Failure> failing = new ConcurrentHashMap<>();
  private final Map<UUID, String> statusThreads = new ConcurrentHashMap<>();

  public OutageRows(Jdbc jdbc, Outbox outbox) {
    super(jdbc, outbox);
  }

  /** Finishing {@code id} meets an absent database until {@link #back}. */
  public void away(UUID id) {
    failing.put(id, Failure.AWAY);
  }

  /**
   * Both the {@code processing} mark at {@code id}'s stop and its finishing write meet an absent
   * database until {@link #back}.
   */
  public void awayFromTheStop(UUID id) {
    failing.put(id, Failure.AWAY_FROM_THE_STOP);
  }

  /** The database answers {@code id}'s writes again. */
  public void back(UUID id) {
    failing.remove(id);
  }

  /** The next finishing write of {@code id} is refused by a check constraint. */
  public void refuseOnce(UUID id) {
    failing.put(id, Failure.REFUSED_ONCE);
  }

  /** The name of the thread that last wrote {@code id}'s status, if any did. */
  public Optional<String> statusWrittenOn(UUID id) {
    return Optional.ofNullable(statusThreads.get(id));
  }

  @Override
  public void status(UUID id, RecordingStatus status) {
    statusThreads.put(id, Thread.currentThread().getName());
    if (failing.get(id) == Failure.AWAY_FROM_THE_STOP) {
      throw DatabaseFailure.away("recording " + id);
    }
    super.status(id, status);
  }

  @Override
  public void finish(Recording r) {
    Failure failure = failing.get(r.id());
    if (failure == Failure.AWAY || failure == Failure.AWAY_FROM_THE_STOP) {
      throw DatabaseFailure.away("recording " + r.id());
    }
    if (failure == Failure.REFUSED_ONCE && failing.remove(r.id(), Failure.REFUSED_ONCE)) {
      throw DatabaseFailure.of(new SQLException("check constraint violated", "23514"));
    }
    super.finish(r);
  }
}
