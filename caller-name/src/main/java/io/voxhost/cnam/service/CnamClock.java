package io.voxhost.cnam.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.LongSupplier;

/**
 * The monotonic clock the provider cache ages answers by (Caffeine's ticker and the answers' fetch
 * times): one bean, so a test moves the time of both at once instead of waiting a TTL.
 */
@ApplicationScoped
public class CnamClock {

  private final LongSupplier nanoTime;

  CnamClock() {
    this(System::nanoTime);
  }

  /** A clock on another monotonic source of nanoseconds: tests move theirs. */
  public CnamClock(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  public long nanos() {
    return nanoTime.getAsLong();
  }
}
