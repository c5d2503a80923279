package io.voxhost.cnam.service;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.voxhost.cnam.CnamConfig;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.limits.KeyedSlots;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Upstream providers' answers in memory, names and "no name" alike, keyed by provider, scope (every
 * tenant for a shared provider, else the tenant that asked) and number.
 *
 * <p>Concurrent lookups of one number share one dip: the first caller's mapping function starts it
 * and is billed for it, the others join its future. An answer older than its TTL (positive or
 * negative) is still given at once, and one background dip per key refreshes it
 * (stale-while-revalidate) until TTL + {@code cache.stale-for}, when it is forgotten. A dip that
 * failed completes with null, which Caffeine does not keep: a failure is never cached as "no name".
 */
@ApplicationScoped
public class ProviderCache {

  /** Threads that start dips (resolve, check, send); the answers come on Vert.x's loops. */
  private static final int DIP_START_THREADS = 4;

  /** Dips waiting to start; each tenant's share is bounded by tenant-dips before it queues. */
  private static final int DIP_START_QUEUE = 1000;

  /** Where an answer is kept: {@code scope} null for a shared provider. */
  public record ProviderKey(String provider, UUID scope, String e164) {}

  /** A provider's answer: {@code name} null for a definite "no name". */
  public record ProviderAnswer(String name, long fetchedAtNanos) {}

  /**
   * What one provider says of a number now.
   *
   * @param answer the answer, or null when the dip failed (or was not made)
   * @param cached whether it came from memory rather than a dip made for this lookup
   * @param ageSeconds how old a cached answer is
   */
  public record Asked(ProviderAnswer answer, boolean cached, long ageSeconds) {

    static final Asked FAILED = new Asked(null, false, 0);
  }

  private final AsyncCache<ProviderKey, ProviderAnswer> cache;
  private final Map<ProviderKey, CompletableFuture<ProviderAnswer>> refreshing =
      new ConcurrentHashMap<>();
  private final ProviderDips dips;
  private final DipLedger ledger;
  private final CnamClock clock;
  private final long positiveTtl;
  private final long negativeTtl;
  private final KeyedSlots<UUID> tenantDips;
  private final ThreadPoolExecutor starts;

  ProviderCache(
      CnamConfig config,
      ProviderDips dips,
      DipLedger ledger,
      CnamClock clock,
      RoleThreads threads) {
    // A dip starts by resolving the provider's host (blocking, and slow when DNS is), so it never
    // starts on the caller's thread: an event loop, a SIP reader, or inMemory's stale read.
    this.starts = threads.pool("cnam", "dips", DIP_START_THREADS, DIP_START_QUEUE);
    this.dips = dips;
    this.ledger = ledger;
    this.clock = clock;
    this.positiveTtl = config.cache().positiveTtl().toNanos();
    this.negativeTtl = config.cache().negativeTtl().toNanos();
    this.tenantDips = new KeyedSlots<>(config.tenantDips());
    Duration staleFor = config.cache().staleFor();
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(config.cache().size())
            .ticker(clock::nanos)
            .expireAfter(
                Expiry.<ProviderKey, ProviderAnswer>writing(
                    (key, answer) -> Duration.ofNanos(ttl(answer)).plus(staleFor)))
            .buildAsync();
  }

  /** The key {@code provider}'s answers for {@code tenant} are kept under. */
  public ProviderKey key(String provider, UUID tenant, String e164) {
    return new ProviderKey(provider, dips.spec(provider).shared() ? null : tenant, e164);
  }

  /**
   * The answer memory holds, fresh or stale (a stale one starts a refresh billed to {@code
   * tenant}); empty when there is none yet, or only a dip in flight.
   */
  public Optional<Asked> inMemory(ProviderKey key, UUID tenant) {
    CompletableFuture<ProviderAnswer> held = cache.getIfPresent(key);
    if (held == null || !held.isDone() || held.isCompletedExceptionally()) {
      return Optional.empty();
    }
    ProviderAnswer answer = held.join();
    if (answer == null) {
      return Optional.empty();
    }
    long age = clock.nanos() - answer.fetchedAtNanos();
    if (age >= ttl(answer)) {
      refresh(key, tenant);
    }
    return Optional.of(new Asked(answer, true, Math.max(0, age) / 1_000_000_000L));
  }

  /**
   * The answer from memory, else from the dip in flight, else from a dip started now and billed to
   * {@code tenant}. The returned future is the caller's own: completing it early (the budget) does
   * not stop the shared dip, which goes on to fill the cache. While the provider's breaker is not
   * closed, the answer is memory's or none at once ({@link ProviderDips#admit}).
   */
  public CompletableFuture<Asked> ask(ProviderKey key, UUID tenant) {
    Optional<Asked> known = inMemory(key, tenant);
    if (known.isPresent()) {
      return CompletableFuture.completedFuture(known.get());
    }
    ProviderDips.Admission admission = dips.admit(key.provider());
    if (admission != ProviderDips.Admission.WAIT) {
      if (admission == ProviderDips.Admission.TRIAL) {
        cache.get(key, (k, executor) -> dip(k, tenant));
      }
      return CompletableFuture.completedFuture(Asked.FAILED);
    }
    return cache
        .get(key, (k, executor) -> dip(k, tenant))
        .handle(
            (answer, failure) ->
                answer == null || failure != null ? Asked.FAILED : new Asked(answer, false, 0));
  }

  /** How many answers are held (approximately). */
  public long size() {
    return cache.synchronous().estimatedSize();
  }

  /** Forgets every answer (tests, and an operator who changed a provider). */
  public void clear() {
    cache.synchronous().invalidateAll();
  }

  /**
   * One background dip per key at a time; its answer replaces the stale one, a failure does not.
   */
  private void refresh(ProviderKey key, UUID tenant) {
    CompletableFuture<ProviderAnswer> mine = new CompletableFuture<>();
    if (refreshing.putIfAbsent(key, mine) != null) {
      return;
    }
    dip(key, tenant)
        .whenComplete(
            (answer, failure) -> {
              if (answer != null) {
                cache.put(key, CompletableFuture.completedFuture(answer));
              }
              refreshing.remove(key, mine);
              mine.complete(answer);
            });
  }

  private CompletableFuture<ProviderAnswer> dip(ProviderKey key, UUID tenant) {
    // One tenant's flood of fresh numbers takes at most its share of the providers' bulkheads;
    // past it the lookup goes on without a dip (not cached: the next one may ask).
    if (!tenantDips.tryTake(tenant)) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<ProviderDips.DipResult> asked;
    try {
      asked =
          CompletableFuture.supplyAsync(() -> dips.dip(key.provider(), key.e164()), starts)
              .thenCompose(started -> started);
    } catch (RejectedExecutionException e) {
      tenantDips.give(tenant);
      return CompletableFuture.completedFuture(null); // as a failed dip: not cached, not billed
    }
    return asked
        .whenComplete((result, failure) -> tenantDips.give(tenant))
        .thenApply(
            result -> {
              if (!result.outcome().answered()) {
                return null;
              }
              ledger.bill(tenant, key.provider());
              return new ProviderAnswer(result.name(), clock.nanos());
            });
  }

  private long ttl(ProviderAnswer answer) {
    return answer.name() == null ? negativeTtl : positiveTtl;
  }
}
