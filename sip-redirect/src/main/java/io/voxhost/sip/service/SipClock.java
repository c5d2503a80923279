package io.voxhost.sip.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * The time SIP requests are answered at: nonces are issued and aged by it, and bindings registered
 * and looked up. A bean of its own rather than {@code Instant.now()} so that a test can move it
 * past a nonce's lifetime instead of sleeping through it; a type of the role's own rather than a
 * {@link Clock} bean so that it cannot clash with a clock another module provides.
 */
@ApplicationScoped
public class SipClock {

  private final Clock clock;

  SipClock() {
    this(Clock.systemUTC());
  }

  /** Reads {@code clock}: tests install one of these in place of the bean. */
  public SipClock(Clock clock) {
    this.clock = clock;
  }

  public Instant now() {
    return clock.instant();
  }
}
