package io.voxhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sip-only node and a full node: the paths of the roles a node does not run answer 404 {@code
 * role-not-enabled} on it, before any of their code runs, and its OpenAPI document leaves them out.
 */
class RoleGatingIT {

  private static final Duration START = Duration.ofSeconds(120);
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Path work;
  private static NodeProcess sipOnly;
  private static NodeProcess full;

  @BeforeAll
  static void startNodes() throws Exception {
    work = TempDirs.create("gating-");
    sipOnly =
        NodeProcess.start(
            work.resolve("sip"),
            Map.of(
                "voxhost.data-dir", work.resolve("sip/data").toString(), "voxhost.roles", "sip"));
    full =
        NodeProcess.start(
            work.resolve("full"), Map.of("voxhost.data-dir", work.resolve("full/data").toString()));
    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> awaitReady(sipOnly));
    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> awaitReady(full));
    CompletableFuture.allOf(a, b).join();
  }

  @AfterAll
  static void stopNodes() throws Exception {
    for (NodeProcess node : new NodeProcess[] {sipOnly, full}) {
      if (node != null) {
        node.close();
      }
    }
    TempDirs.delete(work);
  }

  @Test
  void aSipOnlyNodeRefusesARecordingSessionAsRoleNotEnabled() throws Exception {
    String key = tenantKey(sipOnly, "gated");
    HttpResponse<String> refused =
        sipOnly.post(
            "/api/v1/recordings/sessions",
            key,
            "{\"codec\":\"PCMU\",\"legs\":[{\"label\":\"caller\"}]}");
    assertRoleNotEnabled(refused, "recording");

    HttpResponse<String> served =
        full.post(
            "/api/v1/recordings/sessions",
            tenantKey(full, "served"),
            "{\"codec\":\"PCMU\",\"legs\":[{\"label\":\"caller\"}]}");
    assertThat(served.statusCode()).as(served.body()).isEqualTo(201);
  }

  @Test
  void gatingHoldsWithoutAKeyForPagesAndForEncodedOrDottedPaths() throws Exception {
    assertRoleNotEnabled(sipOnly.get("/recordings"), "recording");
    assertRoleNotEnabled(sipOnly.get("/recordings/download/x"), "recording");
    assertRoleNotEnabled(sipOnly.get("/provision/001122334455.cfg"), "tftp");
    assertRoleNotEnabled(sipOnly.get("/api/v1/provisioning/devices"), "tftp");
    assertRoleNotEnabled(sipOnly.get("/api/v1/cnam/+14155550123"), "cnam");
    assertRoleNotEnabled(sipOnly.get("/api/v1/admin/cnam/directory"), "cnam");
    assertRoleNotEnabled(sipOnly.get("/api/v1/sip/../recordings/sessions"), "recording");
    assertRoleNotEnabled(sipOnly.get("/api/v1/%72ecordings/sessions"), "recording");
    // A neighbour of a role's prefix is not under it.
    HttpResponse<String> neighbour = sipOnly.get("/api/v1/recordingsx");
    assertThat(neighbour.statusCode()).isIn(401, 404);
    assertThat(neighbour.body()).doesNotContain("role-not-enabled");
  }

  @Test
  void theRolesThisNodeRunsAndThePlatformStillAnswer() throws Exception {
    String key = tenantKey(sipOnly, "running");
    assertThat(sipOnly.get("/api/v1/tenant", key).statusCode()).isEqualTo(200);
    assertThat(sipOnly.get("/api/v1/sip/subscribers", key).statusCode()).isEqualTo(200);
    JsonNode ready = JSON.readTree(sipOnly.get("/q/health/ready").body());
    assertThat(ready.toString()).contains("\"sip\"").doesNotContain("\"recording\"");
  }

  /**
   * Every operation the full node documents and the sip-only node leaves out is refused there as
   * role-not-enabled, without a key; nothing the sip-only node documents is missing on the full
   * one.
   */
  @Test
  void theOpenApiDocumentListsOnlyTheEnabledRolesPathsAndEveryOtherIsRefused() throws Exception {
    JsonNode fullPaths = openApiPaths(full);
    JsonNode sipPaths = openApiPaths(sipOnly);
    Set<String> fullNames = names(fullPaths);
    Set<String> sipNames = names(sipPaths);
    assertThat(fullNames).containsAll(sipNames);
    assertThat(sipNames)
        .contains("/api/v1/tenant", "/api/v1/sip/subscribers")
        .noneMatch(
            p ->
                p.startsWith("/api/v1/recordings")
                    || p.startsWith("/api/v1/provisioning")
                    || p.startsWith("/api/v1/cnam")
                    || p.startsWith("/api/v1/cti"));
    assertThat(fullNames)
        .contains(
            "/api/v1/recordings/sessions",
            "/api/v1/provisioning/devices",
            "/api/v1/cnam/{number}",
            "/api/v1/cti/events");

    Set<String> missing = new TreeSet<>(fullNames);
    missing.removeAll(sipNames);
    assertThat(missing).isNotEmpty();
    for (String path : missing) {
      String concrete = path.replaceAll("\\{[^}]+}", "x");
      for (Iterator<String> m = fullPaths.get(path).fieldNames(); m.hasNext(); ) {
        String method = m.next();
        if (!METHODS.contains(method)) {
          continue;
        }
        HttpResponse<String> answer = send(sipOnly, method.toUpperCase(), concrete);
        assertThat(answer.statusCode()).as(method + " " + concrete).isEqualTo(404);
        assertThat(answer.body()).as(method + " " + concrete).contains("role-not-enabled");
      }
    }
  }

  private static void assertRoleNotEnabled(HttpResponse<String> answer, String role)
      throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.get("type").asText()).endsWith("/role-not-enabled");
    assertThat(problem.get("detail").asText()).contains("'" + role + "'");
  }

  private static JsonNode openApiPaths(NodeProcess node) throws Exception {
    HttpResponse<String> doc = node.get("/q/openapi?format=json");
    assertThat(doc.statusCode()).isEqualTo(200);
    return JSON.readTree(doc.body()).get("paths");
  }

  private static Set<String> names(JsonNode paths) {
    Set<String> names = new TreeSet<>();
    paths.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static HttpResponse<String> send(NodeProcess node, String method, String path)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String tenantKey(NodeProcess node, String slug) throws Exception {
    Path dataDir = work.resolve(node == sipOnly ? "sip/data" : "full/data");
    String admin = Files.readString(dataDir.resolve("admin.key")).trim();
    String tenant =
        "{\"slug\":\"" + slug + "\",\"name\":\"Gating\",\"sipDomain\":\"" + slug + ".example\"}";
    assertThat(node.post("/api/v1/admin/tenants", admin, tenant).statusCode()).isEqualTo(201);
    String issued =
        node.post("/api/v1/admin/tenants/" + slug + "/keys", admin, "{\"label\":\"it\"}").body();
    return JSON.readTree(issued).get("key").asText();
  }

  private static void awaitReady(NodeProcess node) {
    try {
      node.awaitReady(START);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
