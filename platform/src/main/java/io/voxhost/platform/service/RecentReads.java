package io.voxhost.platform.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.RemovalCause;
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
 * <p>Forgetting is final: once {@link #forget} returns, no read that began before it is answered
 * from memory, not even one still under way (a request's or a background one) that puts its entry
 * afterwards. Every read is stamped with a generation taken before it reads; a forget takes a new
 * generation and leaves a mark (by key, or by the tag of the value, such as a key's prefix that
 * another node announces) that outlives the TTL; an entry stamped before a mark that applies to it
 * is never answered. A cache that only removed entries would lose that race: a read that saw the
 * row before the change commits can put its entry after the removal.
 *
 * @param <K> what an entry is found by
 * @param <V> the row as the callers use it
 */
final class RecentReads<K, V> {

  private static final Logger LOG = Logger.getLogger(RecentReads.class);
  private static final long FAILURE_LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

  /** A value read at ticker time {@code at} by a read that began in {@code generation}. */
  private record Read<V>(V value, long at, long generation) {}

  /** Where a forget's mark applies: one key, or every value with one tag. */
  private record Mark(boolean byTag, Object what) {}

  private final String what;
  private final Ticker ticker;
  private final long ttlNanos;
  private final LoadingCache<K, Read<V>> reads;
  private final Function<V, Object> tagOf;
  private final AtomicLong lastFailureLog;

  /** Taken by every read before it reads, moved on by every forget. */
  private final AtomicLong generations = new AtomicLong();

  /** Reads that began before this generation are never answered (forgetAll, or a lost mark). */
  private final AtomicLong floor = new AtomicLong();

  /** The generation of the last forget of a key or tag, kept for longer than any entry lives. */
  private final Cache<Mark, Long> marks;

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
    this(what, ttlSetting, ttl, maxEntries, executor, ticker, reread, value -> value);
  }

  /**
   * As above, with {@code tagOf} naming what {@link #forgetTagged} finds a value by (such as the
   * prefix of an API key, which other nodes may announce; the key of the cache may be a secret).
   */
  RecentReads(
      String what,
      String ttlSetting,
      Duration ttl,
      int maxEntries,
      Executor executor,
      Ticker ticker,
      BiFunction<K, V, V> reread,
      Function<V, Object> tagOf) {
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
    this.tagOf = tagOf;
    // A mark outlives every entry it applies to: those were read before it, so they are past the
    // TTL when it expires. Should marks ever be evicted for room, the floor takes their place.
    this.marks =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .expireAfterWrite(ttl.plusSeconds(1))
            .ticker(ticker)
            .executor(Runnable::run)
            .<Mark, Long>evictionListener(
                (mark, generation, cause) -> {
                  if (cause != RemovalCause.EXPIRED && generation != null) {
                    floor.accumulateAndGet(generation, Math::max);
                  }
                })
            .build();
  }

  /** The entry if it was read within the TTL; never waits. */
  Optional<V> fresh(K key) {
    Read<V> read = reads.getIfPresent(key);
    if (read == null || !isFresh(read)) {
      return Optional.empty();
    }
    if (forgotten(key, read)) {
      reads.asMap().remove(key, read);
      return Optional.empty();
    }
    return Optional.of(read.value());
  }

  /**
   * The entry from memory if it was read within the TTL, else {@code read} now (a blocking call); a
   * null from {@code read} is an absence, answered empty and not remembered. A read overtaken by a
   * {@link #forget} of its entry (it may have seen the row before the change) is done once more.
   */
  Optional<V> get(K key, Function<K, V> read) {
    Optional<V> known = fresh(key);
    if (known.isPresent()) {
      return known;
    }
    Read<V> current = load(key, read);
    if (current != null && forgotten(key, current)) {
      reads.asMap().remove(key, current);
      // This second read began after the forget's mark, so after the change it marks committed; a
      // forget that overtakes it too is concurrent with this request and may be answered either
      // way.
      current = load(key, read);
    }
    return current == null ? Optional.empty() : Optional.of(current.value());
  }

  private Read<V> load(K key, Function<K, V> read) {
    // Under the cache's lock for this key, so that concurrent requests for one key read it once.
    return reads
        .asMap()
        .compute(
            key,
            (k, old) -> {
              if (old != null && isFresh(old) && !forgotten(k, old)) {
                return old;
              }
              long at = ticker.read();
              long generation = generations.get();
              V value = read.apply(k);
              return value == null ? null : new Read<>(value, at, generation);
            });
  }

  /**
   * Forgets the entry of {@code key}; call it once the change is committed. A read of it already
   * under way is not answered from memory once this returns.
   */
  void forget(K key) {
    mark(new Mark(false, key));
    reads.invalidate(key);
  }

  /**
   * Forgets every entry whose value has {@code tag}, with the same guarantee as {@link
   * #forget(Object)}: for a change announced by value (another node knows no secret key).
   */
  void forgetTagged(Object tag) {
    mark(new Mark(true, tag));
    reads.asMap().values().removeIf(read -> tag.equals(tagOf.apply(read.value())));
  }

  void forgetAll() {
    floor.accumulateAndGet(generations.incrementAndGet(), Math::max);
    reads.invalidateAll();
  }

  private void mark(Mark mark) {
    long generation = generations.incrementAndGet();
    marks.asMap().merge(mark, generation, Math::max);
  }

  /** Whether a forget that began after this entry's read started applies to it. */
  private boolean forgotten(K key, Read<V> read) {
    if (read.generation() < floor.get()) {
      return true;
    }
    if (marks.estimatedSize() == 0) {
      return false; // the common case: nothing was forgotten within the TTL
    }
    Long byKey = marks.getIfPresent(new Mark(false, key));
    if (byKey != null && read.generation() < byKey) {
      return true;
    }
    Long byTag = marks.getIfPresent(new Mark(true, tagOf.apply(read.value())));
    return byTag != null && read.generation() < byTag;
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
      long generation = generations.get();
      try {
        V value = reread.apply(key, old.value());
        return value == null ? null : new Read<>(value, at, generation);
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
