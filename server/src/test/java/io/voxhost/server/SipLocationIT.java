package io.voxhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.platform.database.EmbeddedDatabase;
import io.voxhost.sip.transport.SipTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The location service across processes: bindings survive a restart, and two nodes on one database
 * redirect to bindings the other one made.
 */
class SipLocationIT {

  private static final String PASSWORD = "it-password-1";

  private Path work;
  private EmbeddedDatabase shared;

  @BeforeEach
  void setUp() throws Exception {
    work = TempDirs.create("sip-location-");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (shared != null) {
      shared.close();
    }
    TempDirs.delete(work);
  }

  @Test
  void aRestartLosesNoBinding() throws Exception {
    Path dataDir = work.resolve("data");
    Map<String, String> props = Map.of("voxhost.data-dir", dataDir.toString());
    try (NodeProcess node = NodeProcess.start(work, props)) {
      node.awaitReady(Duration.ofSeconds(120));
      node.createSipTenant(
          Files.readString(dataDir.resolve("admin.key")).trim(),
          "restart",
          PASSWORD,
          "alice",
          "bob");
      try (SipTestClient sip = new SipTestClient("127.0.0.1", node.sipPort())) {
        Response ok = register(sip, "alice", "restart.example.net", "sip:alice@192.0.2.10:5062");
        assertThat(ok.getStatusCode()).isEqualTo(200);
      }
      assertThat(node.stop(Duration.ofSeconds(60))).isZero();
    }
    try (NodeProcess again = NodeProcess.start(work, props)) {
      again.awaitReady(Duration.ofSeconds(120));
      try (SipTestClient sip = new SipTestClient("127.0.0.1", again.sipPort())) {
        Response moved = invite(sip, "alice", "restart.example.net");
        assertThat(moved.getStatusCode()).isEqualTo(302);
        ContactHeader contact = (ContactHeader) moved.getHeader(ContactHeader.NAME);
        assertThat(contact.getAddress().getURI().toString()).isEqualTo("sip:alice@192.0.2.10:5062");
        assertThat(contact.getExpires()).isBetween(3000, 3600);
      }
      again.stop(Duration.ofSeconds(60));
    }
  }

  @Test
  void twoNodesOnOneDatabaseRedirectToEachOthersBindings() throws Exception {
    shared =
        EmbeddedDatabase.start(
            work.resolve("shared-pg"),
            Path.of(System.getProperty("java.io.tmpdir"), "voxhost-test-pg-bin"),
            work.resolve("shared.secret"),
            Duration.ofSeconds(60));
    try (NodeProcess a = NodeProcess.start(work.resolve("a"), nodeProps("a"));
        NodeProcess b = NodeProcess.start(work.resolve("b"), nodeProps("b"))) {
      a.awaitReady(Duration.ofSeconds(120));
      b.awaitReady(Duration.ofSeconds(120));
      // Whichever node migrated the empty database first wrote the admin key.
      Path keyA = work.resolve("a/data/admin.key");
      Path admin = Files.exists(keyA) ? keyA : work.resolve("b/data/admin.key");
      a.createSipTenant(Files.readString(admin).trim(), "shared", PASSWORD, "alice", "bob");
      try (SipTestClient sipA = new SipTestClient("127.0.0.1", a.sipPort());
          SipTestClient sipB = new SipTestClient("127.0.0.1", b.sipPort())) {
        // Node B accepts the nonce node A issued: both sign with the secret in the database.
        assertThat(
                register(sipA, sipB, "bob", "shared.example.net", "sip:bob@192.0.2.20")
                    .getStatusCode())
            .isEqualTo(200);
        awaitStatus(sipA, "bob", "shared.example.net", 302); // made on B, found on A
        assertThat(
                register(sipA, "alice", "shared.example.net", "sip:alice@192.0.2.21")
                    .getStatusCode())
            .isEqualTo(200);
        long seen = awaitStatus(sipB, "alice", "shared.example.net", 302);
        System.out.printf("binding made on node A redirected on node B after %d ms%n", seen);
        reportWarmPropagation(sipA, sipB);

        Request unregister =
            sipB.request(Request.REGISTER, "alice", "shared.example.net")
                .contact("sip:alice@192.0.2.21", 0, null)
                .build();
        Response challenge = sipB.send(unregister, "udp");
        assertThat(
                sipB.send(
                        sipB.authorize(unregister, challenge, "alice", PASSWORD, "MD5", 1, 2),
                        "udp")
                    .getStatusCode())
            .isEqualTo(200);
        awaitStatus(sipA, "alice", "shared.example.net", 480);
      }
      a.stop(Duration.ofSeconds(60));
      b.stop(Duration.ofSeconds(60));
    }
  }

  private Map<String, String> nodeProps(String name) {
    Map<String, String> props = new HashMap<>();
    props.put("voxhost.data-dir", work.resolve(name).resolve("data").toString());
    props.put("voxhost.db.url", shared.target().jdbcUrl());
    props.put("voxhost.db.user", shared.target().user());
    props.put("voxhost.db.password", shared.target().password());
    return props;
  }

  /** REGISTER with digest authentication: challenged by one node, answered to another. */
  private static Response register(
      SipTestClient challenger, SipTestClient sip, String user, String domain, String contact)
      throws Exception {
    Request first =
        challenger.request(Request.REGISTER, user, domain).contact(contact, 3600, null).build();
    Response challenge = challenger.send(first, "udp");
    assertThat(challenge.getStatusCode()).isEqualTo(401);
    return sip.send(sip.authorize(first, challenge, user, PASSWORD, "SHA-256", 1, 2), "udp");
  }

  private static Response register(SipTestClient sip, String user, String domain, String contact)
      throws Exception {
    return register(sip, sip, user, domain, contact);
  }

  private static Response invite(SipTestClient sip, String user, String domain) throws Exception {
    return sip.send(sip.request(Request.INVITE, user, domain).build(), "udp");
  }

  /**
   * With both nodes warm: how long after node A's 200 does node B redirect to the new contact? Each
   * round gives bob a new contact on A, then polls B every millisecond.
   */
  private static void reportWarmPropagation(SipTestClient sipA, SipTestClient sipB)
      throws Exception {
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String contact = "sip:bob@192.0.2." + (100 + i);
      assertThat(register(sipA, "bob", "shared.example.net", contact).getStatusCode())
          .isEqualTo(200);
      long start = System.nanoTime();
      long deadline = start + Duration.ofSeconds(10).toNanos();
      while (!invite(sipB, "bob", "shared.example.net").toString().contains(contact)) {
        assertThat(System.nanoTime()).as("node B learns of " + contact).isLessThan(deadline);
        Thread.sleep(1);
      }
      micros.add((System.nanoTime() - start) / 1_000);
    }
    Collections.sort(micros);
    System.out.printf(
        "warm propagation A -> B over %d changes: median %.1f ms, max %.1f ms%n",
        micros.size(),
        micros.get(micros.size() / 2) / 1000.0,
        micros.get(micros.size() - 1) / 1000.0);
  }

  /** Sends INVITEs until one gets {@code status}; returns the milliseconds that took. */
  private static long awaitStatus(SipTestClient sip, String user, String domain, int status)
      throws Exception {
    long start = System.nanoTime();
    long deadline = start + Duration.ofSeconds(10).toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      last = invite(sip, user, domain).getStatusCode();
      if (last == status) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("expected " + status + " within 10 s, last answer was " + last);
  }
}
