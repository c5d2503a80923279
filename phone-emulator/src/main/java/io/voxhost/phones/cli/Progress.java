package io.voxhost.phones.cli;

import io.voxhost.phones.service.Fleet;
import io.voxhost.phones.service.PhaseStats;

/** A line a second on the terminal: the phase running and its counts so far. */
final class Progress implements AutoCloseable {

  private final Thread thread;

  /** No progress: agents run the phases, and the coordinator reports each as it ends. */
  static Progress none() {
    return new Progress(null);
  }

  private volatile boolean running = true;

  Progress(Fleet fleet) {
    if (fleet == null) {
      thread = null;
      return;
    }
    thread =
        new Thread(
            () -> {
              while (running) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
                PhaseStats s = fleet.current();
                System.err.printf(
                    "[%s] fetched %d  registered %d  calls %d placed, %d completed  failed %d"
                        + "  (%d phones)%n",
                    s.phase(),
                    s.fetchedCount(),
                    s.registeredCount(),
                    s.placedCount(),
                    s.completedCount(),
                    s.failedCount(),
                    fleet.size());
              }
            },
            "phones-progress");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
