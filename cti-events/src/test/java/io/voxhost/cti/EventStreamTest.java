package io.voxhost.cti;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.cti.transport.EventStreamServer;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events streamed over TCP: signed in, checked line by line, acknowledged once committed. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class EventStreamTest {

  @Inject EventStreamServer server;

  /** A connection to the listener, read line by line. */
  final class Client implements AutoCloseable {
    final Socket socket = new Socket();
    final BufferedReader in;
    final OutputStream out;

    Client() throws Exception {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
      socket.setSoTimeout(30_000);
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = socket.getOutputStream();
      assertThat(in.readLine()).isEqualTo("+VOXHOST cti-stream 1");
    }

    void send(String text) throws Exception {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    String line() throws Exception {
      return in.readLine();
    }

    /** Reads until a line starting with {@code prefix}; returns the lines read, it last. */
    List<String> until(String prefix) throws Exception {
      List<String> lines = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
        if (line.startsWith(prefix)) {
          return lines;
        }
      }
      throw new AssertionError("closed before " + prefix + ": " + lines);
    }

    @Override
    public void close() throws Exception {
      socket.close();
    }
  }

  private Client signedIn(TenantKey t, String format, String instance) throws Exception {
    Client c = new Client();
    c.send("AUTH " + t.key() + "\r\n");
    assertThat(c.line()).isEqualTo("+OK");
    c.send("STREAM " + format + " " + instance + "\r\n");
    assertThat(c.line()).isEqualTo("+OK");
    return c;
  }

  private static int offeredOn(TenantKey t, String day) {
    List<Integer> offered =
        as(t.key())
            .get(
                "/api/v1/cti/kpis?from="
                    + day
                    + "T00:00:00Z&to="
                    + Instant.parse(day + "T00:00:00Z").plusSeconds(86400)
                    + "&interval=day")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("rows.offered");
    return offered.stream().mapToInt(Integer::intValue).sum();
  }

  @Test
  void queueLogLinesAreCheckedStoredOnceAndAcknowledged() throws Exception {
    TenantKey t = ApiClient.newTenant("stream-log");
    String log = AsteriskApiTest.corpus("queue_log");
    try (Client c = signedIn(t, "queue-log", "pbx1")) {
      c.send(log.replace("\n", "\r\n") + "not a queue_log line\n");
      List<String> answers = c.until("+ACK");
      assertThat(answers).anySatisfy(a -> assertThat(a).startsWith("-ERR 9 "));
      assertThat(answers.get(answers.size() - 1)).isEqualTo("+ACK 9");
      // The same lines again: acknowledged, kept once.
      c.send(log);
      assertThat(c.until("+ACK")).last().isEqualTo("+ACK 17");
      c.send("PING\n");
      assertThat(c.line()).isEqualTo("+PONG 17");
      c.send("QUIT\n");
      assertThat(c.line()).isEqualTo("+BYE 17");
      assertThat(c.line()).isNull();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> offeredOn(t, "2024-12-06") == 2);
  }

  private static String corpus(String name) throws Exception {
    try (var in = EventStreamTest.class.getResourceAsStream("/corpus/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void amiBlocksAndFreeSwitchEventsMakeTheirCallsRecords() throws Exception {
    TenantKey t = ApiClient.newTenant("stream-switches");
    String ami = corpus("ami/basic-call.ami");
    long amiLines = ami.split("\r\n", -1).length - 1;
    try (Client c = signedIn(t, "ami", "pbx1")) {
      c.send(ami);
      assertThat(c.until("+ACK " + amiLines)).noneMatch(a -> a.startsWith("-ERR"));
    }
    String esl = corpus("freeswitch/basic-call.jsonl");
    try (Client c = signedIn(t, "esl-json", "fs1")) {
      c.send(esl);
      assertThat(c.until("+ACK 10")).noneMatch(a -> a.startsWith("-ERR"));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(CallApiTest.calls(t, "?state=complete").getList("items.outcome"))
                    .containsExactly("answered", "answered"));
    assertThat(CallApiTest.calls(t, "").getList("items.instance")).containsExactly("pbx1", "fs1");
  }

  /**
   * FreeSWITCH's transfers and queue, sent in an order of their own: the consultation call joins
   * the first through the bridge, the agents' legs join the caller's call, each one record.
   */
  @Test
  void freeSwitchsTransfersAndQueueCallAreEachOneRecord() throws Exception {
    TenantKey t = ApiClient.newTenant("stream-fs-transfers");
    List<String> lines = new ArrayList<>();
    for (String file :
        List.of("attended-transfer.jsonl", "blind-transfer.jsonl", "callcenter-call.jsonl")) {
      lines.addAll(corpus("freeswitch/" + file).lines().toList());
    }
    java.util.Collections.shuffle(lines, new java.util.Random(5));
    try (Client c = signedIn(t, "esl-json", "fs1")) {
      c.send(String.join("\n", lines) + "\n");
      assertThat(c.until("+ACK " + lines.size())).noneMatch(a -> a.startsWith("-ERR"));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(CallApiTest.calls(t, "?state=complete").getList("items.outcome"))
                    .containsExactlyInAnyOrder("transferred", "transferred", "answered"));
    assertThat(CallApiTest.calls(t, "").getList("items")).hasSize(3);
    assertThat(CallApiTest.calls(t, "?outcome=transferred").getList("items.key"))
        .containsExactlyInAnyOrder(
            "a1b2c3d4-0000-4000-8000-000000000011", "a1b2c3d4-0000-4000-8000-000000000021");
    assertThat(CallApiTest.calls(t, "?queue=support@default").getList("items.answeredBy"))
        .containsExactly("1001@default");
  }

  /** AMI's transfers, the second half of each call first: one transferred record each. */
  @Test
  void amisTransfersSentOutOfOrderAreEachOneRecord() throws Exception {
    TenantKey t = ApiClient.newTenant("stream-ami-transfers");
    for (String file : List.of("ami/attended-transfer.ami", "ami/blind-transfer.ami")) {
      String ami = corpus(file);
      String events = ami.substring(ami.indexOf("Event: "));
      int half = events.indexOf("\r\n\r\n", events.length() / 2) + 4;
      String sent = events.substring(half) + events.substring(0, half);
      long lines = sent.split("\r\n", -1).length - 1;
      try (Client c = signedIn(t, "ami", "pbx1")) {
        c.send(sent);
        assertThat(c.until("+ACK " + lines)).noneMatch(a -> a.startsWith("-ERR"));
      }
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(CallApiTest.calls(t, "?state=complete").getList("items.outcome"))
                    .containsExactly("transferred", "transferred"));
    assertThat(CallApiTest.calls(t, "").getList("items")).hasSize(2);
  }

  @Test
  void aStreamLargerThanTheTenantsQueueIsTakenWholeAtTheWritersPace() throws Exception {
    // 4,000 lines against a tenant queue of 1,000 events: the stream waits, nothing is dropped.
    TenantKey t = ApiClient.newTenant("stream-json");
    Instant start = Instant.parse("2024-12-07T09:00:00Z");
    StringBuilder lines = new StringBuilder();
    for (int call = 0; call < 2000; call++) {
      Instant at = start.plusSeconds(call);
      for (String type : List.of("channel-start", "call-end")) {
        lines
            .append("{\"source\":\"switch\",\"instance\":\"sw1\",\"id\":\"")
            .append(call)
            .append('-')
            .append(type)
            .append("\",\"at\":\"")
            .append(type.equals("call-end") ? at.plusSeconds(30) : at)
            .append("\",\"type\":\"")
            .append(type)
            .append("\",\"call\":\"c")
            .append(call)
            .append("\",\"channel\":\"c")
            .append(call)
            .append("\"}\n");
      }
    }
    try (Client c = signedIn(t, "json", "sw1")) {
      c.send(lines.toString());
      String last;
      do {
        last = c.line();
        assertThat(last).startsWith("+ACK");
      } while (!last.equals("+ACK 4000"));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> offeredOn(t, "2024-12-07") == 2000);
  }

  @Test
  void strangersGarbageAndEndlessLinesAreShownTheDoor() throws Exception {
    try (Client c = new Client()) {
      c.send("AUTH vx_nothing\r\n");
      assertThat(c.line()).startsWith("-ERR");
      assertThat(c.line()).isNull();
    }
    try (Client c = new Client()) {
      c.send("AUTH " + ApiClient.adminKey() + "\r\n");
      assertThat(c.line()).startsWith("-ERR the key is not a tenant's full key");
    }
    try (Client c = new Client()) {
      c.send("HELLO\r\n");
      assertThat(c.line()).startsWith("-ERR AUTH <key> first");
    }
    TenantKey t = ApiClient.newTenant("stream-bad");
    try (Client c = new Client()) {
      c.send("AUTH " + t.key() + "\r\nSTREAM xml pbx1\r\n");
      assertThat(c.line()).isEqualTo("+OK");
      assertThat(c.line()).startsWith("-ERR STREAM");
    }
    try (Client c = signedIn(t, "json", "sw1")) {
      c.send("x".repeat(70_000));
      assertThat(c.line()).isEqualTo("-ERR a line longer than 65536 bytes");
      assertThat(c.line()).isNull();
    }
  }
}
