package io.voxhost.platform.service;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Rows read from the database, remembered for at most a TTL. An entry in use is read again in the
 * background after half the TTL, and the request that notices is answered from memory meanwhile, so
 * a busy entry never makes a request wait; an idle one is forgotten after the TTL. An answer older
 * than the TTL is never given, even when the background read fails: the caller then reads itself,
 * and its own deadline applies. Absences are not remembered.
 *
 * @param <K> what an entry is found by
 * @param <V> the row as the callers use it
 */
final class RecentReads<K, V> {

  private static final Logger LOG = Logger.getLogger(RecentReads.class);
  private static final long FAILURE_LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

  private record Read<V>(V value, long at) {}

  private final String what;
  private final Ticker ticker;
  private final long ttlNanos;
  private final LoadingCache<K, Read<V>> reads;
  private final AtomicLong lastFailureLog;

  /**
   * @param what names the entries in the log (such as "API keys")
   * @param ttlSetting the configuration key the TTL comes from, for the error about a bad value
   * @param executor where the background reads run (they block on the database)
   * @param reread reads an entry in use again from its key and old value; null if it is gone
   */
  RecentReads(
      String what,
      String ttlSetting,
      Duration ttl,
      int maxEntries,
      Executor executor,
      Ticker ticker,
      BiFunction<K, V, V> reread) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException(ttlSetting + " must not be negative");
    }
    this.what = what;
    this.ticker = ticker;
    this.ttlNanos = ttl.toNanos();
    this.lastFailureLog = new AtomicLong(ticker.read() - FAILURE_LOG_INTERVAL_NANOS);
    Caffeine<Object, Object> builder =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .expireAfterWrite(ttl)
            .executor(executor)
            .ticker(ticker);
    if (ttlNanos >= 2) {
      builder.refreshAfterWrite(Duration.ofNanos(ttlNanos / 2));
    }
    this.reads = builder.build(new Rereads(reread));
  }

  /** The entry if it was read within the TTL; never waits. */
  Optional<V> fresh(K key) {
    Read<V> read = reads.getIfPresent(key);
    return read != null && isFresh(read) ? Optional.of(read.value()) : Optional.empty();
  }

  /**
   * The entry from memory if it was read within the TTL, else {@code read} now (a blocking call); a
   * null from {@code read} is an absence, answered empty and not remembered.
   */
  Optional<V> get(K key, Function<K, V> read) {
    Optional<V> known = fresh(key);
    if (known.isPresent()) {
      return known;
    }
    // Under the cache's lock for this key: a forget() waits for this read and then removes what it
    // put, so a change committed before the forget() is never hidden by an older read.
    Read<V> current =
        reads
            .asMap()
            .compute(
                key,
                (k, old) -> {
                  if (old != null && isFresh(old)) {
                    return old;
                  }
                  long at = ticker.read();
                  V value = read.apply(k);
                  return value == null ? null : new Read<>(value, at);
                });
    return current == null ? Optional.empty() : Optional.of(current.value());
  }

  void forget(K key) {
    reads.invalidate(key);
  }

  void forgetAll() {
    reads.invalidateAll();
  }

  private boolean isFresh(Read<V> read) {
    return ticker.read() - read.at() <= ttlNanos;
  }

  private final class Rereads implements CacheLoader<K, Read<V>> {

    private final BiFunction<K, V, V> reread;

    Rereads(BiFunction<K, V, V> reread) {
      this.reread = reread;
    }

    @Override
    public Read<V> load(K key) {
      return null; // entries come from get(), which knows how to make them
    }

    @Override
    public Read<V> reload(K key, Read<V> old) {
      long at = ticker.read();
      try {
        V value = reread.apply(key, old.value());
        return value == null ? null : new Read<>(value, at);
      } catch (RuntimeException e) {
        logFailure(e);
        return old; // with its old time: once older than the TTL it is not used
      }
    }
  }

  private void logFailure(RuntimeException e) {
    long now = ticker.read();
    long last = lastFailureLog.get();
    if (now - last >= FAILURE_LOG_INTERVAL_NANOS && lastFailureLog.compareAndSet(last, now)) {
      LOG.warnf("%s in use could not be read again from the database: %s", what, e.toString());
    }
  }
}
