package io.voxhost.cti.service;

import io.voxhost.cti.CtiConfig;
import io.voxhost.cti.service.CallStore.CallKey;
import io.voxhost.cti.service.CallStore.Reader;
import io.voxhost.cti.service.CallStore.TenantCall;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.database.DatabaseOutages;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Builds call records again from all their events whenever new events mark their call keys, on one
 * thread a node: claims marked keys, follows the links transfers and pickups make to the other keys
 * of each call, builds each call, and saves the records in the transaction that claimed the keys (a
 * node that dies mid-build leaves the marks for another). Also runs the sweep that closes calls
 * whose end never came.
 */
@ApplicationScoped
public class CallAssembler {

  private static final Logger LOG = Logger.getLogger(CallAssembler.class);

  private static final long IDLE_POLL_MILLIS = 500;
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  /** A tenant's source instance: the keys of one claim that may join. */
  private record Scope(UUID tenant, String instance) {}

  private final CallStore store;
  private final MarkedCalls marked;
  private final DatabaseOutages outages;
  private final RoleThreads threads;
  private final CallAssembly assembly;
  private final boolean enabled;
  private final int batch;
  private final int maxEvents;
  private final int maxKeys;
  private final int batchEvents;
  private final Duration abandonAfter;
  private final long sweepEveryMillis;
  private final LongAdder built;
  private final LongAdder unreadable;
  private volatile boolean running;
  private Thread builder;

  CallAssembler(
      CallStore store,
      MarkedCalls marked,
      DatabaseOutages outages,
      RoleThreads threads,
      CtiConfig config,
      Meters meters) {
    this.store = store;
    this.marked = marked;
    this.outages = outages;
    this.threads = threads;
    this.assembly = new CallAssembly(config.lateness());
    this.enabled = config.buildCalls();
    this.batch = config.buildBatch();
    this.maxEvents = config.maxCallEvents();
    this.maxKeys = config.maxCallKeys();
    // A claim reads at most this many events at once (about 150 bytes each in memory, plus data).
    this.batchEvents = Math.max(maxEvents, 100_000);
    this.abandonAfter = config.abandonAfter();
    this.sweepEveryMillis = config.sweepEvery().toMillis();
    this.built = calls(meters, "built");
    this.unreadable = calls(meters, "unreadable");
  }

  public synchronized void start() {
    if (enabled && builder == null) {
      running = true;
      builder = threads.thread("cti", "call-builder", this::loop);
      builder.start();
    }
  }

  public synchronized void stop(long waitMillis) throws InterruptedException {
    running = false;
    if (builder != null) {
      builder.interrupt();
      builder.join(waitMillis);
      builder = null;
    }
  }

  /** Closes the calls that have been quiet for {@code voxhost.cti.abandon-after}. */
  public int sweep() {
    Instant now = Instant.now();
    return store.sweep(now.minus(abandonAfter), now);
  }

