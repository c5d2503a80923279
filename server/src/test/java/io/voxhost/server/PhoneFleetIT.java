package io.voxhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxhost.phones.cli.PhonesCommand;
import io.voxhost.platform.testing.FreePorts;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The phone emulator against the packaged node (issue 18's CI run): 200 simulated phones of four
 * makers (Yealink, Polycom, Grandstream, Snom) are set up through the API, fetch their files over
 * TFTP, register with digest from two addresses, hold, call each other (half the calls recorded,
 * both legs' RTP with loss and jitter), and register again at once; the report's counts are what
 * the registrar, the call records and the recordings say.
 */
class PhoneFleetIT {

  private static final int PHONES = 200;

  @Test
  void aFleetBootsFetchesRegistersAndTheNodeAgrees() throws Exception {
    Path work = TempDirs.create("phones-");
    int sip = FreePorts.udpAndTcp();
    int tftp = FreePorts.udpAndTcp();
    Path pem = nodeCertificate(work);
    Map<String, String> properties = new java.util.HashMap<>();
    properties.put("voxhost.data-dir", work.resolve("data").toString());
    properties.put("voxhost.roles", "sip,tftp,cti,recording");
    properties.put("voxhost.recording.listen", "127.0.0.1:36000-36999");
    properties.put("voxhost.sip.listen", "127.0.0.1:" + sip);
    properties.put("voxhost.tftp.listen", "127.0.0.1:" + tftp);
    properties.put("voxhost.tftp.sip-server", "127.0.0.1:" + sip);
    // Phones boot against a node as it starts: both warm-ups run while the fleet registers.
    properties.put("voxhost.sip.warm-up", "10s");
    properties.put("voxhost.tftp.warm-up", "10s");
    // Short registrations, so that the steady phase sees every phone refresh.
    properties.put("voxhost.sip.registrar.min-expires", "5");
    // HTTPS for the last fleet, with a certificate made for this run.
    // Any free port, read back from the node's start line (a port picked here could be taken by
    // the node's own database before the node binds it).
    properties.put("quarkus.http.ssl-port", "0");
    properties.put("quarkus.tls.key-store.p12.path", work.resolve("node.p12").toString());
    properties.put("quarkus.tls.key-store.p12.password", "fleet-tls");
    try (NodeProcess node = NodeProcess.start(work, properties)) {
      node.awaitReady(Duration.ofSeconds(120));
      java.util.regex.Matcher listening =
          java.util.regex.Pattern.compile("https://[^:]+:(\\d+)").matcher(node.output());
      assertThat(listening.find()).as("the HTTPS port in %s", node.output()).isTrue();
      int https = Integer.parseInt(listening.group(1));
      String admin = Files.readString(work.resolve("data/admin.key")).trim();
      assertThat(
              node.post(
                      "/api/v1/admin/tenants",
                      admin,
                      "{\"slug\":\"fleet\",\"name\":\"Fleet\",\"sipDomain\":\"fleet.example.net\"}")
                  .statusCode())
          .isEqualTo(201);
      String key =
          node.post("/api/v1/admin/tenants/fleet/keys", admin, "{\"label\":\"phones\"}")
              .body()
              .replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
      Path report = work.resolve("report.json");
      int exit =
          new CommandLine(new PhonesCommand())
              .execute(
                  "run",
                  "--api=http://127.0.0.1:" + node.port(),
                  "--key=" + key,
                  "--phones=" + PHONES,
                  "--phones-per-address=100",
                  "--vendors=yealink,polycom,grandstream,snom",
                  "--tftp=127.0.0.1:" + tftp,
                  "--expires=5",
                  "--steady=PT7S",
                  "--calls-per-second=20",
                  "--call-phase=PT3S",
                  "--call-duration=PT2S",
                  "--record-share=0.5",
                  "--rtp-loss=0.02",
                  "--rtp-jitter=PT0.02S",
                  "--verify-sample=60",
                  "--report=" + report,
                  "--html=" + work.resolve("report.html"));
      JsonNode r = new ObjectMapper().readTree(report.toFile());
      assertThat(exit).as("report: %s", r).isZero();
      assertThat(r.path("passed").asBoolean()).isTrue();
      JsonNode storm = r.path("phases").get(0);
      assertThat(storm.path("phase").asText()).isEqualTo("boot-storm");
      // Each phone fetched its file; the 50 Polycoms their master file, then the phone file it
      // names.
      assertThat(storm.path("fetched").asLong()).isEqualTo(PHONES + PHONES / 4);
      assertThat(storm.path("registered").asLong()).isEqualTo(PHONES);
      // Each phone refreshed at 80-100 % of its 5 s on its own clock, within the 7 s.
      assertThat(r.path("phases").get(1).path("registered").asLong())
          .isGreaterThanOrEqualTo(PHONES);
      // 60 calls, each redirected, answered by the callee phone, hung up; each in the call records.
      JsonNode calls = r.path("phases").get(2);
      assertThat(calls.path("phase").asText()).isEqualTo("call-mix");
      assertThat(calls.path("calls").path("placed").asLong()).isEqualTo(60);
      assertThat(calls.path("calls").path("redirected").asLong()).isEqualTo(60);
      assertThat(calls.path("calls").path("completed").asLong()).isEqualTo(60);
      assertThat(r.path("callRecords").path("found").asLong()).isEqualTo(60);
      // About half the calls were recorded: every one read back is a stereo WAV as long as the
      // call, with each packet the phones sent and no more lost than they dropped.
      JsonNode media = calls.path("calls").path("media");
      JsonNode verified = r.path("recordings");
      assertThat(media.path("recordings").asLong()).isBetween(15L, 45L);
      assertThat(verified.path("recorded").asLong()).isEqualTo(media.path("recordings").asLong());
      assertThat(verified.path("sampled").asLong()).isEqualTo(verified.path("recorded").asLong());
      assertThat(verified.path("passed").asLong()).isEqualTo(verified.path("sampled").asLong());
      assertThat(verified.path("rtpSent").asLong())
          .isEqualTo(media.path("rtpPacketsSent").asLong())
          .isEqualTo(verified.path("nodePackets").asLong());
      assertThat(verified.path("rtpDropped").asLong()).isPositive();
      // The node's own list agrees: as many recordings, holding as many packets.
      JsonNode list =
          new ObjectMapper()
              .readTree(node.get("/api/v1/recordings?limit=500", key).body())
              .path("items");
      assertThat(list.size()).isEqualTo(media.path("recordings").asInt());
      long packets = 0;
      for (JsonNode recording : list) {
        assertThat(recording.path("status").asText()).isEqualTo("completed");
        for (JsonNode leg : recording.path("legs")) {
          packets += leg.path("packets").asLong();
        }
      }
      assertThat(packets).isEqualTo(media.path("rtpPacketsSent").asLong());
      // Every phone again at once; a phone's own 5 s refresh due meanwhile counts here too.
      assertThat(r.path("phases").get(3).path("registered").asLong())
          .isGreaterThanOrEqualTo(PHONES);
      assertThat(r.path("phases").get(3).path("failed").asLong()).isZero();
      assertThat(Files.readString(work.resolve("report.html")))
          .contains("<span class=\"passed\">Passed</span>")
          .contains("call-mix: RTP of recorded calls")
          .contains("<h2 id=\"recordings\">");
      JsonNode bindings =
          new ObjectMapper().readTree(node.get("/api/v1/sip/registrations", key).body());
      assertThat(bindings.size()).isEqualTo(PHONES);
      // Four makers taking turns, each reading its own format and saying its own name.
      assertThat(
              bindings.findValuesAsText("userAgent").stream()
                  .map(ua -> ua.replaceAll("[-_ /0-9].*", ""))
                  .collect(
                      java.util.stream.Collectors.groupingBy(
                          ua -> ua, java.util.stream.Collectors.counting())))
          .containsOnly(
              Map.entry("Yealink", 50L),
              Map.entry("PolycomVVX", 50L),
              Map.entry("Grandstream", 50L),
              Map.entry("snomD", 50L));
      // Two addresses of 100 phones each, as two offices behind their NATs.
      assertThat(bindings.findValuesAsText("source").stream().map(s -> s.split(":")[0]).distinct())
          .containsExactlyInAnyOrder("127.0.1.1", "127.0.1.2");
      fromTwoAgents(node, key, tftp, work);
      overHttpsWithLogins(node, key, https, pem, work);
      assertThat(node.stop(Duration.ofSeconds(60))).isZero();
    } finally {
      TempDirs.delete(work);
    }
  }

  /**
   * 200 more phones, run by two agent processes over TCP (100 each, from their own addresses),
   * calling across both: the coordinator's report is the whole fleet's, and the registrar agrees.
   */
  private static void fromTwoAgents(NodeProcess node, String key, int tftp, Path work)
      throws Exception {
    List<Process> agents = new ArrayList<>();
    List<String> at = new ArrayList<>();
    try {
      for (String bind : List.of("127.0.2.1", "127.0.3.1")) {
        int port = FreePorts.udpAndTcp();
        ProcessBuilder pb =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    PhonesCommand.class.getName(),
                    "agent",
                    "--listen=127.0.0.1:" + port,
                    "--bind=" + bind)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("agent-" + port + ".log").toFile());
        // The secrets go by the environment, as an admin would pass them, not on the command line.
        pb.environment().put("VOXHOST_KEY", key);
        pb.environment().put("VOXHOST_AGENT_TOKEN", "fleet-agents");
        agents.add(pb.start());
        at.add("127.0.0.1:" + port);
        awaitListening(port);
      }
      Path report = work.resolve("agents.json");
      int exit =
          new CommandLine(new PhonesCommand())
              .execute(
                  "run",
                  "--api=http://127.0.0.1:" + node.port(),
                  "--key=" + key,
                  "--phones=200",
                  "--first=1001",
                  "--tftp=127.0.0.1:" + tftp,
                  "--expires=60",
                  "--steady=PT1S",
                  "--calls-per-second=20",
                  "--call-phase=PT2S",
                  "--call-duration=PT1S",
                  "--agents=" + String.join(",", at),
                  "--agent-token=fleet-agents",
                  "--report=" + report);
      JsonNode r = new ObjectMapper().readTree(report.toFile());
      assertThat(exit).as("report: %s", r).isZero();
      assertThat(r.path("phases").get(0).path("registered").asLong()).isEqualTo(200);
      assertThat(r.path("phases").get(2).path("calls").path("completed").asLong()).isEqualTo(40);
      assertThat(r.path("callRecords").path("found").asLong()).isEqualTo(40);
      JsonNode bindings =
          new ObjectMapper().readTree(node.get("/api/v1/sip/registrations?limit=1000", key).body());
      // Each agent's 100 phones from its own address (the first fleet's have expired or go soon).
      assertThat(
              bindings.findValuesAsText("source").stream()
                  .map(s -> s.split(":")[0])
                  .filter(a -> a.equals("127.0.2.1") || a.equals("127.0.3.1")))
          .hasSize(200);
    } finally {
      for (Process p : agents) {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  /**
   * 50 more phones fetch their files over HTTPS (the node's certificate the only one trusted) with
   * each device's HTTP login, under the fetch policy {@code credentials}; a fetch without the login
   * is asked for it.
   */
  private static void overHttpsWithLogins(
      NodeProcess node, String key, int https, Path pem, Path work) throws Exception {
    Path report = work.resolve("https.json");
    int exit =
        new CommandLine(new PhonesCommand())
            .execute(
                "run",
                "--api=https://127.0.0.1:" + https,
                "--ca-file=" + pem,
                "--key=" + key,
                "--phones=50",
                "--first=3001",
                "--bind=127.0.4.1",
                "--vendors=yealink,polycom",
                "--fetch=http",
                "--fetch-policy=credentials",
                "--expires=60",
                "--steady=PT1S",
                "--report=" + report);
    JsonNode r = new ObjectMapper().readTree(report.toFile());
    assertThat(exit).as("report: %s", r).isZero();
    JsonNode storm = r.path("phases").get(0);
    assertThat(storm.path("registered").asLong()).isEqualTo(50);
    // 25 Yealinks' files, 25 Polycoms' master and phone files.
    assertThat(storm.path("fetched").asLong()).isEqualTo(75);
    String mac = "025648000bb9"; // phone 3001
    // Without the device's login, its file is not given: the node asks for it (Basic).
    assertThat(node.get("/provision/" + mac + ".cfg", key).statusCode()).isEqualTo(401);
  }

  /** A key pair and certificate for 127.0.0.1 (keytool's), and the certificate as PEM. */
  private static Path nodeCertificate(Path work) throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Path store = work.resolve("node.p12");
    Path pem = work.resolve("node.pem");
    run(
        keytool,
        "-genkeypair",
        "-alias",
        "node",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=IP:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        "fleet-tls",
        "-keypass",
        "fleet-tls");
    run(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        "node",
        "-keystore",
        store.toString(),
        "-storepass",
        "fleet-tls",
        "-file",
        pem.toString());
    return pem;
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as("%s: %s", String.join(" ", command), out).isZero();
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (java.io.IOException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("the agent on " + port + " did not listen");
  }
}
