package io.voxhost.cti;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.voxhost.cti.service.CallExport;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Calls as CSV: the same calls as the list, filtered the same, inert to spreadsheets, bounded. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class CallExportTest {

  @Inject CallExport exports;

  private static List<Map<String, String>> csv(String body) throws IOException {
    try (MappingIterator<Map<String, String>> rows =
        new CsvMapper()
            .readerFor(Map.class)
            .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
            .without(CsvParser.Feature.WRAP_AS_ARRAY)
            .readValues(body)) {
      return rows.readAll();
    }
  }

  private static Response export(TenantKey t, String query) {
    return as(t.key()).get("/api/v1/cti/calls/export" + query);
  }

  private static Map<String, Object> event(
      String id, String at, String type, String call, String number, String name) {
    Map<String, Object> e = new java.util.HashMap<>();
    e.put("source", "switch");
    e.put("instance", "sw1");
    e.put("id", id);
    e.put("at", at);
    e.put("type", type);
    e.put("call", call);
    e.put("channel", call);
    if (number != null) {
      e.put("number", number);
      e.put("name", name);
    }
    return e;
  }

  @Test
  void theExportHoldsTheListsCallsFieldForField() throws Exception {
    TenantKey t = ApiClient.newTenant("export");
    for (String file : List.of("basic-call.csv", "busy.csv", "ring-group-no-answer.csv")) {
      AsteriskApiTest.text(t.key(), "text/csv")
          .body(AsteriskApiTest.corpus(file))
          .post("/api/v1/cti/asterisk/pbx1/cel")
          .then()
          .statusCode(200);
    }
    // A caller whose name is a formula, and whose call is a minute later than all the others.
    as(t.key())
        .contentType("application/json")
        .body(
            List.of(
                event(
                    "e1",
                    "2025-01-01T10:00:00Z",
                    "channel-start",
                    "evil",
                    "+14155550100",
                    "=HYPERLINK(\"http://attacker.example\",\"Bob\")"),
                event("e2", "2025-01-01T10:01:00Z", "call-end", "evil", null, null)))
        .post("/api/v1/cti/events")
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(CallApiTest.calls(t, "?state=complete").getList("items")).hasSize(4));

    Response r = export(t, "");
    r.then()
        .statusCode(200)
        .contentType("text/csv; charset=utf-8; header=present")
        .header("Content-Disposition", "attachment; filename=\"calls.csv\"");
    assertThat(r.asString()).startsWith(String.join(",", CallExport.COLUMNS) + "\r\n");
    List<Map<String, String>> rows = csv(r.asString());
    List<Map<String, Object>> listed = CallApiTest.calls(t, "").getList("items");
    assertThat(rows).hasSameSizeAs(listed);
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> row = rows.get(i);
      Map<String, Object> call = listed.get(i);
      assertThat(row.get("id")).isEqualTo(call.get("id"));
      assertThat(row.get("outcome")).isEqualTo(call.get("outcome"));
      assertThat(row.get("started")).isEqualTo(call.get("started"));
      assertThat(row.get("callee"))
          .isEqualTo(String.valueOf(call.get("callee")).replace("null", ""));
      assertThat(row.get("talk_ms"))
          .isEqualTo(call.get("talkMs") == null ? "" : call.get("talkMs").toString());
    }
    Map<String, String> evil = rows.get(rows.size() - 1);
    assertThat(evil.get("caller_number")).isEqualTo("+14155550100");
    assertThat(evil.get("caller_name"))
        .isEqualTo("'=HYPERLINK(\"http://attacker.example\",\"Bob\")");

    // Filtered as the list is.
    assertThat(csv(export(t, "?outcome=busy").asString()))
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("outcome", "busy"));
    assertThat(csv(export(t, "?from=2025-01-01T00:00:00Z").asString()))
        .extracting(row -> row.get("caller_number"))
        .containsExactly("+14155550100");
    export(t, "?state=happy").then().statusCode(400);
    export(t, "?to=tomorrow").then().statusCode(400);
    // Another tenant's export is empty: its header alone.
    TenantKey other = ApiClient.newTenant("export-other");
    assertThat(export(other, "").asString())
        .isEqualTo(String.join(",", CallExport.COLUMNS) + "\r\n");
  }

  @Test
  void aTenantStreamsOneExportAtOnce() throws Exception {
    TenantKey t = ApiClient.newTenant("export-busy");
    UUID tenant = ApiClient.tenantId(t);
    try (CallExport.Slot held = exports.open(tenant)) {
      export(t, "").then().statusCode(429).header("Retry-After", "10");
      // Another tenant is not held up by it.
      export(ApiClient.newTenant("export-free"), "").then().statusCode(200);
    }
    export(t, "").then().statusCode(200);
  }
}
