package io.voxhost.cnam.service;

import io.voxhost.cnam.CnamConfig;
import io.voxhost.cnam.api.CallerName;
import io.voxhost.cnam.service.ProviderCache.Asked;
import io.voxhost.cnam.service.ProviderCache.ProviderKey;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The last step of the chain: the tenant's upstream providers, in order, through the {@link
 * ProviderCache}, within what is left of the lookup's budget. A provider that fails, or says
 * definitely that it knows no name, leaves the rest of the budget to the next; with less than
 * {@code min-provider-time} left no provider is asked. The lookup waits for a dip at most the
 * budget; the dip itself goes on to its own timeout and fills the cache for the next lookup.
 */
@Singleton
public class ProviderSource implements NameSource {

  private final ProviderCache cache;
  private final ProviderDips dips;
  private final long minProviderNanos;

  ProviderSource(ProviderCache cache, ProviderDips dips, CnamConfig config) {
    this.cache = cache;
    this.dips = dips;
    this.minProviderNanos = config.minProviderTime().toNanos();
  }

  @Override
  public int order() {
    return 40;
  }

  /** A name from memory; "none" only when every provider's answer in memory is "no name". */
  @Override
  public Optional<SourceAnswer> inMemory(Lookup lookup) {
    if (lookup.e164() == null || lookup.providers().isEmpty()) {
      return Optional.of(SourceAnswer.UNKNOWN);
    }
    for (String provider : lookup.providers()) {
      if (!dips.has(provider)) {
        continue;
      }
      Optional<Asked> known = cache.inMemory(key(provider, lookup), lookup.tenant());
      if (known.isEmpty()) {
        if (dips.skipping(provider)) {
          continue; // its breaker is open and no trial is due: a lookup would not dip either
        }
        return Optional.empty();
      }
      if (known.get().answer().name() != null) {
        return Optional.of(answer(lookup, provider, known.get()));
      }
    }
    return Optional.of(SourceAnswer.UNKNOWN);
  }

  @Override
  public CompletionStage<SourceAnswer> lookup(Lookup lookup) {
    if (lookup.e164() == null) {
      return CompletableFuture.completedFuture(SourceAnswer.UNKNOWN);
    }
    return ask(lookup, 0);
  }

  private CompletableFuture<SourceAnswer> ask(Lookup lookup, int index) {
    for (int i = index; i < lookup.providers().size(); i++) {
      String provider = lookup.providers().get(i);
      if (!dips.has(provider)) {
        continue;
      }
      long left = lookup.remainingNanos();
      if (left < minProviderNanos) {
        break;
      }
      int next = i + 1;
      return cache
          .ask(key(provider, lookup), lookup.tenant())
          .completeOnTimeout(Asked.FAILED, left, TimeUnit.NANOSECONDS)
          .thenCompose(
              asked ->
                  asked.answer() != null && asked.answer().name() != null
                      ? CompletableFuture.completedFuture(answer(lookup, provider, asked))
                      : ask(lookup, next));
    }
    return CompletableFuture.completedFuture(SourceAnswer.UNKNOWN);
  }

  private ProviderKey key(String provider, Lookup lookup) {
    return cache.key(provider, lookup.tenant(), lookup.e164());
  }

  private static SourceAnswer answer(Lookup lookup, String provider, Asked asked) {
    return SourceAnswer.of(
        asked.cached()
            ? new CallerName(
                lookup.e164(), asked.answer().name(), CallerName.CACHE, true, asked.ageSeconds())
            : CallerName.found(lookup.e164(), asked.answer().name(), provider));
  }
}
