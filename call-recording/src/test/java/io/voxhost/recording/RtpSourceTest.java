package io.voxhost.recording;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.as;
import static io.voxhost.recording.CaptureTest.SESSIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.voxhost.platform.net.ListenAddress;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.recording.CaptureTest.Rtp;
import jakarta.inject.Inject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Who may speak on a leg (issue 14): a leg whose session names its source takes RTP from there
 * only, however early a stranger sprays its port; and ports are drawn at random, so one session's
 * port tells nothing of the next one's. All traffic stays on 127.0.0.0/8.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RtpSourceTest {

  @Inject RecordingConfig config;

  private static final Pattern UNEXPECTED =
      Pattern.compile(
          "voxhost_recording_rtp_foreign_packets_total\\{reason=\"unexpected-source\"} ([0-9.E]+)");

  @Test
  void aStrangerCannotLatchALegWhoseSourceIsNamed() throws Exception {
    TenantKey t = ApiClient.newTenant("rec-source");
    JsonPath session =
        as(t.key())
            .body(
                Map.of(
                    "codec",
                    "PCMU",
                    "legs",
                    List.of(Map.of("label", "caller", "source", "127.0.0.2"))))
            .post(SESSIONS)
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String id = session.getString("id");
    assertThat(session.getString("legs[0].source")).isEqualTo("127.0.0.2");
    InetSocketAddress leg = CaptureTest.firstLeg(session);
    double unexpectedBefore = unexpectedSources();

    List<Rtp> real = CaptureTest.leg(CaptureTest.ref("caller.ulaw"), 0x1111, 1000, 8000, false);
    byte[] noise = new byte[160];
    Arrays.fill(noise, (byte) 0x2a);
    int strangers = 0;
    try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.3", 0));
        DatagramSocket media = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
      // The stranger is there first, with valid RTP and a plausible stream of its own.
      for (int i = 0; i < 20; i++) {
        send(stranger, leg, new Rtp(i, 160L * i, 0x6666, noise).bytes());
        strangers++;
      }
      awaitLeg(t, id, 0, strangers);
      for (int i = 0; i < real.size(); i++) {
        send(media, leg, real.get(i).bytes());
        if (i % 10 == 5) {
          // And keeps at it during the call, with the real stream's own numbering.
          send(
              stranger,
              leg,
              new Rtp(real.get(i).seq() + 1, real.get(i).ts() + 160, 0x1111, noise).bytes());
          strangers++;
        }
        Thread.sleep(2); // pacing: the kernel must not be what drops packets
      }
      awaitLeg(t, id, real.size(), strangers);
    }
    assertThat(unexpectedSources() - unexpectedBefore).isGreaterThanOrEqualTo(strangers);

    as(t.key()).post(SESSIONS + "/" + id + "/stop").then().statusCode(202);
    CaptureTest.awaitStatus(t, id, "completed");
    byte[] wav =
        as(t.key())
            .get("/api/v1/recordings/" + id + ".wav")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    // The recording is the real source's audio, exactly, and nothing of the stranger's.
    assertThat(data(wav)).isEqualTo(CaptureTest.expectedTrack(real));
  }

  @Test
  void withoutANamedSourceTheFirstSenderLatchesAsBefore() throws Exception {
    TenantKey t = ApiClient.newTenant("rec-latch");
    JsonPath session = CaptureTest.openOneLeg(t, "caller");
    String id = session.getString("id");
    assertThat(session.getString("legs[0].source")).isNull();
    InetSocketAddress leg = CaptureTest.firstLeg(session);
    try (DatagramSocket first = new DatagramSocket(new InetSocketAddress("127.0.0.3", 0));
        DatagramSocket second = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
      send(first, leg, new Rtp(1, 160, 7, new byte[160]).bytes());
      awaitLeg(t, id, 1, 0);
      send(second, leg, new Rtp(2, 320, 7, new byte[160]).bytes());
      awaitLeg(t, id, 1, 1);
    }
    as(t.key()).post(SESSIONS + "/" + id + "/stop").then().statusCode(202);
  }

  @Test
  void portsOfConsecutiveSessionsAreNotSequential() {
    TenantKey t = ApiClient.newTenant("rec-ports");
    List<Integer> ports = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        JsonPath session = CaptureTest.openOneLeg(t, "only");
        ids.add(session.getString("id"));
        ports.add(session.getInt("legs[0].port"));
      }
    } finally {
      ids.forEach(id -> as(t.key()).post(SESSIONS + "/" + id + "/stop"));
    }
    assertThat(new HashSet<>(ports)).hasSize(20);
    Set<Integer> steps = new HashSet<>();
    for (int i = 1; i < ports.size(); i++) {
      steps.add(ports.get(i) - ports.get(i - 1));
    }
    // In order, the steps would all be one (or all the same); 20 random draws from 1,000 ports
    // (the test range) are neither an arithmetic sequence nor a run of 20 neighbours.
    assertThat(steps).as("steps between ports %s", ports).hasSizeGreaterThan(1);
    List<Integer> sorted = ports.stream().sorted().toList();
    assertThat(sorted.get(19) - sorted.get(0)).as("span of %s", ports).isGreaterThan(19);
  }

  @Test
  void aNearlyFullRangeStillFindsItsLastFreePortThenAnswers503() throws Exception {
    TenantKey t = ApiClient.newTenant("rec-full");
    ListenAddress range = config.listen();
    InetAddress host = InetAddress.getByName(range.host());
    List<DatagramSocket> held = new ArrayList<>();
    try {
      // Another process (here: the test) holds every port of the range it can get.
      for (int port = range.port(); port <= range.lastPort(); port++) {
        try {
          held.add(new DatagramSocket(new InetSocketAddress(host, port)));
        } catch (java.net.BindException e) {
          // a leg of this node has it
        }
      }
      assertThat(held).hasSizeGreaterThan(range.portCount() / 2);
      DatagramSocket last = held.remove(held.size() / 2);
      int free = last.getLocalPort();
      last.close();
      JsonPath session = CaptureTest.openOneLeg(t, "only");
      assertThat(session.getInt("legs[0].port")).isEqualTo(free);
      as(t.key())
          .body(Map.of("codec", "PCMU", "legs", List.of(Map.of("label", "more"))))
          .post(SESSIONS)
          .then()
          .statusCode(503);
      as(t.key()).post(SESSIONS + "/" + session.getString("id") + "/stop").then().statusCode(202);
    } finally {
      held.forEach(DatagramSocket::close);
    }
  }

  @Test
  void aLegSourceMustBeAnAddressOrNetworkLiteral() {
    TenantKey t = ApiClient.newTenant("rec-source-bad");
    for (String bad :
        List.of("localhost", "127.0.0.1/33", "10.0.0.0/", "10.0.0.0/-1", "::1/129", "1.2.3", "")) {
      as(t.key())
          .body(
              Map.of(
                  "codec",
                  "PCMU",
                  "legs",
                  List.of(Map.of("label", "a"), Map.of("label", "b", "source", bad))))
          .post(SESSIONS)
          .then()
          .statusCode(400)
          .body("errors.field", hasItem("legs[1].source"));
    }
    String id =
        as(t.key())
            .body(
                Map.of(
                    "codec",
                    "PCMU",
                    "legs",
                    List.of(
                        Map.of("label", "a", "source", "192.0.2.77/24"),
                        Map.of("label", "b", "source", "2001:db8::1"))))
            .post(SESSIONS)
            .then()
            .statusCode(201)
            .body("legs[0].source", equalTo("192.0.2.0/24"))
            .body("legs[1].source", equalTo("2001:db8::1"))
            .extract()
            .path("id");
    as(t.key()).post(SESSIONS + "/" + id + "/stop").then().statusCode(202);
  }

  /** Waits (5 s at most) until the session's only leg has counted these packets. */
  private static void awaitLeg(TenantKey t, String id, long packets, long foreign) {
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              JsonPath live =
                  as(t.key()).get(SESSIONS + "/" + id).then().statusCode(200).extract().jsonPath();
              assertThat(live.getLong("legs[0].packets")).isEqualTo(packets);
              assertThat(live.getLong("legs[0].foreign")).isEqualTo(foreign);
            });
  }

  private static double unexpectedSources() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m = UNEXPECTED.matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** The samples of a WAV file: its data chunk. */
  private static byte[] data(byte[] wav) {
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    int at = 12;
    while (at + 8 <= wav.length) {
      String chunk = new String(wav, at, 4, StandardCharsets.US_ASCII);
      int size = b.getInt(at + 4);
      if (chunk.equals("data")) {
        return Arrays.copyOfRange(wav, at + 8, at + 8 + size);
      }
      at += 8 + size + (size & 1);
    }
    throw new AssertionError("no data chunk");
  }

  private static void send(DatagramSocket s, InetSocketAddress to, byte[] bytes) throws Exception {
    s.send(new DatagramPacket(bytes, bytes.length, to));
  }
}
