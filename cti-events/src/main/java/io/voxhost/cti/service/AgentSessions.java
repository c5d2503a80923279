package io.voxhost.cti.service;

import io.voxhost.platform.concurrent.RepeatingWork;
import io.voxhost.platform.concurrent.RoleThreads;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Replays, once a second, the agents whose login, logoff, pause or unpause events came (they are
 * marked in the statement that writes them), into their staffed and paused time per bucket. The
 * marks are in PostgreSQL: an agent marked on a node that dies is replayed by another.
 */
@ApplicationScoped
public class AgentSessions {

  /** Marks a transaction claims. */
  static final int BATCH = 200;

  /** Transactions a run takes at most, so that a flood of agent events cannot hold the thread. */
  static final int BATCHES_A_RUN = 10;

  /** An agent's events one replay reads at most; the rest are replayed on the next run. */
  static final int MAX_EVENTS = 50_000;

  private final AgentStore store;
  private final RoleThreads threads;
  private RepeatingWork work;

  AgentSessions(AgentStore store, RoleThreads threads) {
    this.store = store;
    this.threads = threads;
  }

  public synchronized void start() {
    if (work == null) {
      work =
          threads
              .repeatAlone(
                  "cti",
                  "agent-sessions",
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(30),
                  this::replayMarked)
              .start();
    }
  }

  public synchronized void stop() {
    if (work != null) {
      work.cancel();
      work = null;
    }
  }

  /** Replays the marked agents, a batch at a time; returns the marks taken. */
  public int replayMarked() {
    int total = 0;
    for (int i = 0; i < BATCHES_A_RUN; i++) {
      int claimed = store.replayMarked(BATCH, MAX_EVENTS);
      total += claimed;
      if (claimed < BATCH) {
        break;
      }
    }
    return total;
  }
}
