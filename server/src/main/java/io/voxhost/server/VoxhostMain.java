package io.voxhost.server;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.config.ConfigValidationException;
import io.voxhost.platform.config.StartupFailure;
import io.voxhost.platform.node.BootstrapConfig;
import io.voxhost.platform.node.NodeBootstrap;
import io.voxhost.platform.node.PreparedNode;
import io.voxhost.server.cli.VoxhostCli;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's entry point. The database must answer before Quarkus opens its first connection and
 * must stop only after the last HTTP request has finished, so it is started before the application
 * and stopped after it, around {@link Quarkus#run}.
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
    PreparedNode node;
    try {
      node = NodeBootstrap.prepare(BootstrapConfig.read());
    } catch (StartupFailure e) {
      System.err.println("voxhost: " + e.getMessage());
      System.exit(1);
      return;
    }
    node.applicationProperties().forEach(System::setProperty);
    // The embedded database starts while Quarkus boots; if it cannot, nothing else can run.
    node.embedded()
        .ifPresent(
            database ->
                database.onFailure(
                    failure -> {
                      System.err.println("voxhost: " + failure.getMessage());
                      System.exit(1);
                    }));

    // On SIGTERM the JVM halts once its shutdown hooks return; this one holds it until the
    // main thread below has stopped the database after Quarkus finished.
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    if (!closed.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                      node.close();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "voxhost-database-stop"));

    AtomicInteger exitCode = new AtomicInteger();
    try {
      Quarkus.run(
          Node.class,
          (code, failure) -> {
            exitCode.set(code);
            if (failure != null) {
              reportStartFailure(failure);
            }
          },
          args);
    } finally {
      node.close();
      closed.countDown();
    }
    System.exit(exitCode.get());
  }

  private static void reportStartFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StartupFailure startup) {
        System.err.println("voxhost: " + startup.getMessage());
        return;
      }
      if (cause instanceof ConfigValidationException invalid) {
        // SmallRye names the key and the converter says what it expected: one line is enough.
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < invalid.getProblemCount(); i++) {
          problems.add(invalid.getProblem(i).getMessage().replaceFirst("^SRCFG\\d+: ", ""));
        }
        System.err.println("voxhost: invalid configuration: " + String.join("; ", problems));
        return;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    System.err.println("voxhost: start-up failed: " + failure);
    failure.printStackTrace();
  }

  /** Runs until the process is asked to stop. */
  public static final class Node implements QuarkusApplication {
    @Override
    public int run(String... args) {
      Quarkus.waitForExit();
      return 0;
    }
  }
}
