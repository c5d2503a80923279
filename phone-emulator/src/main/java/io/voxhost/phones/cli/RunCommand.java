package io.voxhost.phones.cli;

import io.voxhost.phones.service.PhaseStats;
import io.voxhost.phones.service.Phases;
import io.voxhost.phones.service.RecordingPlan;
import io.voxhost.phones.service.RecordingVerification;
import io.voxhost.phones.service.Report;
import io.voxhost.phones.transport.AgentFleet;
import io.voxhost.phones.transport.FleetSetup;
import io.voxhost.phones.transport.RecordingSessions;
import io.voxhost.phones.transport.Trust;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voxhost-phones run}: sets the fleet up through the API, boots it in a storm, holds it in a
 * steady state, makes every phone register again at once, and reports. Exit 0 when every phase met
 * the thresholds, 1 when one did not, 2 when the run could not start.
 */
@Command(
    name = "run",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = "Boot a fleet of phones against a node, and report.")
public final class RunCommand implements Callable<Integer> {

  @Option(
      names = "--api",
      description = "The node's HTTP base (default: ${DEFAULT-VALUE})",
      defaultValue = "http://127.0.0.1:8080")
  URI api;

  @Option(
      names = "--key",
      description = "A tenant's full API key (or VOXHOST_KEY)",
      defaultValue = "${env:VOXHOST_KEY}")
  String key;

  @Option(
      names = "--phones",
      description = "Phones in the fleet (default: ${DEFAULT-VALUE})",
      defaultValue = "200")
  int phones;

  @Option(
      names = "--first",
      description =
          "The first phone's number, for MACs and users"
              + " (default: ${DEFAULT-VALUE}); fleets of one tenant that must not meet start apart",
      defaultValue = "1")
  int first;

  @Option(
      names = "--fetch",
      description = "tftp or http (default: ${DEFAULT-VALUE})",
      defaultValue = "tftp")
  String fetch;

  @Option(
      names = "--fetch-policy",
      description =
          "open (any source gets a device's file) or credentials (each device gets an HTTP login"
              + " its phone sends; needs --fetch http) (default: ${DEFAULT-VALUE})",
      defaultValue = "open")
  String fetchPolicy;

  @Option(
      names = "--ca-file",
      description = "Trust only these PEM certificates for an https --api (default: the JDK's CAs)")
  Path caFile;

  @Option(
      names = "--tftp",
      description = "The TFTP server, host:port (default: the API's host," + " port 69)")
  String tftp;

  @Option(
      names = "--sip",
      description = "Send REGISTERs to host:port instead of the server" + " the phones' files name")
  String sip;

  @Option(
      names = "--bind",
      description =
          "The first of the phones' own addresses, the next ones counted up from it (default:"
              + " ${DEFAULT-VALUE}; the machine must have them: any of 127.0.0.0/8 on Linux)",
      defaultValue = "127.0.1.1")
  String bind;

  @Option(
      names = "--phones-per-address",
      description =
          "Phones sharing one address and port, as behind an office's NAT (default:"
              + " ${DEFAULT-VALUE})",
      defaultValue = "100")
  int perAddress;

  @Option(
      names = "--expires",
      description = "The expiry phones ask for, s (default: ${DEFAULT-VALUE})",
      defaultValue = "3600")
  int expires;

  @Option(
      names = "--vendors",
      description =
          "The phones' makers and models, vendor[:model],... taking turns by phone number: yealink,"
              + " polycom, cisco, grandstream, snom (default: ${DEFAULT-VALUE})",
      defaultValue = "yealink:T46U")
  String vendors;

  @Option(
      names = "--steady",
      description = "How long the steady state lasts (default: ${DEFAULT-VALUE})",
      defaultValue = "PT10S",
      converter = DurationConverter.class)
  Duration steady;

  @Option(
      names = "--phase-limit",
      description = "The longest a boot storm or burst may take" + " (default: ${DEFAULT-VALUE})",
      defaultValue = "PT2M",
      converter = DurationConverter.class)
  Duration phaseLimit;

