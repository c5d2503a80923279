package io.voxhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.platform.testing.FreePorts;
import io.voxhost.platform.testing.TestCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real SIP clients over TLS against the packaged server with SIP over TLS enabled as sip.md says:
 * the baresip soft phone registers over TLS (checking the server's certificate) and its call over
 * TLS is redirected; SIPp registers with digest and its INVITE gets the 302. Debian's SIPp is built
 * without OpenSSL ({@code -t l1} says "you must compile SIPp with OpenSSL"), so its TCP goes
 * through stunnel, Debian's TLS client, which checks the certificate too. Without the tools the
 * tests are skipped, unless VOXHOST_INTEROP_REQUIRED=1 (as in CI).
 */
class SipTlsInteropIT {

  private static final String PASSWORD = "tls-pass-123";

  private static Path work;
  private static NodeProcess node;
  private static TestCertificate certificate;
  private static int tlsPort;
  private static String tenantKey;
  private static String domain;

  @BeforeAll
  static void startNode() throws Exception {
    work = TempDirs.create("tls-interop-");
    certificate = TestCertificate.create(work.resolve("tls"), "sip");
    tlsPort = FreePorts.udpAndTcp();
    node =
        NodeProcess.start(
            work,
            Map.of(
                "voxhost.data-dir",
                work.resolve("data").toString(),
                "voxhost.roles",
                "sip",
                "voxhost.sip.transports",
                "udp,tcp,tls",
                "voxhost.sip.tls-listen",
                "127.0.0.1:" + tlsPort,
                "voxhost.sip.tls-configuration-name",
                "sip",
                "quarkus.tls.sip.key-store.pem.0.cert",
                certificate.certificate().toString(),
                "quarkus.tls.sip.key-store.pem.0.key",
                certificate.key().toString()));
    node.awaitReady(Duration.ofSeconds(120));
    String admin = Files.readString(work.resolve("data/admin.key")).trim();
    tenantKey = node.createSipTenant(admin, "tls", PASSWORD, "alice", "carol", "dave");
    domain = "tls.example.net";
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) {
      node.stop(Duration.ofSeconds(60));
    }
    TempDirs.delete(work);
  }

  @Test
  void baresipRegistersOverTlsAndItsCallOverTlsIsRedirected() throws Exception {
    InteropTools.requireTool("baresip");
    int carolPort = FreePorts.udpAndTcp();
    Process carol = baresip("carol", carolPort, List.of());
    try {
      assertThat(InteropTools.registrationsOf(node, tenantKey, "carol"))
          .as("baresip output: %s", Files.readString(work.resolve("baresip-carol.out")))
          .contains("\"transport\":\"tls\"")
          .contains(";transport=tls")
          .contains("\"userAgent\":\"baresip");

      double redirectsBefore = redirects();
      // dave calls carol over TLS: the 302 names carol's TLS contact, and baresip, following it
      // through its outbound proxy, is refused there (404: the contact's host is no domain of
      // ours). The 302 is counted by the node and the INVITE it answers came over TLS.
      Process dave =
          baresip("dave", FreePorts.udpAndTcp(), List.of("-e", "/dial sip:carol@" + domain));
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (redirects() <= redirectsBefore && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        String daveOutput = Files.readString(work.resolve("baresip-dave.out"));
        assertThat(redirects())
            .as("a 302 for dave's call: %s", daveOutput)
            .isGreaterThan(redirectsBefore);
        assertThat(daveOutput).contains("{0/TLS/v4} 200 OK");
      } finally {
        stop(dave);
      }
    } finally {
      stop(carol);
    }
  }

  @Test
  void sippThroughStunnelRegistersOverTlsAndItsInviteIsRedirected() throws Exception {
    InteropTools.requireTool("sipp");
    InteropTools.requireTool("stunnel4");
    int tunnelPort = FreePorts.udpAndTcp();
    Path config = work.resolve("stunnel.conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "foreground = yes",
            "pid =",
            "[sip]",
            "client = yes",
            "accept = 127.0.0.1:" + tunnelPort,
            "connect = 127.0.0.1:" + tlsPort,
            "CAfile = " + certificate.certificate(),
            "verifyPeer = yes",
            "checkIP = 127.0.0.1",
            ""));
    Process tunnel =
        new ProcessBuilder("stunnel4", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("stunnel.out").toFile())
            .start();
    try {
      awaitListening(tunnelPort);
      int phonePort = FreePorts.udpAndTcp();
      assertThat(
              sipp(
                  "register_auth.xml",
                  tunnelPort,
                  phonePort,
                  List.of("-au", "alice", "-ap", PASSWORD)))
          .as("sipp register over TLS (see %s)", work)
          .isZero();
      // The binding says tcp: the transport is the one the phone's Via names, and SIPp believes
      // it speaks TCP. Only the tunnel's port leads to the node, and only over TLS.
      assertThat(InteropTools.registrationsOf(node, tenantKey, "alice"))
          .contains("sip:alice@127.0.0.1:" + phonePort);

      assertThat(sipp("invite_redirect.xml", tunnelPort, FreePorts.udpAndTcp(), List.of()))
          .as("sipp invite over TLS")
          .isZero();
      String trace = Files.readString(work.resolve("invite_redirect.xml.alice.log"));
      Matcher contact =
          Pattern.compile("(?m)^SIP/2.0 302[\\s\\S]*?^Contact: *(.*)$").matcher(trace);
      assertThat(contact.find()).as("a 302 with a Contact in %s", trace).isTrue();
      assertThat(contact.group(1)).contains("sip:alice@127.0.0.1:" + phonePort);
      assertThat(Files.readString(work.resolve("stunnel.out")))
          .as("stunnel checked the node's certificate")
          .contains("Certificate accepted");
    } finally {
      stop(tunnel);
    }
  }

  /** One SIPp call as alice over TCP to {@code serverPort} (the tunnel into TLS). */
  private static int sipp(String scenario, int serverPort, int localPort, List<String> extra)
      throws Exception {
    List<String> options = new ArrayList<>(List.of("-t", "t1"));
    options.addAll(extra);
    return InteropTools.sipp(
        work, "127.0.0.1:" + serverPort, scenario, "alice", domain, localPort, options);
  }

  private static Process baresip(String user, int port, List<String> extra) throws IOException {
    Path home = work.resolve("baresip-" + user);
    Files.createDirectories(home);
    Files.writeString(
        home.resolve("config"),
        String.join(
            "\n",
            "poll_method epoll",
            "sip_listen 127.0.0.1:" + port,
            // baresip checks the server's certificate against this CA (the self-signed one).
            "sip_cafile " + certificate.certificate(),
            "module_path /usr/lib/baresip/modules",
            "module g711.so",
            "module menu.so",
            "module_app account.so",
            "audio_player aubridge,x",
            "audio_source aubridge,x",
            ""));
    Files.writeString(
        home.resolve("accounts"),
        "<sip:"
            + user
            + "@"
            + domain
            + ";transport=tls>;auth_pass="
            + PASSWORD
            + ";outbound=\"sip:127.0.0.1:"
            + tlsPort
            + ";transport=tls\";regint=600\n");
    List<String> command = new ArrayList<>(List.of("baresip", "-f", home.toString(), "-t", "60"));
    command.addAll(extra);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(work.resolve("baresip-" + user + ".out").toFile())
        .start();
  }

  /** The node's count of 3xx answers sent. */
  private static double redirects() throws Exception {
    Matcher m =
        Pattern.compile("(?m)^voxhost_sip_responses_total\\{class=\"3xx\"\\} (\\S+)$")
            .matcher(node.get("/q/metrics").body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static void awaitListening(int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (var socket = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("stunnel is not listening on " + port);
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }
}
