package io.voxhost.platform.node.systemd;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * What the node tells systemd about itself (sd_notify(3)): ready, reloading, stopping, what it is
 * doing, that it is alive, that start-up needs more time. Without {@code $NOTIFY_SOCKET} (not run
 * by systemd, or a unit that is not {@code Type=notify}) every call does nothing. A notification
 * that cannot be sent is logged, never thrown: telling systemd must not stop the node.
 */
public final class SystemdNotifier implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SystemdNotifier.class);

  private final NotifySocket socket;
  private final Duration watchdogInterval;
  private final AtomicBoolean failedBefore = new AtomicBoolean();

  SystemdNotifier(NotifySocket socket, Duration watchdogInterval) {
    this.socket = socket;
    this.watchdogInterval = watchdogInterval;
  }

  /** The notifier this process's environment asks for. */
  public static SystemdNotifier fromEnvironment() {
    return fromEnvironment(System.getenv(), ProcessHandle.current().pid());
  }

  /** A notifier that sends nothing, for a process systemd does not run. */
  public static SystemdNotifier silent() {
    return new SystemdNotifier(null, null);
  }

  static SystemdNotifier fromEnvironment(Map<String, String> env, long pid) {
    String address = env.get("NOTIFY_SOCKET");
    if (address == null || address.isEmpty()) {
      return new SystemdNotifier(null, null);
    }
    NotifySocket socket;
    try {
      socket = NotifySocket.open(address);
    } catch (IOException e) {
      LOG.warnf("Not notifying systemd: %s", e.getMessage());
      return new SystemdNotifier(null, null);
    }
    return new SystemdNotifier(socket, watchdogInterval(env, pid).orElse(null));
  }

  /**
   * Half of {@code $WATCHDOG_USEC}, as sd_watchdog_enabled(3) advises, when the watchdog is meant
   * for this process ({@code $WATCHDOG_PID} absent or ours).
   */
  static Optional<Duration> watchdogInterval(Map<String, String> env, long pid) {
    String usec = env.get("WATCHDOG_USEC");
    if (usec == null || usec.isBlank()) {
      return Optional.empty();
    }
    String forPid = env.get("WATCHDOG_PID");
    try {
      if (forPid != null && !forPid.isBlank() && Long.parseLong(forPid.strip()) != pid) {
        return Optional.empty();
      }
      long micros = Long.parseLong(usec.strip());
      if (micros <= 0) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofNanos(micros * 1_000 / 2));
    } catch (NumberFormatException e) {
      LOG.warnf("Ignoring the watchdog: WATCHDOG_USEC=%s WATCHDOG_PID=%s", usec, forPid);
      return Optional.empty();
    }
  }

  /** Whether systemd listens: {@code $NOTIFY_SOCKET} named a socket that could be opened. */
  public boolean listening() {
    return socket != null;
  }

  /** How often to send {@link #watchdog()}, if systemd watches this process. */
  public Optional<Duration> watchdogInterval() {
    return Optional.ofNullable(watchdogInterval);
  }

  /** Start-up finished: the node serves. */
  public void ready(String status) {
    send("READY=1\nSTATUS=" + oneLine(status));
  }

  /** What the node is doing now, as {@code systemctl status} shows it. */
  public void status(String text) {
    send("STATUS=" + oneLine(text));
  }

  /** Start-up (or shutdown) needs up to {@code more} from now, whatever the unit's timeout. */
  public void extendTimeout(Duration more) {
    send("EXTEND_TIMEOUT_USEC=" + Math.max(1, more.toNanos() / 1_000));
  }

  /** The node proved alive since the last ping. */
  public void watchdog() {
    send("WATCHDOG=1");
  }

  /** Shutdown began. */
  public void stopping(String status) {
    send("STOPPING=1\nSTATUS=" + oneLine(status));
  }

  /**
   * A reload began. {@code MONOTONIC_USEC} is what {@code Type=notify-reload} units require with
   * it: on Linux, {@link System#nanoTime()} reads CLOCK_MONOTONIC.
   */
  public void reloading(String status) {
    send(
        "RELOADING=1\nMONOTONIC_USEC=" + System.nanoTime() / 1_000 + "\nSTATUS=" + oneLine(status));
  }

  /** A reload finished: the node serves again, with {@code status} saying what changed. */
  public void reloaded(String status) {
    ready(status);
  }

  private void send(String message) {
    if (socket == null) {
      return;
    }
    try {
      socket.send(message);
      if (failedBefore.compareAndSet(true, false)) {
        LOG.infof("Notifying systemd at %s again", socket);
      }
    } catch (IOException e) {
      if (failedBefore.compareAndSet(false, true)) {
        LOG.warnf("Cannot notify systemd: %s", e.getMessage());
      } else {
        LOG.debugf("Cannot notify systemd: %s", e.getMessage());
      }
    }
  }

  /** A newline would start another assignment: status texts stay on one line. */
  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("[\\r\\n]+", " ").strip();
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.close();
    }
  }
}