  @Option(
      names = "--ramp",
      description =
          "Boot this many phones a second instead of all at once (default: ${DEFAULT-VALUE}: a"
              + " boot storm)",
      defaultValue = "0")
  double ramp;

  @Option(
      names = "--calls-per-second",
      description =
          "Calls a second in the call-mix phase, each from a random phone to another (default:"
              + " ${DEFAULT-VALUE}: no call phase)",
      defaultValue = "0")
  double callsPerSecond;

  @Option(
      names = "--call-phase",
      description = "How long calls are placed (default: ${DEFAULT-VALUE})",
      defaultValue = "PT30S",
      converter = DurationConverter.class)
  Duration callPhase;

  @Option(
      names = "--call-duration",
      description =
          "How long a call is held before the caller hangs up (default: ${DEFAULT-VALUE})",
      defaultValue = "PT5S",
      converter = DurationConverter.class)
  Duration callDuration;

  @Option(
      names = "--records-wait",
      description =
          "How long to wait for the node's call records to show every call placed (default:"
              + " ${DEFAULT-VALUE}); a node without the cti role is not asked",
      defaultValue = "PT30S",
      converter = DurationConverter.class)
  Duration recordsWait;

  @Option(
      names = "--fetch-concurrency",
      description = "Fetches at once (default: ${DEFAULT-VALUE})",
      defaultValue = "64")
  int fetchConcurrency;

  @Option(names = "--skip-setup", description = "The accounts and devices exist already")
  boolean skipSetup;

  @Option(names = "--report", description = "Write the JSON report here")
  Path report;

  @Option(names = "--html", description = "Write the report as an HTML page with plots here")
  Path html;

  @Option(
      names = "--max-failures",
      description = "Failures a phase may have (default: ${DEFAULT-VALUE})",
      defaultValue = "0")
  long maxFailures;

  @Option(
      names = "--max-rrd-p95",
      description =
          "Registration request delay p95 a phase may" + " have, ms (default: ${DEFAULT-VALUE})",
      defaultValue = "2000")
  double maxRrdP95;

  @Option(
      names = "--seed",
      description = "Seed of passwords and timings (default: ${DEFAULT-VALUE})",
      defaultValue = "1")
  long seed;

  @Option(
      names = "--agents",
      split = ",",
      description =
          "Agents (voxhost-phones agent) to run the fleet, host:port,...; each runs an equal"
              + " slice from its own addresses (default: this process runs it all)")
  List<String> agents = new ArrayList<>();

  @Option(
      names = "--agent-token",
      description = "The agents' token (or VOXHOST_AGENT_TOKEN)",
      defaultValue = "${env:VOXHOST_AGENT_TOKEN}")
  String agentToken;

  @picocli.CommandLine.Mixin RecordingOptions recording;

  /** The TLS trust of this run, set once its options are read. */
  private javax.net.ssl.SSLContext tls;

