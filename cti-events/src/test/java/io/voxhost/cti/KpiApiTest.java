package io.voxhost.cti;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Figures from call records: counted once a call has ended, in the interval it started in, and
 * counted once however often the call is built again (a sweep, a late end, a transfer that joins
 * two records).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class KpiApiTest {

  private static final String DAY = "from=2024-12-06T00:00:00Z&to=2024-12-07T00:00:00Z";

  private static JsonPath figures(TenantKey t, String query) {
    return as(t.key()).get("/api/v1/cti/kpis?" + query).then().statusCode(200).extract().jsonPath();
  }

  private static Map<String, Object> day(TenantKey t, String query) {
    List<Map<String, Object>> rows = figures(t, DAY + "&interval=day" + query).getList("rows");
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private static Map<String, Object> agentDay(TenantKey t, String agent) {
    List<Map<String, Object>> rows =
        as(t.key())
            .queryParam("agent", agent)
            .get("/api/v1/cti/kpis?" + DAY + "&interval=day")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("rows");
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @Test
  void queueFiguresCountAnsweredAbandonedAndServiceLevels() throws Exception {
    TenantKey t = ApiClient.newTenant("kpi-queue");
    // Two calls of queue_log alone (one answered in 9 s, one abandoned after 30 s), and the queue
    // call of CEL and queue_log (answered in 25 s). Service level 20 s, short abandon 5 s.
    for (String file : List.of("queue_log", "queue-call.queue_log")) {
      AsteriskApiTest.text(t.key(), "text/plain")
          .body(AsteriskApiTest.corpus(file))
          .post("/api/v1/cti/asterisk/pbx1/queue-log")
          .then()
          .statusCode(200);
    }
    CallApiTest.sendShuffled(t, "queue-call.csv", 5, 9);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(day(t, "&queue=support")).containsEntry("offered", 3));

    Map<String, Object> support = day(t, "&queue=support");
    assertThat(support)
        .containsEntry("queue", "support")
        .containsEntry("answered", 2)
        .containsEntry("abandoned", 1)
        .containsEntry("shortAbandoned", 0)
        .containsEntry("ringNoAnswers", 2)
        .containsEntry("asaMs", 17000)
        .containsEntry("acdMs", 110003);
    assertThat((Float) support.get("serviceLevel")).isCloseTo(0.5f, within(1e-6f));
    assertThat((Float) support.get("serviceLevel2")).isCloseTo(1 / 3f, within(1e-6f));
    assertThat((Float) day(t, "&queue=support&treatment=negative").get("serviceLevel"))
        .isCloseTo(1 / 3f, within(1e-6f));
    assertThat((Float) support.get("asr")).isCloseTo(2 / 3f, within(1e-6f));

    assertThat(day(t, "")).containsEntry("offered", 3).containsEntry("queue", null);
    List<Map<String, Object>> bob =
        as(t.key())
            .queryParam("agent", "Agent Bob")
            .get("/api/v1/cti/kpis?" + DAY + "&interval=day")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("rows");
    assertThat(bob).singleElement().satisfies(r -> assertThat(r).containsEntry("offered", 2));
    // Bob answered both calls and missed none; Alice and Carol each rang once unanswered: their
    // own rows say so, and nothing else.
    assertThat(bob.get(0)).containsEntry("ringNoAnswers", 0);
    Map<String, Object> alice = agentDay(t, "Agent Alice");
    assertThat(alice)
        .containsEntry("offered", 0)
        .containsEntry("answered", 0)
        .containsEntry("ringNoAnswers", 1);
    assertThat(agentDay(t, "Agent Carol")).containsEntry("ringNoAnswers", 1);
    // Each agent within each queue.
    List<Map<String, Object>> perQueue =
        figures(t, DAY + "&interval=day&queue=*&agent=*").getList("rows");
    assertThat(perQueue)
        .extracting(r -> r.get("queue") + "/" + r.get("agent") + "/" + r.get("answered"))
        .containsExactlyInAnyOrder(
            "support/Agent Alice/0", "support/Agent Bob/2", "support/Agent Carol/0");
    assertThat(figures(t, DAY + "&interval=day&queue=*").getList("rows.queue"))
        .containsExactly("support");
    // In 15-minute intervals: 10:45 (the two queue_log calls) and 11:15 (the CEL call).
    assertThat(figures(t, DAY + "&interval=15m&queue=support").getList("rows.offered"))
        .containsExactly(2, 1);
    // Whole hours sum the hourly rows; a range or a zone off the hour sums the quarters: the same.
    assertThat(
            figures(
                    t,
                    "from=2024-12-06T10:00:00Z&to=2024-12-06T12:00:00Z&interval=hour&queue=support")
                .getList("rows.offered"))
        .containsExactly(2, 1);
    assertThat(
            figures(
                    t,
                    "from=2024-12-06T10:30:00Z&to=2024-12-06T11:30:00Z&interval=hour&queue=support")
                .getList("rows.offered"))
        .containsExactly(2, 1);
    assertThat(
            figures(
                    t,
                    "from=2024-12-05T18:30:00Z&to=2024-12-06T18:30:00Z&interval=day"
                        + "&zone=Asia/Kolkata&queue=support")
                .getList("rows.offered"))
        .containsExactly(3);
    // Another tenant sees none of it.
    TenantKey other = ApiClient.newTenant("kpi-other");
    assertThat(figures(other, DAY + "&interval=day").getList("rows")).isEmpty();
  }

  @Test
  void anAgentsOccupancyIsItsTalkTimeOverItsTimeLoggedInAndNotPaused() throws Exception {
    TenantKey t = ApiClient.newTenant("kpi-agents");
    // Eve logs in at 9:00, answers a call at 9:10:10 and talks 9 minutes, pauses 9:30 to 9:45, logs
    // off at 10:00, sent out of order. Fay logged in two hours ago and is still there.
    long fayLogin = Instant.now().getEpochSecond() - 7200;
    String log =
        String.join(
                "\n",
                "1733477400|NONE|support|Agent Eve|PAUSE|lunch",
                "1733475600|NONE|NONE|Agent Eve|AGENTLOGIN|PJSIP/300",
                "1733476200|1733476000.1|support|NONE|ENTERQUEUE||+14155550142|1",
                "1733476210|1733476000.1|support|Agent Eve|CONNECT|10|1733476000.2|3",
                "1733476750|1733476000.1|support|Agent Eve|COMPLETECALLER|10|540|1",
                "1733478300|NONE|support|Agent Eve|UNPAUSE|",
                "1733479200|NONE|NONE|Agent Eve|AGENTLOGOFF|PJSIP/300|3600",
                fayLogin + "|NONE|NONE|Agent Fay|AGENTLOGIN|PJSIP/301")
            + "\n";
    AsteriskApiTest.text(t.key(), "text/plain")
        .body(log)
        .post("/api/v1/cti/asterisk/pbx1/queue-log")
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(agentDay(t, "Agent Eve"))
                    .containsEntry("offered", 1)
                    .containsEntry("staffedMs", 3_600_000));
    Map<String, Object> eve = agentDay(t, "Agent Eve");
    assertThat(eve).containsEntry("pausedMs", 900_000).containsEntry("acdMs", 540_000);
    assertThat((Float) eve.get("occupancy")).isCloseTo(0.2f, within(1e-6f));
    // By the quarter: the pause leaves nothing available from 9:30 to 9:45.
    List<Map<String, Object>> quarters =
        as(t.key())
            .queryParam("agent", "Agent Eve")
            .get(
                "/api/v1/cti/kpis?from=2024-12-06T09:00:00Z&to=2024-12-06T10:00:00Z"
                    + "&interval=15m")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("rows");
    assertThat(quarters).extracting(r -> r.get("staffedMs")).containsOnly(900_000);
    assertThat(quarters).extracting(r -> r.get("pausedMs")).containsExactly(0, 0, 900_000, 0);
    assertThat(quarters).extracting(r -> r.get("offered")).containsExactly(1, 0, 0, 0);
    assertThat(quarters.get(2)).containsEntry("occupancy", null);

    // Fay: no calls, no event since her login, so her time runs up to now.
    String since = Instant.ofEpochSecond(fayLogin).truncatedTo(ChronoUnit.HOURS).toString();
    String until = Instant.ofEpochSecond(fayLogin).plusSeconds(4 * 3600).toString();
    List<Map<String, Object>> fay =
        as(t.key())
            .queryParam("agent", "*")
            .get("/api/v1/cti/kpis?from=" + since + "&to=" + until + "&interval=hour")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("rows");
    long staffed =
        fay.stream()
            .filter(r -> "Agent Fay".equals(r.get("agent")))
            .mapToLong(r -> ((Number) r.get("staffedMs")).longValue())
            .sum();
    assertThat(staffed).isBetween(7_200_000L, 7_200_000L + 60_000L);
    assertThat(fay).allSatisfy(r -> assertThat(r).containsEntry("offered", 0));
  }

  @Test
  void aCallBuiltAgainIsCountedOnce() throws Exception {
    TenantKey t = ApiClient.newTenant("kpi-once");
    List<String> rows = Arrays.asList(AsteriskApiTest.corpus("basic-call.csv").split("\n"));
    AsteriskApiTest.text(t.key(), "text/csv")
        .body(String.join("\n", rows.subList(0, 7)) + "\n")
        .post("/api/v1/cti/asterisk/pbx1/cel")
        .then()
        .statusCode(200);
    // Counted when the sweep closes it...
    CallApiTest.theCall(t, "closed-by-sweep");
    await().atMost(Duration.ofSeconds(20)).until(() -> day(t, "").get("offered").equals(1));
    // ...and still once when its end comes after all, with its talk time now known.
    AsteriskApiTest.text(t.key(), "text/csv")
        .body(String.join("\n", rows.subList(7, rows.size())) + "\n")
        .post("/api/v1/cti/asterisk/pbx1/cel")
        .then()
        .statusCode(200);
    CallApiTest.theCall(t, "complete");
    assertThat(day(t, "")).containsEntry("offered", 1).containsEntry("acdMs", 59750);

    // An attended transfer built in pieces: records under either key merge into one, counted once.
    CallApiTest.sendShuffled(t, "attended-transfer.csv", 4, 2);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(CallApiTest.calls(t, "?state=complete").getList("items")).hasSize(2));
    assertThat(day(t, "")).containsEntry("offered", 2).containsEntry("transferred", 1);
  }

  @Test
  void badQueriesAreRefused() {
    TenantKey t = ApiClient.newTenant("kpi-bad");
    for (String q :
        List.of(
            "interval=week",
            "treatment=kind",
            "zone=Mars/Olympus",
            "from=2024-12-07T00:00:00Z&to=2024-12-06T00:00:00Z",
            "from=2024-01-01T00:00:00Z&to=2024-12-06T00:00:00Z&interval=15m",
            "from=yesterday")) {
      as(t.key()).get("/api/v1/cti/kpis?" + q).then().statusCode(400);
    }
    assertThat(figures(t, "interval=hour&zone=Europe/Paris").getString("zone"))
        .isEqualTo("Europe/Paris");
  }

  private static Map<String, Object> queueEvent(
      String id, Instant at, String type, String call, String queue, String agent) {
    Map<String, Object> e = new java.util.HashMap<>();
    e.put("source", "switch");
    e.put("instance", "sw1");
    e.put("id", id);
    e.put("at", at.toString());
    e.put("type", type);
    e.put("call", call);
    e.put("channel", call);
    e.put("number", "+14155550100");
    if (queue != null) {
      e.put("queue", queue);
    }
    if (agent != null) {
      e.put("agent", agent);
    }
    return e;
  }

  /** A call that waits 20 s in {@code queue} and talks a minute. */
  private static List<Map<String, Object>> waitedTwentySeconds(String call, String queue) {
    Instant at = Instant.parse("2024-12-06T09:00:00Z");
    return List.of(
        queueEvent(call + "-1", at, "channel-start", call, null, null),
        queueEvent(call + "-2", at, "queue-enter", call, queue, null),
        queueEvent(call + "-3", at.plusSeconds(20), "queue-connect", call, queue, "Agent Ann"),
        queueEvent(call + "-4", at.plusSeconds(80), "call-end", call, null, null));
  }

  private static float serviceLevel(TenantKey t, String queue) {
    return (Float) day(t, "&queue=" + queue).get("serviceLevel");
  }

  @Test
  void eachQueueIsHeldToItsOwnTargetAndAChangedTargetLeavesNoDifference() {
    TenantKey t = ApiClient.newTenant("kpi-targets");
    as(t.key())
        .body(Map.of("serviceLevelMs", 10_000, "shortAbandonMs", 3_000))
        .put("/api/v1/cti/targets/default")
        .then()
        .statusCode(200);
    as(t.key())
        .body(Map.of("serviceLevelMs", 30_000, "shortAbandonMs", 5_000))
        .put("/api/v1/cti/targets/queues/support")
        .then()
        .statusCode(200);
    as(t.key())
        .get("/api/v1/cti/targets")
        .then()
        .statusCode(200)
        .body("node.serviceLevelMs", org.hamcrest.Matchers.equalTo(20_000))
        .body("tenant.serviceLevelMs", org.hamcrest.Matchers.equalTo(10_000))
        .body("queues.queue", org.hamcrest.Matchers.contains("support"));
    List<Map<String, Object>> events = new java.util.ArrayList<>();
    events.addAll(waitedTwentySeconds("t-support", "support"));
    events.addAll(waitedTwentySeconds("t-sales", "sales"));
    as(t.key()).body(events).post("/api/v1/cti/events").then().statusCode(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(day(t, "")).containsEntry("offered", 2));
    // 20 s is within support's 30 s, not within the tenant's 10 s that sales is held to.
    assertThat(serviceLevel(t, "support")).isEqualTo(1f);
    assertThat(serviceLevel(t, "sales")).isEqualTo(0f);
    assertThat(figures(t, DAY + "&interval=day&queue=support").getInt("serviceLevelMs"))
        .isEqualTo(30_000);
    assertThat(figures(t, DAY + "&interval=day").getInt("serviceLevelMs")).isEqualTo(10_000);

    // A stricter target, then a late event rebuilds the support call: it is taken out with the
    // target it was counted with and counted again with the new one; nothing is left over.
    as(t.key())
        .body(Map.of("serviceLevelMs", 15_000, "shortAbandonMs", 5_000))
        .put("/api/v1/cti/targets/queues/support")
        .then()
        .statusCode(200);
    as(t.key())
        .body(
            List.of(
                queueEvent(
                    "t-support-5",
                    Instant.parse("2024-12-06T09:00:30Z"),
                    "hold",
                    "t-support",
                    null,
                    null)))
        .post("/api/v1/cti/events")
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(serviceLevel(t, "support")).isEqualTo(0f));
    assertThat(day(t, "&queue=support")).containsEntry("offered", 1).containsEntry("answered", 1);
    assertThat(day(t, "")).containsEntry("offered", 2).containsEntry("answered", 2);
    assertThat((Float) day(t, "").get("serviceLevel")).isEqualTo(0f);

    as(t.key())
        .body(Map.of("serviceLevelMs", 10))
        .put("/api/v1/cti/targets/queues/support")
        .then()
        .statusCode(400);
    as(t.key())
        .body(Map.of("serviceLevelMs", 10, "shortAbandonMs", 0))
        .put("/api/v1/cti/targets/queues/support")
        .then()
        .statusCode(400);
    as(t.key()).delete("/api/v1/cti/targets/queues/support").then().statusCode(204);
    as(t.key()).delete("/api/v1/cti/targets/queues/support").then().statusCode(404);
    as(t.key()).delete("/api/v1/cti/targets/default").then().statusCode(204);
    as(t.key())
        .get("/api/v1/cti/targets")
        .then()
        .body("tenant", org.hamcrest.Matchers.nullValue())
        .body("queues", org.hamcrest.Matchers.empty());
    // Another tenant's targets are its own.
    TenantKey other = ApiClient.newTenant("kpi-targets-other");
    as(other.key())
        .get("/api/v1/cti/targets")
        .then()
        .body("tenant", org.hamcrest.Matchers.nullValue());
  }
}
