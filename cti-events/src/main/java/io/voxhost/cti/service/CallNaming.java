package io.voxhost.cti.service;

import io.voxhost.cnam.api.CallerName;
import io.voxhost.cnam.api.CallerNames;
import io.voxhost.cti.service.CallStore.Named;
import io.voxhost.cti.service.CallStore.Unnamed;
import io.voxhost.platform.concurrent.RepeatingWork;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.role.RoleLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Puts the caller-name role's names on call records: once a second, the callers of calls not looked
 * up yet are asked about, {@link #BATCH} at once (each lookup within the caller-name role's own
 * budget), and the answers stored beside the record, where rebuilding it leaves them. Runs only on
 * a node that runs the {@code cnam} role: the lookup rules and providers are its business.
 */
@ApplicationScoped
public class CallNaming {

  private static final Logger LOG = Logger.getLogger(CallNaming.class);

  /** Calls asked about at once: the lookups in flight. */
  static final int BATCH = 512;

  /** Batches in one run at most, so that numbers that keep failing cannot hold a run forever. */
  private static final int BATCHES_A_RUN = 8;

  /** How long a run waits for its lookups; each has the caller-name role's budget, far less. */
  private static final long WAIT_SECONDS = 10;

  private final CallStore store;
  private final Instance<CallerNames> names;
  private final RoleLifecycle roles;
  private final RoleThreads threads;
  private RepeatingWork work;

  CallNaming(
      CallStore store, Instance<CallerNames> names, RoleLifecycle roles, RoleThreads threads) {
    this.store = store;
    this.names = names;
    this.roles = roles;
    this.threads = threads;
  }

  /** Whether this node names calls: the caller-name role is here and runs. */
  public boolean active() {
    return names.isResolvable() && roles.enabled().isEnabled("cnam");
  }

  public synchronized void start() {
    if (work == null && active()) {
      work =
          threads
              .repeatAlone(
                  "cti",
                  "call-naming",
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(30),
                  this::nameWaiting)
              .start();
    }
  }

  public synchronized void stop() {
    if (work != null) {
      work.cancel();
      work = null;
    }
  }

  /** Names the calls waiting, a batch at a time; returns how many were asked about. */
  public int nameWaiting() {
    int total = 0;
    for (int i = 0; i < BATCHES_A_RUN; i++) {
      List<Unnamed> batch = store.unnamed(BATCH);
      if (!batch.isEmpty()) {
        store.named(lookUp(batch));
        total += batch.size();
      }
      if (batch.size() < BATCH) {
        break;
      }
    }
    return total;
  }

  private List<Named> lookUp(List<Unnamed> batch) {
    CallerNames lookup = names.get();
    List<CompletableFuture<Named>> asked = new ArrayList<>();
    for (Unnamed u : batch) {
      CompletableFuture<Named> answer;
      try {
        answer =
            lookup
                .lookup(u.tenant(), u.number())
                .toCompletableFuture()
                .thenApply(found -> named(u, found));
      } catch (RuntimeException notANumber) {
        answer = CompletableFuture.completedFuture(nowhere(u));
      }
      // A number that is no number (an extension the tenant has not, a name) is asked once.
      asked.add(answer.exceptionally(failure -> nowhere(u)));
    }
    try {
      CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
          .get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debugf("Caller names of call records: %s", e.toString());
    }
    List<Named> answers = new ArrayList<>();
    for (CompletableFuture<Named> a : asked) {
      if (a.isDone()) {
        answers.add(a.join());
      }
    }
    return answers;
  }

  private static Named named(Unnamed u, CallerName found) {
    return new Named(u, u.number(), found.name(), found.source());
  }

  private static Named nowhere(Unnamed u) {
    return new Named(u, u.number(), null, CallerName.NONE);
  }
}