  @Override
  public Integer call() throws Exception {
    if (key == null || key.isBlank()) {
      System.err.println("voxhost-phones: --key or VOXHOST_KEY: a tenant's full API key");
      return 2;
    }
    if (!fetch.equals("tftp") && !fetch.equals("http")) {
      System.err.println("voxhost-phones: --fetch is tftp or http");
      return 2;
    }
    if (!fetchPolicy.equals("open") && !fetchPolicy.equals("credentials")) {
      System.err.println("voxhost-phones: --fetch-policy is open or credentials");
      return 2;
    }
    boolean credentials = fetchPolicy.equals("credentials");
    if (credentials && !fetch.equals("http")) {
      System.err.println(
          "voxhost-phones: --fetch-policy credentials needs --fetch http: TFTP carries no login");
      return 2;
    }
    javax.net.ssl.SSLContext tls;
    try {
      tls = Trust.of(Optional.ofNullable(caFile));
    } catch (java.io.IOException e) {
      System.err.println("voxhost-phones: --ca-file: " + e.getMessage());
      return 2;
    }
    this.tls = tls;
    Optional<RecordingPlan> plan;
    try {
      plan = recording.enabled() ? Optional.of(recording.plan()) : Optional.empty();
    } catch (IllegalArgumentException | java.io.IOException e) {
      System.err.println("voxhost-phones: " + e.getMessage());
      return 2;
    }
    List<io.voxhost.phones.codec.PhoneModel> models;
    try {
      models = io.voxhost.phones.codec.PhoneModel.parseAll(vendors);
    } catch (IllegalArgumentException e) {
      System.err.println("voxhost-phones: --vendors: " + e.getMessage());
      return 2;
    }
    List<FleetSetup.Member> members = FleetSetup.members(first, phones, seed, models);
    if (!skipSetup) {
      try {
        new FleetSetup(api, key, tls).apply(members, credentials);
      } catch (java.io.IOException e) {
        System.err.println("voxhost-phones: the setup failed: " + e.getMessage());
        return 2;
      }
    }
    FleetSpec spec =
        new FleetSpec(
            api.toString(),
            fetch,
            credentials,
            tftp == null ? api.getHost() + ":69" : tftp,
            sip,
            perAddress,
            expires,
            vendors,
            fetchConcurrency,
            seed,
            first,
            phones,
            first,
            phones,
            recording.share,
            recording.codec,
            recording.loss,
            recording.jitter.toMillis(),
            recording.maxStreams);
    String started = Instant.now().toString();
    List<PhaseStats.Summary> phases = new ArrayList<>();
    Optional<Report.Recorded> recorded = Optional.empty();
    Optional<RecordingVerification.Result> verified = Optional.empty();
    Phases fleet;
    try {
      fleet = agents.isEmpty() ? local(spec) : remote(spec);
    } catch (java.io.IOException e) {
      System.err.println("voxhost-phones: " + e.getMessage());
      return 2;
    }
    try (fleet;
        Progress progress =
            fleet instanceof LocalFleet l ? new Progress(l.fleet()) : Progress.none()) {
      phases.add(done(ramp > 0 ? fleet.ramp(ramp, phaseLimit) : fleet.bootStorm(phaseLimit)));
      phases.add(done(fleet.steady(steady)));
      if (callsPerSecond > 0) {
        PhaseStats calls = fleet.callMix(callsPerSecond, callPhase, callDuration, phaseLimit);
        phases.add(done(calls));
        recorded = recorded(calls);
        if (plan.isPresent()) {
          verified =
              Optional.of(
                  new RecordingVerification(
                          new RecordingSessions(api, key, tls, recording.codec, 4), recording.codec)
                      .verify(
                          calls.recordedCalls(),
                          recording.verifySample,
                          seed,
                          recording.verifyWait));
        }
      }
      phases.add(done(fleet.registrationBurst(phaseLimit)));
    }
    Report r =
        Report.of(phones, fetch, started, phases, recorded, verified, maxFailures, maxRrdP95);
    if (report != null) {
      r.write(report);
    }
    if (html != null) {
      new ReportPage().write(r, html);
    }
    for (PhaseStats.Summary s : phases) {
      if (s.calls().placed() > 0) {
        System.out.printf(
            "%-20s %8.1f s  calls placed %d  redirected %d  answered %d  completed %d  failed %d"
                + "  redirect p95 %.1f ms  setup p95 %.1f ms%n",
            s.phase(),
            s.seconds(),
            s.calls().placed(),
            s.calls().redirected(),
            s.calls().answered(),
            s.calls().completed(),
            s.failed(),
            s.calls().redirectDelayMs().p95(),
            s.calls().sessionSetupDelayMs().p95());
        continue;
      }
      System.out.printf(
          "%-20s %8.1f s  fetched %7d  registered %7d  failed %6d  RRD p50 %.1f p95 %.1f p99 %.1f"
              + " ms%n",
          s.phase(),
          s.seconds(),
          s.fetched(),
          s.registered(),
          s.failed(),
          s.registrationRequestDelayMs().p50(),
          s.registrationRequestDelayMs().p95(),
          s.registrationRequestDelayMs().p99());
    }
    verified.ifPresent(
        v ->
            System.out.printf(
                "%-20s %d recorded, %d sampled, %d passed; RTP sent %d dropped %d, node took %d"
                    + " lost %d%n",
                "recordings",
                v.recorded(),
                v.sampled(),
                v.passed(),
                v.rtpSent(),
                v.rtpDropped(),
                v.nodePackets(),
                v.nodeLost()));
    r.missed().forEach(m -> System.out.println("missed: " + m));
    return r.passed() ? 0 : 1;
  }

