package io.voxhost.tftp.store;

import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.database.Jdbc;
import io.voxhost.platform.outbox.Outbox;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real fetch rows, whose batch writes meet an absent database while a test says so; every other
 * call, and every write after that, is the real one.
 */
public class OutageFetchRows extends FetchRows {

  private volatile boolean away;
  private final AtomicInteger refused = new AtomicInteger();

  public OutageFetchRows(Jdbc jdbc, Outbox outbox) {
    super(jdbc, outbox);
  }

  /** Whether batch writes fail as if the database were away. */
  public void away(boolean away) {
    this.away = away;
  }

  /** Batch writes refused so far. */
  public int refused() {
    return refused.get();
  }

  @Override
  public void insert(List<Row> fetches) {
    if (away) {
      refused.incrementAndGet();
      throw DatabaseFailure.away("fetch audit");
    }
    super.insert(fetches);
  }
}
