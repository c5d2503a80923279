package io.voxhost.sip.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Bindings in memory, one immutable list per AOR. Lookups never lock; updates of one AOR are
 * serialised by the map.
 */
public final class InMemoryLocationStore implements LocationStore {

  private final Map<String, List<Binding>> byAor = new ConcurrentHashMap<>();

  @Override
  public List<Binding> lookup(AddressOfRecord aor, Instant now) {
    List<Binding> bindings = byAor.get(aor.key());
    if (bindings == null) {
      return List.of();
    }
    return bindings.stream().filter(b -> b.isLiveAt(now)).sorted(Registrar.PREFERENCE).toList();
  }

  @Override
  public RegisterOutcome update(
      AddressOfRecord aor, Instant now, Function<List<Binding>, RegisterOutcome> change) {
    AtomicReference<RegisterOutcome> outcome = new AtomicReference<>();
    byAor.compute(
        aor.key(),
        (key, stored) -> {
          List<Binding> live =
              stored == null ? List.of() : stored.stream().filter(b -> b.isLiveAt(now)).toList();
          RegisterOutcome result = change.apply(live);
          outcome.set(result);
          if (result instanceof RegisterOutcome.Registered registered) {
            return registered.bindings().isEmpty() ? null : registered.bindings();
          }
          return stored;
        });
    return outcome.get();
  }

  @Override
  public int sweep(Instant now) {
    AtomicInteger removed = new AtomicInteger();
    for (String key : byAor.keySet()) {
      byAor.computeIfPresent(
          key,
          (k, bindings) -> {
            List<Binding> live = bindings.stream().filter(b -> b.isLiveAt(now)).toList();
            removed.addAndGet(bindings.size() - live.size());
            return live.isEmpty() ? null : live;
          });
    }
    return removed.get();
  }

  @Override
  public long size() {
    return byAor.values().stream().mapToLong(List::size).sum();
  }
}
