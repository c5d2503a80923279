package io.voxhost.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.voxhost.platform.testing.FreePorts;
import java.io.IOException;
import java.net.http.HttpResponse;
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
 * Real SIP clients from Debian against the packaged server: SIPp registers with digest auth and
 * places INVITEs that must be redirected to the registered Contact, and the baresip soft phone
 * registers with digest auth. Without the tools the tests are skipped, unless
 * VOXHOST_INTEROP_REQUIRED=1 (as in CI), which makes a missing tool a failure.
 */
class SipInteropIT {

  private static final String DOMAIN = "interop.example.net";
  private static final Map<String, String> PASSWORDS =
      Map.of("alice", "alice-pass-1", "bob", "bob-pass-12", "carol", "carol-pass-1");

  private static Path work;
  private static NodeProcess node;
  private static String tenantKey;

  @BeforeAll
  static void startNode() throws Exception {
    work = TempDirs.create("interop-");
    node = NodeProcess.start(work, Map.of("voxhost.data-dir", work.resolve("data").toString()));
    node.awaitReady(Duration.ofSeconds(120));
    String admin = Files.readString(work.resolve("data/admin.key")).trim();
    String tenant = "{\"slug\":\"interop\",\"name\":\"Interop\",\"sipDomain\":\"" + DOMAIN + "\"}";
    assertThat(node.post("/api/v1/admin/tenants", admin, tenant).statusCode()).isEqualTo(201);
    String issued =
        node.post("/api/v1/admin/tenants/interop/keys", admin, "{\"label\":\"interop\"}").body();
    tenantKey = issued.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
    for (Map.Entry<String, String> e : PASSWORDS.entrySet()) {
      String body = "{\"username\":\"" + e.getKey() + "\",\"password\":\"" + e.getValue() + "\"}";
      assertThat(node.post("/api/v1/sip/subscribers", tenantKey, body).statusCode()).isEqualTo(201);
    }
    // SIPp's INVITEs come from this host: as the tenant's trusted peer it gets the 302 and 480.
    assertThat(
            node.post("/api/v1/sip/peers", tenantKey, "{\"network\":\"127.0.0.1/32\"}")
                .statusCode())
        .isEqualTo(201);
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) {
      node.stop(Duration.ofSeconds(60));
    }
    TempDirs.delete(work);
  }

  private static void requireTool(String name) {
    boolean present =
        List.of("/usr/bin/", "/usr/local/bin/", "/usr/sbin/").stream()
            .anyMatch(dir -> Files.isExecutable(Path.of(dir + name)));
    if (!present && "1".equals(System.getenv("VOXHOST_INTEROP_REQUIRED"))) {
      throw new AssertionError(name + " is not installed (apt-get install the package)");
    }
    assumeTrue(present, name + " is not installed; skipping");
  }

  private static Path scenario(String name) throws IOException {
    Path target = work.resolve(name);
    try (var in = SipInteropIT.class.getResourceAsStream("/sipp/" + name)) {
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  /** Runs one SIPp call of {@code scenario}; returns its exit code (0: the call succeeded). */
  private static int sipp(String scenario, String user, int localPort, List<String> extra)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "sipp",
            "127.0.0.1:" + node.sipPort(),
            "-sf",
            scenario(scenario).toString(),
            "-s",
            user,
            "-key",
            "domain",
            DOMAIN,
            "-i",
            "127.0.0.1",
            "-p",
            Integer.toString(localPort),
            "-m",
            "1",
            "-nostdin",
            "-timeout",
            "20s",
            "-recv_timeout",
            "5000",
            "-trace_msg",
            "-message_file",
            work.resolve(scenario + "." + user + ".log").toString()));
    command.addAll(extra);
    Process p =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("sipp-" + scenario + "-" + user + ".out").toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("sipp " + scenario + " did not finish");
    }
    return p.exitValue();
  }

  @Test
  void sippRegistersWithDigestAndItsInviteIsRedirectedToTheRegisteredContact() throws Exception {
    requireTool("sipp");
    int phonePort = FreePorts.udpAndTcp();
    assertThat(
            sipp(
                "register_auth.xml",
                "alice",
                phonePort,
                List.of("-au", "alice", "-ap", PASSWORDS.get("alice"))))
        .as("sipp register (see %s)", work)
        .isZero();

    assertThat(sipp("invite_redirect.xml", "alice", FreePorts.udpAndTcp(), List.of()))
        .as("sipp invite")
        .isZero();
    String trace = Files.readString(work.resolve("invite_redirect.xml.alice.log"));
    Matcher contact = Pattern.compile("(?m)^SIP/2.0 302[\\s\\S]*?^Contact: *(.*)$").matcher(trace);
    assertThat(contact.find()).as("a 302 with a Contact in %s", trace).isTrue();
    assertThat(contact.group(1)).contains("sip:alice@127.0.0.1:" + phonePort);

    assertThat(sipp("invite_unavailable.xml", "bob", FreePorts.udpAndTcp(), List.of()))
        .as("sipp invite to a subscriber without bindings gets 480")
        .isZero();
  }

  @Test
  void baresipRegistersWithDigestAuth() throws Exception {
    requireTool("baresip");
    Path home = work.resolve("baresip");
    Files.createDirectories(home);
    int phonePort = FreePorts.udpAndTcp();
    Files.writeString(
        home.resolve("config"),
        String.join(
            "\n",
            "poll_method epoll",
            "sip_listen 127.0.0.1:" + phonePort,
            "module_path /usr/lib/baresip/modules",
            "module_app account.so",
            ""));
    Files.writeString(
        home.resolve("accounts"),
        "<sip:carol@"
            + DOMAIN
            + ">;auth_pass="
            + PASSWORDS.get("carol")
            + ";outbound=\"sip:127.0.0.1:"
            + node.sipPort()
            + ";transport=udp\";regint=600\n");
    Process phone =
        new ProcessBuilder("baresip", "-f", home.toString(), "-t", "60")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("baresip.out").toFile())
            .start();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      String registrations = "";
      while (System.nanoTime() < deadline) {
        HttpResponse<String> r = node.get("/api/v1/sip/registrations?aor=carol", tenantKey);
        registrations = r.body();
        if (registrations.contains("\"contact\"")) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(registrations)
          .as("baresip output: %s", Files.readString(work.resolve("baresip.out")))
          .contains("\"aor\":\"sip:carol@" + DOMAIN + "\"")
          .contains("@127.0.0.1:" + phonePort) // baresip adds a suffix to the Contact user
          .contains("\"userAgent\":\"baresip");
    } finally {
      phone.destroy();
      if (!phone.waitFor(10, TimeUnit.SECONDS)) {
        phone.destroyForcibly();
      }
    }
  }
}
