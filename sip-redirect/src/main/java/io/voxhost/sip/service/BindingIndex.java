package io.voxhost.sip.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Bindings in memory, one immutable list per AOR, kept sorted best first. Lookups never lock;
 * changes to one AOR are serialised by the map. This is what the redirect path reads; the database
 * behind it is the system of record.
 */
public final class BindingIndex {

  private final Map<String, List<Binding>> byAor = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();

  /** What a change did: the outcome, and the live bindings before and after. */
  public record Change(RegisterOutcome outcome, List<Binding> before, List<Binding> after) {}

  /** The AOR's bindings live at {@code now}, best first. */
  public List<Binding> lookup(String aorKey, Instant now) {
    List<Binding> bindings = byAor.get(aorKey);
    return bindings == null ? List.of() : live(bindings, now);
  }

  /**
   * Runs {@code change} on the AOR's live bindings and keeps the result if it is {@link
   * RegisterOutcome.Registered}.
   */
  public Change update(
      AddressOfRecord aor, Instant now, Function<List<Binding>, RegisterOutcome> change) {
    AtomicReference<Change> result = new AtomicReference<>();
    byAor.compute(
        aor.key(),
        (key, stored) -> {
          List<Binding> live = stored == null ? List.of() : live(stored, now);
          RegisterOutcome outcome = change.apply(live);
          if (outcome instanceof RegisterOutcome.Registered registered) {
            List<Binding> after = sorted(registered.bindings());
            result.set(new Change(outcome, live, after));
            size.addAndGet(after.size() - (stored == null ? 0 : stored.size()));
            return after.isEmpty() ? null : after;
          }
          result.set(new Change(outcome, live, live));
          return stored;
        });
    return result.get();
  }

  /** Puts the AOR's bindings as the database has them (another node changed them). */
  public void replace(String aorKey, List<Binding> bindings) {
    List<Binding> after = sorted(bindings);
    byAor.compute(
        aorKey,
        (key, stored) -> {
          size.addAndGet(after.size() - (stored == null ? 0 : stored.size()));
          return after.isEmpty() ? null : after;
        });
  }

  /** Drops the AOR's bindings; returns what it had. */
  public List<Binding> remove(String aorKey) {
    List<Binding> removed = byAor.remove(aorKey);
    if (removed == null) {
      return List.of();
    }
    size.addAndGet(-removed.size());
    return removed;
  }

  /** Removes bindings expired at {@code now}; returns how many. */
  public int sweep(Instant now) {
    AtomicInteger removed = new AtomicInteger();
    // Reading is lock-free and cheap; only AORs with something expired take the bin lock.
    for (Map.Entry<String, List<Binding>> entry : byAor.entrySet()) {
      if (live(entry.getValue(), now) == entry.getValue()) {
        continue;
      }
      byAor.computeIfPresent(
          entry.getKey(),
          (k, bindings) -> {
            List<Binding> live = live(bindings, now);
            int gone = bindings.size() - live.size();
            removed.addAndGet(gone);
            size.addAndGet(-gone);
            return live.isEmpty() ? null : live;
          });
    }
    return removed.get();
  }

  /** Live bindings whose AOR key passes {@code filter}, at most {@code limit}. */
  public List<Binding> select(Predicate<String> filter, Instant now, int limit) {
    List<Binding> out = new ArrayList<>();
    for (Map.Entry<String, List<Binding>> e : byAor.entrySet()) {
      if (!filter.test(e.getKey())) {
        continue;
      }
      for (Binding b : e.getValue()) {
        if (b.isLiveAt(now)) {
          out.add(b);
          if (out.size() >= limit) {
            return out;
          }
        }
      }
    }
    return out;
  }

  /** The AORs held, as a copy. */
  public Set<String> aorKeys() {
    return Set.copyOf(byAor.keySet());
  }

  /** Bindings held, including any expired since the last sweep. */
  public int size() {
    return size.get();
  }

  private static List<Binding> live(List<Binding> bindings, Instant now) {
    for (Binding b : bindings) {
      if (!b.isLiveAt(now)) {
        return bindings.stream().filter(x -> x.isLiveAt(now)).toList();
      }
    }
    return bindings;
  }

  private static List<Binding> sorted(List<Binding> bindings) {
    return bindings.stream().sorted(Registrar.PREFERENCE).toList();
  }
}
