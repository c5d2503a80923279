package io.voxhost.recording.store;

import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.database.Jdbc;
import io.voxhost.recording.service.Recording;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real store, whose finishing write of chosen recordings fails as a test says: the database
 * away until {@link #back}, or one refusal that is no outage. Every other call, and every write
 * after that, is the real one.
 */
public class OutageRows extends RecordingRows {

  private enum Failure {
    AWAY,
    REFUSED_ONCE
  }

  private final Map<UUID, Failure> failing = new ConcurrentHashMap<>();

  public OutageRows(Jdbc jdbc) {
    super(jdbc);
  }

  /** Finishing {@code id} meets an absent database until {@link #back}. */
  public void away(UUID id) {
    failing.put(id, Failure.AWAY);
  }

  /** The database answers {@code id}'s finishing write again. */
  public void back(UUID id) {
    failing.remove(id);
  }

  /** The next finishing write of {@code id} is refused by a check constraint. */
  public void refuseOnce(UUID id) {
    failing.put(id, Failure.REFUSED_ONCE);
  }

  @Override
  public void finish(Recording r) {
    Failure failure = failing.get(r.id());
    if (failure == Failure.AWAY) {
      throw DatabaseFailure.away("recording " + r.id());
    }
    if (failure == Failure.REFUSED_ONCE && failing.remove(r.id(), Failure.REFUSED_ONCE)) {
      throw DatabaseFailure.of(new SQLException("check constraint violated", "23514"));
    }
    super.finish(r);
  }
}
