package io.voxhost.server.cli;

import io.voxhost.platform.config.StartupFailure;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code voxhost check-config}: what {@code nginx -t} is to nginx. */
@Command(
    name = "check-config",
    usageHelpAutoWidth = true,
    description = {
      "Validates the configuration a node started here would read (VOXHOST_* environment"
          + " variables, config/application.properties or QUARKUS_CONFIG_LOCATIONS, -D system"
          + " properties in JAVA_OPTS) without starting it: no database, no port.",
      "Checks every value's type, the role list, the listen addresses, the data directory and"
          + " the paths the enabled roles use. Not checked: whether the ports are free and"
          + " whether an external database answers.",
      "Exits 0 and prints 'configuration ok' with the roles and data directory (and a warning"
          + " for each voxhost.* key of a file or -D that no setting has: a node ignores it), or"
          + " exits 78 with one line on stderr naming the setting."
    })
final class CheckConfigCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      ConfigCheck.CheckedConfig checked = ConfigCheck.run();
      for (String key : checked.unknownKeys()) {
        // Not an error: the node starts with it, ignoring it; but it is most likely a typo.
        spec.commandLine()
            .getErr()
            .println(
                "voxhost: warning: " + key + " is no setting of this build; a node ignores it");
      }
      out.println(
          "configuration ok: roles "
              + String.join(",", checked.roles())
              + ", data directory "
              + checked.dataDir());
      return Exit.OK;
    } catch (StartupFailure e) {
      spec.commandLine().getErr().println("voxhost: " + e.getMessage());
      return Exit.CONFIG;
    }
  }
}
