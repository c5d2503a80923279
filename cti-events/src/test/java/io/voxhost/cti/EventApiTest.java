package io.voxhost.cti;

import static io.voxhost.platform.testing.ApiClient.adminKey;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.voxhost.cti.service.EventIngest;
import io.voxhost.cti.service.EventStore;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Events over HTTP: checked one by one, stored once, acknowledged only when committed. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class EventApiTest {

  static final String EVENTS = "/api/v1/cti/events";

  @Inject EventStore store;
  @Inject EventIngest ingest;
  @Inject AgroalDataSource database;

  static Map<String, Object> event(String id) {
    Map<String, Object> e = new HashMap<>();
    e.put("source", "asterisk-cel");
    e.put("instance", "pbx1");
    e.put("id", id);
    e.put("seq", 17);
    e.put("at", "2026-12-06T10:00:00.123456Z");
    e.put("type", "answer");
    e.put("call", "1733482000.10");
    e.put("channel", "1733482000.11");
    e.put("number", "+14155550123");
    e.put("data", Map.of("appname", "Dial"));
    return e;
  }

  static List<Map<String, Object>> events(String prefix, int n) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(event(prefix + i));
    }
    return out;
  }

  static UUID tenant(TenantKey t) {
    return UUID.fromString(as(t.key()).get("/api/v1/tenant").then().extract().path("id"));
  }

  @Test
  void eventsAreStoredOnceAndADuplicateIsAcknowledged() {
    TenantKey t = ApiClient.newTenant("cti-once");
    as(t.key())
        .body(events("e", 3))
        .post(EVENTS)
        .then()
        .statusCode(200)
        .body("accepted", equalTo(3))
        .body("duplicates", equalTo(0))
        .body("rejected", equalTo(List.of()));
    // Sent again (the sender heard nothing), and one new with a duplicate inside the request.
    List<Map<String, Object>> again = events("e", 3);
    again.add(event("e9"));
    again.add(event("e9"));
    as(t.key())
        .body(again)
        .post(EVENTS)
        .then()
        .statusCode(200)
        .body("accepted", equalTo(1))
        .body("duplicates", equalTo(4));
    assertThat(store.count(tenant(t))).isEqualTo(4);

    // Another tenant's events with the same source, instance and ids are its own.
    TenantKey other = ApiClient.newTenant("cti-once-other");
    as(other.key()).body(events("e", 3)).post(EVENTS).then().body("accepted", equalTo(3));
    assertThat(store.count(tenant(t))).isEqualTo(4);
    assertThat(store.count(tenant(other))).isEqualTo(3);
  }

  @Test
  void badEventsAreNamedByIndexAndTheOthersTaken() throws Exception {
    TenantKey t = ApiClient.newTenant("cti-bad");
    List<Object> body = new ArrayList<>();
    body.add(event("ok1"));
    Map<String, Object> noType = event("bad1");
    noType.put("type", "dance");
    body.add(noType);
    Map<String, Object> badTime = event("bad2");
    badTime.put("at", "yesterday");
    badTime.put("seq", -1);
    body.add(badTime);
    Map<String, Object> spaces = event("bad 3");
    spaces.put("data", List.of(1, 2));
    body.add(spaces);
    body.add("not an object");
    Map<String, Object> micros = event("ok2");
    micros.put("at", 1733479200123456L);
    micros.remove("seq");
    micros.remove("data");
    body.add(micros);
    // jsonb holds no NUL: refused by the rules, never handed to the database's writer.
    Map<String, Object> nul = event("bad4");
    nul.put("data", Map.of("x", "a\u0000b"));
    body.add(nul);
    Response answer = as(t.key()).body(body).post(EVENTS);
    answer.then().statusCode(200).body("accepted", equalTo(2));
    assertThat(answer.jsonPath().getList("rejected.index", Integer.class))
        .containsExactly(1, 2, 3, 4, 6);
    assertThat(answer.jsonPath().getList("rejected[0].errors.field", String.class))
        .containsExactly("type");
    assertThat(answer.jsonPath().getList("rejected[1].errors.field", String.class))
        .containsExactlyInAnyOrder("at", "seq");
    assertThat(answer.jsonPath().getList("rejected[2].errors.field", String.class))
        .containsExactly("data");
    assertThat(answer.jsonPath().getList("rejected[4].errors.field", String.class))
        .containsExactly("data");
    assertThat(store.count(tenant(t))).isEqualTo(2);
    // Times are kept to the microsecond, whichever way they were written.
    try (Connection c = database.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, at, seq, data->>'appname' FROM cti.event WHERE tenant_id = ?"
                    + " ORDER BY id")) {
      ps.setObject(1, tenant(t));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("ok1");
        assertThat(rs.getObject(2, OffsetDateTime.class).toInstant())
            .isEqualTo(Instant.parse("2026-12-06T10:00:00.123456Z"));
        assertThat(rs.getLong(3)).isEqualTo(17);
        assertThat(rs.getString(4)).isEqualTo("Dial");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject(2, OffsetDateTime.class).toInstant())
            .isEqualTo(Instant.EPOCH.plus(1733479200123456L, ChronoUnit.MICROS));
        assertThat(rs.getObject(3)).isNull();
      }
    }
  }

  @Test
  void aBodyThatIsNoArrayOrTooLongIsA400() {
    TenantKey t = ApiClient.newTenant("cti-400");
    as(t.key()).body(Map.of("events", List.of())).post(EVENTS).then().statusCode(400);
    as(t.key()).body(events("x", 10_001)).post(EVENTS).then().statusCode(400);
    as(adminKey()).body(events("x", 1)).post(EVENTS).then().statusCode(403);
  }

  /**
   * With the writer held (the table locked), events wait: a tenant past its share is told 429, and
   * anyone past the node's bound 503; nothing they sent is kept, and the waiting ones are committed
   * and acknowledged once the writer goes on.
   */
  @Test
  void fullQueuesRefuseAndWaitingEventsAreWrittenLater() throws Exception {
    TenantKey a = ApiClient.newTenant("cti-full-a");
    TenantKey b = ApiClient.newTenant("cti-full-b");
    TenantKey c = ApiClient.newTenant("cti-full-c");
    CompletableFuture<Response> first;
    CompletableFuture<Response> second;
    try (Connection lock = database.getConnection();
        Statement st = lock.createStatement()) {
      lock.setAutoCommit(false);
      st.execute("LOCK TABLE cti.event IN ACCESS EXCLUSIVE MODE");
      first = CompletableFuture.supplyAsync(() -> as(a.key()).body(events("a", 600)).post(EVENTS));
      second = CompletableFuture.supplyAsync(() -> as(b.key()).body(events("b", 800)).post(EVENTS));
      await().atMost(Duration.ofSeconds(20)).until(() -> ingest.queued() == 1400);
      as(a.key()).body(events("a-more", 500)).post(EVENTS).then().statusCode(429);
      as(c.key())
          .body(events("c", 200))
          .post(EVENTS)
          .then()
          .statusCode(503)
          .header("Retry-After", "1");
      assertThat(first).isNotDone();
      lock.rollback();
    }
    first.get().then().statusCode(200).body("accepted", equalTo(600));
    second.get().then().statusCode(200).body("accepted", equalTo(800));
    assertThat(store.count(tenant(a))).isEqualTo(600);
    assertThat(store.count(tenant(c))).isZero();
    as(c.key()).body(events("c", 200)).post(EVENTS).then().statusCode(200);
  }
}
