package io.voxhost.recording;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.voxhost.media.api.G711;
import io.voxhost.media.api.LegTimeline;
import io.voxhost.media.api.TimelineSettings;
import io.voxhost.media.service.JavaMediaLibrary;
import io.voxhost.media.service.TrackWriter;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.recording.service.CaptureClock;
import io.voxhost.recording.service.RecordingFiles;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A call forked to us end to end: two legs of the anchor's reference audio as RTP, with a lost
 * packet, two swapped, a duplicate, a silence-suppressed hold and a pause long enough to start a
 * new spool segment, plus garbage and a stranger on a leg's port; then stop, and the stored WAV
 * holds exactly what the media library makes of the same packets.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class CaptureTest {

  static final String SESSIONS = "/api/v1/recordings/sessions";

  @Inject RecordingFiles files;

  /** One RTP packet as the test sends it. */
  record Rtp(int seq, long ts, long ssrc, byte[] payload) {
    byte[] bytes() {
      ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
      b.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt((int) ts).putInt((int) ssrc);
      b.put(payload);
      return b.array();
    }
  }

  static byte[] ref(String name) throws Exception {
    try (InputStream in = CaptureTest.class.getResourceAsStream("/ref/" + name)) {
      return in.readAllBytes();
    }
  }

  /** The leg's packets in the order they will be sent. */
  static List<Rtp> leg(byte[] audio, long ssrc, int firstSeq, long firstTs, boolean callee) {
    List<Rtp> packets = new ArrayList<>();
    int n = audio.length / 160;
    long ts = firstTs;
    for (int i = 0; i < n; i++) {
      if (callee && i == 40) {
        ts += 8000; // one second of hold: nothing sent, the timestamp moves on
      }
      packets.add(
          new Rtp(
              (firstSeq + i) & 0xffff,
              ts & 0xffffffffL,
              ssrc,
              Arrays.copyOfRange(audio, 160 * i, 160 * i + 160)));
      ts += 160;
    }
    return packets;
  }

  /** What the library makes of the packets the server received (send order, dropped ones out). */
  static byte[] expectedTrack(List<Rtp> received) throws Exception {
    TimelineSettings settings = TimelineSettings.of(G711.ULAW);
    ByteArrayOutputStream track = new ByteArrayOutputStream();
    TrackWriter writer = new TrackWriter(Channels.newChannel(track), G711.ULAW);
    ByteBuffer out = ByteBuffer.allocate(settings.placementBound());
    try (LegTimeline t = new JavaMediaLibrary().timeline(settings)) {
      long arrival = 0;
      for (Rtp p : received) {
        out.clear();
        int w =
            t.add(
                arrival += 20_000, p.seq(), p.ts(), p.ssrc(), 0, ByteBuffer.wrap(p.payload()), out);
        writer.write(out, 0, w);
      }
      out.clear();
      writer.write(out, 0, t.finish(out));
    }
    return track.toByteArray();
  }

  @Test
  void aForkedCallIsCapturedAssembledAndServedToItsTenantOnly() throws Exception {
    // The capture clock runs, but the test moves it on for the pause instead of waiting it out.
    AtomicLong skew = new AtomicLong();
    QuarkusMock.installMockForType(
        new CaptureClock(() -> System.nanoTime() + skew.get()), CaptureClock.class);
    TenantKey t = ApiClient.newTenant("rec");
    JsonPath session =
        as(t.key())
            .body(
                Map.of(
                    "callId",
                    "call-1",
                    "from",
                    "+14155550100",
                    "to",
                    "+14155550199",
                    "direction",
                    "inbound",
                    "codec",
                    "PCMU",
                    "legs",
                    List.of(Map.of("label", "caller"), Map.of("label", "callee")),
                    "metadata",
                    Map.of("queue", "support")))
            .post(SESSIONS)
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String id = session.getString("id");
    assertThat(session.getString("status")).isEqualTo("in-progress");
    String host = session.getString("legs[0].host");
    int callerPort = session.getInt("legs[0].port");
    int calleePort = session.getInt("legs[1].port");
    assertThat(callerPort).isNotEqualTo(calleePort);

    List<Rtp> caller = leg(ref("caller.ulaw"), 0x1111, 65500, 4294960000L, false);
    List<Rtp> callee = leg(ref("callee.ulaw"), 0x2222, 100, 7, true);
    // What goes on the wire: caller's #10 lost, #20 and #21 swapped; callee's #30 twice.
    List<Rtp> callerSent = new ArrayList<>(caller);
    callerSent.remove(10);
    java.util.Collections.swap(callerSent, 19, 20);
    List<Rtp> calleeSent = new ArrayList<>(callee);
    calleeSent.add(31, callee.get(30));

    InetSocketAddress toCaller = new InetSocketAddress(host, callerPort);
    InetSocketAddress toCallee = new InetSocketAddress(host, calleePort);
    try (DatagramSocket a = new DatagramSocket();
        DatagramSocket b = new DatagramSocket();
        DatagramSocket stranger = new DatagramSocket()) {
      int packets = Math.max(callerSent.size(), calleeSent.size());
      send(a, toCaller, callerSent.get(0).bytes());
      awaitPackets(t, id, 1, 0); // the caller's leg starts first, whatever its handling costs
      for (int i = 0; i < packets; i++) {
        if (i > 0 && i < callerSent.size()) {
          send(a, toCaller, callerSent.get(i).bytes());
        }
        if (i < calleeSent.size()) {
          send(b, toCallee, calleeSent.get(i).bytes());
        }
        if (i == 5) {
          send(a, toCaller, new byte[] {1, 2, 3}); // garbage from the leg's own source
          send(stranger, toCaller, caller.get(5).bytes()); // someone else on the port
        }
        if (i == 50) {
          // A pause of 2.3 s after what both legs have sent so far: each leg's next packet
          // starts a new spool segment.
          awaitPackets(t, id, i + 1, i + 1);
          skew.addAndGet(Duration.ofMillis(2_300).toNanos());
        } else {
          Thread.sleep(2); // pacing: the kernel must not be what drops packets
        }
      }
    }

    awaitPackets(t, id, callerSent.size(), calleeSent.size());
    Path spool = files.spool(UUID.fromString(id));
    assertThat(spool.resolve("leg00-0001.rtp")).exists();
    assertThat(spool.resolve("leg01-0001.rtp")).exists();
    JsonPath live = as(t.key()).get(SESSIONS + "/" + id).then().extract().jsonPath();
    assertThat(live.getLong("legs[0].foreign")).isEqualTo(1);
    assertThat(live.getLong("legs[0].malformed")).isEqualTo(1);

    TenantKey other = ApiClient.newTenant("rec-other");
    as(other.key()).get(SESSIONS + "/" + id).then().statusCode(404);
    as(other.key()).post(SESSIONS + "/" + id + "/stop").then().statusCode(404);

    as(t.key())
        .post(SESSIONS + "/" + id + "/stop")
        .then()
        .statusCode(202)
        .body("status", org.hamcrest.Matchers.equalTo("processing"));
    String recording = "/api/v1/recordings/" + id;
    awaitStatus(t, id, "completed");

    JsonPath meta = as(t.key()).get(recording).then().statusCode(200).extract().jsonPath();
    assertThat(meta.getInt("channels")).isEqualTo(2);
    assertThat(meta.getString("codec")).isEqualTo("PCMU");
    assertThat(meta.getString("metadata.queue")).isEqualTo("support");
    assertThat(meta.getLong("legs[0].lost")).isEqualTo(1);
    assertThat(meta.getLong("legs[0].reordered")).isEqualTo(1);
    assertThat(meta.getLong("legs[1].duplicated")).isEqualTo(1);

    byte[] wav =
        as(t.key())
            .get(recording + ".wav")
            .then()
            .statusCode(200)
            .contentType("audio/wav")
            .extract()
            .asByteArray();
    assertThat(wav.length).isEqualTo(meta.getLong("sizeBytes"));
    ByteBuffer w = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(w.getShort(56)).isEqualTo((short) 7); // u-law
    assertThat(w.getShort(58)).isEqualTo((short) 2);
    int dataSize = w.getInt(90);
    byte[] data = Arrays.copyOfRange(wav, 94, 94 + dataSize);
    byte[] left = new byte[dataSize / 2];
    byte[] right = new byte[dataSize / 2];
    for (int i = 0; i < left.length; i++) {
      left[i] = data[2 * i];
      right[i] = data[2 * i + 1];
    }
    byte[] callerTrack = expectedTrack(callerSent);
    byte[] calleeTrack = expectedTrack(calleeSent);
    // The caller's first packet came first: its track starts the file.
    assertThat(Arrays.copyOf(left, callerTrack.length)).isEqualTo(callerTrack);
    // The callee started about 100 ms later (as the receiver timed it): silence, then its track.
    int offset = indexOf(right, calleeTrack);
    assertThat(offset).isBetween(1, 8000);
    for (int i = 0; i < offset; i++) {
      assertThat(right[i]).isEqualTo((byte) 0xFF);
    }
    assertThat(meta.getLong("durationMs"))
        .isEqualTo(Math.max(callerTrack.length, offset + calleeTrack.length) / 8);

    // Range, ETag, and isolation of the audio and the rest.
    String etag = as(t.key()).get(recording + ".wav").then().extract().header("ETag");
    as(t.key()).header("If-None-Match", etag).get(recording + ".wav").then().statusCode(304);
    byte[] part =
        as(t.key())
            .header("Range", "bytes=-100")
            .get(recording + ".wav")
            .then()
            .statusCode(206)
            .extract()
            .asByteArray();
    assertThat(part).isEqualTo(Arrays.copyOfRange(wav, wav.length - 100, wav.length));
    as(t.key())
        .header("Range", "bytes=" + wav.length + "-")
        .get(recording + ".wav")
        .then()
        .statusCode(416);
    as(other.key()).get(recording).then().statusCode(404);
    as(other.key()).get(recording + ".wav").then().statusCode(404);
    as(other.key()).get(recording + "/legs").then().statusCode(404);
    as(other.key()).delete(recording).then().statusCode(404);
    assertThat(
            as(other.key()).get("/api/v1/recordings").then().extract().jsonPath().getList("items"))
        .isEmpty();
    assertThat(
            as(t.key())
                .get("/api/v1/recordings?callId=call-1&status=completed")
                .then()
                .extract()
                .jsonPath()
                .getList("items.id"))
        .containsExactly(id);
    // A status the API does not know matches nothing, as it always has.
    assertThat(
            as(t.key())
                .get("/api/v1/recordings?callId=call-1&status=COMPLETED")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items"))
        .isEmpty();

    // The mono mix, made from the master on first request: the legs summed, as 16-bit PCM.
    byte[] mono =
        as(t.key()).get(recording + ".wav?mix=mono").then().statusCode(200).extract().asByteArray();
    ByteBuffer m = ByteBuffer.wrap(mono).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(m.getShort(56)).isEqualTo((short) 1);
    assertThat(m.getShort(58)).isEqualTo((short) 1);
    assertThat(m.getInt(76)).isEqualTo(left.length * 2);
    short sample = m.getShort(80 + 2 * 500);
    int expected = decodeUlaw(left[500]) + decodeUlaw(right[500]);
    assertThat(sample).isEqualTo((short) Math.max(-32768, Math.min(32767, expected)));
    as(t.key()).get(recording + ".wav?mix=mono").then().statusCode(200);
    as(t.key()).get(recording + ".wav?mix=loud").then().statusCode(400);

    as(t.key()).delete(recording).then().statusCode(204);
    as(t.key()).get(recording).then().statusCode(404);
  }

  @Test
  void aSessionWithoutRtpEndsIdleAsAbsent() {
    TenantKey t = ApiClient.newTenant("rec-idle");
    String id =
        as(t.key())
            .body(Map.of("codec", "PCMA", "legs", List.of(Map.of("label", "only"))))
            .post(SESSIONS)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    awaitStatus(t, id, "absent");
    as(t.key()).get("/api/v1/recordings/" + id + ".wav").then().statusCode(404);
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("voxhost_recording_assembly_seconds_count{outcome=\"absent\"}")
        .contains("voxhost_recording_assembly_queued_tasks")
        .contains("voxhost_recording_sessions_open");
  }

  @Test
  void badSessionRequestsAreRefusedByField() {
    TenantKey t = ApiClient.newTenant("rec-bad");
    as(t.key())
        .body(Map.of("codec", "G729", "legs", List.of()))
        .post(SESSIONS)
        .then()
        .statusCode(400);
    as(t.key())
        .body(Map.of("codec", "PCMU", "legs", List.of(Map.of("label", "a"), Map.of("label", "a"))))
        .post(SESSIONS)
        .then()
        .statusCode(400);
    as(t.key()).get("/api/v1/recordings?cursor=nonsense").then().statusCode(400);
  }

  @Test
  void aFloodFromTheLatchedSourceIsCutToOneStreamsAllowance() throws Exception {
    // The capture clock stands still while the flood is sent, however long that takes, and then
    // moves one second on: what the allowance lets through is exact.
    AtomicLong nanos = new AtomicLong(System.nanoTime());
    QuarkusMock.installMockForType(new CaptureClock(nanos::get), CaptureClock.class);
    TenantKey t = ApiClient.newTenant("rec-flood");
    JsonPath session = openOneLeg(t, "caller");
    String id = session.getString("id");
    InetSocketAddress port = firstLeg(session);
    AtomicInteger sent = new AtomicInteger();
    try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      s.setSendBufferSize(4 << 20);
      // Each 160-byte packet is charged 200 against 5 s of 48,000 bytes in reserve: 1,200 pass.
      JsonPath live = floodUntilRefused(s, port, t, id, sent, 0);
      long excess = live.getLong("legs[0].excess");
      assertThat(live.getLong("legs[0].packets")).isEqualTo(1_200);
      assertThat(1_200 + excess).isLessThanOrEqualTo(sent.get());

      // A second refills 48,000 bytes, 240 packets' worth (the extra 0.5 ms keeps floating-point
      // rounding from making it 239).
      nanos.addAndGet(Duration.ofMillis(1_000).plusNanos(500_000).toNanos());
      live = floodUntilRefused(s, port, t, id, sent, excess);
      assertThat(live.getLong("legs[0].packets")).isEqualTo(1_440);
      assertThat(1_440 + live.getLong("legs[0].excess")).isLessThanOrEqualTo(sent.get());
    }
    as(t.key()).post(SESSIONS + "/" + id + "/stop").then().statusCode(202);
    awaitStatus(t, id, "completed");
  }

  /**
   * Sends rounds of 500 packets of 160 bytes from {@code s} until the leg has refused more than
   * {@code refused}; returns the session then. The kernel may drop some of a flood, but once the
   * leg refuses one it has let through all its allowance does.
   */
  private static JsonPath floodUntilRefused(
      DatagramSocket s,
      InetSocketAddress port,
      TenantKey t,
      String id,
      AtomicInteger sent,
      long refused)
      throws Exception {
    JsonPath live = as(t.key()).get(SESSIONS + "/" + id).then().extract().jsonPath();
    while (live.getLong("legs[0].excess") <= refused) {
      assertThat(sent.get()).as("packets sent before the leg refused one").isLessThan(20_000);
      for (int n = 0; n < 500; n++) {
        int i = sent.getAndIncrement();
        send(s, port, new Rtp(i, 160L * i, 7, new byte[160]).bytes());
        if (i % 25 == 24) {
          Thread.sleep(1); // pacing: fewer datagrams for the kernel to drop
        }
      }
      live = awaitHandled(s, port, t, id, live.getLong("legs[0].rtcp") + 1);
    }
    return live;
  }

  /**
   * Sends RTCP from the leg's source until the leg has counted {@code rtcp} of them, and returns
   * the session then: one socket's datagrams reach the leg in order, so it has handled all those
   * sent before.
   */
  private static JsonPath awaitHandled(
      DatagramSocket s, InetSocketAddress port, TenantKey t, String id, long rtcp) {
    // A receiver report with one (empty) report block, as a media server would send between RTP.
    byte[] report = new byte[32];
    report[0] = (byte) 0x81;
    report[1] = (byte) 201;
    report[3] = 7;
    report[7] = 7;
    AtomicReference<JsonPath> seen = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              send(s, port, report);
              seen.set(as(t.key()).get(SESSIONS + "/" + id).then().extract().jsonPath());
              return seen.get().getLong("legs[0].rtcp") >= rtcp;
            });
    return seen.get();
  }

  /** Waits (5 s at most) until the session's legs have counted exactly these many packets. */
  private static void awaitPackets(TenantKey t, String id, long... perLeg) {
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              JsonPath live =
                  as(t.key()).get(SESSIONS + "/" + id).then().statusCode(200).extract().jsonPath();
              for (int leg = 0; leg < perLeg.length; leg++) {
                assertThat(live.getLong("legs[" + leg + "].packets")).isEqualTo(perLeg[leg]);
              }
            });
  }

  /** Opens a one-leg PCMU session for {@code t}; its answer. */
  static JsonPath openOneLeg(TenantKey t, String label) {
    return as(t.key())
        .body(Map.of("codec", "PCMU", "legs", List.of(Map.of("label", label))))
        .post(SESSIONS)
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** Where the session's first leg takes its RTP. */
  static InetSocketAddress firstLeg(JsonPath session) {
    return new InetSocketAddress(session.getString("legs[0].host"), session.getInt("legs[0].port"));
  }

  /** Waits (20 s at most) for the recording to reach {@code status}. */
  static void awaitStatus(TenantKey t, String id, String status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                status.equals(
                    as(t.key()).get("/api/v1/recordings/" + id).then().extract().path("status")));
  }

  private static int decodeUlaw(byte code) {
    ByteBuffer one = ByteBuffer.allocate(2);
    new JavaMediaLibrary().decode(G711.ULAW, ByteBuffer.wrap(new byte[] {code}), one);
    return one.order(ByteOrder.LITTLE_ENDIAN).getShort(0);
  }

  private static void send(DatagramSocket s, InetSocketAddress to, byte[] bytes) throws Exception {
    s.send(new DatagramPacket(bytes, bytes.length, to));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