  private LocalFleet local(FleetSpec spec) throws java.io.IOException, InterruptedException {
    return new LocalFleet(spec, key, bind, recording.callerAudio, recording.calleeAudio, tls);
  }

  /** The fleet split between the agents, as evenly as it goes, each slice its own numbers. */
  private Phases remote(FleetSpec spec) throws java.io.IOException {
    if (agentToken == null || agentToken.isBlank()) {
      throw new java.io.IOException("--agents needs --agent-token or VOXHOST_AGENT_TOKEN");
    }
    List<FleetSpec> slices = new ArrayList<>();
    int from = first;
    for (int i = 0; i < agents.size(); i++) {
      int count = phones / agents.size() + (i < phones % agents.size() ? 1 : 0);
      slices.add(spec.slice(from, count));
      from += count;
    }
    return AgentFleet.connect(
        agents.stream().map(RunCommand::address).toList(),
        agentToken,
        slices,
        Duration.ofSeconds(30));
  }

  /** A phase that ended, as the report shows it; a line on stderr when agents ran it. */
  private PhaseStats.Summary done(PhaseStats stats) {
    PhaseStats.Summary s = stats.summary();
    if (!agents.isEmpty()) {
      System.err.printf(
          "[%s] done in %.1f s: fetched %d  registered %d  calls %d placed, %d completed"
              + "  failed %d%n",
          s.phase(),
          s.seconds(),
          s.fetched(),
          s.registered(),
          s.calls().placed(),
          s.calls().completed(),
          s.failed());
    }
    return s;
  }

  /**
   * How many of the phase's calls the node's call records show: read until all are there or {@code
   * --records-wait} passed; empty when the node runs no cti role.
   */
  private Optional<Report.Recorded> recorded(PhaseStats calls) throws Exception {
    java.util.Set<String> placed = calls.callIds();
    if (placed.isEmpty()) {
      return Optional.empty();
    }
    FleetSetup api = new FleetSetup(this.api, key, tls);
    Instant since = Instant.now().minus(callPhase).minus(phaseLimit);
    long deadline = System.nanoTime() + recordsWait.toNanos();
    long found = 0;
    while (true) {
      Optional<java.util.Set<String>> keys = api.callKeys(since);
      if (keys.isEmpty()) {
        return Optional.empty();
      }
      found = placed.stream().filter(keys.get()::contains).count();
      if (found == placed.size() || System.nanoTime() > deadline) {
        return Optional.of(new Report.Recorded(placed.size(), found));
      }
      Thread.sleep(500);
    }
  }

  /** {@code address} plus {@code n}, counting over its bytes. */
  static byte[] plus(byte[] address, int n) {
    byte[] out = address.clone();
    long carry = n;
    for (int i = out.length - 1; i >= 0 && carry > 0; i--) {
      long v = (out[i] & 0xff) + carry;
      out[i] = (byte) v;
      carry = v >> 8;
    }
    return out;
  }

  static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("host:port, not " + hostPort);
    }
    return new InetSocketAddress(
        hostPort.substring(0, colon).replace("[", "").replace("]", ""),
        Integer.parseInt(hostPort.substring(colon + 1)));
  }

  /** Durations as ISO-8601 ({@code PT30S}) or plain seconds. */
  static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return value.chars().allMatch(Character::isDigit)
          ? Duration.ofSeconds(Long.parseLong(value))
          : Duration.parse(value);
    }
  }
}
