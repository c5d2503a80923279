package io.voxhost.cti;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Call records over the API, built by the role's call builder from events sent in pieces, out of
 * order and twice: one record per call through transfers, pickups and a crash of the switch.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class CallApiTest {

  private static final Duration BUILT = Duration.ofSeconds(20);

  /** Sends CEL rows in chunks of {@code chunk}, in a shuffled order of chunks, each chunk twice. */
  static void sendShuffled(TenantKey t, String file, int chunk, long seed) throws Exception {
    List<String> rows = new ArrayList<>(Arrays.asList(AsteriskApiTest.corpus(file).split("\n")));
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += chunk) {
      chunks.add(rows.subList(i, Math.min(rows.size(), i + chunk)));
    }
    Collections.shuffle(chunks, new Random(seed));
    for (List<String> c : chunks) {
      for (int twice = 0; twice < 2; twice++) {
        AsteriskApiTest.text(t.key(), "text/csv")
            .body(String.join("\n", c) + "\n")
            .post("/api/v1/cti/asterisk/pbx1/cel")
            .then()
            .statusCode(200);
      }
    }
  }

  static JsonPath calls(TenantKey t, String query) {
    return as(t.key()).get("/api/v1/cti/calls" + query).then().statusCode(200).extract().jsonPath();
  }

  /** The tenant's one call, once it is in {@code state}. */
  static Map<String, Object> theCall(TenantKey t, String state) {
    await()
        .atMost(BUILT)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              List<Map<String, Object>> items = calls(t, "").getList("items");
              assertThat(items).hasSize(1);
              assertThat(items.get(0)).containsEntry("state", state);
            });
    return calls(t, "").getMap("items[0]");
  }

  /** Each seed another order of the pieces: either side of the transfer may be built first. */
  @ParameterizedTest
  @ValueSource(longs = {17, 1, 2, 3, 4})
  void anAttendedTransferSentInPiecesOutOfOrderIsOneTransferredCall(long seed) throws Exception {
    TenantKey t = ApiClient.newTenant("calls-attended-" + seed);
    sendShuffled(t, "attended-transfer.csv", 4, seed);

    Map<String, Object> call = theCall(t, "complete");
    assertThat(call)
        .containsEntry("outcome", "transferred")
        .containsEntry("key", "1733483000.40")
        .containsEntry("keys", List.of("1733483000.40", "1733483000.42"))
        .containsEntry("events", 29)
        .containsEntry("callerNumber", "100");
    // Found by either of its keys, and by its id.
    assertThat(calls(t, "?key=1733483000.42").getList("items.id")).containsExactly(call.get("id"));
    as(t.key())
        .get("/api/v1/cti/calls/" + call.get("id"))
        .then()
        .statusCode(200)
        .body("transfers[0].kind", equalTo("attended"))
        .body("legs", hasSize(4));
  }

  @Test
  void aQueueCallFromCelAndQueueLogIsOneAnsweredCall() throws Exception {
    TenantKey t = ApiClient.newTenant("calls-queue");
    AsteriskApiTest.text(t.key(), "text/plain")
        .body(AsteriskApiTest.corpus("queue-call.queue_log"))
        .post("/api/v1/cti/asterisk/pbx1/queue-log")
        .then()
        .statusCode(200);
    sendShuffled(t, "queue-call.csv", 5, 3);

    Map<String, Object> call = theCall(t, "complete");
    assertThat(call)
        .containsEntry("outcome", "answered")
        .containsEntry("queue", "support")
        .containsEntry("answeredBy", "Agent Bob")
        .containsEntry("agents", List.of("Agent Carol", "Agent Bob"))
        .containsEntry("ringNoAnswers", 1)
        .containsEntry("waitMs", 25000);
    assertThat(
            as(t.key())
                .queryParam("agent", "Agent Carol")
                .queryParam("outcome", "answered")
                .get("/api/v1/cti/calls")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items"))
        .hasSize(1);
    assertThat(calls(t, "?queue=sales").getList("items")).isEmpty();
  }

  @Test
  void theCallerNameRolesNameIsOnTheRecord() throws Exception {
    TenantKey t = ApiClient.newTenant("calls-named");
    as(t.key())
        .body(Map.of("name", "Pat From Directory"))
        .put("/api/v1/cnam/directory/+14155550123")
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    sendShuffled(t, "queue-call.csv", 5, 3);
    await()
        .atMost(BUILT)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(calls(t, "").getMap("items[0]"))
                    .containsEntry("callerName", "Pat From Directory")
                    .containsEntry("callerNameSource", "directory")
                    .containsEntry("callerNumber", "+14155550123"));
  }

  @Test
  void aPickupIsOneCall() throws Exception {
    TenantKey t = ApiClient.newTenant("calls-pickup");
    sendShuffled(t, "pickup.csv", 3, 5);
    Map<String, Object> call = theCall(t, "complete");
    assertThat(call).containsEntry("pickedUp", true).containsEntry("outcome", "answered");
  }

  @Test
  void aCallWhoseSwitchCrashedIsClosedByTheSweep() throws Exception {
    TenantKey t = ApiClient.newTenant("calls-crash");
    List<String> rows = Arrays.asList(AsteriskApiTest.corpus("basic-call.csv").split("\n"));
    AsteriskApiTest.text(t.key(), "text/csv")
        .body(String.join("\n", rows.subList(0, 7)) + "\n")
        .post("/api/v1/cti/asterisk/pbx1/cel")
        .then()
        .statusCode(200);
    // Open first, then closed once nothing has come for voxhost.cti.abandon-after (3 s here).
    Map<String, Object> swept = theCall(t, "closed-by-sweep");
    assertThat(swept).containsEntry("outcome", "answered").containsEntry("events", 7);

    // The rest arrives after all (the switch came back): the call completes.
    AsteriskApiTest.text(t.key(), "text/csv")
        .body(String.join("\n", rows.subList(7, rows.size())) + "\n")
        .post("/api/v1/cti/asterisk/pbx1/cel")
        .then()
        .statusCode(200);
    Map<String, Object> complete = theCall(t, "complete");
    assertThat(complete).containsEntry("events", 15).containsEntry("id", swept.get("id"));
    // An extension the caller-name role knows no name for keeps the name the switch gave.
    assertThat(complete)
        .containsEntry("callerName", "Alice")
        .containsEntry("callerNameSource", "switch");
  }

  @Test
  void callsAreTheTenantsOwnAndPagedByCursor() throws Exception {
    TenantKey t = ApiClient.newTenant("calls-pages");
    for (String file : List.of("basic-call.csv", "busy.csv", "ring-group-no-answer.csv")) {
      AsteriskApiTest.text(t.key(), "text/csv")
          .body(AsteriskApiTest.corpus(file))
          .post("/api/v1/cti/asterisk/pbx1/cel")
          .then()
          .statusCode(200);
    }
    await()
        .atMost(BUILT)
        .untilAsserted(() -> assertThat(calls(t, "?state=complete").getList("items")).hasSize(3));
    List<String> seen = new ArrayList<>();
    String cursor = "";
    do {
      JsonPath page = calls(t, "?limit=1" + cursor);
      seen.addAll(page.getList("items.outcome"));
      String next = page.getString("next");
      cursor = next == null ? null : "&cursor=" + next;
    } while (cursor != null);
    assertThat(seen).containsExactly("answered", "no-answer", "busy");
    assertThat(calls(t, "?outcome=busy").getList("items.callee")).containsExactly("200");

    String id = calls(t, "?outcome=busy").getString("items[0].id");
    TenantKey other = ApiClient.newTenant("calls-other");
    as(other.key()).get("/api/v1/cti/calls/" + id).then().statusCode(404);
    assertThat(calls(other, "").getList("items")).isEmpty();

    as(t.key()).get("/api/v1/cti/calls?cursor=nonsense").then().statusCode(400);
    as(t.key()).get("/api/v1/cti/calls?state=happy").then().statusCode(400);
    as(t.key()).get("/api/v1/cti/calls?from=yesterday").then().statusCode(400);
    as(t.key()).get("/api/v1/cti/calls?limit=0").then().statusCode(400);
  }

  private static Map<String, Object> normalised(
      String id, long micros, String type, String call, String channel, String peer) {
    Map<String, Object> e = new HashMap<>();
    e.put("source", "switch");
    e.put("instance", "sw1");
    e.put("id", id);
    e.put("at", Instant.parse("2026-12-06T10:00:00Z").plusNanos(micros * 1000).toString());
    e.put("type", type);
    e.put("call", call);
    e.put("channel", channel);
    if (peer != null) {
      e.put("peer", peer);
    }
    return e;
  }

  @Test
  void aCallPastItsBoundsIsUnreadableAndTheOthersAreBuilt() {
    TenantKey t = ApiClient.newTenant("calls-bounds");
    List<Map<String, Object>> events = new ArrayList<>();
    // One call of 201 events (voxhost.cti.max-call-events is 200 here).
    for (int i = 0; i < 201; i++) {
      events.add(normalised("big" + i, i, "bridge-enter", "big.1", "big.1", null));
    }
    // Ten keys, each transferring to a channel of the one before (max-call-keys is 8 here).
    for (int i = 0; i < 10; i++) {
      events.add(normalised("cs" + i, 1000 + i, "channel-start", "chain." + i, "chain." + i, null));
      if (i > 0) {
        events.add(
            normalised(
                "tr" + i,
                2000 + i,
                "transfer-attended",
                "chain." + i,
                "chain." + i,
                "chain." + (i - 1)));
      }
    }
    // And a call that is fine.
    events.add(normalised("ok0", 5000, "channel-start", "ok.1", "ok.1", null));
    events.add(normalised("ok1", 6000, "hangup", "ok.1", "ok.1", null));
    events.add(normalised("ok2", 6001, "call-end", "ok.1", "ok.1", null));
    as(t.key()).body(events).post("/api/v1/cti/events").then().statusCode(200);

    await()
        .atMost(BUILT)
        .untilAsserted(
            () -> {
              List<Map<String, Object>> items = calls(t, "").getList("items");
              assertThat(items).extracting(c -> c.get("key")).contains("big.1", "chain.0", "ok.1");
            });
    List<Map<String, Object>> items = calls(t, "").getList("items");
    assertThat(items).hasSize(3);
    Map<String, Map<String, Object>> byKey = new HashMap<>();
    items.forEach(c -> byKey.put((String) c.get("key"), c));
    assertThat(byKey.get("big.1"))
        .containsEntry("state", "unreadable")
        .containsEntry("events", 201);
    assertThat((String) byKey.get("big.1").get("problem")).contains("max-call-events");
    assertThat(byKey.get("chain.0")).containsEntry("state", "unreadable");
    assertThat((String) byKey.get("chain.0").get("problem")).contains("max-call-keys");
    assertThat((List<?>) byKey.get("chain.0").get("keys")).hasSize(10);
    assertThat(byKey.get("ok.1"))
        .containsEntry("state", "complete")
        .containsEntry("outcome", "no-answer");
  }
}