  private void loop() {
    long nextSweep = System.currentTimeMillis() + sweepEveryMillis;
    int limit = batch;
    long backoff = 0;
    while (running) {
      try {
        if (backoff > 0) {
          Thread.sleep(backoff);
        }
        if (System.currentTimeMillis() >= nextSweep) {
          int swept = sweep();
          if (swept > 0) {
            LOG.infof("Closed %d calls whose end never came", swept);
          }
          nextSweep = System.currentTimeMillis() + sweepEveryMillis;
        }
        int claimed = store.rebuildMarked(limit, this::build);
        outages.answered();
        backoff = 0;
        limit = batch;
        if (claimed == 0) {
          marked.await(IDLE_POLL_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        backoff = Math.min(MAX_BACKOFF_MILLIS, Math.max(500, backoff * 2));
        if (DatabaseFailure.isOutage(e)) {
          if (backoff <= 500) {
            LOG.warnf("Building calls stopped, backing off: %s", e.toString());
          }
          outages.stopped("cti", "call-builder");
          continue;
        }
        // Not the database's absence: one claimed call the store will not take. Narrow the claim
        // until the one is alone, then drop its mark so the others are built.
        LOG.warnf("Building %d calls failed, trying fewer: %s", limit, e.toString());
        if (limit > 1) {
          limit = Math.max(1, limit / 2);
          backoff = 0;
        } else {
          LOG.errorf(e, "A call could not be saved; its mark is dropped");
          unreadable.increment();
          dropOne();
          limit = batch;
        }
      }
    }
  }

  private void dropOne() {
    try {
      store.rebuildMarked(1, (claimed, reader) -> List.of());
    } catch (RuntimeException e) {
      LOG.warnf("Could not drop a call's mark: %s", e.toString());
    }
  }

  /** The records of the claimed keys' calls, each built from all of its events. */
  List<TenantCall> build(List<CallKey> claimed, Reader reader) {
    Map<Scope, Set<String>> byScope = new LinkedHashMap<>();
    for (CallKey k : claimed) {
      byScope
          .computeIfAbsent(new Scope(k.tenant(), k.instance()), s -> new TreeSet<>())
          .add(k.key());
    }
    List<TenantCall> calls = new ArrayList<>();
    byScope.forEach((scope, keys) -> calls.addAll(build(scope, keys, reader)));
    return calls;
  }

  /**
   * The calls of some keys of one scope. The events they and their linked keys have are read at
   * most {@link #batchEvents} at a time: a claim that would read more is split in two, down to a
   * single key, whose call past the per-call bounds is recorded unreadable.
   */
  private List<TenantCall> build(Scope scope, Set<String> keys, Reader reader) {
    boolean single = keys.size() == 1;
    int eventBudget = single ? maxEvents : batchEvents;
    int keyBudget = keys.size() + maxKeys;
    Set<String> known = new TreeSet<>(keys);
    Set<String> swept = new HashSet<>();
    List<ReceivedEvent> all = new ArrayList<>();
    Set<String> toLoad = keys;
    String problem = null;
    // Follow the links out from the claimed keys: keys their events' channels and peers lead to,
    // and keys that records built before (from the other side of a transfer) joined to them.
    while (!toLoad.isEmpty()) {
      List<ReceivedEvent> loaded =
          reader.events(scope.tenant(), scope.instance(), toLoad, eventBudget + 1 - all.size());
      all.addAll(loaded);
      if (all.size() > eventBudget) {
        problem = "the call has more than " + maxEvents + " events (voxhost.cti.max-call-events)";
        break;
      }
      Set<String> names = new HashSet<>();
      for (ReceivedEvent r : loaded) {
        if (r.event().channel() != null) {
          names.add(r.event().channel());
        }
        if (r.event().peer() != null) {
          names.add(r.event().peer());
        }
      }
      names.removeAll(known);
      Set<String> linked = reader.linkedKeys(scope.tenant(), scope.instance(), names);
      for (CallStore.KnownCall call : reader.known(scope.tenant(), scope.instance(), toLoad)) {
        linked.addAll(call.keys());
        if (call.swept()) {
          swept.addAll(call.keys());
        }
      }
      linked.removeAll(known);
      known.addAll(linked);
      if (known.size() > keyBudget) {
        problem = "the call joins more than " + maxKeys + " call keys (voxhost.cti.max-call-keys)";
        break;
      }
      toLoad = linked;
    }
    List<TenantCall> calls = new ArrayList<>();
    if (problem != null && !single) {
      List<String> ordered = new ArrayList<>(keys);
      int half = ordered.size() / 2;
      calls.addAll(build(scope, new TreeSet<>(ordered.subList(0, half)), reader));
      calls.addAll(build(scope, new TreeSet<>(ordered.subList(half, ordered.size())), reader));
      return calls;
    }
    if (all.isEmpty()) {
      return calls;
    }
    if (problem != null) {
      unreadable.increment();
      calls.add(
          new TenantCall(scope.tenant(), CallAssembly.unreadable(scope.instance(), all, problem)));
      return calls;
    }
    Map<String, List<ReceivedEvent>> byKey = new HashMap<>();
    for (ReceivedEvent r : all) {
      byKey.computeIfAbsent(r.event().call(), k -> new ArrayList<>()).add(r);
    }
    for (TreeSet<String> group : CallLinks.groups(all)) {
      List<ReceivedEvent> events = new ArrayList<>();
      group.forEach(k -> events.addAll(byKey.get(k)));
      if (!CallAssembly.isCall(events)) {
        continue;
      }
      calls.add(new TenantCall(scope.tenant(), record(scope, group, events, swept)));
    }
    return calls;
  }

  private CallRecord record(
      Scope scope, TreeSet<String> group, List<ReceivedEvent> events, Set<String> swept) {
    if (group.size() > maxKeys || events.size() > maxEvents) {
      unreadable.increment();
      return CallAssembly.unreadable(
          scope.instance(),
          events,
          group.size() > maxKeys
              ? "the call joins more than " + maxKeys + " call keys (voxhost.cti.max-call-keys)"
              : "the call has more than " + maxEvents + " events (voxhost.cti.max-call-events)");
    }
    try {
      CallRecord record =
          assembly.build(scope.instance(), events, group.stream().anyMatch(swept::contains));
      built.increment();
      return record;
    } catch (RuntimeException e) {
      // One call's bad events make that call unreadable, never stop the others.
      LOG.debugf(e, "Call %s could not be built", group.first());
      unreadable.increment();
      return CallAssembly.unreadable(scope.instance(), events, e.toString());
    }
  }

  private static LongAdder calls(Meters meters, String outcome) {
    return meters.adder(
        MeterName.of("cti", "calls_built"),
        "Call records built from their events, by whether they could be read",
        "outcome",
        outcome);
  }
}
