package io.voxhost.platform.database;

import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What the database's absence cost: each request or piece of work it stopped is counted as {@code
 * voxhost_<role>_database_unavailable_total{work=...}}, and the node remembers when the database
 * was last found away, so that work that would only wait on it again can answer "retry later" at
 * once (see {@link #recentlyAway}).
 */
@ApplicationScoped
public class DatabaseOutages {

  /** How long a seen outage is believed without asking again. */
  static final Duration BELIEVED = Duration.ofSeconds(2);

  private final Meters meters;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private volatile long lastAwayNanos;
  private volatile boolean away;

  private final LongSupplier nanoTime;

  @Inject
  public DatabaseOutages(Meters meters) {
    this(meters, System::nanoTime);
  }

  DatabaseOutages(Meters meters, LongSupplier nanoTime) {
    this.meters = meters;
    this.nanoTime = nanoTime;
  }

  /** Counts one request or run that the database did not answer, and remembers the outage. */
  public void stopped(String role, String work) {
    lastAwayNanos = nanoTime.getAsLong();
    away = true;
    refused(role, work);
  }

  /**
   * Counts one request refused because of the outage without asking the database again (see {@link
   * #recentlyAway}); unlike {@link #stopped} it does not prolong the outage it believes, or steady
   * traffic would keep the database from ever being asked again.
   */
  public void refused(String role, String work) {
    counters
        .computeIfAbsent(
            role + "\u0000" + work,
            k ->
                meters.counter(
                    new MeterName(role, "database_unavailable", null),
                    "Requests and background runs of the "
                        + role
                        + " role that the database did not answer in time",
                    "work",
                    work))
        .increment();
  }

  /** A call got through: the database is back. */
  public void answered() {
    if (away) {
      away = false;
    }
  }

  /**
   * Whether the database was found away within the last {@link #BELIEVED} and nothing got through
   * since: a caller that can answer "retry later" at once should, rather than wait on a deadline
   * again. After that window the next call asks the database again.
   */
  public boolean recentlyAway() {
    return away && nanoTime.getAsLong() - lastAwayNanos < BELIEVED.toNanos();
  }
}
