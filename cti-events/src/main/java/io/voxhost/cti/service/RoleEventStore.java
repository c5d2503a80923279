package io.voxhost.cti.service;

import io.voxhost.platform.outbox.OutboxEvent;
import java.util.Optional;
import java.util.function.Function;

/** Where the events of our own roles come from: the platform's outbox. */
public interface RoleEventStore {

  /**
   * Takes up to {@code limit} outbox events and stores each as the call event {@code mapping} makes
   * of it, in one transaction.
   *
   * @return the outbox events taken
   */
  int take(int limit, Function<OutboxEvent, Optional<CallEvent>> mapping);
}
