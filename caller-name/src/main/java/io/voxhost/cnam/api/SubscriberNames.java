package io.voxhost.cnam.api;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The display names of a tenant's own subscribers (the SIP role's accounts), which the caller-name
 * chain asks first: an internal call from 1001 shows "Reception". Implemented by the module that
 * owns subscribers; the {@code cnam} role works without one (then no subscriber names).
 */
public interface SubscriberNames {

  /**
   * From memory only: empty when memory cannot tell; else the display name, or an empty inner value
   * when the subscriber exists without one or does not exist.
   */
  Optional<Optional<String>> inMemory(UUID tenant, String user);

  /** Reads the database if need be: call it off the event loop. */
  Optional<String> find(UUID tenant, String user);

  /** Starts following subscriber changes (idempotent); returns once memory is loaded. */
  void follow(Duration timeout) throws InterruptedException;
}
