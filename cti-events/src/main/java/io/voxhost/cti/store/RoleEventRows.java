package io.voxhost.cti.store;

import io.voxhost.cti.service.CallEvent;
import io.voxhost.cti.service.RoleEventStore;
import io.voxhost.cti.service.TenantEvent;
import io.voxhost.platform.outbox.Outbox;
import io.voxhost.platform.outbox.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The outbox's events into {@code cti.event}, in the transaction that takes them out of it. */
@ApplicationScoped
public class RoleEventRows implements RoleEventStore {

  /** The name the cti role consumes the outbox under. */
  static final String CONSUMER = "cti";

  private final Outbox outbox;
  private final EventRows events;

  RoleEventRows(Outbox outbox, EventRows events) {
    this.outbox = outbox;
    this.events = events;
  }

  @Override
  public int take(int limit, Function<OutboxEvent, Optional<CallEvent>> mapping) {
    return outbox.take(
        CONSUMER,
        limit,
        (c, taken) -> {
          List<TenantEvent> rows = new ArrayList<>(taken.size());
          for (Outbox.Taken t : taken) {
            mapping
                .apply(t.event())
                .ifPresent(e -> rows.add(new TenantEvent(t.event().tenant(), e)));
          }
          if (!rows.isEmpty()) {
            events.insert(c, rows);
          }
        });
  }
}
