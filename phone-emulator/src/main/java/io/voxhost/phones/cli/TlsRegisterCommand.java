package io.voxhost.phones.cli;

import io.voxhost.phones.transport.TlsRegistrations;
import io.voxhost.phones.transport.Trust;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voxhost-phones tls-register}: phones that register over TLS and keep their connection, for
 * the SIP-over-TLS figures of bench/sip-tls.sh: how many stay registered on one node, and how fast
 * they can refresh. Accounts are named by a pattern ({@code user%06d} / {@code pw%06d}, the shared
 * SIP anchors' accounts), so that Kamailio can be given the same ones. Prints one line per phase.
 */
@Command(
    name = "tls-register",
    mixinStandardHelpOptions = true,
    description = "Phones register over TLS, hold their connections, then refresh at given rates.")
public final class TlsRegisterCommand implements Callable<Integer> {

  @Option(names = "--server", required = true, description = "The registrar's TLS host:port")
  String server;

  @Option(names = "--domain", required = true, description = "The SIP domain (and realm)")
  String domain;

  @Option(names = "--phones", defaultValue = "10000", description = "Phones (${DEFAULT-VALUE})")
  int phones;

  @Option(
      names = "--user-format",
      defaultValue = "user%06d",
      description = "Username of phone n (${DEFAULT-VALUE})")
  String userFormat;

  @Option(
      names = "--password-format",
      defaultValue = "pw%06d",
      description = "Password of phone n (${DEFAULT-VALUE})")
  String passwordFormat;

  @Option(
      names = "--sources",
      defaultValue = "1",
      description =
          "Loopback source addresses 127.0.0.1.. to spread phones over (${DEFAULT-VALUE})")
  int sources;

  @Option(names = "--ca-file", description = "PEM certificates to trust (default: the JDK's)")
  Optional<Path> caFile;

  @Option(
      names = "--connect-rate",
      defaultValue = "1000",
      description = "New phones a second (${DEFAULT-VALUE})")
  int connectRate;

  @Option(
      names = "--window",
      defaultValue = "500",
      description = "Phones registering at once (${DEFAULT-VALUE})")
  int window;

  @Option(names = "--expires", defaultValue = "3600", description = "Expires asked for")
  int expires;

  @Option(
      names = "--hold-file",
      description =
          "After registering, wait until this file exists (the bench measures memory meanwhile)")
  Optional<Path> holdFile;

  @Option(
      names = "--refresh-rates",
      split = ",",
      description = "Refresh REGISTERs a second, one step each, e.g. 2000,4000,8000")
  List<Integer> refreshRates = new ArrayList<>();

  @Option(
      names = "--step-seconds",
      defaultValue = "10",
      description = "Seconds per refresh step (${DEFAULT-VALUE})")
  double stepSeconds;

  @Option(
      names = "--server-pid",
      description =
          "The registrar's process on this machine: each phase then reports its CPU per answered"
              + " REGISTER (and this client's), from /proc")
  Optional<Long> serverPid;

  @Override
  public Integer call() throws Exception {
    List<InetAddress> from = new ArrayList<>();
    for (int i = 1; i <= sources; i++) {
      from.add(InetAddress.getByName("127.0.0." + i));
    }
    int colon = server.lastIndexOf(':');
    TlsRegistrations.Settings settings =
        new TlsRegistrations.Settings(
            new InetSocketAddress(
                server.substring(0, colon), Integer.parseInt(server.substring(colon + 1))),
            from,
            domain,
            n -> String.format(Locale.ROOT, userFormat, n),
            n -> String.format(Locale.ROOT, passwordFormat, n),
            expires,
            Trust.of(caFile));
    try (TlsRegistrations fleet = new TlsRegistrations(settings)) {
      long[] cpu = cpu();
      print("register", fleet.register(phones, connectRate, window), fleet.connected(), cpu);
      if (holdFile.isPresent()) {
        System.out.println("holding " + fleet.connected() + " connections");
        System.out.flush();
        while (!Files.exists(holdFile.get())) {
          Thread.sleep(200);
        }
        System.out.println("held: " + fleet.connected() + " connections still open");
      }
      for (int rate : refreshRates) {
        cpu = cpu();
        print("refresh@" + rate, fleet.refresh(rate, stepSeconds), fleet.connected(), cpu);
      }
    }
    return 0;
  }

  /**
   * CPU microseconds used so far by the server's processes (when known: it and its children, as
   * Kamailio's workers are) and by this client.
   */
  private long[] cpu() throws java.io.IOException {
    return new long[] {
      serverPid.isPresent() ? treeCpuMicros(serverPid.get()) : 0,
      cpuMicros(Path.of("/proc/self/stat"))
    };
  }

  private static long treeCpuMicros(long pid) throws java.io.IOException {
    long total = 0;
    java.util.ArrayDeque<Long> pending = new java.util.ArrayDeque<>(List.of(pid));
    while (!pending.isEmpty()) {
      long p = pending.pop();
      try {
        total += cpuMicros(Path.of("/proc", Long.toString(p), "stat"));
        try (var tasks = Files.list(Path.of("/proc", Long.toString(p), "task"))) {
          for (Path task : tasks.toList()) {
            String children = Files.readString(task.resolve("children")).strip();
            for (String child : children.isEmpty() ? new String[0] : children.split(" ")) {
              pending.push(Long.parseLong(child));
            }
          }
        }
      } catch (java.nio.file.NoSuchFileException gone) {
        // a process that ended meanwhile
      }
    }
    return total;
  }

  /** utime + stime of a process, from its stat file, in microseconds (100 ticks a second). */
  private static long cpuMicros(Path stat) throws java.io.IOException {
    String text = Files.readString(stat);
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    // After the command: state is field 3, utime 14 and stime 15 (proc(5)), so 11 and 12 here.
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000;
  }

  private void print(String phase, TlsRegistrations.Outcome o, int connected, long[] before)
      throws java.io.IOException {
    long[] after = cpu();
    long ok = Math.max(1, o.ok());
    System.out.printf(
        Locale.ROOT,
        "phase=%s sent=%d ok=%d challenged=%d failed=%d seconds=%.2f rate=%.0f p50_us=%d"
            + " p99_us=%d max_us=%d connected=%d server_cpu_us_per_ok=%d client_cpu_us_per_ok=%d%n",
        phase,
        o.sent(),
        o.ok(),
        o.challenged(),
        o.failed(),
        o.seconds(),
        o.rate(),
        o.quantile(0.50),
        o.quantile(0.99),
        o.quantile(1.0),
        connected,
        serverPid.isPresent() ? (after[0] - before[0]) / ok : -1,
        (after[1] - before[1]) / ok);
    System.out.flush();
  }
}
