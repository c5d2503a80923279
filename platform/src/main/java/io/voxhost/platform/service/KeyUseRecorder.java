package io.voxhost.platform.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.voxhost.platform.concurrent.RepeatingWork;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.store.ApiKeyRepository;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * When each API key was last used. A request only notes the time in memory; every {@code
 * voxhost.auth.last-used-flush-interval} and at shutdown one statement writes what was noted for
 * all keys, so that no request waits on a database write and a busy key costs one row update per
 * interval and node.
 */
@Singleton
public class KeyUseRecorder {

  private static final Logger LOG = Logger.getLogger(KeyUseRecorder.class);

  /** Uses closer together than this are one use: most requests then only read the map. */
  private static final long RESOLUTION_MILLIS = 1_000;

  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private final ApiKeyRepository keys;
  private final ScheduledExecutorService timer;
  private final RoleThreads threads;
  private final Duration interval;
  private final Map<UUID, Instant> unflushed = new ConcurrentHashMap<>();
  private final ReentrantLock flushing = new ReentrantLock();
  private volatile RepeatingWork schedule;

  KeyUseRecorder(
      ApiKeyRepository keys,
      ScheduledExecutorService timer,
      RoleThreads threads,
      VoxhostConfig config) {
    this.keys = keys;
    this.timer = timer;
    this.threads = threads;
    this.interval = config.auth().lastUsedFlushInterval();
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("voxhost.auth.last-used-flush-interval must be positive");
    }
  }

  /** While the database is away the uses stay in memory and the flushes come further apart. */
  void start(@Observes StartupEvent event) {
    schedule =
        threads.repeat(timer, "api", "key-use-flush", interval, MAX_BACKOFF, this::flush).start();
  }

  /** After the roles have stopped (their observer runs first), while the database is still up. */
  void stop(@Observes ShutdownEvent event) {
    RepeatingWork s = schedule;
    if (s != null) {
      s.cancel();
    }
    flushQuietly();
  }

  /** Notes that the key was used now. */
  public void used(UUID keyId) {
    long now = System.currentTimeMillis();
    Instant last = unflushed.get(keyId);
    if (last == null || now - last.toEpochMilli() >= RESOLUTION_MILLIS) {
      unflushed.put(keyId, Instant.ofEpochMilli(now));
    }
  }

  /** The last use this node noted and has not written yet. */
  public Optional<Instant> unflushedUse(UUID keyId) {
    return Optional.ofNullable(unflushed.get(keyId));
  }

  /**
   * Writes every use noted since the last flush, in one statement; returns how many keys it
   * covered. A use noted while the statement runs stays for the next flush.
   */
  public int flush() {
    flushing.lock();
    try {
      if (unflushed.isEmpty()) {
        return 0;
      }
      Map<UUID, Instant> batch = Map.copyOf(unflushed);
      QuarkusTransaction.requiringNew().run(() -> keys.recordUses(batch));
      batch.forEach(unflushed::remove); // remove(key, value): only what was written
      return batch.size();
    } finally {
      flushing.unlock();
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      // One line per interval at most: the uses stay in memory for the next try.
      LOG.warnf("Last use of %d API key(s) not written yet: %s", unflushed.size(), e.toString());
    }
  }
}
