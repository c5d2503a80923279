package io.voxhost.server;

import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.config.ConfigValidationException;
import io.voxhost.platform.config.StartupFailure;
import io.voxhost.platform.node.BootstrapConfig;
import io.voxhost.platform.node.NodeBootstrap;
import io.voxhost.platform.node.NodeStartup;
import io.voxhost.platform.node.PreparedNode;
import io.voxhost.platform.node.systemd.JournalPriority;
import io.voxhost.platform.node.systemd.SystemdNotifier;
import io.voxhost.server.cli.VoxhostCli;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's entry point. The database must answer before Quarkus opens its first connection and
 * must stop only after the last HTTP request has finished, so it is started before the application
 * and stopped after it, around {@link Quarkus#run}. Exit status: 0 after a stop (SIGTERM included),
 * {@link StartupFailure#EX_CONFIG} (78) when a setting is wrong, 1 when start-up failed otherwise.
 */
@QuarkusMain
public final class VoxhostMain {

  private static final long SHUTDOWN_WAIT_SECONDS = 90;

  private VoxhostMain() {}

  public static void main(String... args) {
    if (VoxhostCli.handles(args)) {
      // voxhost check-config, status, admin: answered without booting Quarkus or the database.
      System.exit(VoxhostCli.run(args));
      return;
    }
    if (Boolean.getBoolean("quarkus.appcds.generate")) {
      // The build records the classes start-up loads; it stops before any connection is made.
      Quarkus.run(args);
      return;
    }
    // systemd hears of what happens before the application exists: the database it waits for,
    // the time a first start needs, and the start of a shutdown.
    SystemdNotifier systemd = SystemdNotifier.fromEnvironment();
    PreparedNode node;
    try {
      node = NodeBootstrap.prepare(BootstrapConfig.read(), systemd);
    } catch (StartupFailure e) {
      System.err.println(JournalPriority.error("voxhost: " + e.getMessage()));
      System.exit(e.exitCode());
      return;
    }
    node.applicationProperties().forEach(System::setProperty);
    // The embedded database starts while Quarkus boots; if it cannot, nothing else can run.
    node.embedded()
        .ifPresent(
            database ->
                database.onFailure(
                    failure -> {
                      System.err.println(JournalPriority.error("voxhost: " + failure.getMessage()));
                      System.exit(1);
                    }));

    // On SIGTERM the JVM halts once its shutdown hooks return; this one holds it until the
    // main thread below has stopped the database after Quarkus finished, and then ends the process
    // itself: a drained stop is a success (0), where the JVM's own end would say 143, which systemd
    // counts as a failure. The main thread halts as well; whichever comes first decides, with the
    // same status.
    CountDownLatch closed = new CountDownLatch(1);
    AtomicBoolean shuttingDown = new AtomicBoolean();
    AtomicInteger exitCode = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  shuttingDown.set(true);
                  systemd.stopping("stopping");
                  try {
                    if (closed.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                      haltAfterStop(failed.get() ? exitCode.get() : 0);
                    }
                    node.close();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "voxhost-database-stop"));

    try {
      Quarkus.run(
          Node.class,
          (code, failure) -> {
            node.startupEnded();
            exitCode.set(code);
            if (failure != null) {
              failed.set(true);
              exitCode.set(reportStartFailure(failure));
            }
          },
          args);
    } finally {
      node.close();
      closed.countDown();
    }
    if (shuttingDown.get()) {
      // A signal began the shutdown and everything has stopped in order (see the hook above).
      // System.exit would wait forever here, as shutdown hooks are running: halt ends it.
      haltAfterStop(failed.get() ? exitCode.get() : 0);
    }
    System.exit(exitCode.get());
  }

  private static void haltAfterStop(int status) {
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(status);
  }

  /** Prints the one line that says why start-up failed; returns the exit status for it. */
  private static int reportStartFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StartupFailure startup) {
        System.err.println(JournalPriority.error("voxhost: " + startup.getMessage()));
        return startup.exitCode();
      }
      if (cause instanceof ConfigValidationException invalid) {
        // SmallRye names the key and the converter says what it expected: one line is enough.
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < invalid.getProblemCount(); i++) {
          problems.add(invalid.getProblem(i).getMessage().replaceFirst("^SRCFG\\d+: ", ""));
        }
        System.err.println(
            JournalPriority.error(
                "voxhost: invalid configuration: " + String.join("; ", problems)));
        return StartupFailure.EX_CONFIG;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    System.err.println(JournalPriority.error("voxhost: start-up failed: " + failure));
    System.err.println(JournalPriority.error(trace.toString().stripTrailing()));
    return StartupFailure.FAILED;
  }

  /**
   * Runs until the process is asked to stop. Quarkus calls it once the application has started, its
   * HTTP port included: the moment to tell systemd the node is ready.
   */
  @Singleton
  @Unremovable
  public static final class Node implements QuarkusApplication {

    private final NodeStartup startup;

    Node(NodeStartup startup) {
      this.startup = startup;
    }

    @Override
    public int run(String... args) {
      startup.serving();
      Quarkus.waitForExit();
      return 0;
    }
  }
}
