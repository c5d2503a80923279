package io.voxhost.phones.cli;

import io.voxhost.phones.codec.PhoneModel;
import io.voxhost.phones.transport.FleetSetup;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voxhost-phones accounts}: the SIP accounts a run's setup makes (user, password, MAC), as
 * CSV on stdout, so that another registrar can be given the same fleet (the Kamailio comparison of
 * bench/phones-kamailio.sh). The passwords follow from {@code --seed}: test accounts only.
 */
@Command(
    name = "accounts",
    mixinStandardHelpOptions = true,
    description = "Print the SIP accounts a run's setup makes, as CSV: user,password,mac.")
public final class AccountsCommand implements Callable<Integer> {

  @Option(
      names = "--phones",
      defaultValue = "200",
      description = "Phones (default: ${DEFAULT-VALUE})")
  int phones;

  @Option(
      names = "--first",
      defaultValue = "1",
      description = "The first phone's number (default: ${DEFAULT-VALUE})")
  int first;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "The run's seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() {
    StringBuilder out = new StringBuilder("user,password,mac\n");
    for (FleetSetup.Member m :
        FleetSetup.members(first, phones, seed, PhoneModel.parseAll("yealink"))) {
      out.append(m.user())
          .append(',')
          .append(m.password())
          .append(',')
          .append(m.mac())
          .append('\n');
    }
    System.out.print(out);
    return 0;
  }
}
