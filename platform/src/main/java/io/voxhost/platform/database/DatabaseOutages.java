package io.voxhost.platform.database;

import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

  public DatabaseOutages(Meters meters) {
    this.meters = meters;
  }

  /** Counts one request or run that the database did not answer, and remembers the outage. */
  public void stopped(String role, String work) {
    lastAwayNanos = System.nanoTime();
    away = true;
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
    return away && System.nanoTime() - lastAwayNanos < BELIEVED.toNanos();
  }
}
