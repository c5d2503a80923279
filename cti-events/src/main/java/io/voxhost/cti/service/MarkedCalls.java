package io.voxhost.cti.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Tells this node's call builder that the event writer has just marked calls to build again, so a
 * record follows its events within milliseconds rather than at the next poll. Other nodes' marks
 * are found by the poll.
 */
@ApplicationScoped
public class MarkedCalls {

  private final Semaphore marked = new Semaphore(0);

  /** Calls were marked. */
  public void marked() {
    if (marked.availablePermits() == 0) {
      marked.release();
    }
  }

  /** Waits until calls are marked, or {@code millis} pass. */
  void await(long millis) throws InterruptedException {
    if (marked.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
      marked.drainPermits();
    }
  }
}
