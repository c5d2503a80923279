package io.voxhost.server.cli;

import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The admin commands of {@code voxhost}: {@code check-config}, {@code status} and {@code admin}.
 * They run in the application's JVM without booting Quarkus, so that a fresh machine needs nothing
 * but Java: no curl, no database, no port bound.
 */
@Command(
    name = "voxhost",
    usageHelpAutoWidth = true,
    description = {
      "Runs a Voxhost node in the foreground when given no command (arguments are passed to the"
          + " node), or administers one.",
      ""
    },
    subcommands = {
      CheckConfigCommand.class,
      StatusCommand.class,
      AdminCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 success; 2 wrong usage; 3 node not ready or unreachable (status);"
          + " 1 the API refused (admin); 69 node unreachable (admin); 78 configuration error."
    })
public final class VoxhostCli implements Runnable {

  /** The first arguments that make {@code voxhost} an admin command rather than a node. */
  private static final Set<String> COMMANDS =
      Set.of("check-config", "status", "admin", "help", "--help", "-h");

  @Mixin HelpOption help;

  @Spec CommandSpec spec;

  /** Whether these arguments name an admin command (else they start a node). */
  public static boolean handles(String... args) {
    return args.length > 0 && COMMANDS.contains(args[0]);
  }

  /** Runs the command; returns the process's exit code. */
  public static int run(String... args) {
    return new CommandLine(new VoxhostCli())
        .setExecutionExceptionHandler(
            (e, line, parsed) -> {
              line.getErr().println("voxhost: " + e);
              return 1;
            })
        .execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
