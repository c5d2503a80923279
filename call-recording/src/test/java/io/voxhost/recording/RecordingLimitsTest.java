package io.voxhost.recording;

import static io.voxhost.platform.testing.ApiClient.adminKey;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.recording.service.RecordingFiles;
import jakarta.inject.Inject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recording role's limits (issue 14): an upload's length bounded by max-duration, the quota cap
 * an admin sets, each tenant's open sessions per node, and files for the node's user alone.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RecordingLimitsTest {

  static final String SESSIONS = "/api/v1/recordings/sessions";

  @Inject RecordingFiles files;

  @TempDir Path dir;

  @Test
  void oneByteSegmentsADayIntoTheCallAreRefusedAndNothingIsWritten() throws Exception {
    TenantKey t = ApiClient.newTenant("far-offset");
    Path oneByte = dir.resolve("one.ulaw");
    Files.write(oneByte, new byte[] {(byte) 0xFF});
    Set<String> before = onDisk();

    // The attack: two 1-byte segments at 86,400,000 ms made a WAV of about 1.4 GB of silence.
    Response refused =
        upload(
            t,
            "{\"codec\":\"PCMU\",\"segments\":["
                + "{\"leg\":\"a\",\"offsetMs\":86400000,\"format\":\"pcmu\"},"
                + "{\"leg\":\"b\",\"offsetMs\":86400000,\"format\":\"pcmu\"}]}",
            oneByte,
            oneByte);
    refused.then().statusCode(400).contentType("application/problem+json");
    assertThat(refused.jsonPath().getList("errors.field", String.class))
        .containsExactly("segments[0].offsetMs");

    // An offset within max-duration (4 h) whose segment runs past it: named too.
    Path twoMs = dir.resolve("two-ms.ulaw");
    Files.write(twoMs, new byte[16]);
    Response pastTheEnd =
        upload(
            t,
            "{\"codec\":\"PCMU\",\"segments\":["
                + "{\"leg\":\"a\",\"offsetMs\":0,\"format\":\"pcmu\"},"
                + "{\"leg\":\"a\",\"offsetMs\":14399999,\"format\":\"pcmu\"}]}",
            twoMs,
            twoMs);
    pastTheEnd.then().statusCode(400);
    assertThat(pastTheEnd.jsonPath().getList("errors.field", String.class))
        .containsExactly("segments[1].offsetMs");

    assertThat(onDisk()).isEqualTo(before);
    assertThat(as(t.key()).get("/api/v1/recordings").then().extract().jsonPath().getList("items"))
        .isEmpty();

    // Up to the last millisecond is still a recording.
    upload(
            t,
            "{\"codec\":\"PCMU\",\"segments\":["
                + "{\"leg\":\"a\",\"offsetMs\":0,\"format\":\"pcmu\"},"
                + "{\"leg\":\"a\",\"offsetMs\":1000,\"format\":\"pcmu\"}]}",
            twoMs,
            twoMs)
        .then()
        .statusCode(201);
  }

  @Test
  void aTenantCannotRaiseItsQuotaPastTheAdminsCap() {
    TenantKey t = ApiClient.newTenant("quota-cap");
    String limits = "/api/v1/admin/tenants/" + t.slug() + "/recording-limits";
    settings(t, 5_000_000L).then().statusCode(200);

    // Only an admin sets the cap; the tenant's own key is refused.
    as(t.key()).body(Map.of("quotaCapBytes", 1L << 40)).put(limits).then().statusCode(403);
    as(t.key()).get(limits).then().statusCode(403);

    JsonPath capped =
        as(adminKey())
            .body(Map.of("quotaCapBytes", 1_000_000))
            .put(limits)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(capped.getLong("quotaCapBytes")).isEqualTo(1_000_000);
    // The tenant's higher quota came down to the cap with it.
    assertThat(
            as(t.key())
                .get("/api/v1/recordings/settings")
                .then()
                .extract()
                .jsonPath()
                .getLong("quotaBytes"))
        .isEqualTo(1_000_000);

    // The attack: raising it again, or dropping it for none.
    Response raised = settings(t, 2_000_000L);
    raised.then().statusCode(400).contentType("application/problem+json");
    assertThat(raised.jsonPath().getList("errors.field", String.class))
        .containsExactly("quotaBytes");
    Response none = settings(t, null);
    none.then().statusCode(400);
    assertThat(none.jsonPath().getList("errors.field", String.class)).containsExactly("quotaBytes");
    assertThat(
            as(t.key())
                .get("/api/v1/recordings/settings")
                .then()
                .extract()
                .jsonPath()
                .getLong("quotaBytes"))
        .isEqualTo(1_000_000);

    settings(t, 500_000L).then().statusCode(200);
    as(adminKey()).body(Map.of()).put(limits).then().statusCode(200);
    settings(t, null).then().statusCode(200);

    as(adminKey()).body(Map.of("quotaCapBytes", 0)).put(limits).then().statusCode(400);
    as(adminKey())
        .get("/api/v1/admin/tenants/no-such-tenant/recording-limits")
        .then()
        .statusCode(404);
  }

  @Test
  void aTenantAtItsSessionLimitCannotOpenMoreWhileAnotherTenantCan() {
    TenantKey a = ApiClient.newTenant("cap-a");
    TenantKey b = ApiClient.newTenant("cap-b");
    JsonPath limits =
        as(adminKey())
            .body(Map.of("maxSessions", 2))
            .put("/api/v1/admin/tenants/" + a.slug() + "/recording-limits")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(limits.getInt("effectiveMaxSessions")).isEqualTo(2);
    List<String> opened = new ArrayList<>();
    try {
      opened.add(open(a).then().statusCode(201).extract().path("id"));
      opened.add(open(a).then().statusCode(201).extract().path("id"));

      Response third = open(a);
      third.then().statusCode(429).contentType("application/problem+json");
      assertThat(third.jsonPath().getString("type"))
          .isEqualTo("https://voxhost.io/problems/tenant-session-limit");

      String other = open(b).then().statusCode(201).extract().path("id");
      as(b.key()).post(SESSIONS + "/" + other + "/stop").then().statusCode(202);

      // Once one of A's ends, A may open another.
      String first = opened.remove(0);
      as(a.key()).post(SESSIONS + "/" + first + "/stop").then().statusCode(202);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> as(a.key()).get(SESSIONS + "/" + first).jsonPath().getList("legs").isEmpty());
      opened.add(open(a).then().statusCode(201).extract().path("id"));
    } finally {
      for (String id : opened) {
        as(a.key()).post(SESSIONS + "/" + id + "/stop");
      }
    }
  }

  @Test
  void captureAndUploadFilesAreForTheNodesUserAlone() throws Exception {
    TenantKey t = ApiClient.newTenant("modes");
    JsonPath session = open(t).then().statusCode(201).extract().jsonPath();
    String id = session.getString("id");
    InetSocketAddress to =
        new InetSocketAddress(session.getString("legs[0].host"), session.getInt("legs[0].port"));
    try (DatagramSocket s = new DatagramSocket()) {
      for (int i = 0; i < 10; i++) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) 0).putShort((short) i).putInt(160 * i).putInt(0x4242);
        s.send(new DatagramPacket(b.array(), b.capacity(), to));
        Thread.sleep(2);
      }
    }
    Path spool = files.spool(UUID.fromString(id));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> as(t.key()).get(SESSIONS + "/" + id).jsonPath().getLong("legs[0].packets") == 10);
    List<Path> segments;
    try (Stream<Path> s = Files.list(spool)) {
      segments = s.toList();
    }
    assertThat(segments).isNotEmpty();
    assertThat(mode(files.root())).isEqualTo("rwx------");
    assertThat(mode(files.root().resolve("spool"))).isEqualTo("rwx------");
    assertThat(mode(files.temporaries())).isEqualTo("rwx------");
    assertThat(mode(spool)).isEqualTo("rwx------");
    for (Path segment : segments) {
      assertThat(mode(segment)).as("%s", segment).isEqualTo("rw-------");
    }
    as(t.key()).post(SESSIONS + "/" + id + "/stop").then().statusCode(202);
    CaptureTest.awaitStatus(t, id, "completed");
    assertOwnerOnly(stored(id));

    Path raw = dir.resolve("raw.ulaw");
    Files.write(raw, new byte[800]);
    String uploaded =
        upload(t, "{\"codec\":\"PCMU\",\"segments\":[{\"leg\":\"a\",\"format\":\"pcmu\"}]}", raw)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    assertOwnerOnly(stored(uploaded));
    // The mono mix is stored the same way.
    as(t.key()).get("/api/v1/recordings/" + uploaded + ".wav?mix=mono").then().statusCode(200);
    try (Stream<Path> s = Files.walk(files.root())) {
      for (Path p : s.toList()) {
        assertThat(mode(p)).as("%s", p).isIn("rw-------", "rwx------");
      }
    }
  }

  @Test
  void trackFilesAndTheirDirectoriesAreCreatedOwnerOnly() throws Exception {
    Path nested = dir.resolve("spool/one/two");
    RecordingFiles.createDirectories(nested);
    Path track = nested.resolve("leg00.track");
    try (FileChannel out = RecordingFiles.createFile(track)) {
      out.write(ByteBuffer.wrap(new byte[] {1}));
    }
    assertThat(mode(dir.resolve("spool"))).isEqualTo("rwx------");
    assertThat(mode(nested)).isEqualTo("rwx------");
    assertThat(mode(track)).isEqualTo("rw-------");
  }

  /** The recording's file and the directories above it, up to the root. */
  private void assertOwnerOnly(Path file) throws Exception {
    assertThat(mode(file)).as("%s", file).isEqualTo("rw-------");
    for (Path d = file.getParent(); !d.equals(files.root()); d = d.getParent()) {
      assertThat(mode(d)).as("%s", d).isEqualTo("rwx------");
    }
  }

  private Path stored(String id) throws Exception {
    try (Stream<Path> s = Files.walk(files.root())) {
      return s.filter(p -> p.getFileName().toString().equals(id + ".wav"))
          .findFirst()
          .orElseThrow();
    }
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** Every path under the recordings directory but what other tests' captures put in spool/. */
  private Set<String> onDisk() throws Exception {
    try (Stream<Path> s = Files.walk(files.root())) {
      return new java.util.TreeSet<>(s.map(p -> files.root().relativize(p).toString()).toList());
    }
  }

  static Response open(TenantKey t) {
    Map<String, Object> body = new HashMap<>();
    body.put("codec", "PCMU");
    body.put("legs", List.of(Map.of("label", "caller")));
    return as(t.key()).body(body).post(SESSIONS);
  }

  private static Response settings(TenantKey t, Long quota) {
    Map<String, Object> body = new HashMap<>();
    body.put("quotaBytes", quota);
    return as(t.key()).body(body).put("/api/v1/recordings/settings");
  }

  private static Response upload(TenantKey t, String metadata, Path... segments) {
    var request =
        as(t.key())
            .contentType("multipart/form-data")
            .multiPart("metadata", metadata, "application/json");
    for (int i = 0; i < segments.length; i++) {
      request = request.multiPart("segment" + i, segments[i].toFile(), "application/octet-stream");
    }
    return request.post("/api/v1/recordings");
  }
}
