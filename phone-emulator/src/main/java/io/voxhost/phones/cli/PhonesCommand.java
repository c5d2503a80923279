package io.voxhost.phones.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code voxhost-phones}: a fleet of simulated phones against a Voxhost node. */
@Command(
    name = "voxhost-phones",
    mixinStandardHelpOptions = true,
    version = "voxhost-phones 0.1",
    description =
        "A fleet of simulated phones: boot, fetch their files, register, call, report; alone or"
            + " as a coordinator of agents.",
    subcommands = {
      RunCommand.class,
      AgentCommand.class,
      AccountsCommand.class,
      TlsRegisterCommand.class
    })
public final class PhonesCommand implements Runnable {

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new PhonesCommand()).execute(args));
  }
}
