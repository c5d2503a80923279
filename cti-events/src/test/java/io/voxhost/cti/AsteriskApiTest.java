package io.voxhost.cti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Asterisk's CEL CSV and queue_log over HTTP, from a corpus built from the formats' documentation
 * (cti-formats.md): each row one event, in our words, stored once however often it is sent.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class AsteriskApiTest {

  @Inject AgroalDataSource database;

  static String corpus(String name) throws IOException {
    try (InputStream in = AsteriskApiTest.class.getResourceAsStream("/corpus/asterisk/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static RequestSpecification text(String key, String type) {
    return io.restassured.RestAssured.given()
        .header("Authorization", "Bearer " + key)
        .contentType(type);
  }

  /** The tenant's stored events as "type channel peer call", in time order. */
  List<String> stored(TenantKey t, String source) throws Exception {
    UUID tenant = ApiClient.tenantId(t);
    List<String> out = new ArrayList<>();
    try (Connection c = database.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT type, channel, peer, call_key, queue, agent, number FROM cti.event"
                    + " WHERE tenant_id = ? AND source = ? ORDER BY at, id")) {
      ps.setObject(1, tenant);
      ps.setString(2, source);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              rs.getString(1)
                  + " "
                  + rs.getString(2)
                  + " "
                  + rs.getString(3)
                  + " "
                  + rs.getString(4)
                  + " "
                  + rs.getString(5)
                  + " "
                  + rs.getString(6)
                  + " "
                  + rs.getString(7));
        }
      }
    }
    return out;
  }

  @Test
  void aBasicCallsCelRowsAreItsEventsOnceEach() throws Exception {
    TenantKey t = ApiClient.newTenant("cel-basic");
    String csv = corpus("basic-call.csv");
    text(t.key(), "text/csv")
        .body(csv)
        .post("/api/v1/cti/asterisk/pbx1/cel")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(15))
        .body("rejected", equalTo(List.of()));
    // The same file again (a sender that heard nothing back): kept once.
    text(t.key(), "text/csv")
        .body(csv)
        .post("/api/v1/cti/asterisk/pbx1/cel")
        .then()
        .body("accepted", equalTo(0))
        .body("duplicates", equalTo(15));
    List<String> events = stored(t, "asterisk-cel");
    assertThat(events).hasSize(15);
    assertThat(events.get(0))
        .isEqualTo("channel-start 1733482000.1 null 1733482000.1 null null 100");
    assertThat(events)
        .extracting(e -> e.substring(0, e.indexOf(' ')))
        .containsExactly(
            "channel-start",
            "note",
            "channel-start",
            "answer",
            "answer",
            "bridge-enter",
            "bridge-enter",
            "bridge-exit",
            "hangup",
            "channel-end",
            "bridge-exit",
            "note",
            "hangup",
            "channel-end",
            "call-end");
  }

  @Test
  void rowsOfTheCelTableInThePbxsLocalTimeAreTheSameCall() throws Exception {
    TenantKey t = ApiClient.newTenant("cel-table");
    String csv = corpus("cel-table.csv");
    for (int twice = 0; twice < 2; twice++) {
      text(t.key(), "text/csv")
          .body(csv)
          .post("/api/v1/cti/asterisk/pbx1/cel-table?zone=Europe/Paris")
          .then()
          .statusCode(200)
          .body("accepted", equalTo(twice == 0 ? 15 : 0))
          .body("duplicates", equalTo(twice == 0 ? 0 : 15));
    }
    // The same call as the cel_custom CSV's, its times read in Paris (UTC+1 in December).
    java.util.Map<String, Object> call = CallApiTest.theCall(t, "complete");
    assertThat(call)
        .containsEntry("key", "1733482000.1")
        .containsEntry("answered", "2024-12-06T10:46:44.250Z")
        .containsEntry("talkMs", 59750)
        .containsEntry("outcome", "answered");
    text(t.key(), "text/csv")
        .body(csv)
        .post("/api/v1/cti/asterisk/pbx1/cel-table?zone=Mars/Olympus")
        .then()
        .statusCode(400);
    text(t.key(), "text/csv")
        .body("eventtype,eventtime\nCHAN_START,2024-12-06 11:46:40\n")
        .post("/api/v1/cti/asterisk/pbx1/cel-table")
        .then()
        .statusCode(400);
  }

  @Test
  void aBlindTransferNamesTheTransfereeAsThePeer() throws Exception {
    TenantKey t = ApiClient.newTenant("cel-blind");
    text(t.key(), "text/csv")
        .body(corpus("blind-transfer.csv"))
        .post("/api/v1/cti/asterisk/pbx1/cel")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(22));
    assertThat(stored(t, "asterisk-cel"))
        .contains("transfer-blind 1733482000.10 1733482000.11 1733482000.10 null null 100");
  }

  @Test
  void badRowsAreNamedByLineAndColumnsCanBeNamed() throws Exception {
    TenantKey t = ApiClient.newTenant("cel-bad");
    String csv =
        "eventtype,eventtime,uniqueid,linkedid,cid_num\n"
            + "CHAN_START,1733482000.5,1733482000.5,1733482000.5,100\n"
            + "ANSWER,yesterday,1733482000.5,1733482000.5,100\n"
            + "HANGUP,1733482001,1733482000.5,,100\n";
    Response answer =
        text(t.key(), "text/csv")
            .queryParam("columns", "eventtype,eventtime,uniqueid,linkedid,cid_num")
            .body(csv)
            .post("/api/v1/cti/asterisk/pbx1/cel");
    answer.then().statusCode(200).body("accepted", equalTo(1));
    assertThat(answer.jsonPath().getList("rejected.line", Integer.class)).containsExactly(3, 4);
    assertThat(answer.jsonPath().getList("rejected[0].errors.field", String.class))
        .containsExactly("at");
    assertThat(answer.jsonPath().getList("rejected[1].errors.field", String.class))
        .containsExactly("call");
    text(t.key(), "text/csv")
        .queryParam("columns", "eventtype,eventtime")
        .body(csv)
        .post("/api/v1/cti/asterisk/pbx1/cel")
        .then()
        .statusCode(400);
  }

  @Test
  void queueLogLinesAreQueueEventsOfTheCallersChannel() throws Exception {
    TenantKey t = ApiClient.newTenant("queue-log");
    String lines = corpus("queue_log");
    text(t.key(), "text/plain")
        .body(lines)
        .post("/api/v1/cti/asterisk/pbx1/queue-log")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(8));
    text(t.key(), "text/plain")
        .body(lines)
        .post("/api/v1/cti/asterisk/pbx1/queue-log")
        .then()
        .body("duplicates", equalTo(8));
    assertThat(stored(t, "asterisk-queue-log"))
        .containsExactly(
            "queue-enter 1733482000.20 null 1733482000.20 support null +14155550123",
            "queue-ring-no-answer 1733482000.20 null 1733482000.20 support Agent Alice null",
            "queue-connect 1733482000.20 1733482000.22 1733482000.20 support Agent Bob null",
            "queue-complete 1733482000.20 null 1733482000.20 support Agent Bob null",
            "queue-enter 1733482000.30 null 1733482000.30 support null +14155550199",
            "queue-abandon 1733482000.30 null 1733482000.30 support null null",
            "agent-pause null null queue-log:support:Agent_Bob support Agent Bob null",
            "note null null queue-log:NONE:NONE null null null");
  }
}
