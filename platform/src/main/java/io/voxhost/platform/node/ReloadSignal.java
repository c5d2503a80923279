package io.voxhost.platform.node;

import io.voxhost.platform.concurrent.RoleThreads;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP ({@code systemctl reload}, {@code kill -HUP}) reloads the node. The JVM's own answer to
 * SIGHUP is to exit; this replaces it while the node runs. The signal thread only hands the reload
 * to a thread of its own ({@link CoalescedRuns}): HUPs that arrive while one is waiting are one
 * reload, and a HUP during a reload gives exactly one more after it.
 */
@ApplicationScoped
public class ReloadSignal {

  private static final Logger LOG = Logger.getLogger(ReloadSignal.class);
  private static final Signal HUP = new Signal("HUP");

  private final NodeReload reload;
  private final RoleThreads threads;
  private ThreadPoolExecutor worker;
  private CoalescedRuns reloads;
  private boolean listening;

  /**
   * The application's class loader, from the thread that started the node: the configuration and
   * the beans a reload reaches are found through it, and a pool thread does not carry it.
   */
  private volatile ClassLoader application;

  ReloadSignal(NodeReload reload, RoleThreads threads) {
    this.reload = reload;
    this.threads = threads;
  }

  /** Takes SIGHUP from now on; called once the roles have started. */
  public synchronized void listen() {
    if (listening) {
      return;
    }
    application = Thread.currentThread().getContextClassLoader();
    if (worker == null) {
      // One thread, one waiting reload: the coalescing above needs no more. Not watched by the
      // watchdog: a reload is bounded by its own deadlines (it reads local files, and any
      // database call it makes has voxhost.db.timeout), may rightly take longer than an
      // interval, and its queue's one slot is for the next reload, not for a probe.
      worker = threads.unwatchedPool("node", "reload", 1, 1);
      reloads = new CoalescedRuns(worker, this::reloadNow);
    }
    try {
      CoalescedRuns runs = reloads;
      Signal.handle(HUP, signal -> runs.request());
      listening = true;
    } catch (IllegalArgumentException e) {
      // The JVM runs with -Xrs or the signal is taken: the node runs, without reload by signal.
      LOG.warnf("SIGHUP cannot be taken (%s): reload by signal is unavailable", e.getMessage());
    }
  }

  /**
   * Stops taking SIGHUP; called at the start of shutdown. The signal is ignored from then on rather
   * than given back to the JVM, whose answer (exit at once) would cut the drain short.
   */
  public synchronized void close() {
    if (listening) {
      Signal.handle(HUP, SignalHandler.SIG_IGN);
      listening = false;
    }
    if (worker != null) {
      worker.shutdown();
      try {
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
          LOG.warn("A reload was still running at shutdown");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void reloadNow() {
    Thread.currentThread().setContextClassLoader(application);
    try {
      reload.reload();
    } catch (RuntimeException e) {
      LOG.error("reload failed; the node goes on with what it had", e);
    }
  }
}
