package io.voxhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.platform.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real SIP clients from Debian against the packaged server with default settings: SIPp (with and
 * without a User-Agent), the baresip soft phone, linphonec and sipsak each register with digest
 * auth, and an INVITE to the user each registered is redirected (302) to the Contact it registered.
 * Besides the defaults the node takes caller-name dips ({@code voxhost.cnam.sip-user=cnam}), which
 * SIPp sends with the benchmark's scenario, {@code bench/sipp/cnam_dip.xml}. Without the tools the
 * tests are skipped, unless VOXHOST_INTEROP_REQUIRED=1 (as in CI), which makes a missing tool a
 * failure.
 */
class SipInteropIT {

  /** Runs one SIPp call of a test scenario against the node (see {@link InteropTools#sipp}). */
  private static int sipp(String scenario, String user, int localPort, List<String> extra)
      throws Exception {
    return InteropTools.sipp(
        work, "127.0.0.1:" + node.sipPort(), scenario, user, DOMAIN, localPort, extra);
  }

  private static final String DOMAIN = "interop.example.net";
  private static final Map<String, String> PASSWORDS =
      Map.of(
          "alice", "alice-pass-1",
          "bob", "bob-pass-12",
          "carol", "carol-pass-1",
          "dave", "dave-pass-12");

  /**
   * sipsak resolves the host of its URI through DNS SRV when it is a name, which would send queries
   * off this machine; its tenant therefore uses this address as SIP domain, as phones configured
   * with a server's address do.
   */
  private static final String SIPSAK_DOMAIN = "127.0.0.1";

  private static final String SIPSAK_PASSWORD = "erin-pass-12";

  private static final String LINPHONE_PASSWORD = "frank-pass-12";

  private static Path work;
  private static NodeProcess node;
  private static String tenantKey;
  private static String sipsakTenantKey;

  @BeforeAll
  static void startNode() throws Exception {
    work = TempDirs.create("interop-");
    node =
        NodeProcess.start(
            work,
            Map.of(
                "voxhost.data-dir",
                work.resolve("data").toString(),
                "voxhost.cnam.sip-user",
                "cnam",
                "voxhost.sip.warm-up",
                "10s")); // as a node starts: real clients meet it while it warms up
    node.awaitReady(Duration.ofSeconds(120));
    String admin = Files.readString(work.resolve("data/admin.key")).trim();
    tenantKey = tenant(admin, "interop", DOMAIN, PASSWORDS);
    sipsakTenantKey =
        tenant(
            admin,
            "sipsak",
            SIPSAK_DOMAIN,
            Map.of("erin", SIPSAK_PASSWORD, "frank", LINPHONE_PASSWORD));
  }

