package io.voxhost.recording;

import static io.voxhost.platform.testing.ApiClient.as;
import static io.voxhost.recording.WebhookTest.completed;
import static io.voxhost.recording.WebhookTest.tenantId;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.recording.service.CompletionWebhooks;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Webhooks on a node that does not allow private targets (the default): internal addresses are
 * refused when saved and, after resolving again, when sent. Every address here is loopback or a
 * literal that is refused before anything is sent; names resolve through /etc/hosts ("localhost")
 * or a resolver the test installs, never DNS.
 */
@QuarkusTest
@TestProfile(WebhookTargetTest.PublicTargetsOnly.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class WebhookTargetTest {

  public static final class PublicTargetsOnly implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("voxhost.webhooks.allow-private-targets", "false");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(RebindingResolver.class);
    }
  }

  /** A public address the test's resolver gives at save; nothing is ever sent to it. */
  private static final String PUBLIC = "93.184.215.14";

  @Inject CompletionWebhooks webhooks;

  @Inject RebindingResolver resolver;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost/hook",
        "http://localhost:8080/hook",
        "http://127.0.0.1/hook",
        "http://127.8.9.10/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::127.0.0.1]/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/",
        "http://10.1.2.3/hook",
        "http://172.16.0.1/hook",
        "https://192.168.1.1/hook",
        "http://[fd00::1]/hook",
        "http://[fe80::1]/hook",
        "http://100.64.0.1/hook",
        "http://0.0.0.0/hook",
        "http://[::]/hook",
        "http://224.0.0.1/hook",
        "http://2130706433/hook",
        "http://0x7f.0.0.1/hook"
      })
  void refusesInternalTargetsWhenSaved(String url) {
    TenantKey t = ApiClient.newTenant("hook-internal");
    as(t.key())
        .body(Map.of("webhookUrl", url))
        .put("/api/v1/recordings/settings")
        .then()
        .statusCode(400)
        .contentType(containsString("application/problem+json"))
        .body("errors.field", hasItem("webhookUrl"));
    as(t.key())
        .get("/api/v1/recordings/settings")
        .then()
        .statusCode(200)
        .body("webhookUrl", equalTo(null));
  }

  /**
   * DNS rebinding: the name resolves to a public address when saved and to loopback when sent. The
   * send-time check refuses it, counts it, and the loopback receiver gets nothing.
   */
  @Test
  void aNameThatRebindsToLoopbackAfterTheSaveIsNotSentTo() throws Exception {
    resolver.answer(PUBLIC);
    try (WebhookTest.Receiver receiver = new WebhookTest.Receiver(n -> 204)) {
      TenantKey t = ApiClient.newTenant("hook-rebind");
      int port = URI.create(receiver.url("/")).getPort();
      WebhookTest.saveWebhook(
          t, Map.of("webhookUrl", "http://" + RebindingResolver.NAME + ":" + port + "/in"));
      double before = refused();
      resolver.answer("127.0.0.1");
      webhooks.completed(completed(tenantId(t)));
      await().atMost(Duration.ofSeconds(5)).until(() -> refused() > before);
      // Had the sender resolved again on its own or skipped the check, it would arrive meanwhile.
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(2))
          .until(() -> receiver.calls.get() == 0);
    }
  }

  private static double refused() {
    String metrics =
        io.restassured.RestAssured.given().get("/q/metrics").then().extract().asString();
    Matcher m =
        Pattern.compile("voxhost_recording_webhooks_total\\{outcome=\"refused\"[^}]*} ([0-9.E]+)")
            .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
