package io.voxhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.sip.transport.SipTestClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node whose PostgreSQL hangs (every PostgreSQL process stopped with SIGSTOP, as a hung database
 * or a partition would look): redirects go on from memory, REGISTERs and API writes are told to
 * retry later within the deadline instead of hanging, readiness says so, and after SIGCONT
 * everything recovers with nothing committed lost.
 */
class DatabaseHangIT {

  private static final String PASSWORD = "it-password-1";

  /** The deadline (voxhost.db.timeout, 2 s) and room for a loaded 2-core machine. */
  private static final long ANSWER_WITHIN_MILLIS = 4_000;

  private Path work;
  private final List<Long> frozen = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    work = TempDirs.create("db-hang-");
  }

  @AfterEach
  void tearDown() throws Exception {
    thaw(); // whatever failed, never leave a stopped PostgreSQL behind
    TempDirs.delete(work);
  }

  @Test
  void aHungDatabaseIsAnsweredForAndNothingCommittedIsLost() throws Exception {
    Path dataDir = work.resolve("data");
    String keyA;
    try (NodeProcess node =
        NodeProcess.start(work, Map.of("voxhost.data-dir", dataDir.toString()))) {
      node.awaitReady(Duration.ofSeconds(120));
      String admin = Files.readString(dataDir.resolve("admin.key")).trim();
      keyA = node.createSipTenant(admin, "hang-a", PASSWORD, "alice", "bob");
      node.createSipTenant(admin, "hang-b", PASSWORD, "alice", "bob");

      try (SipTestClient sip = new SipTestClient("127.0.0.1", node.sipPort())) {
        assertThat(register(sip, "alice", "hang-a.example.net").getStatusCode()).isEqualTo(200);
      }
      node.stop(Duration.ofSeconds(60));
    }
    // A fresh start: no request has asked for either domain or user since.
    try (NodeProcess node =
            NodeProcess.start(work, Map.of("voxhost.data-dir", dataDir.toString()));
        SipTestClient sip = new SipTestClient("127.0.0.1", node.sipPort())) {
      node.awaitReady(Duration.ofSeconds(120));
      {
        freeze(dataDir.resolve("pg"));
        try {
          whileFrozen(node, sip, keyA);
        } catch (AssertionError e) {
          System.out.println(threadDump(node.pid()));
          System.out.println(node.output());
          throw e;
        }

        thaw();

        // Everything comes back by itself; nothing committed before the hang is lost.
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> node.get("/q/health/ready").statusCode() == 200);
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> register(sip, "alice", "hang-a.example.net").getStatusCode() == 200);
        assertThat(
                node.post(
                        "/api/v1/sip/subscribers",
                        keyA,
                        "{\"username\":\"carol\",\"password\":\"" + PASSWORD + "\"}")
                    .statusCode())
            .isEqualTo(201);
        assertThat(node.get("/api/v1/sip/subscribers/alice", keyA).statusCode()).isEqualTo(200);
        assertThat(node.get("/api/v1/sip/subscribers/bob", keyA).statusCode()).isEqualTo(200);
        assertThat(node.get("/api/v1/sip/registrations", keyA).body())
            .contains("sip:alice@192.0.2.10:5062");
        assertThat(invite(sip, "alice", "hang-a.example.net").getStatusCode()).isEqualTo(302);
        assertThat(register(sip, "carol", "hang-a.example.net").getStatusCode()).isEqualTo(200);

        String metrics = node.get("/q/metrics").body();
        assertThat(metrics).contains("voxhost_api_database_unavailable_total");
        assertThat(metrics).contains("voxhost_sip_database_unavailable_total");
      }
      node.stop(Duration.ofSeconds(60));
    }
  }

  private static void whileFrozen(NodeProcess node, SipTestClient sip, String keyA)
      throws Exception {
    // A redirect reads memory only: even the first INVITE for either domain since start.
    long t0 = System.nanoTime();
    Response moved = invite(sip, "alice", "hang-a.example.net");
    assertThat(moved.getStatusCode()).as(moved.getReasonPhrase()).isEqualTo(302);
    Response absent = invite(sip, "bob", "hang-b.example.net");
    // bob exists and has no binding
    assertThat(absent.getStatusCode()).as(absent.getReasonPhrase()).isEqualTo(480);
    Response unknown = invite(sip, "nobody", "hang-b.example.net");
    assertThat(unknown.getStatusCode()).as(unknown.getReasonPhrase()).isEqualTo(404);
    assertThat(millisSince(t0)).isLessThan(1_500);

    // A REGISTER refresh cannot be made durable: 503 with Retry-After, not silence.
    t0 = System.nanoTime();
    Response refused = register(sip, "alice", "hang-a.example.net");
    assertThat(millisSince(t0)).isLessThan(ANSWER_WITHIN_MILLIS);
    assertThat(refused.getStatusCode()).isEqualTo(503);
    assertThat(refused.getHeader(RetryAfterHeader.NAME)).isNotNull();

    // An API write: 503 problem+json with Retry-After within the deadline.
    t0 = System.nanoTime();
    HttpResponse<String> write =
        node.post(
            "/api/v1/sip/subscribers",
            keyA,
            "{\"username\":\"carol\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(millisSince(t0)).isLessThan(ANSWER_WITHIN_MILLIS);
    assertThat(write.statusCode()).isEqualTo(503);
    assertThat(write.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(write.headers().firstValue("Retry-After")).isPresent();
    assertThat(write.body()).contains("database-unavailable");

    // Readiness tells a load balancer at once.
    t0 = System.nanoTime();
    assertThat(node.get("/q/health/ready").statusCode()).isEqualTo(503);
    assertThat(millisSince(t0)).isLessThan(ANSWER_WITHIN_MILLIS);
  }

  /** What every thread of the node was doing, to tell what waited; best effort. */
  private static String threadDump(long pid) {
    try {
      Process jcmd =
          new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print")
              .redirectErrorStream(true)
              .start();
      String dump = new String(jcmd.getInputStream().readAllBytes());
      jcmd.waitFor(10, TimeUnit.SECONDS);
      return dump;
    } catch (IOException | InterruptedException e) {
      return "(no thread dump: " + e + ")";
    }
  }

  /** Stops the postmaster and every backend under it. */
  private void freeze(Path pgData) throws Exception {
    long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0));
    ProcessHandle root = ProcessHandle.of(postmaster).orElseThrow();
    List<Long> pids = new ArrayList<>();
    pids.add(root.pid());
    root.descendants().forEach(p -> pids.add(p.pid()));
    signal("-STOP", pids);
    frozen.addAll(pids);
  }

  private void thaw() throws IOException, InterruptedException {
    if (!frozen.isEmpty()) {
      signal("-CONT", frozen);
      frozen.clear();
    }
  }

  private static void signal(String signal, List<Long> pids)
      throws IOException, InterruptedException {
    // The shell's own kill: a minimal machine may have no kill binary (procps).
    StringBuilder command = new StringBuilder("kill ").append(signal);
    pids.forEach(p -> command.append(' ').append(p));
    Process kill = new ProcessBuilder("sh", "-c", command.toString()).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static Response register(SipTestClient sip, String user, String domain) throws Exception {
    Request first =
        sip.request(Request.REGISTER, user, domain)
            .contact("sip:" + user + "@192.0.2.10:5062", 3600, null)
            .build();
    Response challenge = sip.send(first, "udp");
    if (challenge.getStatusCode() != 401) {
      return challenge;
    }
    return sip.send(sip.authorize(first, challenge, user, PASSWORD, "SHA-256", 1, 2), "udp");
  }

  private static Response invite(SipTestClient sip, String user, String domain) throws Exception {
    return sip.send(sip.request(Request.INVITE, user, domain).build(), "udp");
  }
}