  /** Creates a tenant (default settings) with these subscribers; returns a key of the tenant. */
  private static String tenant(String admin, String slug, String domain, Map<String, String> users)
      throws Exception {
    String tenant =
        "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\",\"sipDomain\":\"" + domain + "\"}";
    assertThat(node.post("/api/v1/admin/tenants", admin, tenant).statusCode()).isEqualTo(201);
    String issued =
        node.post("/api/v1/admin/tenants/" + slug + "/keys", admin, "{\"label\":\"interop\"}")
            .body();
    String key = issued.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
    for (Map.Entry<String, String> e : users.entrySet()) {
      String body = "{\"username\":\"" + e.getKey() + "\",\"password\":\"" + e.getValue() + "\"}";
      assertThat(node.post("/api/v1/sip/subscribers", key, body).statusCode()).isEqualTo(201);
    }
    // The clients' INVITEs come from this host: as the tenant's trusted peer it gets the 302 and
    // 480 without authenticating the caller.
    assertThat(node.post("/api/v1/sip/peers", key, "{\"network\":\"127.0.0.1/32\"}").statusCode())
        .isEqualTo(201);
    return key;
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) {
      node.stop(Duration.ofSeconds(60));
    }
    TempDirs.delete(work);
  }

  @Test
  void sippRegistersWithDigestAndItsInviteIsRedirectedToTheRegisteredContact() throws Exception {
    InteropTools.requireTool("sipp");
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

  /** SIPp sends an INVITE to {@code user}; the 302 must carry a Contact containing {@code part}. */
  private static void assertRedirectedTo(String user, String part) throws Exception {
    assertThat(sipp("invite_redirect.xml", user, FreePorts.udpAndTcp(), List.of()))
        .as("sipp invite to %s (see %s)", user, work)
        .isZero();
    String trace = Files.readString(work.resolve("invite_redirect.xml." + user + ".log"));
    Matcher contact = Pattern.compile("(?m)^SIP/2.0 302[\\s\\S]*?^Contact: *(.*)$").matcher(trace);
    assertThat(contact.find()).as("a 302 with a Contact in %s", trace).isTrue();
    assertThat(contact.group(1)).contains(part);
  }

  /**
   * The benchmark's dip scenario, as the benchmark runs it: INVITE sip:cnam@127.0.0.1 from the
   * caller in an injection file; the tenant whose SIP domain is 127.0.0.1 trusts this host as its
   * peer. Its {@code <ereg>} fails the call unless the 302's Contact has a quoted display name; a
   * 404 fails it too. Returns SIPp's exit code; the message trace is {@code cnam_dip.<caller>.log}.
   */
  private static int sippDip(String caller) throws Exception {
    // The launcher is <repository>/src/bin/voxhost.
    Path root =
        Path.of(System.getProperty("voxhost.it.launcher"))
            .normalize()
            .getParent()
            .getParent()
            .getParent();
    Path scenario = work.resolve("cnam_dip.xml");
    Files.copy(
        root.resolve("bench/sipp/cnam_dip.xml"),
        scenario,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path callers = work.resolve("callers-" + caller + ".csv");
    Files.writeString(callers, "SEQUENTIAL\n" + caller + ";\n");
    return InteropTools.sipp(
        work,
        "127.0.0.1:" + node.sipPort(),
        scenario,
        "cnam_dip." + caller,
        FreePorts.udpAndTcp(),
        List.of("-inf", callers.toString(), "-default_behaviors", "all,-bye"));
  }

  @Test
  void sippCallerNameDipGetsTheSubscribersNameInA302AndAnUnknownCaller404() throws Exception {
    InteropTools.requireTool("sipp");
    String reception =
        "{\"username\":\"1001\",\"password\":\"reception-pass-1\","
            + "\"displayName\":\"Reception\"}";
    assertThat(node.post("/api/v1/sip/subscribers", sipsakTenantKey, reception).statusCode())
        .isEqualTo(201);

    assertThat(sippDip("1001")).as("sipp cnam dip for 1001 (see %s)", work).isZero();
    String named = Files.readString(work.resolve("cnam_dip.1001.log"));
    assertThat(named)
        .containsPattern("(?m)^SIP/2.0 302 Moved Temporarily")
        .containsPattern("(?m)^Contact: \"Reception\" <sip:1001@127\\.0\\.0\\.1>")
        .containsPattern("(?m)^P-Asserted-Identity: \"Reception\" <sip:1001@127\\.0\\.0\\.1>");

    assertThat(sippDip("+14155550199"))
        .as("an unknown caller's dip fails the SIPp call")
        .isNotZero();
    assertThat(Files.readString(work.resolve("cnam_dip.+14155550199.log")))
        .containsPattern("(?m)^SIP/2.0 404 No Caller Name")
        .doesNotContain("SIP/2.0 302");
  }

  @Test
  void sippWithoutUserAgentRegistersWithDefaultSettings() throws Exception {
    // SIPp 3.6 answers only the first challenge and only MD5: with SHA-256 offered first it
    // stopped with "authentication must use MD5". It sends no User-Agent unless told to, so the
    // MD5-only User-Agent rule cannot help; the default order must.
    InteropTools.requireTool("sipp");
    int phonePort = FreePorts.udpAndTcp();
    assertThat(
            sipp(
                "register_auth_no_user_agent.xml",
                "dave",
                phonePort,
                List.of("-au", "dave", "-ap", PASSWORDS.get("dave"))))
        .as("sipp register without User-Agent (see %s)", work)
        .isZero();
    assertRedirectedTo("dave", "sip:dave@127.0.0.1:" + phonePort);
  }

  /**
   * sipsak, the third client: a one-shot command-line REGISTER with digest auth and an exit code,
   * no terminal, daemon or sound device (linphonec is an interactive shell). It then sends an
   * INVITE for the user it registered, and must get the 302 (-d: not follow it).
   */
  @Test
  void sipsakRegistersWithDigestAuthAndItsInviteIsRedirected() throws Exception {
    InteropTools.requireTool("sipsak");
    int phonePort = FreePorts.udpAndTcp();
    String proxy = "127.0.0.1:" + node.sipPort();
    String register =
        runTool(
            "sipsak-register",
            List.of(
                "sipsak",
                "-U",
                "-s",
                "sip:erin@" + SIPSAK_DOMAIN,
                "-p",
                proxy,
                "-u",
                "erin", // else sipsak 0.9.8 sends username="erin@"
                "-C",
                "sip:erin@127.0.0.1:" + phonePort,
                "-a",
                SIPSAK_PASSWORD,
                "-x",
                "600",
                "-vvv"));
    assertThat(InteropTools.registrationsOf(node, sipsakTenantKey, "erin"))
        .as("sipsak output: %s", register)
        .contains("\"aor\":\"sip:erin@" + SIPSAK_DOMAIN + "\"")
        .contains("sip:erin@127.0.0.1:" + phonePort)
        .contains("\"userAgent\":\"sipsak");

    String redirected = sipsakInvite("erin", proxy);
    assertThat(redirected)
        .contains("SIP/2.0 302")
        .containsPattern("(?i)Contact: *<?sip:erin@127\\.0\\.0\\.1:" + phonePort);
  }

  /** sipsak sends an INVITE for {@code user} of the 127.0.0.1 tenant; its output. */
  private static String sipsakInvite(String user, String proxy) throws Exception {
    Path invite = work.resolve("sipsak-invite-" + user + ".txt");
    Files.writeString(
        invite,
        String.join(
            "\n",
            "INVITE sip:" + user + "@" + SIPSAK_DOMAIN + " SIP/2.0",
            "From: <sip:caller@" + SIPSAK_DOMAIN + ">;tag=sipsak1",
            "To: <sip:" + user + "@" + SIPSAK_DOMAIN + ">",
            "Call-ID: sipsak-invite-" + user + "-" + System.nanoTime() + "@127.0.0.1",
            "CSeq: 1 INVITE",
            "Contact: <sip:caller@127.0.0.1>",
            "Max-Forwards: 70",
            "Content-Length: 0",
            "",
            ""));
    return runTool(
        "sipsak-invite-" + user,
        List.of(
            "sipsak",
            "-f",
            invite.toString(),
            "-s",
            "sip:" + user + "@" + SIPSAK_DOMAIN,
            "-p",
            proxy,
            "-d",
            "-vvv"));
  }

  /**
   * linphone's console phone, linphonec, with its account in its configuration file and no
   * terminal: it registers with digest auth, and an INVITE to it is redirected to its contact.
   * linphonec sends nothing until it can open its message database, so its home must hold the
   * database's directory.
   */
  @Test
  void linphonecRegistersWithDigestAuthAndAnInviteToItIsRedirected() throws Exception {
    InteropTools.requireTool("linphonec");
    InteropTools.requireTool("sipsak");
    Path home = work.resolve("linphone");
    Files.createDirectories(home.resolve(".local/share/linphone"));
    int phonePort = FreePorts.udpAndTcp();
    String proxy = "127.0.0.1:" + node.sipPort();
    Path rc = home.resolve("linphonerc");
    Files.writeString(
        rc,
        String.join(
            "\n",
            "[sip]",
            "sip_port=" + phonePort,
            "sip_tcp_port=0",
            "sip_tls_port=0",
            "default_proxy=0",
            "[proxy_0]",
            "reg_proxy=sip:" + proxy,
            "reg_identity=sip:frank@" + SIPSAK_DOMAIN,
            "reg_expires=600",
            "reg_sendregister=1",
            "[auth_info_0]",
            "username=frank",
            "passwd=" + LINPHONE_PASSWORD,
            "domain=" + SIPSAK_DOMAIN,
            ""));
    Path log = work.resolve("linphonec.log");
    ProcessBuilder builder =
        new ProcessBuilder("linphonec", "-c", rc.toString(), "-d", "6", "-l", log.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("linphonec.out").toFile());
    builder.environment().put("HOME", home.toString());
    // Its commands come from standard input, kept open until the end; "quit" ends it.
    Process phone = builder.start();
    try {
      assertThat(InteropTools.registrationsOf(node, sipsakTenantKey, "frank"))
          .as("linphonec log: %s", tail(log))
          .contains("\"aor\":\"sip:frank@" + SIPSAK_DOMAIN + "\"")
          .contains("@127.0.0.1:" + phonePort)
          .contains("\"userAgent\":\"Linphone");
      assertThat(sipsakInvite("frank", proxy))
          .contains("SIP/2.0 302")
          .containsPattern("(?i)Contact: *<?sip:frank@127\\.0\\.0\\.1:" + phonePort);
    } finally {
      try (var commands = phone.getOutputStream()) {
        commands.write("quit\n".getBytes(StandardCharsets.US_ASCII));
      } catch (IOException alreadyGone) {
        // It ended on its own; nothing to tell it.
      }
      if (!phone.waitFor(10, TimeUnit.SECONDS)) {
        phone.destroyForcibly();
      }
    }
  }

  /** The last few thousand characters of a tool's log, for a failure's message. */
  private static String tail(Path log) throws Exception {
    if (!Files.exists(log)) {
      return "(no log)";
    }
    String text = Files.readString(log);
    return text.substring(Math.max(0, text.length() - 4000));
  }

  /** Runs a tool to its end (60 s at most); its output, whatever its exit code. */
  private static String runTool(String name, List<String> command) throws Exception {
    Path out = work.resolve(name + ".out");
    Process p =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(out.toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(name + " did not finish: " + Files.readString(out));
    }
    return "exit " + p.exitValue() + "\n" + Files.readString(out);
  }

  @Test
  void baresipRegistersWithDigestAuthAndAnInviteToItIsRedirected() throws Exception {
    InteropTools.requireTool("baresip");
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
      String registrations = InteropTools.registrationsOf(node, tenantKey, "carol");
      assertThat(registrations)
          .as("baresip output: %s", Files.readString(work.resolve("baresip.out")))
          .contains("\"aor\":\"sip:carol@" + DOMAIN + "\"")
          .contains("@127.0.0.1:" + phonePort) // baresip adds a suffix to the Contact user
          .contains("\"userAgent\":\"baresip");
      assertRedirectedTo("carol", "@127.0.0.1:" + phonePort);
    } finally {
      phone.destroy();
      if (!phone.waitFor(10, TimeUnit.SECONDS)) {
        phone.destroyForcibly();
      }
    }
  }
}
